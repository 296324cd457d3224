"""A fixed-window rate limiter on Django's cache, no database.

With the default local-memory cache each server process counts on its own; with ``CACHE_URL`` (Redis) the
limit holds across processes, as it should in production, and a check is one round trip to Redis.
"""

import time

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache


def allow(scope, ident, limit, window_seconds, now=None, cost=1):
    """Count ``cost`` hits of ``ident`` in ``scope``; False once more than ``limit`` hits fell in the current window.

    An empty ``ident`` is counted like any other: a request whose address is unknown must not escape the limit.
    """
    if limit <= 0:
        return False
    window = int((now if now is not None else time.time()) // window_seconds)
    key = f"rl:{scope}:{ident}:{window}"
    timeout = window_seconds + 1
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return _count_on_redis(backend, key, cost, timeout) <= limit
    # add() creates the counter only when missing, so concurrent first hits do not reset each other.
    cache.add(key, 0, timeout=timeout)
    try:
        count = cache.incr(key, cost)
    except ValueError:  # expired between add() and incr()
        cache.set(key, cost, timeout=timeout)
        count = cost
    return count <= limit


def _count_on_redis(backend, key, cost, timeout):
    """Create the counter when missing and add to it, in one round trip (Django's add() and incr() take three).
    The counter is written as Django's Redis cache writes integers, so cache.get() reads it back."""
    full_key = backend.make_and_validate_key(key)
    client = backend._cache.get_client(full_key, write=True)
    pipeline = client.pipeline(transaction=False)
    pipeline.set(full_key, 0, ex=timeout, nx=True)
    pipeline.incrby(full_key, cost)
    return pipeline.execute()[1]
