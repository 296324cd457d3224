"""The dashboard's numbers match the lists they link to; its query count does not grow with the data."""

import random
import re
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import periods
from plans.models import Recurrence, Task, TaskStatus
from plans.schedule import status_filter
from plans.services import initialise_task
from reports import services, workflow
from reports.tasks import refresh_ward_summaries
from tests.support.query_budget import count_queries, load_budgets

pytestmark = pytest.mark.django_db
BUDGETS = load_budgets(__file__)
DASHBOARD = "/bang-dieu-hanh/"


def rows_listed(client, url, **filters):
    """How many rows the list page at ``url`` shows with ``filters``, over all its pages."""
    response = client.get(url, filters)
    assert response.status_code == 200, url
    paginator = response.context.get("paginator")
    return paginator.count if paginator is not None else len(response.context["object_list"])


def tiles(page):
    return {tile["section"].key: tile["figures"] for tile in page.context["tiles"]}


@pytest.fixture
def busy_ward(ward_a, plan_a):
    """ward_a with the demo's progress (tasks done, in progress, overdue, not started) and a task due tomorrow:
    overdue at the end of the cut-off period, not today."""
    from demo.management.commands.load_demo import Command

    Command()._progress(plan_a, ward_a.units, seed=1)
    area = plan_a.areas.order_by("order").first()
    initialise_task(Task.objects.create(plan=plan_a, area=area, title="Họp dân về chỉnh trang ngõ xóm",
                                        lead_unit=ward_a.unit("mttq"), recurrence=Recurrence.ONCE,
                                        due_date=periods.today() + timedelta(days=1)))
    return ward_a


def test_task_tile_counts_match_the_task_list_by_area_and_status(busy_ward, client_for):
    client = client_for(busy_ward.users["standing"])
    plan = tiles(client.get(DASHBOARD))["plan"]
    shown = Counter()
    for area in plan.data["areas"]:
        for status in TaskStatus.values:
            shown[(area["kind"], status)] += area[status]
    listed = {(kind, status): rows_listed(client, plan.link, area_kind=kind, status=status) for kind, status in shown}
    assert listed == dict(shown)
    assert plan.data["by_status"] == {status: rows_listed(client, plan.link, status=status)
                                      for status in TaskStatus.values}
    assert sum(shown.values()) == rows_listed(client, plan.link)


def test_task_tile_lists_done_in_progress_and_overdue_tasks_with_their_units(busy_ward, client_for):
    client = client_for(busy_ward.users["standing"])
    plan = tiles(client.get(DASHBOARD))["plan"]
    for key, status in (("done_tasks", "done"), ("in_progress_tasks", "in_progress"), ("overdue_tasks", "overdue")):
        for area in plan.data["areas"]:
            assert len(area[key]) == area[status]
            assert all(task["title"] and task["unit"] for task in area[key])
    listed = client.get(plan.link, {"status": "overdue", "per_page": 200}).context["object_list"]
    assert sorted((t["title"], t["unit"]) for a in plan.data["areas"] for t in a["overdue_tasks"]) == \
        sorted((t.title, t.lead_unit.name) for t in listed)


def test_overdue_list_matches_the_task_list(busy_ward, plan_a, client_for):
    client = client_for(busy_ward.users["standing"])
    page = client.get(DASHBOARD)
    assert page.status_code == 200
    listed = client.get(reverse("plans:task_list"), {"status": "overdue", "per_page": 200}).context["object_list"]
    assert {t.pk for t in page.context["overdue"]} <= {t.pk for t in listed}
    assert len(page.context["overdue"]) == min(15, Task.objects.filter(status_filter("overdue"), plan=plan_a).count())


def test_upcoming_deadlines_match_the_list_they_link_to(busy_ward, client_for):
    client = client_for(busy_ward.users["standing"])
    page = client.get(DASHBOARD)
    heading = re.search(r'<a href="([^"]+)">Hạn trong 30 ngày tới</a>', page.content.decode())
    assert heading, "the upcoming deadlines link to their list"
    url = heading.group(1).replace("&amp;", "&") + "&per_page=200"  # the test client drops a query for data
    listed = client.get(url).context["object_list"]
    upcoming = page.context["upcoming"]
    assert upcoming, "the demo progress leaves deadlines in the next 30 days"
    assert len(upcoming) == min(15, len(listed))
    assert {t.pk for t in upcoming} <= {t.pk for t in listed}
    assert "Họp dân về chỉnh trang ngõ xóm" in [t.title for t in upcoming]


def test_area_tiles_match_the_lists_they_link_to(busy_ward, client_for):
    from demo.management.commands.load_demo import Command

    Command()._area_demos({busy_ward.ward.code: busy_ward.units})
    client = client_for(busy_ward.users["standing"])
    page = client.get(DASHBOARD)
    start, end = page.context["period"]
    shown = {key: figures.data for key, figures in tiles(page).items()}
    links = {key: figures.link for key, figures in tiles(page).items()}
    # (what the tile says, its figure, the list an official opens from the tile and the filter the figure implies)
    checks = [
        ("models waiting for appraisal", shown["models_khoe"]["waiting"],
         rows_listed(client, links["models_khoe"], status="registered")),
        ("meetings held in the period", shown["meetings"]["held_total"],
         rows_listed(client, links["meetings"], status="held", held_after=start, held_before=end)),
        ("conclusions overdue", shown["meetings"]["conclusions_overdue"],
         rows_listed(client, reverse("meetings:conclusion_overdue"))),
        ("petitions overdue", shown["democracy"]["petitions_overdue"],
         rows_listed(client, reverse("democracy:petition_list"), deadline="overdue")),
        ("petitions received in the period", shown["democracy"]["petitions_received"],
         rows_listed(client, reverse("democracy:petition_list"), received_after=start, received_before=end)),
        ("disclosures awaiting approval", shown["democracy"]["disclosures_awaiting_approval"],
         rows_listed(client, reverse("democracy:disclosure_list"), approved="no")),
        ("community groups", shown["communitygroups"]["groups"],
         rows_listed(client, reverse("communitygroups:group_list"))),
        ("households", shown["communitygroups"]["households"],
         rows_listed(client, reverse("communitygroups:household_list"))),
        ("households in an inter-family group", shown["communitygroups"]["households_covered"],
         rows_listed(client, reverse("communitygroups:household_list"), covered=True)),
        ("situation reports in the period", shown["communitygroups"]["reports"],
         rows_listed(client, reverse("communitygroups:report_list"), reported_after=start, reported_before=end)),
    ]
    assert all(figure for _what, figure, _listed in checks[:1] + checks[6:9]), "the demo fills these lists"
    assert [(what, figure) for what, figure, _listed in checks] == [(what, listed) for what, _figure, listed in checks]


def test_religion_tile_shows_open_watch_reports_by_risk_to_those_who_may_see_them(ward_a, plan_a, client_for):
    from religion.demo import load_demo
    from religion.models import RiskLevel

    load_demo(ward_a.units, random.Random(5))
    for role in ("standing", "religion"):
        client = client_for(ward_a.users[role])
        religion = tiles(client.get(DASHBOARD))["religion"]
        by_risk = religion.data["watch_reports"]["open_by_risk"]
        assert sum(by_risk.values()) > 0, "the demo has open watch reports"
        watch_list = reverse("religion:watch_list")
        assert by_risk == {level: rows_listed(client, watch_list, status="open", risk_level=level)
                           for level in RiskLevel.values}, role
        assert religion.data["chart"]["values"] == list(by_risk.values())
        assert "Báo cáo đang theo dõi cuối kỳ theo mức rủi ro" in client.get(DASHBOARD).content.decode()
    for role in ("bloc", "officer_ubnd"):
        page = client_for(ward_a.users[role]).get(DASHBOARD)
        assert page.status_code == 200
        assert "religion" not in tiles(page), role
        assert "Báo cáo đang theo dõi cuối kỳ theo mức rủi ro" not in page.content.decode()
        assert "Quản lý nhà nước về tôn giáo" not in page.content.decode()


def _approved_report(ward, year, quarter, bloc, standing):
    report = services.prepare_draft(ward.pk, year, quarter)
    workflow.update_narrative(report, bloc, results="Kết quả quý.")
    workflow.submit(report, bloc)
    return workflow.approve(report, standing)


def test_trends_show_satisfaction_index_and_stars_by_quarter(ward_a, plan_a, client_for):
    from satisfaction.demo import load_demo

    load_demo(ward_a.units, random.Random(4))
    year, quarter = services.next_due(periods.today())
    previous = periods.previous_quarter(year, quarter)
    before = periods.previous_quarter(*previous)
    _approved_report(ward_a.ward, *before, ward_a.users["bloc"], ward_a.users["standing"])
    services.prepare_draft(ward_a.ward.pk, *previous)

    page = client_for(ward_a.users["standing"]).get(DASHBOARD)

    trends = {trend["key"]: trend for trend in page.context["trends"]}
    labels = [f"Quý {q}/{y}" for y, q in (periods.previous_quarter(*before), before, previous, (year, quarter))]
    for key in ("satisfaction", "satisfaction.stars"):
        assert trends[key]["labels"] == labels
        assert trends[key]["values"][0] is None  # no report for that quarter
    satisfaction = tiles(page)["satisfaction"].data
    assert trends["satisfaction"]["values"][-1] == satisfaction["headline"] == satisfaction["index"]
    assert trends["satisfaction.stars"]["values"][-1] == satisfaction["assessment"]["stars"]
    assert all(isinstance(stars, int) for stars in trends["satisfaction.stars"]["values"][1:])
    html = page.content.decode()
    assert "Số sao Chính quyền thân thiện" in html and "Chỉ số hài lòng của người dân" in html
    assert f"Quý {quarter}/{year}" in html and f"Q{quarter}/{year}" not in html


def test_religion_tile_is_shown_only_to_those_who_may_see_it(ward_a, plan_a, client_for):
    from core.areas import all_sections

    religion_keys = {s.key for s in all_sections() if s.area == "religion"}
    officer_tiles = {t["section"].key for t in client_for(ward_a.users["bloc"]).get(
        reverse("reports:dashboard")).context["tiles"]}
    assert not officer_tiles & religion_keys


def test_dashboard_queries_do_not_grow_with_tasks(ward_a, plan_a, client_for):
    from tests.support.plans import multiply_tasks

    client = client_for(ward_a.users["standing"])
    client.get(reverse("reports:dashboard"))  # warm the per-process caches (content types, sessions)
    small = count_queries(client, reverse("reports:dashboard"))
    multiply_tasks(plan_a, 3)
    large = count_queries(client, reverse("reports:dashboard"))
    # A short-lived cache refreshed between the two requests may add a query or two; a query per task would
    # add dozens (3× the tasks).
    assert large <= small + 2
    assert large <= BUDGETS["dashboard"]


def test_dashboard_queries_do_not_grow_with_past_reports(ward_a, plan_a, client_for):
    client = client_for(ward_a.users["standing"])
    year, quarter = services.next_due(periods.today())
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as without:
        client.get(DASHBOARD)
    for _step in range(3):
        year, quarter = periods.previous_quarter(year, quarter)
        _approved_report(ward_a.ward, year, quarter, ward_a.users["bloc"], ward_a.users["standing"])
    with CaptureQueriesContext(connection) as with_reports:
        page = client.get(DASHBOARD)
    assert page.context["trends"], "three past reports draw trends"
    assert len(with_reports.captured_queries) <= len(without.captured_queries) + 2


def test_city_view_shows_every_ward_from_summaries(ward_a, ward_b, plan_a, plan_b, city_viewer, client_for):
    refresh_ward_summaries(2024, 1)
    client = client_for(city_viewer)
    page = client.get(reverse("reports:city"))
    assert page.status_code == 200
    assert {row["ward"].code for row in page.context["rows"]} == {"phuong-a", "phuong-b"}
    assert client_for(ward_a.users["bloc"]).get(reverse("reports:city")).status_code == 404


def test_city_view_shows_satisfaction_index_and_stars(ward_a, ward_b, plan_a, city_viewer, client_for):
    from satisfaction.demo import load_demo

    load_demo(ward_a.units, random.Random(4))
    year, quarter = services.next_due(periods.today())
    refresh_ward_summaries(year, quarter)

    page = client_for(city_viewer).get(reverse("reports:city"))

    columns = [column["key"] for column in page.context["columns"]]
    assert {"satisfaction", "satisfaction.stars"} <= set(columns)
    rows = {row["ward"].code: dict(zip(columns, row["cells"], strict=True)) for row in page.context["rows"]}
    assert rows["phuong-a"]["satisfaction"]["headline"] is not None
    stars = rows["phuong-a"]["satisfaction.stars"]
    assert stars["headline"] in (1, 2, 3, 4, 5)
    # The stars are coloured against their own target (4 sao), whatever the index's open actions say.
    assert stars["status"] == ("ok" if stars["headline"] >= 4 else "warning")
    assert rows["phuong-b"]["satisfaction"]["headline"] is None
    html = page.content.decode()
    assert "Số sao Chính quyền thân thiện" in html and "Chỉ số hài lòng của người dân" in html
