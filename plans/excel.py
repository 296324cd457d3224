"""Tasks and their progress in an Excel file: export, edit offline, import back.

Officials already keep their work in spreadsheets. ``export_tasks`` writes the tasks a user sees with
three empty columns for a new progress report; ``parse_progress_import`` reads the edited file back into
an ``ImportPreview`` (one proposed update per filled row, every row checked, errors by Excel row
number); ``apply_import`` writes the whole preview in one transaction through
``services.record_progress``, or nothing at all when any row is wrong.

The preview travels between the upload and the confirmation as plain data (``to_data`` /
``from_data``); ``apply_import`` checks scope, percent and date again before writing, so nothing the
client or the session holds is trusted on its own.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from auditlog.context import set_actor
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import periods
from core.access import CHANGE
from core.params import whole_number
from core.spreadsheets import (
    Column,
    ImportRejected,
    SheetRejected,
    find_header,
    load_rows,
    new_workbook,
    workbook_bytes,
    write_cell,
)

from .models import Task
from .schedule import task_percent
from .services import record_progress

SHEET_TASKS = gettext_noop("Nhiệm vụ")
SHEET_HELP = gettext_noop("Hướng dẫn")
DATE_FORMAT = "DD/MM/YYYY"
# A ward plan has a few hundred tasks; anything far beyond that is not a file exported from the portal.
MAX_IMPORT_ROWS = 5000
MAX_SCANNED_ROWS = 50000


COLUMNS = (
    Column("id", gettext_noop("Mã"), width=8),
    Column("area", gettext_noop("Nhóm nhiệm vụ"), width=30),
    Column("title", gettext_noop("Nhiệm vụ"), width=60),
    Column("lead_unit", gettext_noop("Đơn vị chủ trì"), width=24),
    Column("supporting_units", gettext_noop("Đơn vị phối hợp"), width=30),
    Column("recurrence", gettext_noop("Tần suất"), width=14),
    Column("due", gettext_noop("Hạn (dd/mm/yyyy)"), width=14),
    Column("status", gettext_noop("Trạng thái"), width=16),
    Column("percent", gettext_noop("Tiến độ (%)"), width=11),
    Column("reported_on", gettext_noop("Ngày báo cáo (dd/mm/yyyy)"), width=16, editable=True),
    Column("new_percent", gettext_noop("Tiến độ mới (%)"), width=12, editable=True),
    Column("note", gettext_noop("Kết quả thực hiện"), width=60, editable=True),
)
COLUMN = {column.key: column for column in COLUMNS}
IMPORT_KEYS = ("id", "reported_on", "new_percent", "note")

_READONLY_FILL = "EEEEEE"
_EDITABLE_FILL = "FFF8E1"
_HEADER_FILL = "B71C1C"


# --- Export ---------------------------------------------------------------------------------------

def _due_date(task):
    return task.current_due_date or task.due_date


def _row_values(task):
    return {
        "id": task.pk,
        "area": str(task.area),
        "title": task.title,
        "lead_unit": task.lead_unit.name,
        "supporting_units": ", ".join(unit.name for unit in task.supporting_units.all()),
        "recurrence": str(task.get_recurrence_display()),
        "due": _due_date(task),
        "status": str(task.get_status_display()),
        # What the portal shows (a recurring task: the share of its occurrences met), not the last typed figure.
        "percent": task_percent(task),
        "reported_on": None,
        "new_percent": None,
        "note": None,
    }


def export_tasks(queryset) -> bytes:
    """The tasks of ``queryset`` (already restricted to the user's scope) as an .xlsx file."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _(SHEET_TASKS)
    readonly_fill = PatternFill("solid", fgColor=_READONLY_FILL)
    editable_fill = PatternFill("solid", fgColor=_EDITABLE_FILL)
    header_font = Font(bold=True, color="FFFFFF")
    wrap = Alignment(wrap_text=True, vertical="top")

    for index, column in enumerate(COLUMNS, start=1):
        cell = write_cell(sheet, 1, index, _(column.header))
        cell.font = header_font if not column.editable else Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL) if not column.editable else PatternFill(
            "solid", fgColor="FFD600"
        )
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width

    row = 1
    for task in queryset:
        row += 1
        values = _row_values(task)
        for index, column in enumerate(COLUMNS, start=1):
            cell = write_cell(sheet, row, index, values[column.key])
            cell.fill = editable_fill if column.editable else readonly_fill
            cell.alignment = wrap
            if column.key == "due" and values["due"]:
                cell.number_format = DATE_FORMAT
            elif column.key == "reported_on":
                # Text, so that Excel does not reinterpret 05/03 as 3 May under a US locale.
                cell.number_format = "@"

    last_row = max(row, 2)
    percent_letter = get_column_letter(_column_index("new_percent"))
    validation = DataValidation(
        type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
        showErrorMessage=True, errorTitle=_("Tiến độ không hợp lệ"), error=_("Nhập số nguyên từ 0 đến 100."),
    )
    validation.add(f"{percent_letter}2:{percent_letter}{last_row}")
    sheet.add_data_validation(validation)
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    sheet.row_dimensions[1].height = 32

    _write_help_sheet(workbook.create_sheet(_(SHEET_HELP)))

    return workbook_bytes(workbook)


def _column_index(key):
    return [column.key for column in COLUMNS].index(key) + 1


def _write_help_sheet(sheet):
    from openpyxl.styles import Alignment, Font

    title = _("Hướng dẫn cập nhật tiến độ nhiệm vụ bằng tệp Excel")
    exported = _("Ngày xuất tệp: %(date)s. Tệp gồm các nhiệm vụ thuộc phạm vi của bạn trên cổng.") % {
        "date": periods.today().strftime("%d/%m/%Y")
    }
    steps = [
        _("1. Các cột nền xám (từ “Mã” đến “Tiến độ (%)”) chỉ để đối chiếu: sửa ở đây không thay đổi dữ "
          "liệu trên cổng. Không sửa cột “Mã”, không đổi tên hay xóa dòng tiêu đề."),
        _("2. Muốn báo cáo tiến độ một nhiệm vụ, điền vào các cột nền vàng trên cùng dòng của nhiệm vụ "
          "đó:"),
        _("   • Ngày báo cáo (dd/mm/yyyy): ví dụ 15/03/2024; không được sau ngày nhập tệp; để trống thì "
          "lấy ngày nhập tệp."),
        _("   • Tiến độ mới (%): số nguyên từ 0 đến 100; 100 là đã hoàn thành."),
        _("   • Kết quả thực hiện: bắt buộc khi có tiến độ mới; ghi ngắn gọn việc đã làm, số liệu, kết "
          "quả."),
        _("3. Dòng để trống cả “Tiến độ mới (%)” và “Kết quả thực hiện” được giữ nguyên, không ghi "
          "gì."),
        _("4. Nhiệm vụ định kỳ (hằng tuần, hằng quý …): báo cáo được tính cho kỳ chưa hoàn thành sớm "
          "nhất (xem cột “Hạn”); 100% nghĩa là kỳ đó đã hoàn thành."),
        _("5. Mỗi nhiệm vụ chỉ điền một báo cáo trong một lần nhập."),
        _("6. Lưu tệp dạng .xlsx, vào “Nhiệm vụ” › “Nhập tiến độ từ Excel” và tải tệp lên. Cổng hiển "
          "thị bản xem trước cùng lỗi của từng dòng (theo số dòng trong Excel)."),
        _("7. Chỉ khi không còn lỗi nào mới bấm được “Xác nhận ghi”: tất cả báo cáo được ghi cùng lúc. "
          "Nếu có một dòng lỗi thì không dòng nào được ghi; sửa tệp rồi tải lên lại."),
        _("8. Ảnh, văn bản minh chứng đính kèm trên trang của từng nhiệm vụ."),
    ]
    lines = [(title, True), (exported, False), ("", False)] + [(step, False) for step in steps]
    sheet.column_dimensions["A"].width = 110
    for row, (text, bold) in enumerate(lines, start=1):
        cell = write_cell(sheet, row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True, size=13)


# --- Import ---------------------------------------------------------------------------------------

@dataclass
class ImportRow:
    """One filled row of the file: a proposed progress update, or the reasons it cannot be one."""

    row_number: int
    task_id: int | None = None
    title: str = ""  # empty when the task is outside the user's scope: its title is not theirs to see
    current_percent: int | None = None
    new_percent: int | None = None
    reported_on: date | None = None
    note: str = ""
    errors: list = field(default_factory=list)
    bound: bool = False  # the task takes its progress from area records: the typed percent is a note only

    @property
    def is_valid(self):
        return not self.errors


@dataclass
class ImportPreview:
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    unchanged_count: int = 0

    @property
    def has_errors(self):
        return bool(self.file_errors) or any(row.errors for row in self.rows)

    @property
    def changes(self):
        return [row for row in self.rows if row.is_valid]

    @property
    def error_rows(self):
        return [row for row in self.rows if row.errors]

    def to_data(self):
        """Plain JSON-serialisable data (for the session between preview and confirmation)."""
        rows = []
        for row in self.rows:
            data = asdict(row)
            data["reported_on"] = row.reported_on.isoformat() if row.reported_on else None
            rows.append(data)
        return {"rows": rows, "file_errors": list(self.file_errors), "unchanged_count": self.unchanged_count}

    @classmethod
    def from_data(cls, data):
        rows = []
        for item in data.get("rows", []):
            item = dict(item)
            item["reported_on"] = date.fromisoformat(item["reported_on"]) if item.get("reported_on") else None
            rows.append(ImportRow(**item))
        return cls(rows=rows, file_errors=list(data.get("file_errors", [])),
                   unchanged_count=int(data.get("unchanged_count", 0)))


def _cell(cells, index):
    return cells[index] if index is not None and index < len(cells) else None


def _is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_task_id(value):
    number = None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        number = whole_number(value, minimum=1, maximum=2**63 - 1)
    # Ids are 64-bit; a larger number would overflow the database driver instead of simply not matching.
    return number if number is not None and 0 < number < 2**63 else None


def _parse_percent(cell):
    """(percent, error). Accepts 60, "60", "60%" and a cell formatted as a percentage (0.6)."""
    value = cell.value
    if isinstance(value, bool):
        return None, _("Tiến độ mới phải là số nguyên từ 0 đến 100.")
    if isinstance(value, (int, float)):
        number = float(value)
        if "%" in (getattr(cell, "number_format", "") or ""):
            number *= 100
    else:
        text = str(value).strip().rstrip("%").strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None, _("Tiến độ mới “%(value)s” không phải là số.") % {"value": value}
    number = round(number, 6)
    if not number.is_integer():
        return None, _("Tiến độ mới phải là số nguyên (không có phần thập phân).")
    percent = int(number)
    if not 0 <= percent <= 100:
        return None, _("Tiến độ mới %(value)s%% nằm ngoài khoảng 0–100%%.") % {"value": percent}
    return percent, None


_DATE_PATTERN = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def _parse_date(value):
    """(date, error) from a date cell or a dd/mm/yyyy text."""
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    text = str(value).strip()
    match = _DATE_PATTERN.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day), None
        except ValueError:
            pass
    return None, _("Ngày báo cáo “%(value)s” không đúng dạng dd/mm/yyyy hoặc không có thật.") % {
        "value": text
    }


def _check_date(reported_on):
    if reported_on > periods.today():
        return _("Ngày báo cáo %(date)s sau ngày hôm nay.") % {"date": reported_on.strftime("%d/%m/%Y")}
    return None


def _not_found(task_id):
    return _("Nhiệm vụ mã %(id)s không tìm thấy hoặc không thuộc đơn vị của bạn.") % {"id": task_id}


def parse_progress_import(file, user) -> ImportPreview:
    """Read an edited export and propose one progress update per filled row, checking every row."""
    preview = ImportPreview()
    try:
        rows_read = load_rows(file, max_rows=MAX_SCANNED_ROWS, sheet_names=(_(SHEET_TASKS), SHEET_TASKS), cells=True)
    except SheetRejected as exc:
        preview.file_errors.append(exc.message)
        return preview
    header_index, columns = find_header(rows_read, [COLUMN[key] for key in IMPORT_KEYS])
    header_row = (header_index or 0) + 1  # as the spreadsheet numbers it
    missing = [_(COLUMN[key].header) for key in IMPORT_KEYS if key not in columns]
    if missing:
        preview.file_errors.append(
            _("Tệp thiếu cột: %(columns)s. Hãy dùng tệp tải về bằng nút “Xuất Excel” và giữ nguyên "
              "dòng tiêu đề.")
            % {"columns": ", ".join(f"“{name}”" for name in missing)}
        )
        return preview

    rows = []
    for row_number, cells in enumerate(rows_read[header_row:], start=header_row + 1):
        id_cell, date_cell, percent_cell, note_cell = (_cell(cells, columns[key]) for key in IMPORT_KEYS)
        raw_id = id_cell.value if id_cell is not None else None
        raw_date = date_cell.value if date_cell is not None else None
        raw_note = note_cell.value if note_cell is not None else None
        raw_percent = percent_cell.value if percent_cell is not None else None
        if _is_blank(raw_percent) and _is_blank(raw_note):
            if not _is_blank(raw_id):
                preview.unchanged_count += 1
            continue
        if len(rows) >= MAX_IMPORT_ROWS:
            preview.file_errors.append(
                _("Tệp có quá nhiều dòng cập nhật (tối đa %(max)s dòng mỗi lần nhập).")
                % {"max": MAX_IMPORT_ROWS}
            )
            return preview
        row = ImportRow(row_number=row_number)
        rows.append(row)

        row.task_id = _parse_task_id(raw_id)
        if _is_blank(raw_id):
            row.errors.append(_("Thiếu mã nhiệm vụ (cột “Mã”)."))
        elif row.task_id is None:
            row.errors.append(_("Mã nhiệm vụ “%(value)s” không hợp lệ.") % {"value": raw_id})

        if _is_blank(raw_percent):
            row.errors.append(_("Có kết quả thực hiện nhưng thiếu tiến độ mới (%)."))
        else:
            row.new_percent, error = _parse_percent(percent_cell)
            if error:
                row.errors.append(error)

        row.note = "" if _is_blank(raw_note) else str(raw_note).strip()
        if not row.note:
            row.errors.append(_("Thiếu kết quả thực hiện: cần ghi rõ đã làm gì khi báo cáo tiến độ."))

        if _is_blank(raw_date):
            row.reported_on = periods.today()
        else:
            row.reported_on, error = _parse_date(raw_date)
            error = error or _check_date(row.reported_on)
            if error:
                row.errors.append(error)

    _check_tasks(rows, user)
    preview.rows = rows
    return preview


def _check_tasks(rows, user):
    """Attach each row's task (inside the user's change scope) and flag unknown or repeated tasks."""
    ids = {row.task_id for row in rows if row.task_id is not None}
    tasks = Task.objects.restrict(user, CHANGE).filter(pk__in=ids).select_related("plan").in_bulk() if ids else {}
    from .bindings import bound_task_ids

    bound = bound_task_ids(tasks.values()) if tasks else set()
    first_row = {}
    for row in rows:
        if row.task_id is None:
            continue
        task = tasks.get(row.task_id)
        if task is None:
            row.errors.append(_not_found(row.task_id))
            continue
        row.title = task.title
        row.current_percent = task_percent(task)
        row.bound = task.pk in bound
        if row.task_id in first_row:
            row.errors.append(
                _("Nhiệm vụ mã %(id)s đã có ở dòng %(row)s; mỗi nhiệm vụ chỉ nhập một báo cáo mỗi lần.")
                % {"id": row.task_id, "row": first_row[row.task_id]}
            )
        else:
            first_row[row.task_id] = row.row_number


def _row_error(row_number, problems):
    return _("Dòng %(row)s: %(error)s") % {"row": row_number, "error": "; ".join(problems)}


def apply_import(preview, user):
    """Write every proposed update in one transaction; write nothing when any row is wrong.

    The rows are checked again here (scope, percent, date): the preview may come from the session,
    and the user's scope or the calendar may have changed since it was made. Returns the updates.
    """
    if preview.has_errors:
        raise ImportRejected(
            list(preview.file_errors)
            + [_row_error(row.row_number, row.errors) for row in preview.error_rows]
        )
    changes = preview.changes
    if not changes:
        raise ImportRejected([_("Tệp không có dòng nào điền tiến độ mới.")])
    with transaction.atomic(), set_actor(user):
        ids = [row.task_id for row in changes]
        tasks = (
            Task.objects.restrict(user, CHANGE).filter(pk__in=ids).select_related("plan")
            .select_for_update(of=("self",)).order_by("pk").in_bulk()
        )
        errors = []
        seen = set()
        for row in changes:
            problems = []
            if row.task_id not in tasks:
                problems.append(_not_found(row.task_id))
            if row.task_id in seen:
                problems.append(_("Nhiệm vụ mã %(id)s lặp lại.") % {"id": row.task_id})
            seen.add(row.task_id)
            if row.new_percent is None or not 0 <= row.new_percent <= 100:
                problems.append(_("Tiến độ mới phải là số nguyên từ 0 đến 100."))
            if not (row.note or "").strip():
                problems.append(_("Thiếu kết quả thực hiện."))
            if row.reported_on is None or _check_date(row.reported_on):
                problems.append(_("Ngày báo cáo không hợp lệ hoặc sau ngày hôm nay."))
            if problems:
                errors.append(_row_error(row.row_number, problems))
        if errors:
            raise ImportRejected(errors)
        return [
            record_progress(
                tasks[row.task_id], percent=row.new_percent, note=row.note.strip(),
                reported_on=row.reported_on, author=user, unit=user.unit,
            )
            for row in changes
        ]
