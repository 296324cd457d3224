"""Petitions: deadlines, who may see the sender, opening a cadre feedback record."""

from datetime import timedelta

from django.utils.translation import gettext as _

from core import periods

from ..models import (
    CLOSED_PETITION_STATES,
    Petition,
)
from ..models import FIXED_HOLIDAYS as FIXED_HOLIDAYS

# --- Petitions ----------------------------------------------------------------------------------------

class PetitionStatus:
    """The status an official reads: closed states as they are, open ones overdue after the deadline."""

    OVERDUE = "overdue"


def petition_is_overdue(petition, on=None):
    on = on or periods.today()
    return petition.state not in CLOSED_PETITION_STATES and petition.due_on < on


def answered_late(petition):
    return petition.answered_on is not None and petition.answered_on > petition.due_on


def overdue_petitions(queryset, on=None):
    on = on or periods.today()
    return queryset.exclude(state__in=CLOSED_PETITION_STATES).filter(due_on__lt=on)


# Days before a petition's answer date when its handling unit is reminded.
PETITION_REMINDER_DAYS = 3


def remind_petitions(on=None, days_ahead=PETITION_REMINDER_DAYS):
    """Remind handling units of open petitions due within ``days_ahead`` days (once per due date) and of overdue
    ones (once a week). Safe to run twice."""
    from core.notifications import notify

    on = on or periods.today()
    sent = 0
    due = (Petition.objects.exclude(state__in=CLOSED_PETITION_STATES)
           .filter(due_on__lte=on + timedelta(days=days_ahead)).select_related("handling_unit"))
    for petition in due.iterator(chunk_size=500):
        key = "democracy.petition_overdue" if petition.due_on < on else "democracy.petition_due"
        sent += len(notify(key, petition, on=on))
    return sent




def mask_protected(value):
    """How the change history shows a protected value: that it was set, not what it says."""
    return "******" if value not in ("", "None", None) else value


def open_cadre_feedback(petition, user):
    """A petition about a cadre opens a feedback record in area 1; returns it (the existing one if any)."""
    from accountability.models import FeedbackSource
    from accountability.services import record_feedback

    if petition.cadre_feedback_id:
        return petition.cadre_feedback
    if petition.about_cadre_id is None:
        raise ValueError("petition is not about a cadre")
    reference = _("%(kind)s tiếp nhận ngày %(date)s") % {"kind": petition.get_kind_display(),
                                                        "date": petition.received_on.strftime("%d/%m/%Y")}
    feedback = record_feedback(
        petition.about_cadre, source=FeedbackSource.PETITION, received_on=petition.received_on,
        summary=petition.subject, details=petition.content, source_reference=reference, recorded_by=user,
    )
    petition.cadre_feedback = feedback
    petition.save(update_fields=["cadre_feedback"])
    return feedback
