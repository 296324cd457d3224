from datetime import date

import pytest

from meetings.models import MeetingKind
from tests.support.meetings import make_conclusion, make_meeting


@pytest.fixture
def dialogue_a(ward_a):
    """A dialogue of ward A's People's Committee with residents, with a conclusion for the Fatherland Front."""
    meeting = make_meeting(ward_a.unit("ubnd"), MeetingKind.DIALOGUE, date(2024, 5, 22),
                           title="Đối thoại của Chủ tịch UBND phường với Nhân dân", place="Nhà văn hóa TDP số 2")
    meeting.participating_units.set([ward_a.unit("mttq")])
    make_conclusion(meeting, ward_a.unit("mttq"), date(2024, 6, 30), number=1)
    return meeting


@pytest.fixture
def dialogue_b(ward_b):
    meeting = make_meeting(ward_b.unit("ubnd"), MeetingKind.DIALOGUE, date(2024, 5, 23),
                           title="Đối thoại phường Bình Minh")
    make_conclusion(meeting, ward_b.unit("ubnd"), date(2024, 6, 30))
    return meeting
