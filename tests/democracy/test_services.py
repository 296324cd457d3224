"""Working days and legal deadlines, the posting period and approval, the checklist, the quarterly list, the
yearly minimums, who sees a petition's sender, the petition > cadre feedback link, the violations workbook."""

from datetime import date
from io import BytesIO

import pytest

from accountability.models import CadreFeedback, FeedbackSource
from democracy.models import (
    CitizenReception,
    DisclosureChannel,
    DisclosureContent,
    DisclosureRequirement,
    PetitionKind,
    PetitionState,
    Violation,
    add_working_days,
    legal_due_date,
)
from democracy.permissions import may_see_sender
from democracy.services import (
    ChecklistState,
    DisclosureStatus,
    area_figures,
    disclosure_checklist,
    disclosure_status,
    ensure_default_checklist,
    is_late,
    open_cadre_feedback,
    petition_is_overdue,
    quarterly_list,
    violations_workbook,
    yearly_minimums,
)
from tests.support.democracy import make_disclosure

pytestmark = pytest.mark.django_db


def test_working_days_skip_weekends_and_holidays():
    assert add_working_days(date(2024, 3, 8), 5) == date(2024, 3, 15)
    assert add_working_days(date(2024, 4, 26), 5) == date(2024, 5, 7)  # 30/4 and 1/5 are holidays


def test_working_days_honour_extra_holidays_from_settings(settings):
    settings.DANVAN_PUBLIC_HOLIDAYS = ["2024-03-11"]
    assert add_working_days(date(2024, 3, 8), 1) == date(2024, 3, 12)


@pytest.mark.parametrize("kind, received, due", [
    (PetitionKind.COMPLAINT, date(2024, 9, 3), date(2024, 10, 13)),
    (PetitionKind.DENUNCIATION, date(2024, 9, 3), date(2024, 10, 12)),  # 7 working days (2/9 off) + 30 days
    (PetitionKind.RECOMMENDATION, date(2024, 9, 3), date(2024, 9, 17)),
    (PetitionKind.FEEDBACK, date(2024, 8, 30), date(2024, 9, 16)),
])
def test_petition_answer_deadlines(kind, received, due):
    assert legal_due_date(kind, received) == due


def test_petition_gets_its_legal_deadline_and_turns_overdue(petition_a):
    assert petition_a.due_on == date(2024, 9, 17)
    assert not petition_is_overdue(petition_a, date(2024, 9, 17))
    assert petition_is_overdue(petition_a, date(2024, 9, 18))
    petition_a.state, petition_a.answered_on = PetitionState.ANSWERED, date(2024, 9, 20)
    assert not petition_is_overdue(petition_a, date(2024, 9, 30))


ON = date(2024, 6, 30)


@pytest.mark.parametrize("posted_on, until, approved_on, channel, kind, expected", [
    (date(2024, 5, 1), None, None, DisclosureChannel.POSTING_COMMITTEE, "budget", DisclosureStatus.NOT_APPROVED),
    (date(2024, 7, 5), None, date(2024, 6, 20), DisclosureChannel.POSTING_COMMITTEE, "budget",
     DisclosureStatus.SCHEDULED),
    (date(2024, 6, 10), None, date(2024, 6, 9), DisclosureChannel.POSTING_COMMITTEE, "budget",
     DisclosureStatus.POSTING),
    (date(2024, 5, 1), date(2024, 5, 30), date(2024, 4, 30), DisclosureChannel.POSTING_COMMITTEE, "budget",
     DisclosureStatus.COMPLETE),
    (date(2024, 5, 1), date(2024, 5, 29), date(2024, 4, 30), DisclosureChannel.POSTING_COMMITTEE, "budget",
     DisclosureStatus.TAKEN_DOWN_EARLY),
    # Approved after it went up: the 30 days count from the approval.
    (date(2024, 5, 1), date(2024, 5, 30), date(2024, 5, 10), DisclosureChannel.POSTING_COMMITTEE, "budget",
     DisclosureStatus.TAKEN_DOWN_EARLY),
    (date(2024, 5, 1), date(2024, 5, 3), date(2024, 5, 1), DisclosureChannel.LOUDSPEAKER, "budget",
     DisclosureStatus.COMPLETE),
    # Administrative procedures stay up permanently: any end date is too early.
    (date(2024, 1, 1), date(2024, 5, 1), date(2024, 1, 1), DisclosureChannel.POSTING_COMMITTEE,
     "admin_procedures", DisclosureStatus.TAKEN_DOWN_EARLY),
])
def test_disclosure_status(ward_a, posted_on, until, approved_on, channel, kind, expected):
    disclosure = make_disclosure(ward_a.unit("ubnd"), posted_on, until, approved_on, kind=kind, channel=channel)
    assert disclosure_status(disclosure, ON) == expected


def test_disclosure_within_five_working_days(ward_a):
    on_time = make_disclosure(ward_a.unit("ubnd"), date(2024, 3, 8), approved_on=date(2024, 3, 7),
                              source_date=date(2024, 3, 1))
    late = make_disclosure(ward_a.unit("ubnd"), date(2024, 3, 11), approved_on=date(2024, 3, 11),
                           source_date=date(2024, 3, 1))
    assert not is_late(on_time)
    assert is_late(late)


def _states(rows, kind, frequency=None):
    row = next(r for r in rows if r.requirement.content_kind == kind
               and (frequency is None or r.requirement.frequency == frequency))
    return [p.state for p in row.periods]


def test_checklist_approved_versus_not_approved_and_overdue(ward_a, ward_b):
    ensure_default_checklist(ward_a.ward)
    ubnd = ward_a.unit("ubnd")
    quarterly = DisclosureRequirement.objects.get(ward=ward_a.ward, content_kind="budget", frequency="quarterly")
    make_disclosure(ubnd, date(2024, 4, 8), date(2024, 5, 12), date(2024, 4, 7), requirement=quarterly,
                    period_start=date(2024, 1, 1), period_end=date(2024, 3, 31))
    make_disclosure(ubnd, date(2024, 7, 10), date(2024, 8, 12), None, requirement=quarterly,
                    period_start=date(2024, 4, 1), period_end=date(2024, 6, 30))
    make_disclosure(ubnd, date(2024, 1, 15), None, date(2024, 1, 15), kind="admin_procedures", is_permanent=True)
    make_disclosure(ubnd, date(2024, 1, 15), date(2024, 3, 1), date(2024, 1, 15), kind="fees", is_permanent=False)
    make_disclosure(ward_a.unit("tdp-2"), date(2024, 6, 5), date(2024, 6, 20), date(2024, 6, 4),
                    kind="social_support", channel=DisclosureChannel.POSTING_GROUP)
    make_disclosure(ward_b.unit("ubnd"), date(2024, 1, 15), None, date(2024, 1, 15), kind="democracy_rules",
                    is_permanent=True)  # another ward: does not count

    rows = disclosure_checklist(ward_a.ward, 2024, on=date(2024, 11, 20))

    assert _states(rows, "budget", "quarterly") == [
        ChecklistState.DONE, ChecklistState.NOT_APPROVED_OVERDUE, ChecklistState.OVERDUE, ChecklistState.PENDING]
    assert _states(rows, "democracy_rules") == [ChecklistState.OVERDUE]
    assert _states(rows, "admin_procedures") == [ChecklistState.DONE]
    assert _states(rows, "fees") == [ChecklistState.TAKEN_DOWN_EARLY]
    assert _states(rows, "social_support") == [ChecklistState.TAKEN_DOWN_EARLY]
    assert _states(rows, "consultation") == [ChecklistState.NOT_ARISEN]
    assert _states(rows, "public_assets") == [ChecklistState.PENDING]
    quarterly_row = next(r for r in rows if r.requirement.pk == quarterly.pk)
    assert quarterly_row.red == 2


def test_checklist_before_the_deadline_waits_for_approval(ward_a):
    ensure_default_checklist(ward_a.ward)
    quarterly = DisclosureRequirement.objects.get(ward=ward_a.ward, content_kind="budget", frequency="quarterly")
    make_disclosure(ward_a.unit("ubnd"), date(2024, 4, 8), None, None, requirement=quarterly,
                    period_start=date(2024, 1, 1), period_end=date(2024, 3, 31))
    rows = disclosure_checklist(ward_a.ward, 2024, on=date(2024, 4, 10))
    assert _states(rows, "budget", "quarterly")[0] == ChecklistState.AWAITING_APPROVAL


def test_quarterly_list_counts_from_the_approval(ward_a):
    ubnd = ward_a.unit("ubnd")
    in_q2 = make_disclosure(ubnd, date(2024, 5, 2), approved_on=date(2024, 5, 1), title="Quý II")
    make_disclosure(ubnd, date(2024, 5, 3), title="Chưa phê duyệt")
    approved_in_q3 = make_disclosure(ubnd, date(2024, 6, 25), approved_on=date(2024, 7, 2), title="Duyệt quý III")
    assert [d.pk for d in quarterly_list(ward_a.ward, 2024, 2)] == [in_q2.pk]
    assert [d.pk for d in quarterly_list(ward_a.ward, 2024, 3)] == [approved_in_q3.pk]


def test_yearly_minimums(ward_a):
    from meetings.models import DialogueAudience, MeetingKind
    from tests.support.meetings import make_meeting

    make_meeting(ward_a.unit("ubnd"), MeetingKind.DIALOGUE, date(2024, 5, 22),
                 dialogue_audience=DialogueAudience.PEOPLE)
    make_meeting(ward_a.unit("ubnd"), MeetingKind.DIALOGUE, date(2024, 9, 1),
                 dialogue_audience=DialogueAudience.WORKERS)
    for key in ("tdp-1", "tdp-2", "tdp-3"):
        make_meeting(ward_a.unit(key), MeetingKind.RESIDENTS_CONFERENCE, date(2024, 12, 15))
    ubnd = ward_a.unit("ubnd")
    # ISO weeks 1 to 3 of 2024 start on 1/1, 8/1, 15/1: the chairman received citizens in weeks 1 and 3 only.
    CitizenReception.objects.create(unit=ubnd, held_on=date(2024, 1, 4), by_chairman=True)
    CitizenReception.objects.create(unit=ubnd, held_on=date(2024, 1, 11), by_chairman=False)
    CitizenReception.objects.create(unit=ubnd, held_on=date(2024, 1, 18), by_chairman=True)

    minimums = {m.key: m for m in yearly_minimums(ward_a.ward, 2024, on=date(2024, 1, 22))}
    assert minimums["citizen_reception"].held == 2 and minimums["citizen_reception"].required == 3
    assert minimums["citizen_reception"].state == "missing"
    assert [w.monday for w in minimums["citizen_reception"].detail] == [date(2024, 1, 8)]

    minimums = {m.key: m for m in yearly_minimums(ward_a.ward, 2024, on=date(2025, 1, 10))}
    assert minimums["dialogue"].state == "met" and minimums["dialogue"].held == 1
    assert (minimums["residents_conference"].held, minimums["residents_conference"].required) == (3, 4)
    assert minimums["residents_conference"].state == "missing"


def test_who_sees_the_sender(ward_a, ward_b, petition_a, cadre_user, chairman_a, admin_user, city_viewer):
    sees = {name: may_see_sender(user, petition_a) for name, user in {
        **ward_a.users, "chairman": chairman_a, "cadre": cadre_user, "admin": admin_user, "city": city_viewer,
        "other_ward_bloc": ward_b.users["bloc"]}.items()}
    assert sees == {"standing": False, "bloc": False, "officer_ubnd": True, "officer_mttq": False,
                    "religion": False, "democracy": False, "group_leader": False, "chairman": True, "cadre": False,
                    "admin": True, "city": False, "other_ward_bloc": False}


def test_petition_about_a_cadre_opens_a_feedback_record(ward_a, petition_a):
    feedback = open_cadre_feedback(petition_a, ward_a.users["bloc"])
    assert feedback.cadre == petition_a.about_cadre
    assert feedback.unit == ward_a.unit("ubnd")
    assert feedback.source == FeedbackSource.PETITION
    assert feedback.summary == petition_a.subject
    assert "Lê Văn Tám" not in f"{feedback.summary} {feedback.details} {feedback.source_reference}"
    petition_a.refresh_from_db()
    assert petition_a.cadre_feedback == feedback
    assert open_cadre_feedback(petition_a, ward_a.users["bloc"]) == feedback
    assert CadreFeedback.objects.count() == 1


def test_violations_workbook_contents(ward_a, cadre_a):
    from openpyxl import load_workbook

    Violation.objects.create(unit=ward_a.unit("ubnd"), person=cadre_a, found_on=date(2024, 6, 28),
                             source="supervision", article="Điều 13 Luật 10/2022",
                             description="Niêm yết chưa đủ 30 ngày.", measure="Nhắc nhở.")
    Violation.objects.create(unit=ward_a.unit("tdp-4"), found_on=date(2024, 1, 20), source="check",
                             article="Điều 33 Luật 10/2022", description="Không tổ chức hội nghị cuối năm.",
                             remedied_on=date(2024, 2, 28))
    Violation.objects.create(unit=ward_a.unit("ubnd"), found_on=date(2024, 3, 2), source="petition",
                             article="Điều 11", description="Chưa công khai dự toán.")

    content = violations_workbook(Violation.objects.order_by("unit__path", "found_on"), ward=ward_a.ward, year=2024)

    book = load_workbook(BytesIO(content))
    sheet = book["Danh sách vi phạm"]
    assert sheet["A2"].value == "DANH SÁCH VI PHẠM LUẬT THỰC HIỆN DÂN CHỦ Ở CƠ SỞ NĂM 2024"
    assert [c.value for c in sheet[5]][:6] == ["STT", "Đơn vị, tổ chức đảng", "Cán bộ, đảng viên", "Ngày phát hiện",
                                              "Phát hiện qua", "Điều khoản vi phạm"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=6)]
    assert [(r[0], r[1], r[2], r[5]) for r in rows] == [
        (1, "UBND phường", None, "Điều 11"),
        (2, "UBND phường", "Hoàng Minh Đức", "Điều 13 Luật 10/2022"),
        (3, "Tổ dân phố số 4", None, "Điều 33 Luật 10/2022"),
    ]
    assert rows[1][3].date() == date(2024, 6, 28)
    assert rows[2][8].date() == date(2024, 2, 28)
    summary = book["Tổng hợp theo đơn vị"]
    assert [[c.value for c in row] for row in summary.iter_rows(min_row=2)] == [
        ["UBND phường", 2, 0, "Hoàng Minh Đức"], ["Tổ dân phố số 4", 1, 1, None]]


def test_area_figures(ward_a, ward_b, petition_a, petition_b, set_today):
    set_today(date(2024, 10, 1))
    ubnd = ward_a.unit("ubnd")
    make_disclosure(ubnd, date(2024, 7, 2), approved_on=date(2024, 7, 1))
    make_disclosure(ubnd, date(2024, 8, 2))
    make_disclosure(ward_b.unit("ubnd"), date(2024, 7, 2), approved_on=date(2024, 7, 1))

    figures = area_figures(ward_a.ward, date(2024, 6, 15), date(2024, 9, 30))

    assert figures.data["disclosures_made"] == 1
    assert figures.data["disclosures_awaiting_approval"] == 1
    assert figures.data["petitions_received"] == 1
    assert figures.data["petitions_overdue"] == 1
    assert figures.data["checklist_red"] > 0
    assert figures.status == "danger"
    assert DisclosureContent.BUDGET  # the 14 kinds exist
    assert len(DisclosureContent.choices) == 14
