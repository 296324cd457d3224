from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from core import periods
from core.access import CHANGE
from core.forms import (
    DateInput,
    EmptyNumbersMixin,
    EvidenceField,
    PortalForm,
    PortalModelForm,
    ScopedModelForm,
    evidence_help,
    not_after_today,
)

from .models import (
    SUNDAY,
    Activity,
    ActivityKind,
    ClassificationCriteria,
    CommunityGroup,
    GroupClassification,
    GroupMember,
    Household,
    InterFamilyGroup,
    SituationReport,
    ZaloGroup,
    household_key,
)

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


def writable_groups(user):
    return CommunityGroup.objects.restrict(user, CHANGE).select_related("residential_group")


def last_sunday(on=None):
    on = on or periods.today()
    return on - timedelta(days=(on.weekday() - SUNDAY) % 7)


def vietnamese_blank_choices(form):
    """Choice lists start with "— Chọn —" rather than the untranslated default blank label."""
    for field in form.fields.values():
        choices = getattr(field, "choices", None)
        if isinstance(field, forms.TypedChoiceField) and choices and choices[0][0] == "":
            field.choices = [("", _("— Chọn —")), *choices[1:]]


class GroupScopedForm(PortalModelForm):
    """A form for a row of a community group: the group is one the user may change, or fixed by the page."""

    def __init__(self, *args, user=None, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.group = group
        vietnamese_blank_choices(self)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_FORMATS
        if "group" not in self.fields:
            return
        if group is not None:
            self.fields.pop("group")
            self.instance.group = group
            return
        if user is not None:
            groups = writable_groups(user)
            self.fields["group"].queryset = groups
            self.fields["group"].empty_label = None if len(groups) == 1 else "---------"


class CommunityGroupForm(ScopedModelForm):
    unit_fields = ("residential_group", "steering_committee")

    class Meta:
        model = CommunityGroup
        fields = ["residential_group", "steering_committee", "name", "established_on", "note"]
        widgets = {"established_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["established_on"].input_formats = DATE_FORMATS
        if self.user is not None:
            taken = CommunityGroup.objects.exclude(pk=self.instance.pk).values("residential_group")
            self.fields["residential_group"].queryset = (
                self.fields["residential_group"].queryset.filter(kind="residential_group").exclude(pk__in=taken)
            )
            self.fields["steering_committee"].queryset = self.fields["steering_committee"].queryset.filter(
                kind="steering_committee", steering_area="community_groups")


class GroupMemberForm(GroupScopedForm):
    class Meta:
        model = GroupMember
        fields = ["group", "full_name", "role", "phone", "order", "is_active"]
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})}


class InterFamilyGroupForm(GroupScopedForm):
    class Meta:
        model = InterFamilyGroup
        fields = ["group", "name", "leader_name", "leader_phone", "area", "order"]
        widgets = {"leader_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})}


class HouseholdForm(GroupScopedForm):
    class Meta:
        model = Household
        fields = ["group", "address", "head_name", "members_count", "inter_family_group", "zalo_joined"]
        widgets = {"members_count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1})}
        error_messages = {"members_count": {"min_value": _("Số nhân khẩu phải từ 1 trở lên."),
                                            "invalid": _("Số nhân khẩu phải là số nguyên.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        interfamily = InterFamilyGroup.objects.restrict(self.user, CHANGE) if self.user else InterFamilyGroup.objects
        if self.group is not None:
            interfamily = interfamily.filter(group=self.group)
        elif self.instance.group_id:
            interfamily = interfamily.filter(group_id=self.instance.group_id)
        self.fields["inter_family_group"].queryset = interfamily.select_related("group")
        self.fields["inter_family_group"].empty_label = _("— Chưa vào tổ liên gia —")

    def clean(self):
        cleaned = super().clean()
        group = self.group or cleaned.get("group")
        address, head = cleaned.get("address"), cleaned.get("head_name")
        if group is not None and address and head:
            same = Household.objects.filter(group=group, dedup_key=household_key(address, head))
            if same.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(_("Hộ gia đình này (cùng địa chỉ và chủ hộ) đã có trong danh sách."))
        return cleaned


class ZaloGroupForm(EmptyNumbersMixin, PortalModelForm):
    empty_number_fields = optional_number_fields = ("members_count",)

    class Meta:
        model = ZaloGroup
        fields = ["name", "admin_name", "members_count", "created_on"]
        widgets = {"created_on": DateInput(), "members_count": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["created_on"].input_formats = DATE_FORMATS


# Fields each kind of activity asks for, in order (the rest stay empty).
ACTIVITY_FIELDS = {
    ActivityKind.GREEN_SUNDAY: ["group", "held_on", "place", "participants", "households_count", "content"],
    ActivityKind.PROPAGANDA: ["group", "held_on", "title", "topic", "place", "participants", "reach", "content"],
    ActivityKind.SELF_MANAGEMENT: ["group", "held_on", "title", "place", "participants", "households_count",
                                   "content"],
}


class ActivityForm(EmptyNumbersMixin, GroupScopedForm):
    empty_number_fields = ("participants", "households_count", "reach")
    optional_number_fields = ("households_count", "reach")
    photos = EvidenceField(label=_("Ảnh, tài liệu"), help_text=evidence_help(
        _("Ảnh chụp tại buổi hoạt động (chọn được nhiều ảnh)")))

    class Meta:
        model = Activity
        fields = ["group", "held_on", "title", "topic", "place", "participants", "households_count", "reach",
                  "content"]
        widgets = {
            "held_on": DateInput(),
            "participants": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "households_count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "reach": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "content": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, kind=ActivityKind.GREEN_SUNDAY, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.instance.kind = kind
        wanted = ACTIVITY_FIELDS[kind]
        for name in list(self.fields):
            if name != "photos" and name not in wanted:
                self.fields.pop(name)
        if kind == ActivityKind.GREEN_SUNDAY:
            self.fields["held_on"].help_text = _("Ngày Chủ nhật tổ chức ra quân (dd/mm/yyyy).")
            self.fields["content"].label = _("Đã dọn dẹp những gì")
            self.fields["content"].help_text = _("Ví dụ: quét dọn ngõ 5, khơi thông cống rãnh, thu gom 3 xe rác.")
            if not self.instance.pk:
                self.fields["held_on"].initial = last_sunday()
        elif kind == ActivityKind.PROPAGANDA:
            self.fields["topic"].required = True
            self.fields["title"].label = _("Nội dung tuyên truyền")
        if not self.instance.pk and "held_on" in self.fields and self.fields["held_on"].initial is None:
            self.fields["held_on"].initial = periods.today()

    def clean_held_on(self):
        return not_after_today(self.cleaned_data["held_on"], _("Ngày tổ chức không được sau hôm nay."))

    def clean(self):
        cleaned = super().clean()
        group = self.group or cleaned.get("group")
        held_on = cleaned.get("held_on")
        if self.kind == ActivityKind.GREEN_SUNDAY and group is not None and held_on:
            same = Activity.objects.filter(group=group, kind=ActivityKind.GREEN_SUNDAY, held_on=held_on)
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error("held_on", _("Tổ đã ghi nhận buổi Chủ nhật xanh ngày này."))
        return cleaned


class SituationReportForm(GroupScopedForm):
    evidence = EvidenceField(label=_("Ảnh, tài liệu kèm theo"))

    class Meta:
        model = SituationReport
        fields = ["group", "reported_on", "topic", "urgency", "title", "place", "description"]
        widgets = {"reported_on": DateInput(), "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["reported_on"].initial = periods.today()
        self.fields["description"].help_text = _(
            "Nêu sự việc, thời gian, địa điểm, ý kiến của nhân dân. Không ghi thông tin cá nhân không cần thiết."
        )

    def clean_reported_on(self):
        return not_after_today(self.cleaned_data["reported_on"], _("Ngày báo cáo không được sau hôm nay."))


class AnswerForm(PortalForm):
    answer = forms.CharField(label=_("Trả lời, chỉ đạo"), widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": _("Nội dung trả lời không được để trống.")})


class ClassificationCriteriaForm(PortalModelForm):
    class Meta:
        model = ClassificationCriteria
        fields = ["good_coverage", "good_regularity", "good_reports", "good_activities",
                  "fair_coverage", "fair_regularity", "fair_reports", "fair_activities",
                  "average_coverage", "average_regularity", "average_reports", "average_activities", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class OverrideForm(PortalModelForm):
    class Meta:
        model = GroupClassification
        fields = ["override_level", "override_reason"]
        widgets = {"override_reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["override_level"].choices = [("", _("— Theo tiêu chí —")), *self.fields["override_level"]
                                                 .choices[1:]]
        self.fields["override_level"].help_text = _("Để trống để dùng kết quả tính theo tiêu chí.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("override_level") and not (cleaned.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Điều chỉnh xếp loại phải ghi rõ lý do."))
        return cleaned


class HouseholdImportForm(PortalForm):
    group = forms.ModelChoiceField(label=_("Tổ dân vận"), queryset=CommunityGroup.objects.none())
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Dòng tiêu đề gồm các cột: STT, Địa chỉ, Chủ hộ, Số nhân khẩu, Tổ liên gia (và Zalo nếu có)."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = writable_groups(user) if user is not None else CommunityGroup.objects.none()
        self.fields["group"].queryset = groups
        if len(groups) == 1:
            self.fields["group"].empty_label = None

    def clean_file(self):
        from core.validators import validate_xlsx

        return validate_xlsx(self.cleaned_data["file"])
