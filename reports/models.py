"""The quarterly report on the focus tasks, the units' own quarterly results, and document numbering."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.access import AccessPolicy
from core.models import ScopedModel, acting_user_field


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã trình Ban Thường vụ")
    APPROVED = "approved", _("Đã phê duyệt")


class PdfState(models.TextChoices):
    NONE = "none", _("Chưa tạo")
    PENDING = "pending", _("Đang tạo")
    READY = "ready", _("Sẵn sàng")
    FAILED = "failed", _("Lỗi khi tạo")


def report_pdf_path(instance, filename):
    """Store the PDF under a random folder: its name (quarter, year, ward code) is easy to guess, and a stored file
    must not be reachable by anyone who guesses its path should a web server ever serve MEDIA_ROOT."""
    return f"reports/{secrets.token_urlsafe(12)}/{filename}"


class QuarterlyReport(ScopedModel):
    """The bloc's quarterly report to the Standing Committee (báo cáo quý), one per ward and quarter."""

    detail_url_name = "reports:report_detail"
    access_policy = AccessPolicy(unit_fields=("ward",), standing_may_change=True, bloc_only_change=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.PROTECT,
                             related_name="quarterly_reports")
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"), choices=[(q, f"Quý {q}") for q in range(1, 5)])
    period_start = models.DateField(_("số liệu từ ngày"))
    period_end = models.DateField(_("số liệu đến ngày"))
    due_date = models.DateField(_("hạn trình"))
    unit_due_date = models.DateField(_("hạn các đơn vị báo cáo"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    figures = models.JSONField(_("số liệu"), default=dict, blank=True)
    figures_at = models.DateTimeField(_("số liệu lập lúc"), null=True, blank=True)

    results = models.TextField(_("kết quả đạt được"), blank=True)
    limitations = models.TextField(_("hạn chế"), blank=True)
    causes = models.TextField(_("nguyên nhân"), blank=True)
    next_steps = models.TextField(_("phương hướng quý tới"), blank=True)

    submitted_by = acting_user_field(_("người trình"), editable=True)
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    return_comment = models.TextField(_("ý kiến của Ban Thường vụ khi trả lại"), blank=True)
    returned_at = models.DateTimeField(_("trả lại lúc"), null=True, blank=True)
    approved_by = acting_user_field(_("người phê duyệt"), editable=True)
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số văn bản"), null=True, blank=True)
    document_code = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    checksum = models.CharField(_("mã kiểm tra"), max_length=64, blank=True)
    frozen = models.JSONField(_("bản chốt"), default=dict, blank=True)

    pdf = models.FileField(_("tệp PDF"), upload_to=report_pdf_path, blank=True)
    pdf_state = models.CharField(_("trạng thái PDF"), max_length=16, choices=PdfState.choices, default=PdfState.NONE)
    pdf_checksum = models.CharField(_("PDF của bản"), max_length=64, blank=True)

    audit_options = {
        "exclude_fields": ["figures", "figures_at", "frozen", "pdf", "pdf_state", "pdf_checksum", "checksum"],
    }

    class Meta:
        verbose_name = _("báo cáo quý")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "year", "quarter"], name="quarterly_report_one_per_quarter",
                                    violation_error_message=_("Phường đã có báo cáo của quý này.")),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarterly_report_quarter",
                                   violation_error_message=_("Quý phải từ 1 đến 4.")),
        ]

    def __str__(self):
        return _("Báo cáo quý %(q)s năm %(y)s – %(ward)s") % {"q": self.quarter, "y": self.year, "ward": self.ward}

    @property
    def is_frozen(self):
        return self.status == ReportStatus.APPROVED


class UnitReportState(models.TextChoices):
    MISSING = "missing", _("Chưa báo cáo")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để bổ sung")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class UnitReport(ScopedModel):
    """A unit's quarterly results sent to the bloc before the unit deadline."""

    detail_url_name = "reports:unit_report"
    access_policy = AccessPolicy(unit_fields=("unit",))

    report = models.ForeignKey(QuarterlyReport, verbose_name=_("báo cáo quý"), on_delete=models.CASCADE,
                               related_name="unit_reports")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="quarterly_unit_reports")
    state = models.CharField(_("tình trạng"), max_length=16, choices=UnitReportState.choices,
                             default=UnitReportState.MISSING)
    text = models.TextField(_("kết quả thực hiện trong quý"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = acting_user_field(_("người gửi"), editable=True)
    review_comment = models.TextField(_("ý kiến của Khối Dân vận"), blank=True)
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo quý của đơn vị")
        ordering = ["report", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["report", "unit"], name="unit_report_one_per_unit",
                                    violation_error_message=_("Đơn vị đã có báo cáo của quý này.")),
        ]

    def __str__(self):
        return f"{self.unit} – {self.report}"

    @property
    def is_locked(self):
        return self.state == UnitReportState.ACCEPTED

    def timeliness(self):
        """"Đúng hạn", "Muộn" or "Chưa báo cáo" against the unit deadline."""
        if self.submitted_at is None:
            return "missing"
        from django.utils import timezone

        return "on_time" if timezone.localtime(self.submitted_at).date() <= self.report.unit_due_date else "late"


class DocumentCounter(models.Model):
    """Numbers of the ward Party Committee's documents: from 01 per document type within the term."""

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                             related_name="+")
    doc_type = models.CharField(_("loại văn bản"), max_length=16)
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ bắt đầu năm"))
    last_number = models.PositiveIntegerField(_("số cuối"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký số văn bản")
        verbose_name_plural = _("sổ đăng ký số văn bản")
        constraints = [
            models.UniqueConstraint(fields=["ward", "doc_type", "term_start"], name="document_counter_unique",
                                    violation_error_message=_("Sổ số văn bản đã tồn tại.")),
        ]

    def __str__(self):
        return f"{self.doc_type} {self.term_start}: {self.last_number}"


class WardSummary(ScopedModel):
    """Pre-computed figures of a ward for the city view, refreshed by Celery (its age is shown)."""

    access_policy = AccessPolicy(unit_fields=("ward",))

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                             related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"))
    figures = models.JSONField(_("số liệu"), default=dict)
    # What the city view shows of the figures (each section's headline figures), a few hundred bytes beside the
    # figures' hundred kilobytes: the view of 170 communes reads these, not 17 MB of figures (issue 19).
    headlines = models.JSONField(_("số liệu chính"), default=list, blank=True)
    computed_at = models.DateTimeField(_("tính lúc"))

    audit_options = None  # figures computed from audited records, refreshed every night

    class Meta:
        verbose_name = _("số liệu tổng hợp của phường")
        constraints = [
            models.UniqueConstraint(fields=["ward", "year", "quarter"], name="ward_summary_unique",
                                    violation_error_message=_("Đã có số liệu tổng hợp của quý này.")),
        ]

    def __str__(self):
        return f"{self.ward} Q{self.quarter}/{self.year}"
