from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from core import periods
from core.forms import DateInput, EvidenceField, PortalModelForm, ScopedModelForm, not_after_today

from .models import CellAssignment, Plan, ProgressUpdate, Task, TaskArea
from .schedule import recent_occurrences


class PlanForm(ScopedModelForm):
    unit_fields = ("ward",)

    class Meta:
        model = Plan
        fields = ["ward", "code", "title", "issued_on", "issuer", "place", "parent", "purpose", "requirements",
                  "starts_on", "ends_on", "signer_name", "signer_title", "recipients"]
        widgets = {"issued_on": DateInput(), "starts_on": DateInput(), "ends_on": DateInput()}


class TaskForm(ScopedModelForm):
    unit_fields = ("lead_unit", "supporting_units")

    class Meta:
        model = Task
        fields = ["area", "title", "description", "lead_unit", "supporting_units", "recurrence", "due_date",
                  "recurrence_weekday", "recurrence_day", "recurrence_month", "weight", "counts_in_progress", "source"]
        widgets = {"due_date": DateInput(), "supporting_units": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        from organisations.models import Unit

        if self.user is not None:
            # Units of the whole ward may be named as supporting units.
            self.fields["supporting_units"].queryset = Unit.objects.restrict(self.user).filter(is_active=True)
            self.fields["lead_unit"].queryset = Unit.objects.restrict(self.user).filter(is_active=True)
            self.fields["area"].queryset = TaskArea.objects.restrict(self.user).select_related("plan")
        if plan is not None:
            self.fields["area"].queryset = self.fields["area"].queryset.filter(plan=plan)


def _bound(task):
    from .bindings import getattr_binding

    return getattr_binding(task) is not None


class ProgressForm(PortalModelForm):
    evidence = EvidenceField()

    class Meta:
        model = ProgressUpdate
        fields = ["reported_on", "occurrence_due", "percent", "note"]
        widgets = {"reported_on": DateInput(), "note": forms.Textarea(attrs={"rows": 4})}
        # Django %-formats these messages with the limit: a bare "%" in them crashed the page (500).
        error_messages = {
            "percent": {"max_value": _("Tiến độ tối đa là %(limit_value)s%%."),
                        "min_value": _("Tiến độ không được âm.")},
        }

    def __init__(self, *args, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self.fields["reported_on"].initial = periods.today()
        if task is not None and task.is_recurring:
            # Most recent first and the current period chosen: a weekly task has some fifty Sundays a year, and
            # the oldest unmet one is rarely the one being reported.
            due_dates = recent_occurrences(task)
            choices = [(d.isoformat(), d.strftime("%d/%m/%Y")) for d in due_dates]
            self.fields["occurrence_due"] = forms.TypedChoiceField(
                label=_("Kỳ báo cáo"), choices=choices,
                coerce=date.fromisoformat,
                initial=due_dates[0].isoformat() if due_dates else None,
                help_text=_("Hạn của kỳ mà báo cáo này thuộc về."),
            )
        else:
            self.fields.pop("occurrence_due")
        if task is not None and task.pk and _bound(task):
            self.fields["percent"].help_text = _("Tiến độ của nhiệm vụ này lấy từ hồ sơ của lĩnh vực: phần trăm nhập ở "
                                                 "đây chỉ để ghi chú, không tính vào tiến độ.")

    def clean_reported_on(self):
        return not_after_today(self.cleaned_data["reported_on"], _("Ngày báo cáo không được sau hôm nay."))


class CellAssignmentForm(ScopedModelForm):
    """A Standing Committee member of the ward assigned to direct one of the ward's party cells."""

    class Meta:
        model = CellAssignment
        fields = ["plan", "party_cell", "member", "note"]
        error_messages = {
            "plan": {"required": _("Hãy chọn kế hoạch."),
                     "invalid_choice": _("Kế hoạch đã chọn không có trong danh sách.")},
            "party_cell": {"required": _("Hãy chọn chi bộ."),
                           "invalid_choice": _("Chi bộ đã chọn không thuộc phường của bạn.")},
            "member": {"required": _("Hãy chọn đồng chí phụ trách."),
                       "invalid_choice": _("Chỉ chọn được Ủy viên Ban Thường vụ của phường.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from core.forms import writable_units
        from organisations.models import Person, UnitKind

        if self.user is not None:
            self.fields["party_cell"].queryset = (
                writable_units(self.user, CellAssignment).filter(kind=UnitKind.PARTY_CELL).order_by("path")
            )
            self.fields["member"].queryset = (
                Person.objects.restrict(self.user).filter(is_standing_member=True, is_active=True)
                .select_related("unit").order_by("unit__path", "full_name")
            )
            self.fields["plan"].queryset = Plan.objects.restrict(self.user)
        self.fields["member"].help_text = _("Chỉ hiện Ủy viên Ban Thường vụ Đảng ủy phường.")
