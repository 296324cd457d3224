"""Reminders of the plan's tasks, declared once (registered in PlansConfig.ready())."""

from django.utils.translation import gettext as _

from core.notifications import Event, users_of_units

AREA = "plans"


def _lead_unit(task, ctx):
    return users_of_units(task.lead_unit)


def _args(task):
    return {"task": task.title[:150], "due": task.current_due_date.strftime("%d/%m/%Y")}


EVENTS = [
    Event(
        key="plans.task_due", label="Nhiệm vụ sắp đến hạn (→ đơn vị chủ trì)", area=AREA, audience=_lead_unit,
        title=lambda task, ctx: _("Sắp đến hạn %(due)s: %(task)s") % _args(task),
        body=lambda task, ctx: task.description[:500],
        dedup=lambda task, ctx: f"{task.pk}-{task.current_due_date.isoformat()}", reminder=True,
    ),
    Event(
        key="plans.task_overdue", label="Nhiệm vụ quá hạn (→ đơn vị chủ trì)", area=AREA, audience=_lead_unit,
        title=lambda task, ctx: _("Quá hạn: %(task)s (hạn %(due)s)") % _args(task),
        body=lambda task, ctx: task.description[:500],
        dedup=lambda task, ctx: f"{task.pk}-{task.current_due_date.isoformat()}", reminder=True,
    ),
]

