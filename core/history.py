"""Audit log entries as an official reads them.

django-auditlog stores every value as text ("True", "1.00", a primary key) and a many-to-many change as
``{"type": "m2m", "operation": "add", "objects": [...]}``; shown as stored, a history reads like a log
file ("đã tham gia nhóm Zalo: False → True", "đơn vị phối hợp: type → operation"). This module turns
entries into labelled, localised lines: relations by name, yes/no for booleans, choices by label, dates
dd/mm/yyyy, numbers in the portal's format, and for a new record the values it was created with.

auditlog's own ``changes_display_dict`` looks each related row up on its own (a query per relation per entry);
``readable_history`` names every related row of a page's entries in one query per related model.
"""

from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
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


def date_text(value, kind):
    try:
        if kind == "DateField":
            return formats.date_format(date.fromisoformat(str(value)[:10]), "SHORT_DATE_FORMAT")
        moment = datetime.fromisoformat(str(value))
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    except ValueError:
        return str(value)


def shown(value):
    if empty(value):
        return "—"
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "…"


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _is_relation(field):
    return field is not None and getattr(field, "concrete", False) and (field.many_to_one or field.one_to_one)


def related_names(entries):
    """{(related model, pk text): name} for every related row the entries mention: one query per related model."""
    wanted = {}
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in (entry.changes_dict or {}).items():
            field = _field(model, name)
            if _is_relation(field) and not isinstance(values, dict):
                wanted.setdefault(field.related_model, set()).update(
                    str(value) for value in values if not empty(value))
    names = {}
    for related, keys in wanted.items():
        pk_field = related._meta.pk
        try:
            pks = [pk_field.to_python(key) for key in keys]
        except Exception:  # noqa: BLE001 - a value that is no key of the model is shown as stored
            continue
        for pk, row in related._default_manager.in_bulk(pks).items():
            names[(related, str(pk))] = str(row)
    return names


def readable_changes(entry, names=None):
    """The lines of one audit entry: ``{"label", "old", "new"}`` (``old`` is None for a new record's values)."""
    names = related_names([entry]) if names is None else names
    model = entry.content_type.model_class()
    creating = entry.action == entry.Action.CREATE
    lines = []
    for name, values in (entry.changes_dict or {}).items():
        if name in HIDDEN_FIELDS:
            continue
        field = _field(model, name)
        label = capfirst(str(getattr(field, "verbose_name", name)))
        if isinstance(values, dict):
            lines.append({"label": label, "old": None, "new": m2m_text(values)})
            continue
        if field is not None and not getattr(field, "concrete", False):
            continue  # a reverse relation auditlog serialised as "app.Model.None"
        old, new = (list(values) + [None, None])[:2]
        kind = field.get_internal_type() if field is not None else ""
        if _is_relation(field):
            old, new = (None if empty(v) else names.get((field.related_model, str(v)), v) for v in (old, new))
        elif getattr(field, "choices", None):
            labels = {str(key): label for key, label in field.flatchoices}
            old, new = (None if empty(v) else labels.get(str(v), v) for v in (old, new))
        elif kind == "BooleanField":
            old, new = boolean_text(old), boolean_text(new)
        elif kind in NUMBER_FIELDS:
            old, new = (None if empty(v) else number(v) for v in (old, new))
        elif kind in ("DateField", "DateTimeField"):
            old, new = (None if empty(v) else date_text(v, kind) for v in (old, new))
        if creating:
            if empty(new):
                continue
            lines.append({"label": label, "old": None, "new": shown(new)})
        else:
            lines.append({"label": label, "old": shown(old), "new": shown(new)})
    return lines[:CREATE_LINES] if creating else lines


def readable_history(entries):
    """Each entry with its lines, relations named in one query per related model."""
    entries = list(entries)
    names = related_names(entries)
    return [{"entry": entry, "lines": readable_changes(entry, names)} for entry in entries]
