from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import ModelCleanMixin, run_model_clean

from ..models import CellAssignment, Plan, ProgressUpdate, Task, TaskArea, TaskBinding
from ..schedule import task_percent


class PlanSerializer(ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["id", "ward", "code", "title", "issued_on", "issuer", "place", "parent", "purpose", "requirements",
                  "starts_on", "ends_on", "signer_name", "signer_title", "recipients"]


class TaskAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskArea
        fields = ["id", "plan", "order", "number", "kind", "title", "content"]


class TaskSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    percent = serializers.SerializerMethodField()
    binding = serializers.SerializerMethodField(
        help_text=_("Nguồn hồ sơ mà tiến độ của nhiệm vụ lấy từ đó (đổi qua /api/task-bindings/); null nếu tiến độ "
                    "do đơn vị báo cáo."))
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True)

    class Meta:
        model = Task
        fields = ["id", "plan", "area", "order", "title", "description", "source", "lead_unit", "lead_unit_name",
                  "supporting_units", "recurrence", "due_date", "recurrence_weekday", "recurrence_day",
                  "recurrence_month", "weight", "counts_in_progress", "status", "percent", "current_due_date",
                  "last_reported_on", "is_done", "binding"]
        read_only_fields = ["plan", "current_due_date", "last_reported_on", "is_done"]

    def get_binding(self, task) -> dict | None:
        from ..bindings import getattr_binding

        binding = getattr_binding(task)
        if binding is None:
            return None
        return {"id": binding.pk, "source": binding.source, "rule": binding.rule, "parameters": binding.parameters,
                "counts_from": binding.counts_from, "description": str(binding)}

    def get_status(self, task) -> str:
        return task.status

    def get_percent(self, task) -> int:
        return task_percent(task)

    def validate(self, attrs):
        return run_model_clean(self, attrs)


class ProgressUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = ["id", "task", "reported_on", "percent", "occurrence_due", "note", "unit", "author", "created_at"]
        read_only_fields = ["unit", "author", "created_at"]
        extra_kwargs = {
            "percent": {"error_messages": {"max_value": _("Tiến độ tối đa là 100%.")}},
        }


class CellAssignmentSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    party_cell_name = serializers.CharField(source="party_cell.name", read_only=True)

    class Meta:
        model = CellAssignment
        fields = ["id", "plan", "party_cell", "party_cell_name", "member", "member_name", "note"]
        # The model's own rules and constraint (one member per cell and plan) give the Vietnamese messages.
        validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:  # the schema generator's anonymous request
            return
        from core.forms import writable_units
        from organisations.models import Person, UnitKind

        self.fields["plan"].queryset = Plan.objects.restrict(request.user)
        self.fields["party_cell"].queryset = writable_units(request.user, CellAssignment).filter(
            kind=UnitKind.PARTY_CELL)
        self.fields["member"].queryset = Person.objects.restrict(request.user).filter(is_standing_member=True)

    def validate(self, attrs):
        return run_model_clean(self, attrs, constraints=True)


class TaskBindingSerializer(serializers.ModelSerializer):
    """Which records feed a task and by which rule; the bloc changes it, the task's progress is re-derived."""

    source = serializers.ChoiceField(choices=[], label=_("nguồn hồ sơ"))
    description = serializers.SerializerMethodField()

    class Meta:
        model = TaskBinding
        fields = ["id", "task", "source", "rule", "parameters", "counts_from", "description"]
        validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from core.areas import record_sources

        self.fields["source"].choices = [(source.key, str(source.label)) for source in record_sources()]

    def get_description(self, binding) -> str:
        return str(binding)

    def validate(self, attrs):
        task = attrs.get("task") or getattr(self.instance, "task", None)
        if task is not None and TaskBinding.objects.filter(task=task).exclude(
                pk=getattr(self.instance, "pk", None)).exists():
            raise serializers.ValidationError({"task": [_("Nhiệm vụ này đã có nguồn tiến độ: hãy sửa nguồn đó.")]})
        return run_model_clean(self, attrs)
