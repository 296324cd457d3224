"""Friendly-government criteria sets and the quarterly self-assessment."""

from decimal import Decimal, InvalidOperation

from auditlog.context import set_actor
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from core.access import CHANGE, may_create, user_may
from core.models import Attachment
from core.sorting import by_choices
from core.spreadsheets import xlsx_response
from core.views import ObjectCreateView, ObjectDetailView, ObjectEditView, ObjectListView
from core.wards import own_ward_or_404

from ..filtersets import AssessmentFilterSet, CriteriaSetFilterSet
from ..forms import AssessmentForm, CriteriaImportForm, CriterionForm, StarLevelForm
from ..models import (
    Assessment,
    AssessmentStatus,
    CriteriaSet,
    Criterion,
    CriterionScore,
    Review,
)
from ..permissions import may_review
from ..services import criteria as svc


class CriteriaSetListView(ObjectListView):
    """The ward's criteria sets; the bloc creates the example set or imports the province's set here."""

    filterset_class = CriteriaSetFilterSet
    template_name = "satisfaction/criteria_set_list.html"
    sort_fields = {"name": "name", "decision": ("decision_date", "decision_number"), "issuer": "issuer",
                   "active": "-is_active"}
    select_related = ("ward",)

    def may_add(self):
        return may_create(self.request.user, CriteriaSet) and self.request.user.ward is not None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_change"] = context["may_add"]
        context["form"] = kwargs.get("form") or CriteriaImportForm()
        context["errors"] = kwargs.get("errors") or []
        context["page_title"] = _("Bộ tiêu chí Chính quyền thân thiện")
        return context

    def _refused(self, **extra):
        """The list again, with the import form's errors, for a refused upload."""
        self.object_list = self.filtered_queryset()
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list, **extra)
        return self.render_to_response(context, status=400)

    def post(self, request):
        ward = own_ward_or_404(request.user)
        if not may_create(request.user, CriteriaSet):
            raise Http404
        form = CriteriaImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._refused(form=form)
        data = form.cleaned_data
        try:
            with set_actor(request.user):
                criteria_set = svc.import_criteria_set(
                    data["file"], ward, name=data["name"], decision_number=data["decision_number"],
                    decision_date=data["decision_date"], issuer=data["issuer"])
        except svc.CriteriaImportError as refused:
            return self._refused(form=form, errors=refused.errors)
        messages.success(request, _("Đã nhập bộ tiêu chí “%(name)s”.") % {"name": criteria_set.name})
        return HttpResponseRedirect(criteria_set.get_absolute_url())



class CriteriaExampleView(LoginRequiredMixin, View):
    """The bloc creates the example criteria set, to be corrected into the province's set."""

    http_method_names = ["post"]

    def post(self, request):
        ward = own_ward_or_404(request.user)
        if not may_create(request.user, CriteriaSet):
            raise Http404
        with set_actor(request.user):
            criteria_set = svc.ensure_example_set(ward)
        messages.success(request, _("Đã tạo bộ tiêu chí mẫu. Hãy sửa cho đúng bộ tiêu chí của tỉnh."))
        return HttpResponseRedirect(criteria_set.get_absolute_url())


class CriteriaSetDetailView(ObjectDetailView):
    model = CriteriaSet
    template_name = "satisfaction/criteria_set_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = self.object.groups.prefetch_related("criteria")
        context["star_levels"] = self.object.star_levels.all()
        context["in_use"] = self.object.assessments.filter(status=AssessmentStatus.FINAL).exists()
        return context


class CriteriaSetExportView(LoginRequiredMixin, View):
    def get(self, request, pk):
        criteria_set = get_object_or_404(CriteriaSet.objects.restrict(request.user), pk=pk)
        return xlsx_response(svc.export_criteria_set(criteria_set), f"bo-tieu-chi-{criteria_set.pk}.xlsx")


class _FrozenSetMixin:
    """A set whose assessments are final is kept as it was: its history must not move."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        criteria_set = obj.group.criteria_set if isinstance(obj, Criterion) else obj.criteria_set
        if criteria_set.assessments.filter(status=AssessmentStatus.FINAL).exists():
            raise Http404
        return obj


class CriterionEditView(_FrozenSetMixin, ObjectEditView):
    form_class = CriterionForm


class StarLevelEditView(_FrozenSetMixin, ObjectEditView):
    form_class = StarLevelForm

# --- Assessments ----------------------------------------------------------------------------------

class AssessmentListView(ObjectListView):
    """History quarter by quarter: total, stars and status of every assessment of the ward."""

    filterset_class = AssessmentFilterSet
    template_name = "satisfaction/assessment_list.html"
    # Total and stars of an open assessment are worked out from its scores (svc.totals): unsorted.
    sort_fields = {"quarter": ("year", "quarter"), "criteria_set": "criteria_set__name",
                   "status": by_choices("status", AssessmentStatus)}
    select_related = ("criteria_set", "unit")
    prefetch_related = ("criteria_set__star_levels",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = svc.totals(context["object_list"])
        context["page_title"] = _("Tự đánh giá Chính quyền thân thiện theo quý")
        return context


class AssessmentCreateView(ObjectCreateView):
    form_class = AssessmentForm

    def save_object(self, form):
        data = form.cleaned_data
        return svc.start_assessment(data["unit"], data["criteria_set"], data["year"], data["quarter"])

def _decimal(value):
    value = (value or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise svc.AssessmentError(_("“%(v)s” không phải là số.") % {"v": value}) from exc


class AssessmentDetailView(ObjectDetailView):
    model = Assessment
    template_name = "satisfaction/assessment_detail.html"
    select_related = ("criteria_set", "unit", "ward", "finalised_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment = self.object
        user = self.request.user
        scores = list(assessment.scores.select_related("criterion__group", "gap_task"))
        files = {}
        for attachment in Attachment.objects.filter(
                content_type__app_label="satisfaction", content_type__model="criterionscore",
                object_id__in=[s.pk for s in scores]).select_related("uploaded_by"):
            files.setdefault(attachment.object_id, []).append(attachment)
        measured = ({s.criterion_id: s.measured_value for s in scores} if assessment.is_locked
                    else svc.measured_values(assessment))
        for score in scores:
            score.files = files.get(score.pk, [])
            score.measured = measured.get(score.criterion_id)
        result = svc.compute(assessment, scores)
        may_change = context["may_change"]
        reviewer = may_review(user)
        status = assessment.status
        context.update({
            "scores": scores,
            "result": result,
            "may_score": may_change and status == AssessmentStatus.DRAFT,
            "may_review": may_change and reviewer and status == AssessmentStatus.SUBMITTED,
            "may_reply": may_change and not reviewer and status == AssessmentStatus.REVIEWED,
            "may_finalise": may_change and reviewer and status in (AssessmentStatus.REVIEWED,
                                                                   AssessmentStatus.REPLIED),
            "may_gap": reviewer and user_may(user, assessment, CHANGE),
            "errors": kwargs.get("errors") or [],
            "review_choices": [(Review.ACCEPTED, Review.ACCEPTED.label), (Review.ADJUSTED, Review.ADJUSTED.label)],
        })
        return context


class AssessmentActionView(AssessmentDetailView):
    """One step of an assessment, one view each; a refused step shows its reasons on the assessment page."""

    http_method_names = ["post"]
    reviewer = None  # True: only the bloc that reviews; False: only the assessed unit; None: both

    def post(self, request, pk):
        assessment = get_object_or_404(Assessment.objects.restrict(request.user, CHANGE), pk=pk)
        self.object = assessment
        if self.reviewer is not None and bool(may_review(request.user)) != self.reviewer:
            raise Http404
        try:
            with transaction.atomic(), set_actor(request.user):
                message = self.act(request, assessment)
        except (svc.AssessmentError, ValidationError) as refused:
            errors = refused.messages if isinstance(refused, ValidationError) else [str(refused)]
            return render(request, self.template_name, self.get_context_data(object=assessment, errors=errors),
                          status=400)
        messages.success(request, message)
        return HttpResponseRedirect(assessment.get_absolute_url())

    def act(self, request, assessment):
        raise NotImplementedError


class AssessmentScoreView(AssessmentActionView):
    def act(self, request, assessment):
        for score in assessment.scores.select_related("criterion", "assessment"):
            value = request.POST.get(f"score_{score.pk}")
            if value is None:
                continue
            svc.set_self_score(score, _decimal(value), request.POST.get(f"comment_{score.pk}", "").strip())
            for uploaded in request.FILES.getlist(f"evidence_{score.pk}"):
                Attachment.attach(score, uploaded, request.user)
        if request.POST.get("submit"):
            svc.submit(assessment)
            return _("Đã gửi kết quả tự chấm để Khối Dân vận thẩm định.")
        return _("Đã lưu điểm tự chấm.")


class AssessmentReviewView(AssessmentActionView):
    reviewer = True

    def act(self, request, assessment):
        for score in assessment.scores.select_related("criterion", "assessment"):
            decision = request.POST.get(f"review_{score.pk}")
            if not decision:
                continue
            svc.review_score(score, decision, _decimal(request.POST.get(f"reviewed_{score.pk}")),
                             request.POST.get(f"reason_{score.pk}", ""))
        if request.POST.get("complete"):
            svc.complete_review(assessment)
            return _("Đã hoàn tất thẩm định; đơn vị có thể phản hồi một lần.")
        return _("Đã lưu kết quả thẩm định.")


class AssessmentReplyView(AssessmentActionView):
    reviewer = False

    def act(self, request, assessment):
        svc.reply(assessment, request.POST.get("reply", ""))
        return _("Đã gửi phản hồi của đơn vị.")


class AssessmentFinaliseView(AssessmentActionView):
    reviewer = True

    def act(self, request, assessment):
        svc.finalise(assessment, request.user)
        return _("Đã chốt kết quả tự đánh giá; kỳ đánh giá không sửa được nữa.")


class AssessmentGapTaskView(AssessmentActionView):
    reviewer = True

    def act(self, request, assessment):
        score = get_object_or_404(CriterionScore, assessment=assessment, pk=request.POST.get("score"))
        task = svc.gap_to_task(score)
        return _("Đã tạo nhiệm vụ “%(title)s” trong kế hoạch.") % {"title": task.title}


