"""Approving and issuing freezes and numbers the report for ever: it happens only once the user has confirmed."""

import pytest
from django.urls import reverse

from reports import services, workflow
from reports.models import ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(ward_a, plan_a):
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    report.results = "Kết quả quý I."
    report.save()
    return workflow.submit(report, ward_a.users["bloc"])


def test_approval_without_confirmation_asks_on_the_page_and_changes_nothing(ward_a, submitted, client_for):
    client = client_for(ward_a.users["standing"])
    pk = submitted.pk

    response = client.post(reverse("reports:report_approve", args=[pk]), {})

    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED and submitted.document_code == ""
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Phê duyệt và ban hành báo cáo quý 1/2024?" in page
    assert "không sửa và không trả lại được nữa" in page
    assert 'name="confirmed" value="1"' in page


def test_confirmed_approval_issues_the_report(ward_a, submitted, client_for, django_capture_on_commit_callbacks):
    client = client_for(ward_a.users["standing"])
    pk = submitted.pk

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_approve", args=[pk]), {"confirmed": "1"})

    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.APPROVED and submitted.document_code == "01-BC/ĐU"


def test_the_report_page_asks_before_approving_and_keeps_the_return_form_out_of_the_button_row(
        ward_a, submitted, client_for):
    page = client_for(ward_a.users["standing"]).get(submitted.get_absolute_url()).content.decode()

    row = page[page.index('class="actions report-actions"'):]
    row = row[:row.index("</div>")]
    assert "data-confirm=" in row and "Phê duyệt và ban hành" in row
    assert 'name="comment"' not in row
    assert 'id="tra-lai"' in page and "<script>" not in page
