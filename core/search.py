"""Search that matches Vietnamese text with or without diacritics.

Models keep a normalised copy of their searchable text (``search_text``): lower case, diacritics
removed, đ folded to d. Queries are normalised the same way, so "dan van kheo" finds "Dân vận khéo"
on SQLite and PostgreSQL alike (SQLite's LIKE only folds ASCII case).
"""

import unicodedata

from django.db import models
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

def search_queryset(queryset, query):
    """Narrow a queryset of a SearchableModel to rows containing every word of ``query``."""
    for word in normalise(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset
