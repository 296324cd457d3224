import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filtersets import PortalFilterSet, UnitChoiceFilter, date_range
from organisations.models import UnitKind

from .models import AreaKind, CellAssignment, Plan, ProgressUpdate, Recurrence, Task, TaskBinding, TaskStatus
from .schedule import status_filter


class PlanFilterSet(PortalFilterSet):
    class Meta:
        model = Plan
        fields = ["q", "ward"]


def _visible_plans(request):
    return Plan.objects.restrict(request.user) if request else Plan.objects.none()


class TaskFilterSet(PortalFilterSet):
    plan = django_filters.ModelChoiceFilter(label=_("Kế hoạch"), queryset=_visible_plans)
    area_kind = django_filters.ChoiceFilter(label=_("Lĩnh vực"), field_name="area__kind", choices=AreaKind.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=TaskStatus.choices, method="filter_status")
    lead_unit = UnitChoiceFilter(label=_("Đơn vị chủ trì"))
    unit = UnitChoiceFilter(label=_("Đơn vị (chủ trì hoặc phối hợp)"), field_name="lead_unit", method="filter_unit")
    recurrence = django_filters.ChoiceFilter(label=_("Tần suất"), choices=Recurrence.choices)
    due_before = django_filters.DateFilter(label=_("Hạn đến ngày"), field_name="current_due_date", lookup_expr="lte")
    due_after = django_filters.DateFilter(label=_("Hạn từ ngày"), field_name="current_due_date", lookup_expr="gte")

    class Meta:
        model = Task
        fields = ["q", "plan", "area_kind", "status", "lead_unit", "unit", "recurrence", "due_after", "due_before"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_filter(value)) if value else queryset

    def filter_unit(self, queryset, name, value):
        if not value:
            return queryset
        inner = Task.objects.filter(supporting_units=value).values("pk")
        return queryset.filter(Q(lead_unit=value) | Q(pk__in=inner))


class ProgressUpdateFilterSet(PortalFilterSet):
    search_fields = ("note",)
    task = django_filters.NumberFilter(label=_("Mã nhiệm vụ"), field_name="task_id")
    reported_after, reported_before = date_range("reported_on")

    class Meta:
        model = ProgressUpdate
        fields = ["task", "reported_after", "reported_before"]


def _visible_standing_members(request):
    from organisations.models import Person

    if not request:
        return Person.objects.none()
    return Person.objects.restrict(request.user).filter(is_standing_member=True)


class CellAssignmentFilterSet(PortalFilterSet):
    # The member's and the cell's own folded search columns, so a renamed cell is found by its new name.
    search_fields = ("member__search_text", "party_cell__search_text")
    plan = django_filters.ModelChoiceFilter(label=_("Kế hoạch"), queryset=_visible_plans)
    member = django_filters.ModelChoiceFilter(label=_("Đồng chí phụ trách"), queryset=_visible_standing_members)
    party_cell = UnitChoiceFilter(label=_("Chi bộ"), kind=UnitKind.PARTY_CELL)

    class Meta:
        model = CellAssignment
        fields = ["q", "plan", "member", "party_cell"]


class TaskBindingFilterSet(PortalFilterSet):
    """Which tasks take their progress from which records (the API's /api/task-bindings/)."""

    search_fields = ("task__search_text",)
    task = django_filters.NumberFilter(label=_("Mã nhiệm vụ"), field_name="task_id")
    plan = django_filters.NumberFilter(label=_("Mã kế hoạch"), field_name="task__plan_id")
    source = django_filters.CharFilter(label=_("Nguồn hồ sơ"), field_name="source")

    class Meta:
        model = TaskBinding
        fields = ["task", "plan", "source", "rule"]
