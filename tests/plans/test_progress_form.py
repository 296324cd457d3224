"""The progress form tells the officer what to fix for any percent typed, never a server error."""

import pytest
from django.urls import reverse

from plans.models import Task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("percent, message", [
    ("101", "Tiến độ tối đa là 100%."),
    ("150", "Tiến độ tối đa là 100%."),
    ("-1", "Tiến độ không được âm."),
])
def test_out_of_range_percent_is_refused_with_the_note_kept(ward_a, plan_a, client_for, percent, message):
    officer = ward_a.users["officer_ubnd"]
    task = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence="once").first()

    response = client_for(officer).post(reverse("plans:progress_add", args=[task.pk]),
                                        {"reported_on": "02/05/2024", "percent": percent, "note": "Ghi chú dài"})

    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert message in html
    assert "Ghi chú dài" in html
    assert not task.updates.exists()


def test_the_percent_constraint_states_its_rule_without_a_format_error():
    from plans.models import ProgressUpdate

    constraint = next(c for c in ProgressUpdate._meta.constraints if c.name == "progress_percent_range")

    assert constraint.get_violation_error_message() == "Tiến độ phải từ 0 đến 100%."
