"""Periodic job of meetings: remind responsible units of conclusions coming due and overdue.

Safe to run twice (two beats, a retry): each reminder carries a dedup key (see services.remind_conclusions).
"""

from celery import shared_task
from django.conf import settings

from .services import remind_conclusions


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_conclusion_reminders(days_ahead=None):
    days_ahead = settings.DANVAN_REMINDER_DAYS if days_ahead is None else days_ahead
    return remind_conclusions(days_ahead=days_ahead)
