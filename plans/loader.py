"""Save a plan described as data (the shipped JSON, or what the importer proposes) in one transaction.

The data names units by key; ``resolve_unit(key)`` turns a key into a Unit of the ward. Unknown keys
raise ``PlanDataError`` and nothing is saved.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .models import CellAssignment, FocusTask, ImplementedDocument, Limitation, Plan, Task, TaskArea
from .services import initialise_task

SEED_PLAN = Path(__file__).resolve().parent / "data" / "ke-hoach-dan-van-2024.json"


class PlanDataError(ValueError):
    pass


def read_seed_plan():
    """The shipped 2024 plan, imported from its text (plans/data/ke-hoach-dan-van-2024.md) by plans.importer.

    SEED_PLAN (the JSON) is the reviewed expected result the import is tested against; it gives the tasks
    their short titles.
    """
    from .importer.seed import import_seed_plan

    return import_seed_plan(reviewed=json.loads(SEED_PLAN.read_text(encoding="utf-8")))


def _date(value):
    return date.fromisoformat(value) if value else None


def ward_unit_resolver(ward):
    """Resolve the data's unit keys to units of ``ward``: "dang-uy" is the ward, others "<ward code>-<key>"."""
    from organisations.models import Unit

    units = {unit.code: unit for unit in Unit.objects.filter(ward=ward)}

    def resolve(key):
        if key == "dang-uy":
            return ward
        unit = units.get(f"{ward.code}-{key}") or units.get(key)
        if unit is None:
            raise PlanDataError(_("Không tìm thấy đơn vị “%(key)s” trong %(ward)s.") % {"key": key, "ward": ward})
        return unit

    return resolve


@transaction.atomic
def load_plan(data, ward, resolve_unit=None):
    resolve_unit = resolve_unit or ward_unit_resolver(ward)
    plan = Plan.objects.create(
        ward=ward,
        code=data.get("code", ""),
        title=data["title"],
        issued_on=_date(data.get("issued_on")),
        issuer=data.get("issuer", ""),
        place=data.get("place", ""),
        purpose=data.get("purpose", ""),
        requirements=data.get("requirements", ""),
        starts_on=_date(data["starts_on"]),
        ends_on=_date(data.get("ends_on")),
        signer_name=data.get("signer_name", ""),
        signer_title=data.get("signer_title", ""),
        recipients=data.get("recipients", ""),
    )
    for order, doc in enumerate(data.get("basis", []), start=1):
        ImplementedDocument.objects.create(
            plan=plan, order=order, code=doc["code"], issued_on=_date(doc.get("issued_on")),
            issuer=doc.get("issuer", ""), title=doc.get("title", ""),
        )
    for order, item in enumerate(data.get("limitations", []), start=1):
        Limitation.objects.create(plan=plan, order=order, number=item.get("number", ""), text=item["text"],
                                  pointed_out_by=item.get("pointed_out_by", ""))
    for order, item in enumerate(data.get("focus_tasks", []), start=1):
        FocusTask.objects.create(plan=plan, order=order, number=item.get("number", ""), text=item["text"])
    for area_order, area_data in enumerate(data["areas"], start=1):
        area = TaskArea.objects.create(plan=plan, order=area_order, number=area_data.get("number", ""),
                                       kind=area_data.get("kind", "other"), title=area_data["title"],
                                       content=area_data.get("content", ""))
        for task_order, task_data in enumerate(area_data.get("tasks", []), start=1):
            task = Task(
                area=area, plan=plan, order=task_order, title=task_data["title"],
                description=task_data.get("description", ""), source=task_data.get("source", ""),
                lead_unit=resolve_unit(task_data["lead"]), recurrence=task_data.get("recurrence", "once"),
                due_date=_date(task_data.get("due_date")), recurrence_weekday=task_data.get("recurrence_weekday"),
                recurrence_day=task_data.get("recurrence_day"), recurrence_month=task_data.get("recurrence_month"),
                weight=task_data.get("weight", 1),
            )
            task.full_clean(exclude=["plan", "lead_unit", "area"])
            task.save()
            task.supporting_units.set([resolve_unit(key) for key in task_data.get("supporting", [])])
            if task_data.get("binding"):
                _bind(task, task_data["binding"])
            initialise_task(task)
    for item in data.get("cell_assignments", []):
        CellAssignment.objects.create(plan=plan, party_cell=resolve_unit(item["cell"]), member_id=item["member_id"])
    return plan


def _bind(task, binding):
    """Bind the task to the records the data names (the importer proposes them; the seed plan ships them)."""
    from core.areas import record_source

    from .models import TaskBinding

    if record_source(binding.get("source", "")) is None:
        return None  # an area that is not installed: the task keeps typed progress
    instance = TaskBinding(task=task, source=binding["source"], rule=binding.get("rule", "records"),
                           parameters=binding.get("parameters") or {}, counts_from=_date(binding.get("counts_from")))
    instance.full_clean(exclude=["task"])
    instance.save()
    return instance


def deadlines(data):
    """The deadlines the data gives: (task title, recurrence, due date or recurrence parameters)."""
    result = []
    for area in data["areas"]:
        for task in area.get("tasks", []):
            if task.get("recurrence", "once") != "once" or task.get("due_date"):
                result.append(task)
    return result
