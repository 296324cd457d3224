import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import periods
from core.filtersets import BoundedFilterSet, PortalFilterSet, UnitChoiceFilter, date_range

from .models import (
    CLOSED_PETITION_STATES,
    CitizenReception,
    Disclosure,
    DisclosureChannel,
    DisclosureContent,
    Petition,
    PetitionChannel,
    PetitionKind,
    PetitionState,
    Violation,
    ViolationSource,
)

APPROVAL_CHOICES = (("yes", _("Đã phê duyệt")), ("no", _("Chưa phê duyệt")))


class DisclosureFilterSet(PortalFilterSet):
    content_kind = django_filters.ChoiceFilter(label=_("Loại nội dung"), choices=DisclosureContent.choices)
    channel = django_filters.ChoiceFilter(label=_("Hình thức"), choices=DisclosureChannel.choices)
    approved = django_filters.ChoiceFilter(label=_("Phê duyệt"), choices=APPROVAL_CHOICES, method="filter_approved")
    unit = UnitChoiceFilter(label=_("Đơn vị công khai"))
    year = django_filters.NumberFilter(label=_("Năm"), field_name="posted_on", lookup_expr="year")
    posted_after, posted_before = date_range("posted_on", _("Công khai từ ngày"), _("Công khai đến ngày"))

    class Meta:
        model = Disclosure
        fields = ["q", "content_kind", "channel", "approved", "unit", "year", "posted_after", "posted_before"]

    def filter_approved(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(approved_on__isnull=False)
        if value == "no":
            return queryset.filter(approved_on__isnull=True)
        return queryset


class CitizenReceptionFilterSet(BoundedFilterSet):
    year = django_filters.NumberFilter(label=_("Năm"), field_name="held_on", lookup_expr="year")
    by_chairman = django_filters.BooleanFilter(label=_("Chủ tịch trực tiếp tiếp"))
    held_after, held_before = date_range("held_on")

    class Meta:
        model = CitizenReception
        fields = ["year", "by_chairman", "held_after", "held_before"]


PETITION_STATUS_CHOICES = (
    ("open", _("Đang xử lý")), ("overdue", _("Quá hạn trả lời")), ("answered_late", _("Trả lời chậm")),
)


class PetitionFilterSet(PortalFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại đơn"), choices=PetitionKind.choices)
    channel = django_filters.ChoiceFilter(label=_("Kênh tiếp nhận"), choices=PetitionChannel.choices)
    state = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=PetitionState.choices)
    deadline = django_filters.ChoiceFilter(label=_("Thời hạn"), choices=PETITION_STATUS_CHOICES,
                                           method="filter_deadline")
    handling_unit = UnitChoiceFilter(label=_("Đơn vị xử lý"))
    about_unit = UnitChoiceFilter(label=_("Đơn vị bị phản ánh"))
    received_after, received_before = date_range("received_on", _("Tiếp nhận từ ngày"), _("Tiếp nhận đến ngày"))

    class Meta:
        model = Petition
        fields = ["q", "kind", "channel", "state", "deadline", "handling_unit", "about_unit", "received_after",
                  "received_before"]

    def filter_deadline(self, queryset, name, value):
        open_states = ~Q(state__in=CLOSED_PETITION_STATES)
        if value == "open":
            return queryset.filter(open_states)
        if value == "overdue":
            return queryset.filter(open_states, due_on__lt=periods.today())
        if value == "answered_late":
            from django.db.models import F

            return queryset.filter(answered_on__gt=F("due_on"))
        return queryset


class ViolationFilterSet(PortalFilterSet):
    unit = UnitChoiceFilter(label=_("Đơn vị"))
    source = django_filters.ChoiceFilter(label=_("Phát hiện qua"), choices=ViolationSource.choices)
    evaluation_year = django_filters.NumberFilter(label=_("Năm đánh giá"))
    remedied = django_filters.BooleanFilter(label=_("Đã khắc phục"), field_name="remedied_on",
                                            lookup_expr="isnull", exclude=True)

    class Meta:
        model = Violation
        fields = ["q", "unit", "source", "evaluation_year", "remedied"]
