"""Believable demo records of the "Dân vận khéo" movement of a ward, at every stage of the path.

Idempotent: nothing happens when the ward already has models. Records go through the services wherever a person
of the right role exists; registrations are written here because the demo has no officer account for every unit.
Three evaluator accounts per ward (``chamdiem1.<ward code>`` …, password ``DanVan@2024``) score the models.
"""

import struct
import zlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from . import services
from .models import (
    Appraisal,
    Criterion,
    Evaluation,
    Field,
    Kind,
    MobilizationModel,
    RecognitionRound,
    Status,
)

YEAR = 2024

# key, unit key, kind, field, bloc index, name, responsible (name, position), stage, indicators
# (name, unit, baseline, target, direction, achieved, method), what it achieved (for the recognised).
MODELS = [
    ("mo-ngo", "ubnd", Kind.COLLECTIVE, Field.ECONOMY, 1,
     "Dân vận khéo trong vận động nhân dân hiến đất mở rộng ngõ 12 đường Hoàng Văn Thụ",
     ("Lê Văn Chính", "Chủ tịch UBND phường"), "replicated",
     [("Số hộ tự nguyện hiến đất", "hộ", 0, 18, "increase", 21, "Đếm biên bản hiến đất có chữ ký của chủ hộ."),
      ("Chiều dài ngõ được mở rộng lên 5 m", "m", 0, 250, "increase", 262, "Biên bản nghiệm thu của UBND phường.")],
     "21 hộ tự nguyện hiến 640 m² đất, không phải bồi thường; 262 m ngõ 12 được mở rộng lên 5 m và lắp đèn chiếu "
     "sáng; nhân dân đóng góp 310 triệu đồng cùng ngân sách phường."),
    ("lien-gia-pccc", "cong-an", Kind.COLLECTIVE, Field.DEFENCE_SECURITY, 1,
     "Tổ liên gia an toàn phòng cháy, chữa cháy ở khu nhà trọ tổ dân phố số 4",
     ("Thân Văn Quân", "Trưởng Công an phường"), "recognised",
     [("Số tổ liên gia an toàn PCCC được thành lập", "tổ", 0, 12, "increase", 14,
       "Quyết định thành lập tổ và danh sách hộ tham gia."),
      ("Số vụ cháy tại khu nhà trọ", "vụ", 3, 0, "decrease", 0, "Sổ theo dõi của Công an phường.")],
     "14 tổ liên gia với 168 hộ được trang bị bình chữa cháy và tập huấn; cả năm không xảy ra vụ cháy nào ở khu "
     "nhà trọ (năm trước 3 vụ)."),
    ("5-khong-3-sach", "hoi-pn", Kind.COLLECTIVE, Field.CULTURE_SOCIETY, 0,
     "Chi hội phụ nữ phân loại rác thải tại nguồn, nói không với túi ni lông",
     ("Đinh Thị Hoa", "Chủ tịch Hội LHPN phường"), "evaluated",
     [("Tỷ lệ hộ hội viên phân loại rác tại nguồn", "%", 35, 80, "increase", 72,
       "Phiếu kiểm tra của chi hội tại hộ, mỗi quý một lần.")], ""),
    ("ho-tro-dvc", "doan-tn", Kind.COLLECTIVE, Field.POLITICAL_SYSTEM, 0,
     "Đoàn viên hướng dẫn người cao tuổi làm thủ tục hành chính trực tuyến",
     ("Bùi Văn Thanh", "Bí thư Đoàn phường"), "in_progress",
     [("Số lượt người cao tuổi được hướng dẫn", "lượt", 0, 300, "increase", 185,
       "Sổ ghi lượt hỗ trợ tại bộ phận một cửa.")], ""),
    ("zalo-mat-tran", "mttq", Kind.COLLECTIVE, Field.POLITICAL_SYSTEM, 0,
     "Mặt trận lắng nghe ý kiến nhân dân qua nhóm Zalo các tổ dân phố",
     ("Phạm Thị Mặt", "Chủ tịch Ủy ban MTTQ phường"), "approved",
     [("Số ý kiến, kiến nghị được trả lời trong 7 ngày", "%", 40, 90, "increase", None,
       "Sổ tiếp nhận, trả lời ý kiến của Ủy ban MTTQ.")], ""),
    ("tdp3-trat-tu", "tdp-3", Kind.COLLECTIVE, Field.CULTURE_SOCIETY, 2,
     "Tổ dân phố số 3 không có hộ lấn chiếm vỉa hè, lòng đường",
     ("Nguyễn Văn Hải", "Tổ trưởng Tổ dân phố số 3"), "registered",
     [("Số hộ vi phạm lấn chiếm vỉa hè", "hộ", 17, 0, "decrease", None,
       "Biên bản kiểm tra hằng tháng của tổ dân phố và Công an phường.")], ""),
    ("ccb-kinh-te", "hoi-ccb", Kind.COLLECTIVE, Field.ECONOMY, 0,
     "Cựu chiến binh giúp nhau phát triển kinh tế",
     ("Trịnh Văn Cựu", "Chủ tịch Hội CCB phường"), "returned",
     [("Thu nhập của hội viên", "triệu đồng", 5, 6, "increase", None, "Hỏi hội viên.")], ""),
    ("to-truong-zalo", "tdp-1", Kind.INDIVIDUAL, Field.POLITICAL_SYSTEM, 2,
     "Tổ trưởng tổ liên gia vận động 100% hộ tham gia nhóm Zalo của tổ",
     ("Nguyễn Thị Hằng", "Tổ trưởng tổ liên gia số 2, Tổ dân phố số 1"), "recognised",
     [("Tỷ lệ hộ tham gia nhóm Zalo của tổ liên gia", "%", 45, 100, "increase", 100,
       "Danh sách thành viên nhóm Zalo đối chiếu sổ hộ.")],
     "Vận động 46/46 hộ tham gia nhóm Zalo; mọi thông báo của phường đến hộ dân trong ngày; phát hiện và báo "
     "kịp thời 2 vụ lừa đảo qua mạng."),
]
SECOND_WARD_KEYS = ("mo-ngo", "ho-tro-dvc", "tdp3-trat-tu")
RETURN_COMMENT = ("Tên và chỉ tiêu còn chung chung: “thu nhập của hội viên” chưa đo được. Đề nghị ghi cụ thể số hộ "
                  "hội viên được giúp, mức thu nhập bình quân trước và sau, cách xác định (sổ theo dõi của chi hội).")
SCORE_SHARES = {"mo-ngo": ("0.94", "0.9", "0.92"), "lien-gia-pccc": ("0.9", "0.88", "0.86"),
                "5-khong-3-sach": ("0.84", "0.8", "0.78"), "to-truong-zalo": ("0.9", "0.92", "0.88"),
                "ho-tro-dvc": ("0.82",)}
ACTIVITIES = {
    "mo-ngo": [("Hội nghị lấy ý kiến 34 hộ dân ngõ 12 về phương án mở ngõ", 52, 4),
               ("Tổ công tác gặp gỡ từng hộ có đất trong chỉ giới", 18, 6),
               ("Lễ khánh thành ngõ 12 sau mở rộng", 120, 9)],
    "lien-gia-pccc": [("Tập huấn sử dụng bình chữa cháy cho chủ nhà trọ", 64, 5),
                      ("Diễn tập chữa cháy tại khu nhà trọ ngõ 45", 90, 8)],
    "to-truong-zalo": [("Đến từng nhà hướng dẫn người cao tuổi cài Zalo", 23, 4)],
    "5-khong-3-sach": [("Phát thùng phân loại rác cho 120 hộ hội viên", 120, 5)],
    "ho-tro-dvc": [("Ra quân “Ngày thứ Bảy hỗ trợ dịch vụ công”", 15, 7)],
}
PUBLICITY = {
    "mo-ngo": [("radio", "Đài truyền thanh phường: “Ngõ 12 rộng mở nhờ lòng dân”", 4000),
               ("news", "Bản tin Thành ủy số tháng 9/2024", None), ("zalo", "Nhóm Zalo TDP số 2", 180)],
    "lien-gia-pccc": [("meeting", "Giao ban Công an phường quý III", 40), ("zalo", "Nhóm Zalo khu nhà trọ", 260)],
    "to-truong-zalo": [("zalo", "Nhóm Zalo tổ liên gia số 2", 46)],
    "5-khong-3-sach": [("radio", "Đài truyền thanh phường", 4000)],
}
REPLICATIONS = {"mo-ngo": [("tdp-2", "Mở rộng ngõ 7 với 9 hộ hiến đất, dài 120 m.", 9)]}
COLOURS = [(183, 28, 28), (230, 81, 0), (21, 101, 192), (46, 125, 50), (106, 27, 154), (0, 121, 107)]


def _photo(seed):
    """A small landscape PNG (a sky-to-field gradient) made here: the demo needs no image files."""
    width, height = 240, 160
    top = COLOURS[seed % len(COLOURS)]
    bottom = (250, 240, 210)
    rows = []
    for y in range(height):
        share = y / (height - 1)
        colour = bytes(int(top[i] * (1 - share) + bottom[i] * share) for i in range(3))
        rows.append(b"\x00" + colour * width)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))


def _evaluators(units):
    from organisations.demo import DEMO_PASSWORD, ensure_user
    from organisations.models import Role

    code = units["dang-uy"].code
    people = [("dang-uy", Role.STANDING, "Đỗ Huy", "Hoàng"), ("khoi-dan-van", Role.BLOC, "Ngô Thị", "Lan"),
              ("mttq", Role.OFFICER, "Dương Văn", "Sơn")]
    return [ensure_user(f"chamdiem{n}.{code}", DEMO_PASSWORD, units[key], role, first_name=first, last_name=last)
            for n, (key, role, last, first) in enumerate(people, start=1)]


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _register(units, blocs, spec, author):
    key, unit_key, kind, field, bloc_index, name, (person, position), _stage, indicators, _achievement = spec
    unit = units[unit_key]
    model = MobilizationModel.objects.create(
        year=YEAR, kind=kind, unit=unit, responsible_name=person, responsible_position=position, name=name,
        field=field, bloc=blocs[bloc_index], status=Status.REGISTERED, version=1, registered_on=date(YEAR, 3, 5),
        created_by=author,
        situation="Nhân dân còn băn khoăn, một số việc kéo dài nhiều năm chưa giải quyết dứt điểm.",
        objectives="Giải quyết dứt điểm việc đăng ký trong năm, được nhân dân đồng tình, có số liệu kiểm chứng.",
        content_methods="Tổ công tác gặp từng hộ, công khai kế hoạch, phát huy vai trò người có uy tín.",
        scope_beneficiaries=f"{unit.name} và các tổ dân phố liên quan.",
        lead_force=unit.name, coordinating_forces="Ủy ban MTTQ phường, các đoàn thể",
        participating_forces="Tổ dân vận cộng đồng, tổ liên gia", resources="Nhân dân đóng góp, ngân sách phường",
        starts_on=date(YEAR, 3, 15), milestones="30/6: đánh giá sơ kết; 15/9: hoàn thành chỉ tiêu",
        evaluation_on=date(YEAR, 9, 30), outputs="Biên bản, danh sách hộ, ảnh hoạt động, số liệu theo chỉ tiêu.",
        sustainability="Đưa vào quy ước tổ dân phố; phổ biến cách làm tại giao ban phường.",
    )
    services._save_indicators(model, [
        {"name": n, "unit_of_measure": u, "baseline": Decimal(b), "target": Decimal(t), "direction": d, "method": m}
        for n, u, b, t, d, _achieved, m in indicators
    ])
    services._record_version(model, author)
    return model


@transaction.atomic
def load_demo(ward_units, rng):
    ward = ward_units["dang-uy"]
    if MobilizationModel.objects.filter(ward=ward).exists():
        return
    blocs = services.ensure_default_blocs(ward)
    evaluators = _evaluators(ward_units)
    bloc_user = evaluators[1]
    for bloc in blocs:
        for user in evaluators:
            services.assign_evaluator(bloc_user, bloc, YEAR, user)
    is_first_ward = not MobilizationModel.objects.exclude(ward=ward).exists()
    specs = MODELS if is_first_ward else [s for s in MODELS if s[0] in SECOND_WARD_KEYS]
    order = list(range(len(specs)))
    rng.shuffle(order)  # registration order differs from ward to ward
    for position in order:
        spec = specs[position]
        key, stage, indicators, achievement = spec[0], spec[7], spec[8], spec[9]
        model = _register(ward_units, blocs, spec, bloc_user)
        if stage == "registered":
            continue
        if stage == "returned":
            services.return_for_revision(bloc_user, model, RETURN_COMMENT)
            Appraisal.objects.filter(model=model).update(decided_at=_at(date(YEAR, 3, 20)))
            continue
        services.approve(bloc_user, model, "Đăng ký cụ thể, chỉ tiêu đo được. Đồng ý.")
        MobilizationModel.objects.filter(pk=model.pk).update(approved_on=date(YEAR, 3, 25))
        Appraisal.objects.filter(model=model).update(decided_at=_at(date(YEAR, 3, 25)))
        model.refresh_from_db()
        if stage == "approved":
            continue
        for indicator, spec_row in zip(model.indicators.order_by("order"), indicators, strict=True):
            achieved, baseline = spec_row[5], spec_row[2]
            if achieved is None:
                continue
            midway = Decimal(baseline) + (Decimal(achieved) - Decimal(baseline)) / 2
            services.record_indicator_value(bloc_user, indicator, value=midway.quantize(Decimal("1")),
                                            measured_on=date(YEAR, 6, 30), note="Sơ kết 6 tháng")
            services.record_indicator_value(bloc_user, indicator, value=Decimal(achieved),
                                            measured_on=date(YEAR, 9, 15), note="Số liệu đánh giá cuối kỳ")
        for index, (title, participants, month) in enumerate(ACTIVITIES.get(key, [])):
            photo = SimpleUploadedFile(f"hoat-dong-{key}-{index + 1}.png", _photo(rng.randrange(100)), "image/png")
            services.record_activity(bloc_user, model, held_on=date(YEAR, month, 10 + index), title=title,
                                     participants=participants, files=[photo],
                                     description="Ảnh và biên bản lưu tại đơn vị.")
        for channel, title, reach in PUBLICITY.get(key, []):
            services.record_publicity(bloc_user, model, channel=channel, title=title, reach=reach,
                                      published_on=date(YEAR, 9, 1) - timedelta(days=rng.randrange(60)))
        shares = SCORE_SHARES.get(key, ())
        for user, share in zip(evaluators, shares, strict=False):
            if user.unit_id == model.unit_id:
                continue
            points = {c.pk: (c.max_points * Decimal(share)).quantize(Decimal("0.5"))
                      for c in Criterion.objects.filter(bloc=model.bloc, is_active=True)}
            services.record_score(user, model, points, note="Đã xem minh chứng tại đơn vị.")
        Evaluation.objects.filter(model=model).update(scored_at=_at(date(YEAR, 9, 25)))
        model.refresh_from_db()
        if stage in ("recognised", "replicated") and model.status == Status.EVALUATED:
            services.recognise(bloc_user, model, achievement=achievement, proposed_to_city=(key == "mo-ngo"))
        if stage == "replicated":
            for unit_key, results, beneficiaries in REPLICATIONS.get(key, []):
                services.record_replication(bloc_user, model, adopting_unit=ward_units[unit_key],
                                            started_on=date(YEAR, 10, 20), results=results,
                                            beneficiaries=beneficiaries)
    round_ = RecognitionRound.objects.filter(ward=ward, year=YEAR).first()
    if round_ is not None:
        round_.decision_number = "125-QĐ/ĐU"
        round_.ceremony_on = date(YEAR, 10, 15)
        round_.ceremony_place = "Hội trường Đảng ủy phường"
        round_.save()
        services.schedule_ceremony(bloc_user, round_)
