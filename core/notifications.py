"""The one way to notify people: in the portal and by e-mail. Every transition and every reminder goes through here.

Each workflow transition is declared once as an ``Event`` (its key, who must hear of it, the Vietnamese title, body
and link) by the app that owns it, in its AppConfig.ready(); the app's service then calls ``notify(key, obj)``
where the transition happens. Core never imports an app: the registry is filled from outside.

The portal notification is written in the same transaction as the change it tells of (a rolled-back change leaves
no notification); the e-mail leaves only after the commit (``transaction.on_commit``), so nobody is mailed about
something that did not happen. Mail goes through Django's mail backend (SMTP in production), as the rest of the
portal sends it; a mail server that does not answer is logged and does not undo the change.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from .models import Notification

log = logging.getLogger(__name__)


def absolute_link(link):
    """A portal link as an e-mail needs it: against DANVAN_SITE_URL (a link already absolute stays as is)."""
    return urljoin(f"{settings.DANVAN_SITE_URL}/", link) if link else ""


def send_mail_or_log(address, title, text):
    """Send one plain e-mail; a mail server that does not answer is logged, not raised."""
    try:
        send_mail(title, text, None, [address], fail_silently=False)
    except OSError:
        log.warning("Không gửi được thư tới %s", address, exc_info=True)


def notify_user(user, title, body="", link="", dedup_key=""):
    """Notify one user; returns the notification, or None when the same key was already sent.

    The e-mail is sent once the surrounding transaction commits (at once outside a transaction).
    """
    title = str(title)[:255]
    if dedup_key and Notification.objects.filter(recipient=user, dedup_key=dedup_key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=user, title=title, body=str(body), link=link, dedup_key=dedup_key
            )
    except IntegrityError:
        return None
    if user.email:
        text = f"{body}\n\n{absolute_link(link)}".strip()
        address = user.email
        transaction.on_commit(lambda: send_mail_or_log(address, title, text))
    return notification


def notify_unit(unit, title, body="", link="", dedup_key=""):
    """Notify every active account of a unit; returns the notifications created."""
    sent = []
    for user in unit.users.filter(is_active=True):
        notification = notify_user(user, title, body, link, dedup_key)
        if notification is not None:
            sent.append(notification)
    return sent


# --- The registry of workflow events ---------------------------------------------------------------------------

def _no_body(obj, ctx):
    return ""


def _own_page(obj, ctx):
    return obj.get_absolute_url()


def _once_per_object(obj, ctx):
    return str(obj.pk)


@dataclass(frozen=True)
class Event:
    """One workflow transition and who must hear of it.

    Every callable receives the object that moved and the context the service passed (a dict: ``actor``, a
    comment, the reminder's date …). ``audience`` returns the users to tell (the actor is never told of their own
    act); ``title``, ``body`` and ``link`` what they read; ``dedup`` what makes one occurrence distinct (a retried
    job or a double click sends nothing twice; a report returned a second time is a new occurrence).
    """

    key: str
    label: str
    area: str
    audience: Callable[..., Iterable]
    title: Callable[..., str]
    body: Callable[..., str] = _no_body
    link: Callable[..., str] = _own_page
    # When recipients may open different pages (a unit reads its own unit report, not the ward's report): called
    # with (obj, ctx, user), it answers that user's link instead of ``link``.
    link_for_user: Callable[..., str] | None = None
    dedup: Callable[..., str] = _once_per_object
    # A reminder is sent by a periodic job rather than by somebody's action.
    reminder: bool = False
    extra: dict = field(default_factory=dict)


_events: dict[str, Event] = {}


def register_event(event: Event):
    """Declare an event (from an AppConfig.ready()); declaring the same key twice replaces it (reloads)."""
    _events[event.key] = event
    return event


def register_events(events):
    """Declare an app's events (its ``notifications.EVENTS``) from its AppConfig.ready()."""
    for declared in events:
        register_event(declared)


def registered_events():
    return sorted(_events.values(), key=lambda e: (e.area, e.key))


def event(key):
    return _events[key]


def is_registered(key):
    """For an app that tells another area's people when that area is installed (religion may be absent)."""
    return key in _events


def dedup_key_for(key, obj, ctx):
    return f"{key}:{_events[key].dedup(obj, ctx)}"[:200]


def notify(key, obj, actor=None, **context):
    """Tell the event's audience that ``obj`` went through the transition ``key``; returns the notifications.

    Call it inside the transaction that makes the change.
    """
    declared = _events[key]
    context["actor"] = actor
    recipients = {}
    for user in declared.audience(obj, context):
        if user is None or not user.is_active or (actor is not None and user.pk == actor.pk):
            continue
        recipients.setdefault(user.pk, user)
    if not recipients:
        return []
    title = str(declared.title(obj, context))
    body = str(declared.body(obj, context) or "")
    link = declared.link(obj, context) or ""
    dedup_key = dedup_key_for(key, obj, context)
    sent = []
    for user in recipients.values():
        own_link = (declared.link_for_user(obj, context, user) or link) if declared.link_for_user else link
        notification = notify_user(user, title, body, own_link, dedup_key)
        if notification is not None:
            sent.append(notification)
    return sent


# --- Audiences the apps share --------------------------------------------------------------------------------

def users_of_units(units):
    """Active accounts of the given units (a unit, a list of units or a queryset)."""
    from django.contrib.auth import get_user_model

    if hasattr(units, "pk") and not hasattr(units, "model"):
        units = [units]
    return get_user_model().objects.filter(unit__in=list(units), is_active=True).select_related("unit")


def users_with_role(ward, *roles):
    """Active accounts of a ward holding one of the roles (the Standing Committee, the bloc …)."""
    from django.contrib.auth import get_user_model

    if ward is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(unit__ward=ward, role__in=roles, is_active=True).select_related("unit")


# --- "Việc chờ bạn": what waits for a user, from every area ----------------------------------------------------

class PendingKind:
    APPROVE = "approve"  # something waits for the user's decision
    FIX = "fix"  # something came back to the user to correct
    DUE = "due"  # something the user must send or do by a date
    LATE = "late"  # the same, past its date


@dataclass(frozen=True)
class PendingItem:
    """One line of "Việc chờ bạn": what waits, where to do it, and by when (if there is a date)."""

    title: str
    link: str
    kind: str = PendingKind.DUE
    due: object = None  # a date, or None
    detail: str = ""


def due_items(dues, on, *, late, due, link, late_link=None):
    """The "Việc chờ bạn" lines of open items by their due dates: how many are past ``on`` (``late``, a message with
    ``%(n)s``) and how many are still to come (``due``), each dated by its earliest."""
    dues = list(dues)
    overdue = [day for day in dues if day < on]
    coming = [day for day in dues if day >= on]
    items = []
    if overdue:
        items.append(PendingItem(late % {"n": len(overdue)}, late_link or link, PendingKind.LATE, min(overdue)))
    if coming:
        items.append(PendingItem(due % {"n": len(coming)}, link, PendingKind.DUE, min(coming)))
    return items


_pending_providers: dict[str, Callable] = {}


def register_pending(key, provider):
    """Declare an area's provider (from an AppConfig.ready()): ``provider(user) -> list[PendingItem]``.

    A provider answers in a fixed number of queries whatever the data (the home page's query budget counts
    them), and lists only what the user may open.
    """
    _pending_providers[key] = provider
    return provider


_KIND_ORDER = {PendingKind.FIX: 0, PendingKind.APPROVE: 1, PendingKind.LATE: 2, PendingKind.DUE: 3}


def pending_for(user):
    """Everything waiting for the user, most pressing first: returns to fix, approvals, late, then by date."""
    if not user.is_authenticated:
        return []
    items = []
    for key, provider in sorted(_pending_providers.items()):
        try:
            items.extend(provider(user))
        except Exception:  # noqa: BLE001 - one failing area must not take the home page down
            log.exception("Pending provider %s failed for user %s", key, user.pk)
    return sorted(items, key=lambda item: (_KIND_ORDER.get(item.kind, 9), item.due is None, item.due or 0))
