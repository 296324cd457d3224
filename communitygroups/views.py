"""Pages of the community groups. Every query goes through ``restrict``: a group leader sees their group only."""

from datetime import date, timedelta

from auditlog.context import set_actor
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core import periods
from core.access import CHANGE, may_create, scope_prefix, user_may
from core.models import Attachment
from core.pagecache import KeptPageMixin
from core.pagination import paginate
from core.params import whole_number
from core.sorting import Sorting, by_choices, by_unit
from core.spreadsheets import keep_preview, xlsx_response
from core.views import (
    ImportApplyMixin,
    MayOpenMixin,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

from . import permissions, services
from .excel import ImportPreview, apply_import, export_households, parse_households
from .filtersets import ActivityFilterSet, CommunityGroupFilterSet, HouseholdFilterSet, SituationReportFilterSet
from .forms import (
    ActivityForm,
    AnswerForm,
    ClassificationCriteriaForm,
    CommunityGroupForm,
    GroupMemberForm,
    HouseholdForm,
    HouseholdImportForm,
    InterFamilyGroupForm,
    OverrideForm,
    SituationReportForm,
    ZaloGroupForm,
    writable_groups,
)
from .models import (
    Activity,
    ActivityKind,
    ClassificationCriteria,
    CommunityGroup,
    GroupClassification,
    GroupMember,
    Household,
    InterFamilyGroup,
    Level,
    ReportStatus,
    ReportTopic,
    SituationReport,
    Urgency,
    ZaloGroup,
)
from .wardunits import ward_steering_committee

IMPORT_SESSION_KEY = "communitygroups.household_import"


def _attachments_by_object(model, objects):
    """{object id: [Attachment]} for many objects of one model in one query."""
    ids = [obj.pk for obj in objects]
    result = {}
    if not ids:
        return result
    files = Attachment.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    for attachment in files.order_by("uploaded_at"):
        result.setdefault(attachment.object_id, []).append(attachment)
    return result


def _month_param(value, default):
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return default


def _year_param(value, default):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


# --- Groups -------------------------------------------------------------------------------------------

class GroupListView(ObjectListView):
    filterset_class = CommunityGroupFilterSet
    template_name = "communitygroups/group_list.html"
    select_related = ("residential_group", "steering_committee")
    page_title = gettext_lazy("Tổ dân vận cộng đồng")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = list(context["object_list"])
        coverage = services.coverage_by_group(groups)
        ifg_counts = dict(InterFamilyGroup.objects.filter(group__in=groups).values("group_id")
                          .annotate(n=Count("pk")).order_by().values_list("group_id", "n"))
        member_counts = dict(GroupMember.objects.filter(group__in=groups, is_active=True).values("group_id")
                             .annotate(n=Count("pk")).order_by().values_list("group_id", "n"))
        for group in groups:
            group.coverage = coverage[group.pk]
            group.ifg_count = ifg_counts.get(group.pk, 0)
            group.member_count = member_counts.get(group.pk, 0)
        context["groups"] = groups
        user = self.request.user
        committee = ward_steering_committee(user.ward) if user.ward else None
        if committee is not None:
            from organisations.models import Person

            context["committee"] = committee
            context["committee_people"] = list(Person.objects.restrict(user).filter(unit=committee, is_active=True))
        context["may_add"] = may_create(user, CommunityGroup) and user.role != "group_leader"
        return context


def _green_sunday_cells(group, on):
    sundays, rows = services.regularity_grid([group], on.year, on.month, on=on)
    return sundays, rows[0] if rows else None


class GroupDetailView(ObjectDetailView):
    model = CommunityGroup
    template_name = "communitygroups/group_detail.html"
    select_related = ("residential_group", "steering_committee")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.object
        user = self.request.user
        now = periods.today()
        households = Household.objects.restrict(user).filter(group=group)
        context["coverage"] = services.coverage_of(households)
        context["zalo"] = services.zalo_reach_of(households.filter(inter_family_group__isnull=False))
        context["gaps"] = list(services.coverage_gaps(households)[:10])
        interfamily = list(InterFamilyGroup.objects.restrict(user).filter(group=group).select_related("zalo_group"))
        reach = services.zalo_reach_by_interfamily(interfamily)
        for ifg in interfamily:
            ifg.reach = reach[ifg.pk]
        context["interfamily_groups"] = interfamily
        context["members"] = list(GroupMember.objects.restrict(user).filter(group=group))
        context["activities"] = list(Activity.objects.restrict(user).filter(group=group)[:8])
        context["reports"] = list(SituationReport.objects.restrict(user).filter(group=group)[:8])
        context["sundays"], context["regularity"] = _green_sunday_cells(group, now)
        context["classification"] = (GroupClassification.objects.restrict(user)
                                     .filter(group=group).order_by("-year").first())
        context["month"] = now
        return context


class GroupCreateView(ObjectCreateView):
    form_class = CommunityGroupForm
    cancel_url = reverse_lazy("communitygroups:group_list")


class GroupEditView(ObjectEditView):
    form_class = CommunityGroupForm


class GroupChildMixin:
    """Pages that add a row to a group the user may change (the group comes from the URL)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.group = get_object_or_404(writable_groups(request.user), pk=kwargs["group_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["group"] = self.group
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.group.get_absolute_url()
        context["page_title"] = f"{context['page_title']} – {self.group}"
        return context


class GroupRecordEditMixin:
    """The edit page of a row that belongs to a group (a member, a household, an activity, a report): its form is
    bound to the row's group, as the page that added it was bound to the group in the URL (GroupChildMixin)."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["group"] = self.object.group
        return kwargs


class MemberCreateView(GroupChildMixin, ObjectCreateView):
    form_class = GroupMemberForm
    success_message = gettext_lazy("Đã thêm thành viên.")

    def get_success_url(self):
        return self.group.get_absolute_url()


class MemberEditView(GroupRecordEditMixin, ObjectEditView):
    form_class = GroupMemberForm
    select_related = ("group",)


class MemberDeleteView(ObjectDeleteView):
    model = GroupMember

    def get_success_url(self):
        return self.object.group.get_absolute_url()


# --- Inter-family groups, Zalo ------------------------------------------------------------------------

class InterFamilyCreateView(GroupChildMixin, ObjectCreateView):
    form_class = InterFamilyGroupForm


class InterFamilyEditView(GroupRecordEditMixin, ObjectEditView):
    form_class = InterFamilyGroupForm
    select_related = ("group",)


def _paginate(view, context, queryset, name):
    """Page ``queryset`` into ``context[name]`` the way list views do (the portal's pagination include)."""
    paged = paginate(view.request, queryset, view.paginate_by)
    context.update(paged, **{name: paged["page_obj"].object_list})
    return context


class InterFamilyDetailView(ObjectDetailView):
    model = InterFamilyGroup
    template_name = "communitygroups/interfamily_detail.html"
    select_related = ("group__residential_group",)
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ifg = self.object
        households = Household.objects.restrict(self.request.user).filter(inter_family_group=ifg)
        _paginate(self, context, households.order_by("address", "pk"), "households")
        context["reach"] = services.zalo_reach_of(households)
        context["zalo_group"] = ZaloGroup.objects.filter(inter_family_group=ifg).first()
        return context


class ZaloEditView(LoginRequiredMixin, View):
    """Create or edit the Zalo group of an inter-family group."""

    template_name = "core/object_form.html"

    def setup_objects(self, request, pk):
        self.ifg = get_object_or_404(InterFamilyGroup.objects.restrict(request.user, CHANGE)
                                     .select_related("group"), pk=pk)
        self.zalo = ZaloGroup.objects.filter(inter_family_group=self.ifg).first() or ZaloGroup(
            inter_family_group=self.ifg, name=_("Zalo %(name)s – %(unit)s") % {
                "name": self.ifg.name, "unit": self.ifg.group.residential_group.short_name or self.ifg.group})

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "page_title": _("Nhóm Zalo của %(name)s") % {"name": self.ifg},
            "cancel_url": self.ifg.get_absolute_url()}, status=status)

    def get(self, request, pk):
        self.setup_objects(request, pk)
        return self.render_form(ZaloGroupForm(instance=self.zalo))

    def post(self, request, pk):
        self.setup_objects(request, pk)
        form = ZaloGroupForm(request.POST, instance=self.zalo)
        if not form.is_valid():
            return self.render_form(form, status=400)
        with transaction.atomic(), set_actor(request.user):
            form.save()
        messages.success(request, _("Đã lưu nhóm Zalo."))
        return HttpResponseRedirect(self.ifg.get_absolute_url())


# --- Households, coverage, Excel ----------------------------------------------------------------------

def household_queryset(user):
    return Household.objects.restrict(user).select_related("group__residential_group", "inter_family_group")


class HouseholdListView(KeptPageMixin, ObjectListView):
    filterset_class = HouseholdFilterSet
    template_name = "communitygroups/household_list.html"
    sort_fields = {"address": "address", "head": "head_name", "members": "members_count",
                   "ifg": "inter_family_group__name", "zalo": "-zalo_joined",
                   "group": by_unit("group__residential_group")}
    page_title = gettext_lazy("Hộ gia đình")
    paginate_by = 50

    def get_queryset(self):
        return household_queryset(self.request.user).order_by("group_id", "address", "pk")


class HouseholdDetailView(ObjectDetailView):
    model = Household
    select_related = ("group__residential_group", "inter_family_group")


class HouseholdCreateView(ObjectCreateView):
    form_class = HouseholdForm
    success_message = gettext_lazy("Đã thêm hộ gia đình.")
    query_initial = {"to": "group"}
    cancel_url = reverse_lazy("communitygroups:household_list")


class HouseholdEditView(GroupRecordEditMixin, ObjectEditView):
    form_class = HouseholdForm
    select_related = ("group",)


class HouseholdDeleteView(ObjectDeleteView):
    model = Household

    def get_success_url(self):
        return reverse("communitygroups:household_list")


class CoverageView(LoginRequiredMixin, TemplateView):
    """Households in an inter-family group per group (target 100%) and the gaps, by address."""

    template_name = "communitygroups/coverage.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        groups = list(CommunityGroup.objects.restrict(user).select_related("residential_group"))
        coverage = services.coverage_by_group(groups)
        for group in groups:
            group.coverage = coverage[group.pk]
        context["groups"] = groups
        context["total"] = sum((g.coverage for g in groups), services.Coverage())
        selected = self.request.GET.get("to")
        gaps = services.coverage_gaps(household_queryset(user))
        if selected:
            # One group's gaps: a group outside the user's scope is not found, like its own page.
            selected = whole_number(selected)
            if selected not in {g.pk for g in groups}:
                raise Http404
            gaps = gaps.filter(group_id=selected)
            context["selected"] = selected
        # The gaps are households: they sort like the household list (the groups above are figures, unsorted).
        sorting = Sorting.from_request(self.request, {key: HouseholdListView.sort_fields[key]
                                                      for key in ("address", "head", "members", "group")})
        _paginate(self, context, sorting.apply(gaps), "gaps")
        context.update(page_title=_("Phủ kín hộ gia đình trong tổ liên gia"), target=services.TARGET_COVERAGE,
                       sorting=sorting)
        return context


class HouseholdExportView(HouseholdListView):
    """The household list as the user filtered and sorted it, as an .xlsx file."""

    def get(self, request, *args, **kwargs):
        content = export_households(self.filtered_queryset())
        return xlsx_response(content, f"ho-gia-dinh-{periods.today():%Y%m%d}.xlsx")


class HouseholdImportView(MayOpenMixin, View):
    """Upload a household list, see every row and every error, then confirm: all rows or none."""

    template_name = "communitygroups/household_import.html"
    denied_message = gettext_lazy("Tài khoản của bạn không được cập nhật danh sách hộ.")

    @classmethod
    def may_open(cls, user):
        return writable_groups(user).exists()


    def render_page(self, form, status=200, **context):
        context.update(form=form, page_title=_("Nhập danh sách hộ từ Excel"))
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        initial = {"group": request.GET.get("to")} if request.GET.get("to") else {}
        return self.render_page(HouseholdImportForm(user=request.user, initial=initial))

    def post(self, request):
        form = HouseholdImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_page(form, status=400)
        group = form.cleaned_data["group"]
        preview = parse_households(form.cleaned_data["file"], group)
        token = None
        if preview.has_errors:
            request.session.pop(IMPORT_SESSION_KEY, None)
            status = 400
        else:
            token = keep_preview(request, IMPORT_SESSION_KEY, preview)
            status = 200
        return self.render_page(HouseholdImportForm(user=request.user, initial={"group": group.pk}), status=status,
                                preview=preview, token=token, group=group)


class HouseholdImportApplyView(ImportApplyMixin, HouseholdImportView):
    """The confirmation of a previewed household list: writes all its rows or none."""

    session_key = IMPORT_SESSION_KEY
    preview_class = ImportPreview
    upload_url = reverse_lazy("communitygroups:household_import")

    def blank_form(self):
        return HouseholdImportForm(user=self.request.user)

    def apply(self, preview):
        created, updated = apply_import(preview, self.request.user)
        message = _("Đã ghi danh sách hộ: %(created)s hộ mới, %(updated)s hộ cập nhật.") % {
            "created": created, "updated": updated}
        return message, reverse("communitygroups:group_detail", args=[preview.group_id])


# --- Activities ---------------------------------------------------------------------------------------

class ActivityListView(ObjectListView):
    filterset_class = ActivityFilterSet
    template_name = "communitygroups/activity_list.html"
    # The last column counts people for propaganda and households for the rest: unsorted.
    sort_fields = {"date": "held_on", "kind": by_choices("kind", ActivityKind), "title": ("title", "place"),
                   "group": by_unit("group__residential_group"), "participants": "participants"}
    select_related = ("group__residential_group",)
    page_title = gettext_lazy("Hoạt động của Tổ dân vận")


class ActivityDetailView(ObjectDetailView):
    model = Activity
    select_related = ("group__residential_group", "author")


class ActivityFormMixin:
    def get_kind(self):
        return self.object.kind if getattr(self, "object", None) else self.kind

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["kind"] = self.get_kind()
        return kwargs

    def save_object(self, form):
        activity = form.save(commit=False)
        if not activity.pk:
            activity.author = self.request.user
        with set_actor(self.request.user):
            activity.save()
            for uploaded in form.cleaned_data.get("photos") or []:
                Attachment.attach(activity, uploaded, self.request.user)
        return activity

    def get_success_url(self):
        return self.object.get_absolute_url()


class ActivityCreateView(ActivityFormMixin, ObjectCreateView):
    form_class = ActivityForm
    cancel_url = reverse_lazy("communitygroups:activity_list")

    def dispatch(self, request, *args, **kwargs):
        kind = request.GET.get("loai") or request.POST.get("loai") or ActivityKind.GREEN_SUNDAY
        if kind not in ActivityKind.values:
            raise Http404
        self.kind = kind
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.kind
        context["page_title"] = _("Ghi nhận %(kind)s") % {"kind": ActivityKind(self.kind).label}
        context["kinds"] = ActivityKind.choices
        return context

    def get_success_message(self):
        return _("Đã ghi nhận %(kind)s.") % {"kind": ActivityKind(self.kind).label}


class ActivityEditView(GroupRecordEditMixin, ActivityFormMixin, ObjectEditView):
    form_class = ActivityForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.object.kind
        return context


class ActivityDeleteView(ObjectDeleteView):
    model = Activity

    def get_success_url(self):
        return reverse("communitygroups:activity_list")


class RegularityView(LoginRequiredMixin, TemplateView):
    """The monthly Green Sunday grid: for every group, whether it held one each Sunday of the month."""

    template_name = "communitygroups/regularity.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = periods.today()
        month = _month_param(self.request.GET.get("thang"), now.replace(day=1))
        groups = CommunityGroup.objects.restrict(self.request.user).select_related("residential_group")
        sundays, rows = services.regularity_grid(groups, month.year, month.month, on=now)
        previous = (month - timedelta(days=1)).replace(day=1)
        following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        held = sum(row.held for row in rows)
        due = sum(row.due for row in rows)
        context.update(
            page_title=_("Chủ nhật xanh tháng %(month)s") % {"month": month.strftime("%m/%Y")},
            month=month, sundays=sundays, rows=rows, previous=previous, following=following,
            held=held, due=due, ratio=services.percent(held, due),
            may_record=writable_groups(self.request.user).exists(),
        )
        return context


# --- Situation reports --------------------------------------------------------------------------------

class ReportListView(ObjectListView):
    filterset_class = SituationReportFilterSet
    template_name = "communitygroups/report_list.html"
    sort_fields = {"date": "reported_on", "title": "title", "topic": by_choices("topic", ReportTopic),
                   "urgency": by_choices("urgency", Urgency), "group": by_unit("group__residential_group"),
                   "status": by_choices("status", ReportStatus)}
    select_related = ("group__residential_group",)
    page_title = gettext_lazy("Báo cáo nắm tình hình nhân dân")

    def may_add(self):
        return writable_groups(self.request.user).exists()


class ReportDetailView(ObjectDetailView):
    model = SituationReport
    template_name = "communitygroups/report_detail.html"
    select_related = ("group__residential_group", "author", "acknowledged_by", "answered_by", "peoples_committee")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        user = self.request.user
        context["may_respond"] = permissions.may_respond(user, report) and user_may(user, report, CHANGE)
        context["may_edit"] = permissions.may_edit_report(user, report)
        context["answer_form"] = kwargs.get("answer_form") or AnswerForm(initial={"answer": report.answer})
        context["may_turn_into_watch"] = (context["may_respond"] and permissions.may_turn_into_watch_report(report))
        return context


class ReportCreateView(ObjectCreateView):
    form_class = SituationReportForm
    template_name = "communitygroups/report_form.html"
    cancel_url = reverse_lazy("communitygroups:report_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Gửi báo cáo nắm tình hình")
        return context

    def save_object(self, form):
        report = form.save(commit=False)
        report.author = self.request.user
        with set_actor(self.request.user):
            report.save()
            for uploaded in form.cleaned_data.get("evidence") or []:
                Attachment.attach(report, uploaded, self.request.user)
        transaction.on_commit(lambda: services.notify_new_report(report))
        return report

    success_message = gettext_lazy("Đã gửi báo cáo tới Đảng ủy và UBND phường.")


class ReportEditView(GroupRecordEditMixin, ObjectEditView):
    form_class = SituationReportForm
    template_name = "communitygroups/report_form.html"
    select_related = ("group",)

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if not permissions.may_edit_report(self.request.user, report):
            raise Http404
        return report

    def save_object(self, form):
        with set_actor(self.request.user):
            report = form.save()
            for uploaded in form.cleaned_data.get("evidence") or []:
                Attachment.attach(report, uploaded, self.request.user)
        return report


class ReportActionView(LoginRequiredMixin, View):
    """One response to a report (the Party Committee's and the People's Committee's side), one view each."""

    http_method_names = ["post"]

    def post(self, request, pk):
        report = get_object_or_404(SituationReport.objects.restrict(request.user, CHANGE)
                                   .select_related("group__residential_group", "peoples_committee"), pk=pk)
        if not permissions.may_respond(request.user, report):
            raise Http404
        with transaction.atomic(), set_actor(request.user):
            return self.act(request, report) or HttpResponseRedirect(report.get_absolute_url())

    def act(self, request, report):
        raise NotImplementedError


class ReportAcknowledgeView(ReportActionView):
    def act(self, request, report):
        services.acknowledge_report(report, request.user)
        messages.success(request, _("Đã tiếp nhận báo cáo."))


class ReportAnswerView(ReportActionView):
    def act(self, request, report):
        form = AnswerForm(request.POST)
        if not form.is_valid():
            view = ReportDetailView()
            view.setup(request, pk=report.pk)
            view.object = report
            return render(request, ReportDetailView.template_name,
                          view.get_context_data(object=report, answer_form=form), status=400)
        services.answer_report(report, form.cleaned_data["answer"], request.user)
        messages.success(request, _("Đã gửi trả lời."))


class ReportWatchView(ReportActionView):
    def act(self, request, report):
        try:
            services.turn_into_watch_report(report, request.user)
        except services.WatchReportUnavailable as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã chuyển thành báo cáo theo dõi của Ban chỉ đạo công tác tôn giáo."))


# --- Classification -----------------------------------------------------------------------------------

def _may_classify(user, ward):
    committee = ward_steering_committee(ward)
    if committee is None:
        return False
    prefix = scope_prefix(user, ClassificationCriteria.access_policy, CHANGE)
    return prefix is not None and committee.path.startswith(prefix)


class ClassificationView(LoginRequiredMixin, TemplateView):
    """The yearly classification of the groups a user sees, with the criteria it was computed from."""

    template_name = "communitygroups/classification.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        now = periods.today()
        year = _year_param(self.request.GET.get("nam"), now.year)
        ward = user.ward
        criteria = services.criteria_for(ward, year) if ward else None
        groups = list(CommunityGroup.objects.restrict(user).select_related("residential_group"))
        stored = {c.group_id: c for c in GroupClassification.objects.restrict(user)
                  .filter(year=year, group__in=groups).select_related("decided_by")}
        effective = criteria or (services.default_criteria(ward, year) if ward else None)
        rows = []
        for group in groups:
            classification = stored.get(group.pk)
            missing = []
            if classification and effective is not None and classification.computed_level != Level.GOOD:
                better = Level.values[max(Level.values.index(classification.computed_level) - 1, 0)]
                missing = services.unmet_criteria(classification.figures, effective, better)
            rows.append({"group": group, "classification": classification, "missing": missing})
        counts = {level: 0 for level in Level.values}
        for row in rows:
            if row["classification"]:
                counts[row["classification"].final_level] += 1
        context.update(
            page_title=_("Xếp loại Tổ dân vận cộng đồng năm %(year)s") % {"year": year},
            year=year, years=range(now.year, now.year - 5, -1), criteria=criteria, effective=effective,
            rows=rows, counts=[(Level(level).label, level, n) for level, n in counts.items()],
            may_classify=ward is not None and _may_classify(user, ward),
        )
        return context

    def post(self, request):
        user = request.user
        year = _year_param(request.POST.get("nam"), periods.today().year)
        if user.ward is None or not _may_classify(user, user.ward):
            raise PermissionDenied
        criteria = services.criteria_for(user.ward, year)
        if criteria is None:
            messages.error(request, _("Chưa có tiêu chí xếp loại năm %(year)s: hãy đặt tiêu chí trước.") % {
                "year": year})
            return HttpResponseRedirect(reverse("communitygroups:criteria_edit", args=[year]))
        groups = CommunityGroup.objects.restrict(user, CHANGE).filter(residential_group__ward=user.ward)
        with set_actor(user):
            results = services.classify_groups(groups, year, criteria)
        messages.success(request, _("Đã tính xếp loại cho %(n)s tổ.") % {"n": len(results)})
        return HttpResponseRedirect(reverse("communitygroups:classification_list") + f"?nam={year}")


class CriteriaEditView(LoginRequiredMixin, View):
    template_name = "core/object_form.html"

    def setup_objects(self, request, year):
        if request.user.ward is None or not _may_classify(request.user, request.user.ward) or not 2000 <= year <= 2100:
            raise Http404
        self.criteria = services.criteria_for(request.user.ward, year) or services.default_criteria(
            request.user.ward, year)

    def render_form(self, form, year, status=200):
        return render(self.request, self.template_name, {
            "form": form, "page_title": _("Tiêu chí xếp loại Tổ dân vận năm %(year)s") % {"year": year},
            "cancel_url": reverse("communitygroups:classification_list") + f"?nam={year}"}, status=status)

    def get(self, request, year):
        self.setup_objects(request, year)
        return self.render_form(ClassificationCriteriaForm(instance=self.criteria), year)

    def post(self, request, year):
        self.setup_objects(request, year)
        form = ClassificationCriteriaForm(request.POST, instance=self.criteria)
        if not form.is_valid():
            return self.render_form(form, year, status=400)
        with transaction.atomic(), set_actor(request.user):
            form.save()
        messages.success(request, _("Đã lưu tiêu chí xếp loại năm %(year)s.") % {"year": year})
        return HttpResponseRedirect(reverse("communitygroups:classification_list") + f"?nam={year}")


class OverrideView(ObjectEditView):
    form_class = OverrideForm
    template_name = "communitygroups/override_form.html"
    select_related = ("group__residential_group",)

    def save_object(self, form):
        with set_actor(self.request.user):
            return services.override_classification(self.object, form.cleaned_data["override_level"],
                                                    form.cleaned_data["override_reason"], self.request.user)

