"""Forms of the movement's pages. They collect and check input; the rules are in services.py."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import periods
from core.forms import DateInput, EvidenceField, PortalForm, PortalModelForm, ScopedModelForm
from core.numbers import number as plain_number

from . import permissions, services
from .models import (
    Activity,
    Bloc,
    Channel,
    Criterion,
    Direction,
    Field,
    MobilizationModel,
    Publicity,
    RecognitionRound,
)

TEXTAREA = {"rows": 3}


def units_worked_for(user):
    """Units the user registers and reports for: their own unit and those below it (all for admins)."""
    from organisations.models import Unit

    units = Unit.objects.restrict(user, "view").filter(is_active=True)
    if user.is_admin:
        return units
    if user.unit_id is None:
        return Unit.objects.none()
    return units.filter(path__startswith=user.unit.path)


def year_choices(around):
    return [(year, str(year)) for year in range(around - 1, around + 3)]


class RegistrationForm(ScopedModelForm):
    """The registration form in use (a ward Fatherland Front's), field by field."""

    unit_fields = ("unit",)
    year = forms.TypedChoiceField(label=_("Năm đăng ký"), coerce=int)

    class Meta:
        model = MobilizationModel
        fields = ["year", "kind", "unit", "person", "responsible_name", "responsible_position", "name", "field",
                  "bloc", "situation", "objectives", "content_methods", "scope_beneficiaries", "lead_force",
                  "coordinating_forces", "participating_forces", "resources", "starts_on", "milestones",
                  "evaluation_on", "outputs", "sustainability"]
        widgets = {
            "starts_on": DateInput(), "evaluation_on": DateInput(),
            **{name: forms.Textarea(attrs=TEXTAREA) for name in (
                "situation", "objectives", "content_methods", "scope_beneficiaries", "lead_force",
                "coordinating_forces", "participating_forces", "resources", "milestones", "outputs",
                "sustainability")},
        }
        help_texts = {
            "name": _("Tên cụ thể: việc gì, ở đâu, cho ai (ví dụ: “Dân vận khéo trong vận động 12 hộ bàn giao mặt "
                      "bằng đường Hoàng Văn Thụ”)."),
            "objectives": _("Kết quả cần đạt và tiêu chí để đánh giá; chỉ tiêu đo lường nhập ở phần dưới."),
            "milestones": _("Các mốc kiểm tra giữa kỳ, ví dụ: 30/6: 6 hộ; 30/9: 12 hộ."),
            "outputs": _("Những gì kiểm chứng được: biên bản, danh sách, ảnh, số liệu."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        from organisations.models import Person

        now = periods.today()
        self.fields["year"].choices = year_choices(now.year)
        self.fields["year"].initial = now.year
        units = units_worked_for(user)
        self.fields["unit"].queryset = units
        ward = user.ward if user is not None else None
        blocs = services.ensure_default_blocs(ward) if ward is not None else []
        self.fields["bloc"].queryset = Bloc.objects.restrict(user).filter(is_active=True)
        self.fields["person"].queryset = Person.objects.restrict(user).filter(unit__in=units, is_active=True)
        self.fields["field"].choices = [("", _("— Chọn lĩnh vực —")), *Field.choices]
        self.fields["unit"].empty_label = _("— Chọn đơn vị —")
        self.fields["bloc"].empty_label = _("— Chọn khối —")
        self.fields["person"].empty_label = _("— Không chọn —")
        if not self.instance.pk:
            if user is not None and user.unit_id and units.filter(pk=user.unit_id).exists():
                self.fields["unit"].initial = user.unit_id
                bloc = services.suggested_bloc(user.unit, blocs)
                self.fields["bloc"].initial = bloc.pk if bloc else None
                head = Person.objects.filter(unit_id=user.unit_id, is_unit_head=True, is_active=True).first()
                if head is not None:
                    self.fields["person"].initial = head.pk
                    self.fields["responsible_name"].initial = head.full_name
                    self.fields["responsible_position"].initial = head.position

    def clean(self):
        cleaned = super().clean()
        starts_on, evaluation_on = cleaned.get("starts_on"), cleaned.get("evaluation_on")
        if starts_on and evaluation_on and evaluation_on < starts_on:
            self.add_error("evaluation_on", _("Thời điểm đánh giá phải sau ngày bắt đầu."))
        person, unit = cleaned.get("person"), cleaned.get("unit")
        if person and unit and person.unit_id != unit.pk:
            self.add_error("person", _("Cán bộ được chọn không thuộc đơn vị đăng ký."))
        return cleaned

    def service_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class IndicatorForm(PortalForm):
    name = forms.CharField(label=_("Tên chỉ tiêu"), max_length=255,
                           widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Số hộ bàn giao mặt bằng")}))
    unit_of_measure = forms.CharField(label=_("Đơn vị tính"), max_length=64,
                                      widget=forms.TextInput(attrs={"placeholder": _("hộ, người, %, vụ …")}))
    baseline = forms.DecimalField(label=_("Giá trị ban đầu"), max_digits=14, decimal_places=2)
    target = forms.DecimalField(label=_("Chỉ tiêu phấn đấu"), max_digits=14, decimal_places=2)
    direction = forms.ChoiceField(label=_("Chiều đánh giá"), choices=Direction.choices, initial=Direction.INCREASE)
    method = forms.CharField(label=_("Cách đo, nguồn số liệu"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        baseline, target = cleaned.get("baseline"), cleaned.get("target")
        if baseline is not None and target is not None and baseline == target:
            self.add_error("target", _("Chỉ tiêu phấn đấu phải khác giá trị ban đầu, nếu không thì không đo được "
                                       "kết quả."))
        return cleaned


class BaseIndicatorFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": _("Đăng ký chưa có chỉ tiêu đo lường được. Cần ít nhất một chỉ tiêu có tên, đơn vị tính, "
                           "giá trị ban đầu, chỉ tiêu phấn đấu và cách đo, để cuối năm đánh giá được kết quả."),
    }

    def rows(self):
        return [form.cleaned_data for form in self.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")]


IndicatorFormSet = forms.formset_factory(IndicatorForm, formset=BaseIndicatorFormSet, extra=2, min_num=1,
                                         validate_min=True, can_delete=True, max_num=20)


def indicator_initial(model):
    return [{name: getattr(i, name) for name in services.INDICATOR_FIELDS} for i in model.indicators.all()]


class AppraisalForm(PortalForm):
    APPROVE, RETURN = "approve", "return"
    decision = forms.ChoiceField(label=_("Kết quả thẩm định"), widget=forms.RadioSelect, choices=[
        (APPROVE, _("Phê duyệt và giao nhiệm vụ cho đơn vị")), (RETURN, _("Trả lại để đơn vị chỉnh sửa"))])
    comments = forms.CharField(label=_("Ý kiến thẩm định"), required=False, widget=forms.Textarea(attrs=TEXTAREA),
                               help_text=_("Bắt buộc khi trả lại: ghi rõ điều cần chỉnh sửa."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not (cleaned.get("comments") or "").strip():
            self.add_error("comments", _("Khi trả lại cần ghi ý kiến để đơn vị chỉnh sửa."))
        return cleaned


class IndicatorValueForm(PortalForm):
    indicator = forms.ModelChoiceField(label=_("Chỉ tiêu"), queryset=None)
    measured_on = forms.DateField(label=_("Ngày đo"), widget=DateInput())
    value = forms.DecimalField(label=_("Giá trị đạt được"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, model=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = model.indicators.all()
        self.fields["indicator"].empty_label = _("— Chọn chỉ tiêu —")
        self.fields["measured_on"].initial = periods.today()


class ActivityForm(PortalModelForm):
    evidence = EvidenceField(label=_("Ảnh, tệp minh chứng"))

    class Meta:
        model = Activity
        fields = ["held_on", "title", "description", "participants"]
        widgets = {"held_on": DateInput(), "description": forms.Textarea(attrs=TEXTAREA)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = periods.today()


class PublicityForm(PortalModelForm):
    class Meta:
        model = Publicity
        fields = ["channel", "published_on", "title", "link", "reach"]
        widgets = {"published_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].initial = Channel.ZALO
        self.fields["published_on"].initial = periods.today()


class EvidenceForm(PortalForm):
    files = EvidenceField(label=_("Ảnh, tệp minh chứng"), required=True)
    description = forms.CharField(label=_("Mô tả"), max_length=255, required=False)


class ScoreForm(PortalForm):
    """One field per criterion of the bloc's rubric, and the evaluator's private note."""

    note = forms.CharField(label=_("Ghi chú riêng"), required=False, widget=forms.Textarea(attrs=TEXTAREA),
                           help_text=_("Chỉ bạn nhìn thấy ghi chú này."))

    def __init__(self, *args, criteria=(), evaluation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        existing = {}
        if evaluation is not None:
            existing = {s.criterion_id: s.points for s in evaluation.scores.all()}
            self.fields["note"].initial = evaluation.note
        note = self.fields.pop("note")
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.DecimalField(
                label=criterion.name, min_value=0, max_value=criterion.max_points, decimal_places=1, max_digits=5,
                help_text=_("Tối đa %(max)s điểm. %(guidance)s") % {"max": plain_number(criterion.max_points),
                                                                   "guidance": criterion.guidance},
                initial=existing.get(criterion.pk),
                error_messages={"max_value": _("Tối đa %(max)s điểm.") % {"max": plain_number(criterion.max_points)},
                                "min_value": _("Điểm không được âm.")},
            )
        self.fields["note"] = note

    def points(self):
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class RecognitionForm(PortalForm):
    achievement = forms.CharField(
        label=_("Thành tích, kết quả nổi bật"), widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Đăng trên trang công khai: viết điều mô hình đã làm được, có số liệu."),
    )
    proposed_to_city = forms.BooleanField(label=_("Đề nghị Thành ủy biểu dương"), required=False)


class ReplicationForm(PortalForm):
    adopting_unit = forms.ModelChoiceField(label=_("Đơn vị nhân rộng"), queryset=None)
    started_on = forms.DateField(label=_("Ngày bắt đầu áp dụng"), widget=DateInput())
    results = forms.CharField(label=_("Kết quả tại đơn vị"), widget=forms.Textarea(attrs=TEXTAREA))
    beneficiaries = forms.IntegerField(label=_("Số người, hộ được hưởng lợi"), min_value=0, required=False)

    def __init__(self, *args, user=None, model=None, **kwargs):
        super().__init__(*args, **kwargs)
        from organisations.models import Unit

        if permissions.is_ward_bloc(user, model.ward):
            units = Unit.objects.filter(ward=model.ward, is_active=True)
        else:
            units = units_worked_for(user)
        self.fields["adopting_unit"].queryset = units.exclude(pk=model.unit_id)
        self.fields["adopting_unit"].empty_label = _("— Chọn đơn vị —")


class BlocForm(PortalModelForm):
    class Meta:
        model = Bloc
        fields = ["name", "description", "order", "min_evaluators", "is_active"]
        widgets = {"description": forms.Textarea(attrs=TEXTAREA)}


CriterionFormSet = forms.modelformset_factory(
    Criterion, fields=["order", "name", "max_points", "guidance", "is_active"], extra=1, can_delete=False,
    widgets={"guidance": forms.Textarea(attrs={"rows": 2}), "name": forms.Textarea(attrs={"rows": 2}),
             "order": forms.NumberInput(attrs={"min": 0})},
)


class EvaluatorForm(PortalForm):
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int)
    evaluator = forms.ModelChoiceField(label=_("Người chấm"), queryset=None)

    def __init__(self, *args, ward=None, **kwargs):
        super().__init__(*args, **kwargs)
        now = periods.today()
        self.fields["year"].choices = year_choices(now.year)
        self.fields["year"].initial = now.year
        self.fields["evaluator"].queryset = (
            get_user_model().objects.filter(Q(unit__ward=ward) | Q(unit=ward), is_active=True)
            .select_related("unit").order_by("unit__path", "last_name", "first_name")
        )
        self.fields["evaluator"].label_from_instance = lambda user: f"{user} – {user.unit}"
        self.fields["evaluator"].empty_label = _("— Chọn người chấm —")


class RoundForm(PortalModelForm):
    class Meta:
        model = RecognitionRound
        fields = ["decision_number", "decided_on", "ceremony_on", "ceremony_place", "note"]
        widgets = {"decided_on": DateInput(), "ceremony_on": DateInput(), "note": forms.Textarea(attrs=TEXTAREA)}
