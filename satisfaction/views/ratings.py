"""Officials' pages of the ratings: results, desks and their tablets, settings, corrective actions."""

from auditlog.context import set_actor
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core import periods
from core.access import CHANGE, may_create, user_may
from core.pagecache import KeptPageMixin
from core.qr import qr_svg
from core.sorting import by_choices, by_unit
from core.views import ObjectCreateView, ObjectDetailView, ObjectEditView, ObjectListView
from core.wards import has_own_ward, own_ward_or_404
from organisations.models import Person

from .. import services
from ..filtersets import CorrectiveActionFilterSet, ServiceDeskFilterSet
from ..forms import ActionForm, DeskForm, DeviceForm, OnDutyForm, ReasonForm, ResultsForm, ServiceForm, SettingsForm
from ..models import (
    ActionStatus,
    CorrectiveAction,
    KioskDevice,
    Rating,
    RatingReason,
    SatisfactionSettings,
    Service,
    ServiceDesk,
)
from ..services import Period


def stacked_segments(shares, width=600):
    """Geometry of a horizontal stacked bar of level shares (drawn as SVG: no style attributes under the CSP)."""
    segments, x = [], 0.0
    for share in shares:
        if not share.count or share.share is None:
            continue
        w = float(share.share) * width / 100
        segments.append({"level": share.level, "label": share.label, "share": share.share, "x": round(x, 1),
                         "width": round(w, 1), "text_x": round(x + w / 2, 1)})
        x += w
    return segments


class ResultsView(LoginRequiredMixin, KeptPageMixin, TemplateView):
    template_name = "satisfaction/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = ResultsForm(self.request.GET or None, user=user)
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        kind = data.get("period") or Period.MONTH
        on = data.get("on") or periods.today()
        start, end = services.period_bounds(kind, on)
        previous_start, previous_end = services.previous_period(kind, start)
        ratings = Rating.objects.restrict(user)
        for name in ("desk", "officer", "service"):
            if data.get(name):
                ratings = ratings.filter(**{name: data[name]})
        if data.get("reason"):
            ratings = ratings.filter(reasons=data["reason"])
        current = ratings.filter(rated_on__gte=start, rated_on__lte=end)
        summary = services.summarise(current)
        previous = services.summarise(ratings.filter(rated_on__gte=previous_start, rated_on__lte=previous_end))
        ward = user.ward
        scale = services.settings_for(ward).scale if ward else 3
        shares = services.shown_shares(summary, scale)
        desks = dict(ServiceDesk.objects.restrict(user).values_list("pk", "name"))
        people = dict(Person.objects.filter(pk__in=current.values("officer")).values_list("pk", "full_name"))
        service_names = dict(Service.objects.restrict(user).values_list("pk", "name"))
        reasons = dict(RatingReason.objects.restrict(user).values_list("pk", "label"))
        context.update({
            "form": form,
            "period_kind": kind,
            "start": start,
            "end": end,
            "period_label": services.period_label(kind, start),
            "previous_label": services.period_label(kind, previous_start),
            "summary": summary,
            "previous": previous,
            "trend": services.trend(summary, previous),
            "shares": shares,
            "segments": stacked_segments(shares),
            "by_desk": services.breakdown(current, "desk", desks),
            "by_officer": [row for row in services.breakdown(current, "officer", people) if row.key is not None],
            "by_service": services.breakdown(current, "service", service_names),
            "by_reason": [row for row in services.breakdown(current.filter(reasons__isnull=False), "reasons", reasons)],
            "comments": list(current.exclude(comment="").select_related("desk")[:20]),
            "threshold": services.settings_for(ward).threshold if ward else None,
            "open_actions": CorrectiveAction.objects.restrict(user).exclude(status="closed").count(),
            "page_title": _("Kết quả đánh giá sự hài lòng"),
        })
        return context


# --- Desks ----------------------------------------------------------------------------------------

class DeskListView(ObjectListView):
    filterset_class = ServiceDeskFilterSet
    template_name = "satisfaction/desk_list.html"
    sort_fields = {"name": "name", "unit": by_unit("unit"), "on_duty": "on_duty__full_name", "active": "-is_active"}
    select_related = ("unit", "on_duty")


class DeskDetailView(ObjectDetailView):
    model = ServiceDesk
    template_name = "satisfaction/desk_detail.html"
    select_related = ("unit", "ward", "on_duty")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        desk = self.object
        request = self.request
        context["devices"] = KioskDevice.objects.filter(desk=desk)
        context["qr_url"] = request.build_absolute_uri(reverse("satisfaction:qr_page", args=[desk.public_code]))
        context["qr_svg"] = qr_svg(context["qr_url"], title=_("Mã QR đánh giá sự hài lòng – %(desk)s") % {
            "desk": desk.name})
        context["kiosk_url"] = request.build_absolute_uri(reverse("satisfaction:kiosk_page", args=[desk.public_code]))
        context["device_form"] = DeviceForm()
        context["duty_form"] = OnDutyForm(instance=desk)
        context["new_token_url"] = request.session.pop(f"kiosk-link-{desk.pk}", None)
        today = periods.today()
        start, end = services.period_bounds(Period.MONTH, today)
        context["month_summary"] = services.summarise(desk.ratings.filter(rated_on__gte=start, rated_on__lte=end))
        return context


class DeskQrPosterView(ObjectDetailView):
    """The QR code of a desk's rating page on a sheet of its own, laid out to be printed and taped to the desk."""

    model = ServiceDesk
    template_name = "satisfaction/desk_qr_poster.html"
    select_related = ("ward",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        desk = self.object
        url = self.request.build_absolute_uri(reverse("satisfaction:qr_page", args=[desk.public_code]))
        context["qr_url"] = url
        context["qr_svg"] = qr_svg(url, title=_("Mã QR đánh giá sự hài lòng – %(desk)s") % {"desk": desk.name})
        context["place"] = desk.ward.name.removeprefix("Đảng ủy ").strip()
        context["page_title"] = _("In mã QR – %(desk)s") % {"desk": desk.name}
        return context


class DeskCreateView(ObjectCreateView):
    form_class = DeskForm


class DeskEditView(ObjectEditView):
    form_class = DeskForm

    def save_object(self, form):
        desk = form.save()
        services.forget_desk(desk)
        return desk


def _changeable_desk(request, pk):
    return get_object_or_404(ServiceDesk.objects.restrict(request.user, CHANGE).select_related("unit"), pk=pk)


class DeskOnDutyView(LoginRequiredMixin, View):
    def post(self, request, pk):
        desk = _changeable_desk(request, pk)
        form = OnDutyForm(request.POST, instance=desk)
        if form.is_valid():
            with transaction.atomic(), set_actor(request.user):
                form.save()
            services.forget_desk(desk)
            messages.success(request, _("Đã cập nhật cán bộ trực quầy."))
        else:
            messages.error(request, _("Cán bộ được chọn không thuộc đơn vị quản lý quầy."))
        return HttpResponseRedirect(desk.get_absolute_url())


class DeviceIssueView(LoginRequiredMixin, View):
    def post(self, request, pk):
        desk = _changeable_desk(request, pk)
        form = DeviceForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nhập tên thiết bị."))
            return HttpResponseRedirect(desk.get_absolute_url())
        with transaction.atomic(), set_actor(request.user):
            _device, token = KioskDevice.issue(desk, form.cleaned_data["name"], request.user)
        url = request.build_absolute_uri(reverse("satisfaction:kiosk_page", args=[desk.public_code]))
        # Shown once on the next page (the link carries the token); only its hash is stored.
        request.session[f"kiosk-link-{desk.pk}"] = f"{url}#kiosk={token}"
        messages.success(request, _("Đã cấp thiết bị. Mở đường dẫn bên dưới trên máy tính bảng của quầy."))
        return HttpResponseRedirect(desk.get_absolute_url())


class DeviceRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk, device_pk):
        desk = _changeable_desk(request, pk)
        device = get_object_or_404(KioskDevice, desk=desk, pk=device_pk)
        with transaction.atomic(), set_actor(request.user):
            device.is_active = False
            device.save(update_fields=["is_active"])
        services.forget_device(device)
        messages.success(request, _("Đã thu hồi quyền gửi đánh giá của “%(name)s”.") % {"name": device.name})
        return HttpResponseRedirect(desk.get_absolute_url())


# --- Ward settings, reasons and services -----------------------------------------------------------

class SettingsView(LoginRequiredMixin, View):
    template_name = "satisfaction/settings.html"
    may_open = staticmethod(has_own_ward)

    def _context(self, request, form=None, reason_form=None, service_form=None):
        ward = own_ward_or_404(request.user)
        settings_obj = services.settings_for(ward)
        services.ensure_default_reasons(ward)
        may_change = user_may(request.user, settings_obj, CHANGE)
        return settings_obj, {
            "object": settings_obj,
            "may_change": may_change,
            "form": form or SettingsForm(instance=settings_obj),
            "reason_form": reason_form or ReasonForm(),
            "service_form": service_form or ServiceForm(),
            "reasons": RatingReason.objects.filter(ward=ward),
            "services": Service.objects.filter(ward=ward),
            "page_title": _("Thiết lập đánh giá sự hài lòng"),
        }

    def get(self, request):
        _settings, context = self._context(request)
        return render(request, self.template_name, context)

    def post(self, request):
        settings_obj, context = self._context(request)
        if not context["may_change"]:
            raise Http404
        with transaction.atomic(), set_actor(request.user):
            return self.save(request, settings_obj)

    def save(self, request, settings_obj):
        form = SettingsForm(request.POST, instance=settings_obj)
        if not form.is_valid():
            return render(request, self.template_name, self._context(request, form=form)[1], status=400)
        form.save()
        self.saved(request, settings_obj.ward, _("Đã lưu thiết lập."))
        return HttpResponseRedirect(reverse("satisfaction:settings"))

    def saved(self, request, ward, message):
        for desk in ServiceDesk.objects.filter(ward=ward):
            services.forget_desk(desk)
        messages.success(request, message)


class CatalogueEntryView(SettingsView):
    """Adds or changes one entry of a catalogue on the settings page (a reason for a rating, a service)."""

    http_method_names = ["post"]
    model = None
    form_class = None
    form_name = ""

    def save(self, request, settings_obj):
        ward = settings_obj.ward
        instance = None
        if request.POST.get("pk"):
            instance = get_object_or_404(self.model, ward=ward, pk=request.POST["pk"])
        form = self.form_class(request.POST, instance=instance or self.model(ward=ward))
        if not form.is_valid():
            context = self._context(request, **{self.form_name: form})[1]
            return render(request, self.template_name, context, status=400)
        form.save()
        self.saved(request, ward, _("Đã lưu danh mục."))
        return HttpResponseRedirect(reverse("satisfaction:settings"))


class ReasonSaveView(CatalogueEntryView):
    model = RatingReason
    form_class = ReasonForm
    form_name = "reason_form"


class ServiceSaveView(CatalogueEntryView):
    model = Service
    form_class = ServiceForm
    form_name = "service_form"


# --- Corrective actions ---------------------------------------------------------------------------

class ActionListView(ObjectListView):
    filterset_class = CorrectiveActionFilterSet
    template_name = "satisfaction/action_list.html"
    sort_fields = {"title": "title", "unit": by_unit("unit"), "head": "head__full_name", "due": "due_date",
                   "status": by_choices("status", ActionStatus)}
    select_related = ("unit", "head", "desk", "officer")

    def may_add(self):
        return False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ward = self.request.user.ward
        context["may_check"] = ward is not None and may_create(self.request.user, SatisfactionSettings) and \
            self.request.user.role in ("bloc", "admin")
        return context


class ActionDetailView(ObjectDetailView):
    model = CorrectiveAction
    template_name = "satisfaction/action_detail.html"
    select_related = ("unit", "head", "desk", "officer")


class ActionEditView(ObjectEditView):
    form_class = ActionForm


class ThresholdCheckView(LoginRequiredMixin, View):
    """Run the threshold check of last month and of the current month so far, at the bloc's request."""

    def post(self, request):
        ward = own_ward_or_404(request.user)
        if not user_may(request.user, services.settings_for(ward), CHANGE):
            raise Http404
        today = periods.today()
        opened = []
        with set_actor(request.user):
            for start, end in (services.last_month_bounds(today), services.period_bounds(Period.MONTH, today)):
                opened += services.check_thresholds(ward, start, end)
        messages.success(request, _("Đã kiểm tra ngưỡng: mở %(n)s hành động khắc phục mới.") % {"n": len(opened)})
        return HttpResponseRedirect(reverse("satisfaction:action_list"))
