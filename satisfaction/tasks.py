"""Periodic job of area 2: open corrective actions for last month's low satisfaction results.

Safe to run any number of times (two beats, a retry): each action has a unique key per subject and month.
"""

from celery import shared_task

from core import periods

from .models import SatisfactionSettings
from .services import check_thresholds, last_month_bounds


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def check_satisfaction_thresholds():
    start, end = last_month_bounds(periods.today())
    opened = 0
    for ward_id in SatisfactionSettings.objects.values_list("ward_id", flat=True):
        from organisations.models import Unit

        opened += len(check_thresholds(Unit.objects.get(pk=ward_id), start, end))
    return opened
