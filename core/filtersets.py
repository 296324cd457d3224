"""Base FilterSet: every list (browser and API) gets ``q``, a search with or without diacritics."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .search import search_queryset


class PortalFilterSet(django_filters.FilterSet):
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
