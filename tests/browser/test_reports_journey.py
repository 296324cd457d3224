"""The quarterly report journey: the bloc writes and submits the Q1 2024 draft, the Standing Committee approves,
the PDF downloads and reads as a Party report."""

import shutil
import subprocess

import pytest
from django.utils import timezone
from PIL import Image

from reports import services
from reports.models import QuarterlyReport, ReportStatus
from tests.support.browser import SCREENSHOTS, login, screenshot

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
    standing.get_by_role("alertdialog").get_by_role("button", name="Đồng ý, phê duyệt và ban hành").click()
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
    pages = _pdftotext(pdf_path).split("\f")
    pages = [text for text in pages if text.strip()]
    first, last = pages[0], pages[-1]
    approved = timezone.localdate(report.approved_at)
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY PHƯỜNG AN HÒA", "Số 01-BC/ĐU", "BÁO CÁO",
                     f"Bắc Giang, ngày {approved.day:02d} tháng", "quý I năm 2024", "Đảng ủy phường An Hòa"):
        assert expected in first, expected
    # Page numbers stand at the top from page 2 (Hướng dẫn 36-HD/VPTW); page 1 carries none.
    assert first.splitlines()[0].strip() != "1"
    for expected in ("Nơi nhận:", "T/M ĐẢNG ỦY", "BÍ THƯ", "Đỗ Huy Hoàng", "Lưu Văn phòng Đảng ủy."):
        assert expected in last, expected
    if len(pages) > 1:
        assert last.strip().splitlines()[0].strip() == str(len(pages))
    body = "".join(pages)
    assert "trước ngày 10/3/2024" in body and "Duy trì Chủ nhật xanh hằng tuần" in body

    image = _first_page_png(pdf_path, SCREENSHOTS / "report-pdf-page")
    with Image.open(image) as png:
        width, height = png.size
        ink = sum(png.convert("L").histogram()[:128]) / (width * height)
    assert height / width == pytest.approx(297 / 210, rel=0.01)  # A4 portrait
    assert width == pytest.approx(210 / 25.4 * 60, abs=2)  # 60 dpi
    assert 0.01 < ink < 0.25  # black text on white paper, not an empty or a black page


def _pdftotext(pdf_path):
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is missing: run scripts/setup --test"
    return subprocess.run([pdftotext, "-layout", str(pdf_path), "-"], capture_output=True, check=True).stdout.decode()


def _first_page_png(pdf_path, prefix):
    """Page 1 as a PNG at 60 dpi, next to the journey's screenshots (var/screenshots/report-pdf-page-1.png)."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is missing: run scripts/setup --test"
    prefix.parent.mkdir(parents=True, exist_ok=True)
    for old in prefix.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf_path), str(prefix)], check=True)
    images = list(prefix.parent.glob(f"{prefix.name}-*.png"))  # pdftoppm pads the page number: -1 or -01
    assert len(images) == 1, images
    return images[0]
