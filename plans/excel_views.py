"""Browser side of the Excel round trip: export the filtered task list, import progress with a preview."""


from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from core import periods
from core.access import may_create
from core.forms import PortalForm
from core.spreadsheets import keep_preview, xlsx_response
from core.validators import validate_xlsx
from core.views import ImportApplyMixin

from .excel import ImportPreview, apply_import, export_tasks, parse_progress_import
from .models import ProgressUpdate
from .views import TaskListView

# The parsed preview waits here, as plain data, between the upload and the confirmation.
SESSION_KEY = "plans.excel_import"


class TaskExportView(TaskListView):
    """The task list as the user filtered and sorted it (and as their scope allows), as an .xlsx file."""

    def get(self, request, *args, **kwargs):
        return xlsx_response(export_tasks(self.filtered_queryset()), f"nhiem-vu-{periods.today():%Y%m%d}.xlsx")


class ProgressImportForm(PortalForm):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        help_text=gettext_lazy("Tệp tải về bằng nút “Xuất Excel”, đã điền các cột nền vàng."),
    )

    def clean_file(self):
        return validate_xlsx(self.cleaned_data["file"], _("Hãy dùng tệp tải về bằng nút “Xuất Excel”."))


class ProgressImportView(LoginRequiredMixin, View):
    """Upload an edited export, see every proposed update and every row error, then confirm."""

    template_name = "plans/excel_import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_create(request.user, ProgressUpdate):
            raise PermissionDenied(_("Tài khoản của bạn không được cập nhật tiến độ nhiệm vụ."))
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form, status=200, **context):
        context.update(form=form, page_title=_("Nhập tiến độ từ Excel"))
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(ProgressImportForm())

    def post(self, request):
        form = ProgressImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form, status=400)
        preview = parse_progress_import(form.cleaned_data["file"], request.user)
        if preview.file_errors:
            for error in preview.file_errors:
                form.add_error("file", error)
            return self.render_page(form, status=400)
        token = None
        if not preview.has_errors and preview.changes:
            token = keep_preview(request, SESSION_KEY, preview)
        else:
            request.session.pop(SESSION_KEY, None)
        return self.render_page(ProgressImportForm(), preview=preview, token=token)


class ProgressImportApplyView(ImportApplyMixin, ProgressImportView):
    """The confirmation of a previewed progress import: writes every row of the preview kept in the session."""

    session_key = SESSION_KEY
    preview_class = ImportPreview
    upload_url = reverse_lazy("plans:task_import")

    def blank_form(self):
        return ProgressImportForm()

    def apply(self, preview):
        updates = apply_import(preview, self.request.user)
        message = ngettext("Đã ghi %(count)d báo cáo tiến độ từ tệp Excel.",
                           "Đã ghi %(count)d báo cáo tiến độ từ tệp Excel.", len(updates)) % {"count": len(updates)}
        return message, reverse("plans:task_list")
