"""The steps of the quarterly report: the bloc writes and submits it, the Standing Committee returns or approves it
(which numbers and freezes it, then renders its PDF in the worker), units send their own results and the bloc reviews
them. Each step checks who asks (reports.permissions) and the report's state, records who and when, and tells those
who must act next. What the report says and its figures are in services; the Celery jobs in tasks."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dispatch import send_on_commit
from core.notifications import notify

from . import permissions
from .models import PdfState, QuarterlyReport, ReportStatus, UnitReport, UnitReportState
from .services import (
    NARRATIVE_FIELDS,
    REPORT_DOC_TYPE,
    canonical_checksum,
    document_code,
    live_document_header,
    next_document_number,
    unit_status_figures,
)
from .tasks import generate_report_pdf


def _require(condition, message):
    if not condition:
        raise PermissionDenied(message)


def _lock_in_state(report, allowed, refusal, status, wrong_status):
    """The report, locked, when the user is ``allowed`` (else ``refusal``) and it is in ``status`` (else
    ``wrong_status``): the one gate of every step of the approval."""
    report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
    _require(allowed, refusal)
    if report.status != status:
        raise ValidationError(wrong_status)
    return report


def update_narrative(report, user, **texts):
    _require(report.status == ReportStatus.DRAFT, _("Báo cáo đã trình hoặc đã phê duyệt, không sửa được nữa."))
    _require(permissions.is_bloc(user), _("Chỉ Khối Dân vận soạn báo cáo."))
    for field in NARRATIVE_FIELDS:
        if field in texts:
            setattr(report, field, texts[field])
    report.save(update_fields=list(NARRATIVE_FIELDS))
    return report


@transaction.atomic
def submit(report, user):
    report = _lock_in_state(report, permissions.is_bloc(user), _("Chỉ Khối Dân vận trình báo cáo."),
                            ReportStatus.DRAFT, _("Báo cáo không ở trạng thái dự thảo."))
    if not report.results.strip():
        raise ValidationError(_("Hãy viết phần “Kết quả đạt được” trước khi trình."))
    report.status = ReportStatus.SUBMITTED
    report.submitted_by = user
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_by", "submitted_at"])
    notify("reports.submitted", report, actor=user)
    return report


@transaction.atomic
def return_to_draft(report, user, comment=""):
    report = _lock_in_state(report, permissions.is_standing(user), _("Chỉ Ban Thường vụ trả lại báo cáo."),
                            ReportStatus.SUBMITTED, _("Chỉ trả lại được báo cáo đã trình."))
    if not comment.strip():
        raise ValidationError(_("Khi trả lại, hãy ghi ý kiến để Khối Dân vận chỉnh sửa."))
    report.status = ReportStatus.DRAFT
    report.return_comment = comment.strip()
    report.returned_at = timezone.now()
    report.save(update_fields=["status", "return_comment", "returned_at"])
    notify("reports.returned", report, actor=user)
    return report


@transaction.atomic
def approve(report, user):
    """Freeze the report: figures and text stored, number assigned, checksum kept; then render the PDF."""
    report = _lock_in_state(report, permissions.is_standing(user), _("Chỉ Ban Thường vụ phê duyệt báo cáo."),
                            ReportStatus.SUBMITTED, _("Chỉ phê duyệt được báo cáo đã trình."))
    now = timezone.now()
    report.number = next_document_number(report.ward, REPORT_DOC_TYPE, timezone.localdate(now))
    report.document_code = document_code(report.number)
    report.status = ReportStatus.APPROVED
    report.approved_by = user
    report.approved_at = now
    report.frozen = {
        "document_code": report.document_code,
        "ward": report.ward.name,
        "year": report.year,
        "quarter": report.quarter,
        "period": [report.period_start.isoformat(), report.period_end.isoformat()],
        "approved_on": timezone.localdate(now).isoformat(),
        "approved_by": str(user),
        # The units' reports as they stand at approval, not as the last "Cập nhật số liệu" saw them: a unit that
        # reported after that refresh must not be printed "Chưa báo cáo" in the signed document.
        "figures": {**report.figures, "units": unit_status_figures(report)},
        **{field: getattr(report, field) for field in NARRATIVE_FIELDS},
        **live_document_header(report.ward),
    }
    report.checksum = canonical_checksum(report.frozen)
    report.pdf_state = PdfState.PENDING
    report.save()
    send_on_commit(generate_report_pdf, report.pk)
    notify("reports.approved", report, actor=user)
    return report


@transaction.atomic
def submit_unit_report(unit_report, user, text):
    # The unit writes its own results; the bloc and the Standing Committee only review them (page and API alike).
    _require(permissions.writes_unit_reports(user),
             _("Chỉ đơn vị được giao gửi báo cáo quý của đơn vị mình."))
    unit_report = UnitReport.objects.select_for_update().select_related("report").get(pk=unit_report.pk)
    if unit_report.is_locked:
        raise ValidationError(_("Báo cáo của đơn vị đã được tiếp nhận, không sửa được nữa."))
    if unit_report.report.status == ReportStatus.APPROVED:
        raise ValidationError(_("Báo cáo quý đã được phê duyệt."))
    if not text.strip():
        raise ValidationError(_("Hãy nhập kết quả thực hiện trong quý."))
    unit_report.text = text
    unit_report.state = UnitReportState.SUBMITTED
    unit_report.submitted_at = timezone.now()
    unit_report.submitted_by = user
    unit_report.save()
    notify("reports.unit_report_submitted", unit_report, actor=user)
    return unit_report


@transaction.atomic
def review_unit_report(unit_report, user, accept, comment=""):
    unit_report = UnitReport.objects.select_for_update().get(pk=unit_report.pk)
    _require(permissions.is_bloc(user), _("Chỉ Khối Dân vận tiếp nhận báo cáo của đơn vị."))
    if unit_report.state != UnitReportState.SUBMITTED:
        raise ValidationError(_("Đơn vị chưa gửi báo cáo."))
    if not accept and not comment.strip():
        raise ValidationError(_("Khi trả lại, hãy ghi ý kiến để đơn vị bổ sung."))
    unit_report.state = UnitReportState.ACCEPTED if accept else UnitReportState.RETURNED
    unit_report.review_comment = comment
    unit_report.reviewed_at = timezone.now()
    unit_report.save()
    notify("reports.unit_report_accepted" if accept else "reports.unit_report_returned", unit_report, actor=user)
    return unit_report
