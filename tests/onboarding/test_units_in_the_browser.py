"""Issue 18: units are kept current in the browser: added, renamed, moved and retired, never deleted."""

import pytest
from django.urls import reverse

from organisations.demo import ensure_user
from organisations.models import Role, Unit, UnitKind
from plans.models import Task
from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def unit_data(unit, **changes):
    data = {"parent": unit.parent_id, "code": unit.code, "name": unit.name, "short_name": unit.short_name,
            "kind": unit.kind, "steering_area": unit.steering_area, "order": unit.order,
            "aliases_text": "\n".join(unit.aliases), "is_active": "on" if unit.is_active else ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_bloc_adds_a_residential_group_to_its_ward(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    page = client.get(ward_a.ward.get_absolute_url())
    assert "Thêm đơn vị trực thuộc" in page.content.decode()
    form = client.get(reverse("organisations:unit_add"), {"parent": ward_a.ward.pk}).context["form"]
    assert str(form["parent"].value()) == str(ward_a.ward.pk)  # the unit it was opened from
    response = client.post(reverse("organisations:unit_add"), {
        "parent": ward_a.ward.pk, "code": "phuong-a-tdp-5", "name": "Tổ dân phố số 5", "short_name": "TDP 5",
        "kind": UnitKind.RESIDENTIAL_GROUP, "order": 105, "aliases_text": "TDP số 5\nTổ 5", "is_active": "on"})
    unit = Unit.objects.get(code="phuong-a-tdp-5")
    assert response.status_code == 302 and response["Location"] == unit.get_absolute_url()
    assert unit.ward == ward_a.ward and unit.aliases == ["TDP số 5", "Tổ 5"]


def test_commune_administrator_renames_moves_and_retires_a_unit_and_its_records_stay(ward_a, plan_a, client_for):
    admin = ensure_user("quantri.xa", PASSWORD, ward_a.ward, Role.COMMUNE_ADMIN)
    client = client_for(admin)
    unit = ward_a.unit("hoi-pn")
    tasks = set(Task.objects.filter(lead_unit=unit).values_list("pk", flat=True))
    response = client.post(reverse("organisations:unit_edit", args=[unit.pk]), unit_data(
        unit, parent=ward_a.unit("mttq").pk, name="Hội LHPN phường An Hòa", code="doi-ma", is_active=""))
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Hội LHPN phường An Hòa" and unit.parent == ward_a.unit("mttq") and not unit.is_active
    assert unit.code == "phuong-a-hoi-pn"  # the code names the unit in plans and exports: it does not change
    assert unit.path.startswith(ward_a.unit("mttq").path)
    assert set(Task.objects.filter(lead_unit=unit).values_list("pk", flat=True)) == tasks
    page = client.get(unit.get_absolute_url()).content.decode()
    assert "Ngừng hoạt động" in page


def test_a_unit_is_not_moved_under_itself(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    mttq = ward_a.unit("mttq")
    child = Unit.objects.create(code="phuong-a-mttq-con", parent=mttq, kind=UnitKind.OTHER, name="Ban Thường trực")
    response = client.post(reverse("organisations:unit_edit", args=[mttq.pk]), unit_data(mttq, parent=child.pk))
    assert response.status_code == 400
    mttq.refresh_from_db()
    assert mttq.parent == ward_a.ward


def test_officers_neither_add_nor_edit_units_and_another_ward_is_out_of_reach(ward_a, ward_b, client_for):
    officer = client_for(ward_a.users["officer_ubnd"])
    assert officer.get(reverse("organisations:unit_add")).status_code == 403
    page = officer.get(ward_a.unit("ubnd").get_absolute_url()).content.decode()
    assert reverse("organisations:unit_edit", args=[ward_a.unit("ubnd").pk]) not in page
    bloc_b = client_for(ward_b.users["bloc"])
    assert bloc_b.get(reverse("organisations:unit_edit", args=[ward_a.unit("ubnd").pk])).status_code == 404
