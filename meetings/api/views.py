from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from core.api import ScopedModelViewSet, ward_year_rows

from ..services import meeting_schedule
from .serializers import ConclusionSerializer, MeetingRequirementSerializer, MeetingSerializer, ScheduleRowSerializer


class MeetingViewSet(ScopedModelViewSet):
    serializer_class = MeetingSerializer
    select_related = ("organiser",)
    prefetch_related = ("participating_units", "attendees")
    creator_field = "created_by"


class ConclusionViewSet(ScopedModelViewSet):
    serializer_class = ConclusionSerializer
    select_related = ("responsible_unit",)

    def get_queryset(self):
        return super().get_queryset().with_status().order_by("due_date", "meeting_id", "number")


class MeetingRequirementViewSet(ScopedModelViewSet):
    serializer_class = MeetingRequirementSerializer
    filterset_fields = ["ward", "kind", "frequency", "is_active"]


class MeetingScheduleViewSet(viewsets.ViewSet):
    """The year's required meetings of the user's ward: held, missing, still to come."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("year", int), OpenApiParameter("ward", int)],
        responses=ScheduleRowSerializer(many=True),
    )
    def list(self, request):
        return ward_year_rows(request, meeting_schedule, ScheduleRowSerializer)
