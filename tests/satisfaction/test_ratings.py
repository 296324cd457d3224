"""The public rating endpoint: each client id once, kiosk token, rate limits, validation."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from satisfaction.models import Channel, KioskDevice, Rating
from satisfaction.services import forget_device
from tests.support.satisfaction import post_ratings, rating_item

pytestmark = pytest.mark.django_db


def test_a_rating_from_the_kiosk_is_stored_with_its_desk_officer_and_reasons(desk, kiosk_token, reasons):
    item = rating_item("very_satisfied", reasons=[reasons[0].pk, reasons[2].pk], officer=desk.on_duty_id,
                       service=desk.services.get().pk, comment="Cán bộ hướng dẫn tận tình.")

    response = post_ratings(Client(), desk, [item], kiosk_token=kiosk_token)

    assert response.status_code == 200
    assert response.json() == {"accepted": [item["id"]], "duplicates": [], "rejected": []}
    rating = Rating.objects.get()
    assert (rating.desk, rating.unit, rating.ward, rating.officer) == (desk, desk.unit, desk.ward, desk.on_duty)
    assert rating.channel == Channel.KIOSK and rating.satisfied and rating.scale == 3
    assert set(rating.reasons.all()) == {reasons[0], reasons[2]}
    assert rating.device == KioskDevice.objects.get()


def test_the_same_client_id_is_accepted_once(desk, kiosk_token):
    item = rating_item("satisfied")
    client = Client()

    first = post_ratings(client, desk, [item], kiosk_token=kiosk_token)
    again = post_ratings(client, desk, [item, item], kiosk_token=kiosk_token)

    assert first.json()["accepted"] == [item["id"]]
    assert again.json()["accepted"] == []
    assert again.json()["duplicates"] == [item["id"], item["id"]]
    assert Rating.objects.count() == 1


def test_a_queued_batch_is_stored_whole_and_keeps_the_time_it_was_given(desk, kiosk_token):
    given = timezone.now() - timedelta(hours=3)
    items = [rating_item("satisfied", at=given.isoformat()) for _ in range(30)]

    response = post_ratings(Client(), desk, items, kiosk_token=kiosk_token)

    assert len(response.json()["accepted"]) == 30
    assert Rating.objects.count() == 30
    stored = Rating.objects.first().rated_at
    assert abs((stored - given).total_seconds()) < 1


def test_a_time_far_in_the_future_or_past_is_replaced_by_the_time_of_receipt(desk, kiosk_token):
    before = timezone.now()
    items = [rating_item(at=(before + timedelta(days=2)).isoformat()),
             rating_item(at=(before - timedelta(days=60)).isoformat())]
    post_ratings(Client(), desk, items, kiosk_token=kiosk_token)
    assert all(r.rated_at >= before for r in Rating.objects.all())


@pytest.mark.parametrize("token", [None, "", "not-a-token"])
def test_the_kiosk_endpoint_needs_a_device_token_of_that_desk(desk, kiosk_token, token):
    from django.urls import reverse

    headers = {"HTTP_X_KIOSK_TOKEN": token} if token is not None else {}
    response = Client().post(reverse("satisfaction:kiosk_submit", args=[desk.public_code]),
                             data={"ratings": [rating_item()]}, content_type="application/json", **headers)
    assert response.status_code == 403
    assert "cấp phép" in response.json()["error"]
    assert Rating.objects.count() == 0


def test_a_token_of_another_desk_or_a_revoked_device_is_refused(desk, desk_b, kiosk_token):
    _other, other_token = KioskDevice.issue(desk_b, "Máy của phường khác")
    assert post_ratings(Client(), desk, [rating_item()], kiosk_token=other_token).status_code == 403

    device = KioskDevice.objects.get(desk=desk)
    device.is_active = False
    device.save()
    forget_device(device)
    assert post_ratings(Client(), desk, [rating_item()], kiosk_token=kiosk_token).status_code == 403
    assert Rating.objects.count() == 0


def test_the_qr_page_is_limited_per_desk_and_address_whatever_the_device(desk, settings):
    settings.SATISFACTION_RATE_LIMITS = {"qr_desk_address": (3, 600)}
    client = Client()
    codes = [post_ratings(client, desk, [rating_item()], device=f"phone-{n}").status_code for n in range(4)]
    other_address = post_ratings(client, desk, [rating_item()], device="phone-1", address="10.0.0.2")

    assert codes == [200, 200, 200, 429]
    assert "quầy này" in post_ratings(client, desk, [rating_item()], device="phone-new").json()["error"]
    assert other_address.status_code == 200
    assert Rating.objects.filter(channel=Channel.QR).count() == 4


def test_the_qr_page_is_limited_per_address_whatever_the_device(desk, settings):
    settings.SATISFACTION_RATE_LIMITS = {"qr_desk_address": (100, 600), "qr_address": (2, 600)}
    client = Client()
    codes = [post_ratings(client, desk, [rating_item()], device=f"phone-{n}", address="203.0.113.7").status_code
             for n in range(3)]
    elsewhere = post_ratings(client, desk, [rating_item()], device="phone-9", address="203.0.113.8")

    assert codes == [200, 200, 429]
    assert "quá nhiều" in post_ratings(client, desk, [rating_item()], address="203.0.113.7").json()["error"]
    assert elsewhere.status_code == 200


def test_the_kiosk_is_limited_per_device_and_not_per_address(desk, kiosk_token, settings):
    settings.SATISFACTION_RATE_LIMITS = {"kiosk_device": (2, 60), "qr_address": (1, 600)}
    client = Client()
    codes = [post_ratings(client, desk, [rating_item()], kiosk_token=kiosk_token).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_a_qr_request_carries_a_few_ratings_at_most(desk):
    items = [rating_item() for _ in range(8)]
    body = post_ratings(Client(), desk, items).json()
    assert len(body["accepted"]) == 5 and len(body["rejected"]) == 3


def test_invalid_items_are_rejected_one_by_one(desk, kiosk_token, reasons):
    good = rating_item("not_yet_satisfied", reasons=[reasons[1].pk, 999999], officer=999999, service=999999)
    wrong_level = rating_item("neutral")  # not on the national three-level scale
    bad_id = {"id": "abc", "level": "satisfied"}

    body = post_ratings(Client(), desk, [good, wrong_level, bad_id], kiosk_token=kiosk_token).json()

    assert body["accepted"] == [good["id"]]
    assert [r["id"] for r in body["rejected"]] == [wrong_level["id"], ""]
    rating = Rating.objects.get()
    assert list(rating.reasons.all()) == [reasons[1]]
    assert rating.officer is None and rating.service is None and not rating.satisfied


def test_unknown_desk_and_bad_json(desk, db):
    assert Client().post(reverse("satisfaction:qr_submit", args=["khongco"]), data="{}",
                         content_type="application/json").status_code == 404
    assert Client().post(reverse("satisfaction:qr_submit", args=[desk.public_code]), data="{oops",
                         content_type="application/json").status_code == 400


def test_the_public_pages_need_no_login_and_show_the_ward_scale(desk, client):
    qr = client.get(reverse("satisfaction:qr_page", args=[desk.public_code]))
    kiosk = client.get(reverse("satisfaction:kiosk_page", args=[desk.public_code]))

    assert qr.status_code == kiosk.status_code == 200
    text = qr.content.decode()
    assert "Rất hài lòng" in text and "Chưa hài lòng" in text and "Bình thường" not in text
    assert "Nguyễn Thị Thu Hà" in text
    assert 'data-channel="kiosk"' in kiosk.content.decode()
    assert "<script>" not in text  # no inline script under the CSP


def test_a_five_level_scale_is_offered_once_the_ward_chooses_it(desk, client):
    from satisfaction.services import forget_desk, settings_for

    config = settings_for(desk.ward)
    config.scale = 5
    config.save()
    forget_desk(desk)
    text = client.get(reverse("satisfaction:qr_page", args=[desk.public_code])).content.decode()
    assert "Rất không hài lòng" in text and "Bình thường" in text
    body = post_ratings(Client(), desk, [rating_item("very_dissatisfied")]).json()
    assert len(body["accepted"]) == 1


def test_a_citizen_rating_writes_no_audit_entry_and_costs_few_queries(desk, kiosk_token, django_assert_max_num_queries):
    from auditlog.models import LogEntry

    client = Client()
    post_ratings(client, desk, [rating_item()], kiosk_token=kiosk_token)  # warms the desk and device cache
    before = LogEntry.objects.count()
    # With the desk and the device cached, a rating is one INSERT (in its own savepoint here, since the test
    # runs inside a transaction; a transaction of its own in production), plus on PostgreSQL the SET LOCAL that
    # spares the commit its wait for the disk.
    with django_assert_max_num_queries(4 if connection.vendor == "postgresql" else 3):
        response = post_ratings(client, desk, [rating_item()], kiosk_token=kiosk_token)
    assert len(response.json()["accepted"]) == 1
    assert LogEntry.objects.count() == before


def test_client_ids_are_uuids(desk, kiosk_token):
    item = rating_item()
    post_ratings(Client(), desk, [item], kiosk_token=kiosk_token)
    assert Rating.objects.get().client_id == uuid.UUID(item["id"])


def test_the_tablet_may_check_its_page_with_head_before_reloading(desk, client):
    # kiosk.js sends HEAD before its periodic reload, so that a dropped network never shows an error page.
    assert client.head(reverse("satisfaction:kiosk_page", args=[desk.public_code])).status_code == 200
