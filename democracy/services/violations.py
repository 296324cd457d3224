"""The violations workbook for the Organisation Board."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.spreadsheets import append_row, new_workbook, workbook_bytes

from ..models import FIXED_HOLIDAYS as FIXED_HOLIDAYS

# --- Violations: the workbook for the Organisation Board ----------------------------------------------

VIOLATION_COLUMNS = (
    (gettext_lazy("STT"), 6),
    (gettext_lazy("Đơn vị, tổ chức đảng"), 30),
    (gettext_lazy("Cán bộ, đảng viên"), 24),
    (gettext_lazy("Ngày phát hiện"), 14),
    (gettext_lazy("Phát hiện qua"), 16),
    (gettext_lazy("Điều khoản vi phạm"), 28),
    (gettext_lazy("Nội dung vi phạm"), 60),
    (gettext_lazy("Hình thức xử lý, khắc phục"), 40),
    (gettext_lazy("Ngày khắc phục xong"), 14),
)


def violations_workbook(violations, ward=None, year=None):
    """The violations as an .xlsx file (bytes): a list and a summary per unit, for the Organisation Board."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    violations = list(violations)
    book = new_workbook()
    sheet = book.active
    sheet.title = str(_("Danh sách vi phạm"))
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    title = _("DANH SÁCH VI PHẠM LUẬT THỰC HIỆN DÂN CHỦ Ở CƠ SỞ")
    if year:
        title = f"{title} {_('NĂM')} {year}"
    append_row(sheet, [str(ward).upper() if ward else ""])
    append_row(sheet, [title])
    append_row(sheet, [str(_("Phục vụ đánh giá, xếp loại tổ chức đảng, đảng viên (gửi Ban Tổ chức Đảng ủy)"))])
    append_row(sheet, [])
    sheet["A2"].font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(VIOLATION_COLUMNS))
    sheet["A2"].alignment = Alignment(horizontal="center")
    header_row = 5
    append_row(sheet, [str(label) for label, _width in VIOLATION_COLUMNS])
    for index, (_label, width) in enumerate(VIOLATION_COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=index)
        cell.font = Font(bold=True)
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, violation in enumerate(violations, start=1):
        append_row(sheet, [
            number, violation.unit.name, violation.person.full_name if violation.person_id else "",
            violation.found_on, violation.get_source_display(), violation.article, violation.description,
            violation.measure, violation.remedied_on,
        ])
        row = sheet.max_row
        for column in range(1, len(VIOLATION_COLUMNS) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column in (4, 9):
            sheet.cell(row=row, column=column).number_format = "DD/MM/YYYY"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)

    summary = book.create_sheet(str(_("Tổng hợp theo đơn vị")))
    append_row(summary, [str(_("Đơn vị, tổ chức đảng")), str(_("Số vi phạm")), str(_("Đã khắc phục")),
                         str(_("Cán bộ, đảng viên liên quan"))])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    by_unit = {}
    for violation in violations:
        row = by_unit.setdefault(violation.unit.name, [0, 0, set()])
        row[0] += 1
        row[1] += 1 if violation.remedied_on else 0
        if violation.person_id:
            row[2].add(violation.person.full_name)
    for name, (count, remedied, people) in sorted(by_unit.items(), key=lambda item: (-item[1][0], item[0])):
        append_row(summary, [name, count, remedied, ", ".join(sorted(people))])
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["D"].width = 40
    return workbook_bytes(book)
