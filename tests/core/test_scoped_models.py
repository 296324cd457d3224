"""Every record that is read by unit carries its history: the audit registration cannot be forgotten."""

from auditlog.registry import auditlog
from django.apps import apps

from core.access import RestrictedQuerySet
from core.models import ScopedModel

# Figures computed from audited records; recording them again would only fill the history with noise.
NOT_AUDITED = {"reports.WardSummary"}


def restricted_models():
    return [model for model in apps.get_models()
            if issubclass(model._default_manager._queryset_class, RestrictedQuerySet)]


def test_every_model_read_by_unit_is_a_scoped_model():
    assert restricted_models(), "no model is read through restrict()"
    plain = [model._meta.label for model in restricted_models() if not issubclass(model, ScopedModel)]

    assert plain == []


def test_every_model_read_by_unit_keeps_a_history():
    unaudited = {model._meta.label for model in restricted_models() if not auditlog.contains(model)}

    assert unaudited == NOT_AUDITED


def test_a_derived_search_column_never_appears_in_the_history():
    searchable = [model for model in restricted_models()
                  if any(field.name == "search_text" for field in model._meta.concrete_fields)]
    recorded = [model._meta.label for model in searchable
                if auditlog.contains(model) and "search_text" not in auditlog.get_model_fields(model)["exclude_fields"]]

    assert searchable
    assert recorded == []
