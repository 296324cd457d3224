"""API of the religion area: the same restricted querysets, 404 for everyone outside the area, every read
logged (retrieve through auditlog's ``accessed`` signal, list rows in one insert)."""

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from core.access import CHANGE
from core.api import ScopedModelViewSet, ScopedReadOnlyViewSet, as_drf_error
from core.network import client_address

from .. import permissions as area_permissions
from .. import services
from ..filtersets import (
    AccessLogFilterSet,
)
from ..models import (
    RISK_ORDER,
    WatchReport,
)
from . import serializers as s


class MaySeeReligionArea(permissions.BasePermission):
    """Signed-in users outside the religion area get 404, as if the endpoint did not exist."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if not area_permissions.may_see(request.user):
            raise NotFound
        return True


def _remote_addr(request):
    return client_address(request) or None


class ReadLoggingMixin:
    permission_classes = [permissions.IsAuthenticated, MaySeeReligionArea]

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        services.log_read(request.user, instance, _remote_addr(request))
        return Response(self.get_serializer(instance).data)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        services.log_list_reads(self.request.user, page if page is not None else queryset,
                                _remote_addr(self.request))
        return page


class ReligionViewSet(ReadLoggingMixin, ScopedModelViewSet):
    def run_service(self, serializer_class, perform, queryset=None):
        """Validate an action's input, run a domain service on the object in a transaction, answer the object."""
        obj = get_object_or_404((queryset or self.model.objects.restrict(self.request.user, CHANGE)),
                                pk=self.kwargs["pk"])
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        try:
            with transaction.atomic(), set_actor(self.request.user):
                perform(obj, data.validated_data)
        except DjangoValidationError as exc:
            raise as_drf_error(exc, key="non_field_errors") from exc
        obj = self.model.objects.get(pk=obj.pk)
        return Response(self.get_serializer(obj).data)


class ReligionReadOnlyViewSet(ReadLoggingMixin, ScopedReadOnlyViewSet):
    pass


class EstablishmentViewSet(ReligionViewSet):
    serializer_class = s.EstablishmentSerializer
    select_related = ("residential_group",)

    def get_queryset(self):
        return super().get_queryset().with_head_flag()

    def perform_create(self, serializer):
        with transaction.atomic():
            super().perform_create(serializer)
            services.record_initial_certificate(serializer.instance, self.request.user)

    @extend_schema(request=s.CertificateChangeSerializer, responses=s.EstablishmentSerializer)
    @action(detail=True, methods=["post"], url_path="certificate")
    def certificate(self, request, pk=None):
        """Record a step of the land-use certificate file (a new status or the progress of the request)."""
        return self.run_service(s.CertificateChangeSerializer, lambda obj, data: services.change_certificate_status(
            obj, status=data["status"], on=data.get("recorded_on"), note=data["note"],
            certificate_number=data["certificate_number"], user=request.user))

    @extend_schema(request=s.HeadChangeInputSerializer, responses=s.EstablishmentSerializer)
    @action(detail=True, methods=["post"], url_path="head-change")
    def head_change(self, request, pk=None):
        """Record a new head; without an approved thỉnh sư request a Buddhist establishment is flagged."""
        return self.run_service(s.HeadChangeInputSerializer, lambda obj, data: services.record_head_change(
            obj, new_head=data["new_head"], head_title=data["head_title"], changed_on=data["changed_on"],
            invitation=data.get("invitation"), note=data["note"], user=request.user))

    @extend_schema(request=s.ResolveFlagSerializer, responses=s.EstablishmentSerializer)
    @action(detail=True, methods=["post"], url_path="resolve-flag")
    def resolve_flag(self, request, pk=None):
        return self.run_service(s.ResolveFlagSerializer, lambda obj, data: services.resolve_head_flag(
            obj, note=data["note"], user=request.user))


class CertificateStepViewSet(ReligionReadOnlyViewSet):
    serializer_class = s.CertificateStepSerializer
    select_related = ("establishment",)


class HeadChangeViewSet(ReligionReadOnlyViewSet):
    serializer_class = s.HeadChangeSerializer
    select_related = ("establishment",)


class InvitationViewSet(ReligionViewSet):
    serializer_class = s.InvitationSerializer
    select_related = ("establishment",)

    def perform_create(self, serializer):
        super().perform_create(serializer)
        services.announce_invitation(serializer.instance, self.request.user)

    @extend_schema(request=s.InvitationTransitionSerializer, responses=s.InvitationSerializer)
    @action(detail=True, methods=["post"], url_path="transition")
    def transition(self, request, pk=None):
        """Review, approve, reject or withdraw a thỉnh sư request (review comes before a decision)."""
        return self.run_service(s.InvitationTransitionSerializer, lambda obj, data: services.transition_invitation(
            obj, data["to"], on=data.get("on"), note=data["note"], decision_number=data["decision_number"],
            user=request.user))


class WorkViewSet(ReligionViewSet):
    serializer_class = s.WorkSerializer
    select_related = ("establishment", "residential_group")


class InspectionViewSet(ReligionViewSet):
    serializer_class = s.InspectionSerializer
    select_related = ("work",)
    creator_field = "recorded_by"


class EventViewSet(ReligionViewSet):
    serializer_class = s.EventSerializer
    select_related = ("establishment", "residential_group")


class WatchReportViewSet(ReligionViewSet):
    serializer_class = s.WatchReportSerializer
    select_related = ("residential_group",)
    creator_field = "reported_by"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.method not in ("GET", "HEAD", "OPTIONS") and self.action in ("update", "partial_update"):
            queryset = queryset.filter(anonymised_at__isnull=True)
        return queryset

    @extend_schema(request=s.FollowUpInputSerializer, responses=s.WatchReportSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        """Record a follow-up; it may reassess the risk and close the report."""
        return self.run_service(s.FollowUpInputSerializer, lambda obj, data: services.add_follow_up(
            obj, followed_on=data["followed_on"], action_taken=data["action_taken"], risk_level=data["risk_level"],
            close=data["close"], outcome=data["outcome"], user=request.user))

    @extend_schema(responses=s.RiskOverviewRowSerializer(many=True))
    @action(detail=False, methods=["get"], url_path="risk-overview", filterset_class=None, pagination_class=None)
    def risk_overview(self, request):
        """Open reports by residential group × risk level, with the potential hot spots."""
        from organisations.models import Unit, UnitKind

        groups = Unit.objects.restrict(request.user).filter(kind=UnitKind.RESIDENTIAL_GROUP).order_by("ward", "order")
        overview = services.risk_overview(WatchReport.objects.restrict(request.user), groups)
        rows = [{
            "residential_group": row.group.pk if row.group else None,
            "name": row.group.name if row.group else "",
            **{level.value: row.counts.get(level, 0) for level in RISK_ORDER},
            "total": row.total, "hot_spot": row.hot_spot,
        } for row in overview.rows]
        return Response(s.RiskOverviewRowSerializer(rows, many=True).data)


class FollowUpViewSet(ReligionReadOnlyViewSet):
    serializer_class = s.FollowUpSerializer
    select_related = ("report",)


class KeyPersonViewSet(ReligionViewSet):
    serializer_class = s.KeyPersonSerializer
    select_related = ("establishment", "residential_group")


class RetentionSettingViewSet(ReligionViewSet):
    serializer_class = s.RetentionSettingSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        self._save_in_scope(serializer, updated_by=self.request.user)

    def perform_update(self, serializer):
        self._save_in_scope(serializer, updated_by=self.request.user)


class AccessLogViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Reads and changes of the religion records of the user's ward(s)."""

    permission_classes = [permissions.IsAuthenticated, MaySeeReligionArea]
    serializer_class = s.AccessLogSerializer
    filterset_class = AccessLogFilterSet
    queryset = LogEntry.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LogEntry.objects.none()
        return services.access_log(self.request.user)
