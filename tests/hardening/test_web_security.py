"""What an attacker meets: a locked login after repeated failures, secure cookies and HSTS in production, a
Content-Security-Policy without inline scripts on every page, and uploaded files that cannot run in the portal."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from core.models import Attachment
from tests.support import urlmap
from tests.support.accounts import PASSWORD

BASE_DIR = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JSON_SCRIPT_TYPES = ("application/json", "application/ld+json")


# --- Brute force ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_login_form_locks_out_after_the_failure_limit(ward_a):
    user = ward_a.users["bloc"]
    client = Client(REMOTE_ADDR="203.0.113.7")
    url = reverse("login")

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": user.username, "password": f"sai-mat-khau-{attempt}"})
        assert "_auth_user_id" not in client.session
    response = client.post(url, {"username": user.username, "password": PASSWORD})

    assert response.status_code in (403, 429)
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The lock holds for this account from this address only (tests/hardening/test_login_lockout.py).


@pytest.mark.django_db
def test_a_few_mistakes_do_not_lock_a_user_out(ward_a):
    user = ward_a.users["bloc"]
    client = Client(REMOTE_ADDR="203.0.113.8")
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": user.username, "password": f"sai-{attempt}"})

    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


# --- Production cookies, HSTS --------------------------------------------------------------------

PROBE = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name, None) for name in (
    "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS", "SECURE_PROXY_SSL_HEADER", "AXES_ENABLED")}))
"""


def test_production_sends_secure_cookies_and_hsts(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DANVAN_", "AXES_"))}
    env.update(DJANGO_SETTINGS_MODULE="danvan.settings", DJANGO_ENV="production", DANVAN_VAR_DIR=str(tmp_path),
               DJANGO_SECRET_KEY="k" * 20 + "-production-probe-" + "x" * 30, DJANGO_ALLOWED_HOSTS="danvan.example.vn")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=BASE_DIR, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SECURE_SSL_REDIRECT"] and values["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["AXES_ENABLED"]


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_not_readable_by_scripts(ward_a):
    client = Client()
    client.get(reverse("login"))
    response = client.post(reverse("login"), {"username": ward_a.users["bloc"].username, "password": PASSWORD})

    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] in ("Lax", "Strict")


# --- Content-Security-Policy on every page -------------------------------------------------------

def _policy(response):
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def _page_routes():
    """Every browser page without arguments (lists, dashboards, forms), admin and API aside."""
    for route in urlmap.walk():
        if route.kwargs or route.is_api or route.route.startswith(("quan-tri/", "i18n/", "dang-xuat/")):
            continue
        yield route


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["bloc", "standing", "religion", "group_leader"])
def test_every_page_sends_a_policy_without_inline_scripts(ward_a, plan_a, client_for, role):
    client = client_for(ward_a.users[role])
    client.raise_request_exception = False
    checked, problems = 0, []
    for route in _page_routes():
        path = urlmap.path_for(route, {})
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.headers.get("Content-Type", ""):
            if response.status_code >= 500:
                problems.append(f"{path}: {response.status_code}")
            continue
        checked += 1
        policy = _policy(response)
        scripts = policy.get("script-src", policy.get("default-src", []))
        if not scripts or "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts or "*" in scripts:
            problems.append(f"{path}: script-src {scripts}")
        html = response.content.decode()
        for match in INLINE_SCRIPT.finditer(html):
            if not any(kind in match.group(0) for kind in JSON_SCRIPT_TYPES):
                problems.append(f"{path}: inline script {match.group(0)[:80]!r}")
        for match in EVENT_HANDLER.finditer(html):
            problems.append(f"{path}: event handler attribute {match.group(0)[:80]!r}")

    assert checked >= 15, f"only {checked} pages answered 200"
    assert not problems, "\n".join(problems)


# --- Uploaded files ------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_stored_html_file_is_downloaded_never_rendered(ward_a, client_for):
    """Even a file that slipped past the upload check (an old row, a bug) cannot run in the portal's origin."""
    unit = ward_a.units["ubnd"]
    attachment = Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(unit), object_id=unit.pk,
        file=ContentFile(b"<html><script>alert(document.cookie)</script></html>", name="bao-cao.html"),
        original_name="bao-cao.html", mime_type="text/html", size=52,
    )

    response = client_for(ward_a.users["bloc"]).get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    policy = _policy(response)
    assert "sandbox" in policy and policy["default-src"] == ["'none'"]


@pytest.mark.django_db
def test_images_and_pdfs_shown_inline_are_sandboxed(ward_a, client_for):
    unit = ward_a.units["ubnd"]
    attachment = Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(unit), object_id=unit.pk,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="bien-ban.pdf"), original_name="bien-ban.pdf",
        mime_type="application/pdf", size=15,
    )

    response = client_for(ward_a.users["bloc"]).get(attachment.get_absolute_url())

    assert response.headers["Content-Disposition"].startswith("inline")
    assert "sandbox" in _policy(response)
    assert "script-src" not in _policy(response)


@pytest.mark.parametrize("name, content", [
    ("anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
    ("trang.html", b"<!doctype html><script>alert(1)</script>"),
    ("anh.png", b"<script>alert(1)</script>"),
    ("bao-cao.pdf.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
    ("van-ban.docx", b"<html>not a zip</html>"),
])
def test_uploads_are_judged_by_their_content_not_their_name(name, content):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.validators import validate_upload

    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile(name, content))
