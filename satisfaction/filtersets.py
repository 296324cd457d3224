import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import BoundedFilterSet, PortalFilterSet, UnitChoiceFilter, date_range

from .models import (
    ActionStatus,
    Assessment,
    AssessmentStatus,
    Channel,
    CorrectiveAction,
    CriteriaSet,
    Level,
    Rating,
    RatingReason,
    Service,
    ServiceDesk,
    SurveyCampaign,
)


def visible(model):
    """Choices of a filter: the rows of ``model`` the user may see (not every ward's, which would be slow at city
    scale and show other wards' names)."""

    def queryset(request):
        return model.objects.restrict(request.user) if request else model.objects.none()

    return queryset


def visible_people(request):
    from organisations.models import Person

    return visible(Person)(request)


class ServiceDeskFilterSet(PortalFilterSet):
    unit = UnitChoiceFilter(label=_("Đơn vị quản lý"))

    class Meta:
        model = ServiceDesk
        fields = ["q", "unit", "is_active"]


class RatingFilterSet(PortalFilterSet):
    search_fields = ("comment",)
    rated_after, rated_before = date_range("rated_on")
    level = django_filters.ChoiceFilter(label=_("Mức độ"), choices=Level.choices)
    channel = django_filters.ChoiceFilter(label=_("Kênh"), choices=Channel.choices)
    desk = django_filters.ModelChoiceFilter(label=_("Quầy"), queryset=visible(ServiceDesk))
    officer = django_filters.ModelChoiceFilter(label=_("Cán bộ tiếp nhận"), queryset=visible_people)
    service = django_filters.ModelChoiceFilter(label=_("Lĩnh vực"), queryset=visible(Service))
    reasons = django_filters.ModelMultipleChoiceFilter(label=_("Lý do"), queryset=visible(RatingReason))

    class Meta:
        model = Rating
        fields = ["q", "desk", "officer", "service", "reasons", "level", "channel", "rated_after", "rated_before"]


class CorrectiveActionFilterSet(PortalFilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ActionStatus.choices)
    unit = UnitChoiceFilter(label=_("Đơn vị"))
    desk = django_filters.ModelChoiceFilter(label=_("Quầy"), queryset=visible(ServiceDesk))
    open_only = django_filters.BooleanFilter(label=_("Chỉ việc chưa đóng"), method="filter_open")

    class Meta:
        model = CorrectiveAction
        fields = ["q", "status", "unit", "desk", "open_only"]

    def filter_open(self, queryset, name, value):
        return queryset.exclude(status=ActionStatus.CLOSED) if value else queryset


class SurveyCampaignFilterSet(PortalFilterSet):
    unit = UnitChoiceFilter(label=_("Đơn vị tổ chức"))
    is_open = django_filters.BooleanFilter(label=_("Đang nhận phiếu trực tuyến"))

    class Meta:
        model = SurveyCampaign
        fields = ["q", "unit", "is_open"]


class CriteriaSetFilterSet(BoundedFilterSet):
    """No text search: a ward holds a handful of sets, told apart by their decision."""

    is_example = django_filters.BooleanFilter(label=_("Bộ tiêu chí mẫu"))
    is_active = django_filters.BooleanFilter(label=_("Đang áp dụng"))

    class Meta:
        model = CriteriaSet
        fields = ["is_example", "is_active"]


class AssessmentFilterSet(BoundedFilterSet):
    year = django_filters.NumberFilter(label=_("Năm"))
    quarter = django_filters.ChoiceFilter(label=_("Quý"), choices=[(q, q) for q in range(1, 5)])
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=AssessmentStatus.choices)
    unit = UnitChoiceFilter(label=_("Đơn vị tự chấm"))

    class Meta:
        model = Assessment
        fields = ["year", "quarter", "status", "unit"]
