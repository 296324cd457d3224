"""The demo loader: believable records for a ward, idempotent, with a flag and a hot spot to show."""

import random

import pytest

from organisations.demo import create_ward
from religion import services
from religion.demo import load_demo
from religion.models import Establishment, KeyPerson, WatchReport

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_shows_the_area(city):
    units = create_ward(city, "demo-tg", "phường Thọ Xương")

    load_demo(units, random.Random(1))
    counts = (Establishment.objects.count(), WatchReport.objects.count(), KeyPerson.objects.count())
    load_demo(units, random.Random(1))

    assert (Establishment.objects.count(), WatchReport.objects.count(), KeyPerson.objects.count()) == counts
    assert counts[0] >= 6
    assert Establishment.objects.with_head_flag().filter(head_flag=True).count() == 1
    from organisations.models import Unit

    groups = Unit.objects.filter(ward=units["dang-uy"], kind="residential_group")
    overview = services.risk_overview(WatchReport.objects.all(), groups)
    assert overview.hot_spots
    assert WatchReport.objects.filter(status="closed").exists()
