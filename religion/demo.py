"""Demo records of the religion area for a ward: establishments, works, thỉnh sư, events, watch reports,
key persons. Places, works and activities only: nothing about what residents believe, no attendee lists."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from core import periods

from . import services
from .models import (
    ActivityKind,
    CertificateStatus,
    ConstructionWork,
    Establishment,
    EstablishmentKind,
    EventKind,
    EventRegistration,
    HeritageRank,
    Inspection,
    InspectionResult,
    InvitationStatus,
    KeyPerson,
    KeyPersonRole,
    MonkInvitationRequest,
    PermitState,
    Religion,
    ReligiousEvent,
    RetentionSetting,
    RiskLevel,
    SourceKind,
    WatchReport,
    WorkKind,
)

VILLAGES = ["Thọ Xương", "Đa Mai", "Dĩnh Kế", "Xương Giang", "Song Mai", "Hòa Yên"]


@transaction.atomic
def load_demo(ward_units, rng):
    """Create the religion demo of one ward; does nothing if the ward already has establishments."""
    ward = ward_units["dang-uy"]
    if Establishment.objects.filter(ward=ward).exists():
        return
    village = rng.choice(VILLAGES)
    now = periods.today()
    tdp = {n: ward_units[f"tdp-{n}"] for n in range(1, 5)}

    def establishment(**fields):
        obj = Establishment.objects.create(ward=ward, **fields)
        services.record_initial_certificate(obj)
        return obj

    pagoda = establishment(
        kind=EstablishmentKind.PAGODA, religion=Religion.BUDDHISM,
        religious_organisation="Giáo hội Phật giáo Việt Nam", name=f"Chùa {village} (Phúc Khánh tự)",
        address=f"Ngõ 12 đường {village}", residential_group=tdp[1], person_in_charge="Đại đức Thích Minh Tuệ",
        head_title="Trụ trì", land_area=Decimal("2150.0"), certificate_status=CertificateStatus.ISSUED,
        certificate_number="CS 04512", certificate_issued_on=now - timedelta(days=2200),
        heritage_rank=HeritageRank.PROVINCIAL, heritage_decision="QĐ 1245/QĐ-UBND tỉnh Bắc Giang",
    )
    small_pagoda = establishment(
        kind=EstablishmentKind.PAGODA, religion=Religion.BUDDHISM,
        religious_organisation="Giáo hội Phật giáo Việt Nam", name=f"Chùa Am {village}",
        address=f"Số 48 phố {village}", residential_group=tdp[2], person_in_charge="Sư cô Thích Đàm Hạnh",
        head_title="Trụ trì", land_area=Decimal("640.5"), certificate_status=CertificateStatus.ELIGIBLE,
    )
    church = establishment(
        kind=EstablishmentKind.CHURCH, religion=Religion.CATHOLICISM,
        religious_organisation="Giáo phận Bắc Ninh", name=f"Nhà thờ giáo họ {village}",
        address=f"Số 7 đường Giáp Hải, {village}", residential_group=tdp[3],
        person_in_charge="Linh mục Giuse Nguyễn Văn Thành", head_title="Linh mục quản nhiệm",
        land_area=Decimal("1320.0"), certificate_status=CertificateStatus.ELIGIBLE,
    )
    communal_house = establishment(
        kind=EstablishmentKind.COMMUNAL_HOUSE, religion=Religion.FOLK_BELIEF, name=f"Đình {village}",
        address=f"Khu dân cư {village}", residential_group=tdp[1], person_in_charge="Ban quản lý di tích đình",
        head_title="Trưởng ban quản lý", land_area=Decimal("1870.0"), certificate_status=CertificateStatus.REQUESTED,
        heritage_rank=HeritageRank.PROVINCIAL, heritage_decision="QĐ 389/QĐ-UBND tỉnh Bắc Giang",
    )
    establishment(
        kind=EstablishmentKind.TEMPLE, religion=Religion.FOLK_BELIEF, name="Đền Thánh Mẫu",
        address="Bờ sông Thương, cuối phố Ngô Gia Tự", residential_group=tdp[4], person_in_charge="Thủ nhang đền",
        head_title="Thủ nhang", land_area=Decimal("420.0"), certificate_status=CertificateStatus.INELIGIBLE,
        notes="Một phần khuôn viên nằm trong hành lang bảo vệ đê; chưa đủ điều kiện cấp giấy chứng nhận.",
    )
    establishment(
        kind=EstablishmentKind.SHRINE, religion=Religion.FOLK_BELIEF, name="Miếu Cô",
        address=f"Đầu ngõ 30 phố {village}", residential_group=tdp[2], person_in_charge="Tổ dân phố số 2 trông coi",
        land_area=Decimal("35.0"), certificate_status=CertificateStatus.ELIGIBLE,
    )
    establishment(
        kind=EstablishmentKind.CLAN_HALL, religion=Religion.ANCESTOR_WORSHIP,
        name="Nhà thờ họ Nguyễn Đình", address=f"Ngõ 5 phố {village}", residential_group=tdp[3],
        person_in_charge="Trưởng họ Nguyễn Đình", head_title="Trưởng họ", land_area=Decimal("180.0"),
        certificate_status=CertificateStatus.ISSUED, certificate_number="CH 11873",
    )

    # Certificates: the communal house's request moves on; the church's file has been filed.
    services.change_certificate_status(
        communal_house, status=CertificateStatus.REQUESTED, on=now - timedelta(days=75),
        note="Phòng Tài nguyên và Môi trường thành phố đang thẩm định hồ sơ, đã đo đạc thực địa.",
    )
    services.change_certificate_status(
        church, status=CertificateStatus.REQUESTED, on=now - timedelta(days=40),
        note="UBND phường đã xác nhận nguồn gốc đất, chuyển hồ sơ lên thành phố.",
    )

    # Thỉnh sư: an earlier approved request used for the main pagoda's abbot; a pending one for the small pagoda;
    # and a head change at the small pagoda that nobody approved (the demo's flag).
    approved = MonkInvitationRequest.objects.create(
        ward=ward, establishment=pagoda, monk_name="Đại đức Thích Minh Tuệ", monk_origin="Chùa Vĩnh Nghiêm, Yên Dũng",
        proposed_role="Trụ trì", requested_by="Ban Trị sự GHPGVN thành phố Bắc Giang",
        submitted_on=now - timedelta(days=420), reason="Trụ trì cũ viên tịch; Ban hộ tự và tăng ni đề nghị.",
    )
    services.transition_invitation(approved, InvitationStatus.UNDER_REVIEW, on=now - timedelta(days=410),
                                   note="Đã xác minh lý lịch, ý kiến Ban hộ tự.")
    approved = services.transition_invitation(approved, InvitationStatus.APPROVED, on=now - timedelta(days=395),
                                   decision_number="85/UBND-VX", note="Đồng ý theo đề nghị của Ban Trị sự.")
    pagoda.person_in_charge = "Thượng tọa Thích Thanh Quang"
    pagoda.save()
    services.record_head_change(pagoda, new_head="Đại đức Thích Minh Tuệ", head_title="Trụ trì",
                                changed_on=now - timedelta(days=380), invitation=approved)
    services.record_head_change(
        small_pagoda, new_head="Đại đức Thích Quảng Pháp", head_title="Trụ trì", changed_on=now - timedelta(days=20),
        note="Tổ dân phố số 2 báo: một số hộ tự đón sư từ nơi khác về, chưa có đề nghị gửi phường.",
    )
    pending = MonkInvitationRequest.objects.create(
        ward=ward, establishment=small_pagoda, monk_name="Đại đức Thích Quảng Pháp", monk_origin="Chùa Bổ Đà, Việt Yên",
        proposed_role="Trụ trì", requested_by="Ban hộ tự chùa Am", submitted_on=now - timedelta(days=12),
        reason="Hợp thức hóa việc thỉnh sư sau khi phường làm việc với Ban hộ tự.",
    )
    services.transition_invitation(pending, InvitationStatus.UNDER_REVIEW, on=now - timedelta(days=8),
                                   note="Đề nghị Ban Trị sự thành phố có ý kiến bằng văn bản.")

    # Works: one under way with a permit, one started without, one planned, one finished and inspected.
    gate = ConstructionWork.objects.create(
        ward=ward, establishment=pagoda, residential_group=tdp[1], title="Tu bổ tam quan", work_kind=WorkKind.REPAIR,
        description="Thay ngói, gia cố cột gỗ, giữ nguyên kiến trúc cũ.", investor="Ban hộ tự chùa",
        permit_state=PermitState.GRANTED, permit_number="12/GPXD", permit_issued_on=now - timedelta(days=70),
        planned_start=now - timedelta(days=60), planned_end=now + timedelta(days=60),
        started_on=now - timedelta(days=55),
    )
    Inspection.objects.create(work=gate, inspected_on=now - timedelta(days=20),
                              inspectors="Tổ kiểm tra UBND phường (địa chính – xây dựng)",
                              result=InspectionResult.COMPLIANT, findings="Thi công đúng giấy phép.")
    kitchen = ConstructionWork.objects.create(
        ward=ward, establishment=small_pagoda, residential_group=tdp[2], title="Xây nhà tổ, nhà bếp",
        work_kind=WorkKind.NEW_BUILD, description="Nhà một tầng khoảng 60 m².", investor="Ban hộ tự chùa Am",
        permit_state=PermitState.APPLIED, started_on=now - timedelta(days=15),
    )
    Inspection.objects.create(
        work=kitchen, inspected_on=now - timedelta(days=6), inspectors="Tổ kiểm tra UBND phường",
        result=InspectionResult.TO_FIX, findings="Đã đổ móng khi chưa có giấy phép.",
        measures="Tạm dừng thi công đến khi được cấp phép.", fix_due_on=now + timedelta(days=10),
    )
    ConstructionWork.objects.create(
        ward=ward, establishment=communal_house, residential_group=tdp[1], title="Chống dột mái đình",
        work_kind=WorkKind.REPAIR, investor="Ban quản lý di tích đình", permit_state=PermitState.NOT_APPLIED,
        planned_start=now + timedelta(days=45), planned_end=now + timedelta(days=90),
    )
    ConstructionWork.objects.create(
        ward=ward, establishment=church, residential_group=tdp[3], title="Sơn lại mặt tiền, sửa hàng rào",
        work_kind=WorkKind.REPAIR, permit_state=PermitState.NOT_REQUIRED,
        started_on=now - timedelta(days=160), finished_on=now - timedelta(days=120),
    )

    # Festivals and events registered with the ward.
    ReligiousEvent.objects.create(
        ward=ward, establishment=communal_house, residential_group=tdp[1], name=f"Lễ hội đình {village}",
        event_kind=EventKind.FESTIVAL, starts_on=now + timedelta(days=18), ends_on=now + timedelta(days=20),
        location="Sân đình và khu vực lân cận", organiser="Ban quản lý di tích đình", expected_attendance=1500,
        registration=EventRegistration.ACCEPTED, registered_on=now - timedelta(days=10),
    )
    ReligiousEvent.objects.create(
        ward=ward, establishment=pagoda, residential_group=tdp[1], name="Đại lễ Phật đản",
        event_kind=EventKind.CEREMONY, starts_on=now - timedelta(days=35), ends_on=now - timedelta(days=35),
        organiser="Ban hộ tự chùa", expected_attendance=600, registration=EventRegistration.REGISTERED,
        registered_on=now - timedelta(days=50), outcome="Diễn ra an toàn, đúng nội dung đã đăng ký.",
    )
    ReligiousEvent.objects.create(
        ward=ward, establishment=church, residential_group=tdp[3], name="Khóa tĩnh tâm mùa Vọng",
        event_kind=EventKind.RETREAT, starts_on=now + timedelta(days=5), ends_on=now + timedelta(days=7),
        organiser="Giáo họ", expected_attendance=200, registration=EventRegistration.REGISTERED,
        registered_on=now - timedelta(days=3),
    )

    # Watch reports: activities and places, never who attends.
    exercise = WatchReport.objects.create(
        ward=ward, residential_group=tdp[2], location="Sân nhà văn hóa tổ dân phố số 2",
        observed_on=now - timedelta(days=30), activity_kind=ActivityKind.HEALTH_EXERCISE,
        description="Nhóm tập dưỡng sinh buổi sáng, sau buổi tập có người ngoài địa bàn đến giảng giải tài liệu "
                    "có nội dung tôn giáo lạ, phát tờ rơi.",
        estimated_size=15, source_kind=SourceKind.COMMUNITY_GROUP,
        source_detail="Báo cáo tình hình tháng của Tổ dân vận cộng đồng TDP số 2", risk_level=RiskLevel.MEDIUM,
        measures="Tổ dân vận cộng đồng nhắc nhở; Công an phường nắm tình hình.",
    )
    services.add_follow_up(exercise, followed_on=now - timedelta(days=16),
                           action_taken="Làm việc với người phụ trách nhà văn hóa: không cho sử dụng để giảng đạo.",
                           risk_level=RiskLevel.MEDIUM)
    WatchReport.objects.create(
        ward=ward, residential_group=tdp[2], location="Một nhà riêng cuối ngõ 30",
        observed_on=now - timedelta(days=9), activity_kind=ActivityKind.PROSELYTISING,
        description="Tổ chức sinh hoạt tại gia vào tối thứ Bảy, hứa hẹn hỗ trợ tiền, chữa bệnh để lôi kéo theo đạo.",
        estimated_size=10, source_kind=SourceKind.RESIDENTIAL_GROUP, source_detail="Tổ trưởng liên gia số 5",
        risk_level=RiskLevel.HIGH, measures="Báo cáo Công an phường; Tổ dân vận tuyên truyền các hộ lân cận.",
    )
    WatchReport.objects.create(
        ward=ward, residential_group=tdp[4], location="Phòng khám tư trên phố Ngô Gia Tự",
        observed_on=now - timedelta(days=22), activity_kind=ActivityKind.COUNSELLING,
        description="Buổi “tư vấn chăm sóc sức khỏe miễn phí” lồng ghép nội dung cầu nguyện chữa bệnh.",
        source_kind=SourceKind.POLICE, risk_level=RiskLevel.LOW, measures="Theo dõi, nhắc nhở chủ cơ sở.",
    )
    closed = WatchReport.objects.create(
        ward=ward, residential_group=tdp[3], location="Bãi đất trống ven sông",
        observed_on=now - timedelta(days=140), activity_kind=ActivityKind.UNAUTHORISED_GROUP,
        description="Một nhóm tụ tập làm lễ ngoài trời không đăng ký.", source_kind=SourceKind.KEY_PERSON,
        risk_level=RiskLevel.MEDIUM, measures="Vận động giải tán, hướng dẫn sinh hoạt tại cơ sở hợp pháp.",
    )
    services.add_follow_up(closed, followed_on=now - timedelta(days=100),
                           action_taken="Nhóm đã chấm dứt, không tái diễn sau ba tháng theo dõi.",
                           risk_level=RiskLevel.LOW, close=True, outcome="Ổn định; kết thúc theo dõi.")

    # Key persons (cốt cán) who help inform and persuade.
    for full_name, title, religion, role, est, group, phone, liaison in [
        ("Thích Minh Tuệ", "Đại đức", Religion.BUDDHISM, KeyPersonRole.DIGNITARY, pagoda, tdp[1], "0912 345 601",
         "mttq"),
        ("Nguyễn Văn Thành", "Linh mục", Religion.CATHOLICISM, KeyPersonRole.DIGNITARY, church, tdp[3], "0983 220 145",
         "mttq"),
        ("Trần Văn Lộc", "Trùm họ đạo", Religion.CATHOLICISM, KeyPersonRole.OFFICIAL, church, tdp[3], "0356 781 902",
         "hoi-ccb"),
        ("Ngô Văn Khải", "Trưởng ban quản lý", Religion.FOLK_BELIEF, KeyPersonRole.BELIEF_MANAGER, communal_house,
         tdp[1], "0868 104 337", "hoi-nct"),
    ]:
        KeyPerson.objects.create(
            ward=ward, full_name=full_name, title=title, religion=religion, religious_role=role, establishment=est,
            residential_group=group, phone=phone, liaison_unit=ward_units[liaison],
            liaison_officer="Cán bộ " + ward_units[liaison].short_name,
            helps_with="Nắm tình hình, tuyên truyền chính sách, pháp luật về tín ngưỡng, tôn giáo.",
        )
    RetentionSetting.objects.create(ward=ward, watch_report_retention_days=730)
