"""The home page (/): a unit officer's open and overdue tasks and what is due in the next 14 days."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from core import periods
from plans.models import AreaKind, Plan, Task, TaskArea
from plans.services import initialise_task, record_progress

pytestmark = pytest.mark.django_db


def make_plan(ward):
    plan = Plan.objects.create(ward=ward.ward, code="15-KH/ĐU", title="Kế hoạch dân vận",
                               starts_on=date(periods.today().year - 1, 1, 1))
    area = TaskArea.objects.create(plan=plan, order=1, number="1", kind=AreaKind.DEMOCRACY, title="Dân chủ ở cơ sở")
    return plan, area


def make_task(area, unit, title, days, supporting=()):
    task = Task.objects.create(area=area, title=title, lead_unit=unit, due_date=periods.today() + timedelta(days=days))
    task.supporting_units.set(supporting)
    initialise_task(task)
    return task


@pytest.fixture
def tasks(ward_a, ward_b):
    _plan, area = make_plan(ward_a)
    ubnd, mttq = ward_a.unit("ubnd"), ward_a.unit("mttq")
    result = {
        "overdue": make_task(area, ubnd, "Niêm yết công khai dự toán ngân sách", -5),
        "soon": make_task(area, ubnd, "Tổ chức đối thoại với Nhân dân", 7),
        "edge": make_task(area, mttq, "Giám sát việc thực hiện dân chủ", 14, supporting=[ubnd]),
        "later": make_task(area, ubnd, "Tổng kết Quy chế dân chủ", 40),
        "done": make_task(area, ubnd, "Lập kế hoạch thực hiện", 3),
        "other_unit": make_task(area, mttq, "Hội nghị Ủy ban MTTQ", 2),
        "too_late": make_task(area, ubnd, "Sơ kết năm", 15),
    }
    record_progress(result["done"], percent=100, note="Đã gửi", reported_on=periods.today())
    _plan_b, area_b = make_plan(ward_b)
    result["other_ward"] = make_task(area_b, ward_b.unit("ubnd"), "Nhiệm vụ của phường khác", 2)
    return result


def section(html, heading):
    """The part of the page under one <h2> heading, up to the end of its card."""
    start = html.index(f"<h2>{heading}</h2>")
    return html[start:html.index("</section>", start)]


def test_officer_sees_overdue_due_soon_and_open_tasks_of_their_unit(ward_a, tasks, client_for):
    response = client_for(ward_a.users["officer_ubnd"]).get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    overdue, soon, open_ = (section(html, h) for h in ("Quá hạn", "Đến hạn trong 14 ngày tới", "Nhiệm vụ đang mở"))
    assert "Niêm yết công khai dự toán ngân sách" in overdue and "Tổ chức đối thoại" not in overdue
    assert "Tổ chức đối thoại với Nhân dân" in soon
    assert "Giám sát việc thực hiện dân chủ" in soon  # supported by the officer's unit, due on the 14th day
    assert "Sơ kết năm" not in soon and "Tổng kết Quy chế dân chủ" not in soon
    assert "Tổng kết Quy chế dân chủ" in open_ and "Sơ kết năm" in open_
    assert "Niêm yết công khai" not in open_  # overdue tasks have their own section
    assert [t.pk for t in response.context["overdue"]] == [tasks["overdue"].pk]
    assert [t.pk for t in response.context["due_soon"]] == [tasks["soon"].pk, tasks["edge"].pk]
    assert response.context["open_count"] == 5


def test_tiles_count_what_the_sections_list(ward_a, tasks, client_for):
    html = client_for(ward_a.users["officer_ubnd"]).get(reverse("home")).content.decode()

    tiles = dict((label, int(n)) for n, label in re.findall(r"<strong>(\d+)</strong><span>([^<]+)</span>", html))
    assert tiles == {"Nhiệm vụ quá hạn": 1, "Đến hạn trong 14 ngày": 2, "Nhiệm vụ chưa hoàn thành": 5}


def test_officer_does_not_see_another_units_or_another_wards_tasks_nor_done_ones(ward_a, tasks, client_for):
    html = client_for(ward_a.users["officer_ubnd"]).get(reverse("home")).content.decode()

    assert "Hội nghị Ủy ban MTTQ" not in html
    assert "Nhiệm vụ của phường khác" not in html
    assert "Lập kế hoạch thực hiện" not in html


def test_the_other_units_officer_sees_their_own_tasks(ward_a, tasks, client_for):
    html = client_for(ward_a.users["officer_mttq"]).get(reverse("home")).content.decode()

    assert "Hội nghị Ủy ban MTTQ" in section(html, "Đến hạn trong 14 ngày tới")
    assert "Niêm yết công khai dự toán ngân sách" not in html


def test_dates_are_shown_dd_mm_yyyy(ward_a, tasks, client_for):
    html = client_for(ward_a.users["officer_ubnd"]).get(reverse("home")).content.decode()

    assert f"Hôm nay {periods.today():%d/%m/%Y}" in html
    assert (periods.today() - timedelta(days=5)).strftime("%d/%m/%Y") in section(html, "Quá hạn")
    assert (periods.today() + timedelta(days=7)).strftime("%d/%m/%Y") in section(html, "Đến hạn trong 14 ngày tới")
    assert (periods.today() + timedelta(days=7)).isoformat() not in html


def test_home_page_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
