"""The community groups' records that carry out tasks of the plan (core.areas.RecordSource)."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.areas import RecordSource
from core.sources import year_end

from .models import Activity, ActivityKind, CommunityGroup, GroupClassification


def _ward_of_group(group_id):
    return CommunityGroup.objects.filter(pk=group_id).values_list("residential_group__ward_id", flat=True).first()


def _groups(ward, start, end):
    return CommunityGroup.objects.filter(residential_group__ward=ward).filter(
        Q(established_on__isnull=True) | Q(established_on__lte=end)).count()


def green_sundays(ward, start, end):
    return (Activity.objects.filter(group__residential_group__ward=ward, kind=ActivityKind.GREEN_SUNDAY,
                                    held_on__range=(start, end))
            .annotate(bound_on=F("held_on"), bound_group=F("group_id")).select_related("group"))


def classifications(ward, start, end):
    return (GroupClassification.objects.filter(group__residential_group__ward=ward,
                                               year__range=(start.year, end.year))
            .annotate(bound_on=year_end("year", start, end), bound_group=F("group_id"))
            .filter(bound_on__range=(start, end)).select_related("group"))


GREEN_SUNDAY = RecordSource(
    key="communitygroups.green_sunday",
    label=_("Chủ nhật xanh của các Tổ dân vận cộng đồng"),
    records=green_sundays,
    models=("communitygroups.Activity",),
    ward_of=lambda activity: _ward_of_group(activity.group_id),
    population=_groups,
    default_rule={"rule": "groups", "count": 1},
    record_noun=_("buổi Chủ nhật xanh"),
    group_noun=_("Tổ dân vận"),
    match=(r"chu nhat xanh",),
    order=60,
)

CLASSIFICATION = RecordSource(
    key="communitygroups.classification",
    label=_("Xếp loại Tổ dân vận cộng đồng hằng năm"),
    records=classifications,
    models=("communitygroups.GroupClassification",),
    ward_of=lambda classification: _ward_of_group(classification.group_id),
    population=_groups,
    default_rule={"rule": "share", "percent": 100},
    record_noun=_("kết quả xếp loại"),
    group_noun=_("Tổ dân vận"),
    match=(r"xep loai (cac )?to dan van",),
    order=61,
)

# Registered by core.apps.AreaConfig.
SOURCES = [GREEN_SUNDAY, CLASSIFICATION]
