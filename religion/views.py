"""Pages of the religion area. Everybody who may not see the area gets 404 from every one of them; every
record shown (detail page or list row) is logged as read."""

from datetime import timedelta

from auditlog.context import set_actor
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_filters.views import FilterView

from core import periods
from core.access import may_create
from core.models import Attachment
from core.network import client_address
from core.sorting import by_choices, by_unit
from core.views import (
    ObjectActionView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    SortedFilterMixin,
)
from core.wards import ward_for_request

from . import permissions, services
from .filtersets import (
    AccessLogFilterSet,
    EstablishmentFilterSet,
    EventFilterSet,
    InvitationFilterSet,
    KeyPersonFilterSet,
    WatchReportFilterSet,
    WorkFilterSet,
)
from .forms import (
    CertificateStepForm,
    EstablishmentForm,
    EventForm,
    FollowUpForm,
    HeadChangeForm,
    InspectionForm,
    InvitationForm,
    InvitationTransitionForm,
    KeyPersonForm,
    ResolveFlagForm,
    RetentionSettingForm,
    WatchReportForm,
    WorkForm,
)
from .models import (
    PENDING_INVITATION,
    ActivityKind,
    CertificateStatus,
    ConstructionWork,
    Establishment,
    EstablishmentKind,
    EventRegistration,
    HeritageRank,
    InvitationStatus,
    KeyPerson,
    KeyPersonRole,
    MonkInvitationRequest,
    PermitState,
    Religion,
    ReligiousEvent,
    RetentionSetting,
    RiskLevel,
    SourceKind,
    WatchReport,
    WatchStatus,
    WorkStage,
    needs_invitation_approval,
)

# ---------------------------------------------------------------------------------------------- base classes


class AreaMixin:
    """Users who may not see the religion area get 404 from every page, whatever the method."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.may_see(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _remote_addr(request):
    return client_address(request) or None


class ReligionListView(AreaMixin, ObjectListView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        services.log_list_reads(self.request.user, context["object_list"], _remote_addr(self.request))
        return context


class ReligionDetailView(AreaMixin, ObjectDetailView):
    def render_to_response(self, context, **response_kwargs):
        services.log_read(self.request.user, self.object, _remote_addr(self.request))
        return super().render_to_response(context, **response_kwargs)


class ReligionCreateView(AreaMixin, ObjectCreateView):
    template_name = "religion/object_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_create(request.user, self.model):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ReligionEditView(AreaMixin, ObjectEditView):
    template_name = "religion/object_form.html"


class ReligionDeleteView(AreaMixin, ObjectDeleteView):
    pass


class ReligionActionView(AreaMixin, ObjectActionView):
    """A form posted from a religion record's page (a status change, a follow-up); errors show on that page."""


def _attach(obj, files, user, description=""):
    for uploaded in files:
        Attachment.attach(obj, uploaded, user=user, description=description)


# ---------------------------------------------------------------------------------------------- home, overview


def _groups_for(user):
    from organisations.models import Unit, UnitKind

    return Unit.objects.restrict(user).filter(kind=UnitKind.RESIDENTIAL_GROUP).select_related("ward").order_by(
        "ward__name", "order", "name"
    )


class HomeView(AreaMixin, LoginRequiredMixin, TemplateView):
    template_name = "religion/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        now = periods.today()
        establishments = Establishment.objects.restrict(user)
        works = ConstructionWork.objects.restrict(user)
        reports = WatchReport.objects.restrict(user)
        flagged = list(
            establishments.with_head_flag().filter(head_flag=True).select_related("residential_group")[:20]
        )
        without_permit = list(
            works.filter(services.WITHOUT_PERMIT_Q).exclude(services.stage_q(WorkStage.FINISHED))
            .select_related("establishment")[:20]
        )
        pending = list(
            MonkInvitationRequest.objects.restrict(user).filter(status__in=PENDING_INVITATION)
            .select_related("establishment")[:20]
        )
        upcoming = list(
            ReligiousEvent.objects.restrict(user).filter(ends_on__gte=now, starts_on__lte=now + timedelta(days=30))
            .order_by("starts_on")[:20]
        )
        overview = services.risk_overview(reports, _groups_for(user))
        context.update({
            "page_title": _("Công tác tôn giáo, tín ngưỡng"),
            "establishment_count": establishments.filter(is_active=True).count(),
            "uncertified_count": establishments.filter(is_active=True).exclude(
                certificate_status=CertificateStatus.ISSUED).count(),
            "flagged": flagged,
            "works_in_progress": works.filter(services.stage_q(WorkStage.IN_PROGRESS)).count(),
            "without_permit": without_permit,
            "pending_invitations": pending,
            "upcoming_events": upcoming,
            "overview": overview,
            "open_high": overview.totals.get(RiskLevel.HIGH, 0),
            "key_person_count": KeyPerson.objects.restrict(user).filter(is_active=True).count(),
        })
        services.log_list_reads(user, [*flagged, *without_permit, *pending, *upcoming], _remote_addr(self.request))
        return context


class RiskOverviewView(AreaMixin, LoginRequiredMixin, TemplateView):
    """Open watch reports by residential group × risk level: where a hot spot may be forming."""

    template_name = "religion/risk_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["page_title"] = _("Tổng hợp báo cáo đang theo dõi theo tổ dân phố và mức độ rủi ro")
        context["overview"] = services.risk_overview(WatchReport.objects.restrict(user), _groups_for(user))
        context["risk_levels"] = services.RISK_ORDER
        context["rule"] = {
            "high": services.HOT_SPOT_HIGH, "medium": services.HOT_SPOT_MEDIUM_OR_HIGH, "any": services.HOT_SPOT_ANY,
        }
        context["multi_ward"] = services.visible_ward_ids(user) is None or len(services.visible_ward_ids(user)) > 1
        return context


# The page of each audited model, for links in the access log (children link to nothing: one query less each).
LOG_DETAIL_URLS = {
    "establishment": "religion:establishment_detail",
    "constructionwork": "religion:work_detail",
    "monkinvitationrequest": "religion:invitation_detail",
    "religiousevent": "religion:event_detail",
    "watchreport": "religion:watch_detail",
    "keyperson": "religion:keyperson_detail",
}


class AccessLogView(AreaMixin, LoginRequiredMixin, SortedFilterMixin, FilterView):
    """Who read or changed which religion record, and when (the read log the committee checks)."""

    template_name = "religion/access_log.html"
    # The kind of record is named from its model (content type), not stored: unsorted.
    sort_fields = {"time": "timestamp", "actor": ("actor__last_name", "actor__first_name", "actor__username"),
                   "action": "action", "record": "object_repr", "ip": "remote_addr"}
    default_sort = "-time"
    filterset_class = AccessLogFilterSet
    paginate_by = 50

    def get_queryset(self):
        return services.access_log(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Nhật ký truy cập hồ sơ tôn giáo")
        for entry in context["object_list"]:
            url_name = LOG_DETAIL_URLS.get(entry.content_type.model)
            entry.link = reverse(url_name, args=[entry.object_id]) if url_name and entry.object_id else ""
            entry.via_list = (entry.additional_data or {}).get("via") == "list"
        return context


class RetentionSettingView(AreaMixin, LoginRequiredMixin, TemplateView):
    """How long closed watch reports keep their details; the committee sets it for its ward."""

    template_name = "religion/settings.html"

    def get_ward(self):
        from organisations.models import Unit

        ward_ids = services.visible_ward_ids(self.request.user)
        wards = Unit.objects.filter(kind="ward").order_by("name")
        if ward_ids is not None:
            wards = wards.filter(pk__in=ward_ids)
        if not wards.exists():
            return None, wards
        return ward_for_request(self.request, wards), wards

    def get_setting(self, ward):
        return RetentionSetting.objects.filter(ward=ward).first() or RetentionSetting(ward=ward)

    def may_change(self, ward):
        if ward is None or not may_create(self.request.user, RetentionSetting):
            return False
        ward_ids = services.visible_ward_ids(self.request.user)
        return ward_ids is None or ward.pk in ward_ids

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ward, wards = self.get_ward()
        setting = self.get_setting(ward) if ward else None
        reports = WatchReport.objects.restrict(self.request.user).filter(ward=ward)
        context.update({
            "page_title": _("Thời hạn lưu giữ báo cáo nắm tình hình"),
            "ward": ward,
            "wards": wards if wards.count() > 1 else [],
            "setting": setting,
            "may_change": self.may_change(ward),
            "form": kwargs.get("form") or RetentionSettingForm(instance=setting),
            "anonymised_count": reports.filter(anonymised_at__isnull=False).count(),
            "closed_count": reports.filter(status=WatchStatus.CLOSED, anonymised_at__isnull=True).count(),
        })
        return context

    def post(self, request):
        ward, _wards = self.get_ward()
        if not self.may_change(ward):
            raise Http404
        setting = self.get_setting(ward)
        form = RetentionSettingForm(request.POST, instance=setting)
        if not form.is_valid():
            messages.error(request, _("Chưa lưu được. Vui lòng sửa các lỗi bên dưới."))
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 400
            return response
        with transaction.atomic(), set_actor(request.user):
            setting = form.save(commit=False)
            setting.updated_by = request.user
            setting.save()
        messages.success(request, _("Đã lưu thời hạn lưu giữ."))
        return HttpResponseRedirect(f"{reverse('religion:settings')}?phuong={ward.pk}")


# ---------------------------------------------------------------------------------------------- establishments


class EstablishmentListView(ReligionListView):
    filterset_class = EstablishmentFilterSet
    template_name = "religion/establishment_list.html"
    sort_fields = {"name": "name", "kind": (by_choices("kind", EstablishmentKind), by_choices("religion", Religion)),
                   "group": by_unit("residential_group"), "head": "person_in_charge",
                   "certificate": by_choices("certificate_status", CertificateStatus),
                   "heritage": by_choices("heritage_rank", HeritageRank)}
    select_related = ("residential_group",)

    def get_queryset(self):
        return super().get_queryset().with_head_flag()


class EstablishmentDetailView(ReligionDetailView):
    model = Establishment
    select_related = ("residential_group", "ward")

    def get_queryset(self):
        return super().get_queryset().with_head_flag()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        may_change = context["may_change"]
        context.update({
            "flag": services.head_change_flag(obj),
            "needs_approval": needs_invitation_approval(obj),
            "unapproved_changes": list(services.unapproved_head_changes(obj)),
            "certificate_steps": obj.certificate_steps.select_related("recorded_by"),
            "head_changes": obj.head_changes.select_related("invitation", "recorded_by"),
            "invitations": obj.invitations.all(),
            "works": obj.works.all(),
            "events": obj.events.all()[:10],
            "key_persons": obj.key_persons.filter(is_active=True),
        })
        if may_change:
            initial_invitation = self.request.GET.get("invitation")
            context["certificate_form"] = kwargs.get("certificate_form") or CertificateStepForm(
                initial={"status": obj.certificate_status})
            context["head_form"] = kwargs.get("head_form") or HeadChangeForm(
                establishment=obj, initial={"invitation": initial_invitation, "head_title": obj.head_title})
            context["resolve_form"] = kwargs.get("resolve_form") or ResolveFlagForm()
        return context


class EstablishmentCreateView(ReligionCreateView):
    form_class = EstablishmentForm
    cancel_url = reverse_lazy("religion:establishment_list")

    def save_object(self, form):
        establishment = form.save()
        services.record_initial_certificate(establishment, self.request.user)
        return establishment


class EstablishmentEditView(ReligionEditView):
    form_class = EstablishmentForm


class CertificateStepView(ReligionActionView):
    model = Establishment
    form_class = CertificateStepForm
    form_name = "certificate_form"
    detail_view = EstablishmentDetailView
    anchor = "#giay-chung-nhan"
    success_message = gettext_lazy("Đã cập nhật tình trạng giấy chứng nhận.")

    def perform(self, obj, form):
        data = form.cleaned_data
        step = services.change_certificate_status(
            obj, status=data["status"], on=data["recorded_on"], note=data["note"],
            certificate_number=data["certificate_number"], user=self.request.user,
        )
        _attach(obj, data["evidence"], self.request.user, description=str(step))


class HeadChangeView(ReligionActionView):
    model = Establishment
    form_class = HeadChangeForm
    form_name = "head_form"
    detail_view = EstablishmentDetailView
    anchor = "#nguoi-dung-dau"
    success_message = gettext_lazy("Đã ghi nhận thay đổi người đứng đầu.")

    def get_form_kwargs(self, obj):
        return {"establishment": obj}

    def perform(self, obj, form):
        data = form.cleaned_data
        services.record_head_change(
            obj, new_head=data["new_head"], head_title=data["head_title"], changed_on=data["changed_on"],
            invitation=data["invitation"], note=data["note"], user=self.request.user,
        )


class ResolveFlagView(ReligionActionView):
    model = Establishment
    form_class = ResolveFlagForm
    form_name = "resolve_form"
    detail_view = EstablishmentDetailView
    anchor = "#nguoi-dung-dau"
    success_message = gettext_lazy("Đã ghi nhận việc xử lý cảnh báo.")

    def perform(self, obj, form):
        services.resolve_head_flag(obj, note=form.cleaned_data["note"], user=self.request.user)


# ---------------------------------------------------------------------------------------------- works


class WorkListView(ReligionListView):
    filterset_class = WorkFilterSet
    template_name = "religion/work_list.html"
    # The stage is worked out from the dates and the permit (services.work_stage): unsorted.
    sort_fields = {"title": "title", "place": ("establishment__name", "location"),
                   "permit": by_choices("permit_state", PermitState),
                   "time": Coalesce("started_on", "planned_start")}
    select_related = ("establishment", "residential_group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for work in context["object_list"]:
            work.stage = services.work_stage(work)
            work.warning = services.permit_warning(work)
        return context


class WorkDetailView(ReligionDetailView):
    model = ConstructionWork
    template_name = "religion/work_detail.html"
    select_related = ("establishment", "residential_group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        work = self.object
        context["stage"] = services.work_stage(work)
        context["warning"] = services.permit_warning(work)
        context["inspections"] = work.inspections.select_related("recorded_by")
        if context["may_change"]:
            context["inspection_form"] = kwargs.get("inspection_form") or InspectionForm(
                initial={"inspected_on": periods.today()})
        return context


class WorkCreateView(ReligionCreateView):
    form_class = WorkForm
    cancel_url = reverse_lazy("religion:work_list")
    query_initial = {"co_so": "establishment"}


class WorkEditView(ReligionEditView):
    form_class = WorkForm


class InspectionCreateView(ReligionActionView):
    model = ConstructionWork
    form_class = InspectionForm
    form_name = "inspection_form"
    detail_view = WorkDetailView
    anchor = "#kiem-tra"
    success_message = gettext_lazy("Đã ghi kết quả kiểm tra.")

    def perform(self, obj, form):
        inspection = form.save(commit=False)
        inspection.work = obj
        inspection.recorded_by = self.request.user
        inspection.save()
        _attach(obj, form.cleaned_data["evidence"], self.request.user, description=str(inspection))


# ---------------------------------------------------------------------------------------------- thỉnh sư


class InvitationListView(ReligionListView):
    filterset_class = InvitationFilterSet
    template_name = "religion/invitation_list.html"
    sort_fields = {"monk": "monk_name", "establishment": "establishment__name", "requested_by": "requested_by",
                   "submitted": "submitted_on", "status": by_choices("status", InvitationStatus)}
    select_related = ("establishment",)


class InvitationDetailView(ReligionDetailView):
    model = MonkInvitationRequest
    template_name = "religion/invitation_detail.html"
    select_related = ("establishment", "decided_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invitation = self.object
        context["transitions"] = services.allowed_transitions(invitation)
        if context["may_change"] and context["transitions"]:
            context["transition_form"] = kwargs.get("transition_form") or InvitationTransitionForm(
                invitation=invitation, initial={"to": context["transitions"][0].value})
        context["head_change"] = getattr(invitation, "head_change", None) if invitation.pk else None
        context["may_record_head"] = (
            context["may_change"] and invitation.status == InvitationStatus.APPROVED and context["head_change"] is None
        )
        return context


class InvitationCreateView(ReligionCreateView):
    form_class = InvitationForm
    cancel_url = reverse_lazy("religion:invitation_list")
    today_field = "submitted_on"
    query_initial = {"co_so": "establishment"}

    def save_object(self, form):
        invitation = super().save_object(form)
        services.announce_invitation(invitation, self.request.user)
        return invitation


class InvitationEditView(ReligionEditView):
    form_class = InvitationForm

    def get_queryset(self):
        # A decided request is a record: only pending ones are corrected.
        return super().get_queryset().filter(status__in=PENDING_INVITATION)


class InvitationTransitionView(ReligionActionView):
    model = MonkInvitationRequest
    form_class = InvitationTransitionForm
    form_name = "transition_form"
    detail_view = InvitationDetailView
    success_message = gettext_lazy("Đã cập nhật đề nghị thỉnh sư.")

    def get_form_kwargs(self, obj):
        return {"invitation": obj}

    def perform(self, obj, form):
        data = form.cleaned_data
        services.transition_invitation(
            obj, data["to"], on=data["on"], note=data["note"], decision_number=data["decision_number"],
            user=self.request.user,
        )


# ---------------------------------------------------------------------------------------------- events


class EventListView(ReligionListView):
    filterset_class = EventFilterSet
    template_name = "religion/event_list.html"
    sort_fields = {"name": "name", "time": "starts_on", "place": ("establishment__name", "location"),
                   "attendance": "expected_attendance", "registration": by_choices("registration", EventRegistration)}
    select_related = ("establishment", "residential_group")


class EventDetailView(ReligionDetailView):
    model = ReligiousEvent
    template_name = "religion/event_detail.html"
    select_related = ("establishment", "residential_group")


class EventCreateView(ReligionCreateView):
    form_class = EventForm
    cancel_url = reverse_lazy("religion:event_list")
    today_field = "registered_on"
    query_initial = {"co_so": "establishment"}


class EventEditView(ReligionEditView):
    form_class = EventForm


class EventDeleteView(ReligionDeleteView):
    model = ReligiousEvent
    success_url = reverse_lazy("religion:event_list")


# ---------------------------------------------------------------------------------------------- watch reports


class WatchListView(ReligionListView):
    filterset_class = WatchReportFilterSet
    template_name = "religion/watch_list.html"
    sort_fields = {"activity": by_choices("activity_kind", ActivityKind), "group": by_unit("residential_group"),
                   "observed": "observed_on", "source": by_choices("source_kind", SourceKind),
                   "risk": by_choices("risk_level", RiskLevel), "status": by_choices("status", WatchStatus)}
    select_related = ("residential_group",)


class WatchDetailView(ReligionDetailView):
    model = WatchReport
    template_name = "religion/watch_detail.html"
    select_related = ("residential_group", "reported_by", "source_content_type")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context["follow_ups"] = report.follow_ups.select_related("recorded_by")
        context["retention_days"] = services.retention_days(report.ward_id)
        context["anonymise_on"] = services.anonymisation_date(report, context["retention_days"])
        context["source_record"] = services.visible_source(report, self.request.user)
        if context["may_change"] and report.is_open:
            context["follow_up_form"] = kwargs.get("follow_up_form") or FollowUpForm()
        return context


def _with_minimisation_notice(view, context):
    """The watch-report forms say what is never recorded and when the details are erased."""
    obj = getattr(view, "object", None)
    ward = obj.ward if obj is not None and obj.pk else view.request.user.ward
    context["minimisation_notice"] = True
    context["retention_days"] = services.retention_days(ward.pk if ward else None)
    return context


class WatchCreateView(ReligionCreateView):
    form_class = WatchReportForm
    cancel_url = reverse_lazy("religion:watch_list")
    today_field = "observed_on"

    def save_object(self, form):
        report = form.save(commit=False)
        report.reported_by = self.request.user
        report.save()
        return report

    def get_context_data(self, **kwargs):
        return _with_minimisation_notice(self, super().get_context_data(**kwargs))


class WatchEditView(ReligionEditView):
    form_class = WatchReportForm

    def get_queryset(self):
        return super().get_queryset().filter(anonymised_at__isnull=True)

    def get_context_data(self, **kwargs):
        return _with_minimisation_notice(self, super().get_context_data(**kwargs))


class FollowUpCreateView(ReligionActionView):
    model = WatchReport
    form_class = FollowUpForm
    form_name = "follow_up_form"
    detail_view = WatchDetailView
    anchor = "#theo-doi"
    success_message = gettext_lazy("Đã ghi nội dung theo dõi.")

    def perform(self, obj, form):
        data = form.cleaned_data
        services.add_follow_up(
            obj, followed_on=data["followed_on"], action_taken=data["action_taken"], risk_level=data["risk_level"],
            close=data["close"], outcome=data["outcome"], user=self.request.user,
        )


# ---------------------------------------------------------------------------------------------- key persons


class KeyPersonListView(ReligionListView):
    filterset_class = KeyPersonFilterSet
    template_name = "religion/keyperson_list.html"
    sort_fields = {"name": "full_name", "religion": (by_choices("religion", Religion),
                                                     by_choices("religious_role", KeyPersonRole)),
                   "place": "establishment__name", "liaison": "liaison_officer"}
    select_related = ("establishment", "residential_group")


class KeyPersonDetailView(ReligionDetailView):
    model = KeyPerson
    select_related = ("establishment", "residential_group", "liaison_unit")


class KeyPersonCreateView(ReligionCreateView):
    form_class = KeyPersonForm
    cancel_url = reverse_lazy("religion:keyperson_list")


class KeyPersonEditView(ReligionEditView):
    form_class = KeyPersonForm


class KeyPersonDeleteView(ReligionDeleteView):
    model = KeyPerson
    success_url = reverse_lazy("religion:keyperson_list")

