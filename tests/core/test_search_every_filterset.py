"""``q`` finds a row with or without diacritics on every list of the portal, browser and API alike.

The FilterSets are discovered, not listed: every FilterSet of the project's apps that has a ``q`` filter is
tested, so a list added tomorrow is covered the day it is added. Its row is built by the generic factory, with
the text put where the FilterSet searches (its own column, or the related row's: a ward's name, a model's name).
"""

import importlib
import random

import django_filters
import pytest
from django.apps import apps
from django.conf import settings
from django.urls import get_resolver

from core.filtersets import PortalFilterSet
from demo.factory import RowFactory

TEXT = "Đảng ủy Phường Dân vận khéo"


def _project_apps():
    return [config for config in apps.get_app_configs() if str(config.path).startswith(str(settings.BASE_DIR))]


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def searchable_filtersets():
    """Every FilterSet of the project with a ``q`` filter and a model (abstract bases have none)."""
    get_resolver().url_patterns  # noqa: B018 - imports every view, and with them every FilterSet in use
    app_names = {config.name for config in _project_apps()}
    for name in app_names:
        try:
            importlib.import_module(f"{name}.filtersets")
        except ModuleNotFoundError:
            pass
    found = {
        cls for cls in _all_subclasses(django_filters.FilterSet)
        if cls.__module__.split(".")[0] in app_names and cls._meta.model is not None and "q" in cls.base_filters
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


FILTERSETS = searchable_filtersets()


def _text_path(model, path):
    """The path of a plain text field that ``path`` searches: a ``search_text`` column stands for the first of the
    model's ``search_fields`` that lies on the model itself."""
    *relations, last = path.split("__")
    if last != "search_text":
        return path
    target = model
    for name in relations:
        target = target._meta.get_field(name).related_model
    own = next(field for field in target.search_fields if "__" not in field)
    return "__".join([*relations, own])


def make_row(ward, filterset_class, text):
    """A row of the FilterSet's model whose searched text contains ``text``."""
    model = filterset_class._meta.model
    path = _text_path(model, filterset_class.search_fields[0])
    factory = RowFactory(ward.ward, random.Random(7), units=ward.units)
    *relations, field = path.split("__")
    if not relations:
        return factory.create(model, **{field: text})
    row = factory.create(model)
    related = row
    for name in relations:
        related = getattr(related, name)
    setattr(related, field, text)
    related.save()
    return row


def found(filterset_class, model, query, row):
    filterset = filterset_class(data={"q": query}, queryset=model._default_manager.all())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs.filter(pk=row.pk).exists()


def test_every_list_with_a_search_is_found():
    # The discovery works: the portal has dozens of searchable lists (36 when this test was written).
    assert len(FILTERSETS) >= 30


@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_q_uses_the_shared_search(filterset_class):
    # One mechanism: no FilterSet writes its own q; it only says which columns q searches.
    assert filterset_class.base_filters["q"].method == "search"
    assert filterset_class.search is PortalFilterSet.search


@pytest.mark.django_db
@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_q_finds_text_with_or_without_diacritics(ward_a, filterset_class):
    model = filterset_class._meta.model
    row = make_row(ward_a, filterset_class, TEXT)

    without_marks = found(filterset_class, model, "dan van", row)
    upper_case = found(filterset_class, model, "DÂN VẬN", row)
    as_written = found(filterset_class, model, "Dân vận khéo", row)
    other_text = found(filterset_class, model, "zzz", row)

    assert without_marks, "q='dan van' does not find the row"
    assert upper_case, "q='DÂN VẬN' does not find the row"
    assert as_written
    assert not other_text
