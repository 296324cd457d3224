"""Test data helpers shared by the meetings tests and others."""

from datetime import date

from meetings.models import Conclusion, DialogueAudience, Meeting, MeetingKind, MeetingStatus


def make_meeting(organiser, kind=MeetingKind.BRIEFING, held_on=date(2024, 2, 20), status=MeetingStatus.HELD, **extra):
    if kind == MeetingKind.DIALOGUE:
        extra.setdefault("dialogue_audience", DialogueAudience.PEOPLE)
    return Meeting.objects.create(organiser=organiser, kind=kind, title=extra.pop("title", f"Cuộc họp {kind}"),
                                  held_on=held_on, status=status, **extra)


def make_conclusion(meeting, unit, due_date, **extra):
    return Conclusion.objects.create(meeting=meeting, responsible_unit=unit, due_date=due_date,
                                     text=extra.pop("text", "Giải quyết dứt điểm kiến nghị của Nhân dân."), **extra)
