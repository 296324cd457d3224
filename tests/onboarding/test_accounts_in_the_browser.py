"""Issue 18: an administrator keeps the accounts of their units current in the browser. Locking an account stops
its logins and keeps everything it recorded and its history; it can be unlocked."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from organisations.demo import ensure_user
from organisations.models import Role, User
from plans.models import ProgressUpdate, Task
from plans.services import record_progress
from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db
LIST = reverse("onboarding:account_list")


@pytest.fixture
def commune_admin(ward_a):
    return ensure_user("quantri.xa", PASSWORD, ward_a.ward, Role.COMMUNE_ADMIN)


def _logs_in(user):
    """Through the login form, as the person would."""
    response = Client().post(reverse("login"), {"username": user.username, "password": PASSWORD})
    return response.status_code == 302


def _usernames(html):
    return {user.username for user in User.objects.all() if f">{user.username}<" in html}


def test_the_commune_administrator_lists_and_finds_the_accounts_of_their_commune(
        ward_a, ward_b, commune_admin, client_for):
    officer = ward_a.users["officer_ubnd"]
    officer.last_name, officer.first_name = "Trần Thị", "Dân"
    officer.save()
    client = client_for(commune_admin)

    page = client.get(LIST).content.decode()
    shown = _usernames(page)
    assert officer.username in shown and ward_a.users["bloc"].username in shown
    assert not shown & {user.username for user in ward_b.users.values()}

    found = _usernames(client.get(LIST, {"q": "tran thi dan"}).content.decode())
    assert found == {officer.username}
    by_role = _usernames(client.get(LIST, {"role": Role.BLOC}).content.decode())
    assert ward_a.users["bloc"].username in by_role and officer.username not in by_role


def test_locking_stops_the_logins_keeps_the_records_and_the_history_and_can_be_undone(
        ward_a, plan_a, commune_admin, client_for):
    officer = ward_a.users["officer_ubnd"]
    task = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence="once").first()
    record_progress(task, percent=40, note="Đã triển khai", reported_on=date(2024, 3, 5), author=officer)
    client = client_for(commune_admin)
    lock = reverse("onboarding:account_lock", args=[officer.pk])

    confirm = client.get(lock)
    assert confirm.status_code == 200 and "Khóa tài khoản" in confirm.content.decode()
    officer.refresh_from_db()
    assert officer.is_active, "opening the confirmation changes nothing"

    done = client.post(lock, follow=True)
    assert "Đã khóa tài khoản" in done.content.decode()
    officer.refresh_from_db()
    assert not officer.is_active
    assert not _logs_in(officer)
    assert ProgressUpdate.objects.filter(task=task, author=officer).exists()
    change = LogEntry.objects.get_for_object(officer).order_by("-timestamp").first()
    assert change.actor == commune_admin and "is_active" in change.changes_dict

    client.post(reverse("onboarding:account_unlock", args=[officer.pk]))
    officer.refresh_from_db()
    assert officer.is_active and _logs_in(officer)


def test_nobody_locks_themselves_another_communes_account_or_a_higher_role(
        ward_a, ward_b, city, commune_admin, client_for):
    client = client_for(commune_admin)
    province_admin = ensure_user("quantri.tinh", PASSWORD, city, Role.PROVINCE_ADMIN)

    assert client.get(reverse("onboarding:account_lock", args=[commune_admin.pk])).status_code == 403
    assert client.post(reverse("onboarding:account_lock", args=[ward_b.users["bloc"].pk])).status_code == 404
    assert client.post(reverse("onboarding:account_lock", args=[province_admin.pk])).status_code == 404
    own_lock = reverse("onboarding:account_lock", args=[commune_admin.pk])
    assert f'href="{own_lock}"' not in client.get(LIST).content.decode()
    for user in (commune_admin, ward_b.users["bloc"], province_admin):
        user.refresh_from_db()
        assert user.is_active


def test_only_administrators_see_the_accounts(ward_a, commune_admin, client_for):
    for role in ("officer_ubnd", "bloc", "standing"):
        client = client_for(ward_a.users[role])
        assert client.get(LIST).status_code == 403
        assert client.post(reverse("onboarding:account_lock", args=[ward_a.users["officer_mttq"].pk])).status_code \
            == 403
        assert f'href="{LIST}"' not in client.get("/").content.decode()
    assert f'href="{LIST}"' in client_for(commune_admin).get("/").content.decode()
