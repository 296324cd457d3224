import random

import pytest

from meetings.demo import load_demo
from meetings.models import Conclusion, Meeting

pytestmark = pytest.mark.django_db


def test_demo_meetings_are_created_once(ward_a):
    created = load_demo(ward_a.units, random.Random(1))
    assert len(created) >= 6
    assert Conclusion.objects.filter(meeting__organiser__ward=ward_a.ward).exists()
    assert load_demo(ward_a.units, random.Random(1)) == []
    assert Meeting.objects.count() == len(created)
    for meeting in Meeting.objects.all():
        meeting.full_clean()
    for conclusion in Conclusion.objects.all():
        conclusion.full_clean()
