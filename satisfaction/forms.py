from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import ScopedModelForm
from organisations.models import Person
from plans.forms import DateInput

from .models import ActionStatus, CorrectiveAction, RatingReason, SatisfactionSettings, Service, ServiceDesk
from .services import Period


class SettingsForm(forms.ModelForm):
    class Meta:
        model = SatisfactionSettings
        fields = ["scale", "question", "threshold", "minimum_ratings", "idle_seconds"]
        widgets = {"scale": forms.RadioSelect}


class ReasonForm(forms.ModelForm):
    class Meta:
        model = RatingReason
        fields = ["label", "order", "is_active"]


class ServiceForm(forms.ModelForm):
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


class OnDutyForm(forms.ModelForm):
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


class DeviceForm(forms.Form):
    name = forms.CharField(label=_("Tên thiết bị"), max_length=120,
                           help_text=_("Ví dụ: Máy tính bảng quầy 1."))


class ActionForm(forms.ModelForm):
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


class ResultsForm(forms.Form):
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
