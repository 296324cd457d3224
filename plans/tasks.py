"""Periodic jobs of the plan: reminders of tasks coming due and overdue.

Safe to run twice (two beats, a retry): each reminder carries a dedup key per task and due date.
"""

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from core import periods
from core.notifications import notify

from .models import Task


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_due_reminders(days_ahead=None):
    """Notify lead units of their tasks due within ``days_ahead`` days and of overdue ones."""
    days_ahead = settings.DANVAN_REMINDER_DAYS if days_ahead is None else days_ahead
    now = periods.today()
    horizon = now + timedelta(days=days_ahead)
    sent = 0
    tasks = Task.objects.filter(is_done=False, current_due_date__lte=horizon).select_related("lead_unit")
    for task in tasks.iterator(chunk_size=500):
        key = "plans.task_overdue" if task.current_due_date < now else "plans.task_due"
        sent += len(notify(key, task))
    return sent


@shared_task(acks_late=True)
def delete_expired_import_drafts():
    """Delete the plan-import previews nobody saved before they expired (idempotent: a second run finds none)."""
    from .import_drafts import delete_expired_drafts

    return delete_expired_drafts()
