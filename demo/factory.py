"""Rows of any model, built from the model's own fields: the generic factory behind the city generator and the
security tests.

Nothing here names a model of an area app. ``RowFactory(ward, rng).build(Model, **overrides)`` reads the
model's concrete fields and gives each required one a value its field accepts (choices, validators, max
length, unique), points foreign keys at rows of the same ward (creating a parent when the ward has none) and
picks units of the ward that fit the field (``limit_choices_to``, a ``ward`` field, a ``residential_group``
field …). ``prepare(instance)`` runs the model's own ``save()`` logic without writing, so rows that go to
``bulk_create`` carry what ``save()`` would have derived (``search_text``, a ward taken from a unit, a dedup
key).
"""

import contextlib
import datetime as dt
import functools
import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from core.access import VIEW, scope_q
from core.search import SearchableModel

from . import names

PERSON_HINTS = ("full_name", "person", "head", "leader", "monk", "chair", "requested_by", "signer", "contact",
                "reporter", "respondent", "speaker", "presenter", "owner_name", "officer_name", "member_name")
ADDRESS_HINTS = ("address", "location", "venue", "place", "area")
PHONE_HINTS = ("phone", "mobile", "tel")
CODE_HINTS = ("code", "number", "symbol", "decision")
TITLE_HINTS = ("title", "name", "subject", "topic", "label")

# A tiny valid PDF for required file fields.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@functools.cache
def concrete_fields(model):
    return tuple(f for f in model._meta.concrete_fields if not f.primary_key)


def _limit_q(field):
    limit = field.remote_field.limit_choices_to if field.remote_field else None
    if callable(limit):
        limit = limit()
    if not limit:
        return Q()
    return limit if isinstance(limit, Q) else Q(**limit)


def _bounds(field):
    low, high = None, None
    for validator in field.validators:
        if isinstance(validator, MinValueValidator):
            low = validator.limit_value() if callable(validator.limit_value) else validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            high = validator.limit_value() if callable(validator.limit_value) else validator.limit_value
    return low, high


def _max_length(field):
    lengths = [field.max_length] if getattr(field, "max_length", None) else []
    lengths += [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    return min(lengths) if lengths else None


@functools.cache
def _unique_fields(model):
    """Names of fields that take part in a uniqueness rule: their generated values get a counter."""
    result = set()
    for field in concrete_fields(model):
        if field.unique:
            result.add(field.name)
    for together in model._meta.unique_together:
        result.update(together)
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            result.update(constraint.fields)
    return result


def has_default(field):
    return field.has_default() or getattr(field, "db_default", models.NOT_PROVIDED) is not models.NOT_PROVIDED


@contextlib.contextmanager
def saves_disabled():
    """Run ``Model.save()`` for its derived fields while nothing reaches the database."""
    original = models.Model.save_base
    models.Model.save_base = lambda self, *args, **kwargs: None
    try:
        yield
    finally:
        models.Model.save_base = original


def prepare(instance):
    """What ``save()`` would derive, without saving: for rows that go to ``bulk_create``."""
    with saves_disabled():
        try:
            instance.save()
        except Exception:  # noqa: BLE001 - a save() that needs a primary key: keep what the factory set
            pass
    if isinstance(instance, SearchableModel):
        instance.search_text = instance.build_search_text()
    return instance


class RowFactory:
    """Builds rows of any model inside one ward."""

    def __init__(self, ward, rng, units=None, today=None):
        from organisations.models import Unit

        self.ward = ward
        self.rng = rng
        self.units = units or {}
        self.ward_units = list(Unit.objects.filter(Q(ward=ward) | Q(pk=ward.pk)).order_by("path"))
        self.today = today or timezone.localdate()
        self.counter = 0
        self._parents = {}

    # --- values ---------------------------------------------------------------------------------

    def text(self, field, unique=False):
        name = field.name.lower()
        limit = _max_length(field)
        if any(hint in name for hint in PERSON_HINTS) or name.endswith("_by"):
            value = names.person_name(self.rng)
        elif any(hint in name for hint in PHONE_HINTS):
            value = f"09{self.rng.randint(10_000_000, 99_999_999)}"
        elif any(hint in name for hint in ADDRESS_HINTS):
            value = names.address(self.rng)
        elif any(hint in name for hint in CODE_HINTS):
            value = f"{self.rng.randint(1, 399)}-KH/ĐU"
        elif any(hint in name for hint in TITLE_HINTS) or isinstance(field, models.CharField):
            value = names.task_title(self.rng)
        else:
            value = names.sentence(self.rng)
        if unique:
            self.counter += 1
            suffix = f" {self.counter}-{uuid.uuid4().hex[:6]}"
            value = value[: (limit - len(suffix)) if limit else None] + suffix
        return value[:limit] if limit else value

    def number(self, field):
        low, high = _bounds(field)
        low = 1 if low is None else low
        high = (low + 20) if high is None else high
        value = self.rng.randint(int(low), max(int(low), int(high)))
        if isinstance(field, models.DecimalField):
            limit = 10 ** (field.max_digits - field.decimal_places) - 1
            return Decimal(min(value, limit))
        if isinstance(field, models.FloatField):
            return float(value)
        return value

    def date(self, index):
        return self.today - dt.timedelta(days=200) + dt.timedelta(days=7 * index + self.rng.randint(0, 6))

    def value(self, model, field, index, unique_fields):
        if field.choices:
            values = [value for value, _label in field.flatchoices if value not in ("", None)]
            if values:
                return self.rng.choice(values)
        if isinstance(field, models.SlugField):
            return f"gen-{uuid.uuid4().hex[:12]}"
        if isinstance(field, models.EmailField):
            return f"sinh-du-lieu-{uuid.uuid4().hex[:8]}@example.invalid"
        if isinstance(field, models.URLField):
            return "https://example.invalid/"
        if isinstance(field, models.UUIDField):
            return uuid.uuid4()
        if isinstance(field, models.GenericIPAddressField):
            return "127.0.0.1"
        if isinstance(field, models.BooleanField):
            return False
        if isinstance(field, models.DateTimeField):
            return timezone.make_aware(dt.datetime.combine(self.date(index), dt.time(8, 30)))
        if isinstance(field, models.DateField):
            return self.date(index)
        if isinstance(field, models.TimeField):
            return dt.time(8 + index % 9, 0)
        if isinstance(field, models.DurationField):
            return dt.timedelta(hours=1)
        if isinstance(field, models.JSONField):
            return {}
        if isinstance(field, models.FileField):
            return ContentFile(PDF_BYTES, name="minh-chung.pdf")
        if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
            if field.name.endswith("object_id"):
                return self.ward.pk
            return self.number(field)
        if isinstance(field, models.CharField | models.TextField):
            return self.text(field, unique=field.name in unique_fields)
        return None

    # --- relations ------------------------------------------------------------------------------

    def unit_for(self, field, exclude=()):
        """A unit of the ward that fits the field."""
        from organisations.models import UnitKind

        candidates = [u for u in self.ward_units if u.pk not in exclude]
        limit = _limit_q(field)
        if limit:
            allowed = set(
                type(self.ward)._base_manager.filter(limit).filter(pk__in=[u.pk for u in candidates])
                .values_list("pk", flat=True)
            )
            candidates = [u for u in candidates if u.pk in allowed]
        name = field.name
        if name == "ward" and self.ward.pk not in exclude:
            return self.ward
        for kind in UnitKind.values:
            if kind in name:
                matching = [u for u in candidates if u.kind == kind]
                if matching:
                    return matching[0]
        for key in ("ubnd",):
            unit = self.units.get(key)
            if unit is not None and unit in candidates:
                return unit
        non_ward = [u for u in candidates if u.pk != self.ward.pk]
        return (non_ward or candidates or [None])[0]

    def in_ward(self, model):
        """Rows of ``model`` that lie in the ward (by its access policy), or every row without one."""
        queryset = model._base_manager.all()
        policy = getattr(model, "access_policy", None)
        if policy is not None:
            queryset = queryset.filter(scope_q(model, policy, self.ward.path, VIEW))
        return queryset

    def parent(self, model, field=None):
        """A row of ``model`` in the ward for a foreign key: an existing one, or a new one."""
        from organisations.models import Person, Unit, User

        if model is Unit:
            return self.unit_for(field)
        if model is ContentType:
            return ContentType.objects.get_for_model(Unit)
        if model in self._parents:
            return self._parents[model]
        if model is User:
            found = User.objects.filter(unit__ward=self.ward).order_by("pk").first()
        elif model is Person:
            found = Person.objects.filter(unit__ward=self.ward).order_by("pk").first()
        else:
            found = self.in_ward(model).order_by("pk").first()
        if found is None:
            found = self.create(model)
        self._parents[model] = found
        return found

    # --- rows -----------------------------------------------------------------------------------

    def build(self, model, **overrides):
        """An unsaved row of ``model``: the overrides, and a value for every other required field."""
        from organisations.models import Unit

        instance = model()
        unique_fields = _unique_fields(model)
        for index, field in enumerate(concrete_fields(model)):
            if field.name in overrides or field.attname in overrides:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                continue
            if field.is_relation:
                if field.null and not (field.related_model is Unit and field.name != "parent"):
                    continue
                if field.related_model is model:
                    continue
                if field.related_model is Unit:
                    exclude = ()
                    if field.one_to_one or field.unique:
                        exclude = set(model._base_manager.values_list(field.attname, flat=True))
                    value = self.unit_for(field, exclude=exclude)
                    if value is None and field.null:
                        continue
                else:
                    value = self.parent(field.related_model, field)
                setattr(instance, field.name, value)
                continue
            # A default is the state a new row starts in (a draft, not an approved report): keep it.
            if has_default(field) and field.name not in unique_fields:
                continue
            if field.blank and not isinstance(field, models.CharField | models.TextField) and field.null:
                continue
            if field.name == "search_text":
                continue
            value = self.value(model, field, index, unique_fields)
            if value is not None:
                setattr(instance, field.name, value)
        for name, value in overrides.items():
            setattr(instance, name, value)
        return instance

    def create(self, model, attempts=5, **overrides):
        """A saved row, built until its checks pass (dates in order, values in range)."""
        last_error = None
        for _attempt in range(attempts):
            instance = self.build(model, **overrides)
            try:
                instance.validate_constraints()
            except ValidationError as exc:
                last_error = exc
                continue
            try:
                with transaction.atomic():
                    instance.save()
                return instance
            except (IntegrityError, ValidationError, ValueError, TypeError) as exc:
                last_error = exc
        raise RuntimeError(f"Could not create a row of {model._meta.label}: {last_error}")


# --- Fast inserts ---------------------------------------------------------------------------------

def _insert_fields(model):
    """Every column but an auto-incremented primary key, which the database fills."""
    return [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]


def _column_value(field, value, connection):
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        import json

        return json.dumps(value, cls=field.encoder)
    if isinstance(field, models.DateTimeField | models.DateField | models.TimeField | models.CharField
                  | models.TextField | models.IntegerField | models.BooleanField | models.UUIDField
                  | models.DecimalField | models.ForeignKey):
        return value
    return field.get_db_prep_save(value, connection)


def insert_rows(model, rows, template=None, batch_size=5000, using="default"):
    """Insert many rows fast; no primary keys come back.

    ``rows`` are model instances or dicts of attribute names (``desk_id``, ``level``); a dict takes what it
    lacks from ``template``, an instance built by ``RowFactory.build``. On PostgreSQL the rows go through
    COPY (a million ratings in about a minute); elsewhere through ``bulk_create``.
    """
    from django.db import connections

    connection = connections[using]
    fields = _insert_fields(model)
    now = timezone.now()
    base = {}
    if template is not None:
        base = {f.attname: getattr(template, f.attname) for f in fields}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            base[f.attname] = now if isinstance(f, models.DateTimeField) else now.date()
        elif f.attname not in base or base[f.attname] is None:
            if f.has_default() and not f.null:
                base[f.attname] = f.get_default()

    def values(row):
        if isinstance(row, models.Model):
            data = {f.attname: getattr(row, f.attname) for f in fields}
            for name, value in base.items():
                if data.get(name) is None and value is not None:
                    data[name] = value
            return data
        return {**base, **row}

    inserted = 0
    if connection.vendor != "postgresql":
        batch = []
        for row in rows:
            batch.append(model(**values(row)) if not isinstance(row, models.Model) else row)
            if len(batch) >= batch_size:
                model._base_manager.using(using).bulk_create(batch, batch_size=batch_size)
                inserted += len(batch)
                batch = []
        model._base_manager.using(using).bulk_create(batch, batch_size=batch_size)
        return inserted + len(batch)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                data = values(row)
                copy.write_row([_column_value(f, data.get(f.attname), connection) for f in fields])
                inserted += 1
    return inserted


def update_rows(model, objects, fields, batch_size=1000, using="default"):
    """Write ``fields`` of many saved rows. On PostgreSQL one ``UPDATE … FROM (VALUES …)`` per batch, where
    ``bulk_update``'s CASE expressions take minutes for tens of thousands of rows; elsewhere ``bulk_update``."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "postgresql":
        model._base_manager.using(using).bulk_update(objects, fields, batch_size=batch_size)
        return len(objects)
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    pk = meta.pk
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}::{f.db_type(connection)}" for f in columns)
    names = ", ".join(quote(c) for c in [pk.column, *[f.column for f in columns]])
    row_template = "(" + ", ".join(["%s"] * (len(columns) + 1)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(objects), batch_size):
            batch = objects[start:start + batch_size]
            params = []
            for obj in batch:
                params.append(obj.pk)
                params.extend(_column_value(f, getattr(obj, f.attname), connection) for f in columns)
            values = ", ".join([row_template] * len(batch))
            cursor.execute(
                f"UPDATE {quote(meta.db_table)} AS t SET {assignments} FROM (VALUES {values}) AS v({names}) "
                f"WHERE t.{quote(pk.column)} = v.{quote(pk.column)}::{pk.db_type(connection)}",
                params,
            )
    return len(objects)
