"""Import a plan from its document: upload, preview side by side with the source, correct, save.

The proposal waits in the session as plain data between the upload and "Lưu kế hoạch"; nothing is saved
before that, and then everything is saved in one transaction through plans.loader.load_plan.
"""

import copy
import secrets
from datetime import date

from auditlog.context import set_actor
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from core.access import CHANGE, may_create, user_may
from core.forms import PortalForm
from core.uploads import check_size
from core.views import OutOfScope
from organisations.models import Unit, UnitKind

from .forms import DateInput
from .importer import Line, UnitCatalogue, UnreadableFile, describe_flag, flag_level, import_upload
from .loader import PlanDataError, load_plan, ward_unit_resolver
from .models import AreaKind, Plan, Recurrence, Task, Weekday

SESSION_KEY = "plans.plan_import"


class ImportAccessMixin(LoginRequiredMixin):
    """Only those who may create plans (the bloc of the ward, admins) import one."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_create(request.user, Plan):
            raise PermissionDenied(_("Chỉ Khối Dân vận Đảng ủy (và quản trị) được nhập kế hoạch."))
        return super().dispatch(request, *args, **kwargs)


def _wards_for(user):
    """Wards the user may import a plan into."""
    if user.is_admin:
        return Unit.objects.filter(kind=UnitKind.WARD, is_active=True).order_by("name")
    ward = user.ward
    return Unit.objects.filter(pk=ward.pk) if ward else Unit.objects.none()


class PlanUploadForm(PortalForm):
    file = forms.FileField(label=gettext_lazy("Văn bản kế hoạch"))
    ward = forms.ModelChoiceField(label=gettext_lazy("Phường"), queryset=Unit.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.user = user
        self.result = None
        self.fields["file"].help_text = _(
            "Word (.docx), Markdown (.md) hoặc văn bản thuần (.txt), tối đa %(limit)s. Cổng đọc cấu trúc kế hoạch "
            "và đề xuất nhiệm vụ; chưa lưu gì cho đến khi bạn bấm “Lưu kế hoạch”."
        ) % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        self.fields["file"].widget.attrs["accept"] = ".docx,.md,.markdown,.txt"
        wards = _wards_for(user)
        if user.is_admin:
            self.fields["ward"].queryset = wards
        else:
            del self.fields["ward"]
            self.ward = wards.first()

    def clean(self):
        cleaned = super().clean()
        ward = cleaned.get("ward") if "ward" in self.fields else self.ward
        uploaded = cleaned.get("file")
        if ward is None:
            if "ward" not in self.fields:
                raise ValidationError(_("Tài khoản của bạn chưa thuộc phường nào nên không nhập được kế hoạch."))
            return cleaned
        if uploaded is None:
            return cleaned
        try:
            check_size(uploaded.name, uploaded.size)  # before reading it into memory
        except ValidationError as exc:
            self.add_error("file", exc)
            return cleaned
        uploaded.seek(0)
        content = uploaded.read()
        try:
            self.result = import_upload(uploaded.name, content, UnitCatalogue.for_ward(ward))
        except UnreadableFile as exc:
            self.add_error("file", str(exc))
        cleaned["ward"] = ward
        return cleaned


class PlanImportView(ImportAccessMixin, View):
    template_name = "plans/import_upload.html"

    def render_page(self, form, status=200):
        return render(self.request, self.template_name,
                      {"form": form, "page_title": _("Nhập kế hoạch từ văn bản")}, status=status)

    def get(self, request):
        return self.render_page(PlanUploadForm(user=request.user))

    def post(self, request):
        form = PlanUploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_page(form, status=400)
        token = secrets.token_urlsafe(12)
        result = form.result
        request.session[SESSION_KEY] = {
            "token": token,
            "ward": form.cleaned_data["ward"].pk,
            "name": request.FILES["file"].name,
            "format": result.source_format,
            "data": result.data,
            "lines": [line.to_data() for line in result.lines],
        }
        return HttpResponseRedirect(reverse("plans:plan_import_preview", args=[token]))


# ---------------------------------------------------------------- preview and save

class ImportPlanForm(PortalForm):
    code = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=64, required=False)
    title = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=500)
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255, required=False)
    place = forms.CharField(label=gettext_lazy("Địa danh"), max_length=128, required=False)
    issued_on = forms.DateField(label=gettext_lazy("Ngày ban hành"), required=False, widget=DateInput())
    starts_on = forms.DateField(label=gettext_lazy("Bắt đầu thực hiện"), widget=DateInput())
    ends_on = forms.DateField(label=gettext_lazy("Kết thúc"), required=False, widget=DateInput(),
                              help_text=gettext_lazy("Để trống nếu kế hoạch áp dụng cho cả những năm tiếp theo."))
    signer_name = forms.CharField(label=gettext_lazy("Người ký"), max_length=128, required=False)
    signer_title = forms.CharField(label=gettext_lazy("Chức vụ người ký"), max_length=128, required=False)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned


class ImportTaskForm(PortalForm):
    include = forms.BooleanField(label=gettext_lazy("Nhập nhiệm vụ này"), required=False, initial=True)
    title = forms.CharField(label=gettext_lazy("Tên nhiệm vụ"), max_length=500)
    lead = forms.ChoiceField(label=gettext_lazy("Đơn vị chủ trì"))
    supporting_units = forms.MultipleChoiceField(label=gettext_lazy("Đơn vị phối hợp"), required=False,
                                                 widget=forms.CheckboxSelectMultiple)
    recurrence = forms.ChoiceField(label=gettext_lazy("Tần suất"), choices=Recurrence.choices)
    due_date = forms.DateField(label=gettext_lazy("Hạn hoàn thành"), required=False, widget=DateInput(),
                               help_text=gettext_lazy("Với nhiệm vụ một lần; để trống nếu thực hiện thường xuyên."))
    recurrence_weekday = forms.TypedChoiceField(label=gettext_lazy("Thứ trong tuần"), required=False, coerce=int,
                                                empty_value=None, choices=[("", "—"), *Weekday.choices])
    recurrence_day = forms.IntegerField(label=gettext_lazy("Ngày hạn"), required=False, min_value=1, max_value=31)
    recurrence_month = forms.IntegerField(label=gettext_lazy("Tháng hạn"), required=False, min_value=1, max_value=12,
                                          help_text=gettext_lazy("Hằng quý: tháng thứ mấy của quý (1–3); hằng năm / "
                                                                 "tháng cố định: tháng trong năm (1–12)."))

    def __init__(self, *args, unit_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].choices = unit_choices
        self.fields["supporting_units"].choices = unit_choices

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("include"):
            self.errors.clear()
            return cleaned
        recurrence = cleaned.get("recurrence")
        if recurrence is None:
            return cleaned
        # The same rules as a task edited in the portal (Task.clean), with the same messages.
        task = Task(
            recurrence=recurrence, due_date=cleaned.get("due_date"),
            recurrence_weekday=cleaned.get("recurrence_weekday"), recurrence_day=cleaned.get("recurrence_day"),
            recurrence_month=cleaned.get("recurrence_month"),
        )
        try:
            task.clean()
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    self.add_error(field if field in self.fields else None, error)
        lead = cleaned.get("lead")
        cleaned["supporting_units"] = [key for key in cleaned.get("supporting_units", []) if key != lead]
        return cleaned


ImportTaskFormSet = forms.formset_factory(ImportTaskForm, extra=0)


def _task_initial(task):
    due = task.get("due_date")
    return {
        "include": True,
        "title": task["title"],
        "lead": task["lead"],
        "supporting_units": task.get("supporting", []),
        "recurrence": task.get("recurrence", "once"),
        "due_date": date.fromisoformat(due) if due else None,
        "recurrence_weekday": task.get("recurrence_weekday"),
        "recurrence_day": task.get("recurrence_day"),
        "recurrence_month": task.get("recurrence_month"),
    }


def _plan_initial(data):
    def as_date(value):
        return date.fromisoformat(value) if value else None

    return {
        "code": data.get("code", ""), "title": data.get("title", ""), "issuer": data.get("issuer", ""),
        "place": data.get("place", ""), "issued_on": as_date(data.get("issued_on")),
        "starts_on": as_date(data.get("starts_on")), "ends_on": as_date(data.get("ends_on")),
        "signer_name": data.get("signer_name", ""), "signer_title": data.get("signer_title", ""),
    }


def _marked(text, phrases):
    """The text in pieces (piece, marked) with every phrase marked."""
    pieces = [(text, False)]
    for phrase in sorted({p for p in phrases if p}, key=len, reverse=True):
        result = []
        for piece, marked in pieces:
            if marked or phrase not in piece:
                result.append((piece, marked))
                continue
            parts = piece.split(phrase)
            for index, part in enumerate(parts):
                if part:
                    result.append((part, False))
                if index < len(parts) - 1:
                    result.append((phrase, True))
        pieces = result
    return pieces


class PlanImportPreviewView(ImportAccessMixin, View):
    template_name = "plans/import_preview.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        stored = request.session.get(SESSION_KEY)
        token = kwargs.get("token", "")
        if not stored or not secrets.compare_digest(str(stored.get("token", "")), token):
            if not may_create(request.user, Plan):
                return super().dispatch(request, *args, **kwargs)
            messages.error(request, _("Bản xem trước không còn hiệu lực. Vui lòng tải văn bản lên lại."))
            return HttpResponseRedirect(reverse("plans:plan_import"))
        self.stored = stored
        self.ward = _wards_for(request.user).filter(pk=stored["ward"]).first()
        if self.ward is None:
            raise PermissionDenied(_("Bạn không được nhập kế hoạch cho phường này."))
        self.catalogue = UnitCatalogue.for_ward(self.ward)
        return super().dispatch(request, *args, **kwargs)

    def tasks(self):
        return [task for area in self.stored["data"]["areas"] for task in area["tasks"]]

    def formset(self, data=None):
        return ImportTaskFormSet(
            data, initial=[_task_initial(task) for task in self.tasks()], prefix="task",
            form_kwargs={"unit_choices": self.catalogue.choices()},
        )

    def get(self, request, token):
        plan_form = ImportPlanForm(initial=_plan_initial(self.stored["data"]), prefix="plan")
        return self.render_page(plan_form, self.formset())

    def post(self, request, token):
        plan_form = ImportPlanForm(request.POST, prefix="plan")
        formset = self.formset(request.POST)
        plan_ok = plan_form.is_valid()
        tasks_ok = formset.is_valid()
        if tasks_ok and len(formset.forms) != len(self.tasks()):
            formset._non_form_errors = formset.error_class([_("Bản xem trước đã thay đổi; hãy tải văn bản lên lại.")])
            tasks_ok = False
        if tasks_ok and not any(form.cleaned_data.get("include") for form in formset.forms):
            formset._non_form_errors = formset.error_class([_("Hãy giữ lại ít nhất một nhiệm vụ để nhập.")])
            tasks_ok = False
        if not (plan_ok and tasks_ok):
            return self.render_page(plan_form, formset, status=400)
        data = self.corrected_data(plan_form.cleaned_data, formset)
        try:
            with transaction.atomic(), set_actor(request.user):
                plan = load_plan(data, self.ward, ward_unit_resolver(self.ward))
                if not user_may(request.user, plan, CHANGE):
                    raise OutOfScope
        except OutOfScope:
            return self.render_page(plan_form, formset, status=400,
                                    save_error=_("Bạn không được lưu kế hoạch cho phường này."))
        except (PlanDataError, ValidationError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            return self.render_page(plan_form, formset, status=400,
                                    save_error=_("Chưa lưu được kế hoạch: %(error)s") % {"error": message})
        request.session.pop(SESSION_KEY, None)
        count = plan.tasks.count()
        messages.success(request, ngettext(
            "Đã lưu kế hoạch “%(plan)s” với %(count)d nhiệm vụ.",
            "Đã lưu kế hoạch “%(plan)s” với %(count)d nhiệm vụ.", count,
        ) % {"plan": plan.title, "count": count})
        return HttpResponseRedirect(plan.get_absolute_url())

    def corrected_data(self, plan_values, formset):
        data = copy.deepcopy(self.stored["data"])
        for key, value in plan_values.items():
            data[key] = value.isoformat() if isinstance(value, date) else (value if value is not None else None)
        forms_iter = iter(formset.forms)
        for area in data["areas"]:
            kept = []
            for task in area["tasks"]:
                values = next(forms_iter).cleaned_data
                if not values.get("include"):
                    continue
                task.update(title=values["title"], lead=values["lead"], supporting=values["supporting_units"],
                            recurrence=values["recurrence"])
                for field in ("due_date", "recurrence_weekday", "recurrence_day", "recurrence_month"):
                    value = values.get(field)
                    if value is None or value == "":
                        task.pop(field, None)
                    else:
                        task[field] = value.isoformat() if isinstance(value, date) else value
                kept.append(task)
            area["tasks"] = kept
        return data

    def render_page(self, plan_form, formset, status=200, save_error=None):
        stored = self.stored
        data = stored["data"]
        lines = [Line.from_data(line) for line in stored["lines"]]
        by_number = {line.number: line for line in lines}
        flat = self.tasks()
        forms_by_task = dict(zip(range(len(flat)), formset.forms, strict=False))
        kinds = dict(AreaKind.choices)
        areas = []
        index = 0
        warnings = 0
        for area in data["areas"]:
            rows = []
            for task in area["tasks"]:
                flags = [{"level": flag_level(f), "message": describe_flag(f, self.catalogue)} for f in task["flags"]]
                warnings += any(f["level"] == "warning" for f in flags)
                marked = [f.get("text", "") for f in task["flags"] if flag_level(f) == "warning"]
                span = task.get("span") or {}
                source = [
                    {"number": n, "pieces": _marked(by_number[n].text, marked)}
                    for n in range(span.get("first", 0), span.get("last", -1) + 1) if n in by_number
                ]
                recognised = []
                for mention in task.get("mentions", []):
                    entry = {"text": mention["text"], "units": [self.catalogue.name(k) for k in mention["keys"]]}
                    if mention["counted"] and entry not in recognised:
                        recognised.append(entry)
                rows.append({
                    "task": task, "form": forms_by_task.get(index), "flags": flags, "source": source,
                    "recognised": recognised, "warning": any(f["level"] == "warning" for f in flags),
                    "supporting_names": [self.catalogue.name(k) for k in task.get("supporting", [])],
                    "lead_name": self.catalogue.name(task["lead"]),
                    "binding": _binding_text(task.get("binding")),
                })
                index += 1
            areas.append({"area": area, "kind": kinds.get(area["kind"], area["kind"]), "rows": rows})
        header_lines = [line for line in lines if line.number < _first_task_line(data) and not line.rule]
        context = {
            "page_title": _("Xem trước kế hoạch nhập từ văn bản"),
            "file_name": stored["name"],
            "ward": self.ward,
            "plan_form": plan_form,
            "formset": formset,
            "areas": areas,
            "task_count": len(flat),
            "warning_count": warnings,
            "plan_flags": [{"level": flag_level(f), "message": describe_flag(f, self.catalogue)}
                           for f in data.get("flags", [])],
            "basis": data.get("basis", []),
            "limitations": data.get("limitations", []),
            "focus_tasks": data.get("focus_tasks", []),
            "lines": lines,
            "header_lines": header_lines[:12],
            "save_error": save_error,
        }
        return render(self.request, self.template_name, context, status=status)


def _binding_text(binding):
    """The records the importer proposes to feed the task ("Chủ nhật xanh … (đạt khi …)"), or ""."""
    from .models import TaskBinding
    from .schedule import describe_binding

    if not binding:
        return ""
    return describe_binding(TaskBinding(source=binding["source"], rule=binding.get("rule", "records"),
                                        parameters=binding.get("parameters") or {}))


def _first_task_line(data):
    spans = [area["span"]["first"] for area in data["areas"] if area.get("span")]
    return min(spans) if spans else 0
