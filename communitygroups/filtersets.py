"""One FilterSet per model, used by the browser lists and the API lists alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import BoundedFilterSet, PortalFilterSet, date_range, integer_key

from .models import (
    Activity,
    ActivityKind,
    ClassificationCriteria,
    CommunityGroup,
    GroupClassification,
    GroupMember,
    Household,
    InterFamilyGroup,
    Level,
    MemberRole,
    PropagandaTopic,
    ReportStatus,
    ReportTopic,
    SituationReport,
    Urgency,
    ZaloGroup,
)


def visible_groups(request):
    if request is None:
        return CommunityGroup.objects.none()
    return CommunityGroup.objects.restrict(request.user).select_related("residential_group")


def visible_interfamily_groups(request):
    if request is None:
        return InterFamilyGroup.objects.none()
    return InterFamilyGroup.objects.restrict(request.user).select_related("group")


class GroupChoiceFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", visible_groups)
        kwargs.setdefault("label", _("Tổ dân vận"))
        super().__init__(*args, **kwargs)


class CommunityGroupFilterSet(PortalFilterSet):
    class Meta:
        model = CommunityGroup
        fields = ["q"]


class GroupMemberFilterSet(PortalFilterSet):
    search_fields = ("full_name",)
    group = GroupChoiceFilter()
    role = django_filters.ChoiceFilter(label=_("Vai trò"), choices=MemberRole.choices)

    class Meta:
        model = GroupMember
        fields = ["q", "group", "role", "is_active"]


class InterFamilyGroupFilterSet(PortalFilterSet):
    search_fields = ("name",)
    group = GroupChoiceFilter()

    class Meta:
        model = InterFamilyGroup
        fields = ["q", "group"]


class HouseholdFilterSet(PortalFilterSet):
    group = GroupChoiceFilter()
    inter_family_group = django_filters.ModelChoiceFilter(label=_("Tổ liên gia"), queryset=visible_interfamily_groups)
    covered = django_filters.BooleanFilter(
        label=_("Đã vào tổ liên gia"), field_name="inter_family_group", lookup_expr="isnull", exclude=True,
    )
    zalo_joined = django_filters.BooleanFilter(label=_("Đã tham gia Zalo"))

    class Meta:
        model = Household
        fields = ["q", "group", "inter_family_group", "covered", "zalo_joined"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A ward has hundreds of inter-family groups: offer those of the chosen group only (or of the
        # leader's one group), so the page does not draw them all. A value sent on its own still validates.
        field = self.form.fields["inter_family_group"]
        group = integer_key(CommunityGroup._meta.pk, self.data.get("group"))
        if group is not None:
            field.queryset = field.queryset.filter(group_id=group)
        elif not self.data.get("inter_family_group") and self.request is not None:
            if visible_groups(self.request).count() > 1:
                field.queryset = field.queryset.none()
                field.help_text = _("Chọn Tổ dân vận để lọc theo tổ liên gia.")


class ZaloGroupFilterSet(PortalFilterSet):
    search_fields = ("name",)
    group = GroupChoiceFilter(field_name="inter_family_group__group")

    class Meta:
        model = ZaloGroup
        fields = ["q", "group", "inter_family_group"]


class ActivityFilterSet(PortalFilterSet):
    group = GroupChoiceFilter()
    kind = django_filters.ChoiceFilter(label=_("Loại hoạt động"), choices=ActivityKind.choices)
    topic = django_filters.ChoiceFilter(label=_("Chủ đề tuyên truyền"), choices=PropagandaTopic.choices)
    held_after, held_before = date_range("held_on", input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    class Meta:
        model = Activity
        fields = ["q", "group", "kind", "topic", "held_after", "held_before"]


class SituationReportFilterSet(PortalFilterSet):
    group = GroupChoiceFilter()
    topic = django_filters.ChoiceFilter(label=_("Lĩnh vực"), choices=ReportTopic.choices)
    urgency = django_filters.ChoiceFilter(label=_("Mức độ"), choices=Urgency.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ReportStatus.choices)
    reported_after, reported_before = date_range("reported_on", input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    class Meta:
        model = SituationReport
        fields = ["q", "group", "topic", "urgency", "status", "reported_after", "reported_before"]


class ClassificationCriteriaFilterSet(BoundedFilterSet):
    """No text search: a ward holds one set of thresholds a year."""

    class Meta:
        model = ClassificationCriteria
        fields = ["year"]


class GroupClassificationFilterSet(PortalFilterSet):
    search_fields = ("group__search_text", "override_reason")
    group = GroupChoiceFilter()
    level = django_filters.ChoiceFilter(label=_("Xếp loại"), choices=Level.choices, method="filter_level")

    class Meta:
        model = GroupClassification
        fields = ["group", "year", "level"]

    def filter_level(self, queryset, name, value):
        from django.db.models import Q

        if not value:
            return queryset
        return queryset.filter(Q(override_level=value) | Q(override_level="", computed_level=value))
