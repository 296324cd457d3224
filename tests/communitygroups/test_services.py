"""Domain rules: coverage and its gaps, Zalo reach, Green Sunday regularity, classification, reports."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from communitygroups import permissions, services
from communitygroups.models import (
    Activity,
    ActivityKind,
    ClassificationCriteria,
    GroupClassification,
    Household,
    Level,
    ReportStatus,
    ReportTopic,
    SituationReport,
)
from core.models import Notification
from tests.support.communitygroups import make_households, make_interfamily

pytestmark = pytest.mark.django_db


def test_group_takes_the_residential_group_name_and_the_ward_steering_committee(ward_a, groups_a):
    group = groups_a["tdp-1"]
    assert group.name == "Tổ dân vận cộng đồng Tổ dân phố số 1"
    assert group.steering_committee == ward_a.units["bcd-tdvcd"]


def test_coverage_and_gaps_on_known_data(groups_a):
    group = groups_a["tdp-1"]
    first = make_interfamily(group, "Tổ liên gia số 1")
    second = make_interfamily(group, "Tổ liên gia số 2")
    make_households(group, 6, interfamily=first, start=1)
    make_households(group, 3, interfamily=second, start=7)
    gaps = make_households(group, 1, start=10, street="Ngõ 9 Trần Phú") + make_households(group, 1, start=11,
                                                                                             street="Ngõ 2 An Dương")
    make_households(groups_a["tdp-2"], 4, start=1)  # another group: none covered

    coverage = services.coverage_by_group([group, groups_a["tdp-2"], groups_a["tdp-3"]])

    assert (coverage[group.pk].total, coverage[group.pk].covered, coverage[group.pk].gaps) == (11, 9, 2)
    assert coverage[group.pk].ratio == 81.8
    assert not coverage[group.pk].meets_target
    assert coverage[groups_a["tdp-2"].pk].ratio == 0.0
    assert coverage[groups_a["tdp-3"].pk].total == 0 and coverage[groups_a["tdp-3"].pk].ratio is None
    listed = list(services.coverage_gaps(Household.objects.filter(group=group)))
    assert [h.address for h in listed] == ["Số 10 Ngõ 9 Trần Phú", "Số 11 Ngõ 2 An Dương"]
    assert {h.pk for h in listed} == {h.pk for h in gaps}


def test_full_coverage_meets_the_target(groups_a):
    group = groups_a["tdp-1"]
    make_households(group, 4, interfamily=make_interfamily(group, "TLG 1"))
    coverage = services.coverage_of(Household.objects.filter(group=group))
    assert coverage.ratio == 100.0 and coverage.meets_target


def test_zalo_reach_is_a_share_of_the_interfamily_households(groups_a):
    group = groups_a["tdp-1"]
    ifg = make_interfamily(group, "TLG 1")
    make_households(group, 3, interfamily=ifg, zalo=True)
    make_households(group, 1, interfamily=ifg, start=4)
    reach = services.zalo_reach_by_interfamily([ifg])[ifg.pk]
    assert (reach.households, reach.joined, reach.ratio) == (4, 3, 75.0)


def test_sundays_of_a_month():
    assert services.sundays_in_month(2024, 3) == [date(2024, 3, d) for d in (3, 10, 17, 24, 31)]
    assert services.sundays_in_month(2024, 2) == [date(2024, 2, d) for d in (4, 11, 18, 25)]


def green_sunday(group, day):
    return Activity.objects.create(group=group, kind=ActivityKind.GREEN_SUNDAY, held_on=day, place="Ngõ 5",
                                   participants=20, households_count=15, content="Quét dọn ngõ")


def test_regularity_grid_by_month(groups_a):
    one, two = groups_a["tdp-1"], groups_a["tdp-2"]
    for day in (3, 10, 17, 24, 31):
        green_sunday(one, date(2024, 3, day))
    green_sunday(two, date(2024, 3, 10))
    green_sunday(two, date(2024, 2, 25))  # another month: not counted
    Activity.objects.create(group=two, kind=ActivityKind.SELF_MANAGEMENT, held_on=date(2024, 3, 17),
                            place="Nhà văn hóa")

    sundays, rows = services.regularity_grid([one, two, groups_a["tdp-3"]], 2024, 3, on=date(2024, 4, 1))

    assert len(sundays) == 5
    by_group = {row.group.pk: row for row in rows}
    assert by_group[one.pk].is_regular and by_group[one.pk].ratio == 100.0
    assert [state for _d, state in by_group[two.pk].cells] == [False, True, False, False, False]
    assert (by_group[two.pk].held, by_group[two.pk].due, by_group[two.pk].ratio) == (1, 5, 20.0)
    assert by_group[groups_a["tdp-3"].pk].held == 0


def test_regularity_does_not_count_sundays_still_to_come(groups_a):
    one = groups_a["tdp-1"]
    green_sunday(one, date(2024, 3, 3))
    _sundays, rows = services.regularity_grid([one], 2024, 3, on=date(2024, 3, 12))
    assert [state for _d, state in rows[0].cells] == [True, False, None, None, None]
    assert (rows[0].held, rows[0].due) == (1, 2)


def test_green_sunday_must_be_a_sunday(groups_a):
    activity = Activity(group=groups_a["tdp-1"], kind=ActivityKind.GREEN_SUNDAY, held_on=date(2024, 3, 4),
                        place="Ngõ 5")
    with pytest.raises(ValidationError) as info:
        activity.full_clean()
    assert "không phải Chủ nhật" in str(info.value.message_dict["held_on"])


def _criteria(ward_a, year=2024, **overrides):
    values = dict(good_coverage=100, good_regularity=90, good_reports=4, good_activities=4,
                  fair_coverage=95, fair_regularity=70, fair_reports=2, fair_activities=2,
                  average_coverage=80, average_regularity=50, average_reports=1, average_activities=1)
    values.update(overrides)
    return ClassificationCriteria.objects.create(steering_committee=ward_a.units["bcd-tdvcd"], year=year, **values)


FIGURES = {"coverage": 100.0, "regularity": 90.0, "reports": 4, "activities": 4}


@pytest.mark.parametrize("changes, level", [
    ({}, Level.GOOD),
    ({"coverage": 99.9}, Level.FAIR),                       # just under the good coverage
    ({"regularity": 89.9, "reports": 2}, Level.FAIR),
    ({"reports": 1}, Level.AVERAGE),                        # under the fair minimum of reports
    ({"coverage": 80.0, "regularity": 50.0, "reports": 1, "activities": 1}, Level.AVERAGE),  # exactly the minima
    ({"coverage": 79.9}, Level.WEAK),
    ({"activities": 0}, Level.WEAK),
])
def test_classification_thresholds(ward_a, changes, level):
    criteria = _criteria(ward_a)
    assert services.classify({**FIGURES, **changes}, criteria) == level


def test_criteria_must_go_down_from_good_to_average(ward_a):
    criteria = ClassificationCriteria(steering_committee=ward_a.units["bcd-tdvcd"], year=2024, fair_reports=20)
    with pytest.raises(ValidationError):
        criteria.full_clean()


def test_classify_groups_from_the_year_and_keep_the_override(ward_a, groups_a, admin_user):
    criteria = _criteria(ward_a, good_regularity=Decimal("1"), fair_regularity=Decimal("1"),
                         average_regularity=Decimal("0"))
    one, two = groups_a["tdp-1"], groups_a["tdp-2"]
    make_households(one, 5, interfamily=make_interfamily(one, "TLG 1"))
    make_households(two, 5)
    green_sunday(one, date(2024, 3, 3))
    for day in (1, 2, 3, 4):
        SituationReport.objects.create(group=one, reported_on=date(2024, 3, day), topic=ReportTopic.FRAUD,
                                       title="Lừa đảo", description="Tin nhắn giả mạo")
        Activity.objects.create(group=one, kind=ActivityKind.PROPAGANDA, topic="online_fraud",
                                held_on=date(2024, 3, day), place="Nhà văn hóa", reach=50)

    results = {c.group_id: c for c in services.classify_groups([one, two], 2024, criteria, on=date(2024, 12, 31))}

    assert results[one.pk].computed_level == Level.GOOD
    assert results[one.pk].figures["reports"] == 4 and results[one.pk].figures["sundays_due"] == 52
    assert results[two.pk].computed_level == Level.WEAK

    services.override_classification(results[two.pk], Level.AVERAGE, "Tổ mới thành lập, đã khắc phục", admin_user)
    services.classify_groups([one, two], 2024, criteria, on=date(2024, 12, 31))  # recomputed: override kept
    kept = GroupClassification.objects.get(group=two, year=2024)
    assert (kept.computed_level, kept.override_level, kept.final_level) == (Level.WEAK, Level.AVERAGE, Level.AVERAGE)
    assert kept.is_overridden and kept.decided_by == admin_user


def test_override_needs_a_reason(ward_a, groups_a, admin_user):
    criteria = _criteria(ward_a)
    classification = services.classify_groups([groups_a["tdp-1"]], 2024, criteria, on=date(2024, 12, 31))[0]
    with pytest.raises(ValueError, match="lý do"):
        services.override_classification(classification, Level.GOOD, "  ", admin_user)
    services.override_classification(classification, "", "", admin_user)
    classification.refresh_from_db()
    assert classification.final_level == classification.computed_level


def test_a_new_report_notifies_the_bloc_and_the_peoples_committee(ward_a, groups_a):
    report = SituationReport.objects.create(group=groups_a["tdp-1"], reported_on=date(2024, 3, 5),
                                            topic=ReportTopic.SECURITY_ORDER, urgency="urgent",
                                            title="Tụ tập gây ồn", description="Nhóm thanh niên tụ tập",
                                            author=ward_a.users["group_leader"])
    assert report.peoples_committee == ward_a.units["ubnd"]
    services.notify_new_report(report)
    services.notify_new_report(report)  # twice: nothing more
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {ward_a.users["bloc"].username, ward_a.users["officer_ubnd"].username}


def test_acknowledge_and_answer(ward_a, groups_a):
    leader, officer = ward_a.users["group_leader"], ward_a.users["officer_ubnd"]
    report = SituationReport.objects.create(group=groups_a["tdp-1"], reported_on=date(2024, 3, 5),
                                            topic=ReportTopic.ENVIRONMENT, title="Rác thải", description="Đổ trộm",
                                            author=leader)
    assert permissions.may_respond(officer, report) and permissions.may_respond(ward_a.users["bloc"], report)
    assert not permissions.may_respond(leader, report)
    assert not permissions.may_respond(ward_a.users["officer_mttq"], report)
    services.acknowledge_report(report, officer)
    assert report.status == ReportStatus.ACKNOWLEDGED and not permissions.may_edit_report(leader, report)
    services.answer_report(report, "Đã giao Tổ trưởng TDP xử lý", ward_a.users["bloc"])
    report.refresh_from_db()
    assert report.status == ReportStatus.ANSWERED and report.acknowledged_by == officer
    assert Notification.objects.filter(recipient=leader).count() == 2


def test_watch_report_values_and_unavailable_religion_model(ward_a, groups_a, monkeypatch):
    report = SituationReport.objects.create(group=groups_a["tdp-1"], reported_on=date(2024, 3, 5),
                                            topic=ReportTopic.RELIGIOUS_ACTIVITY, title="Nhóm sinh hoạt lạ",
                                            description="Nhóm tập dưỡng sinh có truyền đạo", place="Nhà văn hóa")
    values = services.watch_report_values(report)
    assert values["residential_group"] == ward_a.units["tdp-1"] and values["ward"] == ward_a.ward
    assert values["reported_on"] == date(2024, 3, 5) and "Nhà văn hóa" in values["description"]
    monkeypatch.setattr(permissions, "religion_watch_model", lambda: None)
    assert not permissions.may_turn_into_watch_report(report)
    with pytest.raises(services.WatchReportUnavailable):
        services.turn_into_watch_report(report, ward_a.users["bloc"])
    report.refresh_from_db()
    assert report.religion_watch_report_id is None


def test_section_figures(ward_a, groups_a):
    one = groups_a["tdp-1"]
    make_households(one, 3, interfamily=make_interfamily(one, "TLG 1"))
    make_households(one, 1, start=4)
    green_sunday(one, date(2024, 3, 3))
    figures = services.section_figures(ward_a.ward, date(2024, 3, 1), date(2024, 3, 14), on=date(2024, 6, 1))
    assert figures.data["groups"] == 4 and figures.data["households"] == 4
    assert figures.data["coverage_percent"] == 75.0 and figures.data["headline"] == 75.0
    assert (figures.data["green_sundays_held"], figures.data["green_sundays_due"]) == (1, 8)
    assert figures.status == "danger"
    assert dict(figures.rows)["Hộ chưa vào tổ liên gia"] == "1"
    import json

    json.dumps(figures.data)


def test_religious_activity_report_becomes_a_religion_watch_report(ward_a, groups_a):
    model = permissions.religion_watch_model()
    if model is None:
        pytest.skip("the religion app provides no WatchReport model")
    report = SituationReport.objects.create(group=groups_a["tdp-1"], reported_on=date(2024, 3, 5),
                                            topic=ReportTopic.RELIGIOUS_ACTIVITY, urgency="soon",
                                            title="Nhóm sinh hoạt lạ", place="Sân nhà văn hóa TDP 1",
                                            description="Nhóm tập dưỡng sinh có phát tài liệu lạ")
    assert permissions.may_turn_into_watch_report(report)

    watch = services.turn_into_watch_report(report, ward_a.users["bloc"])

    report.refresh_from_db()
    assert report.religion_watch_report_id == watch.pk
    stored = model._base_manager.get(pk=watch.pk)
    values = {f.name: getattr(stored, f.name) for f in model._meta.concrete_fields}
    assert values.get("residential_group", ward_a.units["tdp-1"]) == ward_a.units["tdp-1"]
    assert values.get("ward", ward_a.ward) == ward_a.ward
    assert values.get("observed_on", date(2024, 3, 5)) == date(2024, 3, 5)
    assert values.get("risk_level", "medium") == "medium"
    assert not permissions.may_turn_into_watch_report(report)
    with pytest.raises(services.WatchReportUnavailable):
        services.turn_into_watch_report(report, ward_a.users["bloc"])
