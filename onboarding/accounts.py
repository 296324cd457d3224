"""User accounts from a spreadsheet (issue 18): name, e-mail, phone, unit code, role.

The sheet is read by the portal's one import engine (``core.spreadsheets.read_sheet``) and checked against what the
uploader may do: a unit inside their scope, a role they may give. Nothing is written while one row is wrong. The
accounts are made without a password; each person gets an e-mail with a link to set theirs (Django's password-reset
token, valid ``PASSWORD_RESET_TIMEOUT``), sent once the accounts are committed.
"""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.access import CHANGE
from core.notifications import absolute_link, send_mail_or_log
from core.search import normalise
from core.spreadsheets import CellError, Column, read_sheet
from organisations.models import Person, Role, Unit, User

from .permissions import may_manage_account, roles_given_by


def _email(text):
    try:
        validate_email(text)
    except ValidationError as error:
        raise CellError(_("địa chỉ thư điện tử không hợp lệ.")) from error
    return text.lower()


def _role(text):
    folded = normalise(text)
    for role in Role:
        if folded in (normalise(role.label), normalise(role.value)):
            return role.value
    raise CellError(_("không có vai trò “%(role)s”. Các vai trò: %(roles)s.")
                    % {"role": text, "roles": "; ".join(str(role.label) for role in Role)})


COLUMNS = [
    Column("full_name", "Họ và tên", aliases=("Họ tên", "Tên"), required=True),
    Column("email", "Thư điện tử", aliases=("Email", "E-mail", "Thư"), required=True, parse=_email),
    Column("phone", "Điện thoại", aliases=("Số điện thoại", "SĐT")),
    Column("position", "Chức vụ", aliases=("Chức danh",)),
    Column("unit", "Mã đơn vị", aliases=("Đơn vị",), required=True),
    Column("role", "Vai trò", aliases=("Quyền",), required=True, parse=_role),
]


def read_accounts(file, user):
    """The sheet checked row by row against the portal and the uploader's scope (a SheetPreview)."""
    preview = read_sheet(file, COLUMNS)
    units = {unit.code: unit for unit in Unit.objects.restrict(user, CHANGE).filter(
        code__in={row.values["unit"] for row in preview.rows if row.values.get("unit")})}
    allowed = roles_given_by(user)
    emails = [row.values["email"] for row in preview.rows if row.values.get("email")]
    taken = set(User.objects.filter(email__in=emails).values_list("email", flat=True)) | set(
        User.objects.filter(username__in=emails).values_list("username", flat=True))
    seen = {}
    for row in preview.rows:
        values = row.values
        unit = units.get(values.get("unit"))
        if values.get("unit") and unit is None:
            row.errors.append(_("Mã đơn vị: không có đơn vị “%(code)s” trong phạm vi bạn quản lý.")
                              % {"code": values["unit"]})
        if values.get("role") and values["role"] not in allowed:
            row.errors.append(_("Vai trò: bạn không được cấp vai trò “%(role)s”.")
                              % {"role": Role(values["role"]).label})
        email = values.get("email")
        if email and email in taken:
            row.errors.append(_("Thư điện tử: đã có tài khoản dùng địa chỉ %(email)s.") % {"email": email})
        if email and email in seen:
            row.errors.append(_("Thư điện tử: trùng với dòng %(n)s.") % {"n": seen[email]})
        seen.setdefault(email, row.number)
        values["unit_name"] = unit.name if unit else ""
        values["role_label"] = str(Role(values["role"]).label) if values.get("role") else ""
    return preview


def password_link(account):
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    return absolute_link(reverse("password_reset_confirm", args=[uid, token]))


def _welcome(account):
    title = _("Tài khoản Cổng công tác dân vận của bạn")
    text = _("Chào %(name)s,\n\nMột tài khoản Cổng công tác dân vận đã được tạo cho bạn (tên đăng nhập: %(username)s, "
             "đơn vị: %(unit)s). Hãy đặt mật khẩu của bạn qua đường dẫn sau (dùng được một lần, trong %(days)s ngày):"
             "\n\n%(link)s\n") % {"name": account.get_full_name() or account.username, "username": account.username,
                                  "unit": account.unit, "link": password_link(account), "days": 3}
    send_mail_or_log(account.email, title, text)


def template_workbook(user):
    """The sheet to fill in: the headers and an example row, the roles, and the units the uploader manages."""
    from core.spreadsheets import append_row, new_workbook, workbook_bytes

    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Tài khoản"
    append_row(sheet, [column.header for column in COLUMNS])
    append_row(sheet, ["Nguyễn Văn An", "an.nguyen@example.vn", "0912345678", "Chủ tịch UBND", "ma-don-vi",
                       str(Role.OFFICER.label)])
    roles = workbook.create_sheet("Vai trò")
    append_row(roles, ["Vai trò"])
    for role in sorted(roles_given_by(user)):
        append_row(roles, [str(Role(role).label)])
    units = workbook.create_sheet("Mã đơn vị")
    append_row(units, ["Mã đơn vị", "Tên đơn vị"])
    for code, name in Unit.objects.restrict(user, CHANGE).filter(is_active=True).values_list("code", "name"):
        append_row(units, [code, name])
    return workbook_bytes(workbook)


def create_accounts(preview, user):
    """Create the accounts of a checked preview (read again: the units or e-mails may have changed since); returns
    them. Each account's owner is e-mailed a link to set a password once the accounts are committed."""
    if not preview.is_valid:
        raise ValidationError(_("Tệp còn lỗi: chưa tạo tài khoản nào."))
    units = {unit.code: unit for unit in Unit.objects.restrict(user, CHANGE).filter(
        code__in={row.values["unit"] for row in preview.rows})}
    made = []
    with transaction.atomic():
        for row in preview.rows:
            values = row.values
            unit = units.get(values["unit"])
            if unit is None or User.objects.filter(username=values["email"]).exists():
                raise ValidationError(_("Dòng %(n)s không còn hợp lệ: hãy tải tệp lên lại.") % {"n": row.number})
            family, _sep, given = values["full_name"].rpartition(" ")
            person = Person.objects.create(unit=unit, full_name=values["full_name"], position=values["position"],
                                           phone=values["phone"], email=values["email"])
            account = User(username=values["email"], email=values["email"], first_name=given or family,
                           last_name=family if given else "", unit=unit, role=values["role"], person=person)
            account.set_unusable_password()
            account.save()
            made.append(account)
        transaction.on_commit(lambda: [_welcome(account) for account in made])
    return made


# --- Accounts kept current in the browser ------------------------------------------------------------------


def set_active(account, user, active):
    """Lock (``active`` False) or unlock an account. A locked account cannot log in; it keeps its history, its
    records and its name on them, and can be unlocked. Who and when go to the change history."""
    from auditlog.context import set_actor

    if not may_manage_account(user, account):
        raise PermissionDenied(_("Bạn không quản lý tài khoản này."))
    if account.is_active == active:
        return account
    with transaction.atomic(), set_actor(user):
        account.is_active = active
        account.save(update_fields=["is_active"])
    return account
