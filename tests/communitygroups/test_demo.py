import random

import pytest

from communitygroups.demo import load_demo
from communitygroups.models import Activity, CommunityGroup, GroupClassification, Household, SituationReport
from communitygroups.services import section_figures
from core import periods

pytestmark = pytest.mark.django_db


def test_demo_is_believable_and_idempotent(ward_a):
    load_demo(ward_a.units, random.Random(7))
    counts = (CommunityGroup.objects.count(), Household.objects.count(), Activity.objects.count(),
              SituationReport.objects.count())
    load_demo(ward_a.units, random.Random(8))
    assert (CommunityGroup.objects.count(), Household.objects.count(), Activity.objects.count(),
            SituationReport.objects.count()) == counts
    assert counts[0] == 4 and counts[1] > 200
    assert GroupClassification.objects.filter(year=periods.today().year).count() == 4
    assert Household.objects.filter(search_text__contains="duong").exists()
    now = periods.today()
    figures = section_figures(ward_a.ward, now.replace(month=1, day=1), now)
    assert figures.data["households"] == counts[1] and figures.data["green_sundays_held"] > 0
