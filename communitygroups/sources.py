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


def _group_source(key, label, records, model, default_rule, record_noun, match, order):
    """A source counted per Tổ dân vận: a record belongs to its group's ward, and the share rule's population is
    the ward's groups."""
    return RecordSource(
        key=f"communitygroups.{key}", label=label, records=records, models=(f"communitygroups.{model}",),
        ward_of=lambda record: _ward_of_group(record.group_id), population=_groups, default_rule=default_rule,
        record_noun=record_noun, group_noun=_("Tổ dân vận"), match=match, order=order,
    )


GREEN_SUNDAY = _group_source("green_sunday", _("Chủ nhật xanh của các Tổ dân vận cộng đồng"), green_sundays,
                             "Activity", {"rule": "groups", "count": 1}, _("buổi Chủ nhật xanh"),
                             (r"chu nhat xanh",), 60)
CLASSIFICATION = _group_source("classification", _("Xếp loại Tổ dân vận cộng đồng hằng năm"), classifications,
                               "GroupClassification", {"rule": "share", "percent": 100}, _("kết quả xếp loại"),
                               (r"xep loai (cac )?to dan van",), 61)

# Registered by core.apps.AreaConfig.
SOURCES = [GREEN_SUNDAY, CLASSIFICATION]
