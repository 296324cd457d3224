"""Celery jobs of the quarterly report. Every one is safe to run twice or to retry after a worker died."""

import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone

from core import periods
from organisations.models import Unit, UnitKind

from . import services
from .dashboard import section_headlines
from .models import PdfState, QuarterlyReport, WardSummary

log = logging.getLogger(__name__)

TRANSIENT = (OperationalError, ConnectionError)


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def prepare_draft(ward_id, year, quarter):
    report = services.prepare_draft(ward_id, year, quarter)
    services.notify_bloc_of_draft(report)
    return report.pk


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def prepare_quarterly_drafts(on=None):
    """Daily: a set number of days before a due date, prepare every ward's draft for that quarter."""
    from datetime import date

    day = date.fromisoformat(on) if on else periods.today()
    due = services.reports_due_for_drafting(day)
    if due is None:
        return 0
    year, quarter = due
    wards = list(Unit.objects.filter(kind=UnitKind.WARD, is_active=True).values_list("pk", flat=True))
    for ward_id in wards:
        prepare_draft.delay(ward_id, year, quarter)
    return len(wards)


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def remind_unit_reports(on=None):
    from datetime import date

    day = date.fromisoformat(on) if on else periods.today()
    sent = 0
    for report in QuarterlyReport.objects.filter(status="draft", unit_due_date__gte=day.replace(day=1)):
        sent += services.unit_reminders(report, day)
    return sent


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3, soft_time_limit=300)
def generate_report_pdf(report_id):
    """Render the approved report's PDF in the worker; the same frozen content is rendered only once."""
    from .pdf import render_report_pdf

    report = QuarterlyReport.objects.get(pk=report_id)
    if report.pdf and report.pdf_checksum == report.checksum and report.pdf_state == PdfState.READY:
        return report.pk
    try:
        content = render_report_pdf(report)
    except Exception:
        QuarterlyReport.objects.filter(pk=report_id).update(pdf_state=PdfState.FAILED)
        log.exception("Không tạo được PDF cho báo cáo %s", report_id)
        raise
    with transaction.atomic():
        report = QuarterlyReport.objects.select_for_update().get(pk=report_id)
        name = f"bao-cao-quy-{report.quarter}-{report.year}-{report.ward.code}.pdf"
        report.pdf.save(name, ContentFile(content), save=False)
        report.pdf_checksum = report.checksum
        report.pdf_state = PdfState.READY
        report.save(update_fields=["pdf", "pdf_checksum", "pdf_state"])
    return report.pk


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3)
def resend_pending_pdfs(older_than_minutes=10):
    """Hourly: PDFs of approved reports still pending (the broker was down when they were approved)."""
    from datetime import timedelta

    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    pending = list(QuarterlyReport.objects.filter(pdf_state=PdfState.PENDING, approved_at__lte=cutoff)
                   .values_list("pk", flat=True))
    for report_id in pending:
        generate_report_pdf.delay(report_id)
    return len(pending)


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=3)
def refresh_ward_summaries(year=None, quarter=None):
    """Pre-compute each ward's figures of the current quarter for the city view."""
    if year is None:
        year, quarter = services.next_due(periods.today())
    start, end = services.cutoff_period(year, quarter)
    count = 0
    for ward in Unit.objects.filter(kind=UnitKind.WARD, is_active=True):
        figures = services.compute_figures(ward, start, end)
        WardSummary.objects.update_or_create(
            ward=ward, year=year, quarter=quarter,
            defaults={"figures": figures, "headlines": section_headlines(figures), "computed_at": timezone.now()},
        )
        count += 1
    return count
