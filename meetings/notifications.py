"""Reminders of meeting conclusions (kết luận) to their responsible units, declared once."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.notifications import Event, due_items, users_of_units

AREA = "meetings"


def _responsible(conclusion, ctx):
    return users_of_units(conclusion.responsible_unit)


def _args(conclusion):
    return {"due": conclusion.due_date.strftime("%d/%m/%Y"), "text": conclusion.text[:150]}


def _body(conclusion, ctx):
    return _("Kết luận của %(meeting)s.") % {"meeting": conclusion.meeting}


EVENTS = [
    Event(
        key="meetings.conclusion_due", label="Kết luận sắp đến hạn (→ đơn vị được giao)", area=AREA,
        audience=_responsible, body=_body,
        title=lambda conclusion, ctx: _("Kết luận sắp đến hạn %(due)s: %(text)s") % _args(conclusion),
        dedup=lambda conclusion, ctx: f"{conclusion.pk}-{conclusion.due_date.isoformat()}", reminder=True,
    ),
    Event(
        key="meetings.conclusion_overdue", label="Kết luận quá hạn, nhắc hằng tuần (→ đơn vị được giao)", area=AREA,
        audience=_responsible, body=_body,
        title=lambda conclusion, ctx: _("Kết luận quá hạn (hạn %(due)s): %(text)s") % _args(conclusion),
        dedup=lambda conclusion, ctx: "{}-{}-{}w{}".format(conclusion.pk, conclusion.due_date.isoformat(),
                                                           *ctx["on"].isocalendar()[:2]),
        reminder=True,
    ),
]



def pending_for(user):
    """The open conclusions the user's unit must carry out, overdue or due within 14 days (one query)."""
    from datetime import timedelta

    from core import periods

    from .models import ConclusionState
    from .services import open_conclusions

    if not user.unit_id:
        return []
    on = periods.today()
    rows = list(open_conclusions().filter(responsible_unit_id=user.unit_id, due_date__lte=on + timedelta(days=14))
                .exclude(state=ConclusionState.DONE).values_list("due_date", flat=True))
    return due_items(rows, on, late=_("%(n)s kết luận giao cho đơn vị đã quá hạn"),
                     due=_("%(n)s kết luận giao cho đơn vị đến hạn trong 14 ngày"),
                     link=reverse("meetings:conclusion_list"), late_link=reverse("meetings:conclusion_overdue"))
