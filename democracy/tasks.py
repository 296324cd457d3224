"""Periodic job of grassroots democracy: remind handling units of petitions nearing or past their answer date.

Safe to run twice (two beats, a retry): each reminder carries a dedup key (see services.remind_petitions).
"""

from celery import shared_task

from .services import remind_petitions


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_petition_reminders():
    return remind_petitions()
