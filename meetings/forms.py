from django import forms
from django.utils.translation import gettext_lazy as _

from core import periods
from core.forms import DateInput, EvidenceField, PortalModelForm, ScopedModelForm, active_people, active_units

from .models import Conclusion, ConclusionState, Meeting, MeetingRequirement


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


class MeetingForm(ScopedModelForm):
    unit_fields = ("organiser",)
    minutes_files = EvidenceField(label=_("Tệp biên bản, tài liệu, ảnh"))

    class Meta:
        model = Meeting
        fields = ["kind", "title", "organiser", "status", "held_on", "starts_at", "ends_at", "place", "chair",
                  "chair_name", "dialogue_form", "dialogue_audience", "field", "participating_units", "attendees",
                  "other_attendees", "attendance", "minutes"]
        widgets = {
            "held_on": DateInput(),
            "starts_at": TimeInput(),
            "ends_at": TimeInput(),
            "participating_units": forms.CheckboxSelectMultiple,
            "attendees": forms.SelectMultiple(attrs={"size": 8}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "other_attendees": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "held_on": {"required": _("Hãy nhập ngày họp."), "invalid": _("Ngày họp phải theo dạng dd/mm/yyyy.")},
            "organiser": {"required": _("Hãy chọn đơn vị tổ chức.")},
            "title": {"required": _("Hãy nhập tên cuộc họp.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["participating_units"].queryset = active_units(self.user)
            self.fields["attendees"].queryset = active_people(self.user)
            self.fields["chair"].queryset = active_people(self.user)
        self.fields["attendees"].help_text = _("Giữ phím Ctrl (hoặc chạm giữ trên điện thoại) để chọn nhiều người.")
        self.fields["dialogue_form"].help_text = _("Chỉ với đối thoại.")


class ConclusionForm(ScopedModelForm):
    """A conclusion of the chair: what, which unit answers for it, by when."""

    class Meta:
        model = Conclusion
        fields = ["number", "text", "responsible_unit", "due_date"]
        widgets = {"due_date": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "responsible_unit": {"required": _("Hãy chọn đơn vị chịu trách nhiệm thực hiện kết luận.")},
            "due_date": {"required": _("Hãy nhập hạn hoàn thành."),
                         "invalid": _("Hạn hoàn thành phải theo dạng dd/mm/yyyy.")},
            "text": {"required": _("Hãy nhập nội dung kết luận.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            # The chair assigns conclusions to any unit of the ward, not only to the organiser's own.
            self.fields["responsible_unit"].queryset = active_units(self.user)
        if not self.instance.pk and self.instance.meeting_id:
            self.fields["number"].initial = self.instance.meeting.conclusions.count() + 1


class ConclusionFollowUpForm(PortalModelForm):
    """What the responsible unit reports: state, result, completion date and evidence."""

    evidence = EvidenceField()

    class Meta:
        model = Conclusion
        fields = ["state", "done_on", "result"]
        widgets = {"done_on": DateInput(), "result": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"done_on": {"invalid": _("Ngày hoàn thành phải theo dạng dd/mm/yyyy.")}}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["done_on"].help_text = _("Để trống sẽ lấy ngày hôm nay khi chọn “Hoàn thành”.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == ConclusionState.DONE:
            if not cleaned.get("done_on") and "done_on" not in self.errors:
                cleaned["done_on"] = periods.today()
                self.instance.done_on = cleaned["done_on"]
            if not (cleaned.get("result") or "").strip():
                self.add_error("result", _("Hãy ghi kết quả thực hiện khi báo cáo hoàn thành."))
        elif cleaned.get("state"):
            cleaned["done_on"] = None
        return cleaned


class MeetingRequirementForm(ScopedModelForm):
    unit_fields = ("ward",)

    class Meta:
        model = MeetingRequirement
        fields = ["ward", "title", "kind", "dialogue_audience", "frequency", "minimum", "each_residential_group",
                  "basis", "order", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from organisations.models import UnitKind

        self.fields["ward"].queryset = self.fields["ward"].queryset.filter(kind=UnitKind.WARD)
        if self.user is not None and self.user.ward is not None and not self.instance.pk:
            self.fields["ward"].initial = self.user.ward.pk
