"""Access by unit: every role, two wards, browser and API, 404 outside the scope."""

import pytest
from django.urls import reverse

from core.access import CHANGE, VIEW, scope_prefix, scope_q
from plans.models import Plan, ProgressUpdate, Task

pytestmark = pytest.mark.django_db


def _ubnd_task(plan):
    return Task.objects.filter(plan=plan, lead_unit__code__endswith="-ubnd").order_by("pk").first()


def _mttq_only_task(plan):
    return Task.objects.filter(plan=plan, lead_unit__code__endswith="-mttq").order_by("pk").first()


def test_officer_sees_only_tasks_of_their_unit(ward_a, plan_a):
    officer = ward_a.users["officer_ubnd"]
    visible = Task.objects.restrict(officer)
    ubnd = ward_a.unit("ubnd")
    assert visible.exists()
    for task in visible:
        assert task.lead_unit == ubnd or ubnd in task.supporting_units.all()
    assert _mttq_only_task(plan_a) not in visible


def test_supporting_unit_sees_task_once(ward_a, plan_a):
    officer = ward_a.users["officer_mttq"]
    ids = list(Task.objects.restrict(officer).values_list("pk", flat=True))
    assert len(ids) == len(set(ids))
    supported = Task.objects.filter(plan=plan_a, supporting_units=ward_a.unit("mttq")).first()
    assert supported.pk in ids


@pytest.mark.parametrize("role", ["bloc", "standing"])
def test_ward_roles_see_whole_ward_and_not_the_other(ward_a, ward_b, plan_a, plan_b, role):
    user = ward_a.users[role]
    visible = Task.objects.restrict(user)
    assert visible.count() == Task.objects.filter(plan=plan_a).count()
    assert not visible.filter(plan=plan_b).exists()


@pytest.mark.parametrize("role", ["bloc", "standing", "city"])
@pytest.mark.parametrize("model", [Task, ProgressUpdate])
def test_ward_column_shortcut_selects_what_the_unit_lookups_select(ward_a, ward_b, plan_a, plan_b, city_viewer,
                                                                   model, role):
    # Arrange: progress on tasks of both wards, so that both tables have rows on each side.
    for plan in (plan_a, plan_b):
        for task in Task.objects.filter(plan=plan)[:3]:
            ProgressUpdate.objects.create(task=task, percent=50, note="Đang làm", reported_on=plan.starts_on)
    user = city_viewer if role == "city" else ward_a.users[role]
    prefix = scope_prefix(user, model.access_policy, VIEW)

    # Act
    shortcut = set(model.objects.restrict(user).values_list("pk", flat=True))
    by_units = set(model.objects.filter(scope_q(model, model.access_policy, prefix)).values_list("pk", flat=True))

    # Assert: a ward-wide role filters on the plan's ward, yet sees exactly the rows whose units are in its scope.
    assert model.access_policy.ward_field
    assert shortcut and shortcut == by_units


def test_standing_committee_reads_but_does_not_edit_tasks(ward_a, plan_a):
    standing = ward_a.users["standing"]
    assert Task.objects.restrict(standing).exists()
    assert not Task.objects.restrict(standing, CHANGE).exists()


def test_city_viewer_reads_all_wards_and_changes_nothing(city_viewer, plan_a, plan_b):
    assert Task.objects.restrict(city_viewer).count() == Task.objects.count()
    assert not Task.objects.restrict(city_viewer, CHANGE).exists()


def test_admin_sees_everything(admin_user, plan_a, plan_b):
    assert Task.objects.restrict(admin_user).count() == Task.objects.count()


def test_plan_is_readable_ward_wide_but_only_bloc_changes_it(ward_a, ward_b, plan_a, plan_b):
    officer = ward_a.users["officer_mttq"]
    assert list(Plan.objects.restrict(officer)) == [plan_a]
    assert not Plan.objects.restrict(officer, CHANGE).exists()
    assert list(Plan.objects.restrict(ward_a.users["bloc"], CHANGE)) == [plan_a]


def test_anonymous_sees_nothing(plan_a):
    from django.contrib.auth.models import AnonymousUser

    assert not Task.objects.restrict(AnonymousUser()).exists()


@pytest.mark.parametrize("role", ["officer_ubnd", "bloc", "standing", "group_leader"])
def test_other_wards_objects_answer_404_in_browser(ward_a, ward_b, plan_a, plan_b, client_for, role):
    client = client_for(ward_a.users[role])
    foreign_task = _ubnd_task(plan_b)
    for url in (
        reverse("plans:task_detail", args=[foreign_task.pk]),
        reverse("plans:plan_detail", args=[plan_b.pk]),
        reverse("organisations:unit_detail", args=[ward_b.unit("ubnd").pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert foreign_task.title.encode() not in response.content


def test_browser_task_list_shows_only_scope(ward_a, plan_a, plan_b, client_for):
    response = client_for(ward_a.users["officer_ubnd"]).get(reverse("plans:task_list"), {"per_page": 200})
    assert response.status_code == 200
    shown = {task.pk for task in response.context["object_list"]}
    assert shown == set(Task.objects.restrict(ward_a.users["officer_ubnd"]).values_list("pk", flat=True))
    assert not shown & set(Task.objects.filter(plan=plan_b).values_list("pk", flat=True))


def test_api_lists_and_details_are_scoped(ward_a, plan_a, plan_b, api_for):
    api = api_for(ward_a.users["officer_ubnd"])
    response = api.get("/api/tasks/", {"page_size": 500})
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == set(Task.objects.restrict(ward_a.users["officer_ubnd"]).values_list("pk", flat=True))
    assert api.get(f"/api/tasks/{_ubnd_task(plan_b).pk}/").status_code == 404
    assert api.get(f"/api/plans/{plan_b.pk}/").status_code == 404
    assert api.get(f"/api/tasks/{_mttq_only_task(plan_a).pk}/").status_code == 404


def test_api_officer_cannot_report_progress_on_another_units_task(ward_a, plan_a, api_for):
    api = api_for(ward_a.users["officer_ubnd"])
    foreign = _mttq_only_task(plan_a)
    before = ProgressUpdate.objects.count()
    response = api.post("/api/progress/", {"task": foreign.pk, "reported_on": "2024-05-02", "percent": 50,
                                           "note": "Thử ghi ngoài phạm vi"}, format="json")
    assert response.status_code in (400, 403, 404)
    assert ProgressUpdate.objects.count() == before


def test_api_officer_reports_progress_on_own_task(ward_a, plan_a, api_for):
    api = api_for(ward_a.users["officer_ubnd"])
    task = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence="once").first()
    response = api.post("/api/progress/", {"task": task.pk, "reported_on": "2024-05-02", "percent": 40,
                                           "note": "Đã triển khai"}, format="json")
    assert response.status_code == 201, response.content
    task.refresh_from_db()
    assert task.latest_percent == 40


def test_api_cannot_move_a_task_into_another_ward(ward_a, ward_b, plan_a, api_for):
    api = api_for(ward_a.users["bloc"])
    task = _ubnd_task(plan_a)
    response = api.patch(f"/api/tasks/{task.pk}/", {"lead_unit": ward_b.unit("ubnd").pk}, format="json")
    assert response.status_code in (400, 403)
    task.refresh_from_db()
    assert task.lead_unit == ward_a.unit("ubnd")


def test_religion_steering_member_is_a_unit_officer_elsewhere(ward_a, plan_a):
    member = ward_a.users["religion"]
    assert member.may_see_area("religion")
    assert not ward_a.users["officer_ubnd"].may_see_area("religion")
    assert not ward_a.users["democracy"].may_see_area("religion")
    assert ward_a.users["standing"].may_see_area("religion")


def test_supporting_unit_reports_progress_but_does_not_edit_the_task(ward_a, plan_a, client_for):
    officer = ward_a.users["officer_mttq"]
    task = Task.objects.filter(plan=plan_a, supporting_units=ward_a.unit("mttq"), recurrence="once").first()
    client = client_for(officer)
    page = client.get(reverse("plans:task_detail", args=[task.pk]))
    assert page.status_code == 200
    assert page.context["may_report"] is True
    assert client.get(reverse("plans:task_edit", args=[task.pk])).status_code == 404
    response = client.post(reverse("plans:progress_add", args=[task.pk]),
                           {"reported_on": "02/05/2024", "percent": 30, "note": "MTTQ đã phối hợp tuyên truyền"})
    assert response.status_code == 302
    assert task.updates.get().unit == ward_a.unit("mttq")


def test_standing_committee_reads_task_without_progress_form(ward_a, plan_a, client_for):
    task = Task.objects.filter(plan=plan_a).first()
    page = client_for(ward_a.users["standing"]).get(reverse("plans:task_detail", args=[task.pk]))
    assert page.status_code == 200
    assert page.context["may_report"] is False
    assert b"L\xc6\xb0u b\xc3\xa1o c\xc3\xa1o" not in page.content  # "Lưu báo cáo"


def test_a_read_only_role_is_told_it_may_not_add_before_its_body_is_read(ward_a, plan_a, api_for, client_for):
    standing = ward_a.users["standing"]
    before = Task.objects.count()

    api = api_for(standing).post("/api/tasks/", {"plan": plan_a.pk, "title": "Nhiệm vụ mới"}, format="json")
    page = client_for(standing).get(reverse("plans:task_add"))

    assert api.status_code == 403
    assert api.json()["detail"] == "Bạn chỉ được xem, không được thêm mới mục này."
    assert page.status_code == 403
    assert Task.objects.count() == before
