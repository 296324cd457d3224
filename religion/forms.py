"""Forms of the religion area: choices limited to what the user may write, dates as dd/mm/yyyy."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import periods
from core.access import CHANGE
from core.forms import DateInput, EvidenceField, PortalForm, PortalModelForm, ScopedModelForm, writable_units

from . import services
from .models import (
    NEEDS_APPROVAL_Q,
    CertificateStatus,
    ConstructionWork,
    Establishment,
    Inspection,
    InvitationStatus,
    KeyPerson,
    MonkInvitationRequest,
    ReligiousEvent,
    RetentionSetting,
    RiskLevel,
    WatchReport,
)
from .services import allowed_transitions


class ReligionForm(ScopedModelForm):
    """Residential groups, establishments and units limited to the user's ward; the ward set from the user."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from organisations.models import UnitKind

        user = self.user
        units = writable_units(user, self._meta.model) if user is not None else None
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            elif isinstance(field, forms.DecimalField):
                # Vietnamese write 640,5 m²; a dot still works.
                field.localize = field.widget.is_localized = True
            if units is None:
                continue
            if name == "residential_group":
                field.queryset = units.filter(kind=UnitKind.RESIDENTIAL_GROUP).order_by("order", "name")
            elif name == "establishment":
                field.queryset = Establishment.objects.restrict(user, CHANGE).select_related("residential_group")
            elif name == "liaison_unit":
                field.queryset = units.exclude(kind=UnitKind.RESIDENTIAL_GROUP).order_by("path")
        if user is not None and not self.instance.ward_id and user.ward is not None:
            self.instance.ward = user.ward


class EstablishmentForm(ReligionForm):
    class Meta:
        model = Establishment
        fields = ["kind", "religion", "religious_organisation", "name", "address", "residential_group",
                  "person_in_charge", "head_title", "land_area", "certificate_status", "certificate_number",
                  "certificate_issued_on", "heritage_rank", "heritage_decision", "is_active", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    # The head and the certificate change through their own forms on the establishment page, so that every
    # change is recorded (and a head change without an approved thỉnh sư request is flagged).
    FIXED_AFTER_CREATE = ("person_in_charge", "head_title", "certificate_status", "certificate_number",
                          "certificate_issued_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in self.FIXED_AFTER_CREATE:
                self.fields.pop(name, None)


class CertificateStepForm(PortalForm):
    status = forms.ChoiceField(label=_("Tình trạng mới"), choices=CertificateStatus.choices)
    recorded_on = forms.DateField(label=_("Ngày"), widget=DateInput(), initial=lambda: periods.today())
    certificate_number = forms.CharField(label=_("Số giấy chứng nhận (khi đã cấp)"), max_length=64, required=False)
    note = forms.CharField(label=_("Tiến độ, nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = EvidenceField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "gcn_%s")  # several forms share the establishment page
        super().__init__(*args, **kwargs)


class HeadChangeForm(PortalForm):
    new_head = forms.CharField(label=_("Người đứng đầu mới"), max_length=255)
    head_title = forms.CharField(label=_("Chức danh"), max_length=128, required=False)
    changed_on = forms.DateField(label=_("Ngày thay đổi"), widget=DateInput(), initial=lambda: periods.today())
    invitation = forms.ModelChoiceField(
        label=_("Đề nghị thỉnh sư đã chấp thuận"), queryset=MonkInvitationRequest.objects.none(), required=False,
        help_text=_(
            "Với chùa và cơ sở Phật giáo: thay người đứng đầu không có đề nghị được chấp thuận sẽ bị cảnh báo."
        ),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, establishment=None, **kwargs):
        kwargs.setdefault("auto_id", "head_%s")
        super().__init__(*args, **kwargs)
        if establishment is not None:
            self.fields["invitation"].queryset = establishment.invitations.filter(
                status=InvitationStatus.APPROVED, head_change__isnull=True
            )


class ResolveFlagForm(PortalForm):
    note = forms.CharField(
        label=_("Cách đã xử lý"), widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: đã làm việc với Ban hộ tự, hoàn tất thủ tục thỉnh sư theo quy định."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "resolve_%s")
        super().__init__(*args, **kwargs)


class InvitationForm(ReligionForm):
    class Meta:
        model = MonkInvitationRequest
        fields = ["establishment", "monk_name", "monk_origin", "proposed_role", "requested_by", "submitted_on",
                  "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment"].queryset = self.fields["establishment"].queryset.filter(NEEDS_APPROVAL_Q)


class InvitationTransitionForm(PortalForm):
    to = forms.ChoiceField(label=_("Bước xử lý"), choices=())
    on = forms.DateField(label=_("Ngày"), widget=DateInput(), initial=lambda: periods.today())
    decision_number = forms.CharField(label=_("Số văn bản trả lời"), max_length=64, required=False)
    note = forms.CharField(label=_("Ý kiến, lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, invitation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if invitation is not None:
            self.fields["to"].choices = [(status.value, status.label) for status in allowed_transitions(invitation)]


class WorkForm(ReligionForm):
    class Meta:
        model = ConstructionWork
        fields = ["establishment", "residential_group", "title", "work_kind", "description", "location", "investor",
                  "permit_state", "permit_number", "permit_issued_on", "planned_start", "planned_end", "started_on",
                  "finished_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residential_group"].help_text = _("Để trống nếu công trình thuộc cơ sở thờ tự đã chọn.")


class InspectionForm(PortalModelForm):
    evidence = EvidenceField()

    class Meta:
        model = Inspection
        fields = ["inspected_on", "inspectors", "result", "findings", "measures", "fix_due_on"]
        widgets = {"inspected_on": DateInput(), "fix_due_on": DateInput(),
                   "findings": forms.Textarea(attrs={"rows": 2}), "measures": forms.Textarea(attrs={"rows": 2})}


class EventForm(ReligionForm):
    class Meta:
        model = ReligiousEvent
        fields = ["name", "event_kind", "establishment", "residential_group", "location", "starts_on", "ends_on",
                  "organiser", "expected_attendance", "registration", "registered_on", "outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 3})}


class WatchReportForm(ReligionForm):
    class Meta:
        model = WatchReport
        fields = ["observed_on", "residential_group", "location", "activity_kind", "description", "estimated_size",
                  "source_kind", "source_detail", "risk_level", "measures"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "measures": forms.Textarea(attrs={"rows": 3})}

    source_report = forms.IntegerField(
        label=_("Mã báo cáo tình hình của Tổ dân vận (nếu có)"), required=False, min_value=1,
        help_text=_("Liên kết với báo cáo tình hình mà Tổ dân vận cộng đồng đã gửi lên."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The risk is reassessed through follow-ups, which keep its history.
            self.fields.pop("risk_level", None)
            self.fields["source_report"].initial = self.instance.source_object_id
        if services.source_model() is None:
            self.fields.pop("source_report")

    def clean(self):
        cleaned = super().clean()
        if "source_report" in self.fields:
            from django.contrib.contenttypes.models import ContentType

            number = cleaned.get("source_report")
            self.instance.source_content_type = (
                ContentType.objects.get_for_model(services.source_model()) if number else None
            )
            self.instance.source_object_id = number or None
        return cleaned


class FollowUpForm(PortalForm):
    followed_on = forms.DateField(label=_("Ngày"), widget=DateInput(), initial=lambda: periods.today())
    action_taken = forms.CharField(
        label=_("Nội dung theo dõi, biện pháp"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ghi việc đã làm và tình hình; không ghi tên người tham gia."),
    )
    risk_level = forms.ChoiceField(
        label=_("Đánh giá lại mức độ rủi ro"), choices=[("", _("Giữ nguyên")), *RiskLevel.choices], required=False,
    )
    close = forms.BooleanField(label=_("Kết thúc theo dõi"), required=False)
    outcome = forms.CharField(
        label=_("Kết quả xử lý (khi kết thúc)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
    )


class KeyPersonForm(ReligionForm):
    class Meta:
        model = KeyPerson
        fields = ["full_name", "title", "religion", "religious_role", "establishment", "residential_group", "phone",
                  "contact_note", "liaison_unit", "liaison_officer", "helps_with", "is_active"]
        widgets = {"helps_with": forms.Textarea(attrs={"rows": 3})}


class RetentionSettingForm(PortalModelForm):
    class Meta:
        model = RetentionSetting
        fields = ["watch_report_retention_days"]

