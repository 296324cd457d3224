"""Helpers the area apps share when they declare record sources (core.areas.RecordSource)."""

from datetime import date

from django.db.models import Case, DateField, Q, Value, When


def in_ward(ward, field):
    """Records of a unit that is the ward itself or one of its units (``field`` leads to a Unit)."""
    return Q(**{field: ward}) | Q(**{f"{field}__ward": ward})


def ward_id_of(unit):
    """The ward of a unit: its ward, or the unit itself when it is a ward."""
    if unit is None:
        return None
    return unit.ward_id or unit.pk


def ward_through(parent, link):
    """``ward_of`` for records that hang from a ``parent`` row carrying the ward (a round of submissions or of
    recognitions): a parent answers its own ward, a record its parent's, through the ``link`` field."""

    def ward_of(record):
        if isinstance(record, parent):
            return record.ward_id
        return parent.objects.filter(pk=getattr(record, f"{link}_id")).values_list("ward_id", flat=True).first()

    return ward_of


def year_end(field, start, end):
    """A date expression 31/12 of the record's ``field`` (a year), for the years from ``start`` to ``end``."""
    return Case(*[When(**{field: year}, then=Value(date(year, 12, 31))) for year in range(start.year, end.year + 1)],
                default=Value(None), output_field=DateField())


def quarter_end(year_field, quarter_field, start, end):
    """A date expression: the last day of the record's quarter, for the years from ``start`` to ``end``."""
    ends = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
    whens = [When(**{year_field: year, quarter_field: quarter}, then=Value(date(year, *ends[quarter])))
             for year in range(start.year, end.year + 1) for quarter in range(1, 5)]
    return Case(*whens, default=Value(None), output_field=DateField())
