"""Search that matches Vietnamese text with or without diacritics.

Models keep a normalised copy of their searchable text (``search_text``): lower case, diacritics
removed, đ folded to d. Queries are normalised the same way, so "dan van kheo" finds "Dân vận khéo"
on SQLite and PostgreSQL alike (SQLite's LIKE only folds ASCII case).
"""

import unicodedata

from django.db import models
from django.db.models import F, Func, Q, TextField
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _


def normalise(text):
    """Fold Vietnamese text for matching: 'Đảng ủy Phường' -> 'dang uy phuong'."""
    if not text:
        return ""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


class SearchableModel(models.Model):
    """A model whose ``search_fields`` are folded into ``search_text`` on every save."""

    search_fields: tuple[str, ...] = ()

    search_text = models.TextField(_("văn bản tìm kiếm"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    def build_search_text(self):
        parts = []
        for name in self.search_fields:
            value = self
            for attr in name.split("__"):
                value = getattr(value, attr, None) if value is not None else None
            if value:
                parts.append(str(value))
        return normalise(" ".join(parts))



# Every precomposed Latin letter that folds to one ASCII letter ('Ấ' -> 'a', 'Đ' -> 'd'), and the combining marks
# a decomposed text carries: what PostgreSQL's translate() needs to fold as normalise() does.
_FOLDED = {
    ch: normalise(ch)
    for ch in map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
    if len(normalise(ch)) == 1 and normalise(ch).isascii() and normalise(ch) != ch
}
_COMBINING_MARKS = "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323"
FOLD_FROM = "".join(_FOLDED) + _COMBINING_MARKS
FOLD_TO = "".join(_FOLDED.values())


class Folded(Func):
    """A text column folded in the database as ``normalise()`` folds in Python: lower case, no diacritics, đ -> d.
    For columns without a ``search_text`` copy. SQLite calls ``normalise`` itself (registered on every connection
    by ``register_fold_function``); PostgreSQL translates the letters."""

    function = "LOWER"
    output_field = TextField()

    def __init__(self, expression, **extra):
        super().__init__(F(expression) if isinstance(expression, str) else expression, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=SQLITE_FOLD_FUNCTION, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"TRANSLATE(LOWER(({sql})::text), %s, %s)", (*params, FOLD_FROM, FOLD_TO)


SQLITE_FOLD_FUNCTION = "danvan_fold"


def register_fold_function(sender, connection, **kwargs):
    """``connection_created`` receiver: SQLite's LOWER and LIKE fold ASCII only, so it gets ``normalise``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FOLD_FUNCTION, 1, normalise, deterministic=True)


def is_folded_column(path):
    return path == "search_text" or path.endswith("__search_text")


def search_q(query, fields=("search_text",)):
    """The condition "every word of ``query`` is in one of ``fields``", with or without diacritics. A field is a
    lookup path: a ``search_text`` column (``unit__search_text``) is already folded; any other text column is
    folded by the database (``Folded``)."""
    condition = Q()
    for word in normalise(query).split():
        any_field = Q()
        for path in fields:
            if is_folded_column(path):
                any_field |= Q(**{f"{path}__contains": word})
            else:
                any_field |= Q(Contains(Folded(path), word))
        condition &= any_field
    return condition


def search_queryset(queryset, query, fields=("search_text",)):
    """Narrow ``queryset`` to rows containing every word of ``query`` in one of ``fields`` (see ``search_q``)."""
    if not query:
        return queryset
    return queryset.filter(search_q(query, fields))
