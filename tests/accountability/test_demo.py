import random

import pytest

from accountability.demo import load_demo
from accountability.models import CadreFeedback, UnitPlanRound, UnitPlanSubmission

pytestmark = pytest.mark.django_db


def test_demo_is_created_once_and_valid(ward_a, plan_a):
    rounds = load_demo(ward_a.units, random.Random(2))
    assert rounds and rounds[0].task is not None and rounds[0].deadline.isoformat() == "2024-03-10"
    assert UnitPlanSubmission.objects.filter(round__ward=ward_a.ward, submitted_on__isnull=False).exists()
    assert CadreFeedback.objects.count() == 3
    assert load_demo(ward_a.units, random.Random(2)) == []
    assert UnitPlanRound.objects.count() == len(rounds)
    for record in CadreFeedback.objects.all():
        record.full_clean()
