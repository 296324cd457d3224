from datetime import date

import pytest

from meetings.models import Conclusion, DialogueAudience, Meeting, MeetingKind, MeetingStatus

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"


def make_meeting(organiser, kind=MeetingKind.BRIEFING, held_on=date(2024, 2, 20), status=MeetingStatus.HELD, **extra):
    if kind == MeetingKind.DIALOGUE:
        extra.setdefault("dialogue_audience", DialogueAudience.PEOPLE)
    return Meeting.objects.create(organiser=organiser, kind=kind, title=extra.pop("title", f"Cuộc họp {kind}"),
                                  held_on=held_on, status=status, **extra)


def make_conclusion(meeting, unit, due_date, **extra):
    return Conclusion.objects.create(meeting=meeting, responsible_unit=unit, due_date=due_date,
                                     text=extra.pop("text", "Giải quyết dứt điểm kiến nghị của Nhân dân."), **extra)


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
