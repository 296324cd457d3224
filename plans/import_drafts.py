"""Plans read from their documents wait as drafts on the server (PlanImportDraft) between the upload and the save.

Views and the beat task call these; the preview view only reads and corrects a draft.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from .importer import ImportLimits
from .importer.text import fold, squash
from .models import Plan, PlanImportDraft, Task, TaskArea


def content_hash(data):
    """SHA-256 of the plan's normalised structure: its title and every group's and task's text, in lower case
    without diacritics and with one space between words. The same plan typed again, saved as Word instead of
    Markdown or with other line breaks has the same hash; proposals (units, titles) and corrections do not count."""

    def norm(text):
        return squash(fold(text or ""))

    structure = {
        "title": norm(data.get("title")),
        "areas": [
            {"title": norm(area.get("title")), "content": norm(area.get("content")),
             "tasks": [norm(task.get("description")) for task in area.get("tasks", [])]}
            for area in data.get("areas", [])
        ],
    }
    return hashlib.sha256(json.dumps(structure, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def delete_expired_drafts(now=None):
    """Delete every expired draft; the number deleted. Safe to run twice, and from two beats at once."""
    deleted = 0
    for draft in PlanImportDraft.objects.expired(now).only("pk").iterator(chunk_size=100):
        draft.delete()  # one by one: the history records each deletion
        deleted += 1
    return deleted


@transaction.atomic
def create_draft(owner, ward, name, content, result, limits=None):
    """Keep the import ``result`` of the file ``name`` (bytes ``content``) as ``owner``'s draft for ``ward``.
    Raises LimitExceeded when the preview is larger than ``PLAN_IMPORT_MAX_PREVIEW_BYTES``, before storing it."""
    limits = limits or ImportLimits.from_settings()
    lines = [line.to_data() for line in result.lines]
    limits.check_preview(len(json.dumps(result.data, ensure_ascii=False).encode())
                         + len(json.dumps(lines, ensure_ascii=False).encode()))
    delete_expired_drafts()
    return PlanImportDraft.objects.create(
        owner=owner, ward=ward, file_name=name[:255], file_hash=hashlib.sha256(content).hexdigest(),
        content_hash=content_hash(result.data), source_format=result.source_format, data=result.data, lines=lines,
        expires_at=timezone.now() + timedelta(hours=settings.PLAN_IMPORT_DRAFT_HOURS),
    )


# ---------------------------------------------------------------- the same plan twice

def _norm(text):
    return squash(fold(text or ""))


def _norm_code(code):
    return re.sub(r"\s+", "", fold(code or ""))


def plan_content_hash(plan):
    """``content_hash`` of a saved plan, from its title, groups and tasks as they are now."""
    return content_hash({
        "title": plan.title,
        "areas": [{"title": area.title, "content": area.content,
                   "tasks": [{"description": task.description} for task in area.tasks.all()]}
                  for area in plan.areas.all()],
    })


@dataclass
class Duplicate:
    """A saved plan of the ward that the imported one repeats: by its number and issuer, or by its content."""

    plan: Plan
    same_number: bool
    same_content: bool
    records: dict = field(default_factory=dict)  # what records against it: {name of the records: count}

    @property
    def replaceable(self):
        return not self.records


def find_duplicates(ward, code, issuer, hash_value):
    """The ward's saved plans with the same number and issuer (``code`` not empty), or the same content."""
    code, issuer = _norm_code(code), _norm(issuer)
    found = []
    plans = Plan.objects.filter(ward=ward).prefetch_related(
        models.Prefetch("areas", TaskArea.objects.order_by("order")),
        models.Prefetch("areas__tasks", Task.objects.order_by("order")))
    for plan in plans:
        same_number = bool(code) and _norm_code(plan.code) == code and _norm(plan.issuer) == issuer
        same_content = hash_value in {plan.content_hash, plan_content_hash(plan)}
        if same_number or same_content:
            found.append(Duplicate(plan, same_number, same_content, records_against(plan)))
    return found


def records_against(plan):
    """What the portal records against ``plan`` besides its own structure (its basis, limitations, focus tasks,
    groups, tasks and their bindings): progress, assignments of party cells, records of other areas that name
    one of its tasks, plans below it, tasks carried over from it. {verbose name (plural): count}."""
    from .models import FocusTask, ImplementedDocument, Limitation, TaskBinding

    areas = list(plan.areas.values_list("pk", flat=True))
    tasks = list(plan.tasks.values_list("pk", flat=True))
    own = {
        Plan: {plan.pk}, TaskArea: set(areas), Task: set(tasks),
        TaskBinding: set(TaskBinding.objects.filter(task__in=tasks).values_list("pk", flat=True)),
        ImplementedDocument: set(plan.basis.values_list("pk", flat=True)),
        Limitation: set(plan.limitations.values_list("pk", flat=True)),
        FocusTask: set(plan.focus_tasks.values_list("pk", flat=True)),
    }
    found = {}
    for model, pks in ((Plan, [plan.pk]), (TaskArea, areas), (Task, tasks)):
        # Hidden relations too (related_name="+": a Dân vận khéo model, a criterion's gap naming a task); not the
        # automatic table of supporting units, nor a plan kept alongside as its duplicate.
        for relation in model._meta._get_fields(forward=False, reverse=True, include_hidden=True):
            related = relation.related_model
            if related._meta.auto_created or relation.field.name == "duplicate_of":
                continue
            rows = related._base_manager.filter(**{f"{relation.field.name}__in": pks})
            if related in own:
                rows = rows.exclude(pk__in=own[related])
            count = rows.count()
            if count:
                name = str(related._meta.verbose_name_plural)
                found[name] = found.get(name, 0) + count
    return found


@transaction.atomic
def replace_plan(old):
    """Delete ``old`` (nothing records against it: checked by the caller, again here) before its replacement is
    saved in the same transaction."""
    if records_against(old):
        raise PlanInUse(old)
    old.delete()


class PlanInUse(Exception):
    def __init__(self, plan):
        super().__init__(plan.pk)
        self.plan = plan
