"""Derived status and overdue rules, in Python and in the database, and the weighted roll-up."""

from datetime import date
from decimal import Decimal

import pytest

from plans.models import Plan, Recurrence, Task, TaskArea, TaskStatus
from plans.schedule import derive_status, status_filter, task_percent
from plans.services import initialise_task, record_progress, rollup

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 20)


@pytest.fixture
def area(ward_a):
    plan = Plan.objects.create(ward=ward_a.ward, title="Kế hoạch thử", starts_on=date(2024, 1, 1),
                               ends_on=date(2024, 12, 31))
    return TaskArea.objects.create(plan=plan, number="1", title="Nhóm thử")


def _task(area, unit, **fields):
    task = Task.objects.create(plan=area.plan, area=area, title=fields.pop("title", "Nhiệm vụ"), lead_unit=unit,
                               **fields)
    return initialise_task(task)


def _db_status(task):
    return Task.objects.with_status(TODAY).get(pk=task.pk).status_code


def _assert_status(task, expected):
    task.refresh_from_db()
    assert derive_status(task, TODAY) == expected
    assert _db_status(task) == expected
    assert Task.objects.filter(status_filter(expected, TODAY), pk=task.pk).exists()


def test_once_task_lifecycle(area, ward_a):
    task = _task(area, ward_a.unit("ubnd"), due_date=date(2024, 7, 1))
    _assert_status(task, TaskStatus.NOT_STARTED)
    record_progress(task, percent=40, note="Đang làm", reported_on=date(2024, 6, 1))
    _assert_status(task, TaskStatus.IN_PROGRESS)
    record_progress(task, percent=100, note="Xong", reported_on=date(2024, 6, 15))
    _assert_status(task, TaskStatus.DONE)


def test_once_task_past_its_due_date_is_overdue_until_done(area, ward_a):
    task = _task(area, ward_a.unit("ubnd"), due_date=date(2024, 3, 10))
    _assert_status(task, TaskStatus.OVERDUE)
    record_progress(task, percent=90, note="Gần xong", reported_on=date(2024, 3, 9))
    _assert_status(task, TaskStatus.OVERDUE)
    record_progress(task, percent=100, note="Xong muộn", reported_on=date(2024, 3, 20))
    _assert_status(task, TaskStatus.DONE)


def test_task_without_deadline_is_never_overdue(area, ward_a):
    task = _task(area, ward_a.unit("ubnd"))
    _assert_status(task, TaskStatus.NOT_STARTED)
    record_progress(task, percent=10, note="Bắt đầu", reported_on=date(2024, 2, 1))
    _assert_status(task, TaskStatus.IN_PROGRESS)


def test_quarterly_task_is_overdue_when_last_quarter_is_not_reported(area, ward_a):
    task = _task(area, ward_a.unit("khoi-dan-van"), recurrence=Recurrence.QUARTERLY, recurrence_month=3,
                 recurrence_day=15)
    _assert_status(task, TaskStatus.OVERDUE)  # Q1 (15/3) passed without a report
    record_progress(task, percent=100, note="Báo cáo quý I", reported_on=date(2024, 3, 14),
                    occurrence_due=date(2024, 3, 15))
    _assert_status(task, TaskStatus.OVERDUE)  # Q2 (15/6) is now the missing one
    assert task.current_due_date == date(2024, 6, 15)
    record_progress(task, percent=100, note="Báo cáo quý II", reported_on=date(2024, 6, 18),
                    occurrence_due=date(2024, 6, 15))
    _assert_status(task, TaskStatus.IN_PROGRESS)
    assert task.current_due_date == date(2024, 9, 15)


def test_quarterly_task_done_for_every_quarter_of_a_closed_plan(area, ward_a):
    task = _task(area, ward_a.unit("khoi-dan-van"), recurrence=Recurrence.QUARTERLY, recurrence_month=3,
                 recurrence_day=15)
    for month in (3, 6, 9, 12):
        record_progress(task, percent=100, note="Báo cáo", reported_on=date(2024, month, 10),
                        occurrence_due=date(2024, month, 15))
    _assert_status(task, TaskStatus.DONE)


def test_recurring_percent_is_the_share_of_occurrences_met_so_far(area, ward_a):
    task = _task(area, ward_a.unit("khoi-dan-van"), recurrence=Recurrence.QUARTERLY, recurrence_month=3,
                 recurrence_day=15)
    record_progress(task, percent=100, note="Quý I", reported_on=date(2024, 3, 14), occurrence_due=date(2024, 3, 15))
    task.refresh_from_db()
    assert task_percent(task, TODAY) == 50  # 1 of the 2 due dates up to 20/6 met


def test_weighted_rollup_and_tasks_left_out(area, ward_a):
    heavy = _task(area, ward_a.unit("ubnd"), title="Nặng", weight=Decimal("3"))
    light = _task(area, ward_a.unit("ubnd"), title="Nhẹ", weight=Decimal("1"))
    ignored = _task(area, ward_a.unit("ubnd"), title="Không tính", counts_in_progress=False)
    record_progress(heavy, percent=100, note="Xong", reported_on=date(2024, 5, 1))
    record_progress(light, percent=20, note="Mới", reported_on=date(2024, 5, 1))
    record_progress(ignored, percent=0, note="Chưa", reported_on=date(2024, 5, 1))
    tasks = list(Task.objects.filter(area=area).order_by("pk"))
    result = rollup(tasks, TODAY)
    assert result.percent == Decimal("80.0")  # (3×100 + 1×20) / 4
    assert result.total_weight == Decimal("4")
    lines = {line.task.title: line for line in result.lines}
    assert lines["Nặng"].contribution == Decimal("75.0")
    assert lines["Nhẹ"].contribution == Decimal("5.0")
    assert lines["Không tính"].counted is False
    assert "80,0%" in result.explanation  # the Vietnamese number format, as the plan page shows it


def test_rollup_of_nothing_counted_says_so(area, ward_a):
    task = _task(area, ward_a.unit("ubnd"), counts_in_progress=False)
    result = rollup([task], TODAY)
    assert result.percent is None
    assert "Chưa có nhiệm vụ" in result.explanation
