"""Fixtures of the "Dân vận khéo" tests: the ward's blocs, a valid registration, evaluators, a model at any stage."""

from datetime import date
from decimal import Decimal

import pytest

from models_khoe import services
from organisations.demo import ensure_user
from organisations.models import Role
from tests.support.accounts import PASSWORD
from tests.support.models_khoe import YEAR, full_points, indicator, registration

TODAY = date(2024, 9, 20)


@pytest.fixture(autouse=True)
def _fixed_today(set_today):
    """The movement's year is 2024: registrations in spring, scoring in September, recognition in October."""
    set_today(TODAY)


@pytest.fixture
def blocs_a(ward_a):
    return services.ensure_default_blocs(ward_a.ward)






@pytest.fixture
def register(ward_a, blocs_a):
    """register(user=officer_ubnd, unit=ubnd, name=…, indicators=[…]) → a registered model."""

    def make(user=None, unit=None, indicators=None, bloc=None, **extra):
        user = user or ward_a.users["officer_ubnd"]
        unit = unit or ward_a.unit("ubnd")
        data = registration(unit, bloc or blocs_a[1], **extra)
        return services.register(user, data=data, indicators=indicators if indicators is not None else [indicator()])

    return make


@pytest.fixture
def evaluators_a(ward_a, blocs_a):
    """Three evaluators of the ward, outside UBND, assigned to the second bloc (chính quyền) for the year."""
    users = [
        ensure_user("phuong-a.giamkhao1", PASSWORD, ward_a.unit("dang-uy"), Role.STANDING),
        ensure_user("phuong-a.giamkhao2", PASSWORD, ward_a.unit("khoi-dan-van"), Role.BLOC),
        ensure_user("phuong-a.giamkhao3", PASSWORD, ward_a.unit("mttq"), Role.OFFICER),
    ]
    for user in users:
        services.assign_evaluator(ward_a.users["bloc"], blocs_a[1], YEAR, user)
    return users




@pytest.fixture
def approved(register, ward_a, plan_a):
    def make(**extra):
        model = register(**extra)
        services.approve(ward_a.users["bloc"], model)
        model.refresh_from_db()
        return model

    return make


@pytest.fixture
def evaluated(approved, ward_a, evaluators_a):
    """evaluated(share=0.9, value=12) → a model scored by the three evaluators at ``share`` of the maximum."""

    def make(share=Decimal("0.9"), value=Decimal("12"), **extra):
        model = approved(**extra)
        for ind in model.indicators.all():
            services.record_indicator_value(ward_a.users["officer_ubnd"], ind, value=value,
                                            measured_on=date(YEAR, 9, 1))
        for user in evaluators_a:
            services.record_score(user, model, full_points(model.bloc, Decimal(str(share))))
        model.refresh_from_db()
        return model

    return make
