"""What an outside test did to the anonymous rating endpoint (security finding 6): a flood from one address with a
new `device` each time, the neighbouring desks and wards caught by one address limit, `at` days in the past, and
`officer` naming an official. Each test posts as the kiosk.js page does and reads what was stored."""

import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from organisations.demo import ensure_person
from satisfaction import ratelimit
from satisfaction.models import Channel, KioskDevice, Rating, ServiceDesk
from tests.support.satisfaction import post_ratings, rating_item

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.50"


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    # The limits count in fixed ten-minute windows: keep every request of a test in the same one.
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_000.0))


@pytest.fixture
def second_desk(desk):
    return ServiceDesk.objects.create(unit=desk.unit, name="Quầy số 2 – Đất đai")


def flood(desk, requests=45, per_request=5, address=ATTACKER):
    client = Client()
    return [post_ratings(client, desk, [rating_item() for _ in range(per_request)], device=f"fake-{n}",
                         address=address).status_code
            for n in range(requests)]


def test_new_device_values_do_not_multiply_what_one_address_may_store(desk, settings):
    settings.SATISFACTION_RATE_LIMITS = {"qr_desk_address": (10, 600)}
    codes = flood(desk)

    assert Rating.objects.filter(desk=desk).count() == 10
    assert codes[:2] == [200, 200] and set(codes[2:]) == {429}


def test_the_defaults_keep_a_flood_from_one_address_within_a_few_ratings(desk):
    flood(desk)

    assert Rating.objects.filter(desk=desk).count() <= 10


def test_a_flood_at_one_desk_spares_the_other_desks_and_wards_from_the_same_address(desk, second_desk, desk_b):
    flood(desk)

    same_ward = post_ratings(Client(), second_desk, [rating_item()], device="citizen", address=ATTACKER)
    other_ward = post_ratings(Client(), desk_b, [rating_item()], device="citizen", address=ATTACKER)
    other_citizen = post_ratings(Client(), desk, [rating_item()], device="citizen", address="198.51.100.23")

    assert (same_ward.status_code, other_ward.status_code, other_citizen.status_code) == (200, 200, 200)
    assert Rating.objects.filter(desk__in=[second_desk, desk_b]).count() == 2


def test_one_address_spread_over_many_desks_meets_its_overall_ceiling(desk, second_desk, desk_b, settings):
    settings.SATISFACTION_RATE_LIMITS = {"qr_desk_address": (2, 600), "qr_address": (5, 600), "qr_desk": (100, 600)}
    client = Client()

    codes = [post_ratings(client, target, [rating_item(), rating_item()], address=ATTACKER).status_code
             for target in (desk, second_desk, desk_b)]

    assert codes == [200, 200, 429]
    assert Rating.objects.count() == 4


def test_one_desk_meets_its_ceiling_whatever_the_number_of_addresses(desk, second_desk, settings):
    settings.SATISFACTION_RATE_LIMITS = {"qr_desk": (4, 600)}
    codes = [post_ratings(Client(), desk, [rating_item()], address=f"198.51.100.{n}").status_code for n in range(5)]
    elsewhere = post_ratings(Client(), second_desk, [rating_item()], address="198.51.100.9")

    assert codes == [200, 200, 200, 200, 429]
    assert "Quầy này" in post_ratings(Client(), desk, [rating_item()], address="198.51.100.77").json()["error"]
    assert elsewhere.status_code == 200


def test_a_tablet_batch_counts_every_rating_it_carries(desk, kiosk_token, settings):
    settings.SATISFACTION_RATE_LIMITS = {"kiosk_device": (150, 600)}
    client = Client()

    first = post_ratings(client, desk, [rating_item() for _ in range(100)], kiosk_token=kiosk_token)
    second = post_ratings(client, desk, [rating_item() for _ in range(100)], kiosk_token=kiosk_token)

    assert (first.status_code, second.status_code) == (200, 429)
    assert Rating.objects.count() == 100


def test_a_qr_rating_is_stamped_with_the_time_it_arrives(desk):
    before = timezone.now()
    items = [rating_item(at=(before - timedelta(hours=2)).isoformat()),
             rating_item(at=(before - timedelta(days=6, hours=23)).isoformat())]

    post_ratings(Client(), desk, items)

    assert [r.rated_at >= before for r in Rating.objects.all()] == [True, True]
    assert {r.rated_on for r in Rating.objects.all()} == {timezone.localdate()}


def test_a_tablet_keeps_its_offline_time_only_within_the_window(desk, kiosk_token):
    now = timezone.now()
    recent = rating_item(at=(now - timedelta(hours=30)).isoformat())
    too_old = rating_item(at=(now - timedelta(days=6, hours=23)).isoformat())

    response = post_ratings(Client(), desk, [recent, too_old], kiosk_token=kiosk_token)

    assert len(response.json()["accepted"]) == 2
    stored = {str(r.client_id): r.rated_at for r in Rating.objects.all()}
    assert abs((stored[recent["id"]] - (now - timedelta(hours=30))).total_seconds()) < 1
    assert stored[too_old["id"]] >= now


def test_the_offline_window_is_a_setting(desk, kiosk_token, settings):
    settings.SATISFACTION_OFFLINE_WINDOW = timedelta(hours=24)
    now = timezone.now()
    post_ratings(Client(), desk, [rating_item(at=(now - timedelta(hours=30)).isoformat())], kiosk_token=kiosk_token)
    assert Rating.objects.get().rated_at >= now


def test_a_qr_rating_names_no_officer(desk):
    post_ratings(Client(), desk, [rating_item(officer=desk.on_duty_id)])

    rating = Rating.objects.get()
    assert rating.channel == Channel.QR and rating.officer is None


def test_a_tablet_names_only_the_officer_on_duty_at_its_desk(desk, kiosk_token):
    colleague = ensure_person(desk.unit, "Trần Văn Bình", "Công chức Địa chính")
    on_duty = rating_item(officer=desk.on_duty_id)
    someone_else = rating_item(officer=colleague.pk)

    post_ratings(Client(), desk, [on_duty, someone_else], kiosk_token=kiosk_token)

    stored = {str(r.client_id): r.officer for r in Rating.objects.all()}
    assert stored[on_duty["id"]] == desk.on_duty
    assert stored[someone_else["id"]] is None


def test_a_tablet_of_another_desk_cannot_name_this_desks_officer(desk, second_desk):
    _device, token = KioskDevice.issue(second_desk, "Máy tính bảng quầy 2")

    post_ratings(Client(), second_desk, [rating_item(officer=desk.on_duty_id)], kiosk_token=token)

    assert Rating.objects.get().officer is None


PROXY = "172.30.42.1"


def test_citizens_behind_the_trusted_proxy_are_limited_each_on_their_own(desk, settings):
    settings.DANVAN_TRUSTED_PROXIES = [PROXY]
    settings.SATISFACTION_RATE_LIMITS = {"qr_address": (1, 600)}
    client = Client()

    first = post_ratings(client, desk, [rating_item()], address=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = post_ratings(client, desk, [rating_item()], address=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    again = post_ratings(client, desk, [rating_item()], address=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert (first.status_code, second.status_code, again.status_code) == (200, 200, 429)


def test_a_forged_forwarded_header_does_not_buy_a_new_allowance(desk, settings):
    settings.DANVAN_TRUSTED_PROXIES = [PROXY]
    settings.SATISFACTION_RATE_LIMITS = {"qr_address": (1, 600)}
    client = Client()

    # Straight from the attacker, not through the proxy: the header is the attacker's own words.
    codes = [post_ratings(client, desk, [rating_item()], address=ATTACKER,
                          HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(2)]
    # Through the proxy, with a forged address in front of the one the proxy appends.
    through_proxy = post_ratings(client, desk, [rating_item()], address=PROXY,
                                 HTTP_X_FORWARDED_FOR=f"198.51.100.99, {ATTACKER}")

    assert codes == [200, 429]
    assert through_proxy.status_code == 429


@pytest.fixture
def redis_cache(settings):
    """The shared cache production uses (CACHE_URL): the Redis server the suite's Celery tests use, under a key
    prefix of this test's own."""
    broker = settings.CELERY_BROKER_URL if str(settings.CELERY_BROKER_URL).startswith("redis://") else None
    location = (broker or "redis://127.0.0.1:6379/15").rsplit("/", 1)[0] + "/13"
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}


def test_on_redis_one_address_meets_the_same_limit_and_the_counter_reads_back(desk, redis_cache):
    statuses = flood(desk, requests=12, per_request=1)

    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]
    assert Rating.objects.filter(desk=desk).count() == 10
    # The one-round-trip counter is stored as the cache itself stores numbers: any process reads the same count.
    assert ratelimit.allow("qr_desk_address", f"{desk.pk}:{ATTACKER}", 10, 600) is False
