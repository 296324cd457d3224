import random

import pytest

from democracy.demo import load_demo
from democracy.models import CitizenReception, Disclosure, Petition, Violation

pytestmark = pytest.mark.django_db


def test_demo_is_created_once_and_valid(ward_a):
    created = load_demo(ward_a.units, random.Random(3))
    assert created
    assert Petition.objects.exists() and CitizenReception.objects.exists() and Violation.objects.exists()
    assert load_demo(ward_a.units, random.Random(3)) == []
    assert Disclosure.objects.count() == len(created)
    for model in (Disclosure, Petition, CitizenReception, Violation):
        for record in model.objects.all():
            record.full_clean()
