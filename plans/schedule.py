"""The plan's schedule rules: when a task's occurrences fall due, what its typed progress says, its derived
status (in Python and as a database expression), and how a binding's rule reads. Plain functions of the choices,
below the models (whose querysets and properties use them) and the services (which store what they derive)."""

import calendar
from datetime import date, timedelta

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import periods
from core.areas import record_source

from .choices import BindingRule, Recurrence, TaskStatus

# An open-ended plan ("2024 và những năm tiếp theo") still needs a horizon for recurrences.
OPEN_ENDED_YEARS = 10


def _clamped(year, month, day):
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _first_on_or_after(start, candidate_for):
    """Walk periods forward from ``start`` until the period's due date is on or after it."""
    index = 0
    while True:
        due = candidate_for(index)
        if due >= start:
            return index
        index += 1


def occurrences(task, start=None, end=None):
    """Due dates of the task between ``start`` and ``end`` (both inclusive), in order.

    The default window is the plan's period; an open-ended plan runs OPEN_ENDED_YEARS from its start.
    """
    plan = task.plan
    start = start or plan.starts_on
    if end is None:
        end = plan.ends_on or _clamped(plan.starts_on.year + OPEN_ENDED_YEARS, 12, 31)
    if start > end:
        return []
    kind = task.recurrence
    if kind == Recurrence.ONCE:
        return [task.due_date] if task.due_date and start <= task.due_date <= end else []
    result = []
    if kind == Recurrence.WEEKLY:
        due = start + timedelta(days=(task.recurrence_weekday - start.weekday()) % 7)
        while due <= end:
            result.append(due)
            due += timedelta(days=7)
        return result
    if kind == Recurrence.MONTHLY:
        months = [(y, m) for y in range(start.year, end.year + 1) for m in range(1, 13)]
        candidates = (_clamped(y, m, task.recurrence_day) for y, m in months)
    elif kind == Recurrence.QUARTERLY:
        offset = (task.recurrence_month or 3) - 1
        candidates = (
            _clamped(y, q * 3 + 1 + offset, task.recurrence_day)
            for y in range(start.year, end.year + 1)
            for q in range(4)
        )
    elif kind == Recurrence.YEARLY:
        candidates = (_clamped(y, task.recurrence_month, task.recurrence_day) for y in range(start.year, end.year + 1))
    elif kind == Recurrence.IN_MONTH:
        candidates = (_clamped(y, task.recurrence_month, 31) for y in range(start.year, end.year + 1))
    else:
        raise ValueError(f"unknown recurrence {kind}")
    return [due for due in candidates if start <= due <= end]


def occurrence_window(task, due):
    """The period an occurrence covers: from the day after the previous due date to its own."""
    if task.recurrence == Recurrence.WEEKLY:
        return due - timedelta(days=6), due
    if task.recurrence == Recurrence.IN_MONTH:
        return due.replace(day=1), due
    months = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.YEARLY: 12}.get(task.recurrence)
    if months is None:
        return task.plan.starts_on, due
    month_index = due.year * 12 + due.month - 1 - months
    previous = _clamped(month_index // 12, month_index % 12 + 1, task.recurrence_day or due.day)
    return previous + timedelta(days=1), due


def default_occurrence(task, on=None):
    """The occurrence a report made on ``on`` most likely belongs to: the first unmet due date."""
    on = on or periods.today()
    met = set(task.occurrences_met)
    for due in occurrences(task):
        if due.isoformat() not in met:
            return due
    return None


def current_occurrence(task, on=None):
    """The period a report made on ``on`` belongs to: the first due date on or after it within the plan's period,
    or, once the period is over, its last one. None for a task without occurrences."""
    on = on or periods.today()
    upcoming = occurrences(task, start=max(on, task.plan.starts_on))[:1]
    if upcoming:
        return upcoming[0]
    past = occurrences(task, end=on)
    return past[-1] if past else None


def recent_occurrences(task, on=None):
    """The task's due dates up to its current period, most recent first (the period drop-down, the task page)."""
    current = current_occurrence(task, on)
    if current is None:
        return []
    return list(reversed(occurrences(task, end=current)))


def progress_state(task, updates):
    """The derived fields of a task given its progress updates (dicts or objects with reported_on, percent,
    occurrence_due), oldest first. Pure: used to refresh a task and to see a task as it stood on a past date."""
    def value(update, name):
        return update[name] if isinstance(update, dict) else getattr(update, name)

    state = {
        "last_reported_on": value(updates[-1], "reported_on") if updates else None,
        "latest_percent": value(updates[-1], "percent") if updates else 0,
    }
    if task.recurrence == Recurrence.ONCE:
        state["occurrences_met"] = []
        state["is_done"] = state["latest_percent"] >= 100
        state["current_due_date"] = None if state["is_done"] else task.due_date
    else:
        met = sorted({value(u, "occurrence_due").isoformat() for u in updates
                      if value(u, "percent") >= 100 and value(u, "occurrence_due")})
        met_set = set(met)
        pending = next((due for due in occurrences(task) if due.isoformat() not in met_set), None)
        state["occurrences_met"] = met
        state["current_due_date"] = pending
        state["is_done"] = pending is None and task.plan.ends_on is not None
    return state


def period_ended(task, on):
    """True when the task's plan period ended before ``on``: the task is judged within that period."""
    ends_on = task.plan.ends_on
    return ends_on is not None and ends_on < on


def derive_status(task, on=None):
    on = on or periods.today()
    if task.is_done:
        return TaskStatus.DONE
    if period_ended(task, on):
        return TaskStatus.MISSED
    if task.current_due_date and task.current_due_date < on:
        return TaskStatus.OVERDUE
    if task.last_reported_on:
        return TaskStatus.IN_PROGRESS
    return TaskStatus.NOT_STARTED


def status_expression(on=None):
    on = on or periods.today()
    return Case(
        When(is_done=True, then=Value(TaskStatus.DONE.value)),
        When(plan__ends_on__lt=on, then=Value(TaskStatus.MISSED.value)),
        When(current_due_date__lt=on, then=Value(TaskStatus.OVERDUE.value)),
        When(last_reported_on__isnull=False, then=Value(TaskStatus.IN_PROGRESS.value)),
        default=Value(TaskStatus.NOT_STARTED.value),
        output_field=models.CharField(),
    )


def status_filter(status, on=None):
    """A Q object for tasks of one status (the same rule as ``derive_status``)."""
    on = on or periods.today()
    if status == TaskStatus.DONE:
        return Q(is_done=True)
    if status == TaskStatus.MISSED:
        return Q(is_done=False, plan__ends_on__lt=on)
    in_period = Q(is_done=False) & (Q(plan__ends_on__isnull=True) | Q(plan__ends_on__gte=on))
    if status == TaskStatus.OVERDUE:
        return in_period & Q(current_due_date__lt=on)
    not_late = in_period & (Q(current_due_date__isnull=True) | Q(current_due_date__gte=on))
    if status == TaskStatus.IN_PROGRESS:
        return not_late & Q(last_reported_on__isnull=False)
    if status == TaskStatus.NOT_STARTED:
        return not_late & Q(last_reported_on__isnull=True)
    raise ValueError(status)


# --- Progress roll-up ---------------------------------------------------------------------------

def occurrences_done(task, on=None):
    """(met, due) occurrences of a recurring task so far, or None for a one-off task."""
    if task.recurrence == Recurrence.ONCE:
        return None
    on = on or periods.today()
    due_so_far = list(occurrences(task, end=on))
    met = set(task.occurrences_met)
    return sum(1 for d in due_so_far if d.isoformat() in met), len(due_so_far)


PERIOD_NOUNS = {
    Recurrence.WEEKLY: _("tuần"), Recurrence.MONTHLY: _("tháng"), Recurrence.QUARTERLY: _("quý"),
    Recurrence.YEARLY: _("năm"), Recurrence.IN_MONTH: _("năm"),
}


def progress_words(task, percent, on=None):
    """How far a task is, as a report writes it: "đạt 13/13 tuần" for a recurring task (the share of its periods
    met, which a count of sessions beside it cannot contradict), "60%" for a one-off task."""
    done = occurrences_done(task, on)
    if done is None or done[1] == 0:
        return f"{percent}%"
    return _("đạt %(met)s/%(due)s %(period)s") % {"met": done[0], "due": done[1],
                                                   "period": PERIOD_NOUNS.get(task.recurrence, _("kỳ"))}


def task_percent(task, on=None):
    """How far the task is, 0–100.

    A one-off task counts its latest reported percent. A recurring task counts the share of its
    occurrences due so far that were completed (every Green Sunday, every quarterly report).
    """
    on = on or periods.today()
    if task.recurrence == Recurrence.ONCE:
        return 100 if task.is_done else task.latest_percent
    due_so_far = [d for d in occurrences(task, end=on)]
    if not due_so_far:
        return 100 if task.is_done else 0
    met = set(task.occurrences_met)
    done = sum(1 for d in due_so_far if d.isoformat() in met)
    return round(100 * done / len(due_so_far))


def describe_rule(binding, source=None):
    """The rule as an official reads it: "mỗi kỳ đạt khi có ít nhất 1 Tổ dân vận có hồ sơ"."""
    source = source or record_source(binding.source)
    groups = source.group_noun if source and source.group_noun else _("đơn vị, tổ")
    records = source.record_noun if source and source.record_noun else _("hồ sơ")
    if binding.rule == BindingRule.SHARE:
        return _("đạt khi ít nhất %(percent)s%% %(groups)s có %(records)s trong kỳ") % {
            "percent": binding.percent, "groups": groups, "records": records}
    if binding.rule == BindingRule.GROUPS:
        return ngettext("đạt khi ít nhất %(count)s %(groups)s có %(records)s trong kỳ",
                        "đạt khi ít nhất %(count)s %(groups)s có %(records)s trong kỳ", binding.count) % {
            "count": binding.count, "groups": groups, "records": records}
    return ngettext("đạt khi có ít nhất %(count)s %(records)s trong kỳ",
                    "đạt khi có ít nhất %(count)s %(records)s trong kỳ", binding.count) % {
        "count": binding.count, "records": records}


def describe_binding(binding):
    source = record_source(binding.source)
    label = str(source.label) if source else binding.source
    return f"{label} ({describe_rule(binding, source)})"
