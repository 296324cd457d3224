"""Pages must not grow in SQL queries with the data. Budgets live in tests/query_counts.json."""

from datetime import date

import pytest
from django.urls import reverse

from plans.models import Task
from plans.services import record_progress
from tests.query_budget import assert_constant, count_queries, load_budgets

pytestmark = pytest.mark.django_db

BUDGETS = load_budgets(__file__)


def multiply_tasks(plan, factor):
    """Copy every task of the plan ``factor - 1`` times, with supporting units and progress."""
    originals = [(task, list(task.supporting_units.all()))
                 for task in Task.objects.filter(plan=plan).prefetch_related("supporting_units")]
    for round_ in range(2, factor + 1):
        for original, supporting in originals:
            copy = Task.objects.create(
                plan=plan, area=original.area, title=f"{original.title} (bản {round_})", lead_unit=original.lead_unit,
                recurrence=original.recurrence, due_date=original.due_date,
                recurrence_weekday=original.recurrence_weekday, recurrence_day=original.recurrence_day,
                recurrence_month=original.recurrence_month, description=original.description,
            )
            copy.supporting_units.set(supporting)
            record_progress(copy, percent=30, note="Tiến độ", reported_on=date(2024, 4, 1))


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
