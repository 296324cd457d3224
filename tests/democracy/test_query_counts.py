"""Democracy pages must not grow in SQL queries with the data. Budgets: tests/democracy/query_counts.json."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from democracy.models import CitizenReception, Petition, PetitionStep, Violation
from democracy.services import ensure_default_checklist
from tests.support.democracy import make_disclosure
from tests.support.query_budget import assert_constant, count_queries, load_budgets

pytestmark = pytest.mark.django_db

BUDGETS = load_budgets(__file__)


def add_data(ward, count, start=0):
    ubnd = ward.unit("ubnd")
    for index in range(start, start + count):
        day = date(2024, 1, 8) + timedelta(days=7 * index)
        make_disclosure(ubnd if index % 2 else ward.unit("tdp-1"), day, day + timedelta(days=35),
                        approved_on=day if index % 3 else None, title=f"Công khai {index}")
        petition = Petition.objects.create(handling_unit=ubnd, received_on=day, kind="feedback", channel="direct",
                                           subject=f"Phản ánh {index}", about_unit=ubnd)
        PetitionStep.objects.create(petition=petition, taken_on=day, action="Tiếp nhận", unit=ubnd)
        Violation.objects.create(unit=ubnd, found_on=day, source="check", article=f"Điều {index}",
                                 description="Vi phạm")
        CitizenReception.objects.create(unit=ubnd, held_on=day + timedelta(days=3), by_chairman=True)


PAGES = {
    "disclosure_list": lambda: reverse("democracy:disclosure_list"),
    "checklist": lambda: reverse("democracy:checklist") + "?year=2024",
    "quarterly_list": lambda: reverse("democracy:quarterly_list") + "?year=2024&quarter=1",
    "minimums": lambda: reverse("democracy:minimums") + "?year=2024",
    "reception_list": lambda: reverse("democracy:reception_list"),
    "petition_list": lambda: reverse("democracy:petition_list"),
    "violation_list": lambda: reverse("democracy:violation_list"),
    "api_petitions": lambda: "/api/petitions/",
    "api_disclosures": lambda: "/api/disclosures/",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_do_not_grow_with_data(ward_a, client_for, name):
    ensure_default_checklist(ward_a.ward)
    client = client_for(ward_a.users["officer_ubnd"])
    add_data(ward_a, 2)
    small = count_queries(client, PAGES[name]())
    add_data(ward_a, 6, start=2)
    assert_constant(name, small, count_queries(client, PAGES[name]()), BUDGETS)


def test_petition_detail_does_not_grow_with_steps(ward_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    ubnd = ward_a.unit("ubnd")
    petition = Petition.objects.create(handling_unit=ubnd, received_on=date(2024, 3, 1), kind="complaint",
                                       channel="mail", subject="Khiếu nại")
    PetitionStep.objects.create(petition=petition, taken_on=date(2024, 3, 1), action="Tiếp nhận", unit=ubnd)
    small = count_queries(client, petition.get_absolute_url())
    for day in range(2, 12):
        PetitionStep.objects.create(petition=petition, taken_on=date(2024, 3, day), action="Xử lý", unit=ubnd)
    assert_constant("petition_detail", small, count_queries(client, petition.get_absolute_url()), BUDGETS)
