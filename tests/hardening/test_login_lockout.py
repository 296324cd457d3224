"""The login lockout stops guessing without locking others out (security finding 5).

Failures count per account and address together, on the portal's, the admin's and the API's login alike; behind
the trusted proxy the address is the one the proxy names, and nobody else can name it; an administrator unlocks.
"""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.7"  # the ward office's one public address: every official there shares it
HOME = "198.51.100.9"
PROXY = "172.30.42.1"
LOGIN = "/dang-nhap/"
ADMIN_LOGIN = "/quan-tri/login/"
API_LOGIN = "/api/auth/login/"


def fail(username, address, times=None, url=LOGIN, **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    for attempt in range(times or settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": username, "password": f"sai-mat-khau-{attempt}"})


def log_in(username, address, url=LOGIN, **headers):
    """The response and whether the session now belongs to the user."""
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(url, {"username": username, "password": PASSWORD, "next": "/"})
    return response, "_auth_user_id" in client.session


def test_wrong_passwords_lock_that_account_from_that_address_only(ward_a):
    victim, colleague = ward_a.users["bloc"], ward_a.users["officer_ubnd"]
    fail(victim.username, OFFICE)

    locked, locked_in = log_in(victim.username, OFFICE)
    _from_home, victim_at_home = log_in(victim.username, HOME)
    _colleague, colleague_in = log_in(colleague.username, OFFICE)

    assert locked.status_code == 429 and not locked_in
    text = locked.content.decode()
    assert "Tạm khóa đăng nhập" in text and "từ địa chỉ này" in text
    assert victim_at_home and colleague_in


def test_made_up_names_do_not_lock_the_address_for_anybody(ward_a, admin_user):
    client = Client(REMOTE_ADDR=OFFICE)
    for n in range(settings.AXES_FAILURE_LIMIT * 2):
        client.post(LOGIN, {"username": f"khong-co-{n}", "password": "doan-bua"})

    assert log_in(ward_a.users["bloc"].username, OFFICE)[1]
    assert log_in(admin_user.username, OFFICE, url=ADMIN_LOGIN)[1]
    assert log_in(ward_a.users["officer_ubnd"].username, OFFICE, url=API_LOGIN)[1]


def test_the_admin_and_api_logins_count_with_the_portal_login(ward_a):
    victim, colleague = ward_a.users["bloc"], ward_a.users["officer_mttq"]
    fail(victim.username, OFFICE, times=2, url=ADMIN_LOGIN)
    fail(victim.username, OFFICE, times=settings.AXES_FAILURE_LIMIT - 2, url=API_LOGIN)

    for url in (LOGIN, ADMIN_LOGIN, API_LOGIN):
        response, logged_in = log_in(victim.username, OFFICE, url=url)
        assert response.status_code == 429 and not logged_in, url
    assert log_in(colleague.username, OFFICE, url=API_LOGIN)[1]
    assert log_in(victim.username, HOME, url=API_LOGIN)[1]


def test_behind_the_trusted_proxy_clients_do_not_lock_each_other(ward_a, settings):
    settings.DANVAN_TRUSTED_PROXIES = [PROXY]
    victim = ward_a.users["bloc"]
    fail(victim.username, PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")

    guesser, guesser_in = log_in(victim.username, PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    _owner, owner_in = log_in(victim.username, PROXY, HTTP_X_FORWARDED_FOR=HOME)

    assert guesser.status_code == 429 and not guesser_in
    assert owner_in


def test_a_forged_forwarded_header_is_ignored_without_a_trusted_proxy(ward_a):
    victim = ward_a.users["bloc"]
    client = Client(REMOTE_ADDR=OFFICE)
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": victim.username, "password": f"sai-{n}"},
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    forged, forged_in = log_in(victim.username, OFFICE, HTTP_X_FORWARDED_FOR="192.0.2.200")

    assert forged.status_code == 429 and not forged_in
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}
    assert log_in(victim.username, HOME)[1]


def test_a_forged_forwarded_header_is_ignored_from_anyone_but_the_proxy(ward_a, settings):
    settings.DANVAN_TRUSTED_PROXIES = [PROXY]
    victim = ward_a.users["bloc"]
    fail(victim.username, OFFICE, HTTP_X_FORWARDED_FOR="192.0.2.1")

    assert not log_in(victim.username, OFFICE, HTTP_X_FORWARDED_FOR="192.0.2.2")[1]
    # Through the proxy, an address written in front of the one the proxy appends changes nothing either.
    assert not log_in(victim.username, PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.3, {OFFICE}")[1]
    assert log_in(victim.username, PROXY, HTTP_X_FORWARDED_FOR=HOME)[1]


def test_the_administrator_sees_the_lock_and_unlocks_it(ward_a, admin_user):
    victim = ward_a.users["bloc"]
    fail(victim.username, OFFICE)
    assert not log_in(victim.username, OFFICE)[1]

    # The administrator works from the same office address and is not caught by the official's lock.
    admin = Client(REMOTE_ADDR=OFFICE)
    assert admin.post(ADMIN_LOGIN, {"username": admin_user.username, "password": PASSWORD}).status_code == 302
    changelist = admin.get("/quan-tri/axes/accessattempt/?locked_out=yes")
    assert changelist.status_code == 200
    page = changelist.content.decode()
    assert victim.username in page and OFFICE in page and "Đang bị khóa" in page
    attempt = AccessAttempt.objects.get(username=victim.username)
    response = admin.post("/quan-tri/axes/accessattempt/",
                          {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"})
    assert response.status_code == 302

    assert log_in(victim.username, OFFICE)[1]


def test_the_unlock_command_frees_that_account_and_no_other(ward_a):
    victim, colleague = ward_a.users["bloc"], ward_a.users["officer_ubnd"]
    fail(victim.username, OFFICE)
    fail(victim.username, HOME)
    fail(colleague.username, OFFICE)
    assert not log_in(victim.username, OFFICE)[1] and not log_in(victim.username, HOME)[1]

    call_command("axes_reset_username", victim.username)

    assert log_in(victim.username, OFFICE)[1] and log_in(victim.username, HOME)[1]
    assert not log_in(colleague.username, OFFICE)[1]
