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


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    """A unit filter whose choices are the units the user may see."""

    def __init__(self, *args, **kwargs):
        from organisations.models import Unit

        kwargs.setdefault("queryset", lambda request: Unit.objects.restrict(request.user) if request else Unit.objects.none())
        super().__init__(*args, **kwargs)
