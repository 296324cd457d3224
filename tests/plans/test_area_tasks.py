"""Other areas of work put tasks into the plan through one function (an approved Dân vận khéo model, a friendly-
government criterion to win back): the plan's area in force, the task placed after the area's tasks, its due date
ready for reminders."""

from datetime import date

import pytest

from plans.models import AreaKind
from plans.services import add_area_task, current_area

pytestmark = pytest.mark.django_db


def test_the_area_in_force_is_found_by_day_and_by_year(ward_a, plan_a):
    by_day = current_area(ward_a.ward, AreaKind.SKILFUL_MOBILIZATION, on=plan_a.starts_on)
    by_year = current_area(ward_a.ward, AreaKind.SKILFUL_MOBILIZATION, year=plan_a.starts_on.year)
    before_the_plan = current_area(ward_a.ward, AreaKind.SKILFUL_MOBILIZATION, year=plan_a.starts_on.year - 1)

    assert by_day is not None and by_day.plan == plan_a and by_day.kind == AreaKind.SKILFUL_MOBILIZATION
    assert by_year == by_day
    assert before_the_plan is None


def test_a_task_from_another_area_goes_last_in_the_area_with_its_due_date(ward_a, plan_a):
    area = current_area(ward_a.ward, AreaKind.SKILFUL_MOBILIZATION, on=plan_a.starts_on)
    last = max(area.tasks.values_list("order", flat=True), default=0)

    task = add_area_task(area, title="Thực hiện mô hình Dân vận khéo “Phố sạch”", lead_unit=ward_a.unit("mttq"),
                         due_date=date(2030, 9, 30), source="Đăng ký Dân vận khéo")

    assert task.plan == plan_a and task.order == last + 1
    assert task.current_due_date == date(2030, 9, 30)
    assert task in area.tasks.all()
