from django import forms
from django.utils.translation import gettext_lazy as _

from core import periods
from core.forms import DateInput, EvidenceField, PortalModelForm, ScopedModelForm, active_people, active_units

from .models import (
    SENDER_FIELDS,
    CitizenReception,
    Disclosure,
    DisclosureRequirement,
    Petition,
    PetitionStep,
    Violation,
    is_democracy_committee,
    legal_due_date,
)
from .permissions import may_see_sender
from .services import chairman_candidates


class DisclosureForm(ScopedModelForm):
    unit_fields = ("unit",)
    evidence = EvidenceField(label=_("Minh chứng (ảnh niêm yết, văn bản)"))

    class Meta:
        model = Disclosure
        fields = ["unit", "requirement", "content_kind", "title", "period_start", "period_end", "source_date",
                  "channel", "place", "posted_on", "posted_until", "is_permanent", "note"]
        widgets = {"period_start": DateInput(), "period_end": DateInput(), "source_date": DateInput(),
                   "posted_on": DateInput(), "posted_until": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "posted_on": {"required": _("Hãy nhập ngày bắt đầu công khai."),
                          "invalid": _("Ngày bắt đầu công khai phải theo dạng dd/mm/yyyy.")},
            "posted_until": {"invalid": _("Ngày kết thúc công khai phải theo dạng dd/mm/yyyy.")},
            "title": {"required": _("Hãy nhập nội dung công khai.")},
            "content_kind": {"required": _("Hãy chọn loại nội dung theo Điều 11.")},
            "channel": {"required": _("Hãy chọn hình thức công khai.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["requirement"].queryset = DisclosureRequirement.objects.restrict(self.user).filter(
                is_active=True)
        self.fields["is_permanent"].help_text = _(
            "Quy chế dân chủ và thủ tục hành chính được niêm yết thường xuyên; nội dung khác ít nhất 30 ngày liên tục.")


class DisclosureApprovalForm(PortalModelForm):
    """The chairman's approval: required before the disclosure counts as posted."""

    class Meta:
        model = Disclosure
        fields = ["approver", "approved_on"]
        widgets = {"approved_on": DateInput()}
        error_messages = {
            "approver": {"required": _("Hãy chọn Chủ tịch UBND phường đã phê duyệt.")},
            "approved_on": {"required": _("Hãy nhập ngày phê duyệt."),
                            "invalid": _("Ngày phê duyệt phải theo dạng dd/mm/yyyy.")},
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        ward = self.instance.unit.ward if self.instance.unit_id else None
        self.fields["approver"].queryset = chairman_candidates(ward)
        self.fields["approver"].required = True
        self.fields["approved_on"].required = True
        if not self.initial.get("approved_on"):
            self.initial["approved_on"] = periods.today()
        if not self.initial.get("approver"):
            candidates = list(self.fields["approver"].queryset.values_list("pk", flat=True)[:2])
            person_id = getattr(user, "person_id", None)
            if person_id in candidates:
                self.initial["approver"] = person_id
            elif len(candidates) == 1:
                self.initial["approver"] = candidates[0]


class DisclosureRequirementForm(ScopedModelForm):
    unit_fields = ("ward",)

    class Meta:
        model = DisclosureRequirement
        fields = ["ward", "content_kind", "title", "frequency", "grace_days", "responsible_unit", "basis", "order",
                  "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from organisations.models import UnitKind

        self.fields["ward"].queryset = self.fields["ward"].queryset.filter(kind=UnitKind.WARD)
        ward = self.user.ward if self.user is not None else None
        if ward is not None:
            self.fields.pop("ward")
            self.instance.ward = ward
        if self.user is not None:
            self.fields["responsible_unit"].queryset = active_units(self.user)


class CitizenReceptionForm(ScopedModelForm):
    unit_fields = ("unit",)

    class Meta:
        model = CitizenReception
        fields = ["unit", "held_on", "by_chairman", "receiver", "place", "citizens", "cases", "summary"]
        widgets = {"held_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"held_on": {"required": _("Hãy nhập ngày tiếp công dân."),
                                      "invalid": _("Ngày tiếp công dân phải theo dạng dd/mm/yyyy.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["receiver"].queryset = active_people(self.user)


class PetitionForm(ScopedModelForm):
    unit_fields = ("handling_unit",)
    evidence = EvidenceField(label=_("Bản chụp đơn, tài liệu"))

    class Meta:
        model = Petition
        fields = ["received_on", "kind", "channel", "sender_name", "sender_address", "sender_phone", "subject",
                  "content", "about_unit", "about_cadre", "handling_unit", "due_on", "state", "answered_on", "result"]
        widgets = {"received_on": DateInput(), "due_on": DateInput(), "answered_on": DateInput(),
                   "content": forms.Textarea(attrs={"rows": 4}), "result": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "received_on": {"required": _("Hãy nhập ngày tiếp nhận."),
                            "invalid": _("Ngày tiếp nhận phải theo dạng dd/mm/yyyy.")},
            "due_on": {"invalid": _("Hạn trả lời phải theo dạng dd/mm/yyyy.")},
            "answered_on": {"invalid": _("Ngày trả lời phải theo dạng dd/mm/yyyy.")},
            "subject": {"required": _("Hãy nhập trích yếu nội dung đơn.")},
            "handling_unit": {"required": _("Hãy chọn đơn vị xử lý.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["about_unit"].queryset = active_units(self.user)
            self.fields["about_cadre"].queryset = active_people(self.user)
        # The sender is protected: whoever may not read it does not see (nor overwrite) these fields.
        if self.instance.pk and not may_see_sender(self.user, self.instance):
            for name in SENDER_FIELDS:
                self.fields.pop(name, None)
        for name in SENDER_FIELDS:
            if name in self.fields:
                self.fields[name].help_text = _("Thông tin được bảo vệ: chỉ đơn vị xử lý xem được. Có thể để trống.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("due_on") and cleaned.get("received_on") and cleaned.get("kind"):
            cleaned["due_on"] = legal_due_date(cleaned["kind"], cleaned["received_on"])
            self.instance.due_on = cleaned["due_on"]
        return cleaned


class PetitionStepForm(PortalModelForm):
    evidence = EvidenceField(label=_("Văn bản, tài liệu"))

    class Meta:
        model = PetitionStep
        fields = ["taken_on", "action", "unit"]
        widgets = {"taken_on": DateInput(), "action": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"taken_on": {"required": _("Hãy nhập ngày xử lý."),
                                       "invalid": _("Ngày xử lý phải theo dạng dd/mm/yyyy.")},
                          "action": {"required": _("Hãy ghi nội dung xử lý.")}}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            self.fields["unit"].queryset = active_units(user)


class ViolationForm(ScopedModelForm):
    unit_fields = ("unit",)
    evidence = EvidenceField(label=_("Biên bản, kết luận kiểm tra"))

    class Meta:
        model = Violation
        fields = ["unit", "person", "found_on", "source", "petition", "article", "description", "measure",
                  "remedied_on", "evaluation_year"]
        widgets = {"found_on": DateInput(), "remedied_on": DateInput(),
                   "description": forms.Textarea(attrs={"rows": 3}), "measure": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "unit": {"required": _("Hãy chọn đơn vị vi phạm.")},
            "found_on": {"required": _("Hãy nhập ngày phát hiện."),
                         "invalid": _("Ngày phát hiện phải theo dạng dd/mm/yyyy.")},
            "remedied_on": {"invalid": _("Ngày khắc phục phải theo dạng dd/mm/yyyy.")},
            "article": {"required": _("Hãy ghi điều khoản vi phạm.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            if is_democracy_committee(self.user):
                # The committee's checks find violations at any unit of its ward.
                self.fields["unit"].queryset = active_units(self.user)
            self.fields["person"].queryset = active_people(self.user)
            self.fields["petition"].queryset = Petition.objects.restrict(self.user)
        self.fields["evaluation_year"].help_text = _("Để trống: lấy năm của ngày phát hiện.")
