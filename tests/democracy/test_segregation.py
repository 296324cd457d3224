"""Segregation of duties in the democracy area (security finding 2): the cadre a petition or a violation is about,
though an officer of the unit that handles it, neither changes nor deletes it (nor the petition's handling steps),
through the pages or the API; another officer of the unit, the committee and the bloc still do."""

from datetime import date

import pytest
from django.urls import reverse

from democracy.models import PetitionStep, Violation
from organisations.demo import ensure_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def violation_about_cadre(ward_a, cadre_a):
    return Violation.objects.create(unit=ward_a.unit("ubnd"), person=cadre_a, found_on=date(2024, 3, 1),
                                    source="check", article="Điều 11", description="Không niêm yết thủ tục.")


@pytest.fixture
def step_a(petition_a, ward_a):
    return PetitionStep.objects.create(petition=petition_a, taken_on=date(2024, 9, 5), action="Xác minh tại bộ phận.",
                                       unit=ward_a.unit("ubnd"), created_by=ward_a.users["officer_ubnd"])


def test_cadre_cannot_change_or_delete_a_petition_about_him_through_the_api(petition_a, cadre_user, ward_a,
                                                                           api_for):
    url = f"/api/petitions/{petition_a.pk}/"

    read = api_for(cadre_user).get(url)
    changed = api_for(cadre_user).patch(url, {"result": "Không có cơ sở."}, format="json")
    deleted = api_for(cadre_user).delete(url)
    petition_a.refresh_from_db()
    colleague_changed = api_for(ward_a.users["officer_ubnd"]).patch(url, {"result": "Đã chấn chỉnh."}, format="json")
    colleague_deleted = api_for(ward_a.users["officer_ubnd"]).delete(url)

    assert read.status_code == 200
    assert (changed.status_code, deleted.status_code) == (404, 404)
    assert petition_a.result == ""
    assert (colleague_changed.status_code, colleague_deleted.status_code) == (200, 204)


def test_cadre_cannot_change_or_delete_the_steps_of_a_petition_about_him(step_a, cadre_user, ward_a, api_for):
    url = f"/api/petition-steps/{step_a.pk}/"

    changed = api_for(cadre_user).patch(url, {"action": "Đã giải thích xong."}, format="json")
    deleted = api_for(cadre_user).delete(url)
    unchanged = PetitionStep.objects.get(pk=step_a.pk).action
    colleague_changed = api_for(ward_a.users["officer_ubnd"]).patch(url, {"action": "Đã đối thoại."}, format="json")
    colleague_deleted = api_for(ward_a.users["officer_ubnd"]).delete(url)

    assert (changed.status_code, deleted.status_code) == (404, 404)
    assert unchanged == "Xác minh tại bộ phận."
    assert (colleague_changed.status_code, colleague_deleted.status_code) == (200, 204)


def test_cadre_reads_the_petition_page_but_has_no_edit_or_step_page(petition_a, cadre_user, ward_a, client_for):
    client = client_for(cadre_user)
    edit_url = reverse("democracy:petition_edit", args=[petition_a.pk])

    detail = client.get(petition_a.get_absolute_url())
    edit = client.get(edit_url)
    step = client.get(reverse("democracy:step_add", args=[petition_a.pk]))
    colleague = client_for(ward_a.users["officer_ubnd"]).get(edit_url)

    assert detail.status_code == 200
    assert detail.context["may_change"] is False
    assert (edit.status_code, step.status_code) == (404, 404)
    assert colleague.status_code == 200


def test_cadre_cannot_change_or_delete_a_violation_about_him(violation_about_cadre, cadre_user, ward_a, api_for,
                                                             client_for):
    url = f"/api/democracy-violations/{violation_about_cadre.pk}/"
    edit_url = reverse("democracy:violation_edit", args=[violation_about_cadre.pk])
    officer = ward_a.users["officer_ubnd"]

    read = api_for(cadre_user).get(url)
    page = client_for(cadre_user).get(edit_url)
    changed = api_for(cadre_user).patch(url, {"measure": "Không vi phạm."}, format="json")
    deleted = api_for(cadre_user).delete(url)
    unchanged = Violation.objects.get(pk=violation_about_cadre.pk).measure
    colleague_page = client_for(officer).get(edit_url)
    colleague_changed = api_for(officer).patch(url, {"measure": "Đã niêm yết bổ sung."}, format="json")
    colleague_deleted = api_for(officer).delete(url)

    assert read.status_code == 200
    assert (page.status_code, changed.status_code, deleted.status_code) == (404, 404, 404)
    assert unchanged == ""
    assert (colleague_page.status_code, colleague_changed.status_code, colleague_deleted.status_code) == (200, 200, 204)


def test_the_committees_ward_wide_reach_does_not_cover_a_violation_about_its_own_member(ward_a, api_for):
    # The democracy committee changes violations at every unit of the ward through its own narrowing of the scope
    # (DemocracyQuerySet); segregation of duties applies to it all the same. Its member is a cadre of the People's
    # Committee, a unit his own account's scope does not cover.
    member = ward_a.users["democracy"]
    member.person = ensure_person(ward_a.unit("ubnd"), "Đỗ Văn Dân", "Phó Chủ tịch UBND, thành viên Ban chỉ đạo")
    member.save()
    about_member = Violation.objects.create(unit=ward_a.unit("ubnd"), person=member.person, found_on=date(2024, 3, 1),
                                            source="check", article="Điều 11", description="Không niêm yết dự toán.")
    other = Violation.objects.create(unit=ward_a.unit("tdp-4"), found_on=date(2024, 3, 1), source="check",
                                     article="Điều 33", description="Không tổ chức hội nghị.")

    own = api_for(member).patch(f"/api/democracy-violations/{about_member.pk}/", {"measure": "Xong."}, format="json")
    others = api_for(member).patch(f"/api/democracy-violations/{other.pk}/", {"measure": "Xong."}, format="json")
    bloc = api_for(ward_a.users["bloc"]).patch(f"/api/democracy-violations/{about_member.pk}/", {"measure": "Xong."},
                                               format="json")

    assert (own.status_code, others.status_code, bloc.status_code) == (404, 200, 200)
