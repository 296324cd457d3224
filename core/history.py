"""Audit log entries as an official reads them.

django-auditlog stores every value as text ("True", "1.00", a primary key) and a many-to-many change as
``{"type": "m2m", "operation": "add", "objects": [...]}``; shown as stored, a history reads like a log
file ("đã tham gia nhóm Zalo: False → True", "đơn vị phối hợp: type → operation"). This module turns an
entry into labelled, localised lines: relations by name, yes/no for booleans, numbers in the active
locale's format, and for a new record the values it was created with.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.numbers import number

NUMBER_FIELDS = {"DecimalField", "FloatField", "IntegerField", "PositiveIntegerField",
                 "PositiveSmallIntegerField", "SmallIntegerField", "BigIntegerField",
                 "PositiveBigIntegerField"}
# Columns kept for the machine, not for the reader of a history.
HIDDEN_FIELDS = {"id", "search_text", "created_at", "updated_at", "created_by", "updated_by"}
CREATE_LINES = 8


def empty(value):
    return value is None or str(value) in ("", "None")


def boolean_text(value):
    text = str(value)
    if text in ("True", "1", "true"):
        return _("Có")
    if text in ("False", "0", "false"):
        return _("Không")
    return text


def m2m_text(change):
    names = ", ".join(str(name) for name in change.get("objects", []))
    if change.get("operation") == "delete":
        return _("bỏ: %(names)s") % {"names": names}
    return _("thêm: %(names)s") % {"names": names}


def shown(value):
    if empty(value):
        return "—"
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "…"


def readable_changes(entry):
    """The lines of one audit entry: ``{"label", "old", "new"}`` (``old`` is None for a new record's values)."""
    model = entry.content_type.model_class()
    raw = entry.changes_dict or {}
    display = {}
    try:
        display = entry.changes_display_dict
    except Exception:  # a model that no longer exists or a value auditlog cannot parse: fall back to raw text
        display = {}
    creating = entry.action == entry.Action.CREATE
    lines = []
    for name, values in raw.items():
        if name in HIDDEN_FIELDS:
            continue
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
        label = capfirst(str(getattr(field, "verbose_name", name)))
        if isinstance(values, dict):
            lines.append({"label": label, "old": None, "new": m2m_text(values)})
            continue
        if field is not None and not getattr(field, "concrete", False):
            continue  # a reverse relation auditlog serialised as "app.Model.None"
        old, new = (list(values) + [None, None])[:2]
        kind = field.get_internal_type() if field is not None and hasattr(field, "get_internal_type") else ""
        if getattr(field, "choices", None) or kind in ("ForeignKey", "OneToOneField", "DateField",
                                                         "DateTimeField", "TimeField"):
            pair = display.get(getattr(field, "verbose_name", name)) or [old, new]
            old, new = (list(pair) + [None, None])[:2]
        elif kind == "BooleanField":
            old, new = boolean_text(old), boolean_text(new)
        elif kind in NUMBER_FIELDS:
            old = None if empty(old) else number(old)
            new = None if empty(new) else number(new)
        if creating:
            if empty(new):
                continue
            lines.append({"label": label, "old": None, "new": shown(new)})
        else:
            lines.append({"label": label, "old": shown(old), "new": shown(new)})
    return lines[:CREATE_LINES] if creating else lines
