"""Domain rules of meetings: conclusion status and reminders, the yearly schedule of required meetings.

Views, the API, Celery tasks and the other areas (democracy's yearly minimums) call these; none of them
re-implements a rule.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import periods
from core.areas import AreaSection
from core.models import active_or_defaults, save_defaults_once
from core.periods import Frequency

from .models import (
    Conclusion,
    ConclusionState,
    DialogueAudience,
    Meeting,
    MeetingKind,
    MeetingRequirement,
    MeetingStatus,
)
from .models import conclusion_status as conclusion_status  # the rule is part of this module's API
from .models import conclusion_status_expression as conclusion_status_expression
from .models import conclusion_status_filter as conclusion_status_filter

# --- Conclusions ------------------------------------------------------------------------------------
# The status rule (conclusion_status and its database twin) lives in models.py beside ConclusionQuerySet.

def open_conclusions():
    return Conclusion.objects.exclude(state=ConclusionState.DONE)


def remind_conclusions(on=None, days_ahead=3):
    """Notify responsible units of conclusions due within ``days_ahead`` days and of overdue ones.

    Safe to run twice: a reminder of a coming due date is sent once; an overdue one once a week.
    """
    from core.notifications import notify

    on = on or periods.today()
    sent = 0
    due = open_conclusions().filter(due_date__lte=on + timedelta(days=days_ahead))
    for conclusion in due.select_related("responsible_unit", "meeting").iterator(chunk_size=500):
        key = "meetings.conclusion_overdue" if conclusion.due_date < on else "meetings.conclusion_due"
        sent += len(notify(key, conclusion, on=on))
    return sent


# --- Required meetings and the yearly schedule ----------------------------------------------------------

DEFAULT_REQUIREMENTS = [
    # title, kind, audience, frequency, minimum, each residential group, basis
    (gettext_lazy("Giao ban định kỳ của Thường trực Đảng ủy với Khối Dân vận, UBND, lực lượng vũ trang, "
                  "MTTQ và các tổ chức CT-XH"),
     MeetingKind.BRIEFING, "", Frequency.QUARTERLY, 1, False, gettext_lazy("Kế hoạch dân vận 2024, mục III.1")),
    (gettext_lazy("Hội nghị chuyên đề về công tác dân vận"),
     MeetingKind.THEMATIC, "", Frequency.YEARLY, 1, False, gettext_lazy("Kế hoạch dân vận 2024, mục II.2.3")),
    (gettext_lazy("Tập huấn chuyên đề công tác dân vận, quy chế dân chủ cho cán bộ, công chức phường"),
     MeetingKind.TRAINING, "", Frequency.YEARLY, 1, False, gettext_lazy("Kế hoạch dân vận 2024, mục III.1")),
    (gettext_lazy("Tập huấn chuyên môn cho cán bộ nhập dữ liệu công khai trên phần mềm Quy chế dân chủ"),
     MeetingKind.DISCLOSURE_TRAINING, "", Frequency.YEARLY, 1, False,
     gettext_lazy("Kế hoạch dân vận 2024, mục III.1")),
    (gettext_lazy("Đối thoại chuyên đề, thường xuyên với cán bộ, đảng viên, công nhân lao động và Nhân dân"),
     MeetingKind.DIALOGUE, "", Frequency.YEARLY, 2, False, gettext_lazy("Kế hoạch dân vận 2024, mục III.4")),
    (gettext_lazy("Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân"),
     MeetingKind.DIALOGUE, DialogueAudience.PEOPLE, Frequency.YEARLY, 1, False,
     gettext_lazy("Luật Thực hiện dân chủ ở cơ sở 2022, Điều 32")),
    (gettext_lazy("Hội nghị cuối năm của cộng đồng dân cư ở mỗi tổ dân phố"),
     MeetingKind.RESIDENTS_CONFERENCE, "", Frequency.YEARLY, 1, True,
     gettext_lazy("Luật Thực hiện dân chủ ở cơ sở 2022, Điều 33")),
]


def ensure_default_requirements(ward):
    """Give a ward the default required meetings once; the bloc edits them afterwards."""
    return save_defaults_once(MeetingRequirement, ward, default_requirements)


def default_requirements(ward):
    """The default required meetings as unsaved rows: what the schedule checks until the bloc saves a list."""
    return [
        MeetingRequirement(ward=ward, title=str(title), kind=kind, dialogue_audience=audience, frequency=frequency,
                           minimum=minimum, each_residential_group=each_group, basis=str(basis), order=index)
        for index, (title, kind, audience, frequency, minimum, each_group, basis) in enumerate(DEFAULT_REQUIREMENTS)
    ]


def requirements_for(ward):
    return active_or_defaults(MeetingRequirement, ward, default_requirements)


class PeriodState(models.TextChoices):
    MET = "met", gettext_lazy("Đã tổ chức")
    MISSING = "missing", gettext_lazy("Còn thiếu")
    DUE = "due", gettext_lazy("Đang trong kỳ, chưa tổ chức")
    UPCOMING = "upcoming", gettext_lazy("Chưa đến kỳ")


@dataclass
class PeriodCheck:
    label: str
    start: date
    end: date
    required: int
    meetings: list = field(default_factory=list)
    state: str = PeriodState.UPCOMING

    @property
    def held(self):
        return len(self.meetings)

    def get_state_display(self):
        return PeriodState(self.state).label


@dataclass
class ScheduleRow:
    requirement: MeetingRequirement
    unit: object = None  # the residential group, for requirements every group must meet
    periods: list = field(default_factory=list)

    @property
    def missing(self):
        return sum(1 for p in self.periods if p.state == PeriodState.MISSING)

    @property
    def held(self):
        return sum(p.held for p in self.periods)

    @property
    def required(self):
        return sum(p.required for p in self.periods)


def _period_state(held, required, start, end, on):
    if held >= required:
        return PeriodState.MET
    if end < on:
        return PeriodState.MISSING
    if start <= on:
        return PeriodState.DUE
    return PeriodState.UPCOMING


def held_meetings(ward, start, end):
    """Meetings held by the ward's units between two dates (inclusive)."""
    return Meeting.objects.filter(organiser__ward=ward, status=MeetingStatus.HELD, held_on__gte=start,
                                  held_on__lte=end)


def meeting_schedule(ward, year, on=None, requirements=None, until=None):
    """Which required meetings of the year were held, which are missing, which are still to come.

    ``until`` stops the check at a date (a report period's end): periods after it are left out.
    """
    from organisations.models import Unit, UnitKind

    on = on or periods.today()
    requirements = requirements_for(ward) if requirements is None else list(requirements)
    kinds = {r.kind for r in requirements}
    meetings = list(
        held_meetings(ward, *periods.year_bounds(year)).filter(kind__in=kinds)
        .only("pk", "title", "kind", "dialogue_audience", "held_on", "organiser_id").order_by("held_on", "pk")
    )
    groups = None
    rows = []
    for requirement in requirements:
        matching = [m for m in meetings if requirement.matches(m)]
        if requirement.each_residential_group:
            if groups is None:
                groups = list(Unit.objects.filter(ward=ward, kind=UnitKind.RESIDENTIAL_GROUP, is_active=True)
                              .order_by("order", "name"))
            targets = [(group, [m for m in matching if m.organiser_id == group.pk]) for group in groups]
        else:
            targets = [(None, matching)]
        for unit, unit_meetings in targets:
            row = ScheduleRow(requirement=requirement, unit=unit)
            for label, start, end in periods.frequency_periods(requirement.frequency, year):
                if until is not None and start > until:
                    break
                inside = [m for m in unit_meetings if start <= m.held_on <= end]
                check = PeriodCheck(label=label, start=start, end=end, required=requirement.minimum, meetings=inside)
                check.state = _period_state(len(inside), requirement.minimum, start, end, on)
                row.periods.append(check)
            rows.append(row)
    return rows


# --- Area section ------------------------------------------------------------------------------------

def area_figures(ward, start, end):
    """Meetings held by kind, conclusions open and overdue, required meetings missing: for reports."""
    from django.urls import reverse

    from core.areas import Figures

    on = periods.today()
    held = Counter(held_meetings(ward, start, end).values_list("kind", flat=True))
    conclusions = Conclusion.objects.filter(meeting__organiser__ward=ward)
    in_period = conclusions.filter(meeting__held_on__gte=start, meeting__held_on__lte=end)
    cutoff = min(end, on)
    open_count = conclusions.exclude(state=ConclusionState.DONE).filter(meeting__held_on__lte=end).count()
    overdue_count = conclusions.exclude(state=ConclusionState.DONE).filter(due_date__lt=cutoff).count()
    done_in_period = conclusions.filter(state=ConclusionState.DONE, done_on__gte=start, done_on__lte=end).count()
    missing = 0
    for year in range(start.year, end.year + 1):
        for row in meeting_schedule(ward, year, on=min(on, end + timedelta(days=1)), until=end):
            missing += sum(1 for p in row.periods if p.state == PeriodState.MISSING and p.end >= start)
    rows = [(_("Cuộc họp đã tổ chức"), str(sum(held.values())))]
    rows += [(str(kind.label), str(held[kind.value])) for kind in MeetingKind if held[kind.value]]
    rows += [
        (_("Kết luận mới trong kỳ"), str(in_period.count())),
        (_("Kết luận hoàn thành trong kỳ"), str(done_in_period)),
        (_("Kết luận đang theo dõi"), str(open_count)),
        (_("Kết luận quá hạn"), str(overdue_count)),
        (_("Cuộc họp bắt buộc còn thiếu"), str(missing)),
    ]
    status = "danger" if overdue_count else ("warning" if missing else "ok")
    return Figures(
        rows=rows,
        data={
            "held": {kind.value: held[kind.value] for kind in MeetingKind},
            "held_total": sum(held.values()),
            "conclusions_new": in_period.count(),
            "conclusions_done": done_in_period,
            "conclusions_open": open_count,
            "conclusions_overdue": overdue_count,
            "required_missing": missing,
            "headline": sum(held.values()),
            "chart": {"labels": [str(kind.label) for kind in MeetingKind],
                      "values": [held[kind.value] for kind in MeetingKind], "unit": ""},
        },
        link=reverse("meetings:meeting_list"),
        status=status,
    )


# The area's section of the quarterly report and the dashboards (registered by core.apps.AreaConfig).
SECTION = AreaSection(key="meetings", title=gettext_lazy("Hội nghị, giao ban, đối thoại và kết luận"), order=15,
                      figures=area_figures)
