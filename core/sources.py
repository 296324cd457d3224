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
