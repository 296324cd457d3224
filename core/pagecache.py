"""The main pages kept whole for a short time per user and session, and dropped the moment the data they show may
have changed (issue 19: a Standing Committee meeting where everyone opens the dashboard, the morning reports are due).

How a kept page stays true:

- Every request and every Celery task watches the SQL it sends (``WriteWatchMiddleware``, ``WatchedTask``). When it
  wrote anything but the bookkeeping of ``IGNORED_WRITES`` (sessions, login attempts, citizens' ratings, a tablet's
  last contact), it raises a *data version* once it is done, after its transaction has committed: the version of its
  ward when the writer works for a ward, otherwise (the city, an administrator, a background job) the version of
  everything.
- A kept page is stored under the versions it depends on: a ward user's page under the version of everything and
  of their ward, a page of someone above the wards under the version of everything and of any ward. A raised version
  names a new key, so the old page is never served again; a page rendered while a write committed is stored under
  the version it started with, which is dead by then.
- The key holds the user and their session as well: nobody is served a page rendered for someone else, a new login
  starts afresh, and a locked account is refused before any kept page is looked at (Django checks the account on
  every request).
- Pages that carry a one-time message are neither served from nor stored in the cache. Ratings arrive all the time
  and do not raise a version: the pages that count them are at most ``DANVAN_PAGE_CACHE_SECONDS`` behind, as the
  dashboard's figures already were (``DANVAN_DASHBOARD_CACHE_SECONDS``).

Only views that ask for it (``KeptPageMixin``) are kept, and only when the cache is shared by every process
(``CACHE_URL``): with each process's own memory a write seen by one process would not drop the pages of another.
"""

import hashlib
import zlib

from celery import Task
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpResponse

# Statements that change nothing a kept page shows: bookkeeping of sessions and logins, the anonymous ratings (the
# pages counting them accept DANVAN_PAGE_CACHE_SECONDS of delay) and a tablet's last contact.
IGNORED_WRITES = (
    'INSERT INTO "django_session"',
    'UPDATE "django_session"',
    'DELETE FROM "django_session"',
    'INSERT INTO "axes_',
    'UPDATE "axes_',
    'DELETE FROM "axes_',
    'INSERT INTO "satisfaction_rating" ',
    'INSERT INTO "satisfaction_ratingreasonlink"',
    'UPDATE "satisfaction_kioskdevice" SET "last_seen_at"',
)
WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "COPY", "ALTER", "CREATE", "DROP")
EVERYTHING = "all"
ANY_WARD = "any"
# Headers a kept page is served with again (never Set-Cookie: a cookie belongs to the response that set it).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")


def seconds():
    return getattr(settings, "DANVAN_PAGE_CACHE_SECONDS", 0)


def ward_scope(ward_id):
    return f"ward:{ward_id}"


def _ward_id(user):
    """The id of the ward ``user`` works for (as User.ward, without loading the ward itself), or None."""
    if user is None or not user.is_authenticated or user.unit_id is None:
        return None
    unit = user.unit
    return unit.pk if unit.is_ward else unit.ward_id


def writer_scopes(user):
    """The versions a write by ``user`` (None: a background job, an anonymous request) raises."""
    ward_id = _ward_id(user)
    return [ward_scope(ward_id), ANY_WARD] if ward_id is not None else [EVERYTHING]


def reader_scopes(user):
    """The versions a page seen by ``user`` depends on."""
    ward_id = _ward_id(user)
    return [EVERYTHING, ward_scope(ward_id)] if ward_id is not None else [EVERYTHING, ANY_WARD]


def _version_key(scope):
    return f"pages:version:{scope}"


def raise_versions(scopes):
    """Drop every kept page that depends on one of ``scopes``."""
    for scope in scopes:
        key = _version_key(scope)
        cache.add(key, 0, timeout=None)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add() and incr(): a fresh value is as good
            cache.set(key, 1, timeout=None)


class WriteWatcher:
    """An execute wrapper (Django's connection.execute_wrapper) that notes whether a statement changed data."""

    def __init__(self):
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        if not self.wrote:
            head = sql.lstrip()[:60]
            if head.upper().startswith(WRITES) and not head.startswith(IGNORED_WRITES):
                self.wrote = True
        return execute(sql, params, many, context)


class watching_writes:
    """Watch every database connection in the block; when it wrote, raise the versions of ``scopes()`` once its
    transaction has committed (at once when there is none)."""

    def __init__(self, scopes):
        self.scopes = scopes
        self.watcher = WriteWatcher()
        self.wrappers = []

    def __enter__(self):
        for alias in connections:
            wrapper = connections[alias].execute_wrapper(self.watcher)
            wrapper.__enter__()
            self.wrappers.append(wrapper)
        return self.watcher

    def __exit__(self, *exc_info):
        for wrapper in reversed(self.wrappers):
            wrapper.__exit__(*exc_info)
        if self.watcher.wrote:
            scopes = self.scopes()
            transaction.on_commit(lambda: raise_versions(scopes))


class WriteWatchMiddleware:
    """Raise the data versions after a request that changed data (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with watching_writes(lambda: writer_scopes(getattr(request, "user", None))):
            return self.get_response(request)


class WatchedTask(Task):
    """The portal's Celery task: a job that changed data raises the version of everything when it ends."""

    def __call__(self, *args, **kwargs):
        with watching_writes(lambda: [EVERYTHING]):
            return super().__call__(*args, **kwargs)


def page_key(request):
    """The cache key of this request's page, under the data versions it depends on now."""
    scopes = reader_scopes(request.user)
    versions = cache.get_many([_version_key(scope) for scope in scopes])
    parts = [
        *(f"{scope}={versions.get(_version_key(scope), 0)}" for scope in scopes),
        str(request.user.pk), request.session.session_key or "", request.LANGUAGE_CODE,
        request.get_full_path(), request.headers.get("HX-Request", ""),
    ]
    return "pages:page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _keepable(request):
    return (seconds() > 0 and request.method == "GET" and request.user.is_authenticated
            and not len(get_messages(request)))


class KeptPageMixin:
    """Keep this view's page whole for DANVAN_PAGE_CACHE_SECONDS, per user and session, until the data it shows may
    have changed. For pages that only read: a page that consumes something from the session must not use it."""

    def dispatch(self, request, *args, **kwargs):
        if not _keepable(request):
            return super().dispatch(request, *args, **kwargs)
        key = page_key(request)
        kept = cache.get(key)
        if kept is not None:
            response = HttpResponse(zlib.decompress(kept["content"]), status=200)
            for name, value in kept["headers"].items():
                response[name] = value
            return response
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render"):
                response.render()
            if not response.cookies and not request.session.modified:
                headers = {name: response[name] for name in KEPT_HEADERS if name in response}
                # Compressed: a page of HTML shrinks about tenfold, and so does what Redis holds for every user.
                cache.set(key, {"content": zlib.compress(response.content, 1), "headers": headers}, seconds())
        return response
