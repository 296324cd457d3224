"""Meeting pages must not grow in SQL queries with the data. Budgets: tests/meetings/query_counts.json."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from meetings.models import MeetingKind
from tests.support.meetings import make_conclusion, make_meeting
from tests.support.query_budget import assert_constant, count_queries, load_budgets

pytestmark = pytest.mark.django_db

BUDGETS = load_budgets(__file__)


def add_meetings(ward, count, start=0):
    units = [ward.unit("ubnd"), ward.unit("mttq"), ward.ward]
    for index in range(start, start + count):
        meeting = make_meeting(units[index % 3], MeetingKind.BRIEFING, date(2024, 1, 10) + timedelta(days=index),
                               title=f"Giao ban lần {index}")
        meeting.participating_units.set([ward.unit("hoi-pn"), ward.unit("doan-tn")])
        make_conclusion(meeting, ward.unit("mttq"), date(2024, 6, 1) + timedelta(days=index), number=1)
        make_conclusion(meeting, ward.unit("ubnd"), date(2024, 2, 1) + timedelta(days=index), number=2)


PAGES = {
    "meeting_list": lambda: reverse("meetings:meeting_list"),
    "conclusion_list": lambda: reverse("meetings:conclusion_list"),
    "conclusion_overdue": lambda: reverse("meetings:conclusion_overdue"),
    "schedule": lambda: reverse("meetings:schedule") + "?year=2024",
    "api_meetings": lambda: "/api/meetings/",
    "api_conclusions": lambda: "/api/conclusions/",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_do_not_grow_with_meetings(ward_a, client_for, name):
    client = client_for(ward_a.users["bloc"])
    add_meetings(ward_a, 3)
    small = count_queries(client, PAGES[name]())
    add_meetings(ward_a, 9, start=3)
    large = count_queries(client, PAGES[name]())
    assert_constant(name, small, large, BUDGETS, little="with 3 meetings", more="with 12")


def test_meeting_detail_does_not_grow_with_conclusions(ward_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    meeting = make_meeting(ward_a.unit("ubnd"), MeetingKind.DIALOGUE, date(2024, 5, 22))
    make_conclusion(meeting, ward_a.unit("mttq"), date(2024, 6, 1))
    small = count_queries(client, meeting.get_absolute_url())
    for number in range(2, 12):
        make_conclusion(meeting, ward_a.unit("mttq"), date(2024, 6, 1), number=number)
    large = count_queries(client, meeting.get_absolute_url())
    assert_constant("meeting_detail", small, large, BUDGETS, little="with 1 conclusion", more="with 11")
