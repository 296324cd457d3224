"""The portal's settings with the hardening app installed: for running its commands before it is listed in
danvan/settings.py (DJANGO_SETTINGS_MODULE=hardening.settings manage.py generate_city ...)."""

from danvan.settings import *  # noqa: F403

if "hardening" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "hardening"]  # noqa: F405

import os  # noqa: E402

# The benchmark measures how many ratings the endpoint can take, not the per-tablet limit that guards it.
if os.environ.get("DANVAN_BENCH_NO_RATE_LIMIT"):
    SATISFACTION_RATE_LIMITS = {scope: (10**9, 60) for scope in ("kiosk_device", "qr_device", "qr_address")}
