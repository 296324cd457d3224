"""Domain rules of the community groups: coverage, Zalo reach, Green Sunday regularity, classification,
situation reports going up to the Party Committee and People's Committee.

Every function that takes many groups answers with a fixed number of queries, whatever the number of
households, so pages and reports stay fast on a ward with hundreds of thousands of rows.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import periods
from core.areas import AreaSection
from core.numbers import number, percentage
from core.numbers import percent as percent_text

from . import permissions
from .models import (
    SUNDAY,
    Activity,
    ActivityKind,
    ClassificationCriteria,
    CommunityGroup,
    GroupClassification,
    Household,
    Level,
    ReportStatus,
    ReportTopic,
    SituationReport,
    Urgency,
)
from .wardunits import ward_bloc, ward_peoples_committee, ward_steering_committee

TARGET_COVERAGE = 100


# --- Units of the ward --------------------------------------------------------------------------------

def groups_of_ward(ward):
    return CommunityGroup.objects.filter(residential_group__ward=ward)


# --- Coverage -----------------------------------------------------------------------------------------

def percent(part, whole, places=1):
    """part / whole as a percentage rounded half up (a float, as the API and the figures give it); None when there
    is nothing to divide by."""
    value = percentage(part, whole, places)
    return None if value is None else float(value)


@dataclass
class Coverage:
    """Households in an inter-family group out of all households; the target is 100%."""

    total: int = 0
    covered: int = 0

    @property
    def gaps(self):
        return self.total - self.covered

    @property
    def ratio(self):
        return percent(self.covered, self.total)

    @property
    def meets_target(self):
        return self.total > 0 and self.covered == self.total

    def __add__(self, other):
        return Coverage(self.total + other.total, self.covered + other.covered)


def _household_counts(key, owners, condition):
    """{owner id: (households, households meeting ``condition``)} for the households whose ``key`` is one of
    ``owners`` (a queryset or ids), every owner present (0, 0 without households), in one query."""
    ids = [owner.pk if hasattr(owner, "pk") else owner for owner in owners]
    counts = dict.fromkeys(ids, (0, 0))
    rows = (Household.objects.filter(**{f"{key}__in": ids}).values(key)
            .annotate(total=Count("pk"), met=Count("pk", filter=condition)).order_by())
    counts.update((row[key], (row["total"], row["met"])) for row in rows)
    return counts


def coverage_by_group(groups):
    """{group id: Coverage} for the given groups (a queryset or ids), in one query."""
    counts = _household_counts("group_id", groups, Q(inter_family_group__isnull=False))
    return {pk: Coverage(*pair) for pk, pair in counts.items()}


def coverage_of(households):
    """Coverage of a queryset of households (already restricted), in one query."""
    row = households.order_by().aggregate(
        total=Count("pk"), covered=Count("pk", filter=Q(inter_family_group__isnull=False))
    )
    return Coverage(row["total"] or 0, row["covered"] or 0)


def coverage_gaps(households):
    """The households that are in no inter-family group, by address: the list the leader acts on."""
    return households.filter(inter_family_group__isnull=True).order_by("group_id", "address", "pk")


@dataclass
class Reach:
    households: int = 0
    joined: int = 0

    @property
    def ratio(self):
        return percent(self.joined, self.households)


def zalo_reach_by_interfamily(interfamily_groups):
    """{inter-family group id: Reach}: households of the group that joined its Zalo group, in one query."""
    counts = _household_counts("inter_family_group_id", interfamily_groups, Q(zalo_joined=True))
    return {pk: Reach(*pair) for pk, pair in counts.items()}


def zalo_reach_of(households):
    row = households.order_by().aggregate(total=Count("pk"), joined=Count("pk", filter=Q(zalo_joined=True)))
    return Reach(row["total"] or 0, row["joined"] or 0)


# --- Green Sunday -------------------------------------------------------------------------------------

def sundays_between(start, end):
    """Every Sunday from start to end, both inclusive."""
    if start > end:
        return []
    first = start + timedelta(days=(SUNDAY - start.weekday()) % 7)
    days = []
    current = first
    while current <= end:
        days.append(current)
        current += timedelta(days=7)
    return days


def sundays_in_month(year, month):
    return sundays_between(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def green_sundays_held(group_ids, start, end):
    """{group id: set of Sunday dates} on which each group held a Green Sunday, in one query."""
    held = {pk: set() for pk in group_ids}
    rows = Activity.objects.filter(
        group_id__in=group_ids, kind=ActivityKind.GREEN_SUNDAY, held_on__gte=start, held_on__lte=end
    ).values_list("group_id", "held_on")
    for group_id, held_on in rows:
        held.setdefault(group_id, set()).add(held_on)
    return held


@dataclass
class RegularityRow:
    group: CommunityGroup
    cells: list = field(default_factory=list)  # [(sunday, True | False | None for a Sunday still to come)]

    @property
    def held(self):
        return sum(1 for _day, state in self.cells if state)

    @property
    def due(self):
        return sum(1 for _day, state in self.cells if state is not None)

    @property
    def ratio(self):
        return percent(self.held, self.due)

    @property
    def is_regular(self):
        return self.due > 0 and self.held == self.due


def regularity_grid(groups, year, month, on=None):
    """For every group, whether it held a Green Sunday on each Sunday of the month (two queries)."""
    on = on or periods.today()
    groups = list(groups)
    sundays = sundays_in_month(year, month)
    if not sundays:
        return sundays, []
    held = green_sundays_held([g.pk for g in groups], sundays[0], sundays[-1])
    rows = []
    for group in groups:
        cells = [(day, (day in held.get(group.pk, ())) if day <= on else None) for day in sundays]
        # A Sunday to come that was already recorded (entered ahead by mistake) still shows as held.
        cells = [(day, True if state is None and day in held.get(group.pk, ()) else state) for day, state in cells]
        rows.append(RegularityRow(group, cells))
    return sundays, rows


def regularity_by_group(group_ids, start, end, on=None):
    """{group id: (Sundays held, Sundays due)} between start and end, counting only Sundays up to ``on``."""
    on = on or periods.today()
    due = sundays_between(start, min(end, on))
    held = green_sundays_held(group_ids, start, min(end, on))
    return {pk: (len(held.get(pk, ())), len(due)) for pk in group_ids}


# --- Situation reports --------------------------------------------------------------------------------

def report_recipients(report):
    """The accounts told about a new report: the bloc and the People's Committee of the ward."""
    from organisations.models import User

    ward = report.group.residential_group.ward
    units = [unit for unit in (ward_bloc(ward), report.peoples_committee or ward_peoples_committee(ward)) if unit]
    return list(User.objects.filter(unit__in=units, is_active=True).order_by("pk"))


def notify_new_report(report):
    from core.notifications import notify

    return notify("communitygroups.report_sent", report, actor=report.author)






def acknowledge_report(report, user):
    """Mark a report as taken in (once); tells its author."""
    from core.notifications import notify

    if report.status != ReportStatus.SENT:
        return report
    report.status = ReportStatus.ACKNOWLEDGED
    report.acknowledged_at = timezone.now()
    report.acknowledged_by = user
    report.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
    notify("communitygroups.report_acknowledged", report, actor=user)
    return report


def answer_report(report, answer, user):
    """Record the answer (or the direction given) and tell the author."""
    from core.notifications import notify

    answer = (answer or "").strip()
    if not answer:
        raise ValueError(_("Nội dung trả lời không được để trống."))
    now = timezone.now()
    if report.acknowledged_at is None:
        report.acknowledged_at = now
        report.acknowledged_by = user
    report.answer = answer
    report.answered_at = now
    report.answered_by = user
    report.status = ReportStatus.ANSWERED
    report.save(update_fields=["answer", "answered_at", "answered_by", "status", "acknowledged_at",
                               "acknowledged_by"])
    notify("communitygroups.report_answered", report, actor=user)
    return report


# --- Religion watch reports ---------------------------------------------------------------------------

# Urgency of a situation report -> risk level of a watch report (the religion committee reassesses it).
URGENCY_TO_RISK = {Urgency.NORMAL: "low", Urgency.SOON: "medium", Urgency.URGENT: "high"}


class WatchReportUnavailable(Exception):
    """The religion area provides no watch report model (yet), or it cannot take this report."""



def watch_report_values(report):
    """What this app knows of a religious-activity report, by the names a watch report is likely to use.

    Only the names the religion model actually has are passed on (see ``turn_into_watch_report``); the
    report holds no personal data of residents, so none is passed.
    """
    ward = report.group.residential_group.ward
    summary = report.description
    if report.place:
        summary = f"{report.place}\n{summary}"
    from django.contrib.contenttypes.models import ContentType

    return {
        "title": report.title,
        "description": summary,
        "reported_on": report.reported_on,
        "observed_on": report.reported_on,
        "place": report.place,
        "location": report.place or str(report.group.residential_group),
        "residential_group": report.group.residential_group,
        "ward": ward,
        "activity_kind": "other",
        "risk_level": URGENCY_TO_RISK[report.urgency],
        "source_kind": "community_group",
        "source_detail": _("Báo cáo nắm tình hình ngày %(date)s của %(group)s") % {
            "date": report.reported_on.strftime("%d/%m/%Y"), "group": report.group},
        "source_content_type": ContentType.objects.get_for_model(SituationReport),
        "source_object_id": report.pk,
    }


def turn_into_watch_report(report, user):
    """Create the religion area's watch report from a religious-activity report; returns it.

    Raises WatchReportUnavailable when the religion app has no WatchReport model, when the report is not
    about religious activity or was already turned into one, or when the model needs fields this app
    cannot fill (its other fields are left to the religion committee).
    """
    model = permissions.religion_watch_model()
    if model is None:
        raise WatchReportUnavailable(_("Phân hệ tôn giáo chưa có báo cáo theo dõi."))
    if report.topic != ReportTopic.RELIGIOUS_ACTIVITY:
        raise WatchReportUnavailable(_("Chỉ báo cáo về hoạt động tôn giáo mới chuyển sang phân hệ tôn giáo."))
    if report.religion_watch_report_id is not None:
        raise WatchReportUnavailable(_("Báo cáo này đã được chuyển sang phân hệ tôn giáo."))
    values = watch_report_values(report)
    concrete = {f.name: f for f in model._meta.concrete_fields}
    kwargs = {}
    for name, value in values.items():
        model_field = concrete.get(name)
        if model_field is None or model_field.primary_key:
            continue
        if model_field.is_relation:
            if isinstance(value, model_field.related_model):
                kwargs[name] = value
            continue
        if isinstance(value, str) and getattr(model_field, "max_length", None):
            value = value[: model_field.max_length]
        kwargs[name] = value
    for name in ("reported_by", "author", "created_by"):
        model_field = concrete.get(name)
        if model_field is not None and model_field.is_relation and isinstance(user, model_field.related_model):
            kwargs[name] = user
    try:
        with transaction.atomic():
            watch = model(**kwargs)
            watch.full_clean()
            watch.save()
            report.religion_watch_report_id = watch.pk
            report.save(update_fields=["religion_watch_report_id"])
            from core.notifications import is_registered, notify

            if is_registered("religion.watch_report_from_group"):
                notify("religion.watch_report_from_group", watch, actor=user)
    except Exception as exc:  # noqa: BLE001 - any refusal of the religion model is reported, nothing is kept
        raise WatchReportUnavailable(
            _("Không tạo được báo cáo theo dõi tôn giáo: %(error)s") % {"error": exc}
        ) from exc
    return watch


# --- Yearly classification ----------------------------------------------------------------------------

def criteria_for(ward, year):
    committee = ward_steering_committee(ward)
    if committee is None:
        return None
    return ClassificationCriteria.objects.filter(steering_committee=committee, year=year).first()


def default_criteria(ward, year):
    """An unsaved criteria set with the default thresholds, for a ward whose committee has not set any."""
    return ClassificationCriteria(steering_committee=ward_steering_committee(ward), year=year)


def year_figures(group_ids, year, on=None):
    """{group id: figures} the classification reads: coverage %, Green Sunday regularity %, reports, activities.

    Coverage is the current one (households have no history); the other three count the year up to ``on``.
    Five queries whatever the number of groups and households.
    """
    on = on or periods.today()
    start, end = periods.year_bounds(year)
    coverage = coverage_by_group(group_ids)
    regularity = regularity_by_group(group_ids, start, end, on)
    reports = dict(
        SituationReport.objects.filter(group_id__in=group_ids, reported_on__gte=start, reported_on__lte=end)
        .values("group_id").annotate(n=Count("pk")).order_by().values_list("group_id", "n")
    )
    activities = dict(
        Activity.objects.filter(group_id__in=group_ids, held_on__gte=start, held_on__lte=end)
        .exclude(kind=ActivityKind.GREEN_SUNDAY)
        .values("group_id").annotate(n=Count("pk")).order_by().values_list("group_id", "n")
    )
    figures = {}
    for pk in group_ids:
        held, due = regularity[pk]
        cover = coverage[pk]
        figures[pk] = {
            "households": cover.total,
            "covered": cover.covered,
            "coverage": cover.ratio if cover.ratio is not None else 0.0,
            "sundays_held": held,
            "sundays_due": due,
            "regularity": percent(held, due) if due else 0.0,
            "reports": reports.get(pk, 0),
            "activities": activities.get(pk, 0),
        }
    return figures


def classify(figures, criteria):
    """The highest level whose four minima the figures meet; "Yếu" when none is met."""
    for level, (coverage, regularity, reports, activities) in criteria.thresholds().items():
        if (Decimal(str(figures["coverage"])) >= Decimal(coverage)
                and Decimal(str(figures["regularity"])) >= Decimal(regularity)
                and figures["reports"] >= reports
                and figures["activities"] >= activities):
            return level
    return Level.WEAK


def unmet_criteria(figures, criteria, level):
    """The minima of ``level`` that the figures miss, in words (why a group is not at that level)."""
    if level == Level.WEAK:
        return []
    coverage, regularity, reports, activities = criteria.thresholds()[level]
    missing = []
    if Decimal(str(figures["coverage"])) < Decimal(coverage):
        missing.append(_("hộ trong tổ liên gia %(value)s < %(min)s") % {
            "value": percent_text(figures["coverage"]), "min": percent_text(coverage)})
    if Decimal(str(figures["regularity"])) < Decimal(regularity):
        missing.append(_("Chủ nhật xanh %(value)s < %(min)s") % {
            "value": percent_text(figures["regularity"]), "min": percent_text(regularity)})
    if figures["reports"] < reports:
        missing.append(_("báo cáo nắm tình hình %(value)s < %(min)s") % {"value": figures["reports"], "min": reports})
    if figures["activities"] < activities:
        missing.append(_("hoạt động %(value)s < %(min)s") % {"value": figures["activities"], "min": activities})
    return missing


def classify_groups(groups, year, criteria, on=None):
    """Compute and store every group's classification for the year; an override is kept as it was."""
    groups = list(groups)
    figures = year_figures([g.pk for g in groups], year, on)
    existing = {c.group_id: c for c in GroupClassification.objects.filter(group__in=groups, year=year)}
    now = timezone.now()
    results = []
    with transaction.atomic():
        for group in groups:
            level = classify(figures[group.pk], criteria)
            classification = existing.get(group.pk) or GroupClassification(group=group, year=year)
            classification.computed_level = level
            classification.figures = figures[group.pk]
            classification.computed_at = now
            classification.save()
            results.append(classification)
    return results


def override_classification(classification, level, reason, user):
    """Set (or clear, with an empty level) the steering committee's own rating, with its reason."""
    reason = (reason or "").strip()
    if level and not reason:
        raise ValueError(_("Điều chỉnh xếp loại phải ghi rõ lý do."))
    if level and level not in Level.values:
        raise ValueError(_("Mức xếp loại không hợp lệ."))
    classification.override_level = level or ""
    classification.override_reason = reason if level else ""
    classification.decided_by = user if level else None
    classification.save(update_fields=["override_level", "override_reason", "decided_by"])
    return classification


# --- Area section -------------------------------------------------------------------------------------

def section_figures(ward, start, end, on=None):
    """The area's figures for a ward and a period (both inclusive): the reports' and dashboards' section."""
    from django.urls import reverse

    from core.areas import Figures

    on = on or periods.today()
    groups = list(groups_of_ward(ward).select_related("residential_group"))
    ids = [g.pk for g in groups]
    coverage_rows = coverage_by_group(ids)
    coverage = sum(coverage_rows.values(), Coverage())
    regularity = regularity_by_group(ids, start, end, on)
    held = sum(h for h, _due in regularity.values())
    due = sum(d for _held, d in regularity.values())
    reports = SituationReport.objects.filter(group_id__in=ids, reported_on__gte=start, reported_on__lte=end)
    report_counts = reports.aggregate(
        total=Count("pk"), open=Count("pk", filter=~Q(status=ReportStatus.ANSWERED)),
        urgent=Count("pk", filter=Q(urgency=Urgency.URGENT) & ~Q(status=ReportStatus.ANSWERED)),
    )
    activity_counts = dict(
        Activity.objects.filter(group_id__in=ids, held_on__gte=start, held_on__lte=end)
        .values("kind").annotate(n=Count("pk")).order_by().values_list("kind", "n")
    )
    regularity_ratio = percent(held, due)

    rows = [
        (_("Tổ dân vận cộng đồng"), number(len(groups))),
        # Each count in words, as a report writes it (no "375 / 389" or "10 (4)" to decode).
        (_("Hộ trong tổ liên gia"), _("%(n)s trong tổng số %(total)s hộ (%(percent)s)") % {
            "n": number(coverage.covered), "total": number(coverage.total), "percent": percent_text(coverage.ratio)}),
        (_("Hộ chưa vào tổ liên gia"), number(coverage.gaps)),
        (_("Chủ nhật xanh đã tổ chức"), _("%(n)s trong số %(due)s buổi phải tổ chức (%(percent)s)") % {
            "n": number(held), "due": number(due), "percent": percent_text(regularity_ratio)}),
        (_("Báo cáo nắm tình hình"), _("%(n)s, trong đó chưa trả lời %(open)s") % {
            "n": report_counts["total"], "open": report_counts["open"]}),
        (_("Buổi Chủ nhật xanh"), str(activity_counts.get(ActivityKind.GREEN_SUNDAY, 0))),
        (_("Buổi tuyên truyền"), str(activity_counts.get(ActivityKind.PROPAGANDA, 0))),
        (_("Hoạt động tự quản"), str(activity_counts.get(ActivityKind.SELF_MANAGEMENT, 0))),
    ]
    if coverage.total == 0 or (coverage.ratio or 0) < 90 or report_counts["urgent"]:
        status = "danger"
    elif not coverage.meets_target or (regularity_ratio is not None and regularity_ratio < 75) or report_counts["open"]:
        status = "warning"
    else:
        status = "ok"
    chart_labels = [g.residential_group.short_name or g.residential_group.name for g in groups]
    chart_values = [coverage_rows[g.pk].ratio or 0 for g in groups]
    return Figures(
        rows=rows,
        data={
            "headline": coverage.ratio,
            "headline_unit": "%",
            "groups": len(groups),
            "households": coverage.total,
            "households_covered": coverage.covered,
            "coverage_percent": coverage.ratio,
            "coverage_target": TARGET_COVERAGE,
            "green_sundays_held": held,
            "green_sundays_due": due,
            "green_sunday_percent": regularity_ratio,
            "reports": report_counts["total"],
            "reports_open": report_counts["open"],
            "reports_urgent": report_counts["urgent"],
            "activities": {kind: activity_counts.get(kind, 0) for kind in ActivityKind.values},
            "chart": {"labels": chart_labels, "values": chart_values, "unit": "%"},
        },
        link=reverse("communitygroups:coverage"),
        status=status,
    )


# The area's section of the quarterly report and the dashboards (registered by core.apps.AreaConfig).
SECTION = AreaSection(key="communitygroups", title=gettext_lazy("Tổ dân vận cộng đồng"), order=60,
                      figures=section_figures)
