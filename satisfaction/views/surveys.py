"""Survey campaigns: list, results with charts, questionnaire, the public link, fast paper entry, Excel."""

import uuid

from auditlog.context import set_actor
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from core.access import CHANGE, user_may
from core.network import client_address
from core.params import whole_number
from core.sorting import by_unit
from core.spreadsheets import xlsx_response
from core.views import ObjectCreateView, ObjectDetailView, ObjectEditView, ObjectListView

from ..filtersets import SurveyCampaignFilterSet
from ..forms import CampaignForm, QuestionForm
from ..models import Question, QuestionKind, ResponseChannel, SurveyCampaign
from ..ratelimit import allow
from ..services import surveys as svc


class CampaignListView(ObjectListView):
    filterset_class = SurveyCampaignFilterSet
    template_name = "satisfaction/campaign_list.html"
    # Open campaigns first when the reader sorts by "Nhận phiếu" ascending.
    sort_fields = {"title": "title", "time": ("starts_on", "ends_on"), "unit": by_unit("unit"), "open": "-is_open"}
    select_related = ("unit",)


class CampaignCreateView(ObjectCreateView):
    form_class = CampaignForm

    def save_object(self, form):
        campaign = form.save()
        if form.cleaned_data.get("use_default"):
            svc.use_default_questionnaire(campaign)
        return campaign


class CampaignEditView(ObjectEditView):
    form_class = CampaignForm


class CampaignDetailView(ObjectDetailView):
    model = SurveyCampaign
    template_name = "satisfaction/campaign_detail.html"
    select_related = ("unit", "ward")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = svc.campaign_results(self.object)
        context["result"] = result
        # The chart is built from numbers and escaped text only (see services.surveys.dimension_chart_svg).
        context["charts"] = [(d, mark_safe(svc.dimension_chart_svg(d))) for d in result.dimensions]  # noqa: S308
        context["public_url"] = self.request.build_absolute_uri(
            reverse("satisfaction:survey_public", args=[self.object.public_token]))
        return context


def _changeable_campaign(request, pk):
    return get_object_or_404(SurveyCampaign.objects.restrict(request.user, CHANGE), pk=pk)


class QuestionnaireView(LoginRequiredMixin, View):
    template_name = "satisfaction/questionnaire.html"

    def get(self, request, pk, form=None):
        campaign = get_object_or_404(SurveyCampaign.objects.restrict(request.user), pk=pk)
        return render(request, self.template_name, {
            "campaign": campaign, "object": campaign,
            "questions": campaign.questions.select_related("dimension"),
            "may_change": user_may(request.user, campaign, CHANGE) and not campaign.responses.exists(),
            "form": form or QuestionForm(campaign=campaign),
            "page_title": _("Bộ câu hỏi"),
        }, status=400 if form else 200)

    def post(self, request, pk):
        campaign = _changeable_campaign(request, pk)
        if campaign.responses.exists():
            messages.error(request, _("Đợt khảo sát đã có phiếu trả lời: không sửa bộ câu hỏi nữa."))
            return HttpResponseRedirect(request.path)
        if request.POST.get("delete"):
            with transaction.atomic(), set_actor(request.user):
                Question.objects.filter(campaign=campaign, pk=request.POST["delete"]).delete()
            return HttpResponseRedirect(request.path)
        form = QuestionForm(request.POST, campaign=campaign, instance=Question(campaign=campaign))
        if not form.is_valid():
            return self.get(request, pk, form=form)
        with transaction.atomic(), set_actor(request.user):
            form.save()
        messages.success(request, _("Đã thêm câu hỏi."))
        return HttpResponseRedirect(request.path)


def _raw_answers(post, questions):
    raw = {}
    for question in questions:
        key = f"q{question.pk}"
        # Every value sent for a choice question, so that two values for a single choice are refused, not cut.
        choice = question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        raw[question.pk] = post.getlist(key) if choice and len(post.getlist(key)) > 1 else post.get(key, "")
    return raw


@never_cache
def survey_public(request, token):
    """The public questionnaire: no login, no personal data, one response per submitted form."""
    campaign = get_object_or_404(SurveyCampaign, public_token=token)
    questions = list(campaign.questions.select_related("dimension"))
    context = {"campaign": campaign, "questions": questions, "scale_labels": svc.SCALE_LABELS,
               "client_id": uuid.uuid4(), "errors": {}, "values": {}}
    if not campaign.is_open:
        return render(request, "satisfaction/public/survey_closed.html", context)
    if request.method == "POST":
        if not allow("survey_address", client_address(request), 30, 600):
            return render(request, "satisfaction/public/survey_closed.html", {**context, "limited": True}, status=429)
        try:
            client_id = uuid.UUID(request.POST.get("client_id", ""))
        except ValueError:
            client_id = uuid.uuid4()
        try:
            svc.record_response(campaign, _raw_answers(request.POST, questions), channel=ResponseChannel.ONLINE,
                                client_id=client_id)
        except svc.SurveyError as refused:
            if refused.errors.get("form") == _("Phiếu này đã được gửi."):
                return render(request, "satisfaction/public/survey_thanks.html", context)
            context.update(errors=refused.errors, values=request.POST, client_id=client_id)
            return render(request, "satisfaction/public/survey.html", context, status=400)
        return render(request, "satisfaction/public/survey_thanks.html", context)
    return render(request, "satisfaction/public/survey.html", context)


class PaperEntryView(LoginRequiredMixin, View):
    """Fast keyboard entry of paper forms: one digit per 1–5 question, Enter saves and opens the next form."""

    template_name = "satisfaction/paper_entry.html"

    def _render(self, request, campaign, errors=None, values=None, status=200):
        next_number = request.GET.get("tiep", "")
        errors, values = errors or {}, values or {}
        rows = [(q, values.get(f"q{q.pk}", ""), errors.get(q.pk)) for q in campaign.questions.all()]
        return render(request, self.template_name, {
            "campaign": campaign, "object": campaign, "rows": rows,
            "errors": errors, "values": values, "next_number": next_number,
            "count": campaign.responses.filter(channel=ResponseChannel.PAPER).count(),
            "page_title": _("Nhập phiếu giấy"),
        }, status=status)

    def get(self, request, pk):
        return self._render(request, _changeable_campaign(request, pk))

    def post(self, request, pk):
        campaign = _changeable_campaign(request, pk)
        questions = list(campaign.questions.all())
        number = request.POST.get("paper_number", "").strip()
        try:
            with set_actor(request.user):
                svc.record_response(campaign, _raw_answers(request.POST, questions), channel=ResponseChannel.PAPER,
                                    paper_number=number, user=request.user)
        except svc.SurveyError as refused:
            return self._render(request, campaign, refused.errors, request.POST, status=400)
        messages.success(request, _("Đã lưu phiếu số %(n)s.") % {"n": number})
        following = whole_number(number)
        following = str(following + 1) if following is not None else ""
        return HttpResponseRedirect(f"{request.path}?tiep={following}")


class CampaignExportView(LoginRequiredMixin, View):
    def get(self, request, pk):
        campaign = get_object_or_404(SurveyCampaign.objects.restrict(request.user), pk=pk)
        return xlsx_response(svc.export_results(campaign), f"ket-qua-khao-sat-{campaign.pk}.xlsx")


