"""Base FilterSets: every list (browser and API) gets bounded number filters and ``q``, a search with or without
diacritics."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.filters import QuerySetRequestMixin
from django_filters.rest_framework import DjangoFilterBackend

from .search import search_queryset

# Bounds of a number typed into a list filter. A value far outside any real one (?year=-1.2e16, ?model=1e48) would
# otherwise reach a date constructor or the database and fail there with a server error; bounded, the form
# refuses it with a Vietnamese message (400 in the API). Years are calendar years; the rest are ids and counts.
YEAR_BOUNDS = (1, 9999)
NUMBER_BOUNDS = (-(2**31), 2**31 - 1)


def _is_year(number_filter):
    return number_filter.lookup_expr == "year" or number_filter.field_name.split("__")[-1].endswith("year")


class BoundedFilterSet(django_filters.FilterSet):
    """Every FilterSet of the portal derives from this one (the API's generated ones too, through PortalFilterBackend):
    its number filters are bounded, a choice of rows offers only rows in the user's scope, and a choice left blank
    reads "— Tất cả —" (no filter; FILTERS_EMPTY_CHOICE_LABEL)."""

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
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="search")

    def search(self, queryset, name, value):
        if not value:
            return queryset
        return search_queryset(queryset, value)


def _visible_units(request):
    from organisations.models import Unit

    return Unit.objects.restrict(request.user) if request else Unit.objects.none()


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    """A unit filter whose choices are the units the user may see."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", _visible_units)
        super().__init__(*args, **kwargs)
