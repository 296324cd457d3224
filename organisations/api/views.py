from core.api import ScopedModelViewSet

from .serializers import PersonSerializer, UnitSerializer


class UnitViewSet(ScopedModelViewSet):
    serializer_class = UnitSerializer
    select_related = ("parent",)


class PersonViewSet(ScopedModelViewSet):
    serializer_class = PersonSerializer
    select_related = ("unit",)
