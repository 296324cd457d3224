"""Demo data of area 1: the units' plans asked by the 2024 plan (10/3 each year), feedback about cadres, reviews."""

from datetime import date, timedelta

from core import periods
from organisations.demo import ensure_person
from organisations.models import User

from .models import (
    CadreFeedback,
    CadreReview,
    FeedbackKind,
    FeedbackSource,
    FeedbackState,
    ReviewLevel,
    ReviewOutcome,
    UnitPlanRound,
    UnitPlanSubmission,
)
from .services import apply_review, default_round_units, sync_round_units

PLAN_CODES = {
    "ubnd": "KH/UBND", "khoi-dan-van": "KH/KDV", "mttq": "KH/MTTQ", "doan-tn": "KH/ĐTN", "hoi-pn": "KH/HPN",
    "hoi-ccb": "KH/CCB", "cong-doan": "KH/CĐ", "bcd-qcdc": "CTr/BCĐ", "bcd-ton-giao": "CTr/BCĐTG",
}


def _seed_task(ward):
    from plans.models import Task

    return Task.objects.filter(plan__ward=ward, source="IV.1").order_by("pk").first()


def load_demo(ward_units: dict, rng):
    """Rounds of units' plans for each year since 2024 and a few cadre feedback records; idempotent."""
    ward = ward_units["dang-uy"]
    if UnitPlanRound.objects.filter(ward=ward).exists():
        return []
    now = periods.today()
    task = _seed_task(ward)
    key_of = {unit.pk: key for key, unit in ward_units.items()}
    rounds = []
    for year in range(2024, now.year + 1):
        deadline = date(year, 3, 10)
        plan_round = UnitPlanRound.objects.create(
            ward=ward, task=task, opened_on=date(year, 2, 20), deadline=deadline,
            title=f"Kế hoạch thực hiện công tác dân vận năm {year} của các đơn vị",
            note="Các đơn vị căn cứ chức năng, nhiệm vụ xây dựng kế hoạch của đơn vị mình, báo cáo Thường trực "
                 "Đảng ủy (qua Khối Dân vận Đảng ủy).",
        )
        rounds.append(plan_round)
        units = default_round_units(ward, task if year == 2024 else None)
        sync_round_units(plan_round, units)
        submissions = list(plan_round.submissions.select_related("unit").order_by("unit__order"))
        for index, submission in enumerate(submissions):
            roll = rng.random()
            if year == now.year and deadline > now:
                continue  # this year's deadline has not come: nothing sent yet
            if index == len(submissions) - 1 and year == now.year:
                continue  # one unit still missing this year
            offset = rng.randint(-12, -1) if roll < 0.75 else rng.randint(2, 9)
            key = key_of.get(submission.unit_id, "dv")
            UnitPlanSubmission.objects.filter(pk=submission.pk).update(
                submitted_on=min(deadline + timedelta(days=offset), now),
                document_code=f"{rng.randint(2, 30):02d}-{PLAN_CODES.get(key, 'KH')}",
                document_title=f"Kế hoạch thực hiện công tác dân vận năm {year} của {submission.unit.name}",
            )

    ubnd = ward_units["ubnd"]
    # The chairman heads the People's Committee: as head he sees the records about its cadres.
    chairman = ensure_person(ubnd, "Lê Văn Chính", "Chủ tịch UBND phường", is_unit_head=True)
    User.objects.filter(unit=ubnd, person__isnull=True, first_name="Chính", last_name="Lê Văn").update(person=chairman)
    cadres = [
        ensure_person(ubnd, "Trần Văn Hùng", "Công chức Địa chính – Xây dựng"),
        ensure_person(ubnd, "Nguyễn Thị Thu", "Công chức Tư pháp – Hộ tịch"),
        ensure_person(ubnd, "Hoàng Minh Đức", "Công chức Văn phòng – Thống kê (bộ phận một cửa)"),
    ]
    year = now.year
    records = [
        (cadres[2], date(year, 4, 12), FeedbackSource.SATISFACTION, "Khảo sát sự hài lòng quý I/" + str(year),
         FeedbackKind.NEGATIVE, "Tỷ lệ người dân chưa hài lòng về thái độ tiếp dân tại bộ phận một cửa cao (18%).",
         True, ReviewOutcome.LESSON),
        (cadres[0], date(year, 6, 3), FeedbackSource.PETITION, "Đơn phản ánh của hộ dân Tổ dân phố số 3",
         FeedbackKind.SKILL, "Giải thích không rõ ràng về thủ tục cấp giấy chứng nhận quyền sử dụng đất, "
         "gây bức xúc cho người dân.", True, ReviewOutcome.CRITICISM),
        (cadres[1], date(year, 9, 18), FeedbackSource.SITUATION_REPORT, "Báo cáo tình hình của Tổ dân vận TDP số 1",
         FeedbackKind.NEGATIVE, "Hẹn trả kết quả chứng thực chậm so với quy định.", False, None),
    ]
    for cadre, received_on, source, reference, kind, summary, reviewed, outcome in records:
        if received_on > now:
            received_on = now - timedelta(days=rng.randint(5, 40))
        feedback = CadreFeedback.objects.create(
            cadre=cadre, received_on=received_on, source=source, source_reference=reference, kind=kind,
            summary=summary, state=FeedbackState.REVIEW_REQUIRED if reviewed else FeedbackState.OPEN,
        )
        if reviewed:
            held_on = min(received_on + timedelta(days=rng.randint(7, 20)), now)
            review = CadreReview.objects.create(
                feedback=feedback, held_on=held_on, level=ReviewLevel.COLLECTIVE, outcome=outcome,
                chaired_by="Lê Văn Chính, Chủ tịch UBND phường",
                conclusion="Cán bộ nhận khuyết điểm, cam kết khắc phục; bộ phận một cửa tổ chức rút kinh nghiệm "
                           "chung về kỹ năng tiếp dân.",
            )
            apply_review(review)
    return rounds
