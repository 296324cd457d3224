"""Lists sorted by a column: one mechanism for every list page.

A list names the columns it may be sorted by and, for each, how the database orders them::

    sort_fields = {"title": "title", "unit": by_unit("lead_unit"), "status": by_choices("status", Status),
                   "due": "due_date"}
    default_sort = "-due"

``?sort=due`` sorts ascending, ``?sort=-due`` descending. A key the list does not offer (an old bookmark, a
hand-typed address) is ignored: the list keeps its default order, it never fails. Every sorted list ends its
ordering with the primary key, so rows with equal values keep their place from one page to the next.
"""

from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.expressions import BaseExpression

PARAMETER = "sort"


def by_unit(path):
    """A unit column (``lead_unit``, ``unit``) in the order of the units' names, the way the column reads."""
    return f"{path}__name"


def by_choices(path, choices):
    """A TextChoices column in the order its choices are declared (the order the filter offers them: a workflow's
    steps, not the alphabet of their codes)."""
    whens = [When(**{path: value}, then=Value(index)) for index, value in enumerate(choices.values)]
    return Case(*whens, default=Value(len(whens)), output_field=IntegerField())


def _expressions(spec):
    """The order of one key as [(expression, reversed)]: a field path ("-is_open" puts the true values first when
    the column sorts ascending), an expression, or a tuple of those."""
    parts = spec if isinstance(spec, (tuple, list)) else (spec,)
    return [(part, False) if isinstance(part, BaseExpression) else (F(part.removeprefix("-")), part.startswith("-"))
            for part in parts]


class Sorting:
    """The order a list is shown in: the key the reader chose (``?sort=``), else the list's default.

    ``key`` is None when neither names a column the list offers: the queryset's own order then stays.
    ``descending_first``: columns whose first click sorts from the largest (figures compared across wards).
    """

    def __init__(self, fields, value="", default="", descending_first=()):
        self.fields = dict(fields)
        self.descending_first = set(descending_first)
        self.key, self.descending = self._parse(value) or self._parse(default) or (None, False)

    @classmethod
    def from_request(cls, request, fields, default="", descending_first=()):
        return cls(fields, request.GET.get(PARAMETER, "")[:100], default, descending_first)

    def _parse(self, value):
        value = (value or "").strip()
        key = value.removeprefix("-")
        if key in self.fields:
            return key, value.startswith("-")
        return None

    @property
    def value(self):
        """The current order as the address writes it ("due", "-due"), or "" for the list's own order."""
        if self.key is None:
            return ""
        return f"-{self.key}" if self.descending else self.key

    def apply(self, queryset):
        if self.key is None:
            return queryset
        order = [
            expression.desc(nulls_last=True) if self.descending != reversed_ else expression.asc(nulls_last=True)
            for expression, reversed_ in _expressions(self.fields[self.key])
        ]
        return queryset.order_by(*order, "-pk" if self.descending else "pk")

    def direction(self, key):
        """"ascending" or "descending" for the column the list is sorted by (``aria-sort``), else None."""
        if key != self.key:
            return None
        return "descending" if self.descending else "ascending"

    def toggled(self, key):
        """The ``sort`` value a click on column ``key`` asks for: first ascending (descending for a
        ``descending_first`` column), then the reverse."""
        if key == self.key:
            return key if self.descending else f"-{key}"
        return f"-{key}" if key in self.descending_first else key

    def sort_rows(self, rows):
        """A list already in memory (rows that are not a queryset) in this order: here ``fields`` maps each key
        to a function of a row; rows without a value (None) go last either way, ties keep their order."""
        if self.key is None:
            return list(rows)
        value_of = self.fields[self.key]
        present = [row for row in rows if value_of(row) is not None]
        missing = [row for row in rows if value_of(row) is None]
        return sorted(present, key=value_of, reverse=self.descending) + missing
