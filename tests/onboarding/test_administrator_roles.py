"""Issue 18: a province's administrator keeps the organisation data of their province current, a commune's
administrator that of their commune; neither reaches another province or commune, nor the plan's work."""

import pytest
from django.urls import reverse

from core.access import CHANGE, VIEW
from organisations.demo import create_ward, ensure_person, ensure_user
from organisations.models import Person, Role, Unit, UnitKind
from plans.models import Task
from religion.models import Establishment
from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_province(db):
    province = Unit.objects.create(code="tinh-khac", kind=UnitKind.CITY, name="Tỉnh ủy Khác")
    units = create_ward(province, "xa-khac", "xã Khác")
    ensure_person(units["ubnd"], "Người Tỉnh Khác", "Công chức")
    return province


@pytest.fixture
def province_admin(city):
    return ensure_user("quantri.tinh", PASSWORD, city, Role.PROVINCE_ADMIN)


@pytest.fixture
def commune_admin(ward_a):
    return ensure_user("quantri.xa", PASSWORD, ward_a.ward, Role.COMMUNE_ADMIN)


def codes(queryset):
    return set(queryset.values_list("code", flat=True))


def test_province_administrator_keeps_the_units_and_people_of_the_province_only(
        ward_a, ward_b, other_province, province_admin):
    changeable = codes(Unit.objects.restrict(province_admin, CHANGE))
    assert {"phuong-a-ubnd", "phuong-b-mttq", "tp-test"} <= changeable
    assert not {code for code in changeable if code.startswith(("xa-khac", "tinh-khac"))}
    ensure_person(ward_a.unit("ubnd"), "Lê Văn Chính", "Chủ tịch UBND phường")
    people = Person.objects.restrict(province_admin, CHANGE)
    assert people.exists() and not people.filter(unit__code__startswith="xa-khac").exists()


def test_commune_administrator_keeps_their_commune_only(ward_a, ward_b, commune_admin):
    changeable = codes(Unit.objects.restrict(commune_admin, CHANGE))
    assert "phuong-a-tdp-1" in changeable and "phuong-a" in changeable
    assert not {code for code in changeable if code.startswith("phuong-b")}
    assert codes(Unit.objects.restrict(commune_admin, VIEW)) == codes(Unit.objects.filter(ward=ward_a.ward))


def test_administrators_read_the_plan_but_do_none_of_its_work_and_never_see_religion(
        ward_a, plan_a, province_admin, commune_admin):
    import random

    from religion.demo import load_demo as load_religion

    load_religion(ward_a.units, random.Random(1))
    assert Establishment.objects.exists()
    for user in (province_admin, commune_admin):
        assert Task.objects.restrict(user, VIEW).filter(plan=plan_a).exists()
        assert not Task.objects.restrict(user, CHANGE).exists()
        assert not Establishment.objects.restrict(user, VIEW).exists()


def test_province_administrator_makes_a_commune_in_their_province_only(city, other_province, province_admin,
                                                                        client_for):
    client = client_for(province_admin)
    page = client.get(reverse("onboarding:commune_add"))
    assert page.status_code == 200
    offered = list(page.context["form"].fields["parent"].queryset)
    assert offered == [city]
    refused = client.post(reverse("onboarding:commune_add"), {
        "parent": other_province.pk, "name": "xã Lạ", "code": "xa-la", "level": "xa", "template": "xa-2025",
        "groups": 1, "ubnd-include": "1"})
    assert refused.status_code == 400
    assert not Unit.objects.filter(code="xa-la").exists()


def test_commune_administrator_does_not_make_communes(ward_a, commune_admin, client_for):
    assert client_for(commune_admin).get(reverse("onboarding:commune_add")).status_code == 403


def test_commune_administrator_edits_the_communes_document_settings(ward_a, commune_admin, client_for):
    from organisations.models import DocumentSettings

    client = client_for(commune_admin)
    url = reverse("organisations:document_settings")
    assert client.get(url).status_code == 200
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["place"] = "Tân Tiến"
    assert client.post(url, data).status_code == 302
    assert DocumentSettings.objects.get(ward=ward_a.ward).place == "Tân Tiến"
