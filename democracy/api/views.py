from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.access import CHANGE
from core.api import ScopedModelViewSet, ward_year_rows

from ..models import Disclosure, Petition
from ..services import approve_disclosure, chairman_candidates, disclosure_checklist, yearly_minimums
from .serializers import (
    ChecklistRowSerializer,
    CitizenReceptionSerializer,
    DisclosureApprovalSerializer,
    DisclosureRequirementSerializer,
    DisclosureSerializer,
    MinimumSerializer,
    PetitionSerializer,
    PetitionStepSerializer,
    ViolationSerializer,
)


class DisclosureRequirementViewSet(ScopedModelViewSet):
    serializer_class = DisclosureRequirementSerializer
    filterset_fields = ["ward", "content_kind", "frequency", "is_active"]


class DisclosureViewSet(ScopedModelViewSet):
    serializer_class = DisclosureSerializer
    select_related = ("unit",)
    creator_field = "created_by"

    @extend_schema(request=DisclosureApprovalSerializer, responses=DisclosureSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Record the chairman's approval; only then does the disclosure count as posted."""
        from django.core.exceptions import ValidationError
        from rest_framework.exceptions import ValidationError as ApiValidationError

        disclosure = Disclosure.objects.restrict(request.user, CHANGE).select_related("unit").filter(pk=pk).first()
        if disclosure is None:
            raise NotFound
        data = DisclosureApprovalSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        approver = chairman_candidates(disclosure.unit.ward).filter(pk=data.validated_data["approver"]).first()
        if approver is None:
            raise ApiValidationError({"approver": [_("Người phê duyệt phải là Chủ tịch UBND phường.")]})
        from auditlog.context import set_actor

        try:
            with transaction.atomic(), set_actor(request.user):
                approve_disclosure(disclosure, approver, data.validated_data["approved_on"])
        except ValidationError as exc:
            raise ApiValidationError(exc.message_dict) from exc
        return Response(DisclosureSerializer(disclosure, context=self.get_serializer_context()).data)


class CitizenReceptionViewSet(ScopedModelViewSet):
    serializer_class = CitizenReceptionSerializer
    creator_field = "created_by"


class PetitionViewSet(ScopedModelViewSet):
    serializer_class = PetitionSerializer
    select_related = ("handling_unit",)
    creator_field = "created_by"

    @extend_schema(request=None, responses=inline_serializer(
        "OpenedCadreFeedback", {"cadre_feedback": serializers.IntegerField()}))
    @action(detail=True, methods=["post"], url_path="open-cadre-feedback")
    def open_cadre_feedback(self, request, pk=None):
        """Open a cadre feedback record (area 1) from a petition about a cadre."""
        from ..services import open_cadre_feedback
        from ..views import _may_open_feedback

        petition = Petition.objects.restrict(request.user).filter(pk=pk).first()
        if petition is None or petition.about_cadre_id is None or not _may_open_feedback(request.user, petition):
            raise NotFound
        from auditlog.context import set_actor

        with transaction.atomic(), set_actor(request.user):
            feedback = open_cadre_feedback(petition, request.user)
        return Response({"cadre_feedback": feedback.pk})


class PetitionStepViewSet(ScopedModelViewSet):
    serializer_class = PetitionStepSerializer
    filterset_fields = ["petition"]
    creator_field = "created_by"


class ViolationViewSet(ScopedModelViewSet):
    serializer_class = ViolationSerializer
    select_related = ("unit", "person")
    creator_field = "created_by"


YEAR_PARAMETERS = [OpenApiParameter("year", int), OpenApiParameter("ward", int)]


class DisclosureChecklistViewSet(viewsets.ViewSet):
    """The year's required disclosures of the user's ward, period by period."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=YEAR_PARAMETERS, responses=ChecklistRowSerializer(many=True))
    def list(self, request):
        return ward_year_rows(request, disclosure_checklist, ChecklistRowSerializer)


class DemocracyMinimumsViewSet(viewsets.ViewSet):
    """The law's yearly minimums for the user's ward: dialogue, year-end conferences, weekly reception."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=YEAR_PARAMETERS, responses=MinimumSerializer(many=True))
    def list(self, request):
        return ward_year_rows(request, yearly_minimums, MinimumSerializer)
