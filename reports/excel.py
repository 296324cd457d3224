"""Excel export of a quarterly report's figures: the same content as the report page (the frozen copy once
approved), one sheet, a header row above every table."""

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from core.spreadsheets import append_row, new_workbook, workbook_bytes

from .services import report_figures

BOLD = Font(bold=True)


def _header(sheet, *labels):
    append_row(sheet, list(labels))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def report_workbook(report, visible_sections):
    figures = report_figures(report, visible_sections)
    content = figures["content"]
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
    for section in figures["sections"]:
        append_row(sheet, [])
        append_row(sheet, [section["title"]])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        _header(sheet, _("Chỉ tiêu"), _("Số liệu"))
        for label, value in section["rows"]:
            append_row(sheet, [label, value])
        if section["key"] == "plan":
            _plan_areas(sheet, section.get("data") or {})
    if figures["units"]:
        append_row(sheet, [])
        append_row(sheet, [_("Báo cáo của các đơn vị")])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        _header(sheet, _("Đơn vị"), _("Tình trạng"), _("Thời hạn"))
        for row in figures["units"]:
            append_row(sheet, [row["unit"], row["state_label"], row["timeliness_label"]])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 16
    return workbook_bytes(workbook)


def _plan_areas(sheet, data):
    """The plan's table as the page and the PDF print it: tasks by status and progress per area, then overall."""
    append_row(sheet, [])
    _header(sheet, _("Nhóm nhiệm vụ"), _("Hoàn thành"), _("Đang thực hiện"), _("Quá hạn"), _("Chưa thực hiện"),
            _("Tiến độ (%)"))
    for area in data.get("areas", []):
        append_row(sheet, [f"{area['number']}. {area['title']}", area["done"], area["in_progress"], area["overdue"],
                           area["not_started"], area["percent"]])
    by_status = data.get("by_status") or {}
    append_row(sheet, [_("Tiến độ chung"), by_status.get("done", 0), by_status.get("in_progress", 0),
                       by_status.get("overdue", 0), by_status.get("not_started", 0), data.get("headline")])
