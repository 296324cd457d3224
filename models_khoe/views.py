"""Pages of the "Dân vận khéo" movement. Thin: they read restricted querysets and call services.py."""

from auditlog.context import set_actor
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core import periods
from core.access import CHANGE, VIEW, user_may
from core.forms import add_service_errors
from core.models import Attachment
from core.numbers import number as plain_number
from core.params import query_year
from core.sorting import by_choices, by_unit
from core.views import ObjectActionView, ObjectDetailView, ObjectListView
from core.wards import has_own_ward, own_ward_or_404
from organisations.models import Role

from . import permissions, services
from .filtersets import MobilizationModelFilterSet
from .forms import (
    ActivityForm,
    AppraisalForm,
    BlocForm,
    CriterionFormSet,
    EvaluatorForm,
    EvidenceForm,
    IndicatorFormSet,
    IndicatorValueForm,
    PublicityForm,
    RecognitionForm,
    RegistrationForm,
    ReplicationForm,
    RoundForm,
    ScoreForm,
    indicator_initial,
)
from .models import (
    PROGRESS_STATUSES,
    RECOGNISED_STATUSES,
    Activity,
    Bloc,
    Evaluation,
    EvaluatorAssignment,
    Field,
    MobilizationModel,
    Recognition,
    RecognitionRound,
    Status,
)


def _years(queryset):
    """The years to choose from: those with models, and always the current one."""
    return sorted({*queryset.values_list("year", flat=True), periods.today().year}, reverse=True)


def _selected_year(request, years):
    """The year asked for, else the current one (a yearly page opens on this year's work, not the last with data)."""
    return query_year(request, "nam", periods.today().year)


class TabsMixin:
    """The area's tabs (list, ranking, to-do, blocs, recognition) on every page of the area."""

    tab = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tab"] = self.tab
        user = self.request.user
        context["todo_count"] = services.todo_for(user).count()
        context["may_manage"] = user.ward is not None and permissions.may_manage_blocs(user, user.ward)
        return context


# --- Lists and registration ------------------------------------------------------------------------------

class ModelListView(TabsMixin, ObjectListView):
    filterset_class = MobilizationModelFilterSet
    template_name = "models_khoe/model_list.html"
    sort_fields = {"name": "name", "unit": by_unit("unit"), "field": by_choices("field", Field), "bloc": "bloc__name",
                   "year": "year", "status": by_choices("status", Status)}
    select_related = ("unit", "bloc")
    page_title = gettext_lazy("Mô hình, điển hình “Dân vận khéo”")
    tab = "list"

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "bloc__order", "field", "name")

    def may_add(self):
        from .forms import units_worked_for

        user = self.request.user
        return units_worked_for(user).exists() and user.role != Role.STANDING and not user.is_overseer


def _registration_response(request, form, formset, status=200, model=None):
    title = _("Sửa đăng ký: %(name)s") % {"name": model.name} if model else _("Đăng ký mô hình, điển hình")
    context = {"form": form, "formset": formset, "page_title": title, "object": model, "tab": "list"}
    return render(request, "models_khoe/model_form.html", context, status=status)


class RegisterView(LoginRequiredMixin, View):
    def get(self, request):
        return _registration_response(request, RegistrationForm(user=request.user), IndicatorFormSet(prefix="ct"))

    def post(self, request):
        form = RegistrationForm(request.POST, user=request.user)
        formset = IndicatorFormSet(request.POST, prefix="ct")
        if form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic(), set_actor(request.user):
                    model = services.register(request.user, data=form.service_data(), indicators=formset.rows())
                    if not user_may(request.user, model, CHANGE):
                        raise PermissionDenied
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã gửi đăng ký “%(name)s”; Khối Dân vận sẽ thẩm định.")
                                 % {"name": model.name})
                return HttpResponseRedirect(model.get_absolute_url())
        messages.error(request, _("Chưa gửi được đăng ký. Vui lòng sửa các lỗi bên dưới."))
        return _registration_response(request, form, formset, status=400)


class ReviseView(LoginRequiredMixin, View):
    def get_object(self, request, pk):
        model = get_object_or_404(MobilizationModel.objects.restrict(request.user, CHANGE), pk=pk)
        if not permissions.may_revise(request.user, model):
            raise PermissionDenied(_("Đăng ký này không sửa được (đã phê duyệt, hoặc không thuộc đơn vị bạn)."))
        return model

    def get(self, request, pk):
        model = self.get_object(request, pk)
        form = RegistrationForm(instance=model, user=request.user, initial={"year": model.year})
        formset = IndicatorFormSet(prefix="ct", initial=indicator_initial(model))
        return _registration_response(request, form, formset, model=model)

    def post(self, request, pk):
        model = self.get_object(request, pk)
        form = RegistrationForm(request.POST, instance=model, user=request.user)
        formset = IndicatorFormSet(request.POST, prefix="ct", initial=indicator_initial(model))
        if form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic(), set_actor(request.user):
                    model = services.revise(request.user, model, data=form.service_data(),
                                            indicators=formset.rows())
                    if not user_may(request.user, model, CHANGE):
                        raise PermissionDenied
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã gửi lại đăng ký (lần %(n)s) để thẩm định.") % {"n": model.version})
                return HttpResponseRedirect(model.get_absolute_url())
        messages.error(request, _("Chưa gửi được đăng ký. Vui lòng sửa các lỗi bên dưới."))
        model.refresh_from_db()
        return _registration_response(request, form, formset, status=400, model=model)


# --- The model's page -------------------------------------------------------------------------------------

class ModelDetailView(TabsMixin, ObjectDetailView):
    model = MobilizationModel
    template_name = "models_khoe/model_detail.html"
    select_related = ("unit", "bloc", "ward", "person", "task", "created_by")
    tab = "list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = self.object
        user = self.request.user
        indicators = list(model.indicators.prefetch_related("values"))
        latest = {}
        for indicator in indicators:
            values = list(indicator.values.all())
            indicator.history = values
            if values:
                latest[indicator.pk] = values[-1]
        results = services.indicator_results(model, indicators, latest)
        context["results"] = results
        context["targets_met"] = services.targets_met(results)
        activities = list(model.activities.select_related("recorded_by"))
        files = Attachment.objects.filter(content_type=ContentType.objects.get_for_model(Activity),
                                          object_id__in=[a.pk for a in activities]).select_related("uploaded_by")
        by_activity = {}
        for attachment in files:
            by_activity.setdefault(attachment.object_id, []).append(attachment)
        for activity in activities:
            activity.files = by_activity.get(activity.pk, [])
        context["activities"] = activities
        context["publicity"] = list(model.publicity.all())
        context["spread"] = services.spread_of(context["publicity"])
        context["appraisals"] = list(model.appraisals.select_related("appraiser"))
        context["version_count"] = model.versions.count()
        summary = services.evaluation_summary(model)
        context["summary"] = summary
        context["entry"] = services.entry_for(model) if summary.is_ranked else None
        context["own_evaluation"] = Evaluation.objects.filter(model=model, evaluator=user).first()
        context["evaluations"] = (list(Evaluation.objects.restrict(user).filter(model=model).select_related(
            "evaluator")) if permissions.is_ward_bloc(user, model.ward) or user.role == Role.STANDING else [])
        context["recognition"] = Recognition.objects.filter(model=model).select_related("round").first()
        context["replications"] = list(model.replications.select_related("adopting_unit"))
        context["is_underway"] = model.status in PROGRESS_STATUSES
        context["may_revise"] = permissions.may_revise(user, model)
        context["may_appraise"] = permissions.may_appraise(user, model)
        context["may_report"] = permissions.may_report(user, model)
        context["may_score"] = permissions.may_score(user, model)
        context["may_recognise"] = permissions.may_recognise(user, model)
        context["may_replicate"] = permissions.may_replicate(user, model)
        forms = {
            "appraisal_form": lambda: AppraisalForm(),
            "value_form": lambda: IndicatorValueForm(model=model),
            "activity_form": lambda: ActivityForm(),
            "publicity_form": lambda: PublicityForm(),
            "evidence_form": lambda: EvidenceForm(),
            "recognition_form": lambda: RecognitionForm(),
            "replication_form": lambda: ReplicationForm(user=user, model=model),
        }
        for name, make in forms.items():
            context[name] = kwargs.get(name) or make()
        return context


class ModelActionView(ObjectActionView):
    """A POST from the model's page: a form checked here, a service call, back to the page.

    An invalid form or a refused transition shows the page again with the reasons next to the form. The services
    check who may take each step, so the registration is looked up among those the user may see.
    """

    model = MobilizationModel
    action = VIEW
    detail_view = ModelDetailView
    success_message = ""
    error_message = gettext_lazy("Chưa lưu được. Vui lòng xem lỗi bên dưới.")


class AppraiseView(ModelActionView):
    form_name = "appraisal_form"
    anchor = "#tham-dinh"

    def get_form(self, model):
        return AppraisalForm(self.request.POST)

    def perform(self, model, form):
        if form.cleaned_data["decision"] == AppraisalForm.APPROVE:
            services.approve(self.request.user, model, form.cleaned_data["comments"])
            self.success_message = _("Đã phê duyệt và giao nhiệm vụ cho %(unit)s.") % {"unit": model.unit}
        else:
            services.return_for_revision(self.request.user, model, form.cleaned_data["comments"])
            self.success_message = _("Đã trả lại đăng ký để đơn vị chỉnh sửa.")


class IndicatorValueView(ModelActionView):
    form_name = "value_form"
    anchor = "#chi-tieu"
    success_message = gettext_lazy("Đã cập nhật kết quả chỉ tiêu.")

    def get_form(self, model):
        return IndicatorValueForm(self.request.POST, model=model)

    def perform(self, model, form):
        data = form.cleaned_data
        services.record_indicator_value(self.request.user, data["indicator"], value=data["value"],
                                        measured_on=data["measured_on"], note=data["note"])


class ActivityCreateView(ModelActionView):
    form_name = "activity_form"
    anchor = "#hoat-dong"
    success_message = gettext_lazy("Đã ghi nhận hoạt động.")

    def get_form(self, model):
        return ActivityForm(self.request.POST, self.request.FILES)

    def perform(self, model, form):
        data = form.cleaned_data
        services.record_activity(self.request.user, model, held_on=data["held_on"], title=data["title"],
                                 description=data["description"], participants=data["participants"],
                                 files=data["evidence"])


class PublicityCreateView(ModelActionView):
    form_name = "publicity_form"
    anchor = "#tuyen-truyen"
    success_message = gettext_lazy("Đã ghi nhận tin tuyên truyền.")

    def get_form(self, model):
        return PublicityForm(self.request.POST)

    def perform(self, model, form):
        data = form.cleaned_data
        services.record_publicity(self.request.user, model, channel=data["channel"], published_on=data["published_on"],
                                  title=data["title"], link=data["link"], reach=data["reach"])


class EvidenceCreateView(ModelActionView):
    form_name = "evidence_form"
    anchor = "#minh-chung"
    success_message = gettext_lazy("Đã tải lên minh chứng.")

    def get_form(self, model):
        return EvidenceForm(self.request.POST, self.request.FILES)

    def perform(self, model, form):
        services.attach_evidence(self.request.user, model, form.cleaned_data["files"], form.cleaned_data["description"])


class RecogniseView(ModelActionView):
    form_name = "recognition_form"
    anchor = "#cong-nhan"
    success_message = gettext_lazy("Đã công nhận mô hình, điển hình; giấy chứng nhận đã sẵn sàng.")

    def get_form(self, model):
        return RecognitionForm(self.request.POST)

    def perform(self, model, form):
        services.recognise(self.request.user, model, achievement=form.cleaned_data["achievement"],
                           proposed_to_city=form.cleaned_data["proposed_to_city"])


class ReplicationCreateView(ModelActionView):
    form_name = "replication_form"
    anchor = "#nhan-rong"
    success_message = gettext_lazy("Đã ghi nhận đơn vị nhân rộng mô hình.")

    def get_form(self, model):
        return ReplicationForm(self.request.POST, user=self.request.user, model=model)

    def perform(self, model, form):
        data = form.cleaned_data
        services.record_replication(self.request.user, model, adopting_unit=data["adopting_unit"],
                                    started_on=data["started_on"], results=data["results"],
                                    beneficiaries=data["beneficiaries"])


class VersionsView(TabsMixin, ObjectDetailView):
    """Every submitted version of the registration, what changed, and the appraisal of each."""

    model = MobilizationModel
    template_name = "models_khoe/versions.html"
    select_related = ("unit",)
    tab = "list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = list(self.object.versions.select_related("created_by"))
        appraisals = {}
        for appraisal in self.object.appraisals.select_related("appraiser"):
            appraisals.setdefault(appraisal.version, []).append(appraisal)
        previous = None
        for version in versions:
            version.changes = services.version_changes(previous.content, version.content) if previous else []
            version.appraisal_list = appraisals.get(version.number, [])
            previous = version
        context["versions"] = list(reversed(versions))
        return context


class ScoreView(TabsMixin, LoginRequiredMixin, TemplateView):
    """An evaluator's score sheet for one model, on its bloc's rubric."""

    template_name = "models_khoe/score.html"
    tab = "todo"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(MobilizationModel.objects.restrict(request.user).select_related(
            "bloc", "unit"), pk=kwargs["pk"])
        if not permissions.may_score(request.user, self.object):
            raise PermissionDenied(_("Bạn không được phân công chấm mô hình này, hoặc mô hình chưa đến kỳ chấm."))
        self.criteria = list(self.object.bloc.criteria.filter(is_active=True).order_by("order", "pk"))
        self.evaluation = Evaluation.objects.filter(model=self.object, evaluator=request.user).prefetch_related(
            "scores").first()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["form"] = kwargs.get("form") or ScoreForm(criteria=self.criteria, evaluation=self.evaluation)
        context["max_total"] = services.max_total(self.object.bloc)
        context["results"] = services.indicator_results(self.object)
        context["page_title"] = _("Chấm điểm: %(name)s") % {"name": self.object.name}
        return context

    def post(self, request, pk):
        form = ScoreForm(request.POST, criteria=self.criteria, evaluation=self.evaluation)
        if form.is_valid():
            try:
                with transaction.atomic(), set_actor(request.user):
                    evaluation = services.record_score(request.user, self.object, form.points(),
                                                       form.cleaned_data["note"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã lưu phiếu chấm: %(total)s điểm.")
                                 % {"total": plain_number(evaluation.total)})
                return HttpResponseRedirect(reverse("models_khoe:todo"))
        messages.error(request, _("Chưa lưu được phiếu chấm. Vui lòng xem lỗi bên dưới."))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TodoView(TabsMixin, LoginRequiredMixin, TemplateView):
    """What the evaluator still has to score, and what they scored."""

    template_name = "models_khoe/todo.html"
    tab = "todo"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["page_title"] = _("Việc cần chấm")
        context["todo"] = list(services.todo_for(user))
        context["assignments"] = list(EvaluatorAssignment.objects.filter(evaluator=user).select_related("bloc")
                                      .order_by("-year", "bloc__order"))
        context["scored"] = list(Evaluation.objects.filter(evaluator=user).select_related("model", "model__unit")
                                 .order_by("-scored_at")[:50])
        return context


class RankingView(TabsMixin, LoginRequiredMixin, TemplateView):
    template_name = "models_khoe/ranking.html"
    tab = "ranking"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = MobilizationModel.objects.restrict(self.request.user)
        years = _years(visible)
        year = _selected_year(self.request, years)
        context.update(page_title=_("Xếp hạng năm %(year)s") % {"year": year}, years=years, year=year,
                       groups=services.ranking(visible.filter(year=year)))
        return context


# --- Blocs, rubrics, evaluators --------------------------------------------------------------------------

class BlocListView(TabsMixin, LoginRequiredMixin, TemplateView):
    template_name = "models_khoe/bloc_list.html"
    tab = "blocs"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ward = self.request.user.ward
        if ward is not None and permissions.may_manage_blocs(self.request.user, ward):
            services.ensure_default_blocs(ward)
        blocs = list(Bloc.objects.restrict(self.request.user).prefetch_related("criteria").order_by("order", "name"))
        for bloc in blocs:
            bloc.total = services.max_total(bloc)
        context["page_title"] = _("Khối thi đua và tiêu chí chấm")
        context["blocs"] = blocs
        return context


class BlocCreateView(TabsMixin, LoginRequiredMixin, TemplateView):
    template_name = "core/object_form.html"
    tab = "blocs"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.ward = own_ward_or_404(request.user)
        if not permissions.may_manage_blocs(request.user, self.ward):
            raise PermissionDenied(_("Chỉ Khối Dân vận Đảng ủy quản lý khối thi đua."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or BlocForm()
        context["page_title"] = _("Thêm khối thi đua")
        context["cancel_url"] = reverse("models_khoe:bloc_list")
        return context

    def post(self, request):
        form = BlocForm(request.POST, instance=Bloc(ward=self.ward))
        if form.is_valid():
            with transaction.atomic(), set_actor(request.user):
                bloc = form.save()
                services.ensure_default_blocs(self.ward)
            messages.success(request, _("Đã thêm khối “%(name)s”; hãy nhập tiêu chí chấm.") % {"name": bloc})
            return HttpResponseRedirect(bloc.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class BlocDetailView(TabsMixin, ObjectDetailView):
    """A bloc: its details, its rubric (editable until scoring starts) and its evaluators by year."""

    model = Bloc
    tab = "blocs"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bloc = self.object
        user = self.request.user
        may_manage = permissions.may_manage_blocs(user, bloc.ward)
        context["may_manage_bloc"] = may_manage
        context["locked"] = services.rubric_locked(bloc)
        context["criteria"] = list(bloc.criteria.order_by("order", "pk"))
        context["max_total"] = services.max_total(bloc)
        context["assignments"] = list(bloc.evaluator_assignments.select_related("evaluator", "evaluator__unit")
                                      .order_by("-year", "evaluator__last_name"))
        if may_manage:
            context["bloc_form"] = kwargs.get("bloc_form") or BlocForm(instance=bloc, prefix="khoi")
            context["criteria_formset"] = kwargs.get("criteria_formset") or CriterionFormSet(
                queryset=bloc.criteria.order_by("order", "pk"), prefix="tc")
            context["evaluator_form"] = kwargs.get("evaluator_form") or EvaluatorForm(ward=bloc.ward, prefix="nc")
        return context


class BlocActionView(BlocDetailView):
    """A form posted from a bloc's page, one view per form; errors show on that page."""

    http_method_names = ["post"]

    def post(self, request, pk):
        self.object = get_object_or_404(Bloc.objects.restrict(request.user, CHANGE), pk=pk)
        if not permissions.may_manage_blocs(request.user, self.object.ward):
            raise PermissionDenied(_("Chỉ Khối Dân vận Đảng ủy quản lý khối thi đua."))
        with set_actor(request.user):
            return self.act(request, self.object)

    def act(self, request, bloc):
        raise NotImplementedError

    def invalid(self, **forms):
        messages.error(self.request, _("Chưa lưu được. Vui lòng xem lỗi bên dưới."))
        return self.render_to_response(self.get_context_data(object=self.object, **forms), status=400)


class BlocEditView(BlocActionView):
    def act(self, request, bloc):
        form = BlocForm(request.POST, instance=bloc, prefix="khoi")
        if not form.is_valid():
            return self.invalid(bloc_form=form)
        form.save()
        messages.success(request, _("Đã lưu thông tin khối."))
        return HttpResponseRedirect(bloc.get_absolute_url())


class BlocCriteriaView(BlocActionView):
    def act(self, request, bloc):
        formset = CriterionFormSet(request.POST, queryset=bloc.criteria.order_by("order", "pk"), prefix="tc")
        if services.rubric_locked(bloc):
            messages.error(request, _("Đang chấm điểm theo bộ tiêu chí này: không sửa được tiêu chí."))
            return HttpResponseRedirect(bloc.get_absolute_url())
        if not formset.is_valid():
            return self.invalid(criteria_formset=formset)
        with transaction.atomic():
            for criterion in formset.save(commit=False):
                criterion.bloc = bloc
                criterion.save()
        messages.success(request, _("Đã lưu bộ tiêu chí: tổng %(total)s điểm.")
                         % {"total": plain_number(services.max_total(bloc))})
        return HttpResponseRedirect(bloc.get_absolute_url())


class EvaluatorAssignView(BlocActionView):
    def act(self, request, bloc):
        form = EvaluatorForm(request.POST, ward=bloc.ward, prefix="nc")
        if form.is_valid():
            try:
                services.assign_evaluator(request.user, bloc, form.cleaned_data["year"],
                                          form.cleaned_data["evaluator"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã phân công người chấm."))
                return HttpResponseRedirect(f"{bloc.get_absolute_url()}#nguoi-cham")
        return self.invalid(evaluator_form=form)


class EvaluatorRemoveView(BlocActionView):
    def act(self, request, bloc):
        assignment = get_object_or_404(EvaluatorAssignment, pk=request.POST.get("assignment"), bloc=bloc)
        try:
            services.remove_evaluator(request.user, assignment)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã bỏ phân công người chấm."))
        return HttpResponseRedirect(f"{bloc.get_absolute_url()}#nguoi-cham")


# --- Recognition, certificates ------------------------------------------------------------------------------

class RoundView(TabsMixin, LoginRequiredMixin, TemplateView):
    """The year's recognition: the list of recognised models, the proposal to the city, the ceremony."""

    template_name = "models_khoe/round_detail.html"
    tab = "round"
    may_open = staticmethod(has_own_ward)

    def setup_round(self, request, year):
        self.ward = own_ward_or_404(request.user)
        self.year = year
        self.round = RecognitionRound.objects.restrict(request.user).filter(ward=self.ward, year=year).first()
        self.may_manage = permissions.may_manage_blocs(request.user, self.ward)

    def get(self, request, year):
        self.setup_round(request, year)
        return super().get(request, year=year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recognitions = []
        if self.round is not None:
            recognitions = list(Recognition.objects.restrict(self.request.user).filter(round=self.round)
                                .select_related("model", "model__unit", "model__bloc").order_by(
                                    "model__bloc__order", "model__field", "rank", "certificate_number"))
        context["page_title"] = _("Công nhận, biểu dương năm %(year)s") % {"year": self.year}
        context["year"] = self.year
        context["round"] = self.round
        context["recognitions"] = recognitions
        context["proposed"] = [r for r in recognitions if r.proposed_to_city]
        context["suggested"] = {r.pk for r in services.suggested_proposals(recognitions)}
        context["waiting"] = list(MobilizationModel.objects.restrict(self.request.user).filter(
            ward=self.ward, year=self.year, status=Status.EVALUATED).select_related("unit", "bloc"))
        context["may_manage_round"] = self.may_manage
        context["years"] = sorted({self.year, periods.today().year, *RecognitionRound.objects.restrict(
            self.request.user).filter(ward=self.ward).values_list("year", flat=True)}, reverse=True)
        if self.may_manage:
            instance = self.round or RecognitionRound(ward=self.ward, year=self.year,
                                                      decided_on=services.round_default_date(self.year))
            context["round_form"] = kwargs.get("round_form") or RoundForm(instance=instance)
        return context


class RoundActionView(RoundView):
    """A form posted from the year's recognition page, one view per form."""

    http_method_names = ["post"]

    def post(self, request, year):
        self.setup_round(request, year)
        if not self.may_manage:
            raise PermissionDenied(_("Chỉ Khối Dân vận Đảng ủy lập danh sách công nhận, biểu dương."))
        with set_actor(request.user):
            return self.act(request, year)

    def act(self, request, year):
        raise NotImplementedError


class RoundEditView(RoundActionView):
    def act(self, request, year):
        form = RoundForm(request.POST, instance=self.round or RecognitionRound(ward=self.ward, year=year))
        if not form.is_valid():
            messages.error(request, _("Chưa lưu được. Vui lòng xem lỗi bên dưới."))
            return self.render_to_response(self.get_context_data(round_form=form), status=400)
        with transaction.atomic():
            round_ = form.save()
            if round_.ceremony_on:
                services.schedule_ceremony(request.user, round_)
        messages.success(request, _("Đã lưu thông tin đợt công nhận."))
        return HttpResponseRedirect(reverse("models_khoe:round_detail", args=[year]))


class RoundProposalView(RoundActionView):
    def act(self, request, year):
        chosen = set(request.POST.getlist("proposed"))
        with transaction.atomic():
            for recognition in Recognition.objects.restrict(request.user, CHANGE).filter(round=self.round):
                services.set_proposal(request.user, recognition, str(recognition.pk) in chosen)
        messages.success(request, _("Đã lưu danh sách đề nghị Thành ủy biểu dương."))
        return HttpResponseRedirect(reverse("models_khoe:round_detail", args=[year]))


def round_latest(request):
    """The recognition page of the current year (earlier years are a choice on that page)."""
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('login')}?next={request.path}")
    own_ward_or_404(request.user)
    year = periods.today().year
    return HttpResponseRedirect(reverse("models_khoe:round_detail", args=[year]))


round_latest.may_open = has_own_ward


def _pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CertificateView(LoginRequiredMixin, View):
    def get(self, request, pk):
        from .pdf import render_certificate

        model = get_object_or_404(MobilizationModel.objects.restrict(request.user), pk=pk,
                                  status__in=RECOGNISED_STATUSES)
        recognition = get_object_or_404(Recognition.objects.select_related("round"), model=model)
        return _pdf_response(render_certificate(recognition), f"giay-chung-nhan-dvk-{model.year}-{model.pk}.pdf")


class ProposalPdfView(LoginRequiredMixin, View):
    def get(self, request, year):
        from .pdf import render_proposal

        ward = own_ward_or_404(request.user)
        round_ = get_object_or_404(RecognitionRound.objects.restrict(request.user), ward=ward, year=year)
        return _pdf_response(render_proposal(round_, request.user), f"de-nghi-bieu-duong-dvk-{year}.pdf")


# --- Public page (no login) ------------------------------------------------------------------------------------

class PublicListView(TemplateView):
    template_name = "models_khoe/public_list.html"
    paginate_by = 12

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        from .filtersets import PublicModelFilterSet

        context = super().get_context_data(**kwargs)
        filterset = PublicModelFilterSet(self.request.GET, queryset=services.public_models())
        paginator = Paginator(filterset.qs, self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        covers = services.public_covers(page.object_list)
        for model in page.object_list:
            model.cover = covers.get(model.pk)
            model.ward_label = services.ward_label(model.ward)
        context.update(filter=filterset, page_obj=page, paginator=paginator, is_paginated=page.has_other_pages(),
                       object_list=page.object_list,
                       page_title=_("Mô hình, điển hình “Dân vận khéo” tiêu biểu"), fields=Field.choices)
        return context


class PublicDetailView(TemplateView):
    template_name = "models_khoe/public_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = get_object_or_404(services.public_models(), pk=kwargs["pk"])
        model.ward_label = services.ward_label(model.ward)
        context.update(
            object=model,
            recognition=model.recognition,
            results=services.indicator_results(model),
            photos=list(services.public_photos(model)),
            replications=list(model.replications.select_related("adopting_unit")),
            page_title=model.name,
        )
        return context


def public_photo(request, pk):
    """A photo of a recognised model, for the public page: images only, never other evidence files."""
    from django.http import FileResponse

    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    if not services.is_public_photo(attachment):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=attachment.mime_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "public, max-age=3600"
    return response
