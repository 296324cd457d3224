"""Each record source of the areas completes the seed plan's task it is bound to: a record created in the area
moves the task's occurrence to done or its percentage, with no progress typed on the task."""

from datetime import date

import pytest
from django.urls import reverse

from plans.models import Task
from plans.schedule import task_percent
from plans.services import set_binding

pytestmark = pytest.mark.django_db

BRIEFING_TASK = "giao ban định kỳ về tình hình Nhân dân"
TRAINING_TASK = "Tập huấn chuyên đề công tác dân vận"
DIALOGUE_TASK = "Xây dựng kế hoạch và thực hiện đối thoại"
UNIT_PLAN_TASK = "Xây dựng kế hoạch thực hiện của đơn vị"
DISCLOSURE_TASK = "Chủ tịch UBND phường thẩm định nội dung công khai"
ASSESSMENT_TASK = "Rà soát tiêu chí Chính quyền thân thiện"
CLASSIFICATION_TASK = "hằng năm xếp loại các Tổ dân vận cộng đồng"
REPORT_TASK = "Tổng hợp báo cáo kết quả thực hiện nhiệm vụ trọng tâm hằng quý"


@pytest.fixture
def on_day(set_today):
    return set_today


def task_named(plan, words):
    return Task.objects.select_related("plan").get(plan=plan, title__contains=words)


def fresh(task):
    task.refresh_from_db()
    assert task.updates.count() == 0  # nobody typed progress on it
    return task


@pytest.mark.parametrize(("words", "kind", "source", "held_on", "met"), [
    (TRAINING_TASK, "training", "meetings.training", date(2024, 5, 10), ["2024-12-31"]),
    (TRAINING_TASK, "disclosure_training", "meetings.training", date(2024, 6, 3), ["2024-12-31"]),
])
def test_a_training_held_completes_the_years_training(plan_a, ward_a, on_day, words, kind, source, held_on, met):
    from meetings.models import Meeting

    on_day(date(2024, 12, 20))
    task = task_named(plan_a, words)
    assert task.binding.source == source
    Meeting.objects.create(organiser=ward_a.unit("ubnd"), kind=kind, title="Tập huấn", held_on=held_on,
                           status="held")
    assert fresh(task).occurrences_met == met
    assert task_percent(task, date(2024, 12, 31)) == 100


def test_briefings_held_move_the_briefing_task_to_done_after_four(plan_a, ward_a, on_day, client_for):
    from meetings.models import Meeting

    on_day(date(2024, 12, 20))
    task = task_named(plan_a, BRIEFING_TASK)
    planned = Meeting.objects.create(organiser=ward_a.ward, kind="briefing", title="Giao ban quý 1",
                                     held_on=date(2024, 3, 20), status="planned")
    assert fresh(task).latest_percent == 0  # a planned meeting is not held
    planned.status = "held"
    planned.save()
    assert fresh(task).latest_percent == 25
    for month in (6, 9, 12):
        Meeting.objects.create(organiser=ward_a.ward, kind="briefing", title=f"Giao ban tháng {month}",
                               held_on=date(2024, month, 18), status="held")
    assert fresh(task).is_done
    page = client_for(ward_a.users["standing"]).get(task.get_absolute_url()).content.decode()
    assert "Tiến độ lấy từ:" in page and "Giao ban định kỳ đã tổ chức" in page
    assert "Giao ban quý 1" in page and "đạt khi có ít nhất 4 cuộc đã tổ chức trong kỳ" in page


def test_a_dialogue_held_completes_the_dialogue_task_and_a_thematic_conference_a_task_bound_to_it(
        plan_a, ward_a, on_day):
    from meetings.models import Meeting

    on_day(date(2024, 8, 1))
    dialogue = task_named(plan_a, DIALOGUE_TASK)
    other = task_named(plan_a, "Quán triệt NQ 13-NQ/TU")
    set_binding(other, "meetings.thematic")
    Meeting.objects.create(organiser=ward_a.unit("khoi-dan-van"), kind="dialogue", title="Đối thoại với Nhân dân",
                           held_on=date(2024, 7, 5), status="held", dialogue_audience="people")
    Meeting.objects.create(organiser=ward_a.unit("khoi-dan-van"), kind="thematic", title="Hội nghị chuyên đề",
                           held_on=date(2024, 7, 20), status="held")
    assert fresh(dialogue).is_done and task_percent(dialogue) == 100
    assert fresh(other).is_done


def test_units_plans_submitted_complete_the_before_10_3_task_on_the_lead_units_home_page(
        plan_a, ward_a, on_day, client_for):
    from accountability.models import UnitPlanRound
    from accountability.services import sync_round_units

    on_day(date(2024, 3, 20))
    task = task_named(plan_a, UNIT_PLAN_TASK)
    plan_round = UnitPlanRound.objects.create(ward=ward_a.ward, title="Kế hoạch năm 2024 của các đơn vị",
                                              opened_on=date(2024, 2, 20), deadline=date(2024, 3, 10))
    sync_round_units(plan_round, [ward_a.unit("ubnd"), ward_a.unit("mttq"), ward_a.unit("hoi-pn")])
    officer = client_for(ward_a.users["officer_ubnd"])
    assert task.title in _overdue_section(officer.get(reverse("home")).content.decode())

    submissions = list(plan_round.submissions.order_by("pk"))
    submissions[0].submitted_on = date(2024, 3, 8)
    submissions[0].save()
    assert fresh(task).latest_percent == 33 and not task.is_done
    for submission in submissions[1:]:
        submission.submitted_on = date(2024, 3, 9)
        submission.save()

    assert fresh(task).is_done and task.latest_percent == 100
    assert task.title not in _overdue_section(officer.get(reverse("home")).content.decode())


def _overdue_section(html):
    return html.split("Đến hạn trong 14 ngày tới")[0]


def test_an_approved_disclosure_completes_the_years_disclosure_task(plan_a, ward_a, on_day):
    from democracy.models import Disclosure

    on_day(date(2024, 6, 1))
    task = task_named(plan_a, DISCLOSURE_TASK)
    disclosure = Disclosure.objects.create(unit=ward_a.unit("ubnd"), content_kind="budget", channel="notice_board",
                                           title="Dự toán ngân sách phường năm 2024", posted_on=date(2024, 5, 2))
    assert fresh(task).occurrences_met == []  # not approved by the chairman yet
    disclosure.approved_on = date(2024, 5, 1)
    disclosure.save()
    assert fresh(task).occurrences_met == ["2024-12-31"]


def test_a_quarterly_self_assessment_sent_for_appraisal_completes_the_quarters_review(plan_a, ward_a, on_day):
    from satisfaction.models import Assessment, CriteriaSet

    on_day(date(2024, 4, 10))
    task = task_named(plan_a, ASSESSMENT_TASK)
    criteria = CriteriaSet.objects.create(ward=ward_a.ward, name="Bộ tiêu chí mẫu", decision_number="54/2025/QĐ-UBND")
    assessment = Assessment.objects.create(unit=ward_a.unit("ubnd"), criteria_set=criteria, year=2024, quarter=1)
    assert fresh(task).occurrences_met == []  # still a draft
    assessment.status = "submitted"
    assessment.save()
    assert fresh(task).occurrences_met == ["2024-03-31"]
    assert task.current_due_date == date(2024, 6, 30)


def test_the_yearly_classification_of_every_group_completes_its_task(plan_a, ward_a, on_day):
    from communitygroups.models import CommunityGroup, GroupClassification

    on_day(date(2024, 12, 28))
    task = task_named(plan_a, CLASSIFICATION_TASK)
    groups = [CommunityGroup.objects.create(residential_group=unit)
              for key, unit in ward_a.units.items() if key.startswith("tdp-")]
    for group in groups[:-1]:
        GroupClassification.objects.create(group=group, year=2024, computed_level="good")
    assert fresh(task).occurrences_met == []  # every group must be classified (share 100 %)
    GroupClassification.objects.create(group=groups[-1], year=2024, computed_level="fair")
    assert fresh(task).occurrences_met == ["2024-12-31"]


def test_an_approved_quarterly_report_completes_the_quarters_reporting(plan_a, ward_a, on_day):
    from reports.models import QuarterlyReport

    on_day(date(2024, 3, 20))
    task = task_named(plan_a, REPORT_TASK)
    report = QuarterlyReport.objects.create(ward=ward_a.ward, year=2024, quarter=1, period_start=date(2023, 12, 15),
                                            period_end=date(2024, 3, 14), due_date=date(2024, 3, 15),
                                            unit_due_date=date(2024, 3, 10), status="submitted")
    assert fresh(task).occurrences_met == []
    report.status = "approved"
    report.save()
    assert fresh(task).occurrences_met == ["2024-03-15"]
    assert task.status != "overdue"
