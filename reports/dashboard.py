"""The Standing Committee's dashboard: the areas' tiles and their headline figures quarter by quarter."""

from django.db import models
from django.utils.translation import gettext as _

from core import periods
from core.areas import figures_for

from . import services
from .charts import bar_chart
from .models import QuarterlyReport, UnitReport

TREND_QUARTERS = 4


def headlines(key, title, data):
    """The figures an area sums itself up with, as dicts of key, title, value, unit and max: its headline, then
    any more it gives (the friendly-government stars beside the satisfaction index). See core/areas.py."""
    if not isinstance(data, dict):
        return []
    result = [{"key": key, "title": str(data.get("headline_label") or title), "value": data.get("headline"),
               "unit": data.get("headline_unit", ""), "max": 100 if data.get("headline_unit") == "%" else None}]
    for extra in data.get("more_headlines") or []:
        result.append({"key": f"{key}.{extra['key']}", "title": str(extra.get("label") or extra["key"]),
                       "value": extra.get("value"), "unit": extra.get("unit", ""), "max": extra.get("max"),
                       "status": extra.get("status")})
    return result


def section_headlines(figures):
    """Each section of computed figures with its headline figures only (WardSummary.headlines, the city view)."""
    return [{"key": section["key"], "status": section.get("status"),
             "lines": headlines(section["key"], section["title"], section.get("data"))}
            for section in (figures or {}).get("sections", [])]


def tiles(ward, start, end, user, cache_seconds=0):
    """A tile per area: its section, its figures and its chart (figures kept ``cache_seconds`` in the cache)."""
    result = []
    for section, figures in figures_for(ward, start, end, user, cache_seconds=cache_seconds):
        chart = figures.data.get("chart") if isinstance(figures.data, dict) else None
        result.append({
            "section": section,
            "figures": figures,
            "chart": bar_chart(chart["labels"], chart["values"], chart.get("unit", ""), axis=chart.get("axis"),
                               categories=chart.get("categories"),
                               maximum=100 if chart.get("unit") == "%" else None) if chart else None,
        })
    return result


def trend_quarters(year, quarter):
    """The quarters a trend shows, oldest first, ending with (year, quarter)."""
    quarters = [(year, quarter)]
    for _index in range(TREND_QUARTERS - 1):
        quarters.insert(0, periods.previous_quarter(*quarters[0]))
    return quarters


def trend_reports(ward, year, quarter):
    """The ward's quarterly reports of the trend's quarters by (year, quarter), with their units' reports: two
    queries, whatever the number of quarters and units."""
    first = trend_quarters(year, quarter)[0]
    unit_reports = UnitReport.objects.select_related("unit")
    return {
        (report.year, report.quarter): report
        for report in QuarterlyReport.objects.filter(ward=ward)
        .filter(models.Q(year=first[0], quarter__gte=first[1]) | models.Q(year__gt=first[0]))
        .prefetch_related(models.Prefetch("unit_reports", queryset=unit_reports))
    }


def trends(year, quarter, current, reports):
    """Each area's headline figures quarter by quarter: past quarters from their quarterly reports (the
    frozen copy once approved, as the report page and its PDF print them), the current one live."""
    quarters = trend_quarters(year, quarter)
    past = {key: services.report_content(report)["figures"] for key, report in reports.items()}
    series = {}
    for tile in current:
        for line in headlines(tile["section"].key, tile["section"].title, tile["figures"].data):
            series[line["key"]] = {**line, "values": []}
    for y, q in quarters:
        if (y, q) == (year, quarter):
            lines = [line for tile in current
                     for line in headlines(tile["section"].key, tile["section"].title, tile["figures"].data)]
        else:
            lines = [line for section in (past.get((y, q)) or {}).get("sections", [])
                     for line in headlines(section["key"], section["title"], section.get("data"))]
        values = {line["key"]: line["value"] for line in lines}
        for key, item in series.items():
            item["values"].append(values.get(key))
    labels = [periods.quarter_label(y, q) for y, q in quarters]
    trends = []
    for item in series.values():
        if sum(value is not None for value in item["values"]) >= 2:
            trends.append({"key": item["key"], "title": item["title"], "labels": labels,
                           "values": item["values"],
                           "chart": bar_chart(labels, item["values"], item["unit"], maximum=item["max"],
                                              categories=_("Quý"),
                                              axis=_("sao") if item["key"].endswith("stars") else None)})
    return trends
