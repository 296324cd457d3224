"""Fixtures of the hardening tests: wards filled with a row of every scoped model."""

import pytest

from tests.support.population import populate


@pytest.fixture
def filled_ward_b(ward_b, plan_b):
    failures, demo_failures = populate(ward_b.ward, ward_b.units)
    ward_b.failures = {**failures, **{f"demo:{k}": v for k, v in demo_failures.items()}}
    return ward_b


@pytest.fixture
def filled_ward_a(ward_a, plan_a):
    failures, demo_failures = populate(ward_a.ward, ward_a.units)
    ward_a.failures = {**failures, **{f"demo:{k}": v for k, v in demo_failures.items()}}
    return ward_a
