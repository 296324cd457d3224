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
    # The task's own entry (deleting it also deletes, and records, its binding to area records).
    entry = LogEntry.objects.get_for_model(Task).filter(object_pk=str(pk), action=LogEntry.Action.DELETE).get()
    assert entry.actor == bloc


def test_the_history_records_the_client_address_through_the_trusted_proxy_only(ward_a, plan_a, api_for, settings):
    bloc = ward_a.users["bloc"]
    task = Task.objects.filter(plan=plan_a).first()
    client = api_for(bloc)

    def last_address(title, **headers):
        response = client.patch(f"/api/tasks/{task.pk}/", {"title": title}, format="json", **headers)
        assert response.status_code == 200, response.content
        return LogEntry.objects.get_for_object(task).filter(action=LogEntry.Action.UPDATE).latest("pk").remote_addr

    settings.DANVAN_TRUSTED_PROXIES = []
    forged = last_address("Lần sửa thứ nhất", HTTP_X_FORWARDED_FOR="192.0.2.66")
    settings.DANVAN_TRUSTED_PROXIES = ["127.0.0.1"]
    through_proxy = last_address("Lần sửa thứ hai", HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.4")

    assert forged == "127.0.0.1"
    assert through_proxy == "198.51.100.4"


def test_a_forged_forwarded_header_is_not_what_the_history_records(ward_a, client_for, settings):
    settings.DANVAN_TRUSTED_PROXIES = []
    from satisfaction.models import ServiceDesk

    response = client_for(ward_a.users["bloc"]).post(
        reverse("satisfaction:desk_add"), {"unit": ward_a.unit("ubnd").pk, "name": "Quầy thử", "is_active": "on"},
        HTTP_X_FORWARDED_FOR="192.0.2.66",
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    desk = ServiceDesk.objects.get(name="Quầy thử")
    assert LogEntry.objects.get_for_object(desk).get(action=LogEntry.Action.CREATE).remote_addr == "127.0.0.1"
