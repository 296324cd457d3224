"""Working days and legal deadlines, and disclosures: their posting period, approval and status."""

from django.utils.translation import gettext_lazy

from core import periods

from ..models import FIXED_HOLIDAYS as FIXED_HOLIDAYS
from ..models import (
    PERMANENT_CONTENT,
    POSTING_CHANNELS,
    DisclosureChannel,
    add_working_days,
)

# --- Working days and legal deadlines ------------------------------------------------------------------

# The working-day calendar and the petition deadline live in models.py (a petition sets its own due date).
# Art. 12 of Law 10/2022: disclose within 5 working days when no other rule sets a time.
DISCLOSURE_WORKING_DAYS = 5


# --- Disclosures -------------------------------------------------------------------------------------------

class DisclosureStatus:
    NOT_APPROVED = "not_approved"
    SCHEDULED = "scheduled"
    POSTING = "posting"
    COMPLETE = "complete"
    TAKEN_DOWN_EARLY = "taken_down_early"

    LABELS = {
        NOT_APPROVED: gettext_lazy("Chờ Chủ tịch UBND phê duyệt"),
        SCHEDULED: gettext_lazy("Chưa đến ngày công khai"),
        POSTING: gettext_lazy("Đang công khai"),
        COMPLETE: gettext_lazy("Đã công khai đủ thời gian"),
        TAKEN_DOWN_EARLY: gettext_lazy("Gỡ trước thời hạn"),
    }
    CSS = {NOT_APPROVED: "overdue", SCHEDULED: "not_started", POSTING: "in_progress", COMPLETE: "done",
           TAKEN_DOWN_EARLY: "overdue"}
    choices = list(LABELS.items())


def is_permanent(disclosure):
    """Posted permanently: marked so, or a posting of the democracy regulation or administrative procedures."""
    return disclosure.is_permanent or (
        disclosure.content_kind in PERMANENT_CONTENT and disclosure.channel in POSTING_CHANNELS)


def required_days(disclosure):
    """Consecutive days the disclosure must stay up (None: permanently). Art. 13 of Law 10/2022."""
    if is_permanent(disclosure):
        return None
    if disclosure.channel in POSTING_CHANNELS or disclosure.channel in (
            DisclosureChannel.WEBSITE, DisclosureChannel.SOCIAL_NETWORK):
        return 30
    if disclosure.channel == DisclosureChannel.LOUDSPEAKER:
        return 3
    return 1


def effective_start(disclosure):
    """The day the disclosure counts from: it counts only once the chairman has approved it."""
    if disclosure.approved_on is None:
        return None
    return max(disclosure.posted_on, disclosure.approved_on)


def days_posted(disclosure, on=None):
    on = on or periods.today()
    start = effective_start(disclosure)
    if start is None or start > on:
        return 0
    end = min(disclosure.posted_until, on) if disclosure.posted_until else on
    return max(0, (end - start).days + 1)


def disclosure_deadline(disclosure):
    """Five working days after the content arose, when its date is known."""
    if disclosure.source_date is None:
        return None
    return add_working_days(disclosure.source_date, DISCLOSURE_WORKING_DAYS)


def is_late(disclosure):
    deadline = disclosure_deadline(disclosure)
    start = effective_start(disclosure)
    return deadline is not None and start is not None and start > deadline


def disclosure_status(disclosure, on=None):
    on = on or periods.today()
    start = effective_start(disclosure)
    if start is None:
        return DisclosureStatus.NOT_APPROVED
    if start > on:
        return DisclosureStatus.SCHEDULED
    needed = required_days(disclosure)
    if disclosure.posted_until is None or disclosure.posted_until >= on:
        return DisclosureStatus.POSTING
    if needed is None or days_posted(disclosure, on) < needed:
        return DisclosureStatus.TAKEN_DOWN_EARLY
    return DisclosureStatus.COMPLETE


def counts_as_posted(disclosure, on=None):
    """Approved, begun and not taken down too early."""
    return disclosure_status(disclosure, on) in (DisclosureStatus.POSTING, DisclosureStatus.COMPLETE)


def annotate_disclosures(disclosures, on=None):
    """Attach status, label, css class and lateness to loaded disclosures (for pages and exports)."""
    on = on or periods.today()
    for disclosure in disclosures:
        disclosure.status = disclosure_status(disclosure, on)
        disclosure.status_label = DisclosureStatus.LABELS[disclosure.status]
        disclosure.status_css = DisclosureStatus.CSS[disclosure.status]
        disclosure.late = is_late(disclosure)
        disclosure.deadline = disclosure_deadline(disclosure)
        disclosure.needed_days = required_days(disclosure)
        disclosure.days = days_posted(disclosure, on)
    return disclosures


def chairman_candidates(ward):
    """The people who may approve disclosures: heads of the ward's People's Committee."""
    from organisations.models import Person, UnitKind

    return Person.objects.filter(unit__ward=ward, unit__kind=UnitKind.PEOPLES_COMMITTEE, is_unit_head=True,
                                 is_active=True)


def approve_disclosure(disclosure, approver, approved_on):
    disclosure.approver = approver
    disclosure.approved_on = approved_on
    disclosure.full_clean()
    disclosure.save(update_fields=["approver", "approved_on", "search_text"])
    return disclosure
