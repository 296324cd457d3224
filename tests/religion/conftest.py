"""Religion records for a ward: one of every kind, built through the models and services the app uses."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from core import periods
from religion import services
from religion.models import (
    CertificateStep,
    ConstructionWork,
    Establishment,
    EstablishmentKind,
    EventKind,
    HeadChange,
    Inspection,
    InspectionResult,
    KeyPerson,
    KeyPersonRole,
    MonkInvitationRequest,
    PermitState,
    Religion,
    ReligiousEvent,
    RetentionSetting,
    WatchFollowUp,
    WatchReport,
    WorkKind,
)
from tests.support.religion import make_establishment, make_watch_report


@dataclass
class ReligionData:
    ward: object
    objects: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]






def build_religion_data(ward):
    """One record of every model of the app in ``ward`` (the pending thỉnh sư request stays pending)."""
    data = ReligionData(ward.ward)
    pagoda = make_establishment(ward)
    church = make_establishment(ward, "tdp-3", kind=EstablishmentKind.CHURCH, religion=Religion.CATHOLICISM,
                                name="Nhà thờ giáo họ Thọ Xương", person_in_charge="Linh mục Giuse Thành")
    invitation = MonkInvitationRequest.objects.create(
        ward=ward.ward, establishment=pagoda, monk_name="Đại đức Thích Quảng Pháp", requested_by="Ban hộ tự",
        submitted_on=periods.today() - timedelta(days=5),
    )
    work = ConstructionWork.objects.create(
        ward=ward.ward, establishment=pagoda, residential_group=ward.units["tdp-1"], title="Tu bổ tam quan",
        work_kind=WorkKind.REPAIR, permit_state=PermitState.GRANTED, started_on=periods.today() - timedelta(days=9),
    )
    inspection = Inspection.objects.create(work=work, inspected_on=periods.today(), inspectors="Tổ kiểm tra",
                                           result=InspectionResult.COMPLIANT)
    event = ReligiousEvent.objects.create(
        ward=ward.ward, establishment=church, name="Lễ Giáng sinh", event_kind=EventKind.CEREMONY,
        starts_on=periods.today() + timedelta(days=3), ends_on=periods.today() + timedelta(days=3),
    )
    report = make_watch_report(ward)
    follow_up = services.add_follow_up(report, followed_on=periods.today(), action_taken="Đã làm việc.")
    key_person = KeyPerson.objects.create(
        ward=ward.ward, full_name="Trần Văn Lộc", religion=Religion.CATHOLICISM, religious_role=KeyPersonRole.OFFICIAL,
        establishment=church, phone="0356 781 902",
    )
    setting = RetentionSetting.objects.create(ward=ward.ward, watch_report_retention_days=365)
    head_change = services.record_head_change(church, new_head="Linh mục Phêrô An", changed_on=periods.today())
    data.objects.update({
        Establishment: pagoda, "church": church, MonkInvitationRequest: invitation, ConstructionWork: work,
        Inspection: inspection, ReligiousEvent: event, WatchReport: report,
        KeyPerson: key_person, RetentionSetting: setting, HeadChange: head_change, WatchFollowUp: follow_up,
        CertificateStep: pagoda.certificate_steps.get(),
    })
    return data


@pytest.fixture
def religion_a(ward_a):
    return build_religion_data(ward_a)


@pytest.fixture
def religion_b(ward_b):
    return build_religion_data(ward_b)


@pytest.fixture
def quarter():
    return date(2024, 4, 1), date(2024, 6, 30)
