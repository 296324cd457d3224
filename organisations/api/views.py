from core.api import ScopedModelViewSet

from ..filtersets import PersonFilterSet, UnitFilterSet
from .serializers import PersonSerializer, UnitSerializer


class UnitViewSet(ScopedModelViewSet):
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    select_related = ("parent",)


class PersonViewSet(ScopedModelViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    select_related = ("unit",)
