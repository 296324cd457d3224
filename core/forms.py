"""Base forms: unit choices limited to the user's write scope; evidence upload field."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .access import CHANGE, scope_prefix
from .validators import validate_upload


def writable_units(user, model):
    """Units the user may write ``model`` rows for (their subtree, their ward, or all for admins)."""
    from organisations.models import Unit

    prefix = scope_prefix(user, model.access_policy, CHANGE)
    if prefix is None:
        return Unit.objects.none()
    return Unit.objects.filter(path__startswith=prefix, is_active=True)


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy (the portal's one date widget): a text box, not the browser's picker, whose
    format follows the browser's locale."""

    input_type = "text"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%d/%m/%Y")
        super().__init__(**kwargs)
        self.attrs.setdefault("placeholder", "dd/mm/yyyy")
        self.attrs.setdefault("inputmode", "numeric")


class ScopedModelForm(forms.ModelForm):
    """A model form whose unit choices are limited to the units the user may write to."""

    unit_fields = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            units = writable_units(user, self._meta.model)
            for name in self.unit_fields:
                if name in self.fields:
                    self.fields[name].queryset = units


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _evidence_limit():
    return gettext("Ảnh, PDF, Word, Excel; tối đa %(limit)s mỗi tệp.") % {
        "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}


_evidence_help = lazy(_evidence_limit, str)


class EvidenceField(forms.FileField):
    """Several evidence files at once, each checked by the portal's one upload validator."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Tệp minh chứng"))
        kwargs.setdefault("help_text", _evidence_help())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = []
        for uploaded in files:
            uploaded = super().clean(uploaded, initial)
            validate_upload(uploaded)
            cleaned.append(uploaded)
        return cleaned
