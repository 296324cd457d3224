"""Domain rules: thỉnh sư and the head-change flag, certificates, works, watch reports and the risk overview."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core import periods
from religion import services
from religion.models import (
    CertificateStatus,
    ConstructionWork,
    Establishment,
    EstablishmentKind,
    InvitationStatus,
    MonkInvitationRequest,
    PermitState,
    Religion,
    RiskLevel,
    WatchStatus,
    WorkKind,
    WorkStage,
)
from tests.support.religion import make_establishment, make_watch_report

pytestmark = pytest.mark.django_db


def invite(establishment, submitted_on=date(2024, 3, 1), **fields):
    return MonkInvitationRequest.objects.create(
        ward_id=establishment.ward_id, establishment=establishment, monk_name="Đại đức Thích Quảng Pháp",
        requested_by="Ban hộ tự", submitted_on=submitted_on, **fields,
    )


def approve(invitation, on=date(2024, 3, 20)):
    services.transition_invitation(invitation, InvitationStatus.UNDER_REVIEW, on=on - timedelta(days=5))
    return services.transition_invitation(invitation, InvitationStatus.APPROVED, on=on, decision_number="85/UBND")


# ---------------------------------------------------------------------------------------------- thỉnh sư


def test_a_request_is_reviewed_before_it_is_decided(ward_a):
    invitation = invite(make_establishment(ward_a))

    with pytest.raises(ValidationError, match="phải được xem xét trước"):
        services.transition_invitation(invitation, InvitationStatus.APPROVED, on=date(2024, 3, 5))
    reviewed = services.transition_invitation(invitation, InvitationStatus.UNDER_REVIEW, on=date(2024, 3, 5),
                                              note="Xin ý kiến Ban Trị sự")
    approved = services.transition_invitation(reviewed, InvitationStatus.APPROVED, on=date(2024, 3, 20),
                                              decision_number="85/UBND-VX")

    assert approved.status == InvitationStatus.APPROVED
    assert approved.review_started_on == date(2024, 3, 5)
    assert approved.decided_on == date(2024, 3, 20)
    assert approved.decision_number == "85/UBND-VX"
    assert "Xin ý kiến Ban Trị sự" in approved.review_note
    with pytest.raises(ValidationError):
        services.transition_invitation(approved, InvitationStatus.REJECTED, on=date(2024, 3, 21), note="Đổi ý")


def test_a_rejection_needs_a_reason_and_cannot_predate_the_request(ward_a):
    invitation = invite(make_establishment(ward_a))
    services.transition_invitation(invitation, InvitationStatus.UNDER_REVIEW, on=date(2024, 3, 2))

    with pytest.raises(ValidationError, match="lý do"):
        services.transition_invitation(invitation, InvitationStatus.REJECTED, on=date(2024, 3, 10))
    with pytest.raises(ValidationError, match="trước ngày tiếp nhận"):
        services.transition_invitation(invitation, InvitationStatus.REJECTED, on=date(2024, 2, 1), note="Không")
    rejected = services.transition_invitation(invitation, InvitationStatus.REJECTED, on=date(2024, 3, 10),
                                              note="Chưa có ý kiến của Ban Trị sự.")
    assert rejected.status == InvitationStatus.REJECTED


def test_one_pending_request_per_establishment_and_only_for_buddhist_establishments(ward_a):
    pagoda = make_establishment(ward_a)
    church = make_establishment(ward_a, kind=EstablishmentKind.CHURCH, religion=Religion.CATHOLICISM, name="Nhà thờ")
    invite(pagoda)

    second = MonkInvitationRequest(ward=ward_a.ward, establishment=pagoda, monk_name="Sư B", requested_by="Ban hộ tự",
                                   submitted_on=date(2024, 3, 2))
    with pytest.raises(ValidationError, match="chưa giải quyết"):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    for_church = MonkInvitationRequest(ward=ward_a.ward, establishment=church, monk_name="Sư C",
                                       requested_by="Giáo họ", submitted_on=date(2024, 3, 2))
    with pytest.raises(ValidationError, match="chùa và cơ sở Phật giáo"):
        for_church.full_clean()


def test_a_pagoda_whose_head_changed_without_an_approved_request_is_flagged(ward_a):
    pagoda = make_establishment(ward_a)
    assert not services.head_change_flag(pagoda)

    change = services.record_head_change(pagoda, new_head="Đại đức Thích Quảng Pháp", changed_on=date(2024, 4, 2))

    pagoda.refresh_from_db()
    assert pagoda.person_in_charge == "Đại đức Thích Quảng Pháp"
    assert change.previous_head == "Đại đức Thích Minh Tuệ"
    assert services.head_change_flag(pagoda)
    assert list(services.unapproved_head_changes(pagoda)) == [change]
    flagged = Establishment.objects.with_head_flag().filter(head_flag=True)
    assert list(flagged) == [pagoda]


def test_a_head_change_backed_by_an_approved_request_is_not_flagged(ward_a):
    pagoda = make_establishment(ward_a)
    invitation = approve(invite(pagoda))

    services.record_head_change(pagoda, new_head="Đại đức Thích Quảng Pháp", changed_on=date(2024, 4, 2),
                                invitation=invitation)

    assert not services.head_change_flag(pagoda)
    assert not Establishment.objects.with_head_flag().get(pk=pagoda.pk).head_flag


def test_only_an_approved_request_of_the_same_establishment_dated_before_the_change_backs_it(ward_a):
    pagoda = make_establishment(ward_a)
    other = make_establishment(ward_a, name="Chùa Am")
    pending = invite(pagoda)
    with pytest.raises(ValidationError, match="đã được chấp thuận"):
        services.record_head_change(pagoda, new_head="Sư mới", changed_on=date(2024, 4, 2), invitation=pending)
    services.transition_invitation(pending, InvitationStatus.WITHDRAWN, on=date(2024, 3, 3))
    approved_elsewhere = approve(invite(other))
    with pytest.raises(ValidationError, match="cơ sở khác"):
        services.record_head_change(pagoda, new_head="Sư mới", changed_on=date(2024, 4, 2),
                                    invitation=approved_elsewhere)
    approved = approve(invite(pagoda, submitted_on=date(2024, 3, 4)), on=date(2024, 3, 25))
    with pytest.raises(ValidationError, match="trước ngày chấp thuận"):
        services.record_head_change(pagoda, new_head="Sư mới", changed_on=date(2024, 3, 10), invitation=approved)
    services.record_head_change(pagoda, new_head="Sư mới", changed_on=date(2024, 3, 30), invitation=approved)
    with pytest.raises(ValidationError, match="đã được dùng"):
        services.record_head_change(pagoda, new_head="Sư khác", changed_on=date(2024, 5, 1), invitation=approved)
    assert not services.head_change_flag(pagoda)


def test_a_church_changing_its_priest_is_not_flagged(ward_a):
    church = make_establishment(ward_a, kind=EstablishmentKind.CHURCH, religion=Religion.CATHOLICISM, name="Nhà thờ")

    services.record_head_change(church, new_head="Linh mục Phêrô An", changed_on=date(2024, 4, 2))

    assert not services.head_change_flag(church)
    assert not Establishment.objects.with_head_flag().get(pk=church.pk).head_flag


def test_resolving_the_flag_keeps_the_change_on_record(ward_a):
    pagoda = make_establishment(ward_a)
    change = services.record_head_change(pagoda, new_head="Sư mới", changed_on=date(2024, 4, 2))
    with pytest.raises(ValidationError):
        services.resolve_head_flag(pagoda, note="  ")

    services.resolve_head_flag(pagoda, note="Đã làm việc với Ban hộ tự, hoàn tất thủ tục.", on=date(2024, 4, 20))

    change.refresh_from_db()
    assert change.flag_resolved_on == date(2024, 4, 20)
    assert change.invitation is None
    assert not services.head_change_flag(pagoda)


# ---------------------------------------------------------------------------------------------- certificates


def test_certificate_status_changes_are_recorded_step_by_step(ward_a):
    establishment = make_establishment(ward_a)  # registered as "eligible, not issued"

    services.change_certificate_status(establishment, status=CertificateStatus.REQUESTED, on=date(2024, 2, 1),
                                       note="Nộp hồ sơ tại bộ phận một cửa.")
    services.change_certificate_status(establishment, status=CertificateStatus.REQUESTED, on=date(2024, 3, 1),
                                       note="Phòng TN&MT đang thẩm định.")
    with pytest.raises(ValidationError, match="số giấy chứng nhận"):
        services.change_certificate_status(establishment, status=CertificateStatus.ISSUED, on=date(2024, 4, 1))
    services.change_certificate_status(establishment, status=CertificateStatus.ISSUED, on=date(2024, 4, 1),
                                       certificate_number="CS 04512")

    establishment.refresh_from_db()
    assert establishment.certificate_status == CertificateStatus.ISSUED
    assert establishment.certificate_number == "CS 04512"
    assert establishment.certificate_issued_on == date(2024, 4, 1)
    steps = list(establishment.certificate_steps.order_by("pk").values_list(
        "previous_status", "status", "recorded_on"))
    assert steps[1:] == [
        ("eligible", "requested", date(2024, 2, 1)),
        ("requested", "requested", date(2024, 3, 1)),
        ("requested", "issued", date(2024, 4, 1)),
    ]
    assert steps[0][:2] == ("", "eligible")


def test_certificate_status_unchanged_needs_progress_and_leaving_issued_needs_a_reason(ward_a):
    establishment = make_establishment(ward_a, certificate_status=CertificateStatus.ISSUED, certificate_number="X1")

    with pytest.raises(ValidationError, match="Tình trạng không đổi"):
        services.change_certificate_status(establishment, status=CertificateStatus.ISSUED)
    with pytest.raises(ValidationError, match="lý do"):
        services.change_certificate_status(establishment, status=CertificateStatus.INELIGIBLE)
    services.change_certificate_status(establishment, status=CertificateStatus.INELIGIBLE,
                                       note="Thu hồi do sai diện tích, chờ đo đạc lại.")
    establishment.refresh_from_db()
    assert establishment.certificate_status == CertificateStatus.INELIGIBLE


# ---------------------------------------------------------------------------------------------- works


def test_work_stage_and_permit_warning(ward_a):
    pagoda = make_establishment(ward_a)
    today = periods.today()
    work = ConstructionWork.objects.create(ward=ward_a.ward, establishment=pagoda, title="Xây nhà tổ",
                                           work_kind=WorkKind.NEW_BUILD, permit_state=PermitState.APPLIED)
    assert services.work_stage(work) == WorkStage.PLANNED
    assert services.permit_warning(work) == ""

    work.started_on = today - timedelta(days=3)
    work.save()
    assert services.work_stage(work) == WorkStage.IN_PROGRESS
    assert "chưa được cấp phép" in services.permit_warning(work)
    assert list(ConstructionWork.objects.filter(services.WITHOUT_PERMIT_Q)) == [work]

    work.permit_state = PermitState.GRANTED
    work.finished_on = today
    work.save()
    assert services.work_stage(work) == WorkStage.FINISHED
    assert services.permit_warning(work) == ""
    assert list(ConstructionWork.objects.filter(services.stage_q(WorkStage.FINISHED))) == [work]


def test_a_work_takes_the_residential_group_of_its_establishment_and_needs_a_place(ward_a):
    pagoda = make_establishment(ward_a, group_key="tdp-2")
    work = ConstructionWork(ward=ward_a.ward, establishment=pagoda, title="Sửa mái", work_kind=WorkKind.REPAIR)
    work.full_clean()
    assert work.residential_group == ward_a.units["tdp-2"]
    nowhere = ConstructionWork(ward=ward_a.ward, title="Sửa mái", work_kind=WorkKind.REPAIR)
    with pytest.raises(ValidationError, match="địa điểm"):
        nowhere.full_clean()


def test_a_record_cannot_point_to_a_residential_group_of_another_ward(ward_a, ward_b):
    establishment = Establishment(ward=ward_a.ward, residential_group=ward_b.units["tdp-1"], kind="pagoda",
                                  religion="buddhism", name="Chùa", address="Số 1")
    with pytest.raises(ValidationError, match="không thuộc phường"):
        establishment.full_clean()


# ---------------------------------------------------------------------------------------------- watch reports


def test_follow_ups_reassess_the_risk_until_the_report_is_closed(ward_a):
    report = make_watch_report(ward_a, risk=RiskLevel.MEDIUM, observed_on=date(2024, 4, 1))

    services.add_follow_up(report, followed_on=date(2024, 4, 10), action_taken="Nhóm mở rộng, có người lạ đến.",
                           risk_level=RiskLevel.HIGH)
    with pytest.raises(ValidationError, match="kết quả xử lý"):
        services.add_follow_up(report, followed_on=date(2024, 5, 1), action_taken="Ổn định", close=True)
    with pytest.raises(ValidationError, match="trước ngày phát hiện"):
        services.add_follow_up(report, followed_on=date(2024, 3, 1), action_taken="Sai ngày")
    services.add_follow_up(report, followed_on=date(2024, 5, 1), action_taken="Nhóm đã giải tán.",
                           risk_level=RiskLevel.LOW, close=True, outcome="Ổn định.")

    report.refresh_from_db()
    assert report.status == WatchStatus.CLOSED
    assert report.closed_on == date(2024, 5, 1)
    assert report.risk_level == RiskLevel.LOW
    assert report.initial_risk_level == RiskLevel.MEDIUM
    assert report.follow_ups.count() == 2
    assert services.risk_on(report, date(2024, 4, 5)) == RiskLevel.MEDIUM
    assert services.risk_on(report, date(2024, 4, 20)) == RiskLevel.HIGH
    assert services.risk_on(report, date(2024, 5, 1)) == RiskLevel.LOW
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.add_follow_up(report, followed_on=date(2024, 5, 2), action_taken="Thêm")


def test_risk_overview_counts_open_reports_by_group_and_risk_and_marks_hot_spots(ward_a, ward_b):
    # TDP 1: one high -> hot spot. TDP 2: two medium -> hot spot. TDP 3: one low, one medium closed -> quiet.
    # TDP 4: nothing. No group: one low.
    make_watch_report(ward_a, "tdp-1", RiskLevel.HIGH)
    make_watch_report(ward_a, "tdp-2", RiskLevel.MEDIUM)
    make_watch_report(ward_a, "tdp-2", RiskLevel.MEDIUM)
    make_watch_report(ward_a, "tdp-3", RiskLevel.LOW)
    closed = make_watch_report(ward_a, "tdp-3", RiskLevel.MEDIUM)
    services.add_follow_up(closed, followed_on=periods.today(), action_taken="Xong", close=True, outcome="Ổn")
    make_watch_report(ward_a, None, RiskLevel.LOW)
    make_watch_report(ward_b, "tdp-1", RiskLevel.HIGH)  # another ward: not counted
    from organisations.models import Unit

    groups = Unit.objects.filter(ward=ward_a.ward, kind="residential_group").order_by("order")
    from religion.models import WatchReport

    overview = services.risk_overview(WatchReport.objects.filter(ward=ward_a.ward), groups)

    table = {(row.group.short_name if row.group else None): (row.counts, row.hot_spot) for row in overview.rows}
    assert table == {
        "TDP 1": ({"high": 1}, True),
        "TDP 2": ({"medium": 2}, True),
        "TDP 3": ({"low": 1}, False),
        "TDP 4": ({}, False),
        None: ({"low": 1}, False),
    }
    assert overview.totals == {"high": 1, "medium": 2, "low": 2}
    assert overview.total == 5
    assert [row.group.short_name for row in overview.hot_spots] == ["TDP 1", "TDP 2"]


@pytest.mark.parametrize("counts, hot", [
    ({}, False), ({"low": 2}, False), ({"low": 3}, True), ({"medium": 1}, False), ({"medium": 1, "low": 1}, False),
    ({"medium": 2}, True), ({"medium": 1, "high": 1}, True), ({"high": 1}, True),
])
def test_hot_spot_rule(counts, hot):
    assert services.is_hot_spot(counts) == hot
