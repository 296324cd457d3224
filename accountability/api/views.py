from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from core.access import CHANGE
from core.api import ScopedModelViewSet

from ..models import UnitPlanRound
from ..permissions import may_see_cadre_records
from ..services import apply_review, plan_submitted, remind_round
from .serializers import (
    CadreFeedbackSerializer,
    CadreReviewSerializer,
    UnitPlanRoundSerializer,
    UnitPlanSubmissionSerializer,
)


class UnitPlanRoundViewSet(ScopedModelViewSet):
    serializer_class = UnitPlanRoundSerializer

    def after_save(self, instance):
        from ..services import default_round_units, sync_round_units

        if not instance.submissions.exists():
            sync_round_units(instance, default_round_units(instance.ward, instance.task))

    @extend_schema(request=None, responses=inline_serializer(
        "RoundReminder", {"reminded": serializers.ListField(child=serializers.CharField())}))
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        """Remind every unit that has not sent its plan (once a day per unit)."""
        plan_round = UnitPlanRound.objects.restrict(request.user, CHANGE).filter(pk=pk).first()
        if plan_round is None:
            raise NotFound
        return Response({"reminded": [unit.name for unit in remind_round(plan_round)]})


class UnitPlanSubmissionViewSet(ScopedModelViewSet):
    serializer_class = UnitPlanSubmissionSerializer
    select_related = ("unit", "round")

    def get_queryset(self):
        return super().get_queryset().order_by("-round__deadline", "unit__order", "unit__name")

    def perform_update(self, serializer):
        was_submitted = serializer.instance.submitted_on is not None
        submission = self._save_in_scope(serializer, submitted_by=self.request.user)
        plan_submitted(submission, was_submitted, self.request.user)


class CadreRecordViewSet(ScopedModelViewSet):
    creator_field = "recorded_by"
    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False) or not may_see_cadre_records(self.request.user):
            return self.model.objects.none()
        return super().get_queryset()


class CadreFeedbackViewSet(CadreRecordViewSet):
    serializer_class = CadreFeedbackSerializer
    select_related = ("cadre", "unit")


class CadreReviewViewSet(CadreRecordViewSet):
    serializer_class = CadreReviewSerializer
    select_related = ("cadre", "unit", "feedback")

    def after_save(self, instance):
        apply_review(instance)
