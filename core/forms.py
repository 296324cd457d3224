"""Base forms: unit choices limited to the user's write scope; evidence upload field."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import periods
from .access import CHANGE, VIEW, scope_prefix
from .numbers import number
from .validators import validate_upload


def writable_units(user, model):
    """Units the user may write ``model`` rows for (their subtree, their ward, or all for admins)."""
    from organisations.models import Unit

    prefix = scope_prefix(user, model.access_policy, CHANGE)
    if prefix is None:
        return Unit.objects.none()
    return Unit.objects.filter(path__startswith=prefix, is_active=True)


def active_units(user):
    """A form's choice of units: the active units the user may see."""
    from organisations.models import Unit

    return Unit.objects.restrict(user).filter(is_active=True)


def active_people(user):
    """A form's choice of people: the active people the user may see, with their unit (their label names it)."""
    from organisations.models import Person

    return Person.objects.restrict(user).filter(is_active=True).select_related("unit")


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy (the portal's one date widget): a text box, not the browser's picker, whose
    format follows the browser's locale."""

    input_type = "text"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%d/%m/%Y")
        super().__init__(**kwargs)
        self.attrs.setdefault("placeholder", "dd/mm/yyyy")
        self.attrs.setdefault("inputmode", "numeric")


# Bounds of a number nobody declared a bound for: what a ward can count, and the calendar's own limits. The form
# refuses beyond them in Vietnamese and the browser's number box carries them as min/max, so a typo of one zero
# too many is caught before it reaches a report (and a value no column can hold never reaches the database).
COUNT_CEILING = 1_000_000
NAMED_BOUNDS = {"year": (2000, 2100), "quarter": (1, 4), "month": (1, 12), "day": (1, 31)}


def _named_bounds(name):
    for word, bounds in NAMED_BOUNDS.items():
        if name == word or name.endswith(f"_{word}") or name.startswith(f"{word}_"):
            return bounds
    return None


def bound_numbers(form):
    """Give every number field of ``form`` without a declared maximum the portal's bounds."""
    for name, field in form.fields.items():
        if not isinstance(field, forms.IntegerField):  # DecimalField and FloatField are IntegerFields too
            continue
        low, high = _named_bounds(name) or (None, None)
        if high is None:
            high = COUNT_CEILING
            digits, places = getattr(field, "max_digits", None), getattr(field, "decimal_places", None)
            if digits is not None:
                high = 10 ** (digits - (places or 0)) - (10 ** -places if places else 1)
        if field.max_value is None:
            field.max_value = high
            message = gettext("Giá trị lớn nhất là %(limit)s.") % {"limit": number(high)}
            field.validators.append(MaxValueValidator(high, message=message.replace("%", "%%")))
            field.widget.attrs["max"] = str(high)
        if low is not None and field.min_value is None:
            field.min_value = low
            message = gettext("Giá trị nhỏ nhất là %(limit)s.") % {"limit": number(low)}
            field.validators.append(MinValueValidator(low, message=message.replace("%", "%%")))
            field.widget.attrs["min"] = str(low)


class PortalModelForm(forms.ModelForm):
    """The portal's model form: numbers bounded (``bound_numbers``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_numbers(self)


class PortalForm(forms.Form):
    """The portal's plain form: numbers bounded (``bound_numbers``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_numbers(self)


def restrict_form_fields(form, user):
    """Every choice of a related record the user could not open is left out: each field whose rows are read by unit
    (a RestrictedQuerySet) offers only what ``restrict(user)`` admits, as the API's relation fields do. A form then
    narrows further where its rule is narrower (the units one may write to, a ward's people …)."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and hasattr(queryset, "restrict"):
            field.queryset = queryset.restrict(user, VIEW)


class ScopedModelForm(PortalModelForm):
    """A model form whose related choices are limited to what the user may see (``restrict_form_fields``) and whose
    unit choices are limited to the units the user may write to."""

    unit_fields = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            restrict_form_fields(self, user)
            units = writable_units(user, self._meta.model)
            for name in self.unit_fields:
                if name in self.fields:
                    self.fields[name].queryset = units


class EmptyNumbersMixin:
    """Counts a person types in start empty on a new record instead of showing the model's default 0.

    A 0 on the screen reads like a figure someone counted, and on a phone it has to be deleted before typing.
    ``empty_number_fields`` start empty; those also in ``optional_number_fields`` may be left empty and are then
    stored as the model's default, the others must be filled in. Put the mixin before the form class.
    """

    empty_number_fields = ()
    optional_number_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            for name in self.empty_number_fields:
                if name in self.fields:
                    self.fields[name].initial = None
                    self.initial.pop(name, None)
        for name in self.optional_number_fields:
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in self.optional_number_fields:
            if name in self.fields and name not in self.errors and cleaned.get(name) is None:
                cleaned[name] = self._meta.model._meta.get_field(name).get_default()
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _evidence_limit(kinds=None):
    """'<what may be uploaded>; tối đa <the portal's one size limit> mỗi tệp.', the limit read from the setting."""
    return gettext("%(kinds)s; tối đa %(limit)s mỗi tệp.") % {
        "kinds": kinds or gettext("Ảnh, PDF, Word, Excel"), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}


evidence_help = lazy(_evidence_limit, str)


class EvidenceField(forms.FileField):
    """Several evidence files at once, each checked by the portal's one upload validator."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Tệp minh chứng"))
        kwargs.setdefault("help_text", evidence_help())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = []
        for uploaded in files:
            uploaded = super().clean(uploaded, initial)
            validate_upload(uploaded)
            cleaned.append(uploaded)
        return cleaned


def not_after_today(value, message):
    """A form's date of something that has happened (held, reported): ``message`` when it is after today."""
    if value and value > periods.today():
        raise forms.ValidationError(message)
    return value


def add_service_errors(form, error):
    """Put a service's ValidationError on the form that led to it: on the field it names when the form has that
    field, otherwise on top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
