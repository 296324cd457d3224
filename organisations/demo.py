"""A demo city with two wards, named after the units the 2024 plan speaks of."""

from django.db import transaction

from .models import Person, Role, SteeringArea, Unit, UnitKind, User

# (key, kind, name, short name, aliases, steering area) of the units a ward has. The keys are what the
# shipped plan data names as lead and supporting units; a unit's code is "<ward code>-<key>".
WARD_UNITS = [
    ("dang-uy", None, "Đảng ủy phường", "ĐU", ["Đảng ủy", "Thường trực Đảng ủy", "Ban Thường vụ Đảng ủy"], ""),
    ("khoi-dan-van", UnitKind.MOBILIZATION_BLOC, "Khối Dân vận Đảng ủy", "Khối DV", ["Khối Dân vận"], ""),
    ("ubnd", UnitKind.PEOPLES_COMMITTEE, "UBND phường", "UBND", ["Ủy ban nhân dân phường", "UBND", "chính quyền"], ""),
    ("mttq", UnitKind.FATHERLAND_FRONT, "Ủy ban MTTQ phường", "MTTQ", ["Ủy ban MTTQ", "Mặt trận Tổ quốc", "MTTQ"], ""),
    ("doan-tn", UnitKind.MASS_ORGANISATION, "Đoàn TNCS Hồ Chí Minh phường", "Đoàn TN", ["Đoàn Thanh niên"], ""),
    ("hoi-pn", UnitKind.MASS_ORGANISATION, "Hội Liên hiệp Phụ nữ phường", "Hội PN", ["Hội Phụ nữ", "Hội LHPN"], ""),
    ("hoi-ccb", UnitKind.MASS_ORGANISATION, "Hội Cựu chiến binh phường", "Hội CCB", ["Hội CCB"], ""),
    ("cong-doan", UnitKind.MASS_ORGANISATION, "Công đoàn cơ sở phường", "Công đoàn", ["Công đoàn"], ""),
    ("hoi-nct", UnitKind.OTHER, "Hội Người cao tuổi phường", "Hội NCT", ["Hội NCT"], ""),
    ("cong-an", UnitKind.ARMED_FORCES, "Công an phường", "CA", ["Công an"], ""),
    ("quan-su", UnitKind.ARMED_FORCES, "Ban Chỉ huy Quân sự phường", "BCHQS", ["Quân sự"], ""),
    ("bcd-qcdc", UnitKind.STEERING_COMMITTEE, "Ban chỉ đạo thực hiện Quy chế dân chủ phường", "BCĐ QCDC",
     ["Ban chỉ đạo Quy chế dân chủ", "BCĐ QCDC", "BCD QCDC"], SteeringArea.DEMOCRACY),
    ("bcd-ton-giao", UnitKind.STEERING_COMMITTEE, "Ban chỉ đạo công tác tôn giáo phường", "BCĐ tôn giáo",
     ["Ban chỉ đạo công tác tôn giáo", "BCĐ tôn giáo"], SteeringArea.RELIGION),
    ("bcd-tdvcd", UnitKind.STEERING_COMMITTEE, "Ban chỉ đạo Tổ dân vận cộng đồng phường", "BCĐ TDVCĐ",
     ["Ban chỉ đạo Tổ dân vận cộng đồng", "Ban Chỉ đạo hoạt động Tổ dân vận cộng đồng"], SteeringArea.COMMUNITY_GROUPS),
    ("cb-co-quan", UnitKind.PARTY_CELL, "Chi bộ Cơ quan phường", "CB Cơ quan", [], ""),
]
RESIDENTIAL_GROUPS = 4


def _unit(code, **fields):
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        unit = Unit(code=code)
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.save()
    return unit


@transaction.atomic
def create_ward(city, code, name, residential_groups=RESIDENTIAL_GROUPS):
    """Create (or update) a ward with the units the plan names; returns {key: Unit}."""
    ward = _unit(code, parent=city, kind=UnitKind.WARD, name=f"Đảng ủy {name}", short_name="Đảng ủy",
                 aliases=["Đảng ủy", "Đảng ủy phường"], order=0)
    units = {"dang-uy": ward}
    for order, (key, kind, unit_name, short, aliases, area) in enumerate(WARD_UNITS[1:], start=1):
        units[key] = _unit(f"{code}-{key}", parent=ward, kind=kind, name=unit_name, short_name=short,
                           aliases=aliases, steering_area=area, order=order)
    for number in range(1, residential_groups + 1):
        units[f"tdp-{number}"] = _unit(
            f"{code}-tdp-{number}", parent=ward, kind=UnitKind.RESIDENTIAL_GROUP, name=f"Tổ dân phố số {number}",
            short_name=f"TDP {number}", aliases=[f"TDP số {number}"], order=100 + number,
        )
        units[f"cb-tdp-{number}"] = _unit(
            f"{code}-cb-tdp-{number}", parent=ward, kind=UnitKind.PARTY_CELL, name=f"Chi bộ Tổ dân phố số {number}",
            short_name=f"CB TDP {number}", aliases=[], order=200 + number,
        )
    return units


def ensure_person(unit, full_name, position, **fields):
    person, _created = Person.objects.update_or_create(
        unit=unit, full_name=full_name, defaults={"position": position, **fields}
    )
    return person


def ensure_user(username, password, unit, role, first_name="", last_name="", is_superuser=False, person=None):
    user = User.objects.filter(username=username).first() or User(username=username)
    user.unit = unit
    user.role = role
    user.first_name = first_name
    user.last_name = last_name
    user.is_superuser = is_superuser
    user.is_staff = is_superuser
    user.person = person
    user.email = f"{username}@example.invalid"
    user.set_password(password)
    user.save()
    return user


DEMO_PASSWORD = "DanVan@2024"

# username, unit key (None = the city), role, display name, what they do
DEMO_LOGINS = [
    ("quantri", "dang-uy", Role.ADMIN, "Quản trị hệ thống", "quản trị toàn hệ thống"),
    ("thuongvu", "dang-uy", Role.STANDING, "Nguyễn Văn Thường", "Ban Thường vụ: xem toàn phường, phê duyệt"),
    ("khoidanvan", "khoi-dan-van", Role.BLOC, "Trần Thị Dân", "Khối Dân vận: điều phối kế hoạch"),
    ("canbo.ubnd", "ubnd", Role.OFFICER, "Lê Văn Chính", "cán bộ UBND phường"),
    ("canbo.mttq", "mttq", Role.OFFICER, "Phạm Thị Mặt", "cán bộ Ủy ban MTTQ phường"),
    ("bcd.tongiao", "bcd-ton-giao", Role.STEERING, "Hoàng Văn Giáo", "thành viên BCĐ công tác tôn giáo"),
    ("bcd.tdvcd", "bcd-tdvcd", Role.STEERING, "Cao Thị Vận", "thành viên BCĐ Tổ dân vận cộng đồng"),
    ("totruong.tdp1", "tdp-1", Role.GROUP_LEADER, "Vũ Thị Tổ", "Tổ trưởng Tổ dân vận TDP số 1"),
    ("thanhpho", None, Role.CITY_VIEWER, "Đặng Văn Phố", "lãnh đạo thành phố: xem các phường"),
    ("quantri.tinh", None, Role.PROVINCE_ADMIN, "Lý Thị Tỉnh", "quản trị tỉnh: tạo xã, phường, đơn vị, cán bộ"),
    ("quantri.phuong", "dang-uy", Role.COMMUNE_ADMIN, "Mai Văn Phường", "quản trị phường: đơn vị, cán bộ của phường"),
]

