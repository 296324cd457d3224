"""The quarterly report's API. Reads go through the restricted querysets; every write is a call to
reports/services.py, so the API and the report pages obey the same rules and refuse with the same Vietnamese
reasons (an approved report is frozen: its narrative no longer changes, whoever asks)."""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from core import periods
from core.api import ScopedReadOnlyViewSet, as_drf_error

from .. import permissions, services, workflow
from ..models import UnitReport
from .serializers import (
    QuarterlyReportSerializer,
    ReturnCommentSerializer,
    UnitReportSerializer,
    UnitReportTextSerializer,
    WardSummarySerializer,
)


def run(user, function, *args, **kwargs):
    """A service call in a transaction with the audit actor; its ValidationError answers 400, its
    PermissionDenied 403 (DRF's own handling of Django's exception keeps the message)."""
    try:
        with transaction.atomic(), set_actor(user):
            return function(*args, **kwargs)
    except DjangoValidationError as error:
        raise as_drf_error(error) from error


class QuarterlyReportViewSet(mixins.UpdateModelMixin, ScopedReadOnlyViewSet):
    """Quarterly reports of the wards in the user's scope. PATCH writes the narrative of a draft (the bloc);
    the actions submit (the bloc), return and approve (the Standing Committee). Approval freezes the report and
    the worker renders its PDF (``pdf_state``, then ``pdf_url``)."""

    serializer_class = QuarterlyReportSerializer
    select_related = ("ward", "submitted_by", "approved_by")
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        # A draft's figures list its units' reports as they stand: one query for every report of the page.
        unit_reports = UnitReport.objects.select_related("unit")
        return (super().get_queryset().order_by("-year", "-quarter", "ward__path")
                .prefetch_related(Prefetch("unit_reports", queryset=unit_reports)))

    def perform_update(self, serializer):
        serializer.instance = run(self.request.user, workflow.update_narrative, serializer.instance,
                                  self.request.user, **serializer.validated_data)

    def _lifecycle(self, function, *args, report=None):
        report = run(self.request.user, function, report or self.get_object(), self.request.user, *args)
        report = self.get_queryset().get(pk=report.pk)
        return Response(self.get_serializer(report).data)

    @extend_schema(request=None, responses=QuarterlyReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The bloc submits the draft to the Standing Committee (its "Kết quả đạt được" must be written)."""
        return self._lifecycle(workflow.submit)

    @extend_schema(request=ReturnCommentSerializer, responses=QuarterlyReportSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_to_draft(self, request, pk=None):
        """The Standing Committee returns a submitted report to the bloc, with its comment."""
        report = self.get_object()  # another ward's report answers 404 whatever the body
        data = ReturnCommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._lifecycle(workflow.return_to_draft, data.validated_data["comment"], report=report)

    @extend_schema(request=None, responses=QuarterlyReportSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The Standing Committee approves: the report is numbered and frozen, and its PDF is rendered."""
        return self._lifecycle(workflow.approve)

    @extend_schema(request=None, responses=QuarterlyReportSerializer)
    @action(detail=True, methods=["post"])
    def refresh(self, request, pk=None):
        """The bloc recomputes a draft's figures from the data; the narrative already written is kept."""
        report = self.get_object()
        if not permissions.is_bloc(request.user):
            raise PermissionDenied(_("Chỉ Khối Dân vận cập nhật số liệu của báo cáo."))
        run(request.user, services.prepare_draft, report.ward_id, report.year, report.quarter)
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)

    @extend_schema(request=None, responses=QuarterlyReportSerializer)
    @action(detail=False, methods=["post"])
    def prepare(self, request):
        """The bloc prepares (or refreshes) its ward's draft of the next report due, from the data."""
        user = request.user
        if user.ward is None or not permissions.is_bloc(user):
            raise PermissionDenied(_("Chỉ Khối Dân vận của phường lập dự thảo báo cáo quý."))
        year, quarter = services.next_due(periods.today())
        report = run(user, services.prepare_draft, user.ward.pk, year, quarter)
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY,
                              404: OpenApiResponse(description=gettext_lazy("Tệp PDF chưa sẵn sàng."))})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """The approved report's PDF, once the worker has rendered it."""
        from reports.pdf import pdf_for

        report = self.get_object()
        content = pdf_for(request.user, report)
        if content is None:
            raise NotFound(_("Tệp PDF của báo cáo chưa sẵn sàng."))
        return FileResponse(content, content_type="application/pdf", as_attachment=True,
                            filename=f"bao-cao-quy-{report.quarter}-{report.year}.pdf")


class UnitReportViewSet(ScopedReadOnlyViewSet):
    """Each unit's quarterly results: the unit lists and submits its own; the bloc accepts or returns them."""

    serializer_class = UnitReportSerializer
    select_related = ("report", "unit")
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("-report__year", "-report__quarter", "report__ward_id", "unit__path")

    def _respond(self, unit_report):
        return Response(self.get_serializer(self.get_queryset().get(pk=unit_report.pk)).data)

    @extend_schema(request=UnitReportTextSerializer, responses=UnitReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The unit sends (or sends again, after a return) its quarterly results to the bloc."""
        unit_report = self.get_object()  # the change scope: the unit's own report
        user = request.user
        data = UnitReportTextSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._respond(run(user, workflow.submit_unit_report, unit_report, user, data.validated_data["text"]))

    @extend_schema(request=None, responses=UnitReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The bloc accepts a unit's results, which locks them."""
        return self._respond(run(request.user, workflow.review_unit_report, self.get_object(), request.user, True))

    @extend_schema(request=ReturnCommentSerializer, responses=UnitReportSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_to_unit(self, request, pk=None):
        """The bloc returns a unit's results for completion, with its comment."""
        unit_report = self.get_object()
        data = ReturnCommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._respond(run(request.user, workflow.review_unit_report, unit_report, request.user, False,
                                 data.validated_data["comment"]))


class WardSummaryViewSet(ScopedReadOnlyViewSet):
    """The pre-computed figures of the city view (refreshed hourly): every ward for a city viewer, a ward's
    own for its users."""

    serializer_class = WardSummarySerializer
    select_related = ("ward",)

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "-quarter", "ward__path")
