"""The bloc's small form on the task page: which records feed the task, and by which rule; and the context of the
task page's "Tiến độ lấy từ" section around it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.areas import record_source, record_sources
from core.forms import PortalForm

from .bindings import getattr_binding, recent_periods
from .forms import DateInput
from .models import BindingRule
from .permissions import may_bind
from .schedule import describe_rule


class TaskBindingForm(PortalForm):
    source = forms.ChoiceField(label=_("Nguồn hồ sơ"), required=False)
    rule = forms.ChoiceField(label=_("Cách tính mỗi kỳ"), choices=BindingRule.choices, initial=BindingRule.RECORDS)
    count = forms.IntegerField(label=_("N (số hồ sơ hoặc số đơn vị, tổ)"), required=False, min_value=1,
                               max_value=10000)
    percent = forms.IntegerField(label=_("X (%)"), required=False, min_value=1, max_value=100,
                                 help_text=_("Chỉ dùng với cách tính theo tỷ lệ."))
    counts_from = forms.DateField(label=_("Tính từ hồ sơ từ ngày"), required=False, widget=DateInput(),
                                  help_text=_("Để trống để mọi kỳ tính từ hồ sơ; các kỳ có hạn trước ngày này tính "
                                              "theo báo cáo tiến độ nhập tay."))

    def __init__(self, *args, binding=None, **kwargs):
        if binding is not None and not kwargs.get("initial"):
            kwargs["initial"] = {"source": binding.source, "rule": binding.rule, "count": binding.count,
                                 "percent": binding.percent, "counts_from": binding.counts_from}
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("— Không gắn: tiến độ do đơn vị báo cáo —"))] + [
            (source.key, source.label) for source in record_sources()]

    def parameters(self):
        data = self.cleaned_data
        if data["rule"] == BindingRule.SHARE:
            return {"percent": data.get("percent") or 100}
        return {"count": data.get("count") or 1}


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
