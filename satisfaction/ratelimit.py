"""A fixed-window rate limiter on Django's cache: two cache calls per check, no database.

With the default local-memory cache each server process counts on its own; with ``CACHE_URL`` (Redis) the
limit holds across processes, as it should in production.
"""

import time

from django.core.cache import cache


def allow(scope, ident, limit, window_seconds, now=None):
    """Count one hit of ``ident`` in ``scope``; False once more than ``limit`` hits fell in the current window."""
    if not ident or limit <= 0:
        return limit > 0
    window = int((now if now is not None else time.time()) // window_seconds)
    key = f"rl:{scope}:{ident}:{window}"
    # add() creates the counter only when missing, so concurrent first hits do not reset each other.
    cache.add(key, 0, timeout=window_seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window_seconds + 1)
        count = 1
    return count <= limit
