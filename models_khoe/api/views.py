"""The movement's API. Reads go through the restricted querysets; every write is a service call, so the API and
the pages obey the same rules and refuse with the same Vietnamese reasons."""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.access import CHANGE, user_may
from core.api import ScopedModelViewSet, ScopedReadOnlyViewSet, as_drf_error

from .. import permissions, services
from ..filtersets import (
    MobilizationModelFilterSet,
)
from .serializers import (
    KheoActivitySerializer,
    KheoAppraisalInputSerializer,
    KheoAppraisalSerializer,
    KheoBlocSerializer,
    KheoCriterionSerializer,
    KheoEvaluationSerializer,
    KheoEvaluatorAssignmentSerializer,
    KheoIndicatorValueSerializer,
    KheoMobilizationModelSerializer,
    KheoPublicitySerializer,
    KheoRecognitionSerializer,
    KheoRegistrationVersionSerializer,
    KheoReplicationSerializer,
)


class ServiceViewSet(ScopedModelViewSet):
    """Creates (and updates) through a service function inside a transaction with the audit actor."""

    http_method_names = ["get", "post", "head", "options"]
    check_create_scope = False  # the service decides who may create (evaluators, the bloc's appraisal …)

    def run(self, function, *args, **kwargs):
        try:
            with transaction.atomic(), set_actor(self.request.user):
                instance = function(*args, **kwargs)
                if instance is not None and not user_may(self.request.user, instance, CHANGE):
                    raise PermissionDenied(_("Bạn chỉ được ghi dữ liệu thuộc đơn vị mình phụ trách."))
        except DjangoValidationError as error:
            raise as_drf_error(error) from error
        return instance

    def perform_create(self, serializer):
        serializer.instance = self.run(self.create_with_service, serializer.validated_data)

    def create_with_service(self, data):
        raise NotImplementedError


class BlocViewSet(ScopedModelViewSet):
    serializer_class = KheoBlocSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def create_extra(self):
        ward = self.request.user.ward
        if ward is None or not permissions.may_manage_blocs(self.request.user, ward):
            raise PermissionDenied(_("Chỉ Khối Dân vận Đảng ủy quản lý khối thi đua."))
        return {"ward": ward}


class CriterionViewSet(ScopedModelViewSet):
    serializer_class = KheoCriterionSerializer
    select_related = ("bloc",)
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _check(self, bloc):
        if services.rubric_locked(bloc):
            raise serializers.ValidationError(
                {"detail": [_("Đang chấm điểm theo bộ tiêu chí này: không sửa được tiêu chí.")]})

    def perform_create(self, serializer):
        self._check(serializer.validated_data["bloc"])
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self._check(serializer.instance.bloc)
        super().perform_update(serializer)


class EvaluatorAssignmentViewSet(ServiceViewSet):
    serializer_class = KheoEvaluatorAssignmentSerializer
    select_related = ("bloc", "evaluator")
    http_method_names = ["get", "post", "delete", "head", "options"]

    def create_with_service(self, data):
        return services.assign_evaluator(self.request.user, data["bloc"], data["year"], data["evaluator"])

    def perform_destroy(self, instance):
        self.run(services.remove_evaluator, self.request.user, instance)


class MobilizationModelViewSet(ServiceViewSet):
    """Registrations: POST registers, PUT/PATCH revises (a new version); actions appraise, and the ranking."""

    serializer_class = KheoMobilizationModelSerializer
    filterset_class = MobilizationModelFilterSet
    select_related = ("unit", "bloc")
    prefetch_related = ("indicators", "evaluations")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    @staticmethod
    def _split(data):
        data = dict(data)
        indicators = [dict(row) for row in data.pop("indicators", [])]
        return data, indicators

    def create_with_service(self, data):
        data, indicators = self._split(data)
        return services.register(self.request.user, data=data, indicators=indicators)

    def perform_update(self, serializer):
        data, indicators = self._split(serializer.validated_data)
        if not indicators:
            indicators = [{name: getattr(i, name) for name in services.INDICATOR_FIELDS}
                          for i in serializer.instance.indicators.all()]
        serializer.instance = self.run(services.revise, self.request.user, serializer.instance, data=data,
                                       indicators=indicators)

    @extend_schema(request=KheoAppraisalInputSerializer, responses=KheoAppraisalSerializer)
    @action(detail=True, methods=["post"])
    def appraise(self, request, pk=None):
        """Approve the registration (and assign it as a plan task), or return it with comments."""
        model = self.get_object()
        data = KheoAppraisalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        function = services.approve if data.validated_data["decision"] == "approved" else services.return_for_revision
        try:
            with transaction.atomic(), set_actor(request.user):
                appraisal = function(request.user, model, data.validated_data["comments"])
        except DjangoValidationError as error:
            raise as_drf_error(error) from error
        return Response(KheoAppraisalSerializer(appraisal).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: {"type": "array", "items": {"type": "object"}}})
    @action(detail=False, methods=["get"])
    def ranking(self, request):
        """Ranking within each bloc and field for ``?year=`` (default: the latest year)."""
        queryset = self.filter_queryset(self.get_queryset())
        groups = services.ranking(queryset)
        return Response([
            {"bloc": group.bloc.pk, "bloc_name": group.bloc.name, "field": group.field,
             "entries": [{"model": e.model.pk, "name": e.model.name, "rank": e.rank, "tied": e.tied,
                          "average": str(e.average) if e.average is not None else None,
                          "evaluations": e.evaluations, "required": e.required, "targets_met": e.targets_met}
                         for e in group.entries]}
            for group in groups
        ])


class AppraisalViewSet(ScopedReadOnlyViewSet):
    serializer_class = KheoAppraisalSerializer


class RegistrationVersionViewSet(ScopedReadOnlyViewSet):
    serializer_class = KheoRegistrationVersionSerializer


class IndicatorValueViewSet(ServiceViewSet):
    serializer_class = KheoIndicatorValueSerializer
    select_related = ("indicator",)

    def create_with_service(self, data):
        return services.record_indicator_value(self.request.user, data["indicator"], value=data["value"],
                                               measured_on=data["measured_on"], note=data.get("note", ""))


class ActivityViewSet(ServiceViewSet):
    serializer_class = KheoActivitySerializer

    def create_with_service(self, data):
        return services.record_activity(self.request.user, data["model"], held_on=data["held_on"],
                                        title=data["title"], description=data.get("description", ""),
                                        participants=data.get("participants"))


class PublicityViewSet(ServiceViewSet):
    serializer_class = KheoPublicitySerializer

    def create_with_service(self, data):
        return services.record_publicity(self.request.user, data["model"], channel=data["channel"],
                                         published_on=data["published_on"], title=data["title"],
                                         link=data.get("link", ""), reach=data.get("reach"))


class EvaluationViewSet(ServiceViewSet):
    """Score sheets: the bloc and the Standing Committee read them all (without notes); an evaluator posts and
    reads their own. Posting again replaces the evaluator's sheet."""

    serializer_class = KheoEvaluationSerializer
    prefetch_related = ("scores",)

    def create_with_service(self, data):
        points = {row["criterion"]: row["points"] for row in data["scores"]}
        return services.record_score(self.request.user, data["model"], points, data.get("note", ""))


class RecognitionViewSet(ServiceViewSet):
    serializer_class = KheoRecognitionSerializer
    select_related = ("round", "model")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create_with_service(self, data):
        return services.recognise(self.request.user, data["model"], achievement=data["achievement"],
                                  proposed_to_city=data.get("proposed_to_city", False))

    def perform_update(self, serializer):
        """Only the proposal to the city changes after recognition."""
        proposed = serializer.validated_data.get("proposed_to_city", serializer.instance.proposed_to_city)
        serializer.instance = self.run(services.set_proposal, self.request.user, serializer.instance, proposed)


class ReplicationViewSet(ServiceViewSet):
    serializer_class = KheoReplicationSerializer
    select_related = ("adopting_unit",)

    def create_with_service(self, data):
        return services.record_replication(self.request.user, data["model"], adopting_unit=data["adopting_unit"],
                                           started_on=data["started_on"], results=data["results"],
                                           beneficiaries=data.get("beneficiaries"))
