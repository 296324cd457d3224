from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm
from organisations.models import Unit, UnitKind

from .structures import LEVELS, MAX_GROUPS, template_choices


class CommuneForm(PortalForm):
    """The commune itself and the template its units come from."""

    parent = forms.ModelChoiceField(label=_("Thuộc tỉnh, thành phố"), queryset=Unit.objects.none(),
                                    error_messages={"required": _("Hãy chọn tỉnh, thành phố.")})
    name = forms.CharField(label=_("Tên xã, phường (không kèm chữ “Đảng ủy”)"), max_length=200,
                           error_messages={"required": _("Hãy nhập tên xã, phường.")},
                           widget=forms.TextInput(attrs={"placeholder": _("ví dụ: xã Tân Tiến")}))
    code = forms.SlugField(label=_("Mã đơn vị"), max_length=40,
                           help_text=_("Chữ thường không dấu, số và gạch nối, ví dụ xa-tan-tien. Mã các đơn vị "
                                       "trực thuộc bắt đầu bằng mã này."),
                           error_messages={"required": _("Hãy nhập mã đơn vị."),
                                           "invalid": _("Mã chỉ gồm chữ thường không dấu, số và gạch nối.")})
    level = forms.ChoiceField(label=_("Cấp"), choices=[(key, label) for key, label in LEVELS.items()])
    template = forms.ChoiceField(label=_("Mẫu cơ cấu"), choices=template_choices)
    groups = forms.IntegerField(label=_("Số thôn, tổ dân phố"), min_value=0, max_value=MAX_GROUPS, initial=4,
                                error_messages={"max_value": _("Tối đa %(limit_value)s thôn, tổ dân phố."),
                                                "min_value": _("Số thôn, tổ dân phố không được âm.")})

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents if parents is not None else Unit.objects.filter(
            kind=UnitKind.CITY)

    def clean_code(self):
        code = self.cleaned_data["code"].lower()
        if Unit.objects.filter(code=code).exists():
            raise forms.ValidationError(_("Mã “%(code)s” đã được dùng.") % {"code": code})
        return code


class AccountUploadForm(PortalForm):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"), error_messages={"required": _("Hãy chọn tệp Excel.")},
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Tệp lớn hơn 2 MB: một tệp tài khoản không cần lớn như vậy."))
        return upload


class AccountFilterForm(PortalForm):
    """The account list's filters: a name, login or e-mail (with or without diacritics), a role, locked or not."""

    q = forms.CharField(label=_("Tìm theo tên, tên đăng nhập, thư điện tử"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Vai trò"), required=False)
    is_active = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[
        ("", _("— Tất cả —")), ("1", _("Đang dùng")), ("0", _("Đã khóa"))])

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("— Tất cả —")), *[(role.value, role.label) for role in roles]]

    def narrow(self, accounts):
        from core.search import search_queryset

        if not self.is_valid():
            return accounts.none()
        data = self.cleaned_data
        accounts = search_queryset(accounts, data["q"], fields=("username", "first_name", "last_name", "email"))
        if data["role"]:
            accounts = accounts.filter(role=data["role"])
        if data["is_active"]:
            accounts = accounts.filter(is_active=data["is_active"] == "1")
        return accounts
