"""A plan cannot be its own ancestor (kế hoạch cấp trên): not itself, not one of the plans below it, in the API as in
the form, with the same Vietnamese message."""

import datetime

import pytest

from plans.forms import PlanForm
from plans.models import Plan

pytestmark = pytest.mark.django_db

MESSAGE = ("Kế hoạch cấp trên không được là chính kế hoạch này hay một kế hoạch cấp dưới của nó: hãy chọn "
           "kế hoạch khác hoặc để trống.")


@pytest.fixture
def child_and_grandchild(ward_a, plan_a):
    child = Plan.objects.create(ward=ward_a.ward, title="Kế hoạch triển khai quý I", parent=plan_a,
                                starts_on=datetime.date(2024, 1, 1))
    grandchild = Plan.objects.create(ward=ward_a.ward, title="Kế hoạch tháng 1", parent=child,
                                     starts_on=datetime.date(2024, 1, 1))
    return child, grandchild


def test_the_api_refuses_a_plan_as_its_own_parent(ward_a, plan_a, api_for):
    response = api_for(ward_a.users["bloc"]).patch(f"/api/plans/{plan_a.pk}/", {"parent": plan_a.pk}, format="json")

    assert response.status_code == 400
    assert response.json() == {"parent": [MESSAGE]}
    plan_a.refresh_from_db()
    assert plan_a.parent_id is None


def test_the_api_refuses_a_plan_below_it_as_its_parent(ward_a, plan_a, child_and_grandchild, api_for):
    api = api_for(ward_a.users["bloc"])
    child, grandchild = child_and_grandchild

    for below in (child, grandchild):
        response = api.patch(f"/api/plans/{plan_a.pk}/", {"parent": below.pk}, format="json")
        assert response.status_code == 400
        assert response.json() == {"parent": [MESSAGE]}
    # Moving a plan under another branch stays possible.
    response = api.patch(f"/api/plans/{grandchild.pk}/", {"parent": plan_a.pk}, format="json")
    assert response.status_code == 200


def test_the_form_refuses_a_plan_below_it_as_its_parent(ward_a, plan_a, child_and_grandchild):
    _child, grandchild = child_and_grandchild
    data = {"ward": ward_a.ward.pk, "title": plan_a.title, "starts_on": "01/01/2024", "parent": grandchild.pk}

    form = PlanForm(data, instance=plan_a, user=ward_a.users["bloc"])

    assert not form.is_valid()
    assert form.errors["parent"] == [MESSAGE]
