"""Test data helpers shared by the plans tests and others: the seed plan's text and a Word copy of it."""

import io
import re
from datetime import date
from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse_lazy
from openpyxl import load_workbook

from plans.excel import export_tasks
from plans.loader import SEED_PLAN
from plans.models import PlanImportDraft, Task
from plans.services import record_progress

DATA = Path(SEED_PLAN).parent
SEED_TEXT = (DATA / "ke-hoach-dan-van-2024.md").read_text(encoding="utf-8")
UPLOAD = reverse_lazy("plans:plan_import")


def markdown_to_docx(text, header=None, numbered_implementation=False):
    """A Word document with the Markdown's headings, bullets and bold; ``header``: the two cells of the
    header table Party documents start with. ``numbered_implementation``: the items of the last section
    use Word's automatic numbering (their numbers are not in the text)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    if header:
        table = document.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, header, strict=True):
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    bold_open = False
    in_last_section = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip():
            bold_open = False
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        bullet = re.match(r"^\s*[-*+]\s+(.*)$", line) if not heading else None
        body = heading.group(2) if heading else bullet.group(1) if bullet else line
        if re.fullmatch(r"-{3,}", line.strip()):
            document.add_paragraph("-----")
            continue
        starts_bold = body.strip().startswith("**")
        bold = bold_open or starts_bold
        if body.count("**") % 2 == 1:
            bold_open = not bold_open
        clean = body.replace("**", "")
        clean = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", clean).strip()
        if re.match(r"^(I|II|III|IV|V)[-.]\s", clean):
            in_last_section = "TỔ CHỨC THỰC HIỆN" in clean
        if heading:
            paragraph = document.add_heading(level=min(len(heading.group(1)), 4))
        elif bullet:
            paragraph = document.add_paragraph(style="List Bullet")
        elif numbered_implementation and in_last_section and re.match(r"^\d+\.\s", clean):
            paragraph = document.add_paragraph(style="List Number")
            clean = re.sub(r"^\d+\.\s+", "", clean)
        else:
            paragraph = document.add_paragraph()
        run = paragraph.add_run(clean)
        run.bold = bold or None
        if clean.upper() == "KẾ HOẠCH" or (bold and not heading and not bullet and len(clean) < 140):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seed_docx():
    return markdown_to_docx(SEED_TEXT)


def stored_draft():
    """The proposal the upload kept on the server, as the preview shows it."""
    return {"data": PlanImportDraft.objects.get().data}


def upload_plan_file(client, name, content, **extra):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content), **extra})


def preview_form_data(stored, changes=None, plan_changes=None, first=0, last=None, page=None):
    """What the preview posts back when nothing is changed, then ``changes`` by task source. A paged preview posts
    the tasks ``first`` … ``last - 1`` of the draft, and ``page`` to move to another page."""
    data = stored["data"]
    plan_values = {key: data[key] or "" for key in ("code", "title", "issuer", "place", "signer_name", "signer_title")}
    plan_values.update({key: ddmmyyyy(data[key]) for key in ("issued_on", "starts_on", "ends_on")})
    plan_values.update(plan_changes or {})
    post = {f"plan-{key}": value for key, value in plan_values.items()}
    tasks = [task for area in data["areas"] for task in area["tasks"]][first:last]
    post.update({"task-TOTAL_FORMS": str(len(tasks)), "task-INITIAL_FORMS": str(len(tasks)),
                 "task-MIN_NUM_FORMS": "0", "task-MAX_NUM_FORMS": "1000"})
    for index, task in enumerate(tasks):
        values = {
            "include": "on", "title": task["title"], "lead": task["lead"], "supporting_units": task["supporting"],
            "recurrence": task["recurrence"], "due_date": ddmmyyyy(task.get("due_date")),
            "recurrence_weekday": task.get("recurrence_weekday", ""), "recurrence_day": task.get("recurrence_day", ""),
            "recurrence_month": task.get("recurrence_month", ""),
        }
        values.update((changes or {}).get(task["source"], {}))
        post.update({f"task-{index}-{key}": value for key, value in values.items() if value not in (None, False)})
    if page:
        post["page"] = str(page)
    return post


def export_for(user):
    return export_tasks(Task.objects.restrict(user).with_status().select_related("area", "lead_unit", "plan")
                        .prefetch_related("supporting_units").order_by("pk"))


def edit_export(content, changes):
    """Fill cells of the rows of the given task ids: {task_id: {header: value}}. Returns (bytes, {id: row})."""
    workbook = load_workbook(BytesIO(content))
    sheet = workbook["Nhiệm vụ"]
    column = {cell.value: cell.column for cell in sheet[1]}
    row_of = {}
    for row in range(2, sheet.max_row + 1):
        task_id = sheet.cell(row=row, column=column["Mã"]).value
        if task_id in changes:
            row_of[task_id] = row
            for header, value in changes[task_id].items():
                sheet.cell(row=row, column=column[header], value=value)
    assert set(row_of) == set(changes), "every edited task must be in the export"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), row_of


def ddmmyyyy(value):
    return date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def progress_cells(percent, note="Đã tổ chức tuyên truyền tại 4 tổ dân phố.", reported_on=None):
    cells = {"Tiến độ mới (%)": percent, "Kết quả thực hiện": note}
    if reported_on is not None:
        cells["Ngày báo cáo (dd/mm/yyyy)"] = reported_on
    return cells


def multiply_tasks(plan, factor):
    """Copy every task of the plan ``factor - 1`` times, with supporting units and progress."""
    originals = [(task, list(task.supporting_units.all()))
                 for task in Task.objects.filter(plan=plan).prefetch_related("supporting_units")]
    for round_ in range(2, factor + 1):
        for original, supporting in originals:
            copy = Task.objects.create(
                plan=plan, area=original.area, title=f"{original.title} (bản {round_})", lead_unit=original.lead_unit,
                recurrence=original.recurrence, due_date=original.due_date,
                recurrence_weekday=original.recurrence_weekday, recurrence_day=original.recurrence_day,
                recurrence_month=original.recurrence_month, description=original.description,
            )
            copy.supporting_units.set(supporting)
            record_progress(copy, percent=30, note="Tiến độ", reported_on=date(2024, 4, 1))


# A plan of another year and shape than the seed, with its header as Word and as Markdown write it.
ANOTHER_YEAR = """\
**KẾ HOẠCH**
**thực hiện công tác dân vận năm 2025**

Căn cứ Chương trình số 05-CTr/TU ngày 10/01/2025 của Ban Thường vụ Thành ủy về công tác dân vận năm 2025;
Đảng ủy phường ban hành Kế hoạch thực hiện công tác dân vận năm 2025 như sau:

**I. MỤC ĐÍCH, YÊU CẦU**

- Nâng cao hiệu quả công tác dân vận trong thực hiện nhiệm vụ chính trị của phường.
- Gắn công tác dân vận với cải cách hành chính, chuyển đổi số.

**II. NHIỆM VỤ VÀ GIẢI PHÁP**

**1. Dân vận trong bảo đảm an ninh trật tự, an toàn giao thông**

a) Công an phường phối hợp với Ban Chỉ huy Quân sự phường tổ chức tuần tra vào tối thứ Bảy hằng tuần tại các \
tuyến phố trung tâm.

b) Công an phường chủ trì tuyên truyền phòng chống lừa đảo qua mạng trong quý II/2025.

**2. Dân vận trong chăm sóc người cao tuổi, xây dựng gia đình văn hóa**

- Hội Người cao tuổi phường tổ chức thăm hỏi, chúc thọ người cao tuổi trong tháng 9/2025.
- Tổ dân phố số 2 và Chi bộ Cơ quan phường vận động nhân dân đóng góp quỹ khuyến học trước ngày 30/6.
- Tổ chức giao lưu văn nghệ chào mừng Ngày truyền thống, do Hội Cựu chiến binh phường chủ trì, phối hợp với \
Đoàn Thanh niên phường.

**III. TỔ CHỨC THỰC HIỆN**

1. Ủy ban MTTQ phường:
- Tổng hợp ý kiến, kiến nghị của cử tri báo cáo Đảng ủy trước ngày 5 hằng tháng.
- Giám sát việc thực hiện quy chế dân chủ hằng quý.

2. Giao Khối Dân vận Đảng ủy theo dõi, đôn đốc việc thực hiện Kế hoạch này.

Nơi nhận:
- Ban Dân vận Thành ủy,
- Lưu VPĐU.

**T/M ĐẢNG ỦY**
**PHÓ BÍ THƯ**

**Nguyễn Thị Lan**
"""
ANOTHER_YEAR_HEADER = (
    ["ĐẢNG BỘ THÀNH PHỐ BẮC GIANG", "ĐẢNG ỦY PHƯỜNG AN HÒA", "*", "Số 21-KH/ĐU"],
    ["ĐẢNG CỘNG SẢN VIỆT NAM", "An Hòa, ngày 20 tháng 01 năm 2025"],
)

# The same header as Markdown writes it: bold lines with hard breaks (two spaces), the date in italics.
ANOTHER_YEAR_MARKDOWN_HEADER = "  \n".join([
    "**ĐẢNG BỘ THÀNH PHỐ BẮC GIANG**", "**ĐẢNG ỦY PHƯỜNG AN HÒA**", "\\*", "Số 21-KH/ĐU",
]) + "\n\n**ĐẢNG CỘNG SẢN VIỆT NAM**\n\n*An Hòa, ngày 20 tháng 01 năm 2025*\n\n"
