"""The benchmarks' settings: the portal's, plus the reference views of bench/urls.py (a trivial view and a
one-INSERT view), with the rating endpoint's limits lifted when DANVAN_BENCH_NO_RATE_LIMIT is set (the limiter
still runs on every request: only its thresholds change)."""

import os

from danvan.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The benchmark measures how many ratings the endpoint can take, not the per-tablet limit that guards it.
if os.environ.get("DANVAN_BENCH_NO_RATE_LIMIT"):
    SATISFACTION_RATE_LIMITS = {scope: (10**9, 600)
                                for scope in ("kiosk_device", "qr_desk_address", "qr_address", "qr_desk")}
