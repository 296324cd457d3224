"""Household import from the spreadsheet officials keep, with a preview; export back to Excel."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from communitygroups.excel import ImportRejected, apply_import, export_households, parse_households
from communitygroups.models import Household, InterFamilyGroup
from tests.support.communitygroups import make_interfamily

pytestmark = pytest.mark.django_db

HEADER = ["STT", "Địa chỉ", "Chủ hộ", "Số nhân khẩu", "Tổ liên gia"]
GOOD_ROWS = [
    [1, "Số 2 ngõ 14 Lê Lợi", "Nguyễn Văn An", 4, "Tổ liên gia số 1"],
    [2, "Số 4 ngõ 14 Lê Lợi", "Trần Thị Bình", "3", "1"],
    [3, "Số 6 ngõ 14 Lê Lợi", "Lê Văn Cường", 5.0, "TLG 2"],
    [4, "Số 8 ngõ 14 Lê Lợi", "Phạm Thị Dung", 2, None],
]


def xlsx(rows, header=HEADER, title_rows=(("DANH SÁCH HỘ GIA ĐÌNH TỔ DÂN PHỐ SỐ 1",), ())):
    """A workbook the way a residential group keeps it: a title, a blank line, the header row, the rows."""
    workbook = Workbook()
    sheet = workbook.active
    for line in title_rows:
        sheet.append(list(line))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADER_ROW = 3  # after the title and the blank line


def test_a_good_file_previews_then_writes_everything(groups_a, ward_a):
    group = groups_a["tdp-1"]
    existing_ifg = make_interfamily(group, "Tổ liên gia số 1")

    preview = parse_households(xlsx(GOOD_ROWS), group)

    assert not preview.has_errors, preview.all_errors()
    assert [row.row_number for row in preview.rows] == [4, 5, 6, 7]
    assert preview.rows[2].members_count == 5 and preview.new_interfamily_groups == ["TLG 2"]
    assert not Household.objects.exists()  # the preview writes nothing

    created, updated = apply_import(preview, ward_a.users["group_leader"])

    assert (created, updated) == (4, 0)
    households = {h.head_name: h for h in Household.objects.select_related("inter_family_group")}
    assert households["Nguyễn Văn An"].inter_family_group == existing_ifg
    assert households["Trần Thị Bình"].inter_family_group == existing_ifg  # "1" is Tổ liên gia số 1
    assert households["Lê Văn Cường"].inter_family_group.name == "TLG 2"
    assert households["Phạm Thị Dung"].inter_family_group is None
    assert InterFamilyGroup.objects.filter(group=group).count() == 2


def test_importing_the_same_people_again_updates_them(groups_a, ward_a):
    group = groups_a["tdp-1"]
    apply_import(parse_households(xlsx(GOOD_ROWS), group), ward_a.users["group_leader"])
    changed = [row[:] for row in GOOD_ROWS]
    changed[3][3], changed[3][4] = 3, "Tổ liên gia số 1"
    preview = parse_households(xlsx(changed), group)
    assert [row.action for row in preview.rows] == ["update"] * 4
    assert apply_import(preview, ward_a.users["group_leader"]) == (0, 4)
    dung = Household.objects.get(head_name="Phạm Thị Dung")
    assert dung.members_count == 3 and dung.inter_family_group.name == "Tổ liên gia số 1"


def _refused(preview, group, user):
    assert preview.has_errors
    with pytest.raises(ImportRejected) as info:
        apply_import(preview, user)
    assert not Household.objects.filter(group=group).exists()
    assert not InterFamilyGroup.objects.filter(group=group).exists()
    return info.value.errors


def test_a_missing_column_is_refused_with_the_header_row(groups_a, ward_a):
    group = groups_a["tdp-1"]
    header = ["STT", "Địa chỉ", "Chủ hộ", "Tổ liên gia"]
    preview = parse_households(xlsx([row[:3] + row[4:] for row in GOOD_ROWS], header=header), group)
    errors = _refused(preview, group, ward_a.users["group_leader"])
    assert errors == [f"Dòng {HEADER_ROW} (dòng tiêu đề) thiếu cột: Số nhân khẩu."]


def test_a_duplicate_household_is_refused_with_both_rows(groups_a, ward_a):
    group = groups_a["tdp-1"]
    rows = [*GOOD_ROWS, [5, "số 4 Ngõ 14 Lê Lợi", "TRAN THI BINH", 3, "1"]]  # row 5 again, other spelling
    preview = parse_households(xlsx(rows), group)
    errors = _refused(preview, group, ward_a.users["group_leader"])
    assert errors == ["Dòng 8: Trùng hộ với dòng 5 (cùng địa chỉ và chủ hộ)."]


@pytest.mark.parametrize("value, message", [
    ("ba", "Số nhân khẩu “ba” không phải là số."),
    (2.5, "Số nhân khẩu “2.5” phải là số nguyên."),
    (0, "Số nhân khẩu phải từ 1 trở lên (đang ghi 0)."),
    (None, "Thiếu số nhân khẩu."),
])
def test_a_bad_number_is_refused_with_its_row(groups_a, ward_a, value, message):
    group = groups_a["tdp-1"]
    rows = [row[:] for row in GOOD_ROWS]
    rows[2][3] = value
    preview = parse_households(xlsx(rows), group)
    errors = _refused(preview, group, ward_a.users["group_leader"])
    assert errors == [f"Dòng 6: {message}"]


def test_not_an_excel_file(groups_a):
    preview = parse_households(b"not a workbook", groups_a["tdp-1"])
    assert preview.file_errors and "không phải tệp Excel" in preview.file_errors[0]


def test_import_for_another_group_is_refused(groups_a, ward_a):
    preview = parse_households(xlsx(GOOD_ROWS), groups_a["tdp-2"])
    with pytest.raises(ImportRejected):
        apply_import(preview, ward_a.users["group_leader"])
    assert not Household.objects.exists()


def upload(content, name="ho-gia-dinh.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_the_import_pages_preview_and_confirm(groups_a, ward_a, client_for):
    client = client_for(ward_a.users["group_leader"])
    url = reverse("communitygroups:household_import")
    bad_rows = [row[:] for row in GOOD_ROWS]
    bad_rows[1][3] = "hai"

    refused = client.post(url, {"group": groups_a["tdp-1"].pk, "file": upload(xlsx(bad_rows))})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Số nhân khẩu “hai” không phải là số." in page and "Xác nhận ghi" not in page
    assert not Household.objects.exists()

    preview = client.post(url, {"group": groups_a["tdp-1"].pk, "file": upload(xlsx(GOOD_ROWS))})
    assert preview.status_code == 200 and "Xác nhận ghi" in preview.content.decode()
    token = preview.context["token"]
    apply_url = reverse("communitygroups:household_import_apply")
    assert client.post(apply_url, {"token": "wrong"}).status_code == 302
    assert not Household.objects.exists()  # a wrong token drops the preview
    preview = client.post(url, {"group": groups_a["tdp-1"].pk, "file": upload(xlsx(GOOD_ROWS))})
    done = client.post(apply_url, {"token": preview.context["token"]})
    assert done.status_code == 302 and token != preview.context["token"]
    assert Household.objects.filter(group=groups_a["tdp-1"]).count() == 4


def test_leader_cannot_import_into_another_group(groups_a, ward_a, client_for):
    response = client_for(ward_a.users["group_leader"]).post(
        reverse("communitygroups:household_import"), {"group": groups_a["tdp-2"].pk, "file": upload(xlsx(GOOD_ROWS))})
    assert response.status_code == 400 and not Household.objects.exists()


def test_export_reads_back_in_the_import_format(groups_a, ward_a, client_for):
    group = groups_a["tdp-1"]
    apply_import(parse_households(xlsx(GOOD_ROWS), group), ward_a.users["group_leader"])
    response = client_for(ward_a.users["group_leader"]).get(reverse("communitygroups:household_export"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0][:5]) == HEADER
    assert rows[1][1:5] == ("Số 2 ngõ 14 Lê Lợi", "Nguyễn Văn An", 4, "Tổ liên gia số 1")
    again = parse_households(response.content, group)
    assert not again.has_errors and [row.action for row in again.rows] == ["update"] * 4


def test_export_of_an_empty_list(groups_a):
    content = export_households(Household.objects.none())
    assert list(load_workbook(BytesIO(content)).worksheets[0].iter_rows(values_only=True))[0][1] == "Địa chỉ"


def test_the_import_page_refuses_a_decompression_bomb(groups_a, ward_a, client_for):
    from tests.support.upload_bombs import MB, xlsx_bomb

    response = client_for(ward_a.users["group_leader"]).post(
        reverse("communitygroups:household_import"),
        {"group": groups_a["tdp-1"].pk, "file": upload(xlsx_bomb(100 * MB))})

    assert response.status_code == 400
    assert "Tệp “ho-gia-dinh.xlsx” bị từ chối: nội dung giải nén quá lớn" in response.content.decode()
    assert not Household.objects.exists()
