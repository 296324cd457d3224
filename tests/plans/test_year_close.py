"""A plan has a year, and the year ends (issue 13 item 2): status after the period, recurring tasks' periods,
closing the year with its summary, and "Lập kế hoạch năm sau"."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from core import periods
from plans.models import Limitation, Plan, Recurrence, Task, TaskArea, TaskStatus
from plans.schedule import derive_status, status_filter
from plans.services import initialise_task, record_progress
from plans.yearplan import close_plan, next_year_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_2024(ward_a):
    return Plan.objects.create(ward=ward_a.ward, title="Kế hoạch công tác dân vận năm 2024",
                               starts_on=date(2024, 1, 1))


def _task(plan, unit, **fields):
    area = plan.areas.first() or TaskArea.objects.create(plan=plan, number="1", title="Nhóm thử")
    return initialise_task(Task.objects.create(plan=plan, area=area, title=fields.pop("title", "Nhiệm vụ"),
                                               lead_unit=unit, **fields))


def _status_everywhere(task, on):
    task = Task.objects.select_related("plan").get(pk=task.pk)
    python = derive_status(task, on)
    database = Task.objects.with_status(on).get(pk=task.pk).status_code
    filtered = [s for s in TaskStatus.values if Task.objects.filter(status_filter(s, on), pk=task.pk).exists()]
    assert [python] == [database] == filtered
    return python


def test_unfinished_task_after_the_period_is_not_done_in_period_not_overdue(ward_a, plan_2024):
    task = _task(plan_2024, ward_a.unit("ubnd"), due_date=date(2024, 3, 10))
    assert _status_everywhere(task, date(2024, 6, 1)) == TaskStatus.OVERDUE
    close_plan(plan_2024, ward_a.users["bloc"])
    assert _status_everywhere(task, date(2024, 12, 31)) == TaskStatus.OVERDUE  # still inside the year
    assert _status_everywhere(task, date(2026, 12, 3)) == TaskStatus.MISSED
    assert TaskStatus.MISSED.label == "Không hoàn thành trong kỳ"


def test_closing_the_year_judges_a_weekly_task_within_its_year(ward_a, plan_2024):
    weekly = _task(plan_2024, ward_a.unit("mttq"), title="Chủ nhật xanh", recurrence=Recurrence.WEEKLY,
                   recurrence_weekday=6)
    closed = close_plan(plan_2024, ward_a.users["bloc"])
    weekly.refresh_from_db()
    assert closed.ends_on == date(2024, 12, 31) and closed.closed_by == ward_a.users["bloc"]
    assert closed.closed_at is not None
    assert weekly.current_due_date <= date(2024, 12, 31)
    assert _status_everywhere(weekly, periods.today()) == TaskStatus.MISSED


def test_home_page_shows_the_current_plan_not_last_years_overdue(ward_a, plan_2024, client_for):
    old = _task(plan_2024, ward_a.unit("ubnd"), title="Việc năm 2024", due_date=date(2024, 3, 10))
    close_plan(plan_2024, ward_a.users["bloc"])
    result = next_year_plan(plan_2024, ward_a.users["bloc"], periods.today().year, commit=True)
    for role in ("bloc", "standing", "officer_ubnd"):
        page = client_for(ward_a.users[role]).get(reverse("home"))
        shown = page.context["overdue"] + page.context["open_tasks"] + page.context["due_soon"]
        assert old.pk not in [t.pk for t in shown]
        assert all(t.plan_id == result["plan"].pk for t in shown)
    listed = client_for(ward_a.users["bloc"]).get(reverse("plans:task_list")).context["object_list"]
    assert {t.plan_id for t in listed} == {result["plan"].pk}


def test_recurring_task_lists_recent_periods_first_and_pages_them(ward_a, plan_a, client_for):
    weekly = plan_a.tasks.get(recurrence=Recurrence.WEEKLY)
    client = client_for(ward_a.users["bloc"])
    page = client.get(weekly.get_absolute_url())
    rows = page.context["occurrence_rows"]
    assert len(rows) == 20 and page.context["is_paginated"]
    dues = [row["due"] for row in rows]
    assert dues == sorted(dues, reverse=True)
    assert dues[0] >= periods.today() > dues[1]  # the current period on top
    choices = [value for value, _label in page.context["form"].fields["occurrence_due"].choices]
    assert choices[0] == dues[0].isoformat()
    assert page.context["form"].fields["occurrence_due"].initial == dues[0].isoformat()
    second = client.get(weekly.get_absolute_url(), {"page": 2}).context["occurrence_rows"]
    assert second[0]["due"] == dues[-1] - timedelta(days=7)


@pytest.fixture
def closed_plan(ward_a, plan_a):
    once = plan_a.tasks.filter(recurrence=Recurrence.ONCE, due_date__isnull=False).first()
    record_progress(once, percent=100, note="Xong", reported_on=once.due_date)
    from reports.yearly import close_year

    return close_year(plan_a, ward_a.users["bloc"])


def test_preview_writes_nothing_and_the_copy_moves_a_year(ward_a, closed_plan):
    plans, tasks = Plan.objects.count(), Task.objects.count()
    preview = next_year_plan(closed_plan, ward_a.users["bloc"])
    assert (Plan.objects.count(), Task.objects.count()) == (plans, tasks)
    assert preview["year"] == 2025 and preview["tasks"] == closed_plan.tasks.count()
    new = next_year_plan(closed_plan, ward_a.users["bloc"], commit=True)["plan"]
    assert (new.starts_on, new.ends_on) == (date(2025, 1, 1), date(2025, 12, 31))
    assert "2025" in new.title and "2024" in new.title and "2023" not in new.title  # "năm 2024 … trọng tâm 2025"
    old_tasks = list(closed_plan.tasks.order_by("area__order", "order", "pk"))
    new_tasks = list(new.tasks.order_by("area__order", "order", "pk"))
    assert len(new_tasks) == len(old_tasks) and new.areas.count() == closed_plan.areas.count()
    for old, copy in zip(old_tasks, new_tasks, strict=True):
        assert (copy.title, copy.lead_unit_id, copy.weight, copy.recurrence, copy.recurrence_weekday) == \
            (old.title, old.lead_unit_id, old.weight, old.recurrence, old.recurrence_weekday)
        assert set(copy.supporting_units.all()) == set(old.supporting_units.all())
        if old.due_date:
            assert copy.due_date == old.due_date.replace(year=2025)
        assert copy.carried_over_from_id == (None if old.is_done else old.pk)
        old_binding = getattr(old, "binding", None)
        assert (old_binding.source, old_binding.rule) == (copy.binding.source, copy.binding.rule) if old_binding \
            else not hasattr(copy, "binding")
    assert any(hasattr(t, "binding") for t in new_tasks), "the seed plan's bindings go to next year's plan"
    assert sum(1 for t in new_tasks if t.carried_over_from_id) == len(preview["carried"]) > 0
    limitations = list(Limitation.objects.filter(plan=new).values_list("text", flat=True))
    assert limitations == closed_plan.year_summary["limitations"] and limitations


def test_next_year_page_previews_then_saves_and_refuses_a_unit_officer(ward_a, closed_plan, client_for):
    url = reverse("plans:next_year_plan", args=[closed_plan.pk])
    assert client_for(ward_a.users["officer_ubnd"]).get(url).status_code == 403
    assert client_for(ward_a.users["officer_ubnd"]).post(url, {"year": 2026}).status_code == 403
    client = client_for(ward_a.users["bloc"])
    count = Plan.objects.count()
    page = client.get(url, {"year": 2026})
    assert page.status_code == 200 and "chuyển từ năm trước" in page.content.decode()
    assert Plan.objects.count() == count
    saved = client.post(url, {"year": 2026})
    new = Plan.objects.get(ward=ward_a.ward, starts_on=date(2026, 1, 1))
    assert saved.status_code == 302 and saved["Location"] == new.get_absolute_url()
    carried = client.get(new.get_absolute_url()).content.decode()
    assert "chuyển từ năm trước" in carried


def test_year_summary_page_shows_the_four_quarters(ward_a, closed_plan, client_for):
    from reports import services, workflow

    report = services.prepare_draft(ward_a.ward.pk, 2024, 2)
    workflow.update_narrative(report, ward_a.users["bloc"], results="", limitations="Thiếu minh chứng quý II",
                              causes="", next_steps="")
    page = client_for(ward_a.users["standing"]).get(reverse("reports:year_summary", args=[closed_plan.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    for quarter in (1, 2, 3, 4):
        assert f'id="quy-{quarter}"' in body
    assert len(page.context["summary"]["quarters"]) == 4
    assert all(q["sections"] for q in page.context["summary"]["quarters"])
    assert "Tiến độ thực hiện kế hoạch" in body
    assert not page.context["may_close"]


def test_only_the_bloc_closes_the_year(ward_a, plan_a, client_for):
    url = reverse("reports:year_summary", args=[plan_a.pk])
    assert client_for(ward_a.users["officer_ubnd"]).post(url).status_code == 403
    plan_a.refresh_from_db()
    assert not plan_a.is_closed
    assert client_for(ward_a.users["bloc"]).post(url).status_code == 302
    plan_a.refresh_from_db()
    assert plan_a.is_closed and len(plan_a.year_summary["quarters"]) == 4


def test_demo_wards_run_on_a_plan_of_this_year_made_from_2024(ward_a, plan_a, client_for):
    from demo.management.commands.load_demo import Command

    Command()._progress(plan_a, ward_a.units, seed=1)
    Command()._next_year_plan(ward_a.units)
    plan_a.refresh_from_db()
    current = Plan.objects.get(ward=ward_a.ward, starts_on=date(periods.today().year, 1, 1))
    assert plan_a.is_closed and plan_a.year_summary["year"] == 2024
    assert current.tasks.filter(carried_over_from__plan=plan_a).exists()
    for role, user in ward_a.users.items():
        page = client_for(user).get(reverse("home"))
        assert page.status_code == 200, role
        assert not [t for t in page.context["overdue"] if t.plan_id == plan_a.pk], role


def test_year_summary_pdf_carries_the_quarters(ward_a, closed_plan, client_for, tmp_path):
    import subprocess

    response = client_for(ward_a.users["standing"]).get(reverse("reports:year_summary", args=[closed_plan.pk]),
                                                        {"format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "tổng kết công tác dân vận năm 2024" in text
    for quarter in ("Quý I", "Quý II", "Quý III", "Quý IV"):
        assert quarter in text
    assert "Tiến độ thực hiện kế hoạch" in text
