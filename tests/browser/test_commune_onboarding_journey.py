"""Issue 18's journey in a real browser: a province's administrator creates a commune from the post-2025
template and uploads three accounts from a sheet; one person sets a password through the e-mailed link, logs in,
imports the seed plan with its units matched, records the commune's document settings, and the draft report's
header prints the commune's own names."""

import re
import shutil
import subprocess
from io import BytesIO

import pytest
from django.core import mail
from openpyxl import Workbook

from organisations.demo import ensure_user
from organisations.models import Role, Unit, User
from plans.models import Plan, Task
from reports.models import QuarterlyReport
from tests.support.accounts import PASSWORD
from tests.support.browser import login, screenshot
from tests.support.plans import SEED_TEXT

pytestmark = pytest.mark.browser

ACCOUNTS = [
    ("Hoàng Thị Thu", "thu.hoang@example.vn", "0987654321", "Trưởng Ban Xây dựng Đảng", "xa-tan-tien-khoi-dan-van",
     str(Role.BLOC.label)),
    ("Nguyễn Văn Hải", "hai.nguyen@example.vn", "", "Chủ tịch UBND xã", "xa-tan-tien-ubnd", str(Role.OFFICER.label)),
    ("Lê Văn Tám", "tam.le@example.vn", "", "Tổ trưởng", "xa-tan-tien-tdp-1", str(Role.GROUP_LEADER.label)),
]


def _sheet(path):
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "Thư điện tử", "Điện thoại", "Chức vụ", "Mã đơn vị", "Vai trò"])
    for row in ACCOUNTS:
        workbook.active.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _submit(page, label):
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


def test_a_province_brings_a_commune_on_board_in_the_browser(new_page, live_server, city, tmp_path):
    province_admin = ensure_user("quantri.tinh", PASSWORD, city, Role.PROVINCE_ADMIN)
    page = new_page()

    # 1. The commune from the post-2025 template, reviewed before it is made.
    login(page, live_server, province_admin)
    page.goto(f"{live_server.url}/xa-phuong/tao-moi/")
    page.select_option("#id_parent", str(city.pk))
    page.fill("#id_name", "xã Tân Tiến")
    page.fill("#id_code", "xa-tan-tien")
    page.select_option("#id_level", "xa")
    page.select_option("#id_template", "xa-2025")
    page.fill("#id_groups", "4")
    _submit(page, "Xem các đơn vị")
    assert "Ban Xây dựng Đảng Đảng ủy xã" in page.content()
    _submit(page, "Tạo xã, phường với các đơn vị đã chọn")
    commune = Unit.objects.get(code="xa-tan-tien")
    assert Unit.objects.filter(ward=commune).count() > 15

    # 2. Three accounts from a sheet: checked first, made on confirmation, each person e-mailed a link.
    page.goto(f"{live_server.url}/tai-khoan/nhap/")
    page.set_input_files("input[type=file]", str(_sheet(tmp_path / "tai-khoan.xlsx")))
    _submit(page, "Tải lên và kiểm tra")
    _submit(page, "Tạo 3 tài khoản")
    screenshot(page, "journey-commune-accounts")
    made = User.objects.filter(email__in=[row[1] for row in ACCOUNTS])
    assert made.count() == 3 and not any(user.has_usable_password() for user in made)
    letter = next(message for message in mail.outbox if message.to == ["thu.hoang@example.vn"])
    link = re.search(r"https?://[^/\s]+(/dat-mat-khau/\S+/)", letter.body).group(1)

    # 3. The bloc's new member sets her password through the link and logs in.
    member = new_page()
    member.goto(f"{live_server.url}{link}")
    member.fill("#id_new_password1", "Tan-Tien-2026!x")
    member.fill("#id_new_password2", "Tan-Tien-2026!x")
    _submit(member, "Lưu mật khẩu")
    bloc = User.objects.get(email="thu.hoang@example.vn")
    login(member, live_server, bloc, password="Tan-Tien-2026!x")

    # 4. She imports the seed plan; its units are matched to the commune's.
    seed = tmp_path / "ke-hoach-dan-van.md"
    seed.write_text(SEED_TEXT, encoding="utf-8")
    member.goto(f"{live_server.url}/ke-hoach/nhap/")
    member.set_input_files("input[type=file]", str(seed))
    _submit(member, "Đọc văn bản và xem trước")
    screenshot(member, "journey-commune-plan-preview")
    _submit(member, "Lưu kế hoạch")
    plan = Plan.objects.get(ward=commune)
    tasks = Task.objects.filter(plan=plan)
    assert tasks.count() == 25
    assert not tasks.exclude(lead_unit__ward=commune).exclude(lead_unit=commune).exists()
    assert tasks.filter(lead_unit__code="xa-tan-tien-khoi-dan-van").exists()

    # 5. The commune's own document settings, then the quarterly draft prints them in its header.
    member.goto(f"{live_server.url}/van-ban/thong-tin-ban-hanh/")
    member.fill("#id_superior", "Đảng bộ tỉnh Bắc Ninh")
    member.fill("#id_place", "Tân Tiến")
    _submit(member, "Lưu")
    member.goto(f"{live_server.url}/bao-cao/")
    _submit(member, re.compile("Lập dự thảo quý"))
    report = QuarterlyReport.objects.get(ward=commune)
    assert f"/bao-cao/{report.pk}/" in member.url
    screenshot(member, "journey-commune-draft-report")
    draft_link = member.get_by_role("link", name="Tải bản dự thảo (PDF)")
    pdf = member.request.get(f"{live_server.url}{draft_link.get_attribute('href')}")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = subprocess.run([shutil.which("pdftotext"), "-layout", "-", "-"], input=pdf.body(), capture_output=True,
                          check=True).stdout.decode()
    assert "ĐẢNG BỘ TỈNH BẮC NINH" in text and "ĐẢNG ỦY XÃ TÂN TIẾN" in text
    assert "Tân Tiến, ngày" in text and "DỰ THẢO" in text
