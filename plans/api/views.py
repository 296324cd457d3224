from django.utils.translation import gettext_lazy as _

from core.api import ScopedModelViewSet

from ..models import Task
from ..schedule import default_occurrence
from ..services import refresh_task_progress
from .serializers import (
    CellAssignmentSerializer,
    PlanSerializer,
    ProgressUpdateSerializer,
    TaskAreaSerializer,
    TaskBindingSerializer,
    TaskSerializer,
)


class PlanViewSet(ScopedModelViewSet):
    serializer_class = PlanSerializer


class TaskAreaViewSet(ScopedModelViewSet):
    serializer_class = TaskAreaSerializer
    filterset_fields = ["plan", "kind"]


class TaskViewSet(ScopedModelViewSet):
    serializer_class = TaskSerializer
    select_related = ("lead_unit", "plan", "area", "binding")
    prefetch_related = ("supporting_units",)

    def get_queryset(self):
        return super().get_queryset().with_status().order_by("plan", "area__order", "order", "pk")

    def after_save(self, instance):
        refresh_task_progress(instance)


class ProgressUpdateViewSet(ScopedModelViewSet):
    serializer_class = ProgressUpdateSerializer
    select_related = ("task",)

    def perform_create(self, serializer):
        task = serializer.validated_data["task"]
        extra = {"author": self.request.user, "unit": self.request.user.unit}
        if task.is_recurring and not serializer.validated_data.get("occurrence_due"):
            extra["occurrence_due"] = default_occurrence(task)
        self._save_in_scope(serializer, **extra)

    def after_save(self, instance):
        refresh_task_progress(instance.task)

    def perform_destroy(self, instance):
        task = instance.task
        super().perform_destroy(instance)
        refresh_task_progress(task)


class TaskBindingViewSet(ScopedModelViewSet):
    """A task's binding to the records of an area (the bloc's); saving or deleting it re-derives the task."""

    serializer_class = TaskBindingSerializer
    select_related = ("task",)

    def get_queryset(self):
        return super().get_queryset().order_by("task__plan", "task__area__order", "task__order", "pk")

    def after_save(self, instance):
        task = Task.objects.select_related("plan", "plan__ward").get(pk=instance.task_id)
        refresh_task_progress(task)

    def perform_destroy(self, instance):
        task = Task.objects.select_related("plan", "plan__ward").get(pk=instance.task_id)
        super().perform_destroy(instance)
        refresh_task_progress(task)


class CellAssignmentViewSet(ScopedModelViewSet):
    """Which Standing Committee member directs which party cell; the Standing Committee changes it."""

    serializer_class = CellAssignmentSerializer
    select_related = ("party_cell", "member")
    create_denied_message = _("Chỉ Ban Thường vụ Đảng ủy (và quản trị) được phân công phụ trách chi bộ.")

    def get_queryset(self):
        return super().get_queryset().order_by("plan", "member__full_name", "party_cell__path", "pk")
