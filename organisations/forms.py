from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, ScopedModelForm

from .models import DocumentSettings, Person, Unit, UnitKind


class PersonForm(ScopedModelForm):
    unit_fields = ("unit",)

    class Meta:
        model = Person
        fields = ["unit", "full_name", "position", "is_unit_head", "is_standing_member", "phone", "email", "is_active"]


class UnitForm(ScopedModelForm):
    """A unit of the tree: its place (parent), names, kind. A unit is retired (no longer active), never deleted: the
    tasks, records and history that name it keep pointing to it."""

    unit_fields = ("parent",)
    aliases_text = forms.CharField(
        label=_("Tên gọi khác"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một cách gọi đơn vị trong văn bản; dùng khi nhập kế hoạch."))

    class Meta:
        model = Unit
        fields = ["parent", "code", "name", "short_name", "kind", "steering_area", "order", "is_active"]
        labels = {"is_active": _("Đang hoạt động (bỏ chọn để cho đơn vị ngừng hoạt động; lịch sử được giữ)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].required = True
        self.fields["parent"].error_messages["required"] = _("Hãy chọn đơn vị cấp trên.")
        if self.instance.pk:
            # The code names the unit in imports, plans and exports: it stays what it was.
            self.fields["code"].disabled = True
            self.fields["aliases_text"].initial = "\n".join(self.instance.aliases or [])
            below = self.instance.descendants()
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk__in=below.values("pk"))

    def clean_aliases_text(self):
        lines = [line.strip() for line in self.cleaned_data["aliases_text"].splitlines()]
        return [line[:120] for line in lines if line][:30]

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        if parent is not None and self.instance.pk and parent.path.startswith(self.instance.path or "\0"):
            self.add_error("parent", _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị trực thuộc của nó."))
        if cleaned.get("kind") == UnitKind.STEERING_COMMITTEE and not cleaned.get("steering_area"):
            self.add_error("steering_area", _("Ban chỉ đạo phải có lĩnh vực chỉ đạo."))
        if cleaned.get("kind") == UnitKind.WARD and parent is not None and parent.ward_id:
            self.add_error("kind", _("Đảng ủy xã, phường không đặt dưới một xã, phường khác."))
        return cleaned

    def save(self, commit=True):
        self.instance.aliases = self.cleaned_data.get("aliases_text", [])
        return super().save(commit)
class DocumentSettingsForm(ScopedModelForm):
    """The header and signer of the ward's Party documents; an empty field shows, and prints, today's value."""

    class Meta:
        model = DocumentSettings
        fields = ["superior", "issuer", "place", "signer_name", "signer_title", "term", "congress_on"]
        widgets = {"congress_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from core.documents import default_header

        defaults = default_header(self.instance.ward)
        for name, field in self.fields.items():
            if defaults.get(name):
                field.widget.attrs["placeholder"] = defaults[name]
