"""Pages must not grow in SQL queries with the data. Budgets live in tests/query_counts.json."""


import pytest
from django.urls import reverse

from tests.support.plans import multiply_tasks
from tests.support.query_budget import assert_constant, count_queries, load_budgets

pytestmark = pytest.mark.django_db

BUDGETS = load_budgets(__file__)




PAGES = [
    ("home", lambda plan: reverse("home"), None),
    ("plan_detail", lambda plan: reverse("plans:plan_detail", args=[plan.pk]), None),
    ("task_list", lambda plan: reverse("plans:task_list"), None),
    ("task_list_filtered", lambda plan: reverse("plans:task_list"), {"status": "overdue", "q": "dan van"}),
    ("api_tasks", lambda plan: "/api/tasks/", None),
]


@pytest.mark.parametrize("name, url, data", PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("role", ["bloc", "officer_ubnd"])
def test_query_count_does_not_grow_with_tasks(ward_a, plan_a, client_for, name, url, data, role):
    client = client_for(ward_a.users[role])
    small = count_queries(client, url(plan_a), data)
    multiply_tasks(plan_a, 10)
    large = count_queries(client, url(plan_a), data)
    assert_constant(name, small, large, BUDGETS, little="with the demo plan", more="with 10× the tasks")
