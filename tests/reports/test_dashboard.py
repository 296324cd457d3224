"""The dashboard's numbers match the lists they link to; its query count does not grow with the data."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Task
from plans.services import status_filter
from reports.tasks import refresh_ward_summaries

pytestmark = pytest.mark.django_db
BUDGETS = json.loads((Path(__file__).resolve().parents[1] / "query_counts.json").read_text())


def test_overdue_tiles_match_the_task_list(ward_a, plan_a, client_for):
    client = client_for(ward_a.users["standing"])
    page = client.get(reverse("reports:dashboard"))
    assert page.status_code == 200
    listed = client.get(reverse("plans:task_list"), {"status": "overdue", "per_page": 200}).context["object_list"]
    assert {t.pk for t in page.context["overdue"]} <= {t.pk for t in listed}
    assert len(page.context["overdue"]) == min(15, Task.objects.filter(status_filter("overdue"), plan=plan_a).count())


def test_religion_tile_is_shown_only_to_those_who_may_see_it(ward_a, plan_a, client_for):
    from core.areas import all_sections

    religion_keys = {s.key for s in all_sections() if s.area == "religion"}
    officer_tiles = {t["section"].key for t in client_for(ward_a.users["bloc"]).get(
        reverse("reports:dashboard")).context["tiles"]}
    assert not officer_tiles & religion_keys


def test_dashboard_queries_do_not_grow_with_tasks(ward_a, plan_a, client_for):
    from tests.plans.test_query_counts import multiply_tasks

    client = client_for(ward_a.users["standing"])
    client.get(reverse("reports:dashboard"))  # warm the per-process caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("reports:dashboard"))
    multiply_tasks(plan_a, 3)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("reports:dashboard"))
    # A short-lived cache refreshed between the two requests may add a query or two; a query per task would
    # add dozens (3× the tasks).
    assert len(large.captured_queries) <= len(small.captured_queries) + 2
    assert len(large.captured_queries) <= BUDGETS["dashboard"]


def test_city_view_shows_every_ward_from_summaries(ward_a, ward_b, plan_a, plan_b, city_viewer, client_for):
    refresh_ward_summaries(2024, 1)
    client = client_for(city_viewer)
    page = client.get(reverse("reports:city"))
    assert page.status_code == 200
    assert {row["ward"].code for row in page.context["rows"]} == {"phuong-a", "phuong-b"}
    assert client_for(ward_a.users["bloc"]).get(reverse("reports:city")).status_code == 404
