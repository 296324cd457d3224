"""Domain rules of the plan: recurrence, derived status, progress roll-up.

Views, the API, tasks and the importer all call these; none of them re-implements a rule.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import models, transaction
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext as _

from core import periods

from .models import Plan, ProgressUpdate, Recurrence, Task, TaskStatus

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


def refresh_task_progress(task):
    """Recompute the task's derived fields from its progress updates. Call after any update changes."""
    updates = list(
        ProgressUpdate.objects.filter(task=task).order_by("reported_on", "created_at").values(
            "reported_on", "percent", "occurrence_due"
        )
    )
    from .bindings import bound_updates, with_notes

    derived = bound_updates(task, updates)  # a task bound to area records counts them, not typed percents
    state = progress_state(task, updates) if derived is None else with_notes(progress_state(task, derived), updates)
    for name, value in state.items():
        setattr(task, name, value)
    Task.objects.filter(pk=task.pk).update(**state)
    return task


def as_of(tasks, day):
    """Copies of ``tasks`` as they stood at the end of ``day``: only progress reported by then counts.

    One query for all the tasks' updates, whatever their number."""
    from copy import copy

    updates = {}
    for update in (ProgressUpdate.objects.filter(task__in=[t.pk for t in tasks], reported_on__lte=day)
                   .order_by("reported_on", "created_at").values("task_id", "reported_on", "percent",
                                                                   "occurrence_due")):
        updates.setdefault(update["task_id"], []).append(update)
    from .bindings import bound_task_ids, stored_updates, with_notes

    bound = bound_task_ids(tasks) if tasks else set()
    result = []
    for task in tasks:
        past = copy(task)
        typed = updates.get(task.pk, [])
        state = (with_notes(progress_state(task, stored_updates(task, day)), typed) if task.pk in bound
                 else progress_state(task, typed))
        for name, value in state.items():
            setattr(past, name, value)
        past.status_code = derive_status(past, day)
        result.append(past)
    return result


def initialise_task(task):
    """Set the derived fields of a task that has no progress yet (after creation or a schedule change)."""
    return refresh_task_progress(task)


# --- Tasks that other areas put into the plan -----------------------------------------------------

def current_area(ward, kind, *, on=None, year=None):
    """The area of ``kind`` in the ward's plan in force on the day ``on`` (or in the year ``year``): the newest
    plan that covers it. None when the ward has no such plan or area."""
    from .models import TaskArea

    areas = TaskArea.objects.filter(plan__ward=ward, kind=kind)
    if year is not None:
        areas = areas.filter(plan__starts_on__year__lte=year).filter(
            Q(plan__ends_on__isnull=True) | Q(plan__ends_on__year__gte=year))
    else:
        areas = areas.filter(plan__starts_on__lte=on).filter(Q(plan__ends_on__isnull=True) | Q(plan__ends_on__gte=on))
    return areas.select_related("plan").order_by("-plan__starts_on", "order").first()


def add_area_task(area, *, title, lead_unit, due_date, order=None, recurrence=Recurrence.ONCE, **fields):
    """A one-off task that another area of work puts into a plan area (an approved Dân vận khéo model, a
    friendly-government criterion to win back): placed after the area's tasks unless ``order`` is given, with
    its derived progress fields set, ready for the unit to report on."""
    if order is None:
        order = (area.tasks.aggregate(last=models.Max("order"))["last"] or 0) + 1
    task = Task.objects.create(area=area, plan=area.plan, order=order, title=title, lead_unit=lead_unit,
                               due_date=due_date, recurrence=recurrence, **fields)
    initialise_task(task)
    return task


# --- Status -------------------------------------------------------------------------------------
# One rule, written twice on purpose: in Python for a loaded task and as a database expression for
# lists and filters. tests/plans/test_status.py checks that both agree.

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


@dataclass
class RollupLine:
    task: Task
    percent: int
    weight: Decimal
    counted: bool
    contribution: Decimal  # percentage points this task adds to the weighted average


@dataclass
class Rollup:
    percent: Decimal | None
    total_weight: Decimal
    lines: list

    @property
    def explanation(self):
        if self.percent is None:
            return _("Chưa có nhiệm vụ nào được tính tiến độ.")
        # The numbers as the page shows them (80,0 in Vietnamese); number_format also writes a total weight of 40
        # as "40", where str(Decimal("40").normalize()) gives "4E+1".
        from django.utils.formats import number_format

        return _(
            "Tiến độ = tổng (trọng số × %% hoàn thành) ÷ tổng trọng số = %(percent)s%% trên tổng trọng số %(weight)s."
        ) % {"percent": number_format(self.percent), "weight": number_format(self.total_weight.normalize())}


def rollup(tasks, on=None):
    """Weighted average of the tasks' percents, with each task's part so the page can explain it."""
    on = on or periods.today()
    lines = []
    total_weight = Decimal("0")
    weighted = Decimal("0")
    for task in tasks:
        percent = task_percent(task, on)
        counted = task.counts_in_progress and task.weight > 0
        if counted:
            total_weight += task.weight
            weighted += task.weight * percent
        lines.append(RollupLine(task, percent, task.weight, counted, Decimal("0")))
    if total_weight == 0:
        return Rollup(None, total_weight, lines)
    for line in lines:
        if line.counted:
            line.contribution = (line.weight * line.percent / total_weight).quantize(Decimal("0.1"))
    return Rollup((weighted / total_weight).quantize(Decimal("0.1")), total_weight, lines)


@transaction.atomic
def record_progress(task, *, percent, note, reported_on=None, occurrence_due=None, author=None, unit=None, files=()):
    """Record a progress update with its evidence and refresh the task's derived status."""
    from core.models import Attachment

    if task.is_recurring and occurrence_due is None:
        occurrence_due = default_occurrence(task, reported_on)
    update = ProgressUpdate.objects.create(
        task=task,
        percent=percent,
        note=note,
        reported_on=reported_on or periods.today(),
        occurrence_due=occurrence_due if task.is_recurring else None,
        author=author,
        unit=unit,
    )
    for uploaded in files:
        Attachment.attach(update, uploaded, user=author)
    refresh_task_progress(task)
    return update


def _task_lines(lines, status):
    """The tasks of one status in an area, as the report lists them: title, lead and supporting units, due date."""
    return [
        {"title": line.task.title, "unit": line.task.lead_unit.name,
         "supporting": [unit.name for unit in line.task.supporting_units.all()],
         "due": line.task.current_due_date.strftime("%d/%m/%Y") if line.task.current_due_date else "",
         "percent": line.percent}
        for line in lines if line.task.status_code == status
    ]


def plan_figures(ward, start, end):
    """The plan's section of the report: tasks done, in progress and overdue per area, with their units.

    Status and progress are taken as they stood at the period's end, or today while the period is still
    running: a task due tomorrow is not overdue yet, so the current quarter's tile agrees with the task list
    (whose "Quá hạn" is as of today)."""
    from django.urls import reverse

    from core.areas import Figures

    from .models import AreaKind

    on = min(end, periods.today())
    # The plan in effect at the period's end: once last year's plan is closed, this year's report is built on
    # this year's plan only.
    tasks = as_of(list(
        Task.objects.filter(plan__in=Plan.objects.filter(ward=ward).in_effect(on))
        .select_related("area", "lead_unit", "plan").prefetch_related("supporting_units")
        .order_by("area__order", "order", "pk")
    ), on)
    areas = {}
    for task in tasks:
        entry = areas.setdefault(task.area_id, {
            "number": task.area.number, "kind": task.area.kind, "title": task.area.title,
            "done": 0, "in_progress": 0, "overdue": 0, "not_started": 0, "missed": 0, "tasks": [],
        })
        entry[task.status_code] += 1
        entry["tasks"].append(task)
    rows, data_areas = [], []
    for entry in areas.values():
        summary = rollup(entry.pop("tasks"), on)
        entry["percent"] = float(summary.percent) if summary.percent is not None else None
        entry["done_tasks"] = _task_lines(summary.lines, TaskStatus.DONE)
        entry["in_progress_tasks"] = _task_lines(summary.lines, TaskStatus.IN_PROGRESS)
        entry["overdue_tasks"] = _task_lines(summary.lines, TaskStatus.OVERDUE)
        data_areas.append(entry)
        kind_label = AreaKind(entry["kind"]).label if entry["kind"] in AreaKind.values else entry["title"]
        counts = _("%(done)s hoàn thành · %(doing)s đang thực hiện · %(late)s quá hạn · %(todo)s chưa thực hiện") % {
            "done": entry["done"], "doing": entry["in_progress"], "late": entry["overdue"], "todo": entry["not_started"]
        }
        rows.append((f"{entry['number']}. {kind_label}", counts))
    overall = rollup(tasks, on)
    overdue_total = sum(entry["overdue"] for entry in data_areas)
    return Figures(
        rows=rows,
        data={
            "areas": data_areas,
            "as_of": on.isoformat(),
            "headline": float(overall.percent) if overall.percent is not None else None,
            "headline_unit": "%",
            "overdue": overdue_total,
            "by_status": {status: sum(entry[status] for entry in data_areas) for status in TaskStatus.values},
            "chart": {"labels": [entry["number"] for entry in data_areas],
                      "values": [entry["percent"] or 0 for entry in data_areas], "unit": "%",
                      "categories": _("Nhóm nhiệm vụ (mục)")},
        },
        link=reverse("plans:task_list"),
        status="danger" if overdue_total > 3 else ("warning" if overdue_total else "ok"),
    )
