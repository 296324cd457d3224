"""The plan page: each task's weight and contribution, a task left out of the percentage, the explanation."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import reset_format_cache

from core import periods
from plans.models import AreaKind, Plan, Task, TaskArea
from plans.services import initialise_task, record_progress, rollup

pytestmark = pytest.mark.django_db

EXPLANATION = "Tiến độ = tổng (trọng số × % hoàn thành) ÷ tổng trọng số = 80,0% trên tổng trọng số 10."


@pytest.fixture
def weighted_plan(ward_a):
    """One area: weight 6 done (100 %), weight 4 at 50 %, weight 2 at 30 % but left out: (600 + 200) / 10 = 80."""
    plan = Plan.objects.create(ward=ward_a.ward, code="15-KH/ĐU", title="Kế hoạch thử trọng số",
                               starts_on=date(periods.today().year - 1, 1, 1))
    area = TaskArea.objects.create(plan=plan, order=1, number="1", kind=AreaKind.ACCOUNTABILITY,
                                   title="Trách nhiệm người đứng đầu")
    due = periods.today() + timedelta(days=60)
    tasks = {}
    for order, (key, title, weight, counts, percent) in enumerate([
        ("done", "Xây dựng kế hoạch của đơn vị", "6", True, 100),
        ("half", "Tổ chức hội nghị đối thoại", "4", True, 50),
        ("left_out", "Tập huấn nghiệp vụ dân vận", "2", False, 30),
    ]):
        task = Task.objects.create(area=area, order=order, title=title, lead_unit=ward_a.unit("ubnd"), due_date=due,
                                   weight=Decimal(weight), counts_in_progress=counts)
        initialise_task(task)
        record_progress(task, percent=percent, note="Đã báo cáo", reported_on=periods.today())
        tasks[key] = task
    return plan, tasks


def weight_rows(html):
    """{task title: (weight, percent, contribution)} from the area's "Trọng số và đóng góp" table."""
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td><td>(.*?)</td></tr>", html)
    return {title: (weight, percent, re.sub(r"<[^>]+>", "", contribution)) for title, weight, percent, contribution
            in rows}


def test_page_shows_each_tasks_weight_contribution_and_the_left_out_task(ward_a, weighted_plan, client_for):
    plan, tasks = weighted_plan

    html = client_for(ward_a.users["bloc"]).get(plan.get_absolute_url()).content.decode()

    rows = weight_rows(html)
    assert rows["Xây dựng kế hoạch của đơn vị"] == ("6", "100%", "60,0")
    assert rows["Tổ chức hội nghị đối thoại"] == ("4", "50%", "20,0")
    assert rows["Tập huấn nghiệp vụ dân vận"] == ("2", "30%", "không tính")


def test_page_shows_the_percentage_and_explains_it_in_the_same_number_format(ward_a, weighted_plan, client_for):
    plan, _tasks = weighted_plan

    html = client_for(ward_a.users["officer_ubnd"]).get(plan.get_absolute_url()).content.decode()

    assert "<strong>80,0%</strong>" in html
    assert '<span class="area-percent">80,0%</span>' in html
    # Once for the plan, once for its only area; "80.0" or a total weight written "1E+1" would not match.
    assert html.count(EXPLANATION) == 2
    assert "80.0" not in html and "1E+1" not in html


def test_a_left_out_task_does_not_move_the_percentage(ward_a, weighted_plan, client_for):
    plan, tasks = weighted_plan
    record_progress(tasks["left_out"], percent=100, note="Xong", reported_on=periods.today())

    html = client_for(ward_a.users["bloc"]).get(plan.get_absolute_url()).content.decode()

    assert "<strong>80,0%</strong>" in html
    assert weight_rows(html)["Tập huấn nghiệp vụ dân vận"] == ("2", "100%", "không tính")


def test_explanation_follows_the_active_locales_number_format(ward_a, weighted_plan, settings):
    _plan, tasks = weighted_plan
    summary = rollup(Task.objects.filter(pk__in=[t.pk for t in tasks.values()]).select_related("plan"))
    settings.FORMAT_MODULE_PATH = None  # Django's own English format: a decimal point
    reset_format_cache()
    try:
        with translation.override("en"):
            english = str(summary.explanation)
        with translation.override("vi"):
            vietnamese = str(summary.explanation)
    finally:
        reset_format_cache()

    assert "80.0%" in english and "10" in english
    assert "80,0%" in vietnamese


def test_a_plan_without_counted_tasks_says_so(ward_a, client_for):
    plan = Plan.objects.create(ward=ward_a.ward, title="Kế hoạch trống", starts_on=date(2024, 1, 1))

    html = client_for(ward_a.users["bloc"]).get(plan.get_absolute_url()).content.decode()

    assert "Chưa có nhiệm vụ nào được tính tiến độ." in html
    assert "<strong>—</strong>" in html
