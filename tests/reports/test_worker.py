"""The draft job through a real worker (CI: Redis and a Celery subprocess), or in-process without a broker."""

import pytest

from reports.models import QuarterlyReport, UnitReport
from reports.tasks import generate_report_pdf, prepare_draft
from tests.support.celery_worker import wait_for

pytestmark = pytest.mark.celery_worker


def test_draft_job_sent_twice_leaves_one_draft(celery_worker_process, ward_a, plan_a):
    first = prepare_draft.delay(ward_a.ward.pk, 2024, 1)
    second = prepare_draft.delay(ward_a.ward.pk, 2024, 1)
    if celery_worker_process is not None:
        first.get(timeout=60)
        second.get(timeout=60)
    wait_for(lambda: QuarterlyReport.objects.filter(ward=ward_a.ward, year=2024, quarter=1).exists())
    report = QuarterlyReport.objects.get(ward=ward_a.ward, year=2024, quarter=1)
    assert report.figures["sections"][0]["key"] == "plan"
    units = list(UnitReport.objects.filter(report=report).values_list("unit_id", flat=True))
    assert len(units) == len(set(units)) > 0


def test_pdf_job_is_rendered_in_the_worker_once(celery_worker_process, ward_a, plan_a):
    from reports import services, workflow

    bloc, standing = ward_a.users["bloc"], ward_a.users["standing"]
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    workflow.update_narrative(report, bloc, results="Kết quả quý I")
    workflow.submit(report, bloc)
    report = workflow.approve(report, standing)  # the job is sent on commit
    result = generate_report_pdf.delay(report.pk)
    if celery_worker_process is not None:
        result.get(timeout=120)
    wait_for(lambda: QuarterlyReport.objects.get(pk=report.pk).pdf_state == "ready", timeout=120)
    report.refresh_from_db()
    name = report.pdf.name
    generate_report_pdf.delay(report.pk)  # again: the same frozen content is not rendered twice
    if celery_worker_process is not None:
        generate_report_pdf.delay(report.pk).get(timeout=60)
    report.refresh_from_db()
    assert report.pdf.name == name and name.endswith(".pdf")
    if celery_worker_process is None:  # the worker process writes under its own media folder
        assert report.pdf.read(5) == b"%PDF-"
