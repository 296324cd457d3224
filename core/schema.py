"""OpenAPI schema naming: every choice set of the portal's models gets one stable enum name.

Many models have a "status" or "kind" field with different choices; without names drf-spectacular invents
hashed ones ("Status11aEnum") and warns. The name is the model's and the field's: TaskStatusEnum.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def _project_models():
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().is_relative_to(base) and ".venv" not in Path(config.path).parts:
            yield from config.get_models()


def enum_name_overrides():
    overrides = {}
    seen = set()
    for model in _project_models():
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            pairs = tuple((value, str(label)) for value, label in field.flatchoices if value not in ("", None))
            if not pairs or pairs in seen:
                continue
            seen.add(pairs)
            camel = "".join(part.capitalize() for part in field.name.split("_"))
            overrides[f"{model.__name__}{camel}Enum"] = _choices_of(field)
    return overrides


def _choices_of(field):
    def choices():
        return [(value, label) for value, label in field.flatchoices]

    return choices


def install():
    """Called from CoreConfig.ready(): add the names to SPECTACULAR_SETTINGS before any schema is built."""
    names = settings.SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {})
    for name, choices in enum_name_overrides().items():
        names.setdefault(name, choices)
