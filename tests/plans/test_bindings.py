"""Area records complete the plan's tasks: a task bound to a record source takes its occurrences and percent from
the records (plans.bindings), shown on the task page and on the home pages, never double counted with typed
progress."""

import copy
from datetime import date, timedelta

import pytest
from django.urls import reverse

from plans.loader import load_plan, read_seed_plan
from plans.models import Task, TaskBinding
from plans.schedule import task_percent
from plans.services import record_progress

pytestmark = pytest.mark.django_db

GREEN_SUNDAY_TASK = "Duy trì phong trào Chủ nhật xanh: ra quân vệ sinh môi trường vào sáng Chủ nhật hằng tuần"


@pytest.fixture
def on_day(set_today):
    """Fix the portal's "today" (plans, their pages and the areas' forms)."""
    return set_today


def seed_plan_from(ward, starts_on):
    """The seed plan as a ward would load it, starting on ``starts_on`` (so the current period is the first)."""
    data = copy.deepcopy(read_seed_plan())
    data["starts_on"] = starts_on.isoformat()
    return load_plan(data, ward)


def test_a_leader_who_records_this_weeks_green_sunday_sees_the_weekly_task_met_on_their_home_page(
        ward_a, client_for, on_day):
    from communitygroups.models import CommunityGroup

    sunday = on_day(date(2024, 11, 10))
    plan = seed_plan_from(ward_a.ward, sunday - timedelta(days=6))
    CommunityGroup.objects.create(residential_group=ward_a.unit("tdp-1"))
    task = Task.objects.get(plan=plan, title=GREEN_SUNDAY_TASK)
    assert task.binding.source == "communitygroups.green_sunday"  # the seed plan ships the binding
    leader = client_for(ward_a.users["group_leader"])
    before = leader.get(reverse("home")).content.decode()
    assert "Kỳ gần nhất đạt: 10/11/2024" not in before

    response = leader.post(reverse("communitygroups:activity_add"), {
        "group": CommunityGroup.objects.get().pk, "held_on": "10/11/2024", "place": "Ngõ 5 Lê Lợi",
        "participants": 25, "households_count": 18, "content": "Quét dọn ngõ 5, thu gom 6 bao rác."})

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.occurrences_met == ["2024-11-10"]
    assert task.current_due_date == date(2024, 11, 17)
    assert task.updates.count() == 0  # nobody typed progress
    assert task_percent(task, sunday) == 100
    home = leader.get(reverse("home")).content.decode()
    assert GREEN_SUNDAY_TASK in home
    assert "Kỳ gần nhất đạt: 10/11/2024" in home


def test_typed_progress_on_a_bound_task_is_a_note_that_never_counts(ward_a, on_day):
    from communitygroups.models import Activity, ActivityKind, CommunityGroup

    sunday = on_day(date(2024, 11, 17))
    plan = seed_plan_from(ward_a.ward, date(2024, 11, 4))
    group = CommunityGroup.objects.create(residential_group=ward_a.unit("tdp-1"))
    task = Task.objects.get(plan=plan, title=GREEN_SUNDAY_TASK)

    record_progress(task, percent=100, note="Đã ra quân (nhập tay)", occurrence_due=date(2024, 11, 10),
                    reported_on=date(2024, 11, 10))
    task.refresh_from_db()
    assert task.occurrences_met == []  # a typed 100 % does not complete a bound occurrence
    assert task.last_reported_on == date(2024, 11, 10)

    Activity.objects.create(group=group, kind=ActivityKind.GREEN_SUNDAY, held_on=date(2024, 11, 10), place="Ngõ 5")
    task.refresh_from_db()
    assert task.occurrences_met == ["2024-11-10"]
    assert task_percent(task, sunday) == 50  # 1 of the 2 Sundays so far, whatever was typed

    Activity.objects.get().delete()
    task.refresh_from_db()
    assert task.occurrences_met == []


def test_the_share_rule_needs_that_share_of_the_wards_groups(ward_a, on_day):
    from communitygroups.models import Activity, ActivityKind, CommunityGroup
    from plans.services import set_binding

    on_day(date(2024, 11, 10))
    plan = seed_plan_from(ward_a.ward, date(2024, 11, 4))
    groups = [CommunityGroup.objects.create(residential_group=ward_a.unit(f"tdp-{n}")) for n in (1, 2, 3, 4)]
    task = Task.objects.get(plan=plan, title=GREEN_SUNDAY_TASK)
    set_binding(task, "communitygroups.green_sunday", "share", {"percent": 75})

    for group in groups[:2]:
        Activity.objects.create(group=group, kind=ActivityKind.GREEN_SUNDAY, held_on=date(2024, 11, 10), place="Ngõ")
    task.refresh_from_db()
    assert task.occurrences_met == []  # 2 of 4 groups: 50 % < 75 %

    Activity.objects.create(group=groups[2], kind=ActivityKind.GREEN_SUNDAY, held_on=date(2024, 11, 10), place="Ngõ")
    task.refresh_from_db()
    assert task.occurrences_met == ["2024-11-10"]
    assert TaskBinding.objects.get(task=task).rule == "share"


def test_the_bloc_changes_a_tasks_binding_on_the_task_page_and_an_officer_cannot(ward_a, plan_a, client_for):
    task = Task.objects.get(plan=plan_a, title=GREEN_SUNDAY_TASK)
    url = reverse("plans:task_binding", args=[task.pk])
    form = {"source": "communitygroups.green_sunday", "rule": "share", "percent": 80}

    officer = client_for(ward_a.users["officer_ubnd"])
    assert "Lưu nguồn tiến độ" not in officer.get(task.get_absolute_url()).content.decode()
    assert officer.post(url, form).status_code == 404

    bloc = client_for(ward_a.users["bloc"])
    assert bloc.post(url, form).status_code == 302
    page = bloc.get(task.get_absolute_url()).content.decode()
    assert "Tiến độ lấy từ:" in page and "đạt khi ít nhất 80% Tổ dân vận có buổi Chủ nhật xanh trong kỳ" in page

    refused = bloc.post(url, {"source": "communitygroups.green_sunday", "rule": "share", "percent": 150})
    assert refused.status_code == 400
    assert TaskBinding.objects.get(task=task).parameters == {"percent": 80}

    assert bloc.post(url, {"source": "", "rule": "records"}).status_code == 302
    assert not TaskBinding.objects.filter(task=task).exists()
    assert "Tiến độ lấy từ:" not in bloc.get(task.get_absolute_url()).content.decode()


def test_the_api_lists_filters_and_changes_bindings_for_the_bloc_only(ward_a, ward_b, plan_a, plan_b, api_for):
    task = Task.objects.get(plan=plan_a, title=GREEN_SUNDAY_TASK)
    bloc = api_for(ward_a.users["bloc"])

    listed = bloc.get("/api/task-bindings/", {"source": "communitygroups.green_sunday"}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["task"] for row in rows] == [task.pk]  # ward B's binding is not listed
    assert bloc.get(f"/api/tasks/{task.pk}/").json()["binding"]["source"] == "communitygroups.green_sunday"

    binding_id = rows[0]["id"]
    officer = api_for(ward_a.users["officer_ubnd"])
    assert officer.patch(f"/api/task-bindings/{binding_id}/", {"rule": "records"}, format="json").status_code in (
        403, 404)
    changed = bloc.patch(f"/api/task-bindings/{binding_id}/", {"rule": "groups", "parameters": {"count": 2}},
                         format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["description"].endswith("(đạt khi ít nhất 2 Tổ dân vận có buổi Chủ nhật xanh trong kỳ)")
    wrong = bloc.patch(f"/api/task-bindings/{binding_id}/", {"source": "khong.co"}, format="json")
    assert wrong.status_code == 400

    assert bloc.delete(f"/api/task-bindings/{binding_id}/").status_code == 204
    assert bloc.get(f"/api/tasks/{task.pk}/").json()["binding"] is None
    other = Task.objects.get(plan=plan_a, title__startswith="Quán triệt NQ 13")
    created = bloc.post("/api/task-bindings/", {"task": other.pk, "source": "meetings.thematic", "rule": "records",
                                                "parameters": {"count": 1}}, format="json")
    assert created.status_code == 201, created.json()


def test_the_importer_proposes_bindings_in_the_preview_and_the_saved_plan_keeps_them(ward_a, client_for):
    from tests.support.plans import SEED_TEXT, preview_form_data, stored_draft, upload_plan_file

    client = client_for(ward_a.users["bloc"])
    uploaded = upload_plan_file(client, "ke-hoach.md", SEED_TEXT.encode())
    stored = stored_draft()
    preview = client.get(uploaded["Location"]).content.decode()
    assert "Tiến độ lấy từ:" in preview and "Chủ nhật xanh của các Tổ dân vận cộng đồng" in preview

    saved = client.post(uploaded["Location"], preview_form_data(stored))

    assert saved.status_code == 302
    bound = dict(TaskBinding.objects.values_list("task__source", "source"))
    assert bound["IV.1"] == "accountability.unit_plan"
    assert bound["III.4.2 – ý 2"] == "meetings.dialogue"
    assert "communitygroups.green_sunday" in bound.values()


def test_an_excel_import_row_on_a_bound_task_is_marked_as_a_note(ward_a, plan_a, client_for):
    from io import BytesIO

    from plans.excel import parse_progress_import
    from tests.support.plans import edit_export, export_for, progress_cells

    officer = ward_a.users["officer_ubnd"]
    bound = Task.objects.get(plan=plan_a, title__startswith="Tập huấn chuyên đề")
    content, _rows = edit_export(export_for(officer), {bound.pk: progress_cells(100, "Đã tập huấn.", "05/03/2024")})

    preview = parse_progress_import(BytesIO(content), officer)

    assert [(row.task_id, row.bound) for row in preview.changes] == [(bound.pk, True)]
