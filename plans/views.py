from datetime import timedelta

from auditlog.context import set_actor
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core import periods
from core.access import CHANGE, may_create, user_may
from core.models import Attachment
from core.notifications import pending_for
from core.pagecache import KeptPageMixin
from core.pagination import paginate
from core.params import query_id
from core.sorting import by_choices, by_unit
from core.views import ObjectCreateView, ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView

from .binding_forms import binding_context
from .filtersets import CellAssignmentFilterSet, PlanFilterSet, TaskFilterSet
from .forms import CellAssignmentForm, ProgressForm, TaskForm
from .models import AreaKind, CellAssignment, Plan, ProgressUpdate, Task, TaskArea, TaskStatus
from .permissions import may_plan_next_year, may_report_progress
from .schedule import occurrence_window, recent_occurrences, status_filter
from .services import record_progress, refresh_task_progress, rollup


def _task_queryset(user, action="view"):
    return (
        Task.objects.restrict(user, action)
        .with_status()
        .select_related("lead_unit", "area", "plan", "plan__ward")
        .prefetch_related("supporting_units")
    )


class HomeView(LoginRequiredMixin, KeptPageMixin, TemplateView):
    template_name = "plans/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = periods.today()
        # The current plan's tasks: a closed plan's unfinished tasks are history, not today's overdue work.
        tasks = _task_queryset(self.request.user).filter(is_done=False).of_current_plans(now)
        context["today"] = now
        overdue = tasks.filter(status_filter(TaskStatus.OVERDUE, now))
        context["overdue"] = list(overdue.order_by("current_due_date")[:50])
        context["due_soon"] = list(
            tasks.filter(current_due_date__gte=now, current_due_date__lte=now + timedelta(days=14)).order_by(
                "current_due_date"
            )[:50]
        )
        context["open_count"] = tasks.count()
        context["open_tasks"] = list(
            tasks.exclude(status_filter(TaskStatus.OVERDUE, now)).order_by("current_due_date", "pk")[:10]
        )
        context["plans"] = list(Plan.objects.restrict(self.request.user).in_effect(now)[:5])
        context["pending"] = pending_for(self.request.user)
        # Above the wards (the city viewer) the lists mix several wards: each task says which one it belongs to.
        context["show_ward"] = self.request.user.ward is None
        return context


class PlanListView(ObjectListView):
    filterset_class = PlanFilterSet
    template_name = "plans/plan_list.html"
    select_related = ("ward",)
    sort_fields = {"code": "code", "title": "title", "issued": "issued_on", "ward": "ward__name"}


class PlanDetailView(KeptPageMixin, ObjectDetailView):
    model = Plan
    select_related = ("ward", "parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        user = self.request.user
        tasks = list(_task_queryset(user).filter(plan=plan).order_by("area__order", "order", "pk"))
        # "Tiến độ chung" is the ward's progress on the whole plan, whoever reads it: computed over every task of
        # the plan, not only those the reader's unit may open (a group leader saw 83,2 % where the bloc saw 75 %).
        all_tasks = list(Task.objects.filter(plan=plan).select_related("plan").order_by("area__order", "order", "pk"))
        visible_ids = {task.pk for task in tasks}
        partial = len(visible_ids) < len(all_tasks)
        by_area, all_by_area = {}, {}
        for task in tasks:
            by_area.setdefault(task.area_id, []).append(task)
        for task in all_tasks:
            all_by_area.setdefault(task.area_id, []).append(task)
        areas = []
        for area in TaskArea.objects.filter(plan=plan).order_by("order"):
            area_tasks = by_area.get(area.pk, [])
            area_rollup = rollup(all_by_area.get(area.pk, []))
            hidden = sum(1 for line in area_rollup.lines if line.task.pk not in visible_ids)
            area_rollup.lines = [line for line in area_rollup.lines if line.task.pk in visible_ids]
            areas.append({"area": area, "tasks": area_tasks, "rollup": area_rollup, "hidden_tasks": hidden,
                          "unit_rollup": rollup(area_tasks) if partial else None})
        context["areas"] = areas
        context["six_areas"] = [a for a in areas if a["area"].kind != AreaKind.IMPLEMENTATION]
        context["plan_rollup"] = rollup(all_tasks)
        # A reader who sees only some tasks also gets their own figure, under its own label.
        context["unit_rollup"] = rollup(tasks) if partial else None
        context["basis"] = plan.basis.all()
        context["limitations"] = plan.limitations.all()
        context["focus_tasks"] = plan.focus_tasks.all()
        context["assignments"] = CellAssignment.objects.filter(plan=plan).select_related("party_cell", "member")
        context["status_counts"] = _status_counts(tasks)
        context["may_change"] = user_may(user, plan, CHANGE)
        context["may_assign_cells"] = may_create(user, CellAssignment)
        return context


def _status_counts(tasks):
    counts = {status: 0 for status in TaskStatus.values}
    for task in tasks:
        counts[task.status] += 1
    return [(TaskStatus(key).label, key, value) for key, value in counts.items()]


class TaskListView(KeptPageMixin, ObjectListView):
    filterset_class = TaskFilterSet
    template_name = "plans/task_list.html"
    # Progress is not sorted: a recurring task's percentage is computed from its occurrences, not stored.
    sort_fields = {"ward": "plan__ward__name", "title": "title", "lead": by_unit("lead_unit"),
                   "due": "current_due_date", "status": by_choices("status_code", TaskStatus)}

    def get_queryset(self):
        queryset = _task_queryset(self.request.user).order_by("plan", "area__order", "order", "pk")
        if not self.request.GET.get("plan"):
            # The current plan unless the reader picks another one: last year's closed plan is history.
            queryset = queryset.of_current_plans(periods.today())
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current_plans_only"] = not self.request.GET.get("plan")
        context["show_ward"] = self.request.user.ward is None
        return context


class TaskDetailView(ObjectDetailView):
    model = Task
    template_name = "plans/task_detail.html"

    def get_queryset(self):
        return _task_queryset(self.request.user)

    occurrences_per_page = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task = self.object
        updates = ProgressUpdate.objects.filter(task=task).select_related("author", "unit")
        if task.is_recurring:
            # One row per period, the most recent first, a page at a time: a weekly task of a year has some fifty.
            now = periods.today()
            met = set(task.occurrences_met)
            paged = paginate(self.request, recent_occurrences(task, now), self.occurrences_per_page)
            page_dues = list(paged["page_obj"].object_list)
            updates = list(updates.filter(occurrence_due__in=page_dues).order_by("-reported_on", "-created_at"))
            by_due = {}
            for update in updates:
                by_due.setdefault(update.occurrence_due, []).append(update)
            context["occurrence_rows"] = [
                {"due": due, "window": occurrence_window(task, due), "met": due.isoformat() in met,
                 "current": due >= now, "updates": by_due.get(due, [])}
                for due in page_dues
            ]
        else:
            paged = paginate(self.request, updates.order_by("-reported_on", "-created_at"), self.occurrences_per_page)
            updates = list(paged["page_obj"].object_list)
        context.update(paged)
        files = Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(ProgressUpdate), object_id__in=[u.pk for u in updates]
        ).select_related("uploaded_by")
        files_by_update = {}
        for attachment in files:
            files_by_update.setdefault(attachment.object_id, []).append(attachment)
        for update in updates:
            update.files = files_by_update.get(update.pk, [])
        context["updates"] = updates
        context["rollup"] = rollup([task])
        context["may_report"] = may_report_progress(self.request.user, task)
        context["form"] = kwargs.get("form") or ProgressForm(task=task)
        context.update(binding_context(self.request.user, task, kwargs.get("binding_form")))
        return context


def task_page_with_errors(request, pk, message, **forms):
    """The task's page again (400) with ``message`` and the form that was not saved, its errors beside its fields:
    the forms posted from the task page (progress, progress source) answer a mistake the same way."""
    view = TaskDetailView()
    view.setup(request, pk=pk)
    view.object = _task_queryset(request.user).get(pk=pk)
    messages.error(request, message)
    return render(request, TaskDetailView.template_name, view.get_context_data(**forms), status=400)


class ProgressCreateView(LoginRequiredMixin, View):
    """Record a progress update with evidence from the task page."""

    def post(self, request, pk):
        task = get_object_or_404(Task.objects.restrict(request.user).select_related("plan"), pk=pk)
        if not may_report_progress(request.user, task):
            raise Http404
        form = ProgressForm(request.POST, request.FILES, task=task)
        if not form.is_valid():
            message = _("Chưa lưu được báo cáo tiến độ. Vui lòng sửa các lỗi bên dưới.")
            return task_page_with_errors(request, pk, message, form=form)
        with transaction.atomic(), set_actor(request.user):
            record_progress(
                task,
                percent=form.cleaned_data["percent"],
                note=form.cleaned_data["note"],
                reported_on=form.cleaned_data["reported_on"],
                occurrence_due=form.cleaned_data.get("occurrence_due"),
                author=request.user,
                unit=request.user.unit,
                files=form.cleaned_data["evidence"],
            )
        messages.success(request, _("Đã lưu báo cáo tiến độ."))
        return HttpResponseRedirect(task.get_absolute_url())


class TaskSavedMixin:
    """A task saved from its form gets its derived fields (status, next due date, percent) computed again: a new
    task starts from no progress, an edited schedule re-judges the progress it has."""

    form_class = TaskForm

    def save_object(self, form):
        task = form.save()
        refresh_task_progress(task)
        return task


class TaskCreateView(TaskSavedMixin, ObjectCreateView):
    form_class = TaskForm


class TaskEditView(TaskSavedMixin, ObjectEditView):
    form_class = TaskForm


# --- Party cells directed by Standing Committee members (phân công phụ trách) ---------------------

class CellAssignmentListView(ObjectListView):
    filterset_class = CellAssignmentFilterSet
    template_name = "plans/cell_assignment_list.html"
    sort_fields = {"member": "member__full_name", "cell": by_unit("party_cell"), "plan": ("plan__code", "plan__title")}
    select_related = ("plan", "party_cell", "member")
    page_title = gettext_lazy("Phân công phụ trách chi bộ")

    def get_queryset(self):
        return super().get_queryset().order_by("plan", "member__full_name", "party_cell__path", "pk")


class CellAssignmentDetailView(ObjectDetailView):
    model = CellAssignment
    template_name = "plans/cell_assignment_detail.html"
    select_related = ("plan", "party_cell", "member", "member__unit")


class CellAssignmentSaveMixin:
    form_class = CellAssignmentForm
    template_name = "core/object_form.html"
    success_message = gettext_lazy("Đã lưu phân công phụ trách chi bộ.")

    def get_success_url(self):
        return f"{reverse('plans:cell_assignment_list')}?plan={self.object.plan_id}"


class CellAssignmentCreateView(CellAssignmentSaveMixin, ObjectCreateView):
    model = CellAssignment
    denied_message = gettext_lazy("Chỉ Ban Thường vụ Đảng ủy (và quản trị) được phân công phụ trách chi bộ.")
    cancel_url = reverse_lazy("plans:cell_assignment_list")

    def get_initial(self):
        initial = super().get_initial()
        for name in ("plan", "party_cell", "member"):
            if query_id(self.request, name):
                initial[name] = query_id(self.request, name)
        return initial


class CellAssignmentEditView(CellAssignmentSaveMixin, ObjectEditView):
    model = CellAssignment


class CellAssignmentDeleteView(ObjectDeleteView):
    model = CellAssignment

    def get_success_url(self):
        return f"{reverse('plans:cell_assignment_list')}?plan={self.object.plan_id}"


class NextYearPlanView(LoginRequiredMixin, TemplateView):
    """"Lập kế hoạch năm sau": a preview of the plan made from this one (nothing written), saved on confirmation."""

    template_name = "plans/next_year_plan.html"

    def get_plan(self):
        from django.core.exceptions import PermissionDenied


        plan = get_object_or_404(Plan.objects.restrict(self.request.user), pk=self.kwargs["pk"])
        if not may_plan_next_year(self.request.user, plan):
            raise PermissionDenied(_("Chỉ Khối Dân vận lập kế hoạch năm sau."))
        return plan

    def target_year(self, plan):
        from core.params import query_int

        year = query_int(self.request, "year", plan.year + 1)
        return year if plan.year < year <= plan.year + 10 else plan.year + 1

    def get_context_data(self, **kwargs):
        from .yearplan import next_year_plan

        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        context["plan"] = plan
        context["preview"] = next_year_plan(plan, self.request.user, self.target_year(plan))
        context["page_title"] = _("Lập kế hoạch năm sau")
        return context

    def post(self, request, pk):
        from .yearplan import next_year_plan

        plan = self.get_plan()
        try:
            year = int(request.POST.get("year", plan.year + 1))
        except ValueError:
            year = plan.year + 1
        if not plan.year < year <= plan.year + 10:
            year = plan.year + 1
        with transaction.atomic(), set_actor(request.user):
            result = next_year_plan(plan, request.user, year, commit=True)
        messages.success(request, _("Đã lập kế hoạch năm %(y)s.") % {"y": year})
        return HttpResponseRedirect(result["plan"].get_absolute_url())
