"""Households in Excel, the way residential groups already keep them: import with a preview, export back.

The sheet has a header row with Vietnamese column names (STT, Địa chỉ, Chủ hộ, Số nhân khẩu, Tổ liên gia,
and optionally Zalo), found among the first ten rows whatever their order, case or diacritics.
``parse_households`` reads a file into an ``ImportPreview``: every row checked, errors by Excel row
number, in Vietnamese. ``apply_import`` writes the whole preview in one transaction, or nothing at all:
one bad row (a missing value, a duplicate household, a number that is not one) refuses the file.
A household already on the list (same address and head of household) is updated, not duplicated, so the
exported file can be edited and imported back.
"""

import re
from dataclasses import asdict, dataclass, field

from auditlog.context import set_actor
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.access import CHANGE
from core.search import normalise
from core.spreadsheets import (
    Column,
    ImportRejected,
    SheetRejected,
    append_row,
    cell_text,
    find_header,
    load_rows,
    new_workbook,
    workbook_bytes,
)

from .models import CommunityGroup, Household, InterFamilyGroup, household_key

# A residential group has a few hundred households; a file far beyond that is not a household list.
MAX_IMPORT_ROWS = 5000
MAX_SCANNED_ROWS = 20000
MAX_MEMBERS = 200


COLUMNS = (
    Column("number", gettext_noop("STT"), ("so thu tu", "tt", "stt"), width=6),
    Column("address", gettext_noop("Địa chỉ"), ("dia chi ho", "so nha", "dia chi cu tru", "address"), True,
           width=36),
    Column("head_name", gettext_noop("Chủ hộ"), ("ho ten chu ho", "ten chu ho", "ho va ten chu ho", "head"),
           True, width=28),
    Column("members_count", gettext_noop("Số nhân khẩu"), ("nhan khau", "so khau", "so nguoi", "members"),
           True, width=13),
    Column("inter_family_group", gettext_noop("Tổ liên gia"), ("lien gia", "tlg", "to lien gia so"), width=20),
    Column("zalo_joined", gettext_noop("Zalo"), ("tham gia zalo", "da vao zalo", "nhom zalo", "vao zalo"), width=8),
)
COLUMN = {column.key: column for column in COLUMNS}
EXPORT_EXTRA = gettext_noop("Tổ dân phố")

_YES = {"co", "x", "1", "yes", "y", "da tham gia", "roi", "da vao", "true"}
_NO = {"khong", "0", "no", "n", "chua", "false", "-"}


def interfamily_key(name):
    """Fold an inter-family group's name for matching: "Tổ liên gia số 3", "TLG 3" and "3" are one group."""
    folded = normalise(str(name or ""))
    digits = re.fullmatch(r"(?:to lien gia|lien gia|tlg|to)?\s*(?:so)?\s*0*(\d+)", folded)
    return f"#{digits.group(1)}" if digits else folded


# --- Preview ------------------------------------------------------------------------------------------

@dataclass
class ImportRow:
    row_number: int
    address: str = ""
    head_name: str = ""
    members_count: int | None = None
    inter_family_group: str = ""  # the name as written, "" for none
    zalo_joined: bool | None = None  # None when the file has no Zalo column
    action: str = "create"  # create | update
    household_id: int | None = None
    new_interfamily: bool = False
    errors: list = field(default_factory=list)


@dataclass
class ImportPreview:
    group_id: int | None = None
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    has_interfamily_column: bool = False
    has_zalo_column: bool = False

    @property
    def has_errors(self):
        return bool(self.file_errors) or any(row.errors for row in self.rows)

    @property
    def error_rows(self):
        return [row for row in self.rows if row.errors]

    @property
    def creates(self):
        return [row for row in self.rows if row.action == "create" and not row.errors]

    @property
    def updates(self):
        return [row for row in self.rows if row.action == "update" and not row.errors]

    @property
    def new_interfamily_groups(self):
        names = {}
        for row in self.rows:
            if row.new_interfamily and row.inter_family_group:
                names.setdefault(interfamily_key(row.inter_family_group), row.inter_family_group)
        return list(names.values())

    def all_errors(self):
        """Every error as one line that names its Excel row."""
        lines = list(self.file_errors)
        for row in self.error_rows:
            for error in row.errors:
                lines.append(_("Dòng %(row)s: %(error)s") % {"row": row.row_number, "error": error})
        return lines

    def to_data(self):
        return {"group_id": self.group_id, "rows": [asdict(row) for row in self.rows],
                "file_errors": list(self.file_errors), "has_interfamily_column": self.has_interfamily_column,
                "has_zalo_column": self.has_zalo_column}

    @classmethod
    def from_data(cls, data):
        return cls(group_id=data.get("group_id"), rows=[ImportRow(**row) for row in data.get("rows", [])],
                   file_errors=list(data.get("file_errors", [])),
                   has_interfamily_column=bool(data.get("has_interfamily_column")),
                   has_zalo_column=bool(data.get("has_zalo_column")))


# --- Reading ------------------------------------------------------------------------------------------


def _parse_count(value):
    """(count, error) for the number of members: a whole number from 1 to 200."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, _("Thiếu số nhân khẩu.")
    if isinstance(value, bool):
        return None, _("Số nhân khẩu phải là số nguyên.")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None, _("Số nhân khẩu “%(value)s” không phải là số.") % {"value": str(value).strip()}
    if not number.is_integer():
        return None, _("Số nhân khẩu “%(value)s” phải là số nguyên.") % {"value": cell_text(value)}
    count = int(number)
    if count < 1:
        return None, _("Số nhân khẩu phải từ 1 trở lên (đang ghi %(value)s).") % {"value": count}
    if count > MAX_MEMBERS:
        return None, _("Số nhân khẩu %(value)s quá lớn (tối đa %(max)s).") % {"value": count, "max": MAX_MEMBERS}
    return count, None


def _parse_zalo(value):
    folded = normalise(cell_text(value))
    if folded in _YES:
        return True, None
    if folded in _NO or folded == "":
        return False, None
    return None, _("Cột Zalo “%(value)s” không hiểu được: ghi “Có” hoặc “Không”.") % {"value": cell_text(value)}


def _cell(values, index):
    return values[index] if index is not None and index < len(values) else None


def parse_households(file, group) -> ImportPreview:
    """Read a household list for ``group`` (which the caller may change) into a preview; writes nothing."""
    preview = ImportPreview(group_id=group.pk)
    try:
        rows = load_rows(file, max_rows=MAX_SCANNED_ROWS)
    except SheetRejected as exc:
        preview.file_errors.append(exc.message)
        return preview
    header_index, columns = find_header(rows, COLUMNS)
    header_row = None if header_index is None else header_index + 1  # as the spreadsheet numbers it
    required = [column for column in COLUMNS if column.required]
    if header_row is None or len(columns) < 2:
        names = ", ".join(_(column.header) for column in required)
        preview.file_errors.append(
            _("Không tìm thấy dòng tiêu đề trong 10 dòng đầu: cần các cột %(names)s.") % {"names": names})
        return preview
    missing = [_(column.header) for column in required if column.key not in columns]
    if missing:
        preview.file_errors.append(
            _("Dòng %(row)s (dòng tiêu đề) thiếu cột: %(names)s.") % {"row": header_row, "names": ", ".join(missing)})
        return preview
    preview.has_interfamily_column = "inter_family_group" in columns
    preview.has_zalo_column = "zalo_joined" in columns

    existing = dict(Household.objects.filter(group=group).values_list("dedup_key", "pk"))
    interfamily = {interfamily_key(ifg.name): ifg for ifg in InterFamilyGroup.objects.filter(group=group)}
    seen = {}
    for row_number, values in enumerate(rows[header_row:], start=header_row + 1):
        picked = {key: _cell(values, index) for key, index in columns.items() if key != "number"}
        if all(cell_text(value) == "" for value in picked.values()):
            continue
        if len(preview.rows) >= MAX_IMPORT_ROWS:
            preview.file_errors.append(
                _("Tệp có hơn %(max)s hộ: hãy chia thành nhiều tệp.") % {"max": MAX_IMPORT_ROWS})
            break
        row = ImportRow(row_number=row_number)
        row.address = cell_text(picked.get("address"))[:255]
        row.head_name = cell_text(picked.get("head_name"))[:255]
        if not row.address:
            row.errors.append(_("Thiếu địa chỉ."))
        if not row.head_name:
            row.errors.append(_("Thiếu tên chủ hộ."))
        row.members_count, error = _parse_count(picked.get("members_count"))
        if error:
            row.errors.append(error)
        if preview.has_zalo_column:
            row.zalo_joined, error = _parse_zalo(picked.get("zalo_joined"))
            if error:
                row.errors.append(error)
        if preview.has_interfamily_column:
            row.inter_family_group = cell_text(picked.get("inter_family_group"))[:128]
            if row.inter_family_group and interfamily_key(row.inter_family_group) not in interfamily:
                row.new_interfamily = True
        if row.address and row.head_name:
            key = household_key(row.address, row.head_name)
            if key in seen:
                row.errors.append(_("Trùng hộ với dòng %(row)s (cùng địa chỉ và chủ hộ).") % {"row": seen[key]})
            else:
                seen[key] = row_number
            if key in existing:
                row.action = "update"
                row.household_id = existing[key]
        preview.rows.append(row)
    if not preview.rows and not preview.file_errors:
        preview.file_errors.append(_("Tệp không có dòng hộ gia đình nào dưới dòng tiêu đề."))
    return preview


# --- Writing ------------------------------------------------------------------------------------------

def apply_import(preview, user):
    """Write every row of a clean preview in one transaction; returns (created, updated) counts.

    The group's scope and every row are checked again: nothing that travelled through the session is
    trusted on its own.
    """
    group = CommunityGroup.objects.restrict(user, CHANGE).filter(pk=preview.group_id).first()
    if group is None:
        raise ImportRejected([_("Bạn không được cập nhật danh sách hộ của tổ này.")])
    if preview.has_errors:
        raise ImportRejected(preview.all_errors())
    created = updated = 0
    try:
        with transaction.atomic(), set_actor(user):
            interfamily = {interfamily_key(ifg.name): ifg
                           for ifg in InterFamilyGroup.objects.select_for_update().filter(group=group)}
            existing = {h.dedup_key: h for h in Household.objects.select_for_update().filter(group=group)}
            seen = set()
            for row in preview.rows:
                count, error = _parse_count(row.members_count)
                if error or not row.address or not row.head_name:
                    raise ImportRejected([_("Dòng %(row)s: dữ liệu không hợp lệ.") % {"row": row.row_number}])
                key = household_key(row.address, row.head_name)
                if key in seen:
                    raise ImportRejected([_("Dòng %(row)s: trùng hộ trong tệp.") % {"row": row.row_number}])
                seen.add(key)
                household = existing.get(key) or Household(group=group)
                household.address = row.address
                household.head_name = row.head_name
                household.members_count = count
                if preview.has_zalo_column and row.zalo_joined is not None:
                    household.zalo_joined = row.zalo_joined
                if preview.has_interfamily_column:
                    household.inter_family_group = None
                    if row.inter_family_group:
                        ifg_key = interfamily_key(row.inter_family_group)
                        if ifg_key not in interfamily:
                            interfamily[ifg_key] = InterFamilyGroup.objects.create(
                                group=group, name=row.inter_family_group, order=len(interfamily) + 1)
                        household.inter_family_group = interfamily[ifg_key]
                if household.pk:
                    updated += 1
                else:
                    created += 1
                household.save()
    except IntegrityError as exc:
        raise ImportRejected([_("Dữ liệu đã thay đổi từ lúc xem trước (trùng hộ). Vui lòng tải tệp lên lại.")]) \
            from exc
    return created, updated


# --- Export -------------------------------------------------------------------------------------------

def export_households(queryset) -> bytes:
    """The households of ``queryset`` (already restricted) as an .xlsx in the import's format."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = new_workbook(write_only=True)
    sheet = workbook.create_sheet(_("Danh sách hộ"))
    headers = [*COLUMNS, Column("residential_group", EXPORT_EXTRA, (), width=22)]
    for index, column in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="B71C1C")
    header_cells = []
    for column in headers:
        cell = WriteOnlyCell(sheet, value=_(column.header))
        cell.font = bold
        cell.fill = fill
        header_cells.append(cell)
    append_row(sheet, header_cells)
    rows = queryset.select_related("inter_family_group", "group__residential_group").order_by("group_id", "address",
                                                                                             "pk")
    for number, household in enumerate(rows.iterator(chunk_size=2000), start=1):
        values = [
            number,
            household.address,
            household.head_name,
            household.members_count,
            household.inter_family_group.name if household.inter_family_group_id else "",
            _("Có") if household.zalo_joined else _("Không"),
            household.group.residential_group.name,
        ]
        append_row(sheet, values)
    return workbook_bytes(workbook)
