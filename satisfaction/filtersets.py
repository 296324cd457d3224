import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import PortalFilterSet, UnitChoiceFilter

from .models import ActionStatus, Channel, CorrectiveAction, Level, Rating, ServiceDesk


class ServiceDeskFilterSet(PortalFilterSet):
    unit = UnitChoiceFilter(label=_("Đơn vị quản lý"))

    class Meta:
        model = ServiceDesk
        fields = ["q", "unit", "is_active"]


class RatingFilterSet(PortalFilterSet):
    rated_after = django_filters.DateFilter(label=_("Từ ngày"), field_name="rated_on", lookup_expr="gte")
    rated_before = django_filters.DateFilter(label=_("Đến ngày"), field_name="rated_on", lookup_expr="lte")
    level = django_filters.ChoiceFilter(label=_("Mức độ"), choices=Level.choices)
    channel = django_filters.ChoiceFilter(label=_("Kênh"), choices=Channel.choices)

    class Meta:
        model = Rating
        fields = ["q", "desk", "officer", "service", "reasons", "level", "channel", "rated_after", "rated_before"]

    def search(self, queryset, name, value):
        return queryset.filter(comment__icontains=value) if value else queryset


class CorrectiveActionFilterSet(PortalFilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ActionStatus.choices)
    unit = UnitChoiceFilter(label=_("Đơn vị"))
    open_only = django_filters.BooleanFilter(label=_("Chỉ việc chưa đóng"), method="filter_open")

    class Meta:
        model = CorrectiveAction
        fields = ["q", "status", "unit", "desk", "open_only"]

    def filter_open(self, queryset, name, value):
        return queryset.exclude(status=ActionStatus.CLOSED) if value else queryset
