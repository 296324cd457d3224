"""The ward dashboard opens with its headline figures, each with its change since last quarter and its colour
against its target, read from the same figures as the plan page and the quarterly reports; charts never cut a
label and name their unit."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core import periods
from plans.models import Task, TaskStatus
from plans.schedule import status_filter
from plans.services import rollup
from reports import services, workflow
from reports.charts import bar_chart
from reports.models import UnitReportState

pytestmark = pytest.mark.django_db
DASHBOARD = "/bang-dieu-hanh/"


@pytest.fixture
def busy_plan(ward_a, plan_a):
    from demo.management.commands.load_demo import Command

    Command()._progress(plan_a, ward_a.units, seed=1)
    return plan_a


def _approved(ward, year, quarter):
    report = services.prepare_draft(ward.ward.pk, year, quarter)
    workflow.update_narrative(report, ward.users["bloc"], results="Đã triển khai.")
    workflow.submit(report, ward.users["bloc"])
    return workflow.approve(report, ward.users["standing"])


def test_headline_comes_first_with_the_plans_overall_progress_overdue_units_satisfaction_and_report_state(
        busy_plan, ward_a, client_for):
    year, quarter = services.next_due(periods.today())
    last = _approved(ward_a, *periods.previous_quarter(year, quarter))
    current = services.prepare_draft(ward_a.ward.pk, year, quarter)
    on_time = current.unit_reports.order_by("unit__path").first()
    on_time.state, on_time.text = UnitReportState.SUBMITTED, "Đã làm."
    on_time.submitted_at = timezone.now()
    on_time.save()

    page = client_for(ward_a.users["standing"]).get(DASHBOARD)

    html = page.content.decode()
    assert html.index('class="headline"') < html.index('class="dash-grid"'), "headline before the detailed tiles"
    items = {item["key"]: item for item in page.context["headline"]}
    assert list(items) == ["plan_progress", "overdue", "units_on_time", "satisfaction", "stars", "report_state"]
    overall = rollup(list(Task.objects.filter(plan=busy_plan).select_related("plan"))).percent
    assert items["plan_progress"]["value"] == float(overall)
    plan_page = client_for(ward_a.users["group_leader"]).get(busy_plan.get_absolute_url()).content.decode()
    assert f"<strong>{overall}%</strong>".replace(".", ",") in plan_page, "the same figure as the plan page"
    last_plan = services.report_figures(last)["plan"]
    assert items["plan_progress"]["change"] == round(float(overall) - last_plan["headline"], 1)
    overdue = Task.objects.filter(plan=busy_plan).filter(status_filter(TaskStatus.OVERDUE, periods.today())).count()
    assert items["overdue"]["value"] == overdue
    assert items["overdue"]["status"] == ("ok" if overdue == 0 else "warning" if overdue <= 3 else "danger")
    total = current.unit_reports.count()
    expected_on_time = 1 if periods.today() <= current.unit_due_date else 0
    assert items["units_on_time"]["value"] == round(100 * expected_on_time / total, 1)
    assert items["units_on_time"]["previous"] == 0.0, "last quarter's units never reported"
    assert items["units_on_time"]["status"] == "danger"
    assert items["report_state"]["value"] == "Dự thảo"
    assert items["report_state"]["previous"] == "Đã phê duyệt"
    assert re.search(r'data-headline="plan_progress".*?So với quý trước:', html, re.S)


def test_headline_colours_figures_against_their_targets(settings, busy_plan, ward_a, client_for):
    settings.DANVAN_TARGET_PLAN_PROGRESS = 0
    low = {item["key"]: item for item in client_for(ward_a.users["standing"]).get(DASHBOARD).context["headline"]}
    settings.DANVAN_TARGET_PLAN_PROGRESS = 101
    high = {item["key"]: item for item in client_for(ward_a.users["standing"]).get(DASHBOARD).context["headline"]}

    assert low["plan_progress"]["status"] == "ok"
    assert high["plan_progress"]["status"] in ("warning", "danger")
    assert low["report_state"]["value"] == "Chưa lập dự thảo"


def test_chart_labels_are_wrapped_never_cut_and_the_unit_is_named():
    labels = ["Giao ban định kỳ", "Hội nghị chuyên đề", "Tập huấn", "Đối thoại với Nhân dân"]

    chart = bar_chart(labels, [3, 1, 2, 0])

    for bar, label in zip(chart["bars"], labels, strict=True):
        assert " ".join(bar.lines) == label
    assert max(len(bar.lines) for bar in chart["bars"]) > 1, "long labels take more than one line"
    assert chart["height"] > bar_chart(["A", "B", "C", "D"], [3, 1, 2, 0])["height"]
    assert chart["axis_label"] == "Đơn vị: số lượng"
    assert bar_chart(["Q1"], [50], "%")["axis_label"] == "Đơn vị: %"


def test_dashboard_charts_print_whole_labels_and_their_units(busy_plan, ward_a, client_for):
    html = client_for(ward_a.users["standing"]).get(reverse("reports:dashboard")).content.decode()

    assert "…" not in "".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", html))
    assert html.count("data-axis") == html.count('<svg class="chart"') > 0
    assert "Nhóm nhiệm vụ (mục)" in html, "the plan's bars say what they are"
