"""The quarterly reports approved by the Standing Committee carry out the plan's reporting task."""

from django.db.models import F, IntegerField, Value
from django.utils.translation import gettext_lazy as _

from core.areas import RecordSource

from .models import QuarterlyReport, ReportStatus


def approved_reports(ward, start, end):
    """Approved reports, placed at their due date (15/3, 15/6, 15/9, 15/12): the quarter they report on."""
    return (QuarterlyReport.objects.filter(ward=ward, status=ReportStatus.APPROVED, due_date__range=(start, end))
            .annotate(bound_on=F("due_date"), bound_group=Value(None, output_field=IntegerField())))


REPORTS = RecordSource(
    key="reports.quarterly_report",
    label=_("Báo cáo quý đã được Ban Thường vụ phê duyệt"),
    records=approved_reports,
    models=("reports.QuarterlyReport",),
    ward_of=lambda report: report.ward_id,
    record_noun=_("báo cáo đã phê duyệt"),
    group_noun=_("đơn vị"),
    match=(r"bao cao ket qua .*hang quy",),
    order=70,
)

# Registered by core.apps.AreaConfig.
SOURCES = [REPORTS]
