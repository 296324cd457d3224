"""What every step of the movement shares: the bloc and rubric defaults, the registration's fields, the ward's name."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied

from organisations.models import UnitKind

TWO_PLACES = Decimal("0.01")

# The bloc's defaults: an editable starting point, after the recognition criteria the movement uses (practical
# results endorsed by residents, a pressing task solved, many forces mobilised, sustainable and able to spread).
DEFAULT_BLOCS = [
    ("Khối Đảng, Mặt trận và đoàn thể",
     "Chi bộ, Ủy ban MTTQ, Đoàn Thanh niên, Hội Phụ nữ, Hội Cựu chiến binh, Hội Người cao tuổi, Công đoàn",
     (UnitKind.PARTY_CELL, UnitKind.FATHERLAND_FRONT, UnitKind.MASS_ORGANISATION, UnitKind.MOBILIZATION_BLOC,
      UnitKind.STEERING_COMMITTEE, UnitKind.WARD)),
    ("Khối chính quyền và lực lượng vũ trang", "UBND phường, Công an phường, Ban Chỉ huy Quân sự phường",
     (UnitKind.PEOPLES_COMMITTEE, UnitKind.ARMED_FORCES)),
    ("Khối dân cư", "Tổ dân phố, Tổ dân vận cộng đồng, hộ gia đình và cá nhân tiêu biểu",
     (UnitKind.RESIDENTIAL_GROUP, UnitKind.OTHER)),
]
DEFAULT_CRITERIA = [
    ("Giải quyết được nhiệm vụ cấp bách, bức xúc, được nhân dân đồng tình", "20"),
    ("Kết quả thiết thực, đo đếm được so với chỉ tiêu đăng ký", "30"),
    ("Huy động được nhiều lực lượng, nguồn lực tham gia", "15"),
    ("Tính bền vững, khả năng duy trì", "15"),
    ("Khả năng nhân rộng, mức độ tuyên truyền, lan tỏa", "20"),
]
REGISTRATION_FIELDS = [
    "kind", "unit", "responsible_name", "responsible_position", "name", "field", "bloc", "situation", "objectives",
    "content_methods", "scope_beneficiaries", "lead_force", "coordinating_forces", "participating_forces",
    "resources", "starts_on", "milestones", "evaluation_on", "outputs", "sustainability",
]
INDICATOR_FIELDS = ["name", "unit_of_measure", "baseline", "target", "direction", "method"]


def ward_label(ward):
    """The ward as residents name it ("phường Hòa Bình"), from its Party Committee's name."""
    name = ward.name
    prefix = "Đảng ủy "
    return name[len(prefix):] if name.startswith(prefix) else name


def _refuse(message):
    raise PermissionDenied(message)
