"""The task page's "Tiến độ lấy từ" section and the bloc's form that changes a task's binding."""

from auditlog.context import set_actor
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View

from .binding_forms import TaskBindingForm
from .bindings import getattr_binding
from .models import Task
from .permissions import may_bind
from .services import set_binding
from .views import task_page_with_errors


class TaskBindingView(LoginRequiredMixin, View):
    """Bind a task to a record source, change its rule or unbind it (the bloc, from the task page)."""

    def post(self, request, pk):
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
            message = _("Chưa lưu được nguồn tiến độ. Vui lòng sửa các lỗi bên dưới.")
            return task_page_with_errors(request, pk, message, binding_form=form)
        if form.cleaned_data["source"]:
            messages.success(request, _("Đã lưu nguồn tiến độ: tiến độ của nhiệm vụ lấy từ hồ sơ."))
        else:
            messages.success(request, _("Đã bỏ nguồn tiến độ: tiến độ của nhiệm vụ do đơn vị báo cáo."))
        return HttpResponseRedirect(task.get_absolute_url() + "#nguon-tien-do")
