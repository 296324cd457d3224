"""Tasks carried out by area records: a bound task's occurrences and percent come from the records.

A ``TaskBinding`` names a record source (``core.areas.RecordSource``, declared by an area app) and a rule. The plan
asks the source for the records of each occurrence period and turns the periods that meet the rule into the same
derived fields typed progress gives (``schedule.progress_state``), so every page, the Excel export, the API and the
report read one state. Typed progress on a bound task stays possible for notes and evidence: it dates the latest
report but never adds to the completion (no double count).

The plans app never imports an area app: it knows the areas only through the record sources.
"""

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ObjectDoesNotExist

from core.areas import record_source, record_sources

from .models import BindingRule, Recurrence, TaskBinding
from .schedule import OPEN_ENDED_YEARS, _clamped, occurrence_window, occurrences

# How many periods the task page lists with their records (the most recent first).
PAGE_PERIODS = 8


def fold(text):
    """Lower case without diacritics ("Chủ nhật xanh" -> "chu nhat xanh"), for the match patterns."""
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()


# --- Describing a binding -------------------------------------------------------------------------

def rule_parameters(rule, parameters):
    """The rule's parameters with their defaults: {"count": n} or {"percent": x}."""
    binding = TaskBinding(rule=rule, parameters=parameters or {})
    return {"percent": binding.percent} if rule == BindingRule.SHARE else {"count": binding.count}


# --- Proposing bindings from a plan's text --------------------------------------------------------------

def propose_binding(title):
    """The binding a task's title suggests ({"source", "rule", "parameters"}), or None.

    Only the title (what the work is): a description mentions much that the task does not produce (a dialogue,
    a briefing …). The first source in the registry's order whose pattern matches wins."""
    folded = fold(title)
    for source in record_sources():
        if folded and any(re.search(pattern, folded) for pattern in source.match):
            rule = dict(source.default_rule)
            return {"source": source.key, "rule": rule.pop("rule", BindingRule.RECORDS), "parameters": rule}
    return None


def propose_bindings(data, replace=False):
    """Add the proposed ``binding`` to every task of plan data (importer output) that has none (every task with
    ``replace``, after its title changed)."""
    for area in data.get("areas", []):
        for task in area.get("tasks", []):
            if replace:
                task.pop("binding", None)
            if "binding" not in task:
                proposal = propose_binding(task.get("title", ""))
                if proposal:
                    task["binding"] = proposal
    return data


# --- Periods and what the records say about them -------------------------------------------------------

def horizon(task):
    plan = task.plan
    return plan.ends_on or _clamped(plan.starts_on.year + OPEN_ENDED_YEARS, 12, 31)


def periods(task, end=None):
    """(due, start, end) of every occurrence period of the task, in order; a one-off task has one period, from the
    plan's start to its due date (or the plan's end when it has none)."""
    if task.recurrence == Recurrence.ONCE:
        return [(task.due_date, task.plan.starts_on, task.due_date or horizon(task))]
    return [(due, *occurrence_window(task, due)) for due in occurrences(task, end=end)]


@dataclass
class Period:
    due: date | None
    start: date
    end: date
    records: int = 0
    groups: int = 0
    population: int | None = None
    percent: int = 0  # how far the period is toward its rule, 0–100
    met: bool = False
    typed: bool = False  # judged by typed progress (due before the binding's counts_from)
    last_on: date | None = None
    objects: list = field(default_factory=list)


def _judge(binding, source, ward, period, rows):
    """Fill a period's figures from its rows (dicts with bound_on and bound_group)."""
    period.records = len(rows)
    period.groups = len({row["bound_group"] for row in rows if row["bound_group"] is not None})
    period.last_on = max((row["bound_on"] for row in rows), default=None)
    if binding.rule == BindingRule.SHARE:
        if rows and source.population is not None:
            period.population = source.population(ward, period.start, period.end)
        share = 100 * period.groups / period.population if period.population else 0
        period.percent = min(100, int(100 * share / binding.percent))
        period.met = bool(period.population) and share >= binding.percent
    else:
        achieved = period.groups if binding.rule == BindingRule.GROUPS else period.records
        period.percent = min(100, int(100 * achieved / binding.count))
        period.met = achieved >= binding.count
    return period


def _rows(source, ward, start, end):
    rows = list(source.records(ward, start, end).values("pk", "bound_on", "bound_group").order_by("bound_on", "pk"))
    return rows, [row["bound_on"] for row in rows]


def evaluate(task, binding=None, end=None):
    """Every occurrence period of a bound task with its figures (one query for the records, one per period with
    records for a share rule's population), or None when the task is not bound or its source is gone."""
    binding = binding if binding is not None else getattr_binding(task)
    source = record_source(binding.source) if binding else None
    if source is None:
        return None
    spans = periods(task, end=end)
    if not spans:
        return []
    ward = task.plan.ward
    rows, days = _rows(source, ward, min(s for _d, s, _e in spans), max(e for _d, _s, e in spans))
    result = []
    for due, start, stop in spans:
        inside = rows[bisect_left(days, start):bisect_right(days, stop)]
        result.append(_judge(binding, source, ward, Period(due, start, stop), inside))
    return result


def getattr_binding(task):
    try:
        return task.binding
    except ObjectDoesNotExist:
        return None


def _before(binding, due, end):
    """True for a period judged by typed progress: due before the binding counts records (``counts_from``)."""
    return binding.counts_from is not None and (due or end) < binding.counts_from


def bound_updates(task, typed=()):
    """The progress a bound task amounts to, as ``schedule.progress_state`` reads updates (oldest first): one
    update per occurrence of a recurring task met by its records, one with the percent reached for a one-off task.
    Periods due before the binding's ``counts_from`` keep their typed progress (``typed``): each period is judged
    by one of the two, never both. None when the task is not bound: its typed progress counts."""
    binding = getattr_binding(task)
    evaluated = evaluate(task, binding) if binding is not None else None
    if evaluated is None:
        return None
    from core import periods as calendar

    now = calendar.today()
    if task.recurrence == Recurrence.ONCE:
        period = evaluated[0] if evaluated else None
        if period is not None and _before(binding, period.due, period.end):
            return list(typed)
        if period is None or not period.records:
            return []
        return [{"reported_on": min(period.last_on, now), "percent": period.percent, "occurrence_due": None}]
    derived = [{"reported_on": min(period.last_on or period.due, now), "percent": 100, "occurrence_due": period.due}
               for period in evaluated if period.met and not _before(binding, period.due, period.end)]
    if binding.counts_from is not None:
        derived += [update for update in typed
                    if update["occurrence_due"] and update["occurrence_due"] < binding.counts_from]
    return sorted(derived, key=lambda update: update["reported_on"])


def with_notes(state, typed_updates):
    """A bound task's state keeps the date of its latest typed note (the task is being worked on) but nothing of
    the note's percent."""
    dates = [day for day in (state.get("last_reported_on"),
                             typed_updates[-1]["reported_on"] if typed_updates else None) if day]
    state["last_reported_on"] = max(dates) if dates else None
    return state


def stored_updates(task, day):
    """A bound task's progress as it stood at the end of ``day``, from its stored state (no query): the occurrences
    met that were due by then, or a one-off task's percent when its last record was made by then."""
    if task.recurrence == Recurrence.ONCE:
        if task.last_reported_on and task.last_reported_on <= day and task.latest_percent:
            return [{"reported_on": task.last_reported_on, "percent": task.latest_percent, "occurrence_due": None}]
        return []
    met = [date.fromisoformat(value) for value in task.occurrences_met]
    return [{"reported_on": due, "percent": 100, "occurrence_due": due} for due in sorted(met) if due <= day]


def bound_task_ids(tasks):
    return set(TaskBinding.objects.filter(task__in=[task.pk for task in tasks]).values_list("task_id", flat=True))


# --- The task page ---------------------------------------------------------------------------------

def recent_periods(task, binding, limit=PAGE_PERIODS, on=None, user=None):
    """The periods the task page lists, most recent first: those due by ``on`` and the first one after it (the
    current occurrence). The figures count every record of the ward; the links list those ``user`` may open (two
    queries, whatever the number of periods)."""
    from core import periods as calendar

    on = on or calendar.today()
    source = record_source(binding.source)
    if source is None:
        return []
    spans = periods(task)
    if task.recurrence != Recurrence.ONCE:
        current = next((index for index, (due, _s, _e) in enumerate(spans) if due >= on), len(spans) - 1)
        spans = spans[max(0, current + 1 - limit):current + 1]
    if not spans:
        return []
    ward = task.plan.ward
    first, last = min(s for _d, s, _e in spans), max(e for _d, _s, e in spans)
    rows, days = _rows(source, ward, first, last)
    visible = source.records(ward, first, last)
    if user is not None and hasattr(visible, "restrict"):
        visible = visible.restrict(user)
    visible = list(visible.order_by("bound_on", "pk"))
    visible_days = [record.bound_on for record in visible]
    result = []
    for due, start, stop in reversed(spans):
        period = _judge(binding, source, ward, Period(due, start, stop),
                        rows[bisect_left(days, start):bisect_right(days, stop)])
        period.objects = visible[bisect_left(visible_days, start):bisect_right(visible_days, stop)]
        period.typed = _before(binding, due, stop)
        result.append(period)
    return result


def first_record_period(task, binding=None):
    """The due date (or end) of the first period that has records: where a ward began entering them in the portal
    (load_demo sets ``counts_from`` there, so earlier periods keep the progress typed before)."""
    evaluated = evaluate(task, binding) or []
    return next(((period.due or period.end) for period in evaluated if period.records), None)
