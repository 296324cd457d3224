"""The public rating endpoint under load from a second process on loopback: no error answers beyond the rate
limit's, and every accepted rating is stored exactly once.

The portal is served by gunicorn on PostgreSQL (CI) and by the live test server on SQLite; the load comes from
bench/load_rating_endpoint.py in a subprocess. DANVAN_LOAD_SECONDS (60) sets the duration.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from tests.support.celery_worker import database_url, wait_for

BASE_DIR = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("DANVAN_LOAD_SECONDS", "60"))
DEVICES = 6

def rating_models():
    try:
        return apps.get_model("satisfaction", "Rating"), apps.get_model("satisfaction", "ServiceDesk"), \
            apps.get_model("satisfaction", "KioskDevice")
    except LookupError:
        return None


@pytest.fixture
def desk_with_devices(ward_a):
    models = rating_models()
    if models is None:
        pytest.skip("the satisfaction app has no public rating endpoint yet")
    _rating, desk_model, device_model = models
    desk = desk_model.objects.create(unit=ward_a.units["ubnd"], name="Quầy số 1 – Tư pháp, hộ tịch")
    tokens = [device_model.issue(desk, f"Máy tính bảng {n + 1}")[1] for n in range(DEVICES)]
    return desk, tokens


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve_with_gunicorn():
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict), "DATABASE_CONN_MAX_AGE": "60",
           "DJANGO_SETTINGS_MODULE": "danvan.settings"}
    env.pop("DJANGO_ENV", None)
    # One worker process with threads: the rate limiter counts in the local-memory cache of one process.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "danvan.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "4", "--log-level", "warning"], cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return server, f"http://127.0.0.1:{port}"


def _load(base_url, desk, tokens, tmp_path, concurrency):
    tokens_file = tmp_path / "tokens.txt"
    tokens_file.write_text("\n".join(tokens), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(BASE_DIR / "bench" / "load_rating_endpoint.py"), "--base-url", base_url,
         "--desk", desk.public_code, "--tokens-file", str(tokens_file), "--seconds", str(SECONDS),
         "--concurrency", str(concurrency), "--json"],
        capture_output=True, text=True, timeout=SECONDS + 120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])["rating"]


@pytest.mark.django_db(transaction=True)
def test_rating_endpoint_under_load_stores_every_accepted_rating(desk_with_devices, tmp_path, request):
    desk, tokens = desk_with_devices
    rating_model = rating_models()[0]
    server = None
    try:
        if connection.vendor == "postgresql":
            server, base_url = _serve_with_gunicorn()
            wait_for(lambda: _up(base_url), timeout=120, message="gunicorn did not start")
            concurrency = DEVICES
        else:
            # The live test server shares one in-memory SQLite connection between its threads: one client at a time.
            base_url = request.getfixturevalue("live_server").url
            concurrency = 1
        result = _load(base_url, desk, tokens, tmp_path, concurrency)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)

    assert result["requests"] > 0 and result["accepted"] > 0
    assert result["errors"] == 0, result
    assert rating_model.objects.filter(desk=desk).count() == result["accepted"]
    print(f"rating load: {result}")


def _up(base_url):
    import urllib.request

    try:
        with urllib.request.urlopen(base_url + "/healthz/", timeout=5):
            return True
    except Exception as exc:  # noqa: BLE001
        return getattr(exc, "code", 0) == 503
