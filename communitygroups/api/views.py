from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from core.access import CHANGE
from core.api import ScopedModelViewSet, ScopedReadOnlyViewSet

from .. import permissions, services
from ..models import (
    Household,
    SituationReport,
)
from .serializers import (
    ActivitySerializer,
    AnswerSerializer,
    ClassificationCriteriaSerializer,
    CommunityGroupSerializer,
    GroupClassificationSerializer,
    GroupMemberSerializer,
    HouseholdSerializer,
    InterFamilyGroupSerializer,
    SituationReportSerializer,
    ZaloGroupSerializer,
)


class CommunityGroupViewSet(ScopedModelViewSet):
    serializer_class = CommunityGroupSerializer
    select_related = ("residential_group",)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def coverage(self, request, pk=None):
        """Households in an inter-family group out of all the group's households, and the gaps' count."""
        group = self.get_object()
        coverage = services.coverage_of(Household.objects.restrict(request.user).filter(group=group))
        return Response({"group": group.pk, "households": coverage.total, "covered": coverage.covered,
                         "gaps": coverage.gaps, "coverage_percent": coverage.ratio,
                         "target_percent": services.TARGET_COVERAGE})


class GroupMemberViewSet(ScopedModelViewSet):
    serializer_class = GroupMemberSerializer


class InterFamilyGroupViewSet(ScopedModelViewSet):
    serializer_class = InterFamilyGroupSerializer


class HouseholdViewSet(ScopedModelViewSet):
    serializer_class = HouseholdSerializer

    def get_queryset(self):
        return super().get_queryset().order_by("group_id", "address", "pk")


class ZaloGroupViewSet(ScopedModelViewSet):
    serializer_class = ZaloGroupSerializer


class ActivityViewSet(ScopedModelViewSet):
    serializer_class = ActivitySerializer
    creator_field = "author"


class SituationReportViewSet(ScopedModelViewSet):
    serializer_class = SituationReportSerializer
    select_related = ("group__residential_group",)
    creator_field = "author"

    def after_save(self, instance):
        if instance.status == "sent":
            transaction.on_commit(lambda: services.notify_new_report(instance))

    def perform_update(self, serializer):
        if not permissions.may_edit_report(self.request.user, serializer.instance):
            raise NotFound
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        if not permissions.may_edit_report(self.request.user, instance):
            raise NotFound
        super().perform_destroy(instance)

    def _responding(self, request, pk):
        report = get_object_or_404(SituationReport.objects.restrict(request.user, CHANGE)
                                   .select_related("group__residential_group", "peoples_committee"), pk=pk)
        if not permissions.may_respond(request.user, report):
            raise NotFound
        return report

    @extend_schema(request=None, responses=SituationReportSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        report = self._responding(request, pk)
        from auditlog.context import set_actor

        with transaction.atomic(), set_actor(request.user):
            services.acknowledge_report(report, request.user)
        return Response(SituationReportSerializer(report, context={"request": request}).data)

    @extend_schema(request=AnswerSerializer, responses=SituationReportSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        report = self._responding(request, pk)
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        from auditlog.context import set_actor

        with transaction.atomic(), set_actor(request.user):
            services.answer_report(report, serializer.validated_data["answer"], request.user)
        return Response(SituationReportSerializer(report, context={"request": request}).data)


class ClassificationCriteriaViewSet(ScopedModelViewSet):
    serializer_class = ClassificationCriteriaSerializer


class GroupClassificationViewSet(mixins.UpdateModelMixin, ScopedReadOnlyViewSet, viewsets.GenericViewSet):
    """Read the yearly classification; PATCH sets the steering committee's override and its reason."""

    serializer_class = GroupClassificationSerializer
    http_method_names = ["get", "patch", "head", "options"]

    get_queryset = ScopedModelViewSet.get_queryset

    def perform_update(self, serializer):
        from auditlog.context import set_actor

        with transaction.atomic(), set_actor(self.request.user):
            services.override_classification(serializer.instance, serializer.validated_data.get(
                "override_level", serializer.instance.override_level), serializer.validated_data.get(
                "override_reason", serializer.instance.override_reason), self.request.user)
