"""Segregation of duties on corrective actions: the officer whose low satisfaction opened one reads it but neither
reports its measures nor closes or deletes it; another officer of the unit (the head's staff) still does."""

from datetime import date

import pytest
from django.urls import reverse

from organisations.demo import ensure_user
from organisations.models import Role
from satisfaction.models import CorrectiveAction, Level
from satisfaction.services import check_thresholds, settings_for
from tests.support.accounts import PASSWORD
from tests.support.satisfaction import make_ratings

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_user(ward_a, officer_person):
    return ensure_user("phuong-a.thuha", PASSWORD, ward_a.units["ubnd"], Role.OFFICER, person=officer_person)


@pytest.fixture
def action_about_officer(desk, officer_person):
    config = settings_for(desk.ward)
    config.minimum_ratings = 1
    config.save()
    make_ratings(desk, date(2024, 5, 6), {Level.NOT_YET_SATISFIED: 3}, officer=officer_person)
    check_thresholds(desk.ward, date(2024, 5, 1), date(2024, 5, 31))
    return CorrectiveAction.objects.get(officer=officer_person)


def test_officer_cannot_close_the_action_about_him_but_a_colleague_can(action_about_officer, officer_user, ward_a,
                                                                       api_for, client_for):
    url = f"/api/corrective-actions/{action_about_officer.pk}/"
    edit_url = reverse("satisfaction:action_edit", args=[action_about_officer.pk])
    body = {"status": "closed", "result": "Đã chấn chỉnh", "closed_on": "2024-06-20"}

    read = api_for(officer_user).get(url)
    own_page = client_for(officer_user).get(edit_url)
    own = api_for(officer_user).patch(url, body, format="json")
    colleague_page = client_for(ward_a.users["officer_ubnd"]).get(edit_url)
    unchanged = CorrectiveAction.objects.get(pk=action_about_officer.pk).status
    colleague = api_for(ward_a.users["officer_ubnd"]).patch(url, body, format="json")

    assert read.status_code == 200
    assert (own_page.status_code, own.status_code) == (404, 404)
    assert unchanged == "open"
    assert (colleague_page.status_code, colleague.status_code) == (200, 200)
