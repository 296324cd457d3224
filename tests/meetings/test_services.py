"""Conclusion follow-up states and overdue, reminders, and the schedule of required meetings for a year."""

from datetime import date

import pytest

from core.models import Notification
from meetings.models import Conclusion, ConclusionState, ConclusionStatus, MeetingKind, MeetingStatus
from meetings.services import (
    PeriodState,
    area_figures,
    conclusion_status,
    ensure_default_requirements,
    meeting_schedule,
    remind_conclusions,
)
from tests.support.meetings import make_conclusion, make_meeting

pytestmark = pytest.mark.django_db

ON = date(2024, 7, 10)


@pytest.mark.parametrize("state, done_on, due, expected", [
    (ConclusionState.NOT_STARTED, None, date(2024, 7, 31), ConclusionStatus.NOT_STARTED),
    (ConclusionState.IN_PROGRESS, None, date(2024, 7, 10), ConclusionStatus.IN_PROGRESS),
    (ConclusionState.NOT_STARTED, None, date(2024, 7, 9), ConclusionStatus.OVERDUE),
    (ConclusionState.IN_PROGRESS, None, date(2024, 6, 30), ConclusionStatus.OVERDUE),
    (ConclusionState.DONE, date(2024, 7, 5), date(2024, 6, 30), ConclusionStatus.DONE),
])
def test_conclusion_status_in_python_and_in_the_database_agree(ward_a, state, done_on, due, expected):
    meeting = make_meeting(ward_a.unit("ubnd"))
    conclusion = make_conclusion(meeting, ward_a.unit("mttq"), due, state=state, done_on=done_on)
    assert conclusion_status(conclusion, ON) == expected
    assert Conclusion.objects.with_status(ON).get(pk=conclusion.pk).status_code == expected
    assert list(Conclusion.objects.with_status_filter(expected, ON)) == [conclusion]


def test_done_conclusion_needs_a_completion_date(ward_a):
    from django.core.exceptions import ValidationError

    meeting = make_meeting(ward_a.unit("ubnd"))
    conclusion = Conclusion(meeting=meeting, responsible_unit=ward_a.unit("mttq"), due_date=date(2024, 3, 1),
                            text="Việc", state=ConclusionState.DONE)
    with pytest.raises(ValidationError) as error:
        conclusion.full_clean()
    assert "ngày hoàn thành" in str(error.value)


def test_reminders_reach_the_responsible_unit_once(ward_a):
    meeting = make_meeting(ward_a.unit("ubnd"))
    make_conclusion(meeting, ward_a.unit("mttq"), date(2024, 7, 12), text="Sắp đến hạn")
    make_conclusion(meeting, ward_a.unit("mttq"), date(2024, 7, 1), text="Đã quá hạn")
    make_conclusion(meeting, ward_a.unit("mttq"), date(2024, 8, 30), text="Còn xa")
    make_conclusion(meeting, ward_a.unit("mttq"), date(2024, 7, 1), text="Xong rồi", state=ConclusionState.DONE,
                    done_on=date(2024, 6, 30))

    sent = remind_conclusions(on=ON, days_ahead=3)

    officer = ward_a.users["officer_mttq"]
    titles = sorted(Notification.objects.filter(recipient=officer).values_list("title", flat=True))
    assert sent == 2
    assert titles[0].startswith("Kết luận quá hạn (hạn 01/07/2024)")
    assert titles[1].startswith("Kết luận sắp đến hạn 12/07/2024")
    assert not Notification.objects.filter(recipient=ward_a.users["officer_ubnd"]).exists()
    assert remind_conclusions(on=ON, days_ahead=3) == 0
    # A week later both open ones are overdue and are recalled (once for that week).
    assert remind_conclusions(on=date(2024, 7, 17), days_ahead=0) == 2
    assert remind_conclusions(on=date(2024, 7, 18), days_ahead=0) == 0


def test_schedule_shows_held_missing_and_coming_periods(ward_a, ward_b):
    ensure_default_requirements(ward_a.ward)
    ubnd = ward_a.unit("ubnd")
    make_meeting(ward_a.ward, MeetingKind.BRIEFING, date(2024, 2, 20))
    make_meeting(ward_a.ward, MeetingKind.BRIEFING, date(2024, 8, 20))
    make_meeting(ward_a.ward, MeetingKind.BRIEFING, date(2024, 11, 20), status=MeetingStatus.PLANNED)
    make_meeting(ubnd, MeetingKind.DIALOGUE, date(2024, 5, 22))
    make_meeting(ward_a.unit("tdp-1"), MeetingKind.RESIDENTS_CONFERENCE, date(2024, 12, 20))
    make_meeting(ward_b.ward, MeetingKind.BRIEFING, date(2024, 5, 20))  # another ward: does not count

    rows = meeting_schedule(ward_a.ward, 2024, on=date(2024, 11, 15))

    by_kind = {}
    for row in rows:
        by_kind.setdefault(row.requirement.kind, []).append(row)
    briefing = by_kind[MeetingKind.BRIEFING][0]
    assert [p.state for p in briefing.periods] == [PeriodState.MET, PeriodState.MISSING, PeriodState.MET,
                                                   PeriodState.DUE]
    assert [p.held for p in briefing.periods] == [1, 0, 1, 0]
    training = by_kind[MeetingKind.TRAINING][0]
    assert [p.state for p in training.periods] == [PeriodState.DUE]
    dialogues = by_kind[MeetingKind.DIALOGUE]
    assert [(r.requirement.minimum, r.periods[0].held) for r in dialogues] == [(2, 1), (1, 1)]
    assert dialogues[1].periods[0].state == PeriodState.MET
    conferences = by_kind[MeetingKind.RESIDENTS_CONFERENCE]
    assert [r.unit.code for r in conferences] == [f"phuong-a-tdp-{n}" for n in range(1, 5)]
    # The conference of TDP 1 is dated 20/12, after the day the schedule is read: not held yet.
    assert all(r.periods[0].state == PeriodState.DUE for r in conferences[1:])


def test_schedule_of_a_past_year_lists_what_is_missing(ward_a):
    make_meeting(ward_a.ward, MeetingKind.BRIEFING, date(2023, 2, 20))
    make_meeting(ward_a.unit("ubnd"), MeetingKind.DIALOGUE, date(2023, 5, 22))
    make_meeting(ward_a.unit("tdp-1"), MeetingKind.RESIDENTS_CONFERENCE, date(2023, 12, 20))

    rows = meeting_schedule(ward_a.ward, 2023, on=date(2024, 3, 1))  # defaults: nothing saved yet

    missing = {(row.requirement.kind, row.unit.code if row.unit else ""): row.missing for row in rows}
    assert missing[(MeetingKind.BRIEFING, "")] == 3
    assert missing[(MeetingKind.THEMATIC, "")] == 1
    assert missing[(MeetingKind.TRAINING, "")] == 1
    assert missing[(MeetingKind.DISCLOSURE_TRAINING, "")] == 1
    dialogue_rows = [row for row in rows if row.requirement.kind == MeetingKind.DIALOGUE]
    assert [row.missing for row in dialogue_rows] == [1, 0]  # 1 of 2 planned dialogues; the one with residents held
    assert missing[(MeetingKind.RESIDENTS_CONFERENCE, "phuong-a-tdp-1")] == 0
    assert missing[(MeetingKind.RESIDENTS_CONFERENCE, "phuong-a-tdp-2")] == 1


def test_area_figures_count_meetings_and_conclusions(ward_a, ward_b, set_today):
    set_today(ON)
    briefing = make_meeting(ward_a.ward, MeetingKind.BRIEFING, date(2024, 4, 20))
    make_meeting(ward_a.unit("ubnd"), MeetingKind.DIALOGUE, date(2024, 5, 22))
    make_meeting(ward_b.ward, MeetingKind.BRIEFING, date(2024, 4, 20))
    make_conclusion(briefing, ward_a.unit("mttq"), date(2024, 5, 1))
    make_conclusion(briefing, ward_a.unit("ubnd"), date(2024, 8, 1))
    make_conclusion(briefing, ward_a.unit("ubnd"), date(2024, 5, 1), state=ConclusionState.DONE,
                    done_on=date(2024, 4, 30))

    figures = area_figures(ward_a.ward, date(2024, 3, 15), date(2024, 6, 14))

    assert figures.data["held_total"] == 2
    assert figures.data["held"][MeetingKind.BRIEFING] == 1
    assert figures.data["conclusions_new"] == 3
    assert figures.data["conclusions_done"] == 1
    assert figures.data["conclusions_overdue"] == 1
    assert figures.status == "danger"
    assert ("Cuộc họp đã tổ chức", "2") in figures.rows
    import json

    json.dumps(figures.data)
