"""Bounds on the work a file may cause (what an upload unpacks to, what a plan import reads), each one a setting."""

from dataclasses import fields
from typing import ClassVar

from django.conf import settings


class SettingsLimits:
    """A frozen dataclass of bounds whose every field is read from the setting ``setting_names`` gives it, so the
    bounds a piece of work is checked against are read together when it starts (a test passes its own)."""

    setting_names: ClassVar[dict[str, str]] = {}

    @classmethod
    def from_settings(cls):
        return cls(**{field.name: getattr(settings, cls.setting_names[field.name]) for field in fields(cls)})
