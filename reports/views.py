from datetime import timedelta

from auditlog.context import set_actor
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core import periods
from core.access import CHANGE, VIEW, may
from core.areas import sections_for
from core.pagecache import KeptPageMixin
from core.sorting import Sorting, by_choices
from core.spreadsheets import xlsx_response
from core.views import MayOpenMixin, ObjectDetailView, ObjectListView, ReadsFromReplicaMixin
from core.wards import visible_wards, ward_for_request
from plans.models import Task, TaskStatus
from plans.schedule import status_filter

from . import dashboard, permissions, services, workflow
from .dashboard import section_headlines
from .filtersets import QuarterlyReportFilterSet
from .forms import NarrativeForm, UnitReportForm
from .models import PdfState, QuarterlyReport, ReportStatus, UnitReport, WardSummary


class DashboardView(LoginRequiredMixin, KeptPageMixin, ReadsFromReplicaMixin, TemplateView):
    """The Standing Committee's dashboard of a ward: a tile per area, charts, overdue work, next deadlines."""

    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        ward = ward_for_request(self.request)
        now = periods.today()
        year, quarter = services.next_due(now)
        start, end = services.cutoff_period(year, quarter)
        tiles = dashboard.tiles(ward, start, end, user, cache_seconds=settings.DANVAN_DASHBOARD_CACHE_SECONDS)
        reports = dashboard.trend_reports(ward, year, quarter)
        context["trends"] = dashboard.trends(year, quarter, tiles, reports)
        context["headline"] = services.headline_figures(
            {tile["section"].key: tile["figures"].data for tile in tiles if isinstance(tile["figures"].data, dict)},
            reports, year, quarter, now)
        this_report = reports.get((year, quarter))
        if this_report is not None and not may(user, this_report, VIEW):
            # A unit sees the ward's state of the report but opens its own reports from the list, not the ward's.
            for item in context["headline"]:
                if item["link"].split("#")[0] == this_report.get_absolute_url():
                    item["link"] = reverse("reports:report_list")
        tasks = (Task.objects.restrict(user).filter(plan__ward=ward).of_current_plans(now)
                 .select_related("lead_unit", "area", "plan"))
        overdue = tasks.filter(status_filter(TaskStatus.OVERDUE, now))
        context["overdue"] = list(overdue.order_by("current_due_date", "pk")[:15])
        # The same rows as the task list filtered on "Hạn từ ngày" today and "Hạn đến ngày" in 30 days.
        upcoming_until = now + timedelta(days=30)
        context["upcoming"] = list(
            tasks.filter(is_done=False, current_due_date__gte=now, current_due_date__lte=upcoming_until)
            .order_by("current_due_date", "pk")[:15]
        )
        context["upcoming_until"] = upcoming_until
        context.update({
            "figures_at": min((tile["figures"].computed_at for tile in tiles), default=None),
            "cache_seconds": settings.DANVAN_DASHBOARD_CACHE_SECONDS,
            "ward": ward, "tiles": tiles, "year": year, "quarter": quarter, "period": (start, end),
            "due": services.due_date(year, quarter), "today": now,
            "wards": visible_wards(user) if user.ward is None else [],
            "page_title": _("Bảng điều hành"),
        })
        return context







def column_unit(line):
    """What a city-view column counts, said in its header: a percentage, a score out of its maximum, or a number."""
    if line["unit"] == "%":
        return "%"
    if line.get("max"):
        return _("0–%(max)s") % {"max": line["max"]}
    return _("số lượng")


class CityDashboardView(MayOpenMixin, KeptPageMixin, ReadsFromReplicaMixin, TemplateView):
    """All wards below the city side by side, from summaries pre-computed by Celery.

    The first opening computes them (the embedded set-up runs the job in the request; with a worker the page says
    they are being computed), so the city viewer never meets an empty page that waits for a button."""

    template_name = "reports/city.html"
    denied_message = None
    may_open = staticmethod(permissions.reads_city)
    # One first computation at a time when a worker runs it (seconds).
    first_refresh_lock = 600


    def _first_refresh(self):
        """Compute the summaries now (tasks run eagerly) or ask the worker once; True when they exist now."""
        from django.core.cache import cache

        from core.dispatch import send_on_commit
        from danvan.celery import app

        from .tasks import refresh_ward_summaries

        if app.conf.task_always_eager:
            refresh_ward_summaries()
            return True
        if cache.add("reports:city-first-refresh", True, self.first_refresh_lock):
            send_on_commit(refresh_ward_summaries)
        return False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        summaries = WardSummary.objects.restrict(user).select_related("ward").defer("figures")
        latest = summaries.order_by("-year", "-quarter").first()
        computing = False
        if latest is None and visible_wards(user).exists():
            computing = not self._first_refresh()
            latest = summaries.order_by("-year", "-quarter").first()
        rows, columns = [], []
        sorting = self.sorting(columns)
        if latest:
            summaries = list(summaries.filter(year=latest.year, quarter=latest.quarter))
            visible = {section.key for section in sections_for(user)}
            for summary in summaries:
                values = {}
                # A summary computed before headlines were kept has only its figures (until the next refresh).
                for section in summary.headlines or section_headlines(summary.figures):
                    if section["key"] not in visible:
                        continue
                    for line in section["lines"]:
                        if line["key"] not in [c["key"] for c in columns]:
                            columns.append({"key": line["key"], "title": line["title"], "unit": column_unit(line)})
                        values[line["key"]] = {"headline": line["value"], "unit": line["unit"],
                                               "status": line.get("status") or section["status"]}
                rows.append({"ward": summary.ward, "values": values, "computed_at": summary.computed_at})
            sorting = self.sorting(columns)
            rows = sorting.sort_rows(rows)
            for row in rows:
                row["cells"] = [{"title": c["title"], **row["values"].get(c["key"], {})} for c in columns]
        context.update({"rows": rows, "columns": columns, "latest": latest, "computing": computing,
                        "page_title": _("Các phường"), "sorting": sorting})
        return context

    def sorting(self, columns):
        """The wards by name, or by one figure (the largest first on the first click: wards compared)."""
        def headline(key):
            return lambda row: row["values"].get(key, {}).get("headline")

        fields = {"ward": lambda row: row["ward"].name}
        fields.update({column["key"]: headline(column["key"]) for column in columns})
        return Sorting.from_request(self.request, fields, default="ward",
                                    descending_first=[column["key"] for column in columns])

    def post(self, request):
        from core.dispatch import send_on_commit

        from .tasks import refresh_ward_summaries

        send_on_commit(refresh_ward_summaries)
        messages.success(request, _("Đã yêu cầu cập nhật số liệu các phường; trang sẽ có số liệu mới sau ít phút."))
        return HttpResponseRedirect(request.path)


class ReportListView(KeptPageMixin, ObjectListView):
    template_name = "reports/report_list.html"
    select_related = ("ward",)
    filterset_class = QuarterlyReportFilterSet  # the same filters as /api/quarterly-reports/
    sort_fields = {"period": ("year", "quarter"), "ward": "ward__name", "due": "due_date",
                   "status": by_choices("status", ReportStatus), "number": "number"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["may_prepare"] = permissions.may_prepare(user)
        context["next_due"] = services.next_due(periods.today())
        context["my_unit_reports"] = (
            UnitReport.objects.restrict(user).filter(report__status=ReportStatus.DRAFT)
            .exclude(unit=user.ward).select_related("report", "unit")[:20]
            if user.role in permissions.UNIT_ROLES else []
        )
        return context

    def post(self, request):
        user = request.user
        if not permissions.may_prepare(user):
            raise PermissionDenied
        year, quarter = services.next_due(periods.today())
        report = services.prepare_draft(user.ward.pk, year, quarter)
        messages.success(request, _("Đã lập dự thảo báo cáo quý %(q)s/%(y)s từ số liệu hiện có.")
                         % {"q": quarter, "y": year})
        return HttpResponseRedirect(report.get_absolute_url())


class ReportDetailView(KeptPageMixin, ObjectDetailView):
    model = QuarterlyReport
    template_name = "reports/report_detail.html"
    select_related = ("ward", "approved_by", "submitted_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        user = self.request.user
        from .pdf import report_context

        visible = {section.key for section in sections_for(user)}
        # The same context the PDF renders (figures, units' reports, narrative), so the page and the signed
        # document cannot disagree; the page adds links to the units' own reports.
        models.prefetch_related_objects(
            [report], models.Prefetch("unit_reports", queryset=UnitReport.objects.select_related("unit")))
        document = report_context(report, visible, header=False)
        links = {unit_report.unit.name: unit_report.get_absolute_url() for unit_report in report.unit_reports.all()}
        for unit in document["units"]:
            unit["url"] = links.get(unit["unit"], "")
        context.update({key: document[key] for key in ("content", "sections", "units")})
        context["may_edit"] = context["may_submit"] = permissions.may_edit(user, report)
        context["may_approve"] = permissions.may_decide(user, report)
        # Approval numbers and freezes the report for ever: without the page's dialog (no script), the server
        # asks on the page itself before it approves.
        context["confirm_approval"] = context["may_approve"] and self.request.GET.get("xac-nhan") == "phe-duyet"
        context["form"] = kwargs.get("form") or NarrativeForm(instance=report)
        return context


class ReportActionView(LoginRequiredMixin, View):
    """One step on a report, through the service that checks who may take it; errors come back as messages."""

    http_method_names = ["post"]

    def post(self, request, pk):
        report = get_object_or_404(QuarterlyReport.objects.restrict(request.user, VIEW), pk=pk)
        try:
            with transaction.atomic(), set_actor(request.user):
                report = self.act(request, report) or report
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except PermissionDenied as error:
            messages.error(request, str(error) or _("Bạn không có quyền thực hiện thao tác này."))
        return HttpResponseRedirect(report.get_absolute_url())

    def act(self, request, report):
        raise NotImplementedError


class ReportSaveView(ReportActionView):
    def act(self, request, report):
        form = NarrativeForm(request.POST, instance=report)
        if not form.is_valid():
            raise ValidationError(_("Nội dung chưa hợp lệ."))
        workflow.update_narrative(report, request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu nội dung báo cáo."))


class ReportRefreshView(ReportActionView):
    def act(self, request, report):
        if not permissions.is_bloc(request.user):
            raise PermissionDenied
        services.prepare_draft(report.ward_id, report.year, report.quarter)
        messages.success(request, _("Đã cập nhật số liệu; phần nội dung đã viết được giữ nguyên."))


class ReportSubmitView(ReportActionView):
    def act(self, request, report):
        workflow.submit(report, request.user)
        messages.success(request, _("Đã trình báo cáo lên Ban Thường vụ."))


class ReportReturnView(ReportActionView):
    def act(self, request, report):
        workflow.return_to_draft(report, request.user, request.POST.get("comment", ""))
        messages.success(request, _("Đã trả lại báo cáo cho Khối Dân vận."))


class ReportApproveView(ReportActionView):
    """Approval numbers and freezes the report for ever: without the confirmation it asks on the page first."""

    def post(self, request, pk):
        if request.POST.get("confirmed") != "1":
            report = get_object_or_404(QuarterlyReport.objects.restrict(request.user, VIEW), pk=pk)
            return HttpResponseRedirect(f"{report.get_absolute_url()}?xac-nhan=phe-duyet#xac-nhan")
        return super().post(request, pk)

    def act(self, request, report):
        report = workflow.approve(report, request.user)
        messages.success(request, _("Đã phê duyệt báo cáo số %(code)s. Đang tạo tệp PDF…")
                         % {"code": report.document_code})
        return report


class ReportPdfStatusView(LoginRequiredMixin, View):
    """Polled by the report page while the worker renders the PDF."""

    def get(self, request, pk):
        report = get_object_or_404(QuarterlyReport.objects.restrict(request.user), pk=pk)
        return JsonResponse({
            "state": report.pdf_state,
            "label": PdfState(report.pdf_state).label,
            "url": reverse("reports:report_pdf", args=[report.pk]) if report.pdf_state == PdfState.READY else "",
        })


class ReportPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        from .pdf import pdf_for

        report = get_object_or_404(QuarterlyReport.objects.restrict(request.user), pk=pk)
        content = pdf_for(request.user, report)
        if content is None:
            raise Http404
        prefix = "bao-cao-quy" if report.is_frozen else "du-thao-bao-cao-quy"
        return FileResponse(content, content_type="application/pdf", as_attachment=True,
                            filename=f"{prefix}-{report.quarter}-{report.year}.pdf")


class ReportExcelView(LoginRequiredMixin, View):
    def get(self, request, pk):
        from .excel import report_workbook

        report = get_object_or_404(QuarterlyReport.objects.restrict(request.user), pk=pk)
        visible = {section.key for section in sections_for(request.user)}
        content = report_workbook(report, visible)
        return xlsx_response(content, f"bao-cao-quy-{report.quarter}-{report.year}.xlsx")


class UnitReportView(ObjectDetailView):
    """A unit's quarterly results: the unit writes and sends; the bloc accepts or returns it."""

    model = UnitReport
    template_name = "reports/unit_report.html"
    select_related = ("report", "unit", "report__ward")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit_report = self.object
        report = unit_report.report
        user = self.request.user
        context["tasks"] = (
            Task.objects.filter(plan__ward=report.ward, lead_unit=unit_report.unit)
            .with_status(report.period_end).select_related("area", "plan", "lead_unit")
            .order_by("area__order", "order")
        )
        context["may_write"] = permissions.may_write_unit_report(user, unit_report)
        context["may_review"] = permissions.may_review_unit_report(user, unit_report)
        context["form"] = kwargs.get("form") or UnitReportForm(initial={"text": unit_report.text})
        return context

    def post(self, request, pk):
        self.object = unit_report = self.get_object()
        try:
            with transaction.atomic(), set_actor(request.user):
                if "review" in request.POST:
                    if not UnitReport.objects.restrict(request.user, VIEW).filter(pk=pk).exists():
                        raise Http404
                    workflow.review_unit_report(unit_report, request.user, request.POST["review"] == "accept",
                                                request.POST.get("comment", ""))
                    messages.success(request, _("Đã ghi ý kiến của Khối Dân vận."))
                else:
                    if not UnitReport.objects.restrict(request.user, CHANGE).filter(pk=pk).exists():
                        raise Http404
                    form = UnitReportForm(request.POST)
                    if not form.is_valid():
                        return self.render_to_response(self.get_context_data(form=form), status=400)
                    workflow.submit_unit_report(unit_report, request.user, form.cleaned_data["text"])
                    messages.success(request, _("Đã gửi báo cáo quý của đơn vị cho Khối Dân vận."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return HttpResponseRedirect(unit_report.get_absolute_url())


class YearSummaryView(LoginRequiredMixin, TemplateView):
    """Báo cáo tổng kết năm: the plan's year from its four quarters; the bloc closes the year here."""

    template_name = "reports/year_summary.html"

    def get_plan(self):
        from plans.models import Plan

        return get_object_or_404(Plan.objects.restrict(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        from plans.permissions import may_plan_next_year

        from .yearly import year_summary

        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        summary = plan.year_summary if plan.is_closed and plan.year_summary else year_summary(plan)
        visible = {section.key for section in sections_for(self.request.user)}
        for quarter in summary["quarters"]:
            quarter["sections"] = [s for s in quarter["sections"] if s["key"] in visible]
        may_change = may_plan_next_year(self.request.user, plan)
        context.update({"plan": plan, "summary": summary, "may_close": may_change and not plan.is_closed,
                        "may_plan_next": may_change and plan.is_closed,
                        "page_title": _("Báo cáo tổng kết năm %(y)s") % {"y": plan.year}})
        return context

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") != "pdf":
            return super().render_to_response(context, **kwargs)
        from io import BytesIO

        from core import documents
        from core.pdf import render_pdf

        plan = context["plan"]
        # The summary is printed for signing by hand: number and date stay blank, the header is the ward's own.
        header = documents.document_context(services.live_document_header(plan.ward), doc_type="BC",
                                            year=context["summary"]["year"])
        content = render_pdf("reports/pdf/year_summary.html", {
            **header, "plan": plan, "summary": context["summary"], "ward_name": plan.ward.name})
        return FileResponse(BytesIO(content), content_type="application/pdf", as_attachment=True,
                            filename=f"bao-cao-tong-ket-nam-{plan.year}.pdf")

    def post(self, request, pk):
        from .yearly import close_year

        plan = self.get_plan()
        try:
            with transaction.atomic(), set_actor(request.user):
                close_year(plan, request.user)
        except PermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        messages.success(request, _("Đã khóa sổ năm %(y)s của kế hoạch.") % {"y": plan.year})
        return HttpResponseRedirect(request.path)
