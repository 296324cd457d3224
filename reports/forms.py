from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm, PortalModelForm

from .models import QuarterlyReport


class NarrativeForm(PortalModelForm):
    class Meta:
        model = QuarterlyReport
        fields = ["results", "limitations", "causes", "next_steps"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}


class UnitReportForm(PortalForm):
    text = forms.CharField(
        label=_("Kết quả thực hiện trong quý"), widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Hãy nhập kết quả thực hiện trong quý.")},
        help_text=_("Những việc đã làm, kết quả cụ thể, hạn chế và đề xuất của đơn vị."),
    )
