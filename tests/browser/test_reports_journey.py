"""The quarterly report journey: the bloc writes and submits the Q1 2024 draft, the Standing Committee approves,
the PDF downloads and reads as a Party report."""

import shutil
import subprocess

import pytest

from reports import services
from reports.models import QuarterlyReport, ReportStatus
from tests.browser_support import login, screenshot

pytestmark = pytest.mark.browser


def test_bloc_submits_standing_committee_approves_pdf_downloads(page, new_page, live_server, ward_a, plan_a, tmp_path):
    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)

    login(page, live_server, ward_a.users["bloc"])
    page.goto(f"{live_server.url}/bao-cao/")
    page.get_by_role("link", name="Quý 1/2024").click()
    page.get_by_label("Kết quả đạt được").fill("Các đơn vị đã xây dựng kế hoạch thực hiện trước ngày 10/3/2024.")
    page.get_by_label("Phương hướng quý tới").fill("Duy trì Chủ nhật xanh hằng tuần ở tất cả tổ dân phố.")
    page.get_by_role("button", name="Lưu nội dung").click()
    page.get_by_text("Đã lưu nội dung báo cáo.").wait_for()
    page.get_by_role("button", name="Trình Ban Thường vụ").click()
    page.get_by_text("Đã trình báo cáo lên Ban Thường vụ.").wait_for()
    screenshot(page, "journey-report-submitted")

    standing = new_page()
    login(standing, live_server, ward_a.users["standing"])
    standing.goto(f"{live_server.url}{report.get_absolute_url()}")
    standing.get_by_role("button", name="Phê duyệt và ban hành").click()
    standing.get_by_text("Đã phê duyệt báo cáo số 01-BC/ĐU").wait_for()
    download_link = standing.get_by_role("link", name="Tải PDF")
    download_link.wait_for(timeout=30_000)
    screenshot(standing, "journey-report-approved")
    with standing.expect_download() as info:
        download_link.click()
    pdf_path = tmp_path / "report.pdf"
    info.value.save_as(pdf_path)

    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert QuarterlyReport.objects.count() == 1
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is missing: run scripts/setup --test"
    text = subprocess.run([pdftotext, "-layout", str(pdf_path), "-"], capture_output=True, check=True).stdout.decode()
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "T/M ĐẢNG ỦY", "Đảng ủy phường An Hòa", "Số 01-BC/ĐU",
                     "trước ngày 10/3/2024"):
        assert expected in text, expected
    pdftoppm = shutil.which("pdftoppm")
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf_path),
                    str(screenshot.__globals__["SCREENSHOTS"] / "report-pdf-page")], check=True)
