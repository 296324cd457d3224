"""Test data helpers shared by the satisfaction tests and others."""

import json
import uuid
from datetime import datetime, time
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from satisfaction.models import Channel, Rating


def make_ratings(desk, on, counts, officer=None, reasons=()):
    """counts: {level: n}; all rated on the given day."""
    moment = timezone.make_aware(datetime.combine(on, time(9, 30)))
    made = []
    for level, n in counts.items():
        for _ in range(n):
            rating = Rating.objects.create(
                client_id=uuid.uuid4(), desk=desk, unit=desk.unit, ward=desk.ward, officer=officer, scale=3,
                level=level, satisfied=level in ("very_satisfied", "satisfied"), channel=Channel.KIOSK,
                rated_at=moment, rated_on=on,
            )
            rating.reasons.set(reasons)
            made.append(rating)
    return made


def rating_item(level="satisfied", **extra):
    return {"id": str(uuid.uuid4()), "level": level, **extra}


def post_ratings(client, desk, items, *, kiosk_token=None, device="dev-1", address="10.0.0.1", **extra):

    name = "satisfaction:kiosk_submit" if kiosk_token is not None else "satisfaction:qr_submit"
    headers = {"HTTP_X_KIOSK_TOKEN": kiosk_token} if kiosk_token else {}
    return client.post(reverse(name, args=[desk.public_code]), data=json.dumps({"device": device, "ratings": items}),
                       content_type="application/json", REMOTE_ADDR=address, **headers, **extra)


def workbook_bytes(criteria_rows, star_rows=(("Số sao", "Điểm từ"), (4, 95), (3, 90), (2, 80), (1, 0)),
                   criteria_sheet="Tiêu chí"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = criteria_sheet
    for row in criteria_rows:
        sheet.append(list(row))
    if star_rows is not None:
        stars = workbook.create_sheet("Xếp sao")
        for row in star_rows:
            stars.append(list(row))
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("bo-tieu-chi.xlsx", buffer.getvalue())


HEADER = ("Nhóm", "Mã", "Tiêu chí", "Điểm tối đa", "Minh chứng cần có", "Điểm thưởng", "Đo từ dữ liệu cổng")
GOOD_ROWS = [
    HEADER,
    ("Công khai, minh bạch", "1", None, 40, None, None, None),
    (None, "1.1", "Niêm yết thủ tục hành chính đầy đủ", 20, "Ảnh chụp bảng niêm yết", None, None),
    (None, "1.2", "Công khai kết quả giải quyết hồ sơ", 20, None, None, None),
    ("Sự hài lòng", "2", None, 60, None, None, None),
    (None, "2.1", "Chỉ số hài lòng tại Bộ phận một cửa", 60, "Kết quả đánh giá", None, "chỉ số hài lòng"),
    ("Sáng kiến", "3", None, 5, None, "x", None),
    (None, "3.1", "Sáng kiến được công nhận", 5, None, None, None),
]
