"""The task page's "Tiến độ lấy từ" section and the bloc's form that changes a task's binding."""

from auditlog.context import set_actor
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from core.access import CHANGE, user_may
from core.areas import record_source

from .binding_forms import TaskBindingForm
from .bindings import describe_rule, getattr_binding, recent_periods, set_binding
from .models import Task


def may_bind(user, task):
    """The bloc (and admins) decide which records feed a task: those who may change the plan."""
    return user_may(user, task.plan, CHANGE)


def binding_context(user, task, form=None):
    binding = getattr_binding(task)
    source = record_source(binding.source) if binding else None
    context = {"binding": binding, "binding_source": source, "may_bind": may_bind(user, task)}
    if binding is not None:
        context["binding_rule"] = describe_rule(binding, source)
        context["binding_periods"] = recent_periods(task, binding, user=user)
    if context["may_bind"]:
        context["binding_form"] = form or TaskBindingForm(binding=binding)
    return context


class TaskBindingView(LoginRequiredMixin, View):
    """Bind a task to a record source, change its rule or unbind it (the bloc, from the task page)."""

    def post(self, request, pk):
        from .views import TaskDetailView, _task_queryset

        task = get_object_or_404(Task.objects.restrict(request.user).select_related("plan", "plan__ward"), pk=pk)
        if not may_bind(request.user, task):
            raise Http404
        form = TaskBindingForm(request.POST, binding=getattr_binding(task))
        if form.is_valid():
            try:
                with set_actor(request.user):
                    set_binding(task, form.cleaned_data["source"], form.cleaned_data["rule"], form.parameters(),
                                form.cleaned_data.get("counts_from"))
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
        if not form.is_valid():
            view = TaskDetailView()
            view.setup(request, pk=pk)
            view.object = _task_queryset(request.user).get(pk=pk)
            messages.error(request, _("Chưa lưu được nguồn tiến độ. Vui lòng sửa các lỗi bên dưới."))
            return render(request, TaskDetailView.template_name, view.get_context_data(binding_form=form), status=400)
        if form.cleaned_data["source"]:
            messages.success(request, _("Đã lưu nguồn tiến độ: tiến độ của nhiệm vụ lấy từ hồ sơ."))
        else:
            messages.success(request, _("Đã bỏ nguồn tiến độ: tiến độ của nhiệm vụ do đơn vị báo cáo."))
        return HttpResponseRedirect(task.get_absolute_url() + "#nguon-tien-do")
