"""Area 1 pages must not grow in SQL queries with the data. Budgets: tests/accountability/query_counts.json."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from accountability.models import CadreFeedback, CadreReview, UnitPlanRound, UnitPlanSubmission
from accountability.services import sync_round_units
from organisations.demo import ensure_person
from tests.support.query_budget import assert_constant, count_queries, load_budgets

pytestmark = pytest.mark.django_db

BUDGETS = load_budgets(__file__)
KEYS = ["ubnd", "mttq", "hoi-pn", "doan-tn", "hoi-ccb", "cong-doan", "khoi-dan-van", "bcd-qcdc"]


def add_rounds(ward, count, start=0):
    for index in range(start, start + count):
        plan_round = UnitPlanRound.objects.create(ward=ward.ward, title=f"Đợt {index}",
                                                  deadline=date(2024, 3, 10) + timedelta(days=index))
        sync_round_units(plan_round, [ward.unit(key) for key in KEYS[: 2 + index % 6]])
        UnitPlanSubmission.objects.filter(round=plan_round, unit=ward.unit("ubnd")).update(
            submitted_on=date(2024, 3, 1))


def add_feedback(ward, count, start=0):
    for index in range(start, start + count):
        cadre = ensure_person(ward.unit(KEYS[index % 3]), f"Cán bộ {index}", "Công chức")
        feedback = CadreFeedback.objects.create(cadre=cadre, received_on=date(2024, 4, 1), source="inspection",
                                                summary=f"Phản ánh {index}")
        CadreReview.objects.create(feedback=feedback, held_on=date(2024, 4, 20), outcome="lesson")


PAGES = {
    "round_list": (add_rounds, lambda ward: reverse("accountability:round_list")),
    "round_detail": (None, None),
    "submission_list": (add_rounds, lambda ward: reverse("accountability:submission_list")),
    "api_submissions": (add_rounds, lambda ward: "/api/unit-plan-submissions/"),
    "feedback_list": (add_feedback, lambda ward: reverse("accountability:feedback_list")),
    "review_list": (add_feedback, lambda ward: reverse("accountability:review_list")),
    "api_feedback": (add_feedback, lambda ward: "/api/cadre-feedback/"),
}


@pytest.mark.parametrize("name", sorted(n for n, (add, _url) in PAGES.items() if add))
def test_pages_do_not_grow_with_data(ward_a, client_for, name):
    add, url = PAGES[name]
    client = client_for(ward_a.users["bloc"])
    add(ward_a, 2)
    small = count_queries(client, url(ward_a))
    add(ward_a, 6, start=2)
    assert_constant(name, small, count_queries(client, url(ward_a)), BUDGETS)


def test_round_detail_does_not_grow_with_units(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    plan_round = UnitPlanRound.objects.create(ward=ward_a.ward, title="Đợt", deadline=date(2024, 3, 10))
    sync_round_units(plan_round, [ward_a.unit(key) for key in KEYS[:2]])
    small = count_queries(client, plan_round.get_absolute_url())
    sync_round_units(plan_round, [ward_a.unit(key) for key in KEYS])
    assert_constant("round_detail", small, count_queries(client, plan_round.get_absolute_url()), BUDGETS)
