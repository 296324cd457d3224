"""Filters of the quarterly reports, the units' quarterly results and the ward summaries: one FilterSet per
model, used by the browser list and the API alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import PortalFilterSet, UnitChoiceFilter
from organisations.models import UnitKind

from .models import QuarterlyReport, ReportStatus, UnitReport, UnitReportState, WardSummary

QUARTERS = QuarterlyReport._meta.get_field("quarter").choices


class PeriodFilterSet(PortalFilterSet):
    """Ward, year and quarter: a city viewer picks the ward, a ward's users only ever see their own."""

    ward = UnitChoiceFilter(label=_("Phường"), kind=UnitKind.WARD)
    # Bounded: a year far outside any report answers 400, not a database overflow.
    year = django_filters.NumberFilter(label=_("Năm"), min_value=2000, max_value=2100)
    # A ChoiceFilter, not TypedChoiceFilter: it offers the blank "— Tất cả —" first, so the form does not look
    # as if "Quý 1" were chosen while every quarter is listed.
    quarter = django_filters.ChoiceFilter(label=_("Quý"), choices=QUARTERS)
    # The ward's folded name ("an hoa" finds "phường An Hòa"), or the document code ("01-BC/ĐU").
    search_fields = ("ward__search_text", "document_code")


class QuarterlyReportFilterSet(PeriodFilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ReportStatus.choices)

    class Meta:
        model = QuarterlyReport
        fields = ["q", "ward", "year", "quarter", "status"]


class WardSummaryFilterSet(PeriodFilterSet):
    search_fields = ("ward__search_text",)

    class Meta:
        model = WardSummary
        fields = ["q", "ward", "year", "quarter"]


class UnitReportFilterSet(PortalFilterSet):
    search_fields = ("unit__search_text",)
    # A number, not a choice list: a list would name every report, in scope or not.
    report = django_filters.NumberFilter(label=_("Mã báo cáo quý"), field_name="report_id", min_value=1)
    unit = UnitChoiceFilter(label=_("Đơn vị"))
    state = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=UnitReportState.choices)
    year = django_filters.NumberFilter(label=_("Năm"), field_name="report__year", min_value=2000, max_value=2100)
    quarter = django_filters.ChoiceFilter(label=_("Quý"), field_name="report__quarter", choices=QUARTERS)

    class Meta:
        model = UnitReport
        fields = ["q", "report", "unit", "state", "year", "quarter"]
