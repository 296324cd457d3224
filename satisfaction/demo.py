"""Demo data of area 2 for a ward: desks, half a year of ratings, corrective actions, two survey campaigns, the
example criteria set and the quarterly self-assessments."""

import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from core import periods
from organisations.demo import ensure_person

from .models import (
    Channel,
    Level,
    QuestionKind,
    Rating,
    RatingReason,
    RatingReasonLink,
    ResponseChannel,
    Review,
    Service,
    ServiceDesk,
    SurveyCampaign,
)
from .services import (
    SATISFIED_LEVELS,
    check_thresholds,
    close_action,
    ensure_default_reasons,
    last_month_bounds,
    settings_for,
)
from .services import criteria as criteria_svc
from .services import surveys as survey_svc

SERVICES = ("Hộ tịch", "Chứng thực", "Đất đai – Xây dựng", "Lao động – Thương binh và Xã hội", "Đăng ký hộ kinh doanh")
OFFICERS = (
    ("Nguyễn Thị Thu Hà", "Công chức Tư pháp – Hộ tịch"),
    ("Trần Văn Minh", "Công chức Địa chính – Xây dựng"),
    ("Phạm Thị Ngọc Lan", "Công chức Văn hóa – Xã hội"),
)
COMMENTS = (
    "Cán bộ hướng dẫn nhiệt tình, dễ hiểu.",
    "Phải chờ hơi lâu vào buổi sáng.",
    "Nên có thêm ghế ngồi chờ.",
    "Thủ tục nhanh gọn, trả kết quả đúng hẹn.",
    "Mong phường niêm yết rõ lệ phí hơn.",
)


def load_demo(ward_units, rng):
    ward = ward_units["dang-uy"]
    if ServiceDesk.objects.filter(ward=ward).exists():
        return
    ubnd = ward_units["ubnd"]
    settings_for(ward)
    ensure_default_reasons(ward)
    reasons = list(RatingReason.objects.filter(ward=ward))
    services = [Service.objects.get_or_create(ward=ward, name=name, defaults={"order": i})[0]
                for i, name in enumerate(SERVICES)]
    officers = [ensure_person(ubnd, name, position) for name, position in OFFICERS]
    ensure_person(ubnd, "Lê Văn Chính", "Chủ tịch UBND phường", is_unit_head=True)
    desk_one = ServiceDesk.objects.create(unit=ubnd, name="Quầy số 1 – Tư pháp, Hộ tịch, Chứng thực",
                                          location="Bộ phận một cửa, tầng 1 trụ sở UBND phường", on_duty=officers[0])
    desk_one.services.set(services[:2])
    desk_two = ServiceDesk.objects.create(unit=ubnd, name="Quầy số 2 – Đất đai, Xây dựng, LĐTBXH",
                                          location="Bộ phận một cửa, tầng 1 trụ sở UBND phường", on_duty=officers[1])
    desk_two.services.set(services[2:])

    today = periods.today()
    dip_month = last_month_bounds(last_month_bounds(today)[0])  # two months ago: desk 2 had a bad month
    ratings, links = [], []
    for offset in range(182, -1, -1):
        day = today - timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for desk, officer_pool, desk_services in ((desk_one, officers[:1] + officers[2:], services[:2]),
                                                  (desk_two, officers[1:2], services[2:])):
            weak = desk is desk_two and dip_month[0] <= day <= dip_month[1]
            for _n in range(rng.randint(3, 9)):
                draw = rng.random()
                trend_bonus = (182 - offset) / 182 * 0.08  # a slow improvement over the half year
                if weak:
                    level = Level.VERY_SATISFIED if draw < 0.25 else Level.SATISFIED if draw < 0.6 else \
                        Level.NOT_YET_SATISFIED
                else:
                    level = Level.VERY_SATISFIED if draw < 0.5 + trend_bonus else Level.SATISFIED \
                        if draw < 0.9 + trend_bonus / 2 else Level.NOT_YET_SATISFIED
                moment = timezone.make_aware(datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59))))
                rating = Rating(
                    client_id=uuid.uuid4(), desk=desk, unit=ubnd, ward=ward, officer=rng.choice(officer_pool),
                    service=rng.choice(desk_services) if rng.random() < 0.6 else None, scale=3, level=level,
                    satisfied=level in SATISFIED_LEVELS, channel=Channel.KIOSK if rng.random() < 0.8 else Channel.QR,
                    rated_at=moment, rated_on=day,
                    comment=rng.choice(COMMENTS) if rng.random() < 0.06 else "",
                )
                ratings.append(rating)
                if rng.random() < 0.35:
                    links.append((rating, rng.choice(reasons)))
    Rating.objects.bulk_create(ratings, batch_size=500)
    RatingReasonLink.objects.bulk_create([RatingReasonLink(rating=r, reason=reason) for r, reason in links],
                                         batch_size=500)
    opened = check_thresholds(ward, *dip_month, today=dip_month[1] + timedelta(days=1))
    for action in opened[:1]:
        action.measures = "Họp rút kinh nghiệm tại Bộ phận một cửa; bố trí thêm cán bộ hỗ trợ buổi sáng."
        close_action(action, "Tháng sau chỉ số hài lòng của quầy trở lại trên ngưỡng.",
                     closed_on=dip_month[1] + timedelta(days=25))
    _campaigns(ward_units, rng, today)
    _assessments(ward_units, rng, today)


def _campaigns(ward_units, rng, today):
    organiser = ward_units["bcd-qcdc"]
    for title, ends, answers, lift in (
        ("Khảo sát sự hài lòng đợt 1", today - timedelta(days=150), 40, 0.0),
        ("Khảo sát sự hài lòng đợt 2", today - timedelta(days=20), 60, 0.12),
    ):
        campaign = SurveyCampaign.objects.create(unit=organiser, title=f"{title} năm {ends.year}",
                                                 starts_on=ends - timedelta(days=30), ends_on=ends,
                                                 is_open=False,
                                                 description="Khảo sát người dân đã giải quyết thủ tục tại phường.")
        survey_svc.use_default_questionnaire(campaign)
        questions = list(campaign.questions.all())
        for number in range(1, answers + 1):
            raw = {}
            for question in questions:
                if question.kind == QuestionKind.SCALE:
                    draw = rng.random() + lift
                    raw[question.pk] = "5" if draw > 0.75 else "4" if draw > 0.35 else "3" if draw > 0.15 else "2"
                elif question.kind == QuestionKind.MULTIPLE:
                    raw[question.pk] = " ".join(sorted({str(rng.randint(1, len(question.choices)))
                                                        for _ in range(2)}))
                elif rng.random() < 0.2:
                    raw[question.pk] = rng.choice(COMMENTS)
            survey_svc.record_response(campaign, raw, channel=ResponseChannel.PAPER, paper_number=str(number))


def _assessments(ward_units, rng, today):
    ward, ubnd = ward_units["dang-uy"], ward_units["ubnd"]
    criteria_set = criteria_svc.ensure_example_set(ward)
    year, quarter = periods.quarter_of(today)
    quarters = []
    for _step in range(4):
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        quarters.append((year, quarter))
    # Oldest first; the last finished quarter is scored but still under review, the others are final.
    for index, (year, quarter) in enumerate(reversed(quarters)):
        assessment = criteria_svc.start_assessment(ubnd, criteria_set, year, quarter)
        shortfall = Decimal(12 - 3 * index)
        for score in assessment.scores.select_related("criterion").order_by("criterion__max_points").reverse():
            cut = min(shortfall, Decimal(rng.choice((0, 1, 2, 3))), score.criterion.max_points)
            shortfall -= cut
            criteria_svc.set_self_score(score, score.criterion.max_points - cut, "Đã thực hiện theo kế hoạch.")
        criteria_svc.submit(assessment)
        if index == len(quarters) - 1:
            continue
        for position, score in enumerate(assessment.scores.select_related("criterion", "assessment")):
            if position == 4 and score.self_score >= 1:
                criteria_svc.review_score(score, Review.ADJUSTED, score.self_score - 1,
                                          "Minh chứng chưa đầy đủ: thiếu biên bản kiểm tra công vụ.")
            else:
                criteria_svc.review_score(score, Review.ACCEPTED)
        criteria_svc.complete_review(assessment)
        criteria_svc.reply(assessment, "UBND phường thống nhất với kết quả thẩm định.")
        criteria_svc.finalise(assessment)
