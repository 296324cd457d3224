from core.api import ScopedModelViewSet

from ..filtersets import PersonFilterSet, UnitFilterSet
from ..models import Person, Unit
from .serializers import PersonSerializer, UnitSerializer


class UnitViewSet(ScopedModelViewSet):
    model = Unit
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    select_related = ("parent",)


class PersonViewSet(ScopedModelViewSet):
    model = Person
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    select_related = ("unit",)
