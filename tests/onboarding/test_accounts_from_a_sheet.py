"""Issue 18: accounts from a spreadsheet, checked before anything is written; each person sets their own password
through the e-mailed link."""

import re
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from organisations.demo import ensure_user
from organisations.models import Role, User
from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("onboarding:account_import")
HEADER = ["Họ và tên", "Thư điện tử", "Điện thoại", "Chức vụ", "Mã đơn vị", "Vai trò"]


def sheet(*rows, header=HEADER, title_rows=()):
    workbook = Workbook()
    for row in (*title_rows, header, *rows):
        workbook.active.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("tai-khoan.xlsx", buffer.getvalue())


@pytest.fixture
def commune_admin(ward_a):
    return ensure_user("quantri.xa", PASSWORD, ward_a.ward, Role.COMMUNE_ADMIN)


GOOD = [
    ("Nguyễn Văn An", "an@example.vn", "0912345678", "Chủ tịch UBND", "phuong-a-ubnd", "Cán bộ đơn vị"),
    ("Trần Thị Bình", "Binh@Example.vn", "", "", "phuong-a-mttq", "can bo don vi"),
    ("Lê Văn Cường", "cuong@example.vn", "", "Tổ trưởng", "phuong-a-tdp-1", "Tổ trưởng Tổ dân vận / liên gia"),
]


def test_three_accounts_are_made_and_one_person_sets_a_password_and_logs_in(
        ward_a, commune_admin, client_for, django_capture_on_commit_callbacks):
    client = client_for(commune_admin)
    # A title line above the header, as people make their sheets.
    preview = client.post(URL, {"file": sheet(*GOOD, title_rows=[("Danh sách tài khoản phường An Hòa",)])})
    assert preview.status_code == 200
    assert "Tạo 3 tài khoản" in preview.content.decode()
    assert not User.objects.filter(email="an@example.vn").exists()  # nothing before the confirmation

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(URL, {"confirm": "1"})
    assert done.status_code == 302
    made = {user.email: user for user in User.objects.filter(email__in=["an@example.vn", "binh@example.vn",
                                                                          "cuong@example.vn"])}
    assert set(made) == {"an@example.vn", "binh@example.vn", "cuong@example.vn"}
    assert made["cuong@example.vn"].role == Role.GROUP_LEADER and made["an@example.vn"].unit == ward_a.unit("ubnd")
    assert made["an@example.vn"].person.phone == "0912345678"
    assert not any(user.has_usable_password() for user in made.values())
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(made)

    letter = next(message for message in mail.outbox if message.to == ["an@example.vn"])
    link = re.search(r"https?://[^/\s]+(/dat-mat-khau/\S+/)", letter.body).group(1)
    person = Client()
    form = person.get(link, follow=True)
    assert form.status_code == 200 and "Đặt mật khẩu" in form.content.decode()
    saved = person.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                        {"new_password1": "Dan-Van-2026!x", "new_password2": "Dan-Van-2026!x"})
    assert saved.status_code == 302
    logged_in = Client().post(reverse("login"), {"username": "an@example.vn", "password": "Dan-Van-2026!x"})
    assert logged_in.status_code == 302
    again = Client().get(link, follow=True)
    assert "không còn dùng được" in again.content.decode()  # the link works once


def test_one_bad_row_writes_nothing_and_every_error_names_its_row(ward_a, ward_b, commune_admin, client_for):
    client = client_for(commune_admin)
    rows = [
        GOOD[0],
        ("Phạm Thị Dung", "khong-phai-thu", "", "", "phuong-a-ubnd", "Cán bộ đơn vị"),
        ("Vũ Văn Em", "em@example.vn", "", "", "phuong-b-ubnd", "Cán bộ đơn vị"),  # another ward
        ("Đỗ Thị Giang", "giang@example.vn", "", "", "phuong-a-ubnd", "Quản trị hệ thống"),
        ("Hồ Văn Hải", "AN@example.vn", "", "", "phuong-a-ubnd", "Cán bộ đơn vị"),
        ("", "", "", "", "phuong-a-ubnd", ""),
    ]
    response = client.post(URL, {"file": sheet(*rows)})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3: Thư điện tử: địa chỉ thư điện tử không hợp lệ." in html
    assert "Dòng 4: Mã đơn vị: không có đơn vị “phuong-b-ubnd” trong phạm vi bạn quản lý." in html
    assert "Dòng 5: Vai trò: bạn không được cấp vai trò “Quản trị hệ thống”." in html
    assert "Dòng 6: Thư điện tử: trùng với dòng 2." in html
    assert "Dòng 7: Thiếu “Họ và tên”." in html
    assert "Tạo " not in html.split("Kết quả kiểm tra")[1].split("</section>")[0].replace("Tạo tài khoản", "")
    assert client.post(URL, {"confirm": "1"}).status_code == 302  # no preview kept: back to the upload
    assert not User.objects.filter(email__in=["an@example.vn", "em@example.vn"]).exists()


def test_a_file_that_is_not_a_sheet_or_lacks_columns_is_refused_in_vietnamese(commune_admin, client_for):
    client = client_for(commune_admin)
    response = client.post(URL, {"file": SimpleUploadedFile("tai-khoan.xlsx", b"not a workbook")})
    assert response.status_code == 400
    assert "không phải tệp Excel .xlsx hợp lệ" in response.content.decode()
    response = client.post(URL, {"file": sheet(("An", "an@example.vn"), header=["Họ và tên", "Thư điện tử"])})
    assert response.status_code == 400
    assert "Không thấy dòng tiêu đề có đủ các cột: “Mã đơn vị”, “Vai trò”." in response.content.decode()


def test_the_template_lists_the_roles_one_may_give_and_the_units_one_manages(ward_a, commune_admin, client_for):
    response = client_for(commune_admin).get(URL, {"mau": "1"})
    workbook = load_workbook(BytesIO(response.content))
    assert [c.value for c in workbook["Tài khoản"][1]] == HEADER
    roles = {row[0].value for row in workbook["Vai trò"].iter_rows(min_row=2)}
    assert "Cán bộ đơn vị" in roles and "Quản trị hệ thống" not in roles
    codes = {row[0].value for row in workbook["Mã đơn vị"].iter_rows(min_row=2)}
    assert "phuong-a-ubnd" in codes and not any(code.startswith("phuong-b") for code in codes)


def test_officers_cannot_make_accounts(ward_a, client_for):
    officer = client_for(ward_a.users["officer_ubnd"])
    assert officer.get(URL).status_code == 403
    assert "Tạo tài khoản từ tệp Excel" not in officer.get(reverse("organisations:person_list")).content.decode()
