"""Reads that may come from a streaming replica: the dashboards and the city or province view, whose figures a
Standing Committee meeting opens a dozen times at once. Everything else, and every write, goes to the primary.

``DATABASE_REPLICA_URL`` names the replica (a PostgreSQL hot standby); without it the ``replica`` alias is a second
connection to the primary, so the routing is the same code in development, CI and production. Reads are sent there
only inside ``reading_from_replica()`` (the views opt in through ``core.views.ReadsFromReplicaMixin``), only when
``DANVAN_REPLICA_READS`` is on (it is when a replica URL is given), and never inside a transaction on the primary: a
read that follows a write of the same request, or a ``select_for_update``, must see the primary.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_reads_from_replica = ContextVar("reads_from_replica", default=False)


@contextmanager
def reading_from_replica():
    """Send the reads made inside the block to the replica (when one is configured and reads are allowed there)."""
    token = _reads_from_replica.set(True)
    try:
        yield
    finally:
        _reads_from_replica.reset(token)


def replica_reads_active():
    return (
        _reads_from_replica.get()
        and getattr(settings, "DANVAN_REPLICA_READS", False)
        and REPLICA in settings.DATABASES
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    )


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if replica_reads_active() else None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: an object read from the replica may point at one saved on the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
