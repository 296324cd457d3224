from datetime import date

import pytest

from democracy.models import Petition, PetitionKind
from organisations.demo import ensure_person, ensure_user
from organisations.models import Role
from tests.support.accounts import PASSWORD


@pytest.fixture
def chairman_a(ward_a):
    person = ensure_person(ward_a.unit("ubnd"), "Lê Văn Chính", "Chủ tịch UBND phường", is_unit_head=True)
    user = ensure_user("phuong-a.chutich", PASSWORD, ward_a.unit("ubnd"), Role.OFFICER, person=person)
    return user


@pytest.fixture
def cadre_a(ward_a):
    return ensure_person(ward_a.unit("ubnd"), "Hoàng Minh Đức", "Công chức Văn phòng – Thống kê")


@pytest.fixture
def cadre_user(ward_a, cadre_a):
    """The cadre a petition is about also has a login in the People's Committee."""
    return ensure_user("phuong-a.duc", PASSWORD, ward_a.unit("ubnd"), Role.OFFICER, person=cadre_a)


@pytest.fixture
def petition_a(ward_a, cadre_a):
    return Petition.objects.create(
        handling_unit=ward_a.unit("ubnd"), received_on=date(2024, 9, 3), kind=PetitionKind.FEEDBACK,
        channel="group", sender_name="Lê Văn Tám", sender_address="Số 4 ngõ 18, TDP số 4", sender_phone="0912345678",
        subject="Phản ánh thái độ của cán bộ bộ phận một cửa", about_unit=ward_a.unit("ubnd"), about_cadre=cadre_a,
        created_by=ward_a.users["officer_ubnd"],
    )


@pytest.fixture
def petition_b(ward_b):
    return Petition.objects.create(handling_unit=ward_b.unit("ubnd"), received_on=date(2024, 9, 3),
                                   kind=PetitionKind.COMPLAINT, channel="mail", subject="Khiếu nại đất đai",
                                   sender_name="Người dân phường B")
