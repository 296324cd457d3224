"""What the plan stores as its tasks progress: progress recorded and derived, roll-ups, the plan's figures, tasks
other areas put into it, and bound tasks kept current when their records change. The schedule and status rules
themselves are in plans.schedule.

Views, the API, tasks and the importer all call these; none of them re-implements a rule.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import periods
from core.areas import AreaSection, on_source_registered, record_source

from .bindings import bound_task_ids, bound_updates, stored_updates, with_notes
from .models import BindingRule, Plan, ProgressUpdate, Recurrence, Task, TaskBinding, TaskStatus
from .schedule import (
    default_occurrence,
    derive_status,
    progress_state,
    progress_words,
    task_percent,
)


def refresh_task_progress(task):
    """Recompute the task's derived fields from its progress updates. Call after any update changes."""
    updates = list(
        ProgressUpdate.objects.filter(task=task).order_by("reported_on", "created_at").values(
            "reported_on", "percent", "occurrence_due"
        )
    )
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


def _task_lines(lines, status, on):
    """The tasks of one status in an area, as the report lists them: title, lead and supporting units, due date,
    and how far the task is in words ("đạt 13/13 tuần", "60%")."""
    return [
        {"title": line.task.title, "unit": line.task.lead_unit.name,
         "supporting": [unit.name for unit in line.task.supporting_units.all()],
         "due": line.task.current_due_date.strftime("%d/%m/%Y") if line.task.current_due_date else "",
         "percent": line.percent, "progress": progress_words(line.task, line.percent, on)}
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
        entry["done_tasks"] = _task_lines(summary.lines, TaskStatus.DONE, on)
        entry["in_progress_tasks"] = _task_lines(summary.lines, TaskStatus.IN_PROGRESS, on)
        entry["overdue_tasks"] = _task_lines(summary.lines, TaskStatus.OVERDUE, on)
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


# --- Changing bindings and keeping bound tasks current ---------------------------------------------------

@transaction.atomic
def set_binding(task, source, rule=None, parameters=None, counts_from=None):
    """Bind ``task`` to a record source (or unbind it with ``source`` empty) and re-derive its progress."""
    if not source:
        TaskBinding.objects.filter(task=task).delete()
        binding = None
    else:
        defaults = dict(record_source(source).default_rule) if record_source(source) else {}
        rule = rule or defaults.pop("rule", BindingRule.RECORDS)
        binding = TaskBinding(task=task, source=source, rule=rule, counts_from=counts_from,
                              parameters=parameters if parameters is not None else defaults)
        binding.full_clean(exclude=["task"])
        TaskBinding.objects.update_or_create(task=task, defaults={
            "source": binding.source, "rule": binding.rule, "parameters": binding.parameters,
            "counts_from": binding.counts_from})
    if hasattr(task, "_state") and "binding" in task._state.fields_cache:
        del task._state.fields_cache["binding"]
    refresh_task_progress(task)
    return binding


def refresh_bound_tasks(ward_id, source_key):
    """Re-derive every task of the ward bound to the source (after one of its records changed)."""
    tasks = Task.objects.filter(plan__ward_id=ward_id, binding__source=source_key).select_related(
        "plan", "plan__ward", "binding")
    for task in tasks:
        refresh_task_progress(task)


def _on_record_changed(source):
    def handler(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return
        try:
            ward_id = source.ward_of(instance)
        except ObjectDoesNotExist:
            return  # the record's group or unit is being deleted with it: the deletion of that refreshes
        if ward_id is not None:
            refresh_bound_tasks(ward_id, source.key)

    return handler


def _connect(source):
    if source.ward_of is None:
        return
    handler = _on_record_changed(source)
    _handlers.append(handler)  # signals hold weak references
    for label in source.models:
        model = apps.get_model(label) if isinstance(label, str) else label
        uid = f"plans-binding-{source.key}-{model._meta.label_lower}"
        post_save.connect(handler, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(handler, sender=model, dispatch_uid=uid + "-delete")


_handlers = []


def connect_record_sources():
    """Called once from PlansConfig.ready(): a change to any source's records re-derives the tasks bound to it."""
    on_source_registered(_connect)


# The area's section of the quarterly report and the dashboards (registered by core.apps.AreaConfig).
SECTION = AreaSection("plan", gettext_lazy("Tiến độ thực hiện kế hoạch"), 0, plan_figures)
