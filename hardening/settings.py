"""The benchmark's settings: the portal's, with the hardening app (listed in danvan/settings.py too) and the
rating endpoint's per-tablet limit lifted when DANVAN_BENCH_NO_RATE_LIMIT is set (bench/run.sh)."""

from danvan.settings import *  # noqa: F403

if "hardening" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "hardening"]  # noqa: F405

import os  # noqa: E402

# The benchmark measures how many ratings the endpoint can take, not the per-tablet limit that guards it.
if os.environ.get("DANVAN_BENCH_NO_RATE_LIMIT"):
    SATISFACTION_RATE_LIMITS = {scope: (10**9, 60) for scope in ("kiosk_device", "qr_device", "qr_address")}
