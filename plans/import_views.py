"""Import a plan from its document: upload, preview side by side with the source, correct, save.

The proposal waits on the server as a draft (PlanImportDraft, its owner's only) between the upload and
"Lưu kế hoạch"; the preview's address carries the draft's id. A long plan's preview is paged: moving to
another page keeps the corrections of this one in the draft. No plan is saved before "Lưu kế hoạch", and then
everything is saved in one transaction through plans.loader.load_plan.
"""

import copy
import math
import uuid
from datetime import date

from auditlog.context import set_actor
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, QueryDict
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
from .import_drafts import PlanInUse, create_draft, find_duplicates, replace_plan
from .importer import LimitExceeded, Line, UnitCatalogue, UnreadableFile, describe_flag, flag_level, import_upload
from .loader import PlanDataError, load_plan, ward_unit_resolver
from .models import AreaKind, Plan, PlanImportDraft, Recurrence, Task, Weekday

PAGE_PARAMETER = "trang"


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
        content = self.content = uploaded.read()
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
        try:
            with set_actor(request.user):
                draft = create_draft(request.user, form.cleaned_data["ward"], request.FILES["file"].name,
                                     form.content, form.result)
        except LimitExceeded as exc:
            form.add_error("file", str(exc))
            return self.render_page(form, status=400)
        return HttpResponseRedirect(draft.get_absolute_url())


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

KEEP_BOTH = "keep"


class DraftGone(Exception):
    """The draft was saved (or deleted) by another request meanwhile."""


class DuplicateChoiceForm(PortalForm):
    """What to do when the ward already has this plan: replace the saved one, or keep both and say why."""

    action = forms.ChoiceField(label=gettext_lazy("Kế hoạch này đã được lưu: chọn cách lưu"),
                               widget=forms.RadioSelect)
    reason = forms.CharField(label=gettext_lazy("Lý do giữ cả hai kế hoạch"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("Ví dụ: văn bản sửa đổi, bổ sung kế hoạch đã lưu."))

    def __init__(self, *args, duplicates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = {str(d.plan.pk): d for d in duplicates}
        self.fields["action"].choices = [
            *((f"replace-{d.plan.pk}", _("Thay thế kế hoạch “%(plan)s” đã lưu") % {"plan": d.plan})
              for d in duplicates),
            (KEEP_BOTH, _("Giữ cả hai kế hoạch (ghi lý do)")),
        ]
        self.fields["action"].error_messages["required"] = _(
            "Kế hoạch này trùng với kế hoạch đã lưu: hãy chọn thay thế kế hoạch đã lưu hoặc giữ cả hai và ghi lý do.")

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == KEEP_BOTH and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Hãy ghi lý do giữ cả hai kế hoạch."))
        cleaned["replace"] = self.duplicates[action.removeprefix("replace-")].plan \
            if action and action != KEEP_BOTH else None
        return cleaned


def _task_initial(task):
    due = task.get("due_date")
    return {
        "include": task.get("include", True),
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


def _task_data(task, index, prefix="task"):
    """What the preview would post for a stored task: validates a page the official is not on."""
    values = {**_task_initial(task), "supporting_units": task.get("supporting", [])}
    data = {}
    for key, value in values.items():
        if value is None or value is False:
            continue
        data[f"{prefix}-{index}-{key}"] = value.isoformat() if isinstance(value, date) else value
    return data


class PlanImportPreviewView(ImportAccessMixin, View):
    template_name = "plans/import_preview.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not may_create(request.user, Plan):
            return super().dispatch(request, *args, **kwargs)
        draft = self.find_draft(kwargs.get("draft", ""))
        if draft is None or draft.is_expired:
            if draft is not None:
                with set_actor(request.user):
                    draft.delete()
            messages.error(request, _("Bản xem trước không còn hiệu lực. Vui lòng tải văn bản lên lại."))
            return HttpResponseRedirect(reverse("plans:plan_import"))
        self.draft = draft
        self.stored = {"data": draft.data, "lines": draft.lines, "name": draft.file_name}
        self.ward = _wards_for(request.user).filter(pk=draft.ward_id).first()
        if self.ward is None:
            raise PermissionDenied(_("Bạn không được nhập kế hoạch cho phường này."))
        self.catalogue = UnitCatalogue.for_ward(self.ward)
        self.set_page(request.GET.get(PAGE_PARAMETER))
        return super().dispatch(request, *args, **kwargs)

    def find_draft(self, value):
        """The user's own draft; another's is not found (404), a missing or deleted one sends back to the upload."""
        try:
            pk = uuid.UUID(str(value))
        except ValueError:
            return None
        draft = PlanImportDraft.objects.restrict(self.request.user, CHANGE).filter(pk=pk).first()
        if draft is None and PlanImportDraft.objects.filter(pk=pk).exists():
            raise Http404
        return draft

    # ------------------------------------------------------------ pages
    def tasks(self):
        return [task for area in self.stored["data"]["areas"] for task in area["tasks"]]

    def set_page(self, value):
        size = max(settings.PLAN_IMPORT_PREVIEW_PAGE_SIZE, 1)
        self.page_count = max(math.ceil(len(self.tasks()) / size), 1)
        try:
            page = int(value or 1)
        except (TypeError, ValueError):
            page = 1
        self.page = min(max(page, 1), self.page_count)
        self.first = (self.page - 1) * size
        self.last = min(self.page * size, len(self.tasks()))

    def page_url(self, page):
        url = self.draft.get_absolute_url()
        return f"{url}?{PAGE_PARAMETER}={page}" if page > 1 else url

    def formset(self, data=None):
        return ImportTaskFormSet(
            data, initial=[_task_initial(task) for task in self.tasks()[self.first:self.last]], prefix="task",
            form_kwargs={"unit_choices": self.catalogue.choices()},
        )

    # ------------------------------------------------------------ requests
    def get(self, request, draft):
        plan_form = ImportPlanForm(initial=_plan_initial(self.stored["data"]), prefix="plan")
        return self.render_page(plan_form, self.formset())

    def post(self, request, draft):
        plan_form = ImportPlanForm(request.POST, prefix="plan")
        formset = self.formset(request.POST)
        plan_ok = plan_form.is_valid()
        tasks_ok = formset.is_valid()
        if tasks_ok and len(formset.forms) != self.last - self.first:
            formset._non_form_errors = formset.error_class([_("Bản xem trước đã thay đổi; hãy tải văn bản lên lại.")])
            tasks_ok = False
        if not (plan_ok and tasks_ok):
            return self.render_page(plan_form, formset, status=400)
        self.keep_corrections(plan_form.cleaned_data, formset)
        target = request.POST.get("page")
        if target:  # another page of the preview: this page's corrections are kept in the draft
            self.set_page(target)
            return HttpResponseRedirect(self.page_url(self.page))
        invalid_page = self.first_invalid_page()
        if invalid_page is not None:
            self.set_page(invalid_page)
            formset = self.formset(self.stored_page_data())
            formset.is_valid()
            return self.render_page(plan_form, formset, status=400, save_error=_(
                "Chưa lưu: trang %(page)s của bản xem trước còn nhiệm vụ chưa hợp lệ, xem các dòng báo lỗi bên dưới."
            ) % {"page": invalid_page})
        if not any(task.get("include", True) for task in self.tasks()):
            formset._non_form_errors = formset.error_class([_("Hãy giữ lại ít nhất một nhiệm vụ để nhập.")])
            return self.render_page(plan_form, formset, status=400)
        data = self.corrected_data()
        duplicates = self.duplicates(data["code"], data["issuer"])
        choice = DuplicateChoiceForm(request.POST, prefix="duplicate", duplicates=duplicates)
        if duplicates and not choice.is_valid():
            return self.render_page(plan_form, formset, status=400, duplicate_form=choice, save_error=_(
                "Chưa lưu: kế hoạch này trùng với kế hoạch đã lưu, xem phần “Kế hoạch này có thể đã được lưu”."))
        replaced = choice.cleaned_data["replace"] if duplicates else None
        try:
            with transaction.atomic(), set_actor(request.user):
                # A second "Lưu kế hoạch" (a double click, another tab) waits here and finds the draft gone.
                if not PlanImportDraft.objects.select_for_update().filter(pk=self.draft.pk).exists():
                    raise DraftGone
                if replaced is not None:
                    if not user_may(request.user, replaced, CHANGE):
                        raise OutOfScope
                    replace_plan(replaced)
                plan = load_plan(data, self.ward, ward_unit_resolver(self.ward))
                if not user_may(request.user, plan, CHANGE):
                    raise OutOfScope
                plan.content_hash = self.draft.content_hash
                if duplicates and replaced is None:
                    plan.duplicate_of = duplicates[0].plan
                    plan.duplicate_reason = choice.cleaned_data["reason"].strip()
                plan.save(update_fields=["content_hash", "duplicate_of", "duplicate_reason"])
                self.draft.delete()
        except DraftGone:
            messages.error(request, _("Bản xem trước này đã được lưu hoặc đã hết hiệu lực."))
            return HttpResponseRedirect(reverse("plans:plan_list"))
        except PlanInUse as exc:
            return self.render_page(plan_form, formset, status=400, duplicate_form=choice, save_error=_(
                "Không thay thế được kế hoạch “%(plan)s”: đã có %(records)s ghi theo kế hoạch này. Hãy giữ cả hai "
                "kế hoạch và ghi lý do, hoặc hủy việc nhập.") % {"plan": exc.plan, "records": _records_text(
                    next(d.records for d in duplicates if d.plan.pk == exc.plan.pk))})
        except OutOfScope:
            return self.render_page(plan_form, formset, status=400,
                                    save_error=_("Bạn không được lưu kế hoạch cho phường này."))
        except (PlanDataError, ValidationError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            return self.render_page(plan_form, formset, status=400,
                                    save_error=_("Chưa lưu được kế hoạch: %(error)s") % {"error": message})
        count = plan.tasks.count()
        messages.success(request, ngettext(
            "Đã lưu kế hoạch “%(plan)s” với %(count)d nhiệm vụ.",
            "Đã lưu kế hoạch “%(plan)s” với %(count)d nhiệm vụ.", count,
        ) % {"plan": plan.title, "count": count})
        return HttpResponseRedirect(plan.get_absolute_url())

    def keep_corrections(self, plan_values, formset):
        """Write the plan's fields and this page's tasks, as corrected, into the draft."""
        data = self.stored["data"]
        for key, value in plan_values.items():
            data[key] = value.isoformat() if isinstance(value, date) else value
        for task, form in zip(self.tasks()[self.first:self.last], formset.forms, strict=True):
            values = form.cleaned_data
            task["include"] = bool(values.get("include"))
            if not task["include"]:
                continue
            task.update(title=values["title"], lead=values["lead"], supporting=values["supporting_units"],
                        recurrence=values["recurrence"])
            for field in ("due_date", "recurrence_weekday", "recurrence_day", "recurrence_month"):
                value = values.get(field)
                if value is None or value == "":
                    task.pop(field, None)
                else:
                    task[field] = value.isoformat() if isinstance(value, date) else value
        self.draft.data = data
        self.draft.save(update_fields=["data"])

    def stored_page_data(self):
        tasks = self.tasks()[self.first:self.last]
        data = {"task-TOTAL_FORMS": str(len(tasks)), "task-INITIAL_FORMS": str(len(tasks)),
                "task-MIN_NUM_FORMS": "0", "task-MAX_NUM_FORMS": "1000"}
        for index, task in enumerate(tasks):
            data.update(_task_data(task, index))
        post = QueryDict(mutable=True)
        for key, value in data.items():
            post.setlist(key, value if isinstance(value, list) else [value])
        return post

    def first_invalid_page(self):
        """The first page (other than this one) holding a task the official has not made valid, or None."""
        size = max(settings.PLAN_IMPORT_PREVIEW_PAGE_SIZE, 1)
        choices = self.catalogue.choices()
        for index, task in enumerate(self.tasks()):
            if self.first <= index < self.last or not task.get("include", True):
                continue
            post = QueryDict(mutable=True)
            for key, value in _task_data(task, 0, prefix="check").items():
                post.setlist(key, value if isinstance(value, list) else [value])
            if not ImportTaskForm(post, prefix="check-0", unit_choices=choices).is_valid():
                return index // size + 1
        return None

    def duplicates(self, code, issuer):
        if not hasattr(self, "_duplicates"):
            self._duplicates = find_duplicates(self.ward, code, issuer, self.draft.content_hash)
        return self._duplicates

    def corrected_data(self):
        data = copy.deepcopy(self.stored["data"])
        for area in data["areas"]:
            area["tasks"] = [task for task in area["tasks"] if task.pop("include", True)]
        return data

    def render_page(self, plan_form, formset, status=200, save_error=None, duplicate_form=None):
        stored = self.stored
        data = stored["data"]
        duplicates = self.duplicates(data.get("code", ""), data.get("issuer", ""))
        if duplicate_form is None and duplicates:
            duplicate_form = DuplicateChoiceForm(prefix="duplicate", duplicates=duplicates)
        lines = [Line.from_data(line) for line in stored["lines"]]
        by_number = {line.number: line for line in lines}
        flat = self.tasks()
        forms_by_task = dict(zip(range(self.first, self.last), formset.forms, strict=False))
        kinds = dict(AreaKind.choices)
        areas = []
        index = 0
        warnings = sum(any(flag_level(f) == "warning" for f in task["flags"]) for task in flat)
        for area in data["areas"]:
            rows = []
            on_page = not area["tasks"] and self.page == 1
            for task in area["tasks"]:
                if not self.first <= index < self.last:
                    index += 1
                    continue
                on_page = True
                flags = [{"level": flag_level(f), "message": describe_flag(f, self.catalogue)} for f in task["flags"]]
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
            if on_page:
                areas.append({"area": area, "kind": kinds.get(area["kind"], area["kind"]), "rows": rows})
        header_lines = [line for line in lines if line.number < _first_task_line(data) and not line.rule]
        context = {
            "page_title": _("Xem trước kế hoạch nhập từ văn bản"),
            "file_name": stored["name"],
            "ward": self.ward,
            "plan_form": plan_form,
            "formset": formset,
            "areas": areas,
            "area_count": len(data["areas"]),
            "task_count": len(flat),
            "page": self.page,
            "pages": range(1, self.page_count + 1),
            "page_count": self.page_count,
            "page_first": self.first + 1,
            "page_last": self.last,
            "warning_count": warnings,
            "plan_flags": [{"level": flag_level(f), "message": describe_flag(f, self.catalogue)}
                           for f in data.get("flags", [])],
            "superior": data.get("superior", ""),
            "basis": data.get("basis", []),
            "limitations": data.get("limitations", []),
            "focus_tasks": data.get("focus_tasks", []),
            "lines": lines if self.page == 1 else [],
            "header_lines": header_lines[:12],
            "save_error": save_error,
            "duplicates": [{"duplicate": d, "records": _records_text(d.records)} for d in duplicates],
            "duplicate_form": duplicate_form,
        }
        return render(self.request, self.template_name, context, status=status)


def _records_text(records):
    """{"báo cáo tiến độ": 3, …} -> "3 báo cáo tiến độ; …"."""
    return "; ".join(f"{count} {name}" for name, count in sorted(records.items()))


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
