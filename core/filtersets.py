"""Base FilterSets: every list (browser and API) gets bounded number filters and ``q``, a search with or without
diacritics."""

from functools import cache, partial
from importlib import import_module

import django_filters
from django import forms
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _
from django_filters.filters import QuerySetRequestMixin
from django_filters.rest_framework import DjangoFilterBackend

from .search import search_queryset

# Bounds of a number typed into a list filter. A value far outside any real one (?year=-1.2e16, ?model=1e48) would
# otherwise reach a date constructor or the database and fail there with a server error; bounded, the form
# refuses it with a Vietnamese message (400 in the API). Years are calendar years; the rest are ids and counts.
YEAR_BOUNDS = (1, 9999)
NUMBER_BOUNDS = (-(2**31), 2**31 - 1)


def key_range(model_field, using="default"):
    """The (lowest, highest) whole number the database holds in ``model_field`` (a key followed to the field it
    points at), or None when the field does not hold whole numbers."""
    while model_field.is_relation and model_field.target_field is not model_field:
        model_field = model_field.target_field
    internal_type = model_field.get_internal_type()
    ops = connections[using].ops
    if internal_type not in ops.integer_field_ranges:
        return None
    return ops.integer_field_range(internal_type)


def integer_key(model_field, value, using="default"):
    """``value`` (as typed in a query string) as a whole number that ``model_field`` can hold, or None: not a
    number, or out of the column's range (SQLite's driver fails on a number beyond 64 bits with OverflowError: a
    server error where the user should be told the value is wrong)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    bounds = key_range(model_field, using)
    low, high = bounds if bounds else (None, None)
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number


KEY_NOT_IN_LIST = _("Không có mục “%(value)s” trong danh sách. Hãy chọn một mục trong danh sách, hoặc để trống "
                    "để không lọc theo mục này.")


class _BoundedKeys:
    """Refuses, before any query, a value that the key column of the field's rows cannot hold (?group= twenty
    nines) or that is no number at all: a 400 / form error saying the entry is not in the list, instead of a
    server error."""

    def refuse_unholdable(self, values):
        model = self.queryset.model
        model_field = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        if key_range(model_field, self.queryset.db) is None:
            return
        null_value = getattr(self, "null_value", None) if getattr(self, "null_label", None) is not None else None
        for value in values:
            if value in self.empty_values or isinstance(value, model) or value == null_value:
                continue
            if integer_key(model_field, value, self.queryset.db) is None:
                raise forms.ValidationError(KEY_NOT_IN_LIST, code="invalid_choice", params={"value": value})


class _BoundedModelChoice(_BoundedKeys):
    def to_python(self, value):
        self.refuse_unholdable([value])
        return super().to_python(value)


class _BoundedModelMultipleChoice(_BoundedKeys):
    def _check_values(self, value):
        self.refuse_unholdable(value)
        return super()._check_values(value)


@cache
def _bounded_field_class(field_class):
    mixin = _BoundedModelMultipleChoice if issubclass(field_class, forms.ModelMultipleChoiceField) else \
        _BoundedModelChoice
    return type(f"Bounded{field_class.__name__}", (mixin, field_class), {})


def _is_year(number_filter):
    return number_filter.lookup_expr == "year" or number_filter.field_name.split("__")[-1].endswith("year")


class BoundedFilterSet(django_filters.FilterSet):
    """Every FilterSet of the portal derives from this one (the API's generated ones too, through PortalFilterBackend):
    its number filters are bounded, a choice of rows refuses a key its table cannot hold (before querying) and
    offers only rows in the user's scope, and a choice left blank reads "— Tất cả —" (no filter;
    FILTERS_EMPTY_CHOICE_LABEL)."""

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        for each in self.filters.values():
            if isinstance(each, django_filters.NumberFilter):
                low, high = YEAR_BOUNDS if _is_year(each) else NUMBER_BOUNDS
                each.extra.setdefault("min_value", low)
                each.extra.setdefault("max_value", high)
            if isinstance(each, django_filters.ModelChoiceFilter):
                each.extra.setdefault("empty_label", settings.FILTERS_EMPTY_CHOICE_LABEL)
            if issubclass(each.field_class, forms.ModelChoiceField):
                each.field_class = _bounded_field_class(each.field_class)
            if isinstance(each, QuerySetRequestMixin):
                self._restrict_choices(each)

    def _restrict_choices(self, each):
        """A choice of rows offers only rows the user may see, as everything else does: a filter built from a
        model field (``filterset_fields``) would otherwise list every ward's plans or petitions by name."""
        queryset = each.queryset
        user = getattr(self.request, "user", None)
        if user is None or not isinstance(queryset, QuerySet) or not hasattr(queryset.model, "access_policy"):
            return
        each.queryset = queryset & queryset.model._default_manager.restrict(user)


class PortalFilterBackend(DjangoFilterBackend):
    """The API's filter backend (REST_FRAMEWORK's default): the FilterSets it builds from ``filterset_fields`` are
    based on the portal's own. It lives here, not in core.api, because DRF imports it while core.api imports DRF."""

    filterset_base = BoundedFilterSet


class PortalFilterSet(BoundedFilterSet):
    """A FilterSet with ``q``: every word typed must appear, with or without diacritics, in one of
    ``search_fields``. By default that is the model's folded ``search_text`` column; a FilterSet of a model
    without one names the text columns to search (``("note",)``, ``("unit__search_text", "document_code")``),
    which the database folds. No FilterSet writes its own ``q``."""

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")
    search_fields: tuple[str, ...] = ("search_text",)

    def search(self, queryset, name, value):
        return search_queryset(queryset, value, self.search_fields)


@cache
def filterset_for(model):
    """The one FilterSet of ``model``, shared by its browser list and its API list: the FilterSet of that model in
    its app's ``filtersets`` module, or None when the app declares none (a viewset then lists ``filterset_fields``).
    A model with a second FilterSet (a narrower one for a public page) has its viewset name the one it uses."""
    config = apps.get_app_config(model._meta.app_label) if model is not None else None
    if config is None or not module_has_submodule(config.module, "filtersets"):
        return None
    module = import_module(f"{config.name}.filtersets")
    found = [value for value in vars(module).values()
             if isinstance(value, type) and issubclass(value, django_filters.FilterSet)
             and value.__module__ == module.__name__ and value._meta.model is model]
    if len(found) > 1:
        raise ImproperlyConfigured(f"{model._meta.label} has {len(found)} FilterSets: name one on the viewset.")
    return found[0] if found else None


class ModelFilterSet:
    """A viewset's ``filterset_class`` when it names none: its model's one FilterSet (``filterset_for``). A viewset
    or an action that names one (even None) keeps it."""

    def __get__(self, view, owner=None):
        return filterset_for((owner if view is None else view).model)


def _visible_units(request, kind=None):
    from organisations.models import Unit

    if not request:
        return Unit.objects.none()
    units = Unit.objects.restrict(request.user)
    return units.filter(kind=kind) if kind else units


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    """A unit filter whose choices are the units the user may see, of one ``kind`` when given (wards, cells)."""

    def __init__(self, *args, kind=None, **kwargs):
        kwargs.setdefault("queryset", partial(_visible_units, kind=kind))
        super().__init__(*args, **kwargs)


def date_range(field_name, after_label=None, before_label=None, **options):
    """A list's "from" and "to" date filters on ``field_name`` (``gte``, then ``lte``), labelled “Từ ngày” and
    “Đến ngày” unless told otherwise: ``held_after, held_before = date_range("held_on")``."""
    return (
        django_filters.DateFilter(label=after_label or _("Từ ngày"), field_name=field_name, lookup_expr="gte",
                                  **options),
        django_filters.DateFilter(label=before_label or _("Đến ngày"), field_name=field_name, lookup_expr="lte",
                                  **options),
    )
