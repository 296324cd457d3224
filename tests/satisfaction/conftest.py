
import pytest
from django.core.cache import cache

from organisations.demo import ensure_person
from satisfaction.models import KioskDevice, RatingReason, Service, ServiceDesk
from satisfaction.services import ensure_default_reasons, settings_for


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def head_a(ward_a):
    return ensure_person(ward_a.units["ubnd"], "Lê Văn Chính", "Chủ tịch UBND phường", is_unit_head=True)


@pytest.fixture
def officer_person(ward_a):
    return ensure_person(ward_a.units["ubnd"], "Nguyễn Thị Thu Hà", "Công chức Tư pháp – Hộ tịch")


@pytest.fixture
def desk(ward_a, officer_person):
    settings_for(ward_a.ward)
    ensure_default_reasons(ward_a.ward)
    service = Service.objects.create(ward=ward_a.ward, name="Hộ tịch")
    desk = ServiceDesk.objects.create(unit=ward_a.units["ubnd"], name="Quầy số 1 – Tư pháp, Hộ tịch",
                                      on_duty=officer_person)
    desk.services.add(service)
    return desk


@pytest.fixture
def desk_b(ward_b):
    settings_for(ward_b.ward)
    return ServiceDesk.objects.create(unit=ward_b.units["ubnd"], name="Quầy một cửa phường Bình Minh")


@pytest.fixture
def kiosk_token(desk):
    _device, token = KioskDevice.issue(desk, "Máy tính bảng quầy 1")
    return token






@pytest.fixture
def reasons(desk):
    return list(RatingReason.objects.filter(ward=desk.ward).order_by("order"))
