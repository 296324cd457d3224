"""Believable demo records of the community groups of a ward (idempotent: nothing if the ward has some)."""

from datetime import timedelta

from django.db import transaction

from core import periods

from .models import (
    Activity,
    ActivityKind,
    ClassificationCriteria,
    CommunityGroup,
    GroupMember,
    Household,
    InterFamilyGroup,
    MemberRole,
    ReportStatus,
    SituationReport,
    ZaloGroup,
    household_key,
)
from .services import classify_groups
from .wardunits import ward_steering_committee

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Thân", "Giáp"]
MIDDLE_MEN = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân"]
MIDDLE_WOMEN = ["Thị", "Thu", "Thanh", "Ngọc", "Minh"]
GIVEN_MEN = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng",
             "Toàn", "Tuấn", "Việt"]
GIVEN_WOMEN = ["Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Liên", "Mai", "Nga", "Oanh", "Phương",
               "Thảo", "Trang", "Yến"]
STREETS = ["Xương Giang", "Lê Lợi", "Hoàng Văn Thụ", "Nguyễn Văn Cừ", "Thân Nhân Trung", "Ngô Gia Tự",
           "Trần Nguyên Hãn", "Giáp Hải"]
PLACES = ["Nhà văn hóa tổ dân phố", "Sân nhà văn hóa", "Đầu ngõ {lane}", "Ngõ {lane} đường {street}"]
CLEANED = [
    "Quét dọn đường ngõ, nhặt rác thải, phát quang bụi rậm hai bên ngõ {lane}.",
    "Khơi thông cống rãnh thoát nước, thu gom {bags} bao rác thải sinh hoạt.",
    "Tổng vệ sinh khuôn viên nhà văn hóa, cắt tỉa cây xanh, xóa quảng cáo rao vặt trái phép.",
    "Vệ sinh tuyến đường {street}, thu gom phế thải xây dựng, trồng thêm hoa dọc ngõ {lane}.",
]
PROPAGANDA = [
    ("online_fraud", "Cảnh báo thủ đoạn giả danh công an gọi điện, yêu cầu chuyển tiền"),
    ("online_fraud", "Nhận diện tin nhắn giả mạo ngân hàng, đường link lạ trên Zalo"),
    ("law", "Phổ biến Luật Thực hiện dân chủ ở cơ sở năm 2022"),
    ("security", "Phòng cháy, chữa cháy tại hộ gia đình kinh doanh"),
    ("environment", "Phân loại rác thải tại nguồn"),
]
SELF_MANAGEMENT = [
    "Họp tổ liên gia phát động phong trào tự quản về an ninh trật tự",
    "Ra quân dọn vệ sinh, lắp đèn chiếu sáng ngõ xóm",
    "Tuần tra tự quản khu dân cư dịp cuối năm",
]
REPORTS = [
    ("fraud", "soon", "Nhiều hộ nhận cuộc gọi giả danh cán bộ thuế", "Trong tuần có 5 hộ ở ngõ {lane} nhận cuộc gọi "
     "giả danh cán bộ thuế yêu cầu cài ứng dụng để cập nhật thông tin; chưa có hộ nào bị mất tiền."),
    ("public_opinion", "normal", "Nhân dân phản ánh đèn chiếu sáng ngõ {lane} hỏng", "Đèn chiếu sáng công cộng ở "
     "ngõ {lane} hỏng đã hai tuần, người dân đi lại buổi tối khó khăn, đề nghị phường cho sửa."),
    ("environment", "normal", "Đổ trộm phế thải xây dựng cuối ngõ {lane}", "Có người đổ trộm phế thải xây dựng vào ban "
     "đêm ở bãi đất trống cuối ngõ {lane}; tổ đã nhắc nhở và thu dọn một phần."),
    ("security_order", "urgent", "Nhóm thanh niên tụ tập, đua xe đêm cuối tuần", "Khoảng 23 giờ các tối thứ Bảy có "
     "nhóm thanh niên tụ tập, nẹt pô trên đường {street}; đề nghị Công an phường tăng cường tuần tra."),
    ("religious_activity", "soon", "Nhóm sinh hoạt dưỡng sinh có dấu hiệu truyền đạo", "Một nhóm khoảng 10 người tập "
     "dưỡng sinh buổi sáng tại sân nhà văn hóa, có người phát tài liệu lạ; tổ đang tiếp tục nắm tình hình."),
]


def _name(rng, woman=None):
    woman = rng.random() < 0.5 if woman is None else woman
    middle = rng.choice(MIDDLE_WOMEN if woman else MIDDLE_MEN)
    given = rng.choice(GIVEN_WOMEN if woman else GIVEN_MEN)
    return f"{rng.choice(FAMILY)} {middle} {given}"


def _phone(rng):
    return "0" + rng.choice(["98", "97", "91", "88", "36", "34"]) + "".join(str(rng.randrange(10)) for _ in range(7))


@transaction.atomic
def load_demo(ward_units: dict, rng):
    """Groups, members, inter-family groups, households, Zalo, activities, reports and classification."""
    ward = ward_units["dang-uy"]
    if CommunityGroup.objects.filter(residential_group__ward=ward).exists():
        return
    now = periods.today()
    last_sunday = now - timedelta(days=(now.weekday() - 6) % 7)
    bloc = ward_units.get("khoi-dan-van")
    groups = []
    keys = sorted((key for key in ward_units if key.startswith("tdp-")), key=lambda k: int(k.split("-")[1]))
    for number, key in enumerate(keys, start=1):
        unit = ward_units[key]
        street = STREETS[(number - 1) % len(STREETS)]
        group = CommunityGroup.objects.create(residential_group=unit, established_on=now.replace(year=now.year - 3,
                                                                                                 month=4, day=12))
        groups.append(group)
        roles = [MemberRole.GROUP_HEAD, MemberRole.CELL_SECRETARY, MemberRole.RESIDENTIAL_HEAD,
                 MemberRole.FRONT_HEAD, MemberRole.YOUTH, MemberRole.WOMEN, MemberRole.VETERANS, MemberRole.POLICE]
        for order, role in enumerate(roles, start=1):
            GroupMember.objects.create(group=group, role=role, order=order, phone=_phone(rng),
                                       full_name=_name(rng, woman=True if role == MemberRole.WOMEN else None))
        interfamily = []
        for index in range(1, rng.randint(4, 6) + 1):
            lane = 10 + index * 4 + number
            ifg = InterFamilyGroup.objects.create(
                group=group, name=f"Tổ liên gia số {index}", order=index, leader_name=_name(rng),
                leader_phone=_phone(rng), area=f"Ngõ {lane} đường {street}")
            interfamily.append((ifg, lane))
        households = []
        coverage_target = [0.96, 1.0, 0.98, 0.9][(number - 1) % 4]
        for ifg, lane in interfamily:
            for house in range(1, rng.randint(14, 24) + 1):
                covered = rng.random() < coverage_target
                head = _name(rng)
                address = f"Số {house * 2} ngõ {lane} đường {street}"
                household = Household(
                    group=group, inter_family_group=ifg if covered else None, address=address, head_name=head,
                    members_count=rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5, 6]),
                    zalo_joined=covered and rng.random() < 0.8,
                )
                household.dedup_key = household_key(address, head)
                household.search_text = household.build_search_text()
                households.append(household)
        Household.objects.bulk_create(households)
        for ifg, _lane in interfamily:
            joined = sum(1 for h in households if h.inter_family_group_id == ifg.pk and h.zalo_joined)
            ZaloGroup.objects.create(inter_family_group=ifg, name=f"Zalo {ifg.name} – {unit.short_name or unit.name}",
                                     admin_name=ifg.leader_name, members_count=joined + rng.randint(3, 12),
                                     created_on=now - timedelta(days=rng.randint(200, 700)))
        # Green Sunday every Sunday of the year so far, most held; the last group is the one that slips.
        regularity = [0.93, 0.97, 0.8, 0.55][(number - 1) % 4]
        for week in range((last_sunday - now.replace(month=1, day=1)).days // 7 + 1):
            day = last_sunday - timedelta(days=7 * week)
            if rng.random() > regularity:
                continue
            lane = rng.choice(interfamily)[1]
            Activity.objects.create(
                group=group, kind=ActivityKind.GREEN_SUNDAY, held_on=day,
                place=rng.choice(PLACES).format(lane=lane, street=street),
                participants=rng.randint(15, 45), households_count=rng.randint(10, 35),
                content=rng.choice(CLEANED).format(lane=lane, street=street, bags=rng.randint(5, 20)))
        for index, (topic, title) in enumerate(rng.sample(PROPAGANDA, 3)):
            Activity.objects.create(
                group=group, kind=ActivityKind.PROPAGANDA, topic=topic, title=title,
                held_on=now - timedelta(days=10 + index * 25 + rng.randint(0, 5)),
                place="Nhà văn hóa tổ dân phố", participants=rng.randint(30, 70), reach=rng.randint(80, 260),
                content="Tuyên truyền trực tiếp tại hội nghị và chia sẻ trên nhóm Zalo các tổ liên gia.")
        Activity.objects.create(
            group=group, kind=ActivityKind.SELF_MANAGEMENT, title=rng.choice(SELF_MANAGEMENT),
            held_on=now - timedelta(days=rng.randint(5, 60)), place="Địa bàn tổ dân phố",
            participants=rng.randint(10, 30), households_count=rng.randint(10, 40))
        for index, (topic, urgency, title, text) in enumerate(rng.sample(REPORTS, 3 if number <= 2 else 2)):
            lane = rng.choice(interfamily)[1]
            report = SituationReport.objects.create(
                group=group, reported_on=now - timedelta(days=3 + index * 17), topic=topic, urgency=urgency,
                title=title.format(lane=lane, street=street), description=text.format(lane=lane, street=street),
                place=f"Ngõ {lane} đường {street}")
            if index > 0:
                report.status = ReportStatus.ANSWERED
                report.answer = ("Đảng ủy đã giao UBND phường chỉ đạo bộ phận chuyên môn và Công an phường kiểm tra, "
                                 "xử lý; đề nghị Tổ tiếp tục nắm tình hình, báo cáo kết quả.")
                report.save()
    committee = ward_steering_committee(ward)
    if committee is not None and bloc is not None:
        criteria, _created = ClassificationCriteria.objects.get_or_create(
            steering_committee=committee, year=now.year,
            defaults={"good_reports": 3, "good_activities": 4, "fair_reports": 2, "fair_activities": 3,
                      "average_reports": 1, "average_activities": 1,
                      "note": "Ngưỡng do Ban chỉ đạo Tổ dân vận cộng đồng phường đặt (dữ liệu mẫu)."})
        classify_groups(groups, now.year, criteria, on=now)
