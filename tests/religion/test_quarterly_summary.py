"""The area's quarterly figures on known data (Q2 2024: 01/04–30/06), as the reports app will call them."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from core.areas import all_sections
from religion import services
from religion.models import (
    CertificateStatus,
    ConstructionWork,
    Establishment,
    EstablishmentKind,
    EventRegistration,
    InvitationStatus,
    MonkInvitationRequest,
    PermitState,
    Religion,
    ReligiousEvent,
    RiskLevel,
    WorkKind,
)
from tests.support.religion import make_establishment, make_watch_report

pytestmark = pytest.mark.django_db


def created_on(obj, day):
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    type(obj).objects.filter(pk=obj.pk).update(created_at=moment)


def work(ward, establishment, **fields):
    return ConstructionWork.objects.create(ward=ward.ward, establishment=establishment, title="Hạng mục",
                                           work_kind=WorkKind.REPAIR, **fields)


def event(ward, name, starts_on, registration):
    return ReligiousEvent.objects.create(ward=ward.ward, name=name, event_kind="festival", starts_on=starts_on,
                                         ends_on=starts_on, location="Sân đình", registration=registration)


@pytest.fixture
def known_quarter(ward_a, ward_b):
    pagoda = make_establishment(ward_a)                                   # before the quarter
    church = make_establishment(ward_a, "tdp-3", kind=EstablishmentKind.CHURCH, religion=Religion.CATHOLICISM,
                                name="Nhà thờ")                           # new in the quarter
    later = make_establishment(ward_a, kind=EstablishmentKind.COMMUNAL_HOUSE, religion=Religion.FOLK_BELIEF,
                               name="Đình")                              # after the quarter
    closed_down = make_establishment(ward_a, kind=EstablishmentKind.SHRINE, religion=Religion.FOLK_BELIEF,
                                     name="Miếu", is_active=False)
    created_on(pagoda, date(2024, 1, 10))
    created_on(church, date(2024, 5, 5))
    created_on(later, date(2024, 7, 10))
    created_on(closed_down, date(2023, 1, 1))
    services.change_certificate_status(pagoda, status=CertificateStatus.REQUESTED, on=date(2024, 3, 1), note="Nộp")
    services.change_certificate_status(pagoda, status=CertificateStatus.REQUESTED, on=date(2024, 4, 15),
                                       note="Đang thẩm định")
    services.change_certificate_status(pagoda, status=CertificateStatus.ISSUED, on=date(2024, 5, 20),
                                       certificate_number="CS 1")
    services.record_head_change(pagoda, new_head="Sư mới", changed_on=date(2024, 5, 1))  # flagged

    work(ward_a, pagoda, started_on=date(2024, 4, 10), permit_state=PermitState.APPLIED)
    work(ward_a, church, started_on=date(2024, 1, 5), finished_on=date(2024, 5, 30), permit_state=PermitState.GRANTED)
    work(ward_a, church, started_on=date(2024, 7, 1), permit_state=PermitState.GRANTED)

    approved = MonkInvitationRequest.objects.create(ward=ward_a.ward, establishment=pagoda, monk_name="Sư A",
                                                    requested_by="Ban hộ tự", submitted_on=date(2024, 3, 25))
    services.transition_invitation(approved, InvitationStatus.UNDER_REVIEW, on=date(2024, 4, 2))
    services.transition_invitation(approved, InvitationStatus.APPROVED, on=date(2024, 4, 12))
    rejected = MonkInvitationRequest.objects.create(ward=ward_a.ward, establishment=pagoda, monk_name="Sư B",
                                                    requested_by="Một số hộ dân", submitted_on=date(2024, 5, 2))
    services.transition_invitation(rejected, InvitationStatus.UNDER_REVIEW, on=date(2024, 5, 10))
    services.transition_invitation(rejected, InvitationStatus.REJECTED, on=date(2024, 6, 1), note="Không đúng quy định")

    event(ward_a, "Lễ hội đình", date(2024, 4, 20), EventRegistration.ACCEPTED)
    event(ward_a, "Lễ cầu an", date(2024, 6, 10), EventRegistration.UNREGISTERED)
    event(ward_a, "Lễ Vu Lan", date(2024, 7, 5), EventRegistration.REGISTERED)

    escalated = make_watch_report(ward_a, "tdp-1", RiskLevel.MEDIUM, observed_on=date(2024, 3, 20))
    services.add_follow_up(escalated, followed_on=date(2024, 4, 10), action_taken="Mở rộng", risk_level=RiskLevel.HIGH)
    settled = make_watch_report(ward_a, "tdp-3", RiskLevel.LOW, observed_on=date(2024, 4, 5))
    services.add_follow_up(settled, followed_on=date(2024, 5, 15), action_taken="Xong", close=True, outcome="Ổn")
    make_watch_report(ward_a, "tdp-2", RiskLevel.MEDIUM, observed_on=date(2024, 6, 1))
    late = make_watch_report(ward_a, "tdp-2", RiskLevel.MEDIUM, observed_on=date(2024, 6, 20))
    services.add_follow_up(late, followed_on=date(2024, 7, 5), action_taken="Tăng", risk_level=RiskLevel.HIGH)
    make_watch_report(ward_a, "tdp-4", RiskLevel.HIGH, observed_on=date(2024, 7, 2))

    # Another ward's records never count.
    other = make_establishment(ward_b)
    created_on(other, date(2024, 5, 1))
    make_watch_report(ward_b, "tdp-1", RiskLevel.HIGH, observed_on=date(2024, 5, 1))
    return ward_a


def test_quarterly_figures_on_known_data(known_quarter, quarter):
    figures = services.quarterly_figures(known_quarter.ward, *quarter)

    data = figures.data
    assert data["establishments"]["total"] == 2
    assert data["establishments"]["by_kind"]["pagoda"] == 1
    assert data["establishments"]["by_kind"]["church"] == 1
    assert sum(data["establishments"]["new_by_kind"].values()) == 1
    assert data["establishments"]["new_by_kind"]["church"] == 1
    assert data["certificates"]["by_status"] == {"issued": 1, "eligible": 1, "requested": 0, "ineligible": 0}
    assert data["certificates"]["status_changes"] == 1
    assert data["certificates"]["issued_in_period"] == 1
    assert data["head_change_flags"] == 1
    assert data["works"] == {"started": 1, "finished": 1, "in_progress": 1, "without_permit": 1}
    assert data["invitations"] == {"received": 1, "approved": 1, "rejected": 1}
    assert data["events"] == {"held": 2, "unregistered": 1}
    assert data["watch_reports"] == {
        "opened": 3, "closed": 1, "open_by_risk": {"low": 0, "medium": 2, "high": 1}, "open_total": 3,
        "hot_spots": 2,
    }
    assert data["headline"] == 3
    assert data["chart"] == {"labels": ["Thấp", "Trung bình", "Cao"], "values": [0, 2, 1], "unit": ""}
    assert figures.status == "danger"
    assert figures.link == "/ton-giao/"


def test_quarterly_rows_read_as_a_report(known_quarter, quarter):
    rows = dict(services.quarterly_figures(known_quarter.ward, *quarter).rows)

    assert rows["Cơ sở thờ tự đang theo dõi"] == "2 (Chùa: 1; Nhà thờ: 1)"
    assert rows["Giấy chứng nhận QSDĐ"] == "Đã cấp: 1; Đủ điều kiện, chưa cấp: 1"
    assert rows["Đề nghị thỉnh sư"] == "tiếp nhận 1, chấp thuận 1, không chấp thuận 1"
    assert rows["Lễ hội, sự kiện trong kỳ"] == "2, trong đó không đăng ký 1"
    assert rows["Báo cáo đang theo dõi cuối kỳ theo mức rủi ro"] == "Thấp: 0; Trung bình: 2; Cao: 1"
    assert rows["Điểm nóng tiềm ẩn cuối kỳ"] == "2"


def test_a_quiet_quarter_is_ok(ward_a, quarter):
    figures = services.quarterly_figures(ward_a.ward, *quarter)
    assert figures.status == "ok"
    assert figures.data["watch_reports"]["open_total"] == 0


def test_the_section_is_registered_for_the_religion_area_only():
    section = next(s for s in all_sections() if s.key == "religion")
    assert section.area == "religion"
    assert section.figures is services.quarterly_figures


def test_figures_are_json_serialisable(known_quarter, quarter):
    import json

    json.dumps(services.quarterly_figures(known_quarter.ward, *quarter).data)
    assert Establishment.objects.filter(ward=known_quarter.ward).count() == 4
