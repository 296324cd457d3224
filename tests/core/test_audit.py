"""Every change is recorded with who and when, and shown on the object's page."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from plans.models import Task

pytestmark = pytest.mark.django_db


def test_api_change_is_recorded_with_the_user(ward_a, plan_a, api_for, client_for):
    bloc = ward_a.users["bloc"]
    task = Task.objects.filter(plan=plan_a).first()
    response = api_for(bloc).patch(f"/api/tasks/{task.pk}/", {"title": "Tên mới của nhiệm vụ"}, format="json")
    assert response.status_code == 200, response.content
    entry = LogEntry.objects.get_for_object(task).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == bloc
    assert "title" in entry.changes_dict
    page = client_for(bloc).get(reverse("plans:task_detail", args=[task.pk]))
    html = page.content.decode()
    assert "Lịch sử thay đổi" in html
    assert "Tên mới của nhiệm vụ" in html
    assert str(bloc) in html


def test_progress_from_the_browser_is_recorded_with_the_user(ward_a, plan_a, client_for):
    officer = ward_a.users["officer_ubnd"]
    task = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence="once").first()
    client_for(officer).post(reverse("plans:progress_add", args=[task.pk]),
                             {"reported_on": "02/05/2024", "percent": 60, "note": "Đã làm"})
    update = task.updates.get()
    entry = LogEntry.objects.get_for_object(update).get(action=LogEntry.Action.CREATE)
    assert entry.actor == officer


def test_delete_is_recorded(ward_a, plan_a, api_for):
    bloc = ward_a.users["bloc"]
    task = Task.objects.filter(plan=plan_a).first()
    pk = task.pk
    assert api_for(bloc).delete(f"/api/tasks/{pk}/").status_code == 204
    entry = LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE).get()
    assert entry.actor == bloc
