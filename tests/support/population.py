"""Fill a ward with at least one row of every scoped model, for tests that must reach every page.

First each area app's own demo loader (``<app>.demo.load_demo(ward_units, rng)``) runs, since its rows are the
most believable; then ``RowFactory`` creates a row of every scoped model the ward still lacks. Nothing here
names an area model: a model added tomorrow is filled the same way.
"""

import importlib
import logging
import random

from django.apps import apps

from core.access import VIEW, scope_q
from demo.factory import RowFactory

log = logging.getLogger(__name__)


def scoped_models():
    """Every model with an access policy (the ones views and the API restrict)."""
    return [model for model in apps.get_models() if getattr(model, "access_policy", None) is not None]


def rows_in_ward(model, ward):
    return model._base_manager.filter(scope_q(model, model.access_policy, ward.path, VIEW))


def run_demo_loaders(units, seed=9):
    """Run every app's demo loader for the ward; returns {app label: error text} of those that failed."""
    failures = {}
    for config in apps.get_app_configs():
        if config.name.startswith("django.") or config.label in {"core", "organisations", "plans"}:
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError:
            continue
        loader = getattr(module, "load_demo", None)
        if loader is None:
            continue
        try:
            loader(units, random.Random(seed))
        except Exception as exc:  # noqa: BLE001 - an area's demo in flux must not hide the other areas
            log.warning("demo loader of %s failed: %s", config.label, exc)
            failures[config.label] = f"{exc.__class__.__name__}: {exc}"
    return failures


def populate(ward, units, seed=9, use_demos=True):
    """At least one row of every scoped model in ``ward``; returns (factory failures, demo failures)."""
    demo_failures = run_demo_loaders(units, seed) if use_demos else {}
    factory = RowFactory(ward, random.Random(seed), units=units)
    failures = {}
    for model in scoped_models():
        if rows_in_ward(model, ward).exists():
            continue
        try:
            factory.create(model)
        except Exception as exc:  # noqa: BLE001
            failures[model._meta.label] = f"{exc.__class__.__name__}: {exc}"
    return failures, demo_failures
