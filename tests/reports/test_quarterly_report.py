"""Drafts, idempotency, narrative kept on regeneration, submission, approval and freezing, PDF."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from plans.models import Task
from plans.services import record_progress
from reports import services, workflow
from reports.models import PdfState, QuarterlyReport, ReportStatus, UnitReport, UnitReportState
from reports.tasks import prepare_draft, prepare_quarterly_drafts

pytestmark = pytest.mark.django_db


def _section(report, key):
    return next(s for s in report.figures["sections"] if s["key"] == key)


def test_draft_figures_count_tasks_as_they_stood_at_the_cutoff(ward_a, plan_a):
    from accountability.models import UnitPlanRound
    from accountability.services import sync_round_units

    # The "before 10/3" task takes its progress from the units' plans submitted (plans.bindings).
    plan_round = UnitPlanRound.objects.create(ward=ward_a.ward, title="Kế hoạch của các đơn vị",
                                              deadline=date(2024, 3, 10))
    sync_round_units(plan_round, [ward_a.unit("ubnd")])
    plan_round.submissions.update(submitted_on=date(2024, 3, 8))
    plan_round.submissions.get().save()
    later = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("mttq")).first()
    record_progress(later, percent=50, note="Sau kỳ báo cáo", reported_on=date(2024, 4, 2))
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    areas = {a["number"]: a for a in _section(report, "plan")["data"]["areas"]}
    assert areas["IV"]["done"] == 1
    assert sum(a["in_progress"] for a in areas.values()) == 0  # the April report is after 14/3
    green_sunday = areas["6"]
    assert green_sunday["overdue"] == 1  # no Green Sunday reported since January
    assert report.period_start == date(2023, 12, 15) and report.period_end == date(2024, 3, 14)


def test_draft_job_twice_leaves_one_draft_and_keeps_the_narrative(ward_a, plan_a):
    prepare_draft.delay(ward_a.ward.pk, 2024, 1)
    report = QuarterlyReport.objects.get(ward=ward_a.ward, year=2024, quarter=1)
    workflow.update_narrative(report, ward_a.users["bloc"], results="Các đơn vị đã xây dựng kế hoạch.")
    prepare_draft.delay(ward_a.ward.pk, 2024, 1)
    assert QuarterlyReport.objects.filter(ward=ward_a.ward, year=2024, quarter=1).count() == 1
    report.refresh_from_db()
    assert report.results == "Các đơn vị đã xây dựng kế hoạch."
    units = UnitReport.objects.filter(report=report)
    assert units.count() == len({u.unit_id for u in units})
    assert units.filter(unit=ward_a.unit("ubnd")).exists()


def test_daily_job_prepares_every_ward_only_inside_the_lead_time(ward_a, ward_b, plan_a, plan_b, settings):
    settings.DANVAN_REPORT_DRAFT_DAYS = 10
    assert prepare_quarterly_drafts("2024-02-20") == 0
    assert not QuarterlyReport.objects.exists()
    prepare_quarterly_drafts("2024-03-06")
    prepare_quarterly_drafts("2024-03-07")
    assert sorted(QuarterlyReport.objects.values_list("ward__code", flat=True)) == ["phuong-a", "phuong-b"]


def test_bloc_writes_submits_standing_committee_approves_and_the_report_freezes(
        ward_a, plan_a, client_for, pdftotext, django_capture_on_commit_callbacks):
    bloc, standing = ward_a.users["bloc"], ward_a.users["standing"]
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    with pytest.raises(ValidationError):
        workflow.submit(report, bloc)  # no narrative yet
    with pytest.raises(PermissionDenied):
        workflow.update_narrative(report, ward_a.users["officer_ubnd"], results="x")
    client = client_for(bloc)
    pk = report.pk
    client.post(reverse("reports:report_save", args=[pk]), {"results": "Hoàn thành kế hoạch của các đơn vị.",
                      "limitations": "Chủ nhật xanh chưa đều.", "causes": "", "next_steps": "Duy trì giao ban."})
    client.post(reverse("reports:report_submit", args=[pk]), {})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert client.post(reverse("reports:report_approve", args=[pk]), {"confirmed": "1"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED  # the bloc cannot approve
    with django_capture_on_commit_callbacks(execute=True):
        client_for(standing).post(reverse("reports:report_approve", args=[pk]), {"confirmed": "1"})
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert report.document_code == "01-BC/ĐU"
    assert report.checksum == services.canonical_checksum(report.frozen)
    assert report.pdf_state == PdfState.READY  # eager Celery ran the worker task on commit
    frozen_overdue = _section(report, "plan")["data"]["areas"]
    # Later data does not change the approved report.
    record_progress(Task.objects.get(plan=plan_a, title__contains="Chủ nhật xanh"), percent=100, note="Muộn",
                    reported_on=date(2024, 3, 1), occurrence_due=date(2024, 1, 7))
    services.prepare_draft(ward_a.ward.pk, 2024, 1)
    report.refresh_from_db()
    assert report.frozen["figures"]["sections"][0]["data"]["areas"] == frozen_overdue
    with pytest.raises(PermissionDenied):
        workflow.update_narrative(report, bloc, results="Sửa sau khi duyệt")
    page = client_for(standing).get(report.get_absolute_url())
    assert "01-BC/ĐU" in page.content.decode()
    pdf = client_for(standing).get(reverse("reports:report_pdf", args=[report.pk]))
    assert pdf.status_code == 200
    text = pdftotext(b"".join(pdf.streaming_content))
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "T/M ĐẢNG ỦY", "ĐẢNG ỦY PHƯỜNG AN HÒA", "01-BC/ĐU",
                     "Hoàn thành kế hoạch của các đơn vị", "quý I năm 2024", "Nơi nhận"):
        assert expected in text, expected


def test_second_approved_report_gets_the_next_number(ward_a, plan_a):
    bloc, standing = ward_a.users["bloc"], ward_a.users["standing"]
    codes = []
    for quarter in (1, 2):
        report = services.prepare_draft(ward_a.ward.pk, 2024, quarter)
        workflow.update_narrative(report, bloc, results="Kết quả")
        workflow.submit(report, bloc)
        codes.append(workflow.approve(report, standing).document_code)
    assert codes == ["01-BC/ĐU", "02-BC/ĐU"]


def test_unit_reports_on_time_late_missing_and_locked_once_accepted(ward_a, plan_a, client_for):
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    mttq = UnitReport.objects.get(report=report, unit=ward_a.unit("mttq"))
    client = client_for(ward_a.users["officer_mttq"])
    assert client.post(mttq.get_absolute_url(), {"text": ""}).status_code == 400
    client.post(mttq.get_absolute_url(), {"text": "MTTQ đã tổ chức hội nghị triển khai."})
    mttq.refresh_from_db()
    assert mttq.state == UnitReportState.SUBMITTED
    assert mttq.timeliness() in ("on_time", "late")
    # Another unit's report answers 404 to this officer.
    ubnd = UnitReport.objects.get(report=report, unit=ward_a.unit("ubnd"))
    assert client.get(ubnd.get_absolute_url()).status_code == 404
    assert ubnd.timeliness() == "missing"
    bloc = client_for(ward_a.users["bloc"])
    bloc.post(mttq.get_absolute_url(), {"review": "return", "comment": ""})
    mttq.refresh_from_db()
    assert mttq.state == UnitReportState.SUBMITTED  # returning needs a comment
    bloc.post(mttq.get_absolute_url(), {"review": "accept"})
    mttq.refresh_from_db()
    assert mttq.state == UnitReportState.ACCEPTED
    client.post(mttq.get_absolute_url(), {"text": "Sửa lại"})
    mttq.refresh_from_db()
    assert mttq.text == "MTTQ đã tổ chức hội nghị triển khai."


def test_the_bloc_cannot_write_a_units_results_for_it(ward_a, plan_a, client_for):
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    mttq = UnitReport.objects.get(report=report, unit=ward_a.unit("mttq"))

    response = client_for(ward_a.users["bloc"]).post(mttq.get_absolute_url(), {"text": "Khối viết thay đơn vị"})

    mttq.refresh_from_db()
    assert response.status_code == 403
    assert mttq.state == UnitReportState.MISSING and mttq.text == ""


def test_units_are_reminded_before_and_after_their_deadline(ward_a, plan_a, settings):
    from core.models import Notification

    settings.DANVAN_UNIT_REMINDER_DAYS = (7, 2)
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    assert report.unit_due_date == date(2024, 3, 10)
    assert services.unit_reminders(report, date(2024, 3, 5)) == 0
    sent = services.unit_reminders(report, date(2024, 3, 3))
    assert sent > 0
    assert services.unit_reminders(report, date(2024, 3, 3)) == 0  # same day again: no duplicates
    officer = ward_a.users["officer_mttq"]
    assert Notification.objects.filter(recipient=officer, title__contains="Còn 7 ngày").exists()
    services.unit_reminders(report, date(2024, 3, 11))
    assert Notification.objects.filter(recipient=officer, title__startswith="Quá hạn").exists()


def test_reports_are_hidden_from_unit_officers_and_other_wards(ward_a, ward_b, plan_a, client_for):
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    assert client_for(ward_a.users["officer_ubnd"]).get(report.get_absolute_url()).status_code == 404
    assert client_for(ward_b.users["bloc"]).get(report.get_absolute_url()).status_code == 404
    assert client_for(ward_a.users["standing"]).get(report.get_absolute_url()).status_code == 200


def test_management_command_writes_the_pdf(ward_a, plan_a, tmp_path, pdftotext):
    from django.core.management import call_command

    output = tmp_path / "q1.pdf"
    call_command("quarterly_report", ward="phuong-a", year=2024, quarter=1, output=str(output))
    text = pdftotext(output.read_bytes())
    assert "BÁO CÁO" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text


def test_the_pdf_names_each_areas_tasks_done_in_progress_and_overdue_with_their_units(ward_a, plan_a, pdftotext):
    from reports.pdf import render_report_pdf

    # Tasks whose progress is typed (a bound task takes it from the area's records).
    once = Task.objects.filter(plan=plan_a, recurrence="once", binding__isnull=True).order_by("pk")
    done, started = once[0], once[1]
    record_progress(done, percent=100, note="Đã xong", reported_on=date(2024, 3, 1))
    record_progress(started, percent=40, note="Đang làm", reported_on=date(2024, 3, 1))

    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    text = " ".join(pdftotext(render_report_pdf(report)).split())

    assert "Đã hoàn thành:" in text and "Đang thực hiện:" in text and "Quá hạn:" in text
    assert f"({done.lead_unit.name}" in text
    assert f"({started.lead_unit.name}, 40%)" in text


def test_pending_pdf_of_an_approval_made_while_the_broker_was_down_is_sent_again(ward_a, plan_a):
    from datetime import timedelta

    from django.utils import timezone

    from reports.tasks import resend_pending_pdfs

    bloc, standing = ward_a.users["bloc"], ward_a.users["standing"]
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    workflow.update_narrative(report, bloc, results="Kết quả")
    workflow.submit(report, bloc)
    report = workflow.approve(report, standing)  # no commit in this test: the job was never sent
    QuarterlyReport.objects.filter(pk=report.pk).update(approved_at=timezone.now() - timedelta(hours=1))
    assert resend_pending_pdfs() == 1
    report.refresh_from_db()
    assert report.pdf_state == PdfState.READY
