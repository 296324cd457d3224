import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import PortalFilterSet, UnitChoiceFilter, date_range

from .models import Conclusion, ConclusionStatus, DialogueAudience, Meeting, MeetingKind, MeetingStatus


class MeetingFilterSet(PortalFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại cuộc họp"), choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=MeetingStatus.choices)
    dialogue_audience = django_filters.ChoiceFilter(label=_("Đối tượng đối thoại"), choices=DialogueAudience.choices)
    organiser = UnitChoiceFilter(label=_("Đơn vị tổ chức"))
    year = django_filters.NumberFilter(label=_("Năm"), field_name="held_on", lookup_expr="year")
    held_after, held_before = date_range("held_on")

    class Meta:
        model = Meeting
        fields = ["q", "kind", "status", "dialogue_audience", "organiser", "year", "held_after", "held_before"]


class ConclusionFilterSet(PortalFilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ConclusionStatus.choices,
                                         method="filter_status")
    responsible_unit = UnitChoiceFilter(label=_("Đơn vị chịu trách nhiệm"))
    meeting_kind = django_filters.ChoiceFilter(label=_("Loại cuộc họp"), field_name="meeting__kind",
                                               choices=MeetingKind.choices)
    meeting = django_filters.NumberFilter(label=_("Mã cuộc họp"), field_name="meeting_id")
    due_after, due_before = date_range("due_date", _("Hạn từ ngày"), _("Hạn đến ngày"))

    class Meta:
        model = Conclusion
        fields = ["q", "status", "responsible_unit", "meeting_kind", "meeting", "due_after", "due_before"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status_filter(value) if value else queryset
