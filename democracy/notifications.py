"""Reminders of petitions (đơn, thư, phản ánh) nearing their legal answer date, declared once.

Messages carry the petition's kind, reception date and deadline, never its content or its sender: e-mail leaves
the portal, and the sender's identity is shown only to whom services.may_see_sender allows.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.notifications import Event, due_items, users_of_units

AREA = "democracy"


def _handling_unit(petition, ctx):
    return users_of_units(petition.handling_unit)


def _args(petition):
    return {"kind": petition.get_kind_display(), "received": petition.received_on.strftime("%d/%m/%Y"),
            "due": petition.due_on.strftime("%d/%m/%Y")}


EVENTS = [
    Event(
        key="democracy.petition_due", label="Đơn, thư sắp đến hạn trả lời (→ đơn vị xử lý)", area=AREA,
        audience=_handling_unit, reminder=True,
        title=lambda petition, ctx: _("%(kind)s tiếp nhận ngày %(received)s sắp đến hạn trả lời %(due)s")
        % _args(petition),
        dedup=lambda petition, ctx: f"{petition.pk}-{petition.due_on.isoformat()}",
    ),
    Event(
        key="democracy.petition_overdue", label="Đơn, thư quá hạn trả lời, nhắc hằng tuần (→ đơn vị xử lý)",
        area=AREA, audience=_handling_unit, reminder=True,
        title=lambda petition, ctx: _("%(kind)s tiếp nhận ngày %(received)s đã quá hạn trả lời (hạn %(due)s)")
        % _args(petition),
        dedup=lambda petition, ctx: "{}-{}-{}w{}".format(petition.pk, petition.due_on.isoformat(),
                                                         *ctx["on"].isocalendar()[:2]),
    ),
]



def pending_for(user):
    """Open petitions the user's unit handles that are overdue or due within the reminder window (one query)."""
    from datetime import timedelta

    from core import periods

    from .models import CLOSED_PETITION_STATES, Petition
    from .services import PETITION_REMINDER_DAYS

    if not user.unit_id:
        return []
    on = periods.today()
    rows = list(Petition.objects.filter(handling_unit_id=user.unit_id,
                                        due_on__lte=on + timedelta(days=PETITION_REMINDER_DAYS))
                .exclude(state__in=CLOSED_PETITION_STATES).values_list("due_on", flat=True))
    return due_items(rows, on, late=_("%(n)s đơn, thư đơn vị xử lý đã quá hạn trả lời"),
                     due=_("%(n)s đơn, thư đơn vị xử lý sắp đến hạn trả lời"), link=reverse("democracy:petition_list"))
