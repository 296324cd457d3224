"""The real 2024 plan ships as data and loads completely into a ward."""

from datetime import date

import pytest

from plans.models import AreaKind, Recurrence, Task, TaskArea
from plans.schedule import occurrences

pytestmark = pytest.mark.django_db

SIX_AREAS = [
    ("1", AreaKind.ACCOUNTABILITY, 4),
    ("2", AreaKind.FRIENDLY_GOVERNMENT, 3),
    ("3", AreaKind.SKILFUL_MOBILIZATION, 3),
    ("4", AreaKind.DEMOCRACY, 3),
    ("5", AreaKind.RELIGION, 3),
    ("6", AreaKind.COMMUNITY_GROUPS, 4),
]


def test_six_areas_and_every_solution_as_a_task(plan_a):
    areas = list(TaskArea.objects.filter(plan=plan_a).exclude(kind=AreaKind.IMPLEMENTATION).order_by("order"))
    assert [(a.number, a.kind, a.tasks.count()) for a in areas] == SIX_AREAS
    implementation = TaskArea.objects.get(plan=plan_a, kind=AreaKind.IMPLEMENTATION)
    assert implementation.tasks.count() == 5
    assert Task.objects.filter(plan=plan_a).count() == 25
    assert plan_a.limitations.count() == 3
    assert plan_a.focus_tasks.count() == 5
    assert "140-KH/TU" in set(plan_a.basis.values_list("code", flat=True))
    assert plan_a.signer_name == "Đỗ Huy Hoàng"


def test_every_task_has_a_lead_unit_of_the_ward(ward_a, plan_a):
    for task in Task.objects.filter(plan=plan_a).select_related("lead_unit"):
        assert task.lead_unit.ward_id == ward_a.ward.pk
        assert task.description


def _task(plan, fragment):
    return Task.objects.get(plan=plan, title__contains=fragment)


def test_the_deadlines_of_the_text(plan_a):
    unit_plans = _task(plan_a, "trước ngày 10/3/2024")
    assert unit_plans.recurrence == Recurrence.ONCE and unit_plans.due_date == date(2024, 3, 10)
    assert {u.short_name for u in unit_plans.supporting_units.all()} >= {"Khối DV", "MTTQ", "Đoàn TN", "Hội PN"}

    quarterly = _task(plan_a, "báo cáo kết quả thực hiện nhiệm vụ trọng tâm hằng quý")
    assert occurrences(quarterly, end=date(2024, 12, 31)) == [date(2024, 3, 15), date(2024, 6, 15),
                                                              date(2024, 9, 15), date(2024, 12, 15)]
    october = _task(plan_a, "Tháng dân vận")
    assert occurrences(october, end=date(2024, 12, 31)) == [date(2024, 10, 31)]
    review = _task(plan_a, "hằng quý kiểm điểm, đánh giá từng tiêu chí")
    assert len(occurrences(review, end=date(2024, 12, 31))) == 4
    green_sunday = _task(plan_a, "Chủ nhật xanh")
    assert green_sunday.recurrence == Recurrence.WEEKLY and green_sunday.recurrence_weekday == 6
    training = _task(plan_a, "Tập huấn chuyên đề")
    assert occurrences(training, end=date(2024, 12, 31)) == [date(2024, 12, 31)]
    classification = _task(plan_a, "xếp loại các Tổ dân vận cộng đồng")
    assert classification.recurrence == Recurrence.YEARLY
    assert Task.objects.filter(plan=plan_a).exclude(recurrence=Recurrence.ONCE).count() == 8


def test_lead_and_supporting_units_follow_the_text(ward_a, plan_a):
    training = _task(plan_a, "Tập huấn chuyên đề")
    assert training.lead_unit == ward_a.unit("ubnd")
    assert list(training.supporting_units.all()) == [ward_a.unit("khoi-dan-van")]
    key_persons = _task(plan_a, "cốt cán")
    assert key_persons.lead_unit == ward_a.unit("mttq")


def test_load_demo_command_creates_logins_and_progress(db):
    from django.core.management import call_command

    from organisations.models import User

    call_command("load_demo", quiet_logins=True)
    call_command("load_demo", quiet_logins=True)  # a second run adds nothing
    assert User.objects.filter(username="khoidanvan", role="bloc").exists()
    # The plan's 25 tasks, each once; area apps add their own (an approved "Dân vận khéo" model becomes a task).
    from collections import Counter

    from plans.loader import read_seed_plan

    seed_titles = [task["title"] for area in read_seed_plan()["areas"] for task in area["tasks"]]
    loaded = Counter(Task.objects.filter(plan__ward__code="hoa-binh", plan__starts_on__year=2024)
                     .values_list("title", flat=True))
    assert len(seed_titles) == 25
    assert all(loaded[title] == 1 for title in seed_titles)
    assert Task.objects.filter(plan__ward__code="hoa-binh", last_reported_on__isnull=False).exists()
    # Issue 13: the demo runs on this year's plan, made by "Lập kế hoạch năm sau" from the closed 2024 plan, and no
    # 2024 task is overdue on any demo role's home page.
    from django.test import Client

    from core import periods
    from plans.models import Plan

    seed = Plan.objects.get(ward__code="hoa-binh", starts_on__year=2024)
    current = Plan.objects.get(ward__code="hoa-binh", starts_on__year=periods.today().year)
    assert seed.is_closed and seed.year_summary["year"] == 2024 and len(seed.year_summary["quarters"]) == 4
    assert current.tasks.filter(carried_over_from__plan=seed).exists()
    assert current.tasks.count() == seed.tasks.count()
    from reports.models import QuarterlyReport

    for report in QuarterlyReport.objects.filter(ward__code="hoa-binh", year=periods.today().year):
        plan_section = next(s for s in report.figures["sections"] if s["key"] == "plan")
        assert plan_section["data"]["areas"], report
    for user in User.objects.filter(username__in=["khoidanvan", "thuongvu", "canbo.ubnd", "canbo.mttq",
                                                  "bcd.tongiao", "bcd.tdvcd", "totruong.tdp1", "quantri",
                                                  "khoidanvan.tn"]):
        client = Client()
        client.force_login(user)
        page = client.get("/")
        assert page.status_code == 200
        assert not [t for t in page.context["overdue"] if t.plan.year == 2024], user.username
        # Nor a 2024 report waits for anyone: the draft the demo walks through is this quarter's.
        assert not [item for item in page.context["pending"] if "2024" in str(item.title)], user.username
