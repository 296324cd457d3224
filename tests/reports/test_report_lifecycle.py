"""The quarterly report's lifecycle around the figures: the bloc is told the draft is ready, the Standing
Committee returns it with a comment, approval freezes what the PDF prints and numbers it within the term, and
the figures download as Excel."""

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.areas import sections_for
from core.models import Notification
from reports import services, workflow
from reports.models import DocumentCounter, PdfState, QuarterlyReport, ReportStatus
from reports.pdf import party_date
from reports.tasks import generate_report_pdf, prepare_draft, resend_pending_pdfs

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _submitted(ward, year, quarter):
    report = services.prepare_draft(ward.ward.pk, year, quarter)
    workflow.update_narrative(report, ward.users["bloc"], results="Các đơn vị đã xây dựng kế hoạch.")
    return workflow.submit(report, ward.users["bloc"])


def _approve_on(monkeypatch, report, user, *moment):
    """Approve as if the Standing Committee signed on that day (the number's term follows the signing date)."""
    signed = datetime(*moment, tzinfo=HANOI)
    monkeypatch.setattr(timezone, "now", lambda: signed)
    try:
        return workflow.approve(report, user)
    finally:
        monkeypatch.undo()


# --- Excel ----------------------------------------------------------------------------------------

def test_excel_export_holds_the_reports_figures_under_vietnamese_headers(ward_a, plan_a, client_for):
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    bloc = ward_a.users["bloc"]

    response = client_for(bloc).get(reverse("reports:report_excel", args=[report.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="bao-cao-quy-1-2024.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["Số liệu"]
    rows = [tuple(cell for cell in row if cell is not None) for row in workbook["Số liệu"].iter_rows(values_only=True)]
    assert rows[0] == ("Báo cáo quý 1 năm 2024 – Đảng ủy phường An Hòa",)
    assert rows[1] == ("Số liệu từ 15/12/2023 đến 14/03/2024",)
    visible = {section.key for section in sections_for(bloc)}
    sections = report.figures["sections"]
    assert {s["key"] for s in sections} - visible, "the test needs a section the bloc may not see"
    for section in sections:
        if section["key"] not in visible:
            assert (section["title"],) not in rows, section["title"]
            continue
        start = rows.index((section["title"],))
        assert rows[start + 1] == ("Chỉ tiêu", "Số liệu")
        figures = rows[start + 2:start + 2 + len(section["rows"])]
        assert figures == [tuple(cell for cell in row if cell) for row in section["rows"]], section["key"]
    units = rows.index(("Báo cáo của các đơn vị",))
    assert rows[units + 1] == ("Đơn vị", "Tình trạng", "Thời hạn")
    assert [row[0] for row in rows[units + 2:]] == [row["unit"] for row in report.figures["units"]]
    assert rows[units + 2][1] == "Chưa báo cáo"


def test_excel_of_an_approved_report_shows_its_number_and_the_frozen_figures(ward_a, plan_a, client_for):
    standing = ward_a.users["standing"]
    report = workflow.approve(_submitted(ward_a, 2024, 1), standing)
    frozen_rows = report.frozen["figures"]["sections"][0]["rows"]
    QuarterlyReport.objects.filter(pk=report.pk).update(figures={"sections": [], "units": []})

    response = client_for(standing).get(reverse("reports:report_excel", args=[report.pk]))

    rows = [tuple(cell for cell in row if cell is not None)
            for row in load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert ("Số 01-BC/ĐU",) in rows
    assert tuple(frozen_rows[0]) in rows


# --- Notification of the draft --------------------------------------------------------------------

def test_the_draft_job_notifies_the_bloc_once_in_the_portal_and_by_email_with_an_absolute_link(
        ward_a, plan_a, mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.DANVAN_SITE_URL = "https://danvan.anhoa.example.vn"
    bloc = ward_a.users["bloc"]
    title = "Dự thảo báo cáo quý 1/2024 đã sẵn sàng"

    with django_capture_on_commit_callbacks(execute=True):
        prepare_draft.delay(ward_a.ward.pk, 2024, 1)
        prepare_draft.delay(ward_a.ward.pk, 2024, 1)  # beat sent it twice, or a worker retried it

    report = QuarterlyReport.objects.get(ward=ward_a.ward, year=2024, quarter=1)
    notification = Notification.objects.get(recipient=bloc, title=title)
    assert notification.link == report.get_absolute_url()
    mails = [mail for mail in mailoutbox if bloc.email in mail.to and mail.subject == title]
    assert len(mails) == 1
    assert "Hạn trình Ban Thường vụ: 15/03/2024." in mails[0].body
    assert f"https://danvan.anhoa.example.vn/bao-cao/{report.pk}/" in mails[0].body.split()
    others = [ward_a.users["standing"], ward_a.users["officer_ubnd"]]
    assert not Notification.objects.filter(recipient__in=others, title=title).exists()
    assert all(bloc.email in mail.to for mail in mailoutbox if mail.subject == title)


# --- Returned with a comment ----------------------------------------------------------------------

def test_a_returned_report_keeps_the_standing_committees_comment_for_the_bloc(ward_a, plan_a, client_for):
    report = _submitted(ward_a, 2024, 1)
    standing = client_for(ward_a.users["standing"])
    pk = report.pk
    comment = "Bổ sung kết quả Chủ nhật xanh của các tổ dân phố; nêu rõ nguyên nhân chậm."

    standing.post(reverse("reports:report_return", args=[pk]), {"comment": "  "})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED  # a return needs the reason
    standing.post(reverse("reports:report_return", args=[pk]), {"comment": comment})

    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.return_comment == comment
    page = client_for(ward_a.users["bloc"]).get(report.get_absolute_url()).content.decode()
    box, history = page.split('id="y-kien-tra-lai"')[1], page.split('id="lich-su"')[1]
    assert comment in box.split("</section>")[0]
    assert comment in history and "Ý kiến của Ban Thường vụ khi trả lại" in history
    assert ward_a.users["standing"].username in history or str(ward_a.users["standing"]) in history


def test_the_comment_is_no_longer_shown_once_the_report_is_approved(ward_a, plan_a, client_for):
    bloc, standing = ward_a.users["bloc"], ward_a.users["standing"]
    report = workflow.return_to_draft(_submitted(ward_a, 2024, 1), standing, "Bổ sung số liệu.")
    workflow.submit(report, bloc)

    workflow.approve(report, standing)

    page = client_for(bloc).get(report.get_absolute_url()).content.decode()
    assert 'id="y-kien-tra-lai"' not in page


# --- Frozen document header -----------------------------------------------------------------------

def test_an_approved_pdf_keeps_its_place_signer_and_issuers_when_the_plan_and_units_change(
        ward_a, plan_a, monkeypatch, pdftotext):
    plan_a.place, plan_a.signer_name, plan_a.signer_title = "Bắc Giang", "Nguyễn Văn Thành", "Bí thư"
    plan_a.save()
    report = _approve_on(monkeypatch, _submitted(ward_a, 2024, 1), ward_a.users["standing"], 2024, 3, 12, 9)
    plan_a.place, plan_a.signer_name, plan_a.signer_title = "Hà Nội", "Trần Thị Loan", "Phó Bí thư"
    plan_a.save()
    ward = ward_a.ward
    ward.name = "Đảng ủy phường Tân Lập"
    ward.save()
    ward.parent.name = "Thành ủy Đổi Tên"
    ward.parent.save()

    assert resend_pending_pdfs() == 1  # the worker renders it now (approved on 12/3), after the changes

    report.refresh_from_db()
    assert report.pdf_state == PdfState.READY
    text = pdftotext(report.pdf.read())
    # The superior line names the Party organisation the parent committee leads (Hướng dẫn 36-HD/VPTW).
    for original in ("ĐẢNG BỘ THÀNH PHỐ THỬ", "ĐẢNG ỦY PHƯỜNG AN HÒA", "Bắc Giang, ngày 12 tháng 3 năm 2024",
                     "Nguyễn Văn Thành", "BÍ THƯ"):
        assert original in text, original
    for changed in ("Hà Nội", "Trần Thị Loan", "PHÓ BÍ THƯ", "Tân Lập", "TÂN LẬP", "ĐỔI TÊN"):
        assert changed not in text, changed
    assert report.checksum == services.canonical_checksum(report.frozen)


def test_the_command_renders_an_approved_report_from_its_frozen_copy(ward_a, plan_a, tmp_path, pdftotext):
    from django.core.management import call_command

    plan_a.signer_name = "Nguyễn Văn Thành"
    plan_a.save()
    workflow.approve(_submitted(ward_a, 2024, 1), ward_a.users["standing"])
    plan_a.signer_name = "Trần Thị Loan"
    plan_a.save()
    output = tmp_path / "q1.pdf"

    call_command("quarterly_report", ward="phuong-a", year=2024, quarter=1, output=str(output))

    text = pdftotext(output.read_bytes())
    assert "Nguyễn Văn Thành" in text and "Trần Thị Loan" not in text


@pytest.mark.parametrize("day, expected", [
    ((2024, 2, 5), {"day": "05", "month": "02", "year": 2024}),
    ((2024, 3, 14), {"day": "14", "month": "3", "year": 2024}),
    ((2024, 12, 1), {"day": "01", "month": "12", "year": 2024}),
])
def test_date_line_writes_a_zero_before_days_under_10_and_months_1_and_2(day, expected):
    from datetime import date

    assert party_date(date(*day)) == expected


# --- Numbering within the Party Committee's term ----------------------------------------------------

def test_document_numbers_restart_at_01_in_the_new_term(ward_a, plan_a, monkeypatch, settings):
    settings.DANVAN_TERM_START_YEARS = [2020, 2025]
    standing = ward_a.users["standing"]

    q3 = _approve_on(monkeypatch, _submitted(ward_a, 2024, 3), standing, 2024, 9, 12, 10)
    q4 = _approve_on(monkeypatch, _submitted(ward_a, 2024, 4), standing, 2024, 12, 12, 10)
    q1 = _approve_on(monkeypatch, _submitted(ward_a, 2025, 1), standing, 2025, 3, 12, 10)
    q2 = _approve_on(monkeypatch, _submitted(ward_a, 2025, 2), standing, 2025, 6, 12, 10)

    assert [r.document_code for r in (q3, q4, q1, q2)] == ["01-BC/ĐU", "02-BC/ĐU", "01-BC/ĐU", "02-BC/ĐU"]
    assert q1.frozen["document_code"] == "01-BC/ĐU" and q1.frozen["approved_on"] == "2025-03-12"
    counters = DocumentCounter.objects.filter(ward=ward_a.ward, doc_type="BC")
    assert dict(counters.values_list("term_start", "last_number")) == {2020: 2, 2025: 2}


# --- Who reads which PDF --------------------------------------------------------------------------

def test_the_pdf_leaves_out_the_religion_section_for_readers_who_may_not_see_it(ward_a, plan_a, client_for,
                                                                               pdftotext):
    report = workflow.approve(_submitted(ward_a, 2024, 1), ward_a.users["standing"])
    generate_report_pdf.apply(args=[report.pk])  # what the worker does after the approval's commit
    url = reverse("reports:report_pdf", args=[report.pk])
    religion_title = "Quản lý nhà nước về tôn giáo, tín ngưỡng"

    for_standing = pdftotext(client_for(ward_a.users["standing"]).get(url).getvalue())
    for_bloc = pdftotext(client_for(ward_a.users["bloc"]).get(url).getvalue())
    through_api = client_for(ward_a.users["bloc"]).get(f"/api/quarterly-reports/{report.pk}/pdf/")

    assert religion_title in for_standing
    assert religion_title not in for_bloc
    assert "T/M ĐẢNG ỦY" in for_bloc and "Số 01-BC/ĐU" in for_bloc
    assert religion_title not in pdftotext(through_api.getvalue())


def test_the_stored_pdf_has_an_unguessable_name_and_is_read_through_the_checked_view(
        ward_a, ward_b, plan_a, client_for, _media_root):
    from pathlib import Path

    report = workflow.approve(_submitted(ward_a, 2024, 1), ward_a.users["standing"])
    generate_report_pdf.apply(args=[report.pk])
    report.refresh_from_db()
    url = reverse("reports:report_pdf", args=[report.pk])

    folder, _, filename = report.pdf.name.rpartition("/")
    assert filename == "bao-cao-quy-1-2024-phuong-a.pdf"
    assert folder.startswith("reports/") and len(folder) >= len("reports/") + 16  # a random folder of its own
    assert client_for(ward_a.users["standing"]).get(url).getvalue().startswith(b"%PDF-")
    for other in (ward_a.users["officer_ubnd"], ward_b.users["bloc"], ward_b.users["standing"]):
        assert client_for(other).get(url).status_code == 404
    # A PDF stored before, under the guessable name, is still served through the view.
    old_name = "reports/bao-cao-quy-1-2024-phuong-a.pdf"
    Path(_media_root, old_name).write_bytes(report.pdf.read())
    QuarterlyReport.objects.filter(pk=report.pk).update(pdf=old_name)
    assert client_for(ward_a.users["standing"]).get(url).getvalue().startswith(b"%PDF-")

