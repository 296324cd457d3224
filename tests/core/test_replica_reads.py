"""Dashboards read from a streaming replica when one is configured (core.db_router); writes, transactions and
every other page stay on the primary. In tests the ``replica`` alias mirrors the test database, the way a hot
standby mirrors the primary."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from core.db_router import REPLICA, ReplicaRouter, reading_from_replica
from plans.models import Task

DASHBOARD = "/bang-dieu-hanh/"


def _figure_queries(captured):
    return [query["sql"] for query in captured if "plans_task" in query["sql"]]


@pytest.mark.django_db(databases=["default", "replica"], transaction=True)
def test_the_dashboard_reads_its_figures_from_the_replica(ward_a, plan_a, client_for, settings):
    settings.DANVAN_REPLICA_READS = True
    client = client_for(ward_a.users["standing"])

    with CaptureQueriesContext(connections[REPLICA]) as on_replica, \
            CaptureQueriesContext(connections["default"]) as on_primary:
        response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert plan_a.tasks.count() and _figure_queries(on_replica), "the task figures come from the replica"
    assert not _figure_queries(on_primary), "nothing of the figures is read from the primary"


@pytest.mark.django_db(databases=["default", "replica"], transaction=True)
def test_without_a_replica_every_read_stays_on_the_primary(ward_a, plan_a, client_for, settings):
    settings.DANVAN_REPLICA_READS = False
    client = client_for(ward_a.users["standing"])

    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client.get(DASHBOARD).status_code == 200

    assert not on_replica.captured_queries


@pytest.mark.django_db(databases=["default", "replica"], transaction=True)
def test_other_pages_and_transactions_read_the_primary(ward_a, plan_a, client_for, settings):
    from django.db import transaction

    settings.DANVAN_REPLICA_READS = True
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client_for(ward_a.users["standing"]).get("/nhiem-vu/").status_code == 200
    assert not _figure_queries(on_replica), "the task list is not a dashboard"

    router = ReplicaRouter()
    with reading_from_replica():
        assert router.db_for_read(Task) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(Task) is None, "inside a transaction a read must see its own writes"
        assert router.db_for_write(Task) == "default"
    assert router.db_for_read(Task) is None
    assert router.allow_migrate(REPLICA, "plans") is False and router.allow_migrate("default", "plans") is True
