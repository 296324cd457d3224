"""Test data helpers shared by the models_khoe tests and others."""

from datetime import date
from decimal import Decimal

from models_khoe.models import Field, Kind

YEAR = 2024


def registration(unit, bloc, name="Dân vận khéo trong giải phóng mặt bằng đường Hoàng Văn Thụ", **extra):
    data = {
        "year": YEAR,
        "kind": Kind.COLLECTIVE,
        "unit": unit,
        "responsible_name": "Lê Văn Chính",
        "responsible_position": "Chủ tịch UBND phường",
        "name": name,
        "field": Field.ECONOMY,
        "bloc": bloc,
        "situation": "Còn 12 hộ chưa đồng thuận bàn giao mặt bằng.",
        "objectives": "100% hộ bàn giao mặt bằng đúng hạn.",
        "content_methods": "Tổ công tác gặp từng hộ, đối thoại công khai phương án bồi thường.",
        "scope_beneficiaries": "Tổ dân phố số 2 và số 3; 12 hộ dân.",
        "lead_force": "UBND phường",
        "coordinating_forces": "Ủy ban MTTQ phường, Hội CCB",
        "participating_forces": "Tổ dân vận cộng đồng",
        "resources": "Kinh phí hỗ trợ của phường",
        "starts_on": date(YEAR, 3, 1),
        "milestones": "30/6: 6 hộ; 30/9: 12 hộ",
        "evaluation_on": date(YEAR, 9, 30),
        "outputs": "Biên bản bàn giao mặt bằng của 12 hộ.",
        "sustainability": "Áp dụng cách làm cho các dự án tiếp theo.",
    }
    data.update(extra)
    return data


def indicator(name="Số hộ bàn giao mặt bằng", baseline="0", target="12", **extra):
    row = {"name": name, "unit_of_measure": "hộ", "baseline": Decimal(baseline), "target": Decimal(target),
           "direction": "increase", "method": "Đếm biên bản bàn giao có chữ ký của hộ dân."}
    row.update(extra)
    return row


def full_points(bloc, share=Decimal("1")):
    return {c.pk: (c.max_points * share).quantize(Decimal("0.1")) for c in bloc.criteria.filter(is_active=True)}
