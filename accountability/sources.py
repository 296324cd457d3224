"""The units' own implementation plans, submitted in a round, carry out the plan's "before 10/3" task."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.areas import RecordSource
from core.sources import ward_through

from .models import UnitPlanRound, UnitPlanSubmission


def submitted_plans(ward, start, end):
    """Plans submitted in the rounds whose deadline falls in the period (late ones too: the round shows lateness)."""
    return (UnitPlanSubmission.objects.filter(round__ward=ward, round__deadline__range=(start, end),
                                              submitted_on__isnull=False)
            .annotate(bound_on=F("round__deadline"), bound_group=F("unit_id")).select_related("unit", "round"))


def expected_units(ward, start, end):
    return UnitPlanSubmission.objects.filter(round__ward=ward, round__deadline__range=(start, end)).values(
        "unit_id").distinct().count()


UNIT_PLANS = RecordSource(
    key="accountability.unit_plan",
    label=_("Kế hoạch thực hiện của các đơn vị đã nộp"),
    records=submitted_plans,
    models=("accountability.UnitPlanSubmission", "accountability.UnitPlanRound"),
    ward_of=ward_through(UnitPlanRound, "round"),
    population=expected_units,
    default_rule={"rule": "share", "percent": 100},
    record_noun=_("kế hoạch đã nộp"),
    group_noun=_("đơn vị"),
    match=(r"ke hoach thuc hien cua don vi",),
    order=5,
)

# Registered by core.apps.AreaConfig.
SOURCES = [UNIT_PLANS]
