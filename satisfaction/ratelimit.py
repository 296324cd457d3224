"""A fixed-window rate limiter on Django's cache: two cache calls per check, no database.

With the default local-memory cache each server process counts on its own; with ``CACHE_URL`` (Redis) the
limit holds across processes, as it should in production.
"""

import time

from django.core.cache import cache


def allow(scope, ident, limit, window_seconds, now=None, cost=1):
    """Count ``cost`` hits of ``ident`` in ``scope``; False once more than ``limit`` hits fell in the current window.

    An empty ``ident`` is counted like any other: a request whose address is unknown must not escape the limit.
    """
    if limit <= 0:
        return False
    window = int((now if now is not None else time.time()) // window_seconds)
    key = f"rl:{scope}:{ident}:{window}"
    # add() creates the counter only when missing, so concurrent first hits do not reset each other.
    cache.add(key, 0, timeout=window_seconds + 1)
    try:
        count = cache.incr(key, cost)
    except ValueError:  # expired between add() and incr()
        cache.set(key, cost, timeout=window_seconds + 1)
        count = cost
    return count <= limit
