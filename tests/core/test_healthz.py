"""/healthz/ for load balancers and monitoring: database and broker, JSON, 503 when degraded."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.support.celery_worker import broker_is_real

pytestmark = pytest.mark.django_db


@override_settings(CELERY_TASK_ALWAYS_EAGER=True, CELERY_BROKER_URL="memory://")
def test_without_broker_tasks_run_in_process(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"database": "ok", "broker": "eager", "status": "ok"}


def test_configured_broker_is_reachable(client, settings):
    # CI names Redis; a run without a broker checks the same path on Kombu's in-memory transport.
    if not broker_is_real():
        settings.CELERY_TASK_ALWAYS_EAGER = False

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "status": "ok"}


@override_settings(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_unreachable_broker_is_reported_degraded(client):
    # Port 1 refuses connections: the view must answer (bounded by its own timeouts), not hang.
    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"].startswith("error")
    assert body["status"] == "degraded"


def test_health_needs_no_login_and_leaks_no_address(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://:secret-password@127.0.0.1:1/0"

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert b"secret-password" not in response.content
    assert b"127.0.0.1" not in response.content
