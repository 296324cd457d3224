"""Settings of the rating benchmark: the portal's own, plus a trivial view to compare with and rate limits high
enough that one machine can load the endpoint (the limiter still runs on every request)."""

from danvan.settings import *  # noqa: F401, F403

ROOT_URLCONF = "bench.rating_urls"
SATISFACTION_RATE_LIMITS = {"kiosk_device": (10**9, 60), "qr_device": (10**9, 600), "qr_address": (10**9, 600)}
