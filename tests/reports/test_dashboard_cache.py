"""The ward dashboard keeps each area's figures in the cache for DANVAN_DASHBOARD_CACHE_SECONDS and says how old
they are: a dozen members opening it in a meeting cost one computation (issue 19). The quarterly report never
reads the cache."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import services

pytestmark = pytest.mark.django_db
DASHBOARD = "/bang-dieu-hanh/"


@pytest.fixture
def cached(settings):
    settings.DANVAN_DASHBOARD_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _open(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_second_reader_gets_the_areas_figures_from_the_cache_with_their_age(cached, ward_a, plan_a, client_for):
    first_page, first = _open(client_for(ward_a.users["standing"]))
    second_page, second = _open(client_for(ward_a.users["bloc"]))

    assert "Số liệu các lĩnh vực tính lúc" in first_page and "làm mới sau tối đa 60 giây" in second_page
    assert second <= first - 20, f"the warm dashboard ran {second} queries, the cold one {first}"
    # The same figures either way: the tiles' headline numbers are identical.
    assert first_page.count("big-percent") == second_page.count("big-percent")


def test_the_cache_is_per_ward(cached, ward_a, ward_b, plan_a, client_for):
    from plans.loader import load_plan, read_seed_plan

    load_plan(read_seed_plan(), ward_b.ward)
    _open(client_for(ward_a.users["standing"]))
    page_b, queries_b = _open(client_for(ward_b.users["standing"]))

    assert ward_b.ward.name in page_b
    assert queries_b > 20, "ward B's figures are computed for ward B, not taken from ward A's"


def test_the_quarterly_report_computes_live_while_the_dashboard_is_cached(cached, ward_a, plan_a, client_for,
                                                                           set_today):
    from plans.models import Task
    from plans.services import record_progress

    set_today(date(2024, 3, 20))
    _open(client_for(ward_a.users["standing"]))
    task = Task.objects.filter(plan=plan_a, recurrence="once", binding__isnull=True).order_by("pk").first()
    record_progress(task, percent=100, note="Xong", reported_on=date(2024, 3, 5))

    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)

    plan_section = next(s for s in report.figures["sections"] if s["key"] == "plan")
    done = [t["title"] for area in plan_section["data"]["areas"] for t in area["done_tasks"]]
    assert task.title in done


def test_without_the_cache_the_page_does_not_speak_of_an_age(ward_a, plan_a, client_for):
    page, _count = _open(client_for(ward_a.users["standing"]))
    assert "Số liệu các lĩnh vực tính lúc" not in page
