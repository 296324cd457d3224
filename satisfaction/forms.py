from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, PortalForm, PortalModelForm, ScopedModelForm
from organisations.models import Person

from .models import ActionStatus, CorrectiveAction, RatingReason, SatisfactionSettings, Service, ServiceDesk
from .services import Period


class SettingsForm(PortalModelForm):
    class Meta:
        model = SatisfactionSettings
        fields = ["scale", "question", "threshold", "minimum_ratings", "idle_seconds"]
        widgets = {"scale": forms.RadioSelect}


class ReasonForm(PortalModelForm):
    class Meta:
        model = RatingReason
        fields = ["label", "order", "is_active"]


class ServiceForm(PortalModelForm):
    class Meta:
        model = Service
        fields = ["name", "order", "is_active"]


class DeskForm(ScopedModelForm):
    unit_fields = ("unit",)

    class Meta:
        model = ServiceDesk
        fields = ["unit", "name", "location", "services", "on_duty", "is_active"]
        widgets = {"services": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ward = getattr(self.user, "ward", None)
        people = Person.objects.restrict(self.user).filter(is_active=True).select_related("unit")
        services = Service.objects.restrict(self.user).filter(is_active=True)
        if ward is not None:
            people = people.filter(unit__ward=ward)
            services = services.filter(ward=ward)
        self.fields["on_duty"].queryset = people
        self.fields["services"].queryset = services


class OnDutyForm(PortalModelForm):
    class Meta:
        model = ServiceDesk
        fields = ["on_duty"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        desk = self.instance
        self.fields["on_duty"].queryset = Person.objects.filter(
            unit__path__startswith=desk.unit.path, is_active=True
        ).order_by("full_name")
        self.fields["on_duty"].label = _("Cán bộ đang trực tại quầy")


class DeviceForm(PortalForm):
    name = forms.CharField(label=_("Tên thiết bị"), max_length=120,
                           help_text=_("Ví dụ: Máy tính bảng quầy 1."))


class ActionForm(PortalModelForm):
    class Meta:
        model = CorrectiveAction
        fields = ["status", "head", "due_date", "measures", "result", "closed_on"]
        widgets = {"due_date": DateInput(), "closed_on": DateInput(),
                   "measures": forms.Textarea(attrs={"rows": 4}), "result": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = Person.objects.filter(unit=self.instance.unit)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ActionStatus.CLOSED:
            if not (cleaned.get("result") or "").strip():
                self.add_error("result", _("Ghi kết quả khắc phục trước khi đóng."))
            if not cleaned.get("closed_on"):
                self.add_error("closed_on", _("Ghi ngày đóng."))
        return cleaned


class ResultsForm(PortalForm):
    period = forms.ChoiceField(label=_("Kỳ"), choices=Period.CHOICES, initial=Period.MONTH, required=False)
    on = forms.DateField(label=_("Ngày trong kỳ"), widget=DateInput(), required=False,
                         input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    desk = forms.ModelChoiceField(label=_("Quầy"), queryset=ServiceDesk.objects.none(), required=False)
    officer = forms.ModelChoiceField(label=_("Cán bộ"), queryset=Person.objects.none(), required=False)
    service = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Service.objects.none(), required=False)
    reason = forms.ModelChoiceField(label=_("Lý do"), queryset=RatingReason.objects.none(), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = ServiceDesk.objects.restrict(user)
        people = Person.objects.restrict(user).filter(is_active=True)
        ward = getattr(user, "ward", None)
        if ward is not None:
            people = people.filter(unit__ward=ward)
        self.fields["officer"].queryset = people
        self.fields["service"].queryset = Service.objects.restrict(user)
        self.fields["reason"].queryset = RatingReason.objects.restrict(user)
        for name in ("desk", "officer", "service", "reason"):
            self.fields[name].empty_label = _("Tất cả")


class CampaignForm(ScopedModelForm):
    unit_fields = ("unit",)
    use_default = forms.BooleanField(
        label=_("Dùng bộ câu hỏi mặc định theo 5 yếu tố SIPAS"), required=False, initial=True,
        help_text=_("Có thể sửa, thêm câu hỏi sau khi tạo."),
    )

    class Meta:
        from .models import SurveyCampaign

        model = SurveyCampaign
        fields = ["unit", "title", "description", "starts_on", "ends_on", "is_open"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("use_default")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned


class QuestionForm(PortalModelForm):
    choices_text = forms.CharField(label=_("Các lựa chọn"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                   help_text=_("Với câu hỏi chọn một / chọn nhiều: mỗi dòng một lựa chọn."))

    class Meta:
        from .models import Question

        model = Question
        fields = ["dimension", "text", "kind", "required", "order"]

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = campaign.dimensions.all() if campaign else self.fields["dimension"].queryset
        if self.instance.pk:
            self.fields["choices_text"].initial = "\n".join(self.instance.choices)

    def clean(self):
        from .models import QuestionKind

        cleaned = super().clean()
        choices = [line.strip() for line in (cleaned.get("choices_text") or "").splitlines() if line.strip()]
        if cleaned.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
            self.add_error("choices_text", _("Câu hỏi lựa chọn cần ít nhất hai lựa chọn."))
        self.instance.choices = choices
        return cleaned


class CriteriaImportForm(PortalForm):
    file = forms.FileField(label=_("Tệp Excel bộ tiêu chí (.xlsx)"),
                           help_text=_("Hai trang: “Tiêu chí” và “Xếp sao”. Tải tệp mẫu để xem đúng định dạng."))
    name = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=255)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64)
    decision_date = forms.DateField(label=_("Ngày ban hành"), required=False, widget=DateInput(),
                                    input_formats=["%d/%m/%Y"])
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)

    def clean_file(self):
        from core.validators import validate_xlsx

        return validate_xlsx(self.cleaned_data["file"], _("Hãy dùng tệp mẫu “Tải tệp mẫu đúng định dạng”."))


class CriterionForm(PortalModelForm):
    class Meta:
        from .models import Criterion

        model = Criterion
        fields = ["code", "name", "max_points", "evidence_required", "measure", "order"]
        widgets = {"name": forms.Textarea(attrs={"rows": 3}), "evidence_required": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class StarLevelForm(PortalModelForm):
    class Meta:
        from .models import StarLevel

        model = StarLevel
        fields = ["stars", "min_score"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class AssessmentForm(ScopedModelForm):
    unit_fields = ("unit",)

    class Meta:
        from .models import Assessment

        model = Assessment
        fields = ["criteria_set", "unit", "year", "quarter"]

    def __init__(self, *args, **kwargs):
        from .models import CriteriaSet

        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["criteria_set"].queryset = CriteriaSet.objects.restrict(self.user).filter(is_active=True)
            ward = self.user.ward
            if ward is not None:
                self.fields["unit"].queryset = self.fields["unit"].queryset.filter(ward=ward)
                self.fields["unit"].initial = self.fields["unit"].queryset.filter(kind="peoples_committee").first()
        self.fields["quarter"].widget = forms.Select(choices=[(q, _("Quý %(q)s") % {"q": q}) for q in range(1, 5)])

    def validate_unique(self):
        # The ward is derived from the unit on save; check the quarter here so the user gets a form error.
        from .models import Assessment

        super().validate_unique()
        unit, year, quarter = (self.cleaned_data.get(k) for k in ("unit", "year", "quarter"))
        if unit and year and quarter:
            ward = unit.ward or unit
            if Assessment.objects.filter(ward=ward, year=year, quarter=quarter).exists():
                self.add_error("quarter", _("Phường đã có kỳ tự đánh giá của quý này."))
