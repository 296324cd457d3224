"""Recurring tasks produce the due dates the plan's text gives, across a year."""

from datetime import date

import pytest

from plans.models import Plan, Recurrence, Task, TaskArea
from plans.schedule import occurrences

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_plan(ward_a):
    plan = Plan.objects.create(ward=ward_a.ward, title="Kế hoạch thử", starts_on=date(2024, 1, 1),
                               ends_on=date(2024, 12, 31))
    area = TaskArea.objects.create(plan=plan, number="1", title="Nhóm thử")
    return plan, area


def _task(year_plan, unit, **fields):
    plan, area = year_plan
    return Task.objects.create(plan=plan, area=area, title="Nhiệm vụ", lead_unit=unit, **fields)


def test_quarterly_report_before_the_15th_of_each_quarters_last_month(year_plan, ward_a):
    task = _task(year_plan, ward_a.unit("khoi-dan-van"), recurrence=Recurrence.QUARTERLY,
                 recurrence_month=3, recurrence_day=15)
    assert occurrences(task) == [date(2024, 3, 15), date(2024, 6, 15), date(2024, 9, 15), date(2024, 12, 15)]


def test_quarterly_review_at_quarter_end_clamps_to_month_length(year_plan, ward_a):
    task = _task(year_plan, ward_a.unit("ubnd"), recurrence=Recurrence.QUARTERLY, recurrence_month=3,
                 recurrence_day=31)
    assert occurrences(task) == [date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)]


def test_weekly_green_sunday_gives_every_sunday_of_2024(year_plan, ward_a):
    task = _task(year_plan, ward_a.unit("bcd-tdvcd"), recurrence=Recurrence.WEEKLY, recurrence_weekday=6)
    dates = occurrences(task)
    assert len(dates) == 52
    assert dates[0] == date(2024, 1, 7)
    assert dates[-1] == date(2024, 12, 29)
    assert all(d.weekday() == 6 for d in dates)


def test_monthly_on_the_31st_falls_on_each_months_last_day(year_plan, ward_a):
    task = _task(year_plan, ward_a.unit("ubnd"), recurrence=Recurrence.MONTHLY, recurrence_day=31)
    dates = occurrences(task)
    assert len(dates) == 12
    assert dates[1] == date(2024, 2, 29)
    assert dates[3] == date(2024, 4, 30)


def test_october_commendation_is_due_at_the_end_of_october(year_plan, ward_a):
    task = _task(year_plan, ward_a.unit("khoi-dan-van"), recurrence=Recurrence.IN_MONTH, recurrence_month=10)
    assert occurrences(task) == [date(2024, 10, 31)]


def test_yearly_training_and_open_ended_plan(ward_a):
    plan = Plan.objects.create(ward=ward_a.ward, title="Kế hoạch nhiều năm", starts_on=date(2024, 1, 1))
    area = TaskArea.objects.create(plan=plan, number="1", title="Nhóm")
    task = Task.objects.create(plan=plan, area=area, title="Tập huấn", lead_unit=ward_a.unit("ubnd"),
                               recurrence=Recurrence.YEARLY, recurrence_month=12, recurrence_day=31)
    assert occurrences(task, end=date(2026, 12, 31)) == [date(2024, 12, 31), date(2025, 12, 31), date(2026, 12, 31)]


def test_once_task_has_its_single_due_date(year_plan, ward_a):
    task = _task(year_plan, ward_a.unit("ubnd"), due_date=date(2024, 3, 10))
    assert occurrences(task) == [date(2024, 3, 10)]
    assert occurrences(_task(year_plan, ward_a.unit("ubnd"))) == []


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"recurrence": Recurrence.WEEKLY}, "recurrence_weekday"),
        ({"recurrence": Recurrence.QUARTERLY, "recurrence_day": 15, "recurrence_month": 5}, "recurrence_month"),
        ({"recurrence": Recurrence.YEARLY, "recurrence_day": 1}, "recurrence_month"),
        ({"recurrence": Recurrence.MONTHLY, "due_date": date(2024, 1, 1), "recurrence_day": 3}, "due_date"),
    ],
)
def test_incomplete_recurrence_is_refused_with_a_vietnamese_message(year_plan, ward_a, fields, field):
    from django.core.exceptions import ValidationError

    plan, area = year_plan
    task = Task(plan=plan, area=area, title="Thiếu thông tin", lead_unit=ward_a.unit("ubnd"), **fields)
    with pytest.raises(ValidationError) as error:
        task.full_clean()
    assert field in error.value.message_dict
