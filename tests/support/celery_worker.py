"""A real Celery worker for the tests, when the settings name a real broker.

With ``CELERY_BROKER_URL`` unset the portal runs tasks in-process (eager): the fixtures below then yield
None and the same test runs the eager path, asserting the same behaviour. With a broker (CI: Redis) they
start ``celery -A danvan worker`` in a subprocess that talks to the test database, on a queue of its own
so it never eats messages other tests or other runs left on the broker, and route every task there.

Use it from a test that needs ``transactional_db`` (the worker is another process: it only sees
committed rows)::

    def test_something(celery_worker_process, ...):
        result = some_task.delay(...)
        wait_for(lambda: Notification.objects.filter(...).count() == 2)   # or result.get(timeout=30)

The worker runs with the settings of the environment, not with what a test changes through the
``settings`` fixture: pass what matters to the task as arguments.
"""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from kombu import Exchange, Queue

from danvan.celery import app

BASE_DIR = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60
DEFAULT_WAIT = 30


def broker_is_real():
    return not settings.CELERY_BROKER_URL.startswith("memory://")


def database_url(settings_dict):
    """A DATABASE_URL (as dj-database-url reads it) for the database of ``settings_dict``, or None.

    pytest-django points the connection at the test database, so inside a test this names it. An
    in-memory SQLite database cannot be shared with another process: None.
    """
    engine = settings_dict["ENGINE"]
    name = str(settings_dict["NAME"])
    if engine.endswith("sqlite3"):
        if not name or name == ":memory:" or "mode=memory" in name:
            return None
        return f"sqlite:///{Path(name).resolve()}"
    scheme = {"postgresql": "postgres", "mysql": "mysql"}.get(engine.rsplit(".", 1)[-1])
    if scheme is None:
        return None
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(str(settings_dict.get("PASSWORD") or ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = quote(settings_dict.get("HOST") or "", safe="")  # a socket directory travels percent-encoded
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    options = {key: value for key, value in (settings_dict.get("OPTIONS") or {}).items()
               if isinstance(value, str | int) and not isinstance(value, bool)}
    query = f"?{urlencode(options)}" if options else ""
    return f"{scheme}://{credentials}{host}{port}/{quote(name, safe='')}{query}"


def result_backend_for(broker_url):
    """Where the test worker stores results, so a test can wait for a task with ``result.get()``."""
    if settings.CELERY_RESULT_BACKEND:
        return settings.CELERY_RESULT_BACKEND
    if broker_url.startswith(("redis://", "rediss://")):
        return broker_url
    return "rpc://"


def wait_for(predicate, timeout=DEFAULT_WAIT, interval=0.2, message="the worker did not finish in time"):
    """Poll ``predicate`` until it returns something true; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(message)
        time.sleep(interval)


class CeleryWorker:
    """One ``celery -A danvan worker`` subprocess consuming one queue of its own."""

    def __init__(self, database_url, broker_url):
        self.queue = f"danvan-test-{uuid.uuid4().hex[:12]}"
        self.nodename = f"{self.queue}@pytest"
        self.broker_url = broker_url
        self.result_backend = result_backend_for(broker_url)
        self.database_url = database_url
        self.log_path = Path(tempfile.mkstemp(prefix="celery-worker-", suffix=".log")[1])
        self.process = None

    def command(self):
        return [
            sys.executable, "-m", "celery", "-A", "danvan", "worker",
            "--pool=solo", "--concurrency=1", "-Q", self.queue, "-n", self.nodename,
            "--loglevel=INFO", "--without-gossip", "--without-mingle",
        ]

    def environment(self):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="danvan.settings",
            DATABASE_URL=self.database_url,
            DATABASE_CONN_MAX_AGE="0",  # no connection outlives a task: the test database can be dropped
            CELERY_BROKER_URL=self.broker_url,
            CELERY_RESULT_BACKEND=self.result_backend,
            PYTHONUNBUFFERED="1",
        )
        env.pop("DJANGO_ENV", None)
        return env

    def log(self, tail=4000):
        return self.log_since(0)[-tail:]

    def log_size(self):
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def log_since(self, offset):
        try:
            with self.log_path.open("rb") as log:
                log.seek(offset)
                return log.read().decode(errors="replace")
        except OSError:
            return ""

    def start(self):
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=BASE_DIR, env=self.environment(), stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Celery worker exited with {self.process.returncode}:\n{self.log()}")
            if app.control.ping(destination=[self.nodename], timeout=0.5):
                return self
        self.stop()
        raise RuntimeError(f"Celery worker not ready after {READY_TIMEOUT}s:\n{self.log()}")

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()  # warm shutdown: the task in hand finishes
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None
        self.log_path.unlink(missing_ok=True)
        self._delete_queue()

    def _delete_queue(self):
        """Leave nothing of the throw-away queue on a broker that outlives the run (CI's Redis)."""
        queue = Queue(self.queue, Exchange(self.queue, "direct"), self.queue)
        try:
            with app.connection_for_write(self.broker_url) as conn:
                bound = queue(conn.default_channel)
                bound.declare()  # the transport deletes only bindings it knows of in this channel
                bound.delete()
        except Exception:  # noqa: BLE001 - tidying up must not fail the run
            pass

    def route_tasks_here(self):
        """Send every task of the app to this worker's queue and keep results; returns an undo function."""
        conf = app.conf
        saved = {
            "task_default_queue": conf.task_default_queue,
            "result_backend": conf.result_backend,
            "task_always_eager": conf.task_always_eager,
        }
        conf.task_default_queue = self.queue
        conf.result_backend = self.result_backend
        conf.task_always_eager = False
        _reset_result_backend()

        def undo():
            for key, value in saved.items():
                setattr(conf, key, value)
            _reset_result_backend()

        return undo


def _reset_result_backend():
    # Celery caches the backend per thread; drop it so the next result uses the current configuration.
    app._local.__dict__.pop("backend", None)


@pytest.fixture(scope="session")
def celery_worker_session(django_db_setup, django_db_blocker):
    """One worker for the whole session on the test database, or None without a real broker."""
    if not broker_is_real():
        yield None
        return
    url = database_url(connection.settings_dict)  # after django_db_setup: the test database
    if url is None:
        # A real broker but a database the worker cannot reach (in-memory SQLite): run eagerly.
        yield None
        return
    worker = CeleryWorker(url, settings.CELERY_BROKER_URL).start()
    try:
        yield worker
    finally:
        worker.stop()


@pytest.fixture
def celery_worker_process(transactional_db, celery_worker_session):
    """The running worker with every task routed to it, or None when tasks run in-process.

    None means the eager path: ``delay()`` runs the task before it returns. The fixture makes sure of
    it even when a broker is configured but no worker could be started.
    """
    if celery_worker_session is None:
        saved = app.conf.task_always_eager
        app.conf.task_always_eager = True
        try:
            yield None
        finally:
            app.conf.task_always_eager = saved
        return
    assert database_url(connection.settings_dict) == celery_worker_session.database_url, "not the test database"
    undo = celery_worker_session.route_tasks_here()
    log_start = celery_worker_session.log_size()
    try:
        yield celery_worker_session
    finally:
        undo()
        # pytest shows this only when the test failed: what the worker did during the test.
        print(f"--- celery worker log ({celery_worker_session.nodename}) ---")
        print(celery_worker_session.log_since(log_start))
