"""Base views every area uses: scoped list, detail, create, edit, delete; home; health; downloads."""


from auditlog.context import set_actor
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, ListView, TemplateView, UpdateView
from django_filters.views import FilterView

from . import periods
from .access import CHANGE, VIEW, is_own_record, may_create, remember_access, user_may
from .db_router import reading_from_replica
from .forms import add_service_errors
from .models import Attachment
from .params import query_int, query_year
from .sorting import Sorting
from .spreadsheets import ImportRejected, take_preview
from .wards import visible_wards, ward_for_request


class OutOfScope(Exception):
    """Raised inside a save when the object would leave the user's scope; rolls the save back."""

    def __init__(self, own_record=False):
        super().__init__()
        self.own_record = own_record


OWN_RECORD_MESSAGE = gettext_lazy(
    "Bạn không được ghi, sửa hoặc xóa hồ sơ về chính mình. Hãy đề nghị lãnh đạo đơn vị hoặc Khối Dân vận "
    "cập nhật hồ sơ này."
)


class ReadsFromReplicaMixin:
    """A page of figures only (a dashboard): its GET reads from the replica when one is configured (core.db_router).
    The page is rendered inside the block, so the querysets a template evaluates go there too."""

    def get(self, request, *args, **kwargs):
        with reading_from_replica():
            response = super().get(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response


class MayOpenMixin(LoginRequiredMixin):
    """A page that opens only for the users its ``may_open(user)`` admits; links to it ask the same rule
    (core.navigation.may_open). Anybody else is refused with ``denied_message`` (403), or 404 when
    ``denied_message`` is None (a page whose very existence is not for them)."""

    denied_message = gettext_lazy("Bạn không có quyền mở trang này.")

    @classmethod
    def may_open(cls, user):
        return True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.may_open(request.user):
            if self.denied_message is None:
                raise Http404
            raise PermissionDenied(self.denied_message)
        return super().dispatch(request, *args, **kwargs)


class ScopedMixin(LoginRequiredMixin):
    """Narrow the view's queryset to the user's scope through the model's restricted queryset."""

    model = None  # by default the model of the view's form or filter set
    action = VIEW
    select_related = ()
    prefetch_related = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        source = cls.__dict__.get("form_class") or cls.__dict__.get("filterset_class")
        model = getattr(getattr(source, "_meta", None), "model", None)
        if "model" not in cls.__dict__ and model is not None:
            cls.model = model

    def get_queryset(self):
        queryset = self.model._default_manager.restrict(self.request.user, self.action)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset


class SortedFilterMixin:
    """A filtered list the reader may sort by its columns (core.sorting): ``sort_fields`` maps each key the page's
    headers offer (``{% sort_header "key" _("Label") %}``) to its database order, ``default_sort`` is the order
    without a choice ("" keeps the queryset's own). The order applies after the filters; export views that share
    the list's filters take the same rows in the same order through ``filtered_queryset``."""

    sort_fields = {}
    default_sort = ""

    @cached_property
    def sorting(self):
        return Sorting.from_request(self.request, self.sort_fields, self.default_sort)

    def filtered_queryset(self):
        """The rows the page lists: the scope, the filters (none when they are invalid and strict), the order."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        if not self.filterset.is_bound or self.filterset.is_valid() or not self.get_strict():
            queryset = self.filterset.qs
        else:
            queryset = self.filterset.queryset.none()
        return self.sorting.apply(queryset)

    def get(self, request, *args, **kwargs):
        self.object_list = self.filtered_queryset()
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sorting"] = self.sorting
        return context


class ObjectListView(SortedFilterMixin, ScopedMixin, FilterView):
    """A filtered, searchable, sortable, paginated list. Subclasses set model, filterset_class, template_name and
    the columns it sorts by (``sort_fields``, ``default_sort``)."""

    paginate_by = 25
    page_title = ""
    # The action (VIEW or CHANGE) the rows' links need, when the page links them somewhere not every reader may go
    # (an edit page): answered for the whole page in one query, read by ``user|may_change:row`` in the template.
    link_access = None

    def get_paginate_by(self, queryset):
        return max(10, min(query_int(self.request, "per_page", self.paginate_by), 200))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.page_title or self.model._meta.verbose_name_plural.capitalize()
        context["may_add"] = self.may_add()
        if self.link_access:
            remember_access(self.request.user, context["object_list"], self.link_access)
        return context

    def may_add(self):
        return may_create(self.request.user, self.model)


class ObjectDetailView(ScopedMixin, DetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The browser tab names the record (a template may still name it better in its title block).
        context.setdefault("page_title", truncatechars(str(self.object), 80))
        context["may_change"] = user_may(self.request.user, self.object, CHANGE)
        context["attachments"] = Attachment.for_object(self.object)
        return context


class InvalidFormStatusMixin:
    """A form with errors answers 400 Bad Request, the form re-rendered with its errors, so clients and tests see
    that nothing was written. Every create and edit page has it through ScopedSaveMixin: one status everywhere
    (no page swaps forms in place, so a browser shows the 400 page as it would a 200)."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class EvidenceSaveMixin:
    """Save the form, then attach the validated files of its evidence field (inside the view's transaction)."""

    evidence_field = "evidence"

    def save_object(self, form):
        obj = super().save_object(form)
        for uploaded in form.cleaned_data.get(self.evidence_field) or []:
            Attachment.attach(obj, uploaded, user=self.request.user)
        return obj


class ScopedSaveMixin(InvalidFormStatusMixin):
    """Save inside a transaction and re-check that the object is still inside the user's scope.

    Nobody can create or move a record into another unit: the check runs after the save, inside the
    same transaction, and rolls everything back when it fails.
    """

    # Every save tells the user it worked (a group leader on a phone cannot tell otherwise); a view may give its own
    # words in ``success_message`` or ``get_success_message``, else the create or edit view's default is used.
    success_message = ""
    default_success_message = gettext_lazy("Đã lưu “%(name)s”.")

    def save_object(self, form):
        return form.save()

    def get_success_message(self):
        if self.success_message:
            return self.success_message
        return self.default_success_message % {"name": self.object}

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save_object(form)
                if not user_may(self.request.user, self.object, CHANGE):
                    raise OutOfScope(own_record=is_own_record(self.request.user, self.object))
        except OutOfScope as refusal:
            form.add_error(None, OWN_RECORD_MESSAGE if refusal.own_record else
                           _("Bạn chỉ được ghi dữ liệu thuộc đơn vị mình phụ trách. Hãy chọn lại đơn vị."))
            return self.form_invalid(form)
        message = self.get_success_message()
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())


class ObjectFormMixin:
    """A scoped model's form page: the form knows the user (it offers only what the user may choose), the page is
    titled ``title_format`` with the model's name and, without a template of its own, is the portal's plain form."""

    title_format = ""
    cancel_url = None  # where "Hủy" leads on a new row's page (reverse_lazy); an existing row's page leads to it

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.title_format % {"name": self.model._meta.verbose_name}
        if self.cancel_url:
            context["cancel_url"] = self.cancel_url
        return context

    def get_template_names(self):
        """The app's ``<model>_form.html`` when it has one, else the portal's plain form page."""
        names = super().get_template_names()
        return names if self.template_name else [*names, "core/object_form.html"]


class ObjectCreateView(ObjectFormMixin, MayOpenMixin, ScopedMixin, ScopedSaveMixin, CreateView):
    """A create page for users who may write such rows somewhere; the others (the Standing Committee or a city
    viewer on most models) get 403 instead of a form that could never be saved. The row itself is checked on save.
    ``query_initial`` fills fields from the link that opened the page ({"to": "group"}: ``?to=12``)."""

    action = CHANGE
    denied_message = gettext_lazy("Bạn chỉ được xem, không được thêm mới mục này.")
    default_success_message = gettext_lazy("Đã thêm “%(name)s”.")
    title_format = gettext_lazy("Thêm %(name)s")
    query_initial = {}
    # The model's field that records who entered a row ("created_by"), set from the user on save.
    creator_field = None
    today_field = None  # a date field that starts as today
    user_unit_field = None  # a unit field that starts as the user's own unit

    @classmethod
    def may_open(cls, user):
        """Whether the page opens for ``user``; links to it ask the same (core.navigation.may_open)."""
        return may_create(user, cls.model)

    def get_initial(self):
        initial = super().get_initial()
        if self.today_field:
            initial[self.today_field] = periods.today()
        if self.user_unit_field and self.request.user.unit_id:
            initial[self.user_unit_field] = self.request.user.unit_id
        for parameter, field_name in self.query_initial.items():
            value = self.request.GET.get(parameter, "").strip()[:100]
            if value:  # the form checks it like any other value: a wrong one simply preselects nothing
                initial[field_name] = value
        return initial

    def save_object(self, form):
        if self.creator_field:
            setattr(form.instance, self.creator_field, self.request.user)
        return super().save_object(form)


class ObjectEditView(ObjectFormMixin, ScopedMixin, ScopedSaveMixin, UpdateView):
    action = CHANGE
    title_format = gettext_lazy("Sửa %(name)s")


class ObjectDeleteView(ScopedMixin, DeleteView):
    action = CHANGE
    template_name = "core/object_confirm_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("page_title", _("Xóa “%(name)s”") % {"name": truncatechars(str(self.object), 60)})
        return context

    def form_valid(self, form):
        messages.success(self.request, _("Đã xóa “%(name)s”.") % {"name": self.object})
        return super().form_valid(form)


class ObjectActionView(LoginRequiredMixin, View):
    """A form posted from an object's page (a status change, a follow-up, an appraisal): the form is checked, the
    service that ``perform`` calls runs in a transaction, and the user goes back to the page's ``anchor``. An invalid
    form or a step the service refuses shows the page (``detail_view``) again, 400, with the reasons beside the
    form (``form_name`` in its context)."""

    http_method_names = ["post"]
    model = None
    # The scope the object is looked up in; a view whose service checks the step itself may look in the view scope.
    action = CHANGE
    form_class = None
    form_name = ""
    detail_view = None
    anchor = ""
    success_message = gettext_lazy("Đã lưu.")
    error_message = gettext_lazy("Chưa lưu được. Vui lòng sửa các lỗi bên dưới.")

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user, self.action)

    def get_form_kwargs(self, obj):
        return {}

    def get_form(self, obj):
        return self.form_class(self.request.POST, self.request.FILES, **self.get_form_kwargs(obj))

    def perform(self, obj, form):
        raise NotImplementedError

    def post(self, request, pk):
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        form = self.get_form(obj)
        if form.is_valid():
            try:
                with transaction.atomic(), set_actor(request.user):
                    self.perform(obj, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.success_message)
                return HttpResponseRedirect(f"{obj.get_absolute_url()}{self.anchor}")
        messages.error(request, self.error_message)
        view = self.detail_view()
        view.setup(request, pk=pk)
        view.object = view.get_object()
        response = view.render_to_response(view.get_context_data(object=view.object, **{self.form_name: form}))
        response.status_code = 400
        return response


class ImportApplyMixin:
    """The confirmation of a spreadsheet import previewed on the upload page (``render_page``): it writes the
    preview the upload kept in the session (core.spreadsheets.keep_preview), or answers the upload page again (400)
    with the rows the write refused. An expired or foreign preview sends the user back to upload the file again."""

    http_method_names = ["post"]
    session_key = ""
    preview_class = None
    upload_url = ""

    def blank_form(self):
        raise NotImplementedError

    def apply(self, preview):
        """Write the preview; returns the success message and where the user goes next."""
        raise NotImplementedError

    def post(self, request):
        preview = take_preview(request, self.session_key, self.preview_class)
        if preview is None:
            messages.error(request, _("Bản xem trước không còn hiệu lực. Vui lòng tải tệp lên lại."))
            return HttpResponseRedirect(self.upload_url)
        try:
            message, next_url = self.apply(preview)
        except ImportRejected as exc:
            return self.render_page(self.blank_form(), status=400, apply_errors=exc.errors)
        messages.success(request, message)
        return HttpResponseRedirect(next_url)


def healthz(request):
    """Health of the portal for load balancers and monitoring: database and broker."""
    from django.conf import settings

    state = {"database": "ok", "broker": "ok"}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any database failure is reported, not raised
        state["database"] = f"error: {exc.__class__.__name__}"
        status = 503
    if settings.CELERY_TASK_ALWAYS_EAGER:
        state["broker"] = "eager"
    else:
        from danvan.celery import app

        # A fresh connection to the broker of the current settings, bounded in time: a load balancer
        # waits a few seconds at most, and a broker that does not answer must show as down, not hang.
        try:
            with app.connection_for_write(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1, interval_start=0.2, interval_step=0.2, timeout=3)
        except Exception as exc:  # noqa: BLE001
            state["broker"] = f"error: {exc.__class__.__name__}"
            status = 503
    state["status"] = "ok" if status == 200 else "degraded"
    return JsonResponse(state, status=status)


def attachment_download(request, pk):
    """Serve an evidence file to users who may see the object it belongs to; never inline HTML."""
    if not request.user.is_authenticated:
        raise Http404
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    model = attachment.content_type.model_class()
    if model is None or not hasattr(model, "access_policy"):
        raise Http404
    if not model._default_manager.restrict(request.user, VIEW).filter(pk=attachment.object_id).exists():
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # The type sent is the one the content proved at upload (mime_type), never guessed from the name.
    inline = attachment.mime_type.startswith("image/") or attachment.mime_type == "application/pdf"
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=attachment.download_name,
        content_type=attachment.mime_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


class NotificationListView(LoginRequiredMixin, ListView):
    template_name = "core/notifications.html"
    paginate_by = 30

    def get_queryset(self):
        return self.request.user.notifications.all()

    def post(self, request):
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        messages.success(request, _("Đã đánh dấu tất cả thông báo là đã đọc."))
        return HttpResponseRedirect(request.path)


class WardYearView(LoginRequiredMixin, TemplateView):
    """A page about one ward's year (a checklist, a schedule of required meetings): the ward (``?ward=``) and the
    year (``?year=``), the years and wards to choose among, today, and the title ``title_format`` with the year."""

    title_format = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = periods.today()
        year = query_year(self.request, default=now.year)
        user = self.request.user
        context.update(ward=ward_for_request(self.request), year=year, today=now,
                       years=range(now.year - 3, now.year + 2),
                       wards=visible_wards(user) if user.ward is None else [],
                       page_title=self.title_format % {"year": year})
        return context


class WardDefaultsView(LoginRequiredMixin, View):
    """POST: make a ward's default list (required meetings, required disclosures) for the bloc to edit afterwards,
    when the user may change it (``may_change(user, ward)``); ``make_defaults(ward)`` answers whether it made any.
    Back to ``page_name`` (a URL name) for that ward."""

    may_change = None
    make_defaults = None
    denied_message = ""
    done_message = ""
    page_name = ""

    def post(self, request):
        ward = ward_for_request(request)
        if not type(self).may_change(request.user, ward):
            messages.error(request, self.denied_message)
        elif type(self).make_defaults(ward):
            messages.success(request, self.done_message)
        return HttpResponseRedirect(f"{reverse(self.page_name)}?ward={ward.pk}")
