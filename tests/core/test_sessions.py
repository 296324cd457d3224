"""Sessions suited to shared office computers: they end when the browser closes and after eight hours at most,
both adjustable from the environment."""

import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db

SETTINGS_FILE = Path(settings.BASE_DIR) / "danvan" / "settings.py"


def test_a_login_lasts_until_the_browser_closes_and_eight_hours_at_most(ward_a, client):
    response = client.post(reverse("login"), {"username": ward_a.users["bloc"].username, "password": PASSWORD})

    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_the_session_lifetime_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SESSION_COOKIE_AGE", "3600")
    monkeypatch.setenv("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", "false")

    chosen = runpy.run_path(str(SETTINGS_FILE))

    assert chosen["SESSION_COOKIE_AGE"] == 3600
    assert chosen["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is False
