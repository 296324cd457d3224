"""Periodic job of the movement: remind evaluators of the models they still have to score.

Safe to run twice (two beats, a retry): each reminder carries a dedup key per evaluator and week.
"""

from celery import shared_task

from .services import remind_evaluators


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_evaluator_reminders():
    return remind_evaluators()
