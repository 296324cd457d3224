"""The one import engine (core.spreadsheets): every import of the portal reads its sheet through it."""

from io import BytesIO

import pytest
from openpyxl import Workbook

from core.spreadsheets import CellError, Column, SheetRejected, read_sheet


def xlsx(rows, title="Trang 1", extra=None):
    workbook = Workbook()
    workbook.active.title = title
    for row in rows:
        workbook.active.append(list(row))
    if extra:
        sheet = workbook.create_sheet(extra[0])
        for row in extra[1]:
            sheet.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def count(text):
    if not text.isdigit():
        raise CellError("phải là số.")
    return int(text)


COLUMNS = [Column("name", "Họ và tên", aliases=("Tên",), required=True),
           Column("members", "Số nhân khẩu", required=True, parse=count),
           Column("note", "Ghi chú")]


def test_the_header_is_found_below_a_title_in_any_order_case_or_diacritics():
    preview = read_sheet(xlsx([("DANH SÁCH HỘ TỔ 3",), (), ("so nhan khau (nguoi)", "TEN"), (4, "Lê Văn An"),
                               (None, None), (3, "Trần Thị Bình")]), COLUMNS)
    assert [(row.number, row.values["name"], row.values["members"]) for row in preview.rows] == [
        (4, "Lê Văn An", 4), (6, "Trần Thị Bình", 3)]
    assert preview.is_valid


def test_every_error_names_its_row_and_the_preview_travels_as_plain_data():
    preview = read_sheet(xlsx([("Họ và tên", "Số nhân khẩu"), ("An", "bốn"), ("", 2)]), COLUMNS)
    assert preview.errors == [(2, "Số nhân khẩu: phải là số."), (3, "Thiếu “Họ và tên”.")]
    again = type(preview).from_data(preview.as_data())
    assert again.errors == preview.errors and not again.is_valid


@pytest.mark.parametrize("content, message", [
    (b"not a workbook", "không phải tệp Excel .xlsx hợp lệ"),
    (xlsx([("Họ và tên", "Địa chỉ")]), "Không thấy dòng tiêu đề có đủ các cột: “Số nhân khẩu”."),
])
def test_a_file_that_cannot_be_read_is_refused_with_one_vietnamese_message(content, message):
    with pytest.raises(SheetRejected) as refused:
        read_sheet(content, COLUMNS)
    assert message in refused.value.message


def test_a_sheet_too_long_is_refused_before_it_is_read_whole():
    rows = [("Họ và tên", "Số nhân khẩu")] + [("An", 1)] * 60
    with pytest.raises(SheetRejected, match="tối đa 40 dòng"):
        read_sheet(xlsx(rows), COLUMNS, max_rows=40)
