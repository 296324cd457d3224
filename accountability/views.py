from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from core import periods
from core.access import CHANGE, may_create
from core.models import Attachment
from core.sorting import by_choices, by_unit
from core.views import (
    EvidenceSaveMixin,
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

from .filtersets import (
    CadreFeedbackFilterSet,
    CadreReviewFilterSet,
    UnitPlanRoundFilterSet,
    UnitPlanSubmissionFilterSet,
)
from .forms import CadreFeedbackForm, CadreReviewForm, SubmissionForm, UnitPlanRoundForm
from .models import (
    CadreFeedback,
    CadreReview,
    FeedbackSource,
    FeedbackState,
    ReviewLevel,
    ReviewOutcome,
    SubmissionStatus,
    UnitPlanRound,
    UnitPlanSubmission,
)
from .permissions import may_see_cadre_records
from .services import (
    apply_review,
    cadre_history,
    default_round_units,
    plan_submitted,
    remind_round,
    submission_counts,
    sync_round_units,
    unit_summary,
)


def _files_by_object(model, ids):
    files = {}
    for attachment in Attachment.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                                object_id__in=list(ids)).select_related("uploaded_by"):
        files.setdefault(attachment.object_id, []).append(attachment)
    return files


# --- Units' own implementation plans -------------------------------------------------------------------

class RoundListView(ObjectListView):
    filterset_class = UnitPlanRoundFilterSet
    template_name = "accountability/round_list.html"
    select_related = ("ward", "task")
    page_title = gettext_lazy("Kế hoạch thực hiện của các đơn vị")
    # The counts of submissions are worked out per round from the submissions the reader sees: unsorted.
    sort_fields = {"title": "title", "deadline": "deadline"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rounds = list(context["object_list"])
        visible = UnitPlanSubmission.objects.restrict(self.request.user).filter(round__in=rounds).select_related(
            "round")
        by_round = {}
        for submission in visible:
            by_round.setdefault(submission.round_id, []).append(submission)
        now = periods.today()
        for plan_round in rounds:
            plan_round.counts = submission_counts(by_round.get(plan_round.pk, []), now)
        context["object_list"] = rounds
        return context


class RoundDetailView(ObjectDetailView):
    model = UnitPlanRound
    template_name = "accountability/round_detail.html"
    select_related = ("ward", "task")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = periods.today()
        submissions = list(
            UnitPlanSubmission.objects.restrict(self.request.user).filter(round=self.object)
            .with_status(now).select_related("unit", "round").order_by("unit__order", "unit__name")
        )
        files = _files_by_object(UnitPlanSubmission, (s.pk for s in submissions))
        for submission in submissions:
            submission.files = files.get(submission.pk, [])
            submission.may_submit = False
        writable = set(UnitPlanSubmission.objects.restrict(self.request.user, CHANGE)
                       .filter(round=self.object).values_list("pk", flat=True))
        for submission in submissions:
            submission.may_submit = submission.pk in writable
        context["submissions"] = submissions
        context["counts"] = submission_counts(submissions, now)
        context["today"] = now
        return context


class RoundSaveMixin:
    def save_object(self, form):
        plan_round = form.save()
        units = list(form.cleaned_data.get("units") or []) or default_round_units(plan_round.ward, plan_round.task)
        sync_round_units(plan_round, units)
        return plan_round

    def get_success_url(self):
        return self.object.get_absolute_url()


class RoundCreateView(RoundSaveMixin, ObjectCreateView):
    form_class = UnitPlanRoundForm
    success_message = gettext_lazy("Đã tạo đợt nộp kế hoạch.")
    cancel_url = reverse_lazy("accountability:round_list")


class RoundEditView(RoundSaveMixin, ObjectEditView):
    form_class = UnitPlanRoundForm
    success_message = gettext_lazy("Đã lưu đợt nộp kế hoạch.")


class RoundRemindView(LoginRequiredMixin, View):
    """The bloc's button: remind every unit that has not sent its plan yet (through core.notifications)."""

    def post(self, request, pk):
        plan_round = get_object_or_404(UnitPlanRound.objects.restrict(request.user, CHANGE), pk=pk)
        reminded = remind_round(plan_round)
        if reminded:
            messages.success(request, ngettext(
                "Đã gửi nhắc nhở tới %(count)d đơn vị: %(units)s.", "Đã gửi nhắc nhở tới %(count)d đơn vị: %(units)s.",
                len(reminded)) % {"count": len(reminded), "units": ", ".join(u.short_name or u.name for u in reminded)})
        else:
            messages.info(request, _("Không có đơn vị nào cần nhắc (đã nộp đủ, hoặc đã được nhắc hôm nay)."))
        return HttpResponseRedirect(plan_round.get_absolute_url())


class SubmissionListView(ObjectListView):
    filterset_class = UnitPlanSubmissionFilterSet
    template_name = "accountability/submission_list.html"
    page_title = gettext_lazy("Kế hoạch của đơn vị")
    sort_fields = {"unit": by_unit("unit"), "round": "round__title", "deadline": "round__deadline",
                   "submitted": "submitted_on", "status": by_choices("status_code", SubmissionStatus)}

    def get_queryset(self):
        return (super().get_queryset().with_status().select_related("unit", "round")
                .order_by("-round__deadline", "unit__order", "unit__name"))

    def may_add(self):
        return False


class SubmissionDetailView(ObjectDetailView):
    model = UnitPlanSubmission
    template_name = "accountability/submission_detail.html"
    select_related = ("unit", "round", "submitted_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["may_change"]:
            initial = {} if self.object.submitted_on else {"submitted_on": periods.today()}
            context["form"] = kwargs.get("form") or SubmissionForm(instance=self.object, initial=initial)
        return context


class SubmissionEditView(EvidenceSaveMixin, ObjectEditView):
    form_class = SubmissionForm
    template_name = "accountability/submission_form.html"
    evidence_field = "files"
    success_message = gettext_lazy("Đã ghi nhận kế hoạch của đơn vị.")

    def save_object(self, form):
        was_submitted = UnitPlanSubmission.objects.filter(pk=form.instance.pk, submitted_on__isnull=False).exists()
        form.instance.submitted_by = self.request.user
        submission = super().save_object(form)
        plan_submitted(submission, was_submitted, self.request.user)
        return submission

    def get_success_url(self):
        return self.object.round.get_absolute_url()


# --- Cadre feedback and reviews -----------------------------------------------------------------------

class CadreRecordsOnlyMixin:
    """Pages of cadre records answer 404 to anybody outside the bloc, the Standing Committee and unit heads."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_see_cadre_records(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class FeedbackListView(CadreRecordsOnlyMixin, ObjectListView):
    filterset_class = CadreFeedbackFilterSet
    template_name = "accountability/feedback_list.html"
    select_related = ("cadre", "unit")
    page_title = gettext_lazy("Phản ánh về cán bộ")
    sort_fields = {"date": "received_on", "cadre": "cadre__full_name", "summary": "summary",
                   "source": by_choices("source", FeedbackSource), "state": by_choices("state", FeedbackState)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reviews = CadreReview.objects.restrict(self.request.user).filter(feedback__in=self.filterset.qs.values("pk"))
        context["units"] = unit_summary(self.filterset.qs, reviews)
        return context


class FeedbackDetailView(CadreRecordsOnlyMixin, ObjectDetailView):
    model = CadreFeedback
    template_name = "accountability/feedback_detail.html"
    select_related = ("cadre", "unit", "recorded_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reviews = list(self.object.reviews.select_related("recorded_by").order_by("held_on", "pk"))
        files = _files_by_object(CadreReview, (r.pk for r in reviews))
        for review in reviews:
            review.files = files.get(review.pk, [])
        context["reviews"] = reviews
        if context["may_change"]:
            context["review_form"] = kwargs.get("review_form") or CadreReviewForm(initial={"held_on": periods.today()})
        return context


class FeedbackCreateView(CadreRecordsOnlyMixin, EvidenceSaveMixin, ObjectCreateView):
    form_class = CadreFeedbackForm
    success_message = gettext_lazy("Đã ghi nhận phản ánh về cán bộ.")
    creator_field = "recorded_by"
    today_field = "received_on"
    query_initial = {"cadre": "cadre"}



class FeedbackEditView(CadreRecordsOnlyMixin, EvidenceSaveMixin, ObjectEditView):
    form_class = CadreFeedbackForm
    success_message = gettext_lazy("Đã lưu phản ánh.")

    def save_object(self, form):
        # The cadre may have changed: the unit follows the cadre.
        form.instance.unit_id = form.cleaned_data["cadre"].unit_id
        return super().save_object(form)


class ReviewCreateView(CadreRecordsOnlyMixin, EvidenceSaveMixin, ObjectCreateView):
    form_class = CadreReviewForm
    template_name = "accountability/review_form.html"
    success_message = gettext_lazy("Đã ghi nhận kết quả kiểm điểm.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and may_see_cadre_records(request.user):
            self.feedback = get_object_or_404(CadreFeedback.objects.restrict(request.user, CHANGE),
                                              pk=kwargs["feedback_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = CadreReview(feedback=self.feedback)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feedback"] = self.feedback
        return context

    def save_object(self, form):
        form.instance.recorded_by = self.request.user
        review = super().save_object(form)
        apply_review(review)
        return review

    def get_success_url(self):
        return self.feedback.get_absolute_url()


class ReviewListView(CadreRecordsOnlyMixin, ObjectListView):
    filterset_class = CadreReviewFilterSet
    template_name = "accountability/review_list.html"
    select_related = ("cadre", "unit", "feedback")
    page_title = gettext_lazy("Kiểm điểm cán bộ")
    sort_fields = {"date": "held_on", "cadre": "cadre__full_name", "level": by_choices("level", ReviewLevel),
                   "outcome": by_choices("outcome", ReviewOutcome), "feedback": "feedback__summary"}

    def may_add(self):
        return False


class CadreHistoryView(CadreRecordsOnlyMixin, LoginRequiredMixin, TemplateView):
    """Everything recorded about one cadre that the user may see: feedback and reviews, in time order."""

    template_name = "accountability/cadre_history.html"

    def get_context_data(self, **kwargs):
        from organisations.models import Person

        context = super().get_context_data(**kwargs)
        person = get_object_or_404(Person.objects.restrict(self.request.user).select_related("unit"),
                                   pk=kwargs["person_pk"])
        feedback, reviews = cadre_history(self.request.user, person)
        context.update(person=person, feedback=feedback, reviews=reviews,
                       page_title=_("Quá trình phản ánh, kiểm điểm: %(name)s") % {"name": person.full_name},
                       may_add=may_create(self.request.user, CadreFeedback))
        return context
