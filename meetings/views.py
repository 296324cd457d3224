from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from core import periods
from core.access import CHANGE, VIEW, remember_access, user_may
from core.sorting import by_choices, by_unit
from core.views import (
    EvidenceSaveMixin,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    WardDefaultsView,
    WardYearView,
)

from .filtersets import ConclusionFilterSet, MeetingFilterSet
from .forms import ConclusionFollowUpForm, ConclusionForm, MeetingForm, MeetingRequirementForm
from .models import (
    Conclusion,
    ConclusionState,
    ConclusionStatus,
    Meeting,
    MeetingKind,
    MeetingRequirement,
    MeetingStatus,
)
from .permissions import may_edit_requirements
from .services import PeriodState, ensure_default_requirements, meeting_schedule


class MeetingListView(ObjectListView):
    filterset_class = MeetingFilterSet
    template_name = "meetings/meeting_list.html"
    select_related = ("organiser", "chair")
    page_title = gettext_lazy("Hội nghị, giao ban, đối thoại")
    sort_fields = {"date": "held_on", "title": "title", "kind": by_choices("kind", MeetingKind),
                   "organiser": by_unit("organiser"), "conclusions": "conclusion_count",
                   "status": by_choices("status", MeetingStatus)}
    default_sort = "-date"

    def get_queryset(self):
        open_states = ~Q(conclusions__state=ConclusionState.DONE)
        return super().get_queryset().annotate(
            conclusion_count=Count("conclusions", distinct=True),
            open_count=Count("conclusions", filter=open_states, distinct=True),
        ).order_by("-held_on", "-pk")


class MeetingDetailView(ObjectDetailView):
    model = Meeting
    select_related = ("organiser", "chair")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        context["conclusions"] = list(
            Conclusion.objects.filter(meeting=meeting).with_status().select_related("responsible_unit")
            .order_by("number", "pk")
        )
        context["participating_units"] = meeting.participating_units.all()
        context["attendees"] = meeting.attendees.select_related("unit")
        if context["may_change"]:
            context["conclusion_form"] = kwargs.get("conclusion_form") or ConclusionForm(
                user=self.request.user, instance=Conclusion(meeting=meeting)
            )
        return context


class MeetingCreateView(EvidenceSaveMixin, ObjectCreateView):
    form_class = MeetingForm
    evidence_field = "minutes_files"
    success_message = gettext_lazy("Đã lưu cuộc họp.")
    creator_field = "created_by"
    today_field = "held_on"
    user_unit_field = "organiser"
    query_initial = {"kind": "kind"}


class MeetingEditView(EvidenceSaveMixin, ObjectEditView):
    form_class = MeetingForm
    evidence_field = "minutes_files"
    success_message = gettext_lazy("Đã lưu cuộc họp.")


class MeetingDeleteView(ObjectDeleteView):
    model = Meeting
    success_url = reverse_lazy("meetings:meeting_list")


class ConclusionCreateView(ObjectCreateView):
    """Add a conclusion to a meeting the user may change (from the meeting's page)."""

    form_class = ConclusionForm
    success_message = gettext_lazy("Đã thêm kết luận.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.meeting = get_object_or_404(Meeting.objects.restrict(request.user, CHANGE), pk=kwargs["meeting_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Conclusion(meeting=self.meeting)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        return context

    def get_success_url(self):
        return f"{self.meeting.get_absolute_url()}#ket-luan"


class ConclusionListView(ObjectListView):
    filterset_class = ConclusionFilterSet
    template_name = "meetings/conclusion_list.html"
    page_title = gettext_lazy("Kết luận cần theo dõi")
    sort_fields = {"text": "text", "unit": by_unit("responsible_unit"), "due": "due_date",
                   "status": by_choices("status_code", ConclusionStatus)}
    only_overdue = False

    def get_queryset(self):
        queryset = (super().get_queryset().with_status().select_related("responsible_unit", "meeting")
                    .order_by("due_date", "meeting_id", "number"))
        if self.only_overdue:
            queryset = queryset.with_status_filter(ConclusionStatus.OVERDUE)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["only_overdue"] = self.only_overdue
        context["today"] = periods.today()
        return context


class OverdueConclusionListView(ConclusionListView):
    page_title = gettext_lazy("Kết luận quá hạn")
    only_overdue = True


class ConclusionDetailView(ObjectDetailView):
    model = Conclusion
    select_related = ("responsible_unit", "meeting", "meeting__organiser")

    def get_queryset(self):
        return super().get_queryset().with_status()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["may_change"]:
            context["form"] = kwargs.get("form") or ConclusionFollowUpForm(instance=self.object)
        context["may_edit"] = user_may(self.request.user, self.object.meeting, CHANGE)
        context["may_open_meeting"] = user_may(self.request.user, self.object.meeting, VIEW)
        return context


class ConclusionFollowUpView(EvidenceSaveMixin, ObjectEditView):
    """The responsible unit (or the organiser) reports the state and the result, with evidence."""

    form_class = ConclusionFollowUpForm
    template_name = "meetings/conclusion_followup.html"
    success_message = gettext_lazy("Đã cập nhật kết quả thực hiện kết luận.")


class ConclusionEditView(ObjectEditView):
    """Change what was concluded (text, unit, due date): for those who may change the meeting."""

    form_class = ConclusionForm
    success_message = gettext_lazy("Đã lưu kết luận.")

    def get_queryset(self):
        meetings = Meeting.objects.restrict(self.request.user, CHANGE).values("pk")
        return super().get_queryset().filter(meeting__in=meetings).select_related("meeting")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.object.meeting
        return context


class ConclusionDeleteView(ObjectDeleteView):
    model = Conclusion

    def get_queryset(self):
        meetings = Meeting.objects.restrict(self.request.user, CHANGE).values("pk")
        return super().get_queryset().filter(meeting__in=meetings)

    def get_success_url(self):
        return self.object.meeting.get_absolute_url()


STATE_CLASS = {
    PeriodState.MET: "done",
    PeriodState.MISSING: "overdue",
    PeriodState.DUE: "in_progress",
    PeriodState.UPCOMING: "not_started",
}


class ScheduleView(WardYearView):
    """The year's required meetings: held, missing, still to come."""

    template_name = "meetings/schedule.html"
    title_format = gettext_lazy("Lịch hội nghị, giao ban bắt buộc năm %(year)s")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now, ward, year = context["today"], context["ward"], context["year"]
        saved = MeetingRequirement.objects.filter(ward=ward).order_by("order", "pk")
        rows = meeting_schedule(ward, year, on=now)
        for row in rows:
            for period in row.periods:
                period.css = STATE_CLASS[period.state]
        # The schedule counts every meeting of the ward; a meeting links to its page only for those who may open it.
        remember_access(self.request.user, [m for row in rows for period in row.periods for m in period.meetings])
        missing = sum(row.missing for row in rows)
        context.update(rows=rows, missing=missing, requirements=saved, has_requirements=saved.exists(),
                       may_change=may_edit_requirements(self.request.user, ward))
        return context


class ScheduleDefaultsView(WardDefaultsView):
    """Create the default list of required meetings for the ward (the bloc edits it afterwards)."""

    may_change = may_edit_requirements
    make_defaults = ensure_default_requirements
    denied_message = gettext_lazy("Tài khoản của bạn không được sửa danh sách cuộc họp bắt buộc.")
    done_message = gettext_lazy("Đã tạo danh sách cuộc họp bắt buộc mặc định.")
    page_name = "meetings:schedule"


class RequirementCreateView(ObjectCreateView):
    form_class = MeetingRequirementForm
    success_url = reverse_lazy("meetings:schedule")


class RequirementEditView(ObjectEditView):
    form_class = MeetingRequirementForm
    success_url = reverse_lazy("meetings:schedule")


class RequirementDeleteView(ObjectDeleteView):
    model = MeetingRequirement
    success_url = reverse_lazy("meetings:schedule")
