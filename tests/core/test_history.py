"""The change history reads as an official would say it, not as the audit log stores it."""

import pytest
from django.urls import reverse

from plans.models import Task

pytestmark = pytest.mark.django_db


def history_of(client, task):
    html = client.get(reverse("plans:task_detail", args=[task.pk])).content.decode()
    return html.split('id="lich-su"')[1]


def test_numbers_booleans_and_added_units_are_shown_by_meaning(ward_a, plan_a, api_for, client_for):
    bloc = ward_a.users["bloc"]
    task = Task.objects.filter(plan=plan_a).exclude(lead_unit=ward_a.unit("mttq")).first()
    api = api_for(bloc)

    assert api.patch(f"/api/tasks/{task.pk}/", {"weight": "2"}, format="json").status_code == 200
    assert api.patch(f"/api/tasks/{task.pk}/", {"counts_in_progress": False}, format="json").status_code == 200
    task.supporting_units.remove(ward_a.unit("mttq"))

    history = history_of(client_for(bloc), task)

    assert "Trọng số</strong>: 1 → 2" in history
    assert "Tính vào tiến độ chung</strong>: Có → Không" in history
    assert f"Đơn vị phối hợp</strong>: bỏ: {ward_a.unit('mttq')}" in history
    assert "type → operation" not in history
    assert "1.00" not in history and "False" not in history


def test_a_progress_report_shows_its_percent_and_note(ward_a, plan_a, client_for):
    officer = ward_a.users["officer_ubnd"]
    task = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence="once").first()
    client = client_for(officer)
    client.post(reverse("plans:progress_add", args=[task.pk]),
                {"reported_on": "02/05/2024", "percent": 60, "note": "Đã tổ chức hội nghị"})

    history = history_of(client, task)

    assert "Tạo mới" in history
    assert "60" in history
    assert "Đã tổ chức hội nghị" in history


def test_the_english_page_names_fields_in_english_keeps_the_number_format(ward_a, plan_a, api_for, client_for):
    bloc = ward_a.users["bloc"]
    task = Task.objects.filter(plan=plan_a).first()
    api_for(bloc).patch(f"/api/tasks/{task.pk}/", {"weight": "1.5"}, format="json")
    client = client_for(bloc)
    client.cookies["django_language"] = "en"

    history = history_of(client, task)

    assert "Weight</strong>: 1 → 1,5" in history
    assert "thêm:" not in history
