from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, EvidenceField, PortalModelForm, ScopedModelForm, active_people, evidence_help
from core.models import Attachment

from .models import CadreFeedback, CadreReview, UnitPlanRound, UnitPlanSubmission, unit_headed_by


class UnitPlanRoundForm(ScopedModelForm):
    unit_fields = ("ward",)
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phải nộp"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: các đơn vị chủ trì và phối hợp của nhiệm vụ đã chọn; nếu không chọn nhiệm vụ: "
                    "UBND, Khối Dân vận, MTTQ, các tổ chức CT-XH và các Ban chỉ đạo."),
    )

    class Meta:
        model = UnitPlanRound
        fields = ["ward", "title", "task", "opened_on", "deadline", "note"]
        widgets = {"opened_on": DateInput(), "deadline": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "deadline": {"required": _("Hãy nhập hạn nộp."), "invalid": _("Hạn nộp phải theo dạng dd/mm/yyyy.")},
            "title": {"required": _("Hãy nhập tên đợt.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from organisations.models import Unit, UnitKind
        from plans.models import Task

        self.fields["ward"].queryset = self.fields["ward"].queryset.filter(kind=UnitKind.WARD)
        ward = self.user.ward if self.user is not None else None
        if ward is not None:
            self.fields.pop("ward")
            self.instance.ward = ward
        visible_units = Unit.objects.restrict(self.user).filter(is_active=True) if self.user else Unit.objects.none()
        if ward is not None:
            visible_units = visible_units.filter(ward=ward).exclude(pk=ward.pk)
        self.fields["units"].queryset = visible_units
        tasks = Task.objects.restrict(self.user) if self.user else Task.objects.none()
        self.fields["task"].queryset = tasks.select_related("plan").order_by("plan", "area__order", "order")
        if self.instance.pk:
            self.fields["units"].initial = list(self.instance.submissions.values_list("unit_id", flat=True))


class SubmissionForm(PortalModelForm):
    """A unit sends its own implementation plan: the date, the document and its file."""

    files = EvidenceField(label=_("Tệp kế hoạch"), help_text=evidence_help(_("PDF, Word hoặc ảnh chụp")))

    class Meta:
        model = UnitPlanSubmission
        fields = ["submitted_on", "document_code", "document_title", "note"]
        widgets = {"submitted_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"submitted_on": {"invalid": _("Ngày nộp phải theo dạng dd/mm/yyyy.")}}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["submitted_on"].required = True
        self.fields["submitted_on"].error_messages["required"] = _("Hãy nhập ngày nộp kế hoạch.")

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("files")) or (
            self.instance.pk and Attachment.for_object(self.instance).exists())
        if not has_file and "files" not in self.errors:
            self.add_error("files", _("Hãy đính kèm tệp kế hoạch của đơn vị."))
        return cleaned


def _cadres_for(user):
    from organisations.models import Role

    people = active_people(user)
    if user.is_admin or user.role in (Role.STANDING, Role.BLOC):
        return people
    head_of = unit_headed_by(user)
    return people.filter(unit__path__startswith=head_of.path) if head_of else people.none()


class CadreFeedbackForm(ScopedModelForm):
    evidence = EvidenceField()

    class Meta:
        model = CadreFeedback
        fields = ["cadre", "received_on", "source", "source_reference", "kind", "summary", "details", "state",
                  "finding", "closed_on"]
        widgets = {"received_on": DateInput(), "closed_on": DateInput(),
                   "details": forms.Textarea(attrs={"rows": 4}), "finding": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "cadre": {"required": _("Hãy chọn cán bộ được phản ánh.")},
            "received_on": {"required": _("Hãy nhập ngày tiếp nhận."),
                            "invalid": _("Ngày tiếp nhận phải theo dạng dd/mm/yyyy.")},
            "summary": {"required": _("Hãy nhập nội dung tóm tắt.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["cadre"].queryset = _cadres_for(self.user)


class CadreReviewForm(PortalModelForm):
    evidence = EvidenceField(label=_("Biên bản, quyết định"))

    class Meta:
        model = CadreReview
        fields = ["held_on", "level", "chaired_by", "outcome", "conclusion"]
        widgets = {"held_on": DateInput(), "conclusion": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "held_on": {"required": _("Hãy nhập ngày kiểm điểm."),
                        "invalid": _("Ngày kiểm điểm phải theo dạng dd/mm/yyyy.")},
            "outcome": {"required": _("Hãy chọn kết quả kiểm điểm.")},
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
