"""The one way to notify people: in the portal and by e-mail. Every reminder goes through here."""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from .models import Notification

log = logging.getLogger(__name__)


def absolute_link(link):
    """A portal link as an e-mail needs it: against DANVAN_SITE_URL (a link already absolute stays as is)."""
    return urljoin(f"{settings.DANVAN_SITE_URL}/", link) if link else ""


def notify_user(user, title, body="", link="", dedup_key=""):
    """Notify one user; returns the notification, or None when the same key was already sent."""
    if dedup_key and Notification.objects.filter(recipient=user, dedup_key=dedup_key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=user, title=title[:255], body=body, link=link, dedup_key=dedup_key
            )
    except IntegrityError:
        return None
    if user.email:
        try:
            send_mail(title, f"{body}\n\n{absolute_link(link)}".strip(), None, [user.email], fail_silently=False)
        except OSError:
            log.warning("Không gửi được thư tới %s", user.email, exc_info=True)
    return notification


def notify_unit(unit, title, body="", link="", dedup_key=""):
    """Notify every active account of a unit; returns the notifications created."""
    sent = []
    for user in unit.users.filter(is_active=True):
        notification = notify_user(user, title, body, link, dedup_key)
        if notification is not None:
            sent.append(notification)
    return sent
