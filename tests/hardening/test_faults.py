"""Faults: the broker down, the database connection cut, a Celery worker killed in the middle of a report job."""

import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import close_old_connections, connection
from django.urls import reverse

from danvan.celery import app
from reports.models import QuarterlyReport, UnitReport
from tests.support.celery_worker import CeleryWorker, broker_is_real, database_url, wait_for

BASE_DIR = Path(__file__).resolve().parents[2]
CLOSED_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


# --- Broker down ---------------------------------------------------------------------------------

@pytest.fixture
def broker_down(settings, monkeypatch):
    """The portal configured with a real broker that does not answer (Redis stopped)."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    # Celery reads CELERY_BROKER_URL from the environment before its configuration (CI sets it).
    monkeypatch.setenv("CELERY_BROKER_URL", CLOSED_BROKER)
    settings.CELERY_BROKER_URL = CLOSED_BROKER
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = CLOSED_BROKER
    app.conf.task_always_eager = False
    _fresh_connections()  # new connections go to the closed port
    yield
    for key, value in saved.items():
        app.conf[key] = value
    _fresh_connections()


def _fresh_connections():
    """Forget every pooled broker connection, so the next one follows the current configuration."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db
def test_healthz_says_degraded_quickly_when_the_broker_is_down(broker_down, client):
    started = time.monotonic()
    response = client.get("/healthz/")

    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"].startswith("error")
    assert response.json()["database"] == "ok"
    assert time.monotonic() - started < 10


@pytest.mark.django_db
def test_pages_work_while_the_broker_is_down(broker_down, ward_a, plan_a, client_for):
    client = client_for(ward_a.users["bloc"])

    for name in ("home", "plans:task_list", "reports:dashboard", "reports:report_list"):
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.django_db(transaction=True)  # on_commit runs as in production: right after the view's commit
def test_a_page_that_sends_a_job_does_not_fail_while_the_broker_is_down(broker_down, admin_user, client_for, caplog):
    client = client_for(admin_user)
    client.raise_request_exception = False

    response = client.post(reverse("reports:city"))

    # core.dispatch.send_on_commit logs the job it could not queue (the periodic sweep sends it again).
    assert response.status_code < 500
    assert "Could not queue" in caplog.text


# --- Database connection cut ----------------------------------------------------------------------

def test_connections_are_health_checked():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db(transaction=True)
def test_the_next_request_reconnects_after_the_connection_was_closed(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    assert client.get(reverse("plans:task_list")).status_code == 200

    connection.close()
    close_old_connections()  # what every request starts with (the test client leaves it out)

    assert client.get(reverse("plans:task_list")).status_code == 200


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(opener, url):
    try:
        with opener.open(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="terminating a server backend needs PostgreSQL")
def test_gunicorn_answers_again_after_postgresql_dropped_its_connections(ward_a, client_for):
    """As after a PostgreSQL restart: every backend of the portal is terminated between two requests."""
    url = database_url(connection.settings_dict)
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "DATABASE_CONN_MAX_AGE": "600",
           "DJANGO_SETTINGS_MODULE": "danvan.settings"}
    env.pop("DJANGO_ENV", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "danvan.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--log-level", "warning"], cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        client = client_for(ward_a.users["bloc"])
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        opener.addheaders = [("Cookie", f"{settings.SESSION_COOKIE_NAME}={session}")]
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: _get(opener, base + "/healthz/") in (200, 503), timeout=120, message="gunicorn did not start")
        assert _get(opener, base + reverse("plans:task_list")) == 200

        with connection.cursor() as cursor:
            cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            terminated = cursor.fetchone()[0]

        assert terminated >= 1
        assert _get(opener, base + reverse("plans:task_list")) == 200
        assert _get(opener, base + "/healthz/") in (200, 503)  # 503 only for the broker, never the database
    finally:
        server.terminate()
        server.wait(timeout=20)


# --- A worker killed in the middle of a report job ------------------------------------------------

class KillableWorker(CeleryWorker):
    """A worker of its own (not the session's shared one): this test kills it."""

    def __init__(self, database_url, broker_url, queue=None, pause=0):
        super().__init__(database_url, broker_url)
        if queue:
            self.queue, self.nodename = queue, f"{queue}-{time.monotonic_ns()}@pytest"
        self.pause = pause

    def environment(self):
        env = super().environment()
        env.update(DJANGO_SETTINGS_MODULE="tests.support.worker_settings", HARDENING_SLOW_REPORT_SAVE=str(self.pause),
                   HARDENING_VISIBILITY_TIMEOUT="3")
        return env

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_report_job_killed_mid_way_completes_once_on_another_worker(ward_a, plan_a):
    from reports.tasks import prepare_draft

    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    ward = ward_a.ward
    if not broker_is_real() or database_url(connection.settings_dict) is None:
        # Without a broker the job runs in-process: running it twice still leaves one report.
        prepare_draft.apply(args=[ward.pk, 2024, 2])
        prepare_draft.apply(args=[ward.pk, 2024, 2])
        assert QuarterlyReport.objects.filter(ward=ward).count() == 1
        return

    url = database_url(connection.settings_dict)
    first = KillableWorker(url, settings.CELERY_BROKER_URL, pause=60)
    second, undo = None, None
    try:
        first.start()
        undo = first.route_tasks_here()
        prepare_draft.delay(ward.pk, 2024, 2)
        wait_for(lambda: "hardening: report job paused" in first.log(), timeout=60,
                 message=f"the job never started:\n{first.log()}")
        first.kill()  # SIGKILL mid-transaction: nothing of the job was committed, the message was not acked
        assert not QuarterlyReport.objects.filter(ward=ward).exists()

        second = KillableWorker(url, settings.CELERY_BROKER_URL, queue=first.queue)
        second.start()
        wait_for(lambda: QuarterlyReport.objects.filter(ward=ward, figures_at__isnull=False).exists(), timeout=90,
                 message="the job was not redelivered after the worker died")
        time.sleep(4)  # past the visibility timeout: a second delivery would show now

        reports = QuarterlyReport.objects.filter(ward=ward)
        assert reports.count() == 1
        report = reports.get()
        units = list(UnitReport.objects.filter(report=report).values_list("unit_id", flat=True))
        assert len(units) == len(set(units)) > 0
        assert "succeeded" in second.log()
    finally:
        if undo is not None:
            undo()
        first.stop()
        if second is not None:
            second.stop()
