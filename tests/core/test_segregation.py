"""The access mechanism's segregation of duties: ``restrict(user, CHANGE)`` leaves out the rows about the user
(``AccessPolicy.subject_fields``) whatever the model's own narrowing of the scope, while reading is unchanged; and a
progress report is changed by the unit that wrote it (``change_fields``), or by the bloc."""

from datetime import date

import pytest

from accountability.models import CadreFeedback
from core.access import CHANGE, VIEW, user_may
from democracy.models import Violation
from organisations.demo import ensure_person, ensure_user
from organisations.models import Role
from plans.models import ProgressUpdate, Task
from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def _violation(unit, person=None):
    return Violation.objects.create(unit=unit, person=person, found_on=date(2024, 3, 1), source="check",
                                    article="Điều 11", description="Chưa niêm yết.")


@pytest.fixture
def linked_officer(ward_a):
    """The People's Committee officer of ward A, whose login is tied to his cadre record."""
    officer = ward_a.users["officer_ubnd"]
    officer.person = ensure_person(ward_a.unit("ubnd"), "Lê Văn Chính", "Chủ tịch UBND phường", is_unit_head=True)
    officer.save()
    return officer


def test_change_scope_leaves_out_the_rows_about_the_user_and_the_view_scope_keeps_them(ward_a, linked_officer):
    ubnd = ward_a.unit("ubnd")
    about_him = _violation(ubnd, linked_officer.person)
    about_another = _violation(ubnd, ensure_person(ubnd, "Hoàng Minh Đức", "Công chức"))
    about_nobody = _violation(ubnd)

    readable = set(Violation.objects.restrict(linked_officer, VIEW))
    changeable = set(Violation.objects.restrict(linked_officer, CHANGE))

    assert readable == {about_him, about_another, about_nobody}
    assert changeable == {about_another, about_nobody}
    assert user_may(linked_officer, about_him, VIEW) is True
    assert user_may(linked_officer, about_him, CHANGE) is False


def test_an_apps_own_narrowing_of_the_scope_does_not_skip_the_rule(ward_a, linked_officer):
    # Cadre records narrow the scope to unit heads (CadreRecordQuerySet.in_scope); the rule still applies.
    about_him = CadreFeedback.objects.create(cadre=linked_officer.person, received_on=date(2024, 4, 12),
                                             source="other", summary="Chậm trả lời cử tri.")

    assert list(CadreFeedback.objects.restrict(linked_officer, VIEW)) == [about_him]
    assert list(CadreFeedback.objects.restrict(linked_officer, CHANGE)) == []
    assert list(CadreFeedback.objects.restrict(ward_a.users["bloc"], CHANGE)) == [about_him]


def test_a_superuser_still_changes_a_record_about_himself_an_admin_account_does_not(ward_a, city):
    ubnd = ward_a.unit("ubnd")
    superuser = ensure_user("quantri-goc", PASSWORD, city, Role.ADMIN, is_superuser=True,
                            person=ensure_person(ubnd, "Trần Quản Trị", "Quản trị hệ thống"))
    admin = ensure_user("quantri-phuong", PASSWORD, city, Role.ADMIN,
                        person=ensure_person(ubnd, "Ngô Văn Trị", "Cán bộ quản trị"))
    about_superuser = _violation(ubnd, superuser.person)
    about_admin = _violation(ubnd, admin.person)

    assert set(Violation.objects.restrict(superuser, CHANGE)) == {about_superuser, about_admin}
    assert set(Violation.objects.restrict(admin, CHANGE)) == {about_superuser}


def test_is_own_record_tells_a_refusal_about_oneself_from_one_out_of_scope(ward_a, linked_officer):
    from core.access import is_own_record

    about_him = _violation(ward_a.unit("ubnd"), linked_officer.person)
    elsewhere = _violation(ward_a.unit("mttq"))

    assert is_own_record(linked_officer, about_him) is True
    assert is_own_record(linked_officer, elsewhere) is False
    assert is_own_record(ward_a.users["bloc"], about_him) is False


def test_a_progress_report_is_changed_by_the_unit_that_wrote_it_or_the_bloc(ward_a, plan_a):
    task = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("ubnd")).order_by("pk").first()
    task.supporting_units.add(ward_a.unit("mttq"))
    by_lead = ProgressUpdate.objects.create(task=task, reported_on=date(2024, 5, 2), percent=60, note="UBND",
                                            unit=ward_a.unit("ubnd"))
    by_support = ProgressUpdate.objects.create(task=task, reported_on=date(2024, 5, 3), percent=30, note="MTTQ",
                                               unit=ward_a.unit("mttq"))
    unit_unknown = ProgressUpdate.objects.create(task=task, reported_on=date(2024, 5, 4), percent=40, note="?")
    everything = {by_lead, by_support, unit_unknown}

    for role in ("officer_ubnd", "officer_mttq", "bloc"):
        assert set(ProgressUpdate.objects.restrict(ward_a.users[role], VIEW)) == everything, role
    assert set(ProgressUpdate.objects.restrict(ward_a.users["officer_ubnd"], CHANGE)) == {by_lead}
    assert set(ProgressUpdate.objects.restrict(ward_a.users["officer_mttq"], CHANGE)) == {by_support}
    assert set(ProgressUpdate.objects.restrict(ward_a.users["bloc"], CHANGE)) == everything
