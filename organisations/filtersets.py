import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import PortalFilterSet, UnitChoiceFilter

from .models import Person, Unit, UnitKind


class UnitFilterSet(PortalFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại đơn vị"), choices=UnitKind.choices)
    parent = UnitChoiceFilter(label=_("Đơn vị cấp trên"))

    class Meta:
        model = Unit
        fields = ["q", "kind", "parent", "is_active"]


class PersonFilterSet(PortalFilterSet):
    unit = UnitChoiceFilter(label=_("Đơn vị"))

    class Meta:
        model = Person
        fields = ["q", "unit", "is_standing_member", "is_unit_head", "is_active"]
