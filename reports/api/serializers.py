from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .. import services
from ..models import PdfState, QuarterlyReport, UnitReport, WardSummary


def visible_section_keys(serializer):
    """The area sections the requesting user may see, computed once per response (shared by a list's rows)."""
    context = serializer.context
    if "visible_sections" not in context:
        from core.areas import sections_for

        request = context.get("request")
        user = getattr(request, "user", None)
        context["visible_sections"] = (
            {section.key for section in sections_for(user)} if user is not None and user.is_authenticated else set()
        )
    return context["visible_sections"]


def visible_figures(serializer, figures):
    """The figures without the sections of areas the user may not see (religion, watch reports), as the report
    page and its Excel export show them."""
    figures = dict(figures or {})
    keys = visible_section_keys(serializer)
    figures["sections"] = [section for section in figures.get("sections", []) if section.get("key") in keys]
    return figures


def absolute(serializer, url):
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


class QuarterlyReportSerializer(serializers.ModelSerializer):
    """A quarterly report: the bloc writes the four narrative sections while it is a draft; everything else
    follows the lifecycle actions (submit, return, approve)."""

    ward_name = serializers.CharField(source="ward.name", read_only=True)
    figures = serializers.SerializerMethodField(help_text=_("Số liệu theo từng mục; bản chốt khi đã phê duyệt."))
    submitted_by_name = serializers.SerializerMethodField()
    approved_by_name = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField(help_text=_("Địa chỉ tải tệp PDF khi tệp đã sẵn sàng."))
    excel_url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = QuarterlyReport
        fields = ["id", "ward", "ward_name", "year", "quarter", "period_start", "period_end", "due_date",
                  "unit_due_date", "status", "number", "document_code", "checksum", "figures", "figures_at",
                  *services.NARRATIVE_FIELDS, "submitted_by", "submitted_by_name", "submitted_at", "return_comment",
                  "returned_at", "approved_by", "approved_by_name", "approved_at", "pdf_state", "pdf_url",
                  "excel_url", "page_url"]
        read_only_fields = [name for name in fields if name not in services.NARRATIVE_FIELDS]

    def get_figures(self, report) -> dict:
        # The same figures object as the page, the PDF and the Excel file (services.report_figures).
        figures = services.report_figures(report, visible_section_keys(self))
        return {**(figures["content"].get("figures") or {}), "sections": figures["sections"],
                "units": figures["units"]}

    def get_submitted_by_name(self, report) -> str:
        return str(report.submitted_by) if report.submitted_by_id else ""

    def get_approved_by_name(self, report) -> str:
        return str(report.approved_by) if report.approved_by_id else ""

    def get_pdf_url(self, report) -> str | None:
        if report.pdf_state != PdfState.READY or not report.pdf:
            return None
        return absolute(self, reverse("api:quarterly-report-pdf", args=[report.pk]))

    def get_excel_url(self, report) -> str:
        return absolute(self, reverse("reports:report_excel", args=[report.pk]))

    def get_page_url(self, report) -> str:
        return absolute(self, report.get_absolute_url())


class ReturnCommentSerializer(serializers.Serializer):
    comment = serializers.CharField(label=_("Ý kiến"), allow_blank=True, required=False, default="",
                                    help_text=_("Bắt buộc khi trả lại."))


class UnitReportSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    year = serializers.IntegerField(source="report.year", read_only=True)
    quarter = serializers.IntegerField(source="report.quarter", read_only=True)
    unit_due_date = serializers.DateField(source="report.unit_due_date", read_only=True)
    timeliness = serializers.SerializerMethodField(
        help_text=_("on_time: gửi đúng hạn; late: gửi muộn; missing: chưa gửi."))
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = UnitReport
        fields = ["id", "report", "year", "quarter", "unit", "unit_name", "unit_due_date", "state", "timeliness",
                  "text", "submitted_at", "submitted_by", "review_comment", "reviewed_at", "page_url"]
        read_only_fields = fields

    def get_timeliness(self, unit_report) -> str:
        return unit_report.timeliness()

    def get_page_url(self, unit_report) -> str:
        return absolute(self, unit_report.get_absolute_url())


class UnitReportTextSerializer(serializers.Serializer):
    text = serializers.CharField(label=_("Kết quả thực hiện trong quý"), allow_blank=True,
                                 error_messages={"required": _("Hãy nhập kết quả thực hiện trong quý.")})


class WardSummarySerializer(serializers.ModelSerializer):
    ward_name = serializers.CharField(source="ward.name", read_only=True)
    figures = serializers.SerializerMethodField()

    class Meta:
        model = WardSummary
        fields = ["id", "ward", "ward_name", "year", "quarter", "figures", "computed_at"]
        read_only_fields = fields

    def get_figures(self, summary) -> dict:
        return visible_figures(self, summary.figures)
