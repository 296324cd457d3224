"""Excel export of a quarterly report's figures."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from .services import report_content


def report_workbook(report, visible_sections):
    content = report_content(report)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    sheet.append([f"Báo cáo quý {content['quarter']} năm {content['year']} – {content['ward']}"])
    sheet["A1"].font = Font(bold=True, size=13)
    start, end = content["period"]
    sheet.append([f"Số liệu từ {start[8:10]}/{start[5:7]}/{start[:4]} đến {end[8:10]}/{end[5:7]}/{end[:4]}"])
    for section in content["figures"].get("sections", []):
        if section["key"] not in visible_sections:
            continue
        sheet.append([])
        sheet.append([section["title"]])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for label, value in section["rows"]:
            sheet.append([label, value])
    units = content["figures"].get("units", [])
    if units:
        sheet.append([])
        sheet.append(["Báo cáo của các đơn vị"])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        labels = {"missing": "Chưa báo cáo", "submitted": "Đã gửi", "returned": "Trả lại", "accepted": "Đã tiếp nhận"}
        timing = {"missing": "", "on_time": "Đúng hạn", "late": "Muộn"}
        for row in units:
            sheet.append([row["unit"], labels.get(row["state"], row["state"]), timing.get(row["timeliness"], "")])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 70
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
