"""Excel export of a quarterly report's figures: the same content as the report page (the frozen copy once
approved), one sheet, a header row above every table."""

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from core.spreadsheets import append_row, new_workbook, workbook_bytes

from .models import UnitReportState
from .services import report_content

BOLD = Font(bold=True)


def _header(sheet, *labels):
    append_row(sheet, list(labels))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def report_workbook(report, visible_sections):
    content = report_content(report)
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _("Số liệu")
    append_row(sheet, [_("Báo cáo quý %(q)s năm %(y)s – %(ward)s")
                       % {"q": content["quarter"], "y": content["year"], "ward": content["ward"]}])
    sheet["A1"].font = Font(bold=True, size=13)
    start, end = content["period"]
    append_row(sheet, [_("Số liệu từ %(start)s đến %(end)s") % {
        "start": f"{start[8:10]}/{start[5:7]}/{start[:4]}", "end": f"{end[8:10]}/{end[5:7]}/{end[:4]}"}])
    if content.get("document_code"):
        append_row(sheet, [_("Số %(code)s") % {"code": content["document_code"]}])
    for section in content["figures"].get("sections", []):
        if section["key"] not in visible_sections:
            continue
        append_row(sheet, [])
        append_row(sheet, [section["title"]])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        _header(sheet, _("Chỉ tiêu"), _("Số liệu"))
        for label, value in section["rows"]:
            append_row(sheet, [label, value])
    units = content["figures"].get("units", [])
    if units:
        append_row(sheet, [])
        append_row(sheet, [_("Báo cáo của các đơn vị")])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        _header(sheet, _("Đơn vị"), _("Tình trạng"), _("Thời hạn"))
        timing = {"missing": "", "on_time": _("Đúng hạn"), "late": _("Muộn")}
        states = dict(UnitReportState.choices)
        for row in units:
            append_row(sheet, [row["unit"], str(states.get(row["state"], row["state"])),
                               timing.get(row["timeliness"], "")])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 16
    return workbook_bytes(workbook)
