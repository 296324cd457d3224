"""Periodic job of the religion area: anonymise closed watch reports after the ward's retention period.

Safe to run twice (two beats, a retry): each report is re-read and locked, and one already anonymised
(``anonymised_at`` set) is left alone.
"""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def anonymise_closed_watch_reports():
    """Anonymise every closed report whose retention period has run out; returns how many were anonymised."""
    done = 0
    for report_id in services.reports_due_for_anonymisation():
        done += anonymise_watch_report.run(report_id)
    return done


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def anonymise_watch_report(report_id):
    """Anonymise one report (by id) if it is still due; 1 when done now, 0 otherwise."""
    return int(services.anonymise_watch_report(report_id))
