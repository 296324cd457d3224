"""Settings of the rating benchmark: the portal's own, plus a trivial view to compare with and rate limits high
enough that one machine can load the endpoint (the limiter still runs on every request)."""

from danvan.settings import *  # noqa: F401, F403

ROOT_URLCONF = "bench.rating_urls"
SATISFACTION_RATE_LIMITS = {scope: (10**9, 600)
                            for scope in ("kiosk_device", "qr_desk_address", "qr_address", "qr_desk")}
