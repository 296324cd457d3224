"""The portal's settings with the hardening app installed: for running its commands before it is listed in
danvan/settings.py (DJANGO_SETTINGS_MODULE=hardening.settings manage.py generate_city ...)."""

from danvan.settings import *  # noqa: F403

if "hardening" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "hardening"]  # noqa: F405
