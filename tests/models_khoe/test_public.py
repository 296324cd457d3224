"""The public page: recognised models only, without login, and nothing internal."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core.models import Attachment
from models_khoe import services
from models_khoe.models import Evaluation
from tests.support.browser import small_png

INTERNAL = {
    "situation": "Còn 12 hộ chưa đồng thuận bàn giao mặt bằng.",
    "resources": "Kinh phí hỗ trợ của phường",
    "note": "Ghi chú riêng: cần kiểm tra lại biên bản",
    "comments": "Ý kiến thẩm định: đồng ý, bổ sung ảnh",
}


def png(name):
    return SimpleUploadedFile(name, small_png(), content_type="image/png")


def published(evaluated, ward_a, name="Ngõ sáng, nhà an – Tổ dân phố số 2"):
    model = evaluated(name=name, share=Decimal("0.9"))
    Evaluation.objects.filter(model=model).update(note=INTERNAL["note"])
    model.appraisals.update(comments=INTERNAL["comments"])
    services.recognise(ward_a.users["bloc"], model, achievement="12/12 hộ bàn giao mặt bằng, 250 m đường mở rộng.")
    return model


def test_the_public_list_shows_only_recognised_models_without_login(evaluated, approved, register, ward_a):
    recognised = published(evaluated, ward_a)
    waiting = evaluated(name="Mô hình đã đánh giá chưa công nhận")
    pending = register(name="Mô hình chờ thẩm định")
    in_progress = approved(name="Mô hình đang thực hiện")

    response = Client().get(reverse("models_khoe:public_list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert recognised.name in page
    assert "UBND phường" in page
    for hidden in (waiting, pending, in_progress):
        assert hidden.name not in page
        assert Client().get(reverse("models_khoe:public_detail", args=[hidden.pk])).status_code == 404


def test_the_public_page_shows_the_achievement_and_photos_but_nothing_internal(evaluated, ward_a):
    model = published(evaluated, ward_a)
    services.record_activity(ward_a.users["officer_ubnd"], model, held_on=date(2024, 9, 5),
                             title="Đối thoại", files=[png("doi-thoai.png")])
    services.attach_evidence(ward_a.users["officer_ubnd"], model, [png("ngo-moi.png")])
    document = Attachment.attach(model, SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"))

    page = Client().get(reverse("models_khoe:public_detail", args=[model.pk])).content.decode()

    assert model.name in page
    assert "Kinh tế" in page
    assert "12/12 hộ bàn giao mặt bằng, 250 m đường mở rộng." in page
    assert "Số hộ bàn giao mặt bằng: 0 → <strong>12</strong> hộ" in page
    for text in INTERNAL.values():
        assert text not in page
    for internal in ("90,00", "Điểm", "Người chấm", "Thẩm định", "Lê Văn Chính", "Lịch sử thay đổi",
                     "GCN", "/dan-van-kheo/"):
        assert internal not in page
    photos = [a for a in Attachment.objects.all() if a.mime_type == "image/png"]
    assert len(photos) == 2
    for photo in photos:
        url = reverse("models_khoe:public_photo", args=[photo.pk])
        assert url in page
        response = Client().get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
    assert reverse("models_khoe:public_photo", args=[document.pk]) not in page
    assert Client().get(reverse("models_khoe:public_photo", args=[document.pk])).status_code == 404


def test_photos_of_models_not_recognised_are_not_public(approved, ward_a):
    model = approved()
    attachment = services.attach_evidence(ward_a.users["officer_ubnd"], model, [png("anh.png")])[0]
    assert Client().get(reverse("models_khoe:public_photo", args=[attachment.pk])).status_code == 404


def test_the_public_list_filters_and_searches_without_diacritics(evaluated, ward_a):
    model = published(evaluated, ward_a)
    client = Client()
    assert model.name in client.get(reverse("models_khoe:public_list") + "?q=ngo sang nha an").content.decode()
    assert model.name not in client.get(reverse("models_khoe:public_list") + "?field=defence_security").content.decode()
