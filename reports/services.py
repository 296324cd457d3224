"""Rules of the quarterly report: periods and due dates, drafts, unit reports, approval and freezing."""

import calendar
import hashlib
import json
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core import documents, periods
from core.areas import figures_for
from core.notifications import notify
from organisations.models import Unit, UnitKind

from .models import DocumentCounter, QuarterlyReport, ReportStatus, UnitReport, UnitReportState

REPORT_DOC_TYPE = "BC"


# --- Periods ------------------------------------------------------------------------------------

def _clamped(year, month, day):
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def due_date(year, quarter):
    """The ward's report is due before the 15th of the quarter's last month: 15/3, 15/6, 15/9, 15/12."""
    return _clamped(year, 3 * quarter, settings.DANVAN_REPORT_DUE_DAY)


def cutoff_period(year, quarter):
    """Figures run from the cut-off day of the month before the quarter to the day before it in the quarter's
    last month: Q1 2024 = 15/12/2023 – 14/3/2024."""
    day = settings.DANVAN_REPORT_CUTOFF_DAY
    first_month = 3 * quarter - 2
    start_year, start_month = (year - 1, 12) if first_month == 1 else (year, first_month - 1)
    start = _clamped(start_year, start_month, day)
    end = _clamped(year, 3 * quarter, day) - timedelta(days=1)
    return start, end


def unit_due_date(year, quarter):
    return due_date(year, quarter) - timedelta(days=settings.DANVAN_UNIT_REPORT_DAYS_BEFORE)


def next_due(on):
    """(year, quarter) of the first report due on or after ``on``."""
    year, quarter = periods.quarter_of(on)
    if on > due_date(year, quarter):
        year, quarter = periods.next_quarter(year, quarter)
    return year, quarter


def term_start(year, term_years=None):
    """Start year of the Party Committee's term containing ``year`` (terms 2020–2025, 2025–2030 …)."""
    starts = sorted(term_years or settings.DANVAN_TERM_START_YEARS)
    current = starts[0]
    for start in starts:
        if start <= year:
            current = start
    return current


# --- Units that report -------------------------------------------------------------------------

REPORTING_KINDS = {UnitKind.PEOPLES_COMMITTEE, UnitKind.FATHERLAND_FRONT, UnitKind.MASS_ORGANISATION,
                   UnitKind.MOBILIZATION_BLOC, UnitKind.STEERING_COMMITTEE}


def reporting_units(ward):
    """Units that lead tasks of the ward's plans, plus the People's Committee, Front and organisations."""
    from plans.models import Task

    leads = Task.objects.filter(plan__ward=ward).values("lead_unit")
    return (
        Unit.objects.filter(ward=ward, is_active=True)
        .filter(Q(pk__in=leads) | Q(kind__in=REPORTING_KINDS))
        .exclude(pk=ward.pk)
        .order_by("path")
    )


# --- Drafts -------------------------------------------------------------------------------------

def compute_figures(ward, start, end):
    """Every area's figures for the ward and period, JSON-ready, in the order of the sections."""
    sections = []
    for section, figures in figures_for(ward, start, end):
        sections.append({
            "key": section.key,
            "title": str(section.title),
            "area": section.area,
            "rows": [[str(label), str(value)] for label, value in figures.rows],
            "data": figures.data,
            "link": figures.link,
            "status": figures.status,
        })
    return {"period": [start.isoformat(), end.isoformat()], "sections": sections}


def unit_status_figures(report):
    """Every unit's report as it stands now: the live rows of a draft, what approval freezes."""
    rows = []
    if "unit_reports" in getattr(report, "_prefetched_objects_cache", {}):
        unit_reports = sorted(report.unit_reports.all(), key=lambda unit_report: unit_report.unit.path)
    else:
        unit_reports = report.unit_reports.select_related("unit").order_by("unit__path")
    for unit_report in unit_reports:
        rows.append({"id": unit_report.pk, "unit": unit_report.unit.name, "state": unit_report.state,
                     "timeliness": unit_report.timeliness()})
    return rows


@transaction.atomic
def prepare_draft(ward_id, year, quarter):
    """Create or refresh the draft of a ward's quarterly report; idempotent and keeps the narrative.

    Runs twice, or again after a worker died mid-way: the unique constraint and the row lock leave exactly
    one report per ward and quarter, and an approved report is never touched again.
    """
    ward = Unit.objects.get(pk=ward_id)
    start, end = cutoff_period(year, quarter)
    report, _created = QuarterlyReport.objects.get_or_create(
        ward=ward, year=year, quarter=quarter,
        defaults={"period_start": start, "period_end": end, "due_date": due_date(year, quarter),
                  "unit_due_date": unit_due_date(year, quarter)},
    )
    report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.DRAFT:
        return report
    existing = set(report.unit_reports.values_list("unit_id", flat=True))
    UnitReport.objects.bulk_create(
        [UnitReport(report=report, unit=unit) for unit in reporting_units(ward) if unit.pk not in existing],
        ignore_conflicts=True,
    )
    # Each unit hears once that its own report of the quarter is open (a unit added later hears when it is added).
    for unit_report in report.unit_reports.exclude(unit_id__in=existing).select_related("unit", "report"):
        notify("reports.unit_report_opened", unit_report)
    figures = compute_figures(ward, report.period_start, report.period_end)
    figures["units"] = unit_status_figures(report)
    report.figures = figures
    report.figures_at = timezone.now()
    report.save(update_fields=["figures", "figures_at"])
    return report


def notify_bloc_of_draft(report):
    return notify("reports.draft_ready", report)


def reports_due_for_drafting(on):
    """(year, quarter) whose draft should exist on ``on``: within the lead time before the due date."""
    year, quarter = next_due(on)
    if due_date(year, quarter) - on <= timedelta(days=settings.DANVAN_REPORT_DRAFT_DAYS):
        return year, quarter
    return None


# --- Narrative, submission, approval --------------------------------------------------------------

NARRATIVE_FIELDS = ("results", "limitations", "causes", "next_steps")


def canonical_checksum(payload):
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def ward_term_start(ward, day):
    """Start year of the ward's term on ``day``: the terms of DANVAN_TERM_START_YEARS, the current one beginning on
    the congress date of the ward's document settings when one is given (a congress in August 2025 leaves the
    documents of July in the 2020–2025 term)."""
    from organisations.models import DocumentSettings

    congress_on = DocumentSettings.objects.filter(ward=ward).values_list("congress_on", flat=True).first()
    year = term_start(day.year)
    if congress_on is not None and year == congress_on.year and day < congress_on:
        earlier = [start for start in settings.DANVAN_TERM_START_YEARS if start < year]
        return max(earlier) if earlier else year
    if congress_on is not None and congress_on.year > year and day >= congress_on:
        return congress_on.year
    return year


def next_document_number(ward, doc_type, day):
    """The next number of a document of ``doc_type`` issued on ``day``: numbers restart at 01 with each term."""
    counter, _created = DocumentCounter.objects.get_or_create(ward=ward, doc_type=doc_type,
                                                              term_start=ward_term_start(ward, day))
    counter = DocumentCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def document_code(number, doc_type=REPORT_DOC_TYPE, issuer="ĐU"):
    return f"{number:02d}-{doc_type}/{issuer}"


def live_document_header(ward):
    """What the Party document prints around its body today: the ward's document settings (core.documents),
    each empty field taken from the unit tree and the latest plan. Approval freezes it with the rest."""
    return documents.live_header(ward)


def document_header(report):
    """The header frozen at approval, the live one before. A report approved before a field was frozen takes
    that field from today's values (its issuer from the ward's name as frozen)."""
    live = live_document_header(report.ward)
    if not report.is_frozen:
        return live
    frozen = report.frozen
    fallback = {**live, "issuer": frozen.get("ward") or live["issuer"]}
    return {field: frozen[field] if field in frozen else fallback[field] for field in documents.HEADER_FIELDS}


def report_content(report):
    """What the report says: the frozen copy once approved, the live draft before.

    A draft's figures are those its last refresh computed (its page says when), except the units' reports, which
    are read as they stand: a unit that sends its results after the refresh is "Đã gửi" on the page, in the PDF,
    the Excel file and the API alike. ``report_figures`` builds what all of them print from this."""
    if report.is_frozen:
        return report.frozen
    return {
        "document_code": "",
        "ward": report.ward.name,
        "year": report.year,
        "quarter": report.quarter,
        "period": [report.period_start.isoformat(), report.period_end.isoformat()],
        "figures": {**report.figures, "units": unit_status_figures(report)},
        **{field: getattr(report, field) for field in NARRATIVE_FIELDS},
    }


TIMELINESS_LABELS = {
    "on_time": _lazy("Đúng hạn"),
    "late": _lazy("Muộn"),
    "missing": _lazy("Chưa báo cáo"),
}


def unit_lines(units):
    """The units' reports of a report's figures with the words every output prints: "Tình trạng" is the report's
    state (Chưa báo cáo, Đã gửi, Đã tiếp nhận …), "Thời hạn" whether it came in time (Đúng hạn, Muộn)."""
    states = dict(UnitReportState.choices)
    lines = []
    for row in units:
        timeliness = row.get("timeliness") or "missing"
        lines.append({
            **row,
            "state_label": str(states.get(row.get("state"), row.get("state") or "")),
            "timeliness_label": str(TIMELINESS_LABELS.get(timeliness, timeliness)),
            "on_time": timeliness == "on_time",
        })
    return lines


def report_figures(report, visible=None):
    """The one figures object of a quarterly report that the page, the PDF, the Excel file, the API and the
    dashboard read: the frozen copy once approved, the draft's computed figures before.

    ``visible`` (section keys) leaves out the sections a reader may not see; None keeps them all (the stored PDF).
    Returns the content (narrative, number, period), the sections, and the units' reports with their labels."""
    content = report_content(report)
    figures = content.get("figures") or {}
    sections = [section for section in figures.get("sections", []) if visible is None or section["key"] in visible]
    units = unit_lines(figures.get("units", []))
    on_time = sum(1 for unit in units if unit["on_time"])
    return {
        "content": content,
        "sections": sections,
        "units": units,
        "units_on_time": on_time,
        "units_total": len(units),
        "plan": next((s.get("data") or {} for s in figures.get("sections", []) if s["key"] == "plan"), {}),
    }


# --- Unit reports -------------------------------------------------------------------------------


def unit_reminders(report, on):
    """Remind units that have not reported: a set number of days before the unit deadline and after it."""
    days_left = (report.unit_due_date - on).days
    if days_left not in settings.DANVAN_UNIT_REMINDER_DAYS and days_left >= 0:
        return 0
    if days_left < 0 and (-days_left) % 3 != 1:
        return 0
    pending = report.unit_reports.filter(
        state__in=[UnitReportState.MISSING, UnitReportState.RETURNED]
    ).select_related("unit", "report")
    key = "reports.unit_report_due" if days_left >= 0 else "reports.unit_report_late"
    sent = 0
    for unit_report in pending:
        sent += len(notify(key, unit_report, on=on, days_left=days_left))
    return sent


# --- The dashboard's headline --------------------------------------------------------------------

def _against(value, target, close=10):
    """Colour of a figure where more is better: "ok" at or above its target, "warning" within ``close`` points."""
    if value is None or target is None:
        return "none"
    if value >= target:
        return "ok"
    return "warning" if value >= target - close else "danger"


def _units_on_time_percent(report):
    if report is None:
        return None, None, None
    figures = report_figures(report)
    if not figures["units_total"]:
        return None, 0, 0
    return 100 * figures["units_on_time"] / figures["units_total"], figures["units_on_time"], figures["units_total"]


def _section_data(report, key):
    if report is None:
        return {}
    for section in (report_content(report).get("figures") or {}).get("sections", []):
        if section["key"] == key:
            return section.get("data") or {}
    return {}


def headline_figures(current, reports, year, quarter, on):
    """The few figures the ward dashboard opens with, each with its change since last quarter and its colour
    against its target: plan progress, tasks overdue, units' reports on time, satisfaction index, stars, and the
    state of this quarter's report.

    ``current`` maps section keys to this quarter's computed ``Figures.data`` (the tiles'); ``reports`` maps
    (year, quarter) to the ward's quarterly reports (last quarter's figures are read from its report: the frozen
    copy once approved, as the report page and its PDF print them). No query of its own when ``reports`` has its
    units' reports prefetched."""
    from django.urls import reverse

    previous_key = periods.previous_quarter(year, quarter)
    this_report, last_report = reports.get((year, quarter)), reports.get(previous_key)
    plan, last_plan = current.get("plan") or {}, _section_data(last_report, "plan")
    satisfaction, last_satisfaction = current.get("satisfaction"), _section_data(last_report, "satisfaction")
    items = []

    def add(key, label, value, previous, unit, status, target_label, link, detail=""):
        change = None if value is None or previous is None else round(float(value) - float(previous), 1)
        items.append({"key": key, "label": label, "value": value, "previous": previous, "change": change,
                      "unit": unit, "status": status, "target": target_label, "link": link, "detail": detail})

    target = settings.DANVAN_TARGET_PLAN_PROGRESS
    add("plan_progress", _("Tiến độ chung của kế hoạch"), plan.get("headline"), last_plan.get("headline"), "%",
        _against(plan.get("headline"), target), _("mục tiêu %(t)s%%") % {"t": target}, reverse("plans:plan_list"))

    overdue = plan.get("overdue")
    add("overdue", _("Nhiệm vụ quá hạn"), overdue, last_plan.get("overdue"), "",
        "none" if overdue is None else ("ok" if overdue == 0 else ("warning" if overdue <= 3 else "danger")),
        _("mục tiêu 0"), reverse("plans:task_list") + "?status=overdue")

    percent, on_time, total = _units_on_time_percent(this_report)
    last_percent = _units_on_time_percent(last_report)[0]
    target = settings.DANVAN_TARGET_UNITS_ON_TIME
    add("units_on_time", _("Đơn vị báo cáo đúng hạn"), round(percent, 1) if percent is not None else None,
        round(last_percent, 1) if last_percent is not None else None, "%", _against(percent, target),
        _("mục tiêu %(t)s%%") % {"t": target},
        this_report.get_absolute_url() + "#bao-cao-don-vi" if this_report else reverse("reports:report_list"),
        _("%(n)s/%(total)s đơn vị") % {"n": on_time, "total": total} if total else "")

    if satisfaction is not None:
        threshold = satisfaction.get("threshold")
        add("satisfaction", _("Chỉ số hài lòng của người dân"), satisfaction.get("headline"),
            last_satisfaction.get("headline"), "%", _against(satisfaction.get("headline"), threshold),
            _("ngưỡng %(t)s%%") % {"t": f"{threshold:g}"} if threshold is not None else "",
            reverse("satisfaction:results"))
        from satisfaction.services.criteria import TARGET_STARS

        stars = (satisfaction.get("assessment") or {}).get("stars")
        last_stars = (last_satisfaction.get("assessment") or {}).get("stars")
        add("stars", _("Số sao Chính quyền thân thiện"), stars, last_stars, "★",
            _against(stars, TARGET_STARS, close=1), _("mục tiêu %(t)s sao") % {"t": TARGET_STARS},
            reverse("satisfaction:results"))

    due = due_date(year, quarter)
    if this_report is None:
        state, status = _("Chưa lập dự thảo"), "warning" if on <= due else "danger"
    else:
        state = ReportStatus(this_report.status).label
        if this_report.status == ReportStatus.APPROVED:
            status = "ok"
        elif this_report.status == ReportStatus.SUBMITTED:
            status = "ok" if on <= due else "warning"
        else:
            status = "warning" if on <= due else "danger"
    items.append({
        "key": "report_state", "label": _("Báo cáo quý %(q)s/%(y)s") % {"q": quarter, "y": year},
        "value": str(state), "previous": str(ReportStatus(last_report.status).label) if last_report else None,
        "change": None, "unit": "", "status": status,
        "target": _("hạn trình %(d)s") % {"d": due.strftime("%d/%m/%Y")},
        "link": this_report.get_absolute_url() if this_report else reverse("reports:report_list"), "detail": "",
    })
    return items
