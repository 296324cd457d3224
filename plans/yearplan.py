"""Closing a plan's year and "Lập kế hoạch năm sau": a new plan made from this one, a year on.

The copy is generic: every concrete field of a task is copied (fields other apps add to Task come along), dates are
moved to the target year, and the derived progress fields start afresh."""

import calendar
import re
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FocusTask, ImplementedDocument, Limitation, Plan, Task, TaskArea, TaskBinding
from .permissions import may_plan_next_year
from .services import initialise_task, refresh_task_progress

# Fields of a task that are derived or belong to the copy itself, never copied.
NOT_COPIED = {"id", "plan", "area", "search_text", "latest_percent", "is_done", "current_due_date",
              "last_reported_on", "occurrences_met", "carried_over_from"}
CARRIED_MARK = "chuyển từ năm trước"


def _moved(day, years):
    if day is None:
        return None
    year = day.year + years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


@transaction.atomic
def close_plan(plan, user, summary=None):
    """Close the plan's year: its period ends on 31/12 of its year, tasks are re-judged within it, who and when are
    kept (audited with the plan), and the yearly summary is frozen."""
    if not may_plan_next_year(user, plan):
        raise PermissionDenied(_("Chỉ Khối Dân vận khóa sổ năm của kế hoạch."))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    year_end = date(plan.year, 12, 31)
    plan.ends_on = min(plan.ends_on or year_end, year_end)
    plan.closed_at = timezone.now()
    plan.closed_by = user
    plan.year_summary = summary or {}
    plan.save()
    for task in Task.objects.filter(plan=plan).select_related("plan"):
        refresh_task_progress(task)
    return plan


def unfinished(plan):
    return Task.objects.filter(plan=plan, is_done=False)


def next_year_plan(plan, user, target_year=None, limitations=None, commit=False):
    """The next year's plan made from ``plan``: a preview (nothing written) unless ``commit``.

    Returns a dict: the target year, counts, and (when committed) the new plan."""
    if not may_plan_next_year(user, plan):
        raise PermissionDenied(_("Chỉ Khối Dân vận lập kế hoạch năm sau."))
    target_year = target_year or plan.year + 1
    years = target_year - plan.year
    if limitations is None:
        limitations = [line for line in (plan.year_summary or {}).get("limitations", []) if line.strip()]
    tasks = list(Task.objects.filter(plan=plan).select_related("area").prefetch_related("supporting_units")
                 .order_by("area__order", "order", "pk"))
    carried = [task for task in tasks if not task.is_done]
    preview = {"year": target_year, "areas": TaskArea.objects.filter(plan=plan).count(), "tasks": len(tasks),
               "carried": [task.title for task in carried], "limitations": limitations, "plan": None}
    if not commit:
        return preview
    with transaction.atomic():
        preview["plan"] = _copy(plan, years, tasks, limitations)
    return preview


def _copy(plan, years, tasks, limitations):
    new = Plan.objects.get(pk=plan.pk)
    new.pk = None
    new.code = ""
    # "… năm 2023; triển khai nhiệm vụ trọng tâm 2024" becomes "… năm 2025; … 2026": the year and the one before.
    shift = {str(plan.year - 1): str(plan.year + years - 1), str(plan.year): str(plan.year + years)}
    new.title = re.sub(rf"\b({plan.year - 1}|{plan.year})\b", lambda m: shift[m.group(1)], plan.title)
    new.issued_on = None
    new.starts_on = date(plan.year + years, 1, 1)
    new.ends_on = date(plan.year + years, 12, 31)
    new.parent = plan.parent
    new.closed_at = None
    new.closed_by = None
    new.year_summary = {}
    new.save()
    for doc in ImplementedDocument.objects.filter(plan=plan):
        ImplementedDocument.objects.create(plan=new, order=doc.order, code=doc.code, issued_on=doc.issued_on,
                                           issuer=doc.issuer, title=doc.title)
    for focus in FocusTask.objects.filter(plan=plan):
        FocusTask.objects.create(plan=new, order=focus.order, number=focus.number, text=focus.text)
    source = _("Báo cáo tổng kết năm %(y)s") % {"y": plan.year}
    for order, text in enumerate(limitations, start=1):
        Limitation.objects.create(plan=new, order=order, number=f"{order}.", text=text, pointed_out_by=source)
    areas = {}
    for area in TaskArea.objects.filter(plan=plan).order_by("order"):
        areas[area.pk] = TaskArea.objects.create(plan=new, order=area.order, number=area.number, kind=area.kind,
                                                 title=area.title, content=area.content)
    # A bound task keeps its source and rule: next year's records complete next year's task (not counted from a date).
    bindings = {b.task_id: b for b in TaskBinding.objects.filter(task__in=[task.pk for task in tasks])}
    for task in tasks:
        copy = Task(plan=new, area=areas[task.area_id])
        for field in Task._meta.concrete_fields:
            if field.name not in NOT_COPIED:
                setattr(copy, field.attname, getattr(task, field.attname))
        copy.due_date = _moved(task.due_date, years)
        if not task.is_done:
            copy.carried_over_from = task
        copy.save()
        copy.supporting_units.set(task.supporting_units.all())
        if task.pk in bindings:
            binding = bindings[task.pk]
            TaskBinding.objects.create(task=copy, source=binding.source, rule=binding.rule,
                                       parameters=binding.parameters)
        initialise_task(copy)
    return new
