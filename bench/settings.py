"""The benchmark's settings: the portal's, with the rating endpoint's per-tablet limit lifted when
DANVAN_BENCH_NO_RATE_LIMIT is set (bench/run.sh)."""

import os

from danvan.settings import *  # noqa: F403

# The benchmark measures how many ratings the endpoint can take, not the per-tablet limit that guards it.
if os.environ.get("DANVAN_BENCH_NO_RATE_LIMIT"):
    SATISFACTION_RATE_LIMITS = {scope: (10**9, 60)
                                for scope in ("kiosk_device", "qr_desk_address", "qr_address", "qr_desk")}
