from datetime import date

import pytest

from accountability.models import CadreFeedback, FeedbackSource, UnitPlanRound
from accountability.services import sync_round_units
from organisations.demo import ensure_person, ensure_user
from organisations.models import Role
from tests.support.accounts import PASSWORD


@pytest.fixture
def round_a(ward_a):
    """The seed's call: units' own plans before 10/3/2024, for UBND, MTTQ and the Women's Union."""
    plan_round = UnitPlanRound.objects.create(ward=ward_a.ward, title="Kế hoạch thực hiện năm 2024 của các đơn vị",
                                              opened_on=date(2024, 2, 20), deadline=date(2024, 3, 10))
    sync_round_units(plan_round, [ward_a.unit("ubnd"), ward_a.unit("mttq"), ward_a.unit("hoi-pn")])
    return plan_round


@pytest.fixture
def ubnd_head(ward_a):
    """The chairman of ward A's People's Committee, with a login tied to his cadre record."""
    person = ensure_person(ward_a.unit("ubnd"), "Lê Văn Chính", "Chủ tịch UBND phường", is_unit_head=True)
    return ensure_user("phuong-a.chutich", PASSWORD, ward_a.unit("ubnd"), Role.OFFICER, person=person)


@pytest.fixture
def mttq_head(ward_a):
    person = ensure_person(ward_a.unit("mttq"), "Phạm Thị Mặt", "Chủ tịch Ủy ban MTTQ phường", is_unit_head=True)
    return ensure_user("phuong-a.ctmttq", PASSWORD, ward_a.unit("mttq"), Role.OFFICER, person=person)


@pytest.fixture
def cadre_a(ward_a):
    return ensure_person(ward_a.unit("ubnd"), "Hoàng Minh Đức", "Công chức Văn phòng – Thống kê")


@pytest.fixture
def feedback_a(cadre_a):
    return CadreFeedback.objects.create(cadre=cadre_a, received_on=date(2024, 4, 12),
                                        source=FeedbackSource.SATISFACTION,
                                        summary="Thái độ tiếp dân chưa đúng mực tại bộ phận một cửa.")


@pytest.fixture
def feedback_b(ward_b):
    cadre = ensure_person(ward_b.unit("ubnd"), "Lý Văn Tâm", "Công chức Địa chính")
    return CadreFeedback.objects.create(cadre=cadre, received_on=date(2024, 4, 12), source=FeedbackSource.INSPECTION,
                                        summary="Chậm giải quyết hồ sơ đất đai.")
