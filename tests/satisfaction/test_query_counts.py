"""Satisfaction pages must not grow in SQL queries with the data. Budgets: tests/satisfaction/query_counts.json."""

import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.demo import ensure_person
from satisfaction.models import (
    Channel,
    CorrectiveAction,
    CriteriaSet,
    Level,
    QuestionKind,
    Rating,
    RatingReason,
    ResponseChannel,
    Review,
    Service,
    ServiceDesk,
    SurveyCampaign,
)
from satisfaction.services import criteria as criteria_svc
from satisfaction.services import ensure_default_reasons, settings_for
from satisfaction.services import surveys as survey_svc
from tests.support.query_budget import assert_constant, count_queries, load_budgets

pytestmark = pytest.mark.django_db

BUDGETS = load_budgets(__file__)


def add_ratings_and_actions(ward, count, start=0):
    """Desks with an officer, a service and ratings with reasons this month; a corrective action per desk."""
    ubnd = ward.unit("ubnd")
    settings_for(ward.ward)
    ensure_default_reasons(ward.ward)
    reasons = list(RatingReason.objects.filter(ward=ward.ward))
    today = timezone.localdate()
    moment = timezone.make_aware(datetime.combine(today, time(9, 0)))
    for index in range(start, start + count):
        officer = ensure_person(ubnd, f"Cán bộ một cửa {index}", "Công chức")
        service = Service.objects.create(ward=ward.ward, name=f"Lĩnh vực {index}")
        desk = ServiceDesk.objects.create(unit=ubnd, name=f"Quầy số {index}", on_duty=officer)
        desk.services.add(service)
        for number in range(3):
            level = Level.NOT_YET_SATISFIED if number == 2 else Level.SATISFIED
            rating = Rating.objects.create(
                client_id=uuid.uuid4(), desk=desk, unit=ubnd, ward=ward.ward, officer=officer, service=service,
                scale=3, level=level, satisfied=level == Level.SATISFIED, channel=Channel.KIOSK, rated_at=moment,
                rated_on=today, comment=f"Góp ý {index}-{number}",
            )
            rating.reasons.set(reasons[number % len(reasons):][:1])
        CorrectiveAction.objects.create(
            unit=ubnd, head=officer, desk=desk, officer=officer, title=f"Khắc phục quầy {index}",
            period_start=today.replace(day=1), period_end=today, ratings_count=3, index=Decimal("66.7"),
            threshold=Decimal("80"), due_date=today + timedelta(days=30), dedup_key=f"qc-{ward.ward.pk}-{index}",
        )


def add_campaigns(ward, count, start=0, responses=2):
    for index in range(start, start + count):
        ends = date(2023, 1, 31) + timedelta(days=40 * index)
        campaign = SurveyCampaign.objects.create(unit=ward.unit("bcd-qcdc"), title=f"Khảo sát đợt {index}",
                                                 starts_on=ends - timedelta(days=20), ends_on=ends)
        survey_svc.use_default_questionnaire(campaign)
        answer(campaign, responses)


def answer(campaign, responses, first=1):
    questions = list(campaign.questions.all())
    for number in range(first, first + responses):
        raw = {q.pk: str(2 + number % 4) for q in questions if q.kind == QuestionKind.SCALE}
        raw.update({q.pk: "1 2" for q in questions if q.kind == QuestionKind.MULTIPLE})
        raw.update({q.pk: f"Ý kiến {number}" for q in questions if q.kind == QuestionKind.TEXT})
        survey_svc.record_response(campaign, raw, channel=ResponseChannel.PAPER, paper_number=str(number))


def add_criteria_and_assessments(ward, count, start=0):
    """A criteria set per index and a quarterly assessment on the example set: every other one final."""
    example = criteria_svc.ensure_example_set(ward.ward)
    for index in range(start, start + count):
        criteria_set = CriteriaSet.objects.create(ward=ward.ward, name=f"Bộ tiêu chí {index}",
                                                  decision_number=f"{index}/QĐ-UBND")
        criteria_svc._create_groups(criteria_set, [{
            "code": "1", "name": "Nhóm 1", "max_points": Decimal("10"), "is_bonus": False,
            "criteria": [{"code": "1.1", "name": "Tiêu chí", "max_points": Decimal("10"), "evidence": "",
                          "measure": ""}],
        }], [(4, Decimal("9"))])
        year, quarter = 2020 + index // 4, index % 4 + 1
        assessment = criteria_svc.start_assessment(ward.unit("ubnd"), example, year, quarter)
        for score in assessment.scores.select_related("criterion", "assessment"):
            criteria_svc.set_self_score(score, score.criterion.max_points - (1 if score.criterion.code == "4.2" else 0))
        if index % 2:
            criteria_svc.submit(assessment)
            for score in assessment.scores.select_related("criterion", "assessment"):
                criteria_svc.review_score(score, Review.ACCEPTED)
            criteria_svc.complete_review(assessment)
            criteria_svc.finalise(assessment)


def add_data(ward, count, start=0):
    add_ratings_and_actions(ward, count, start)
    add_campaigns(ward, count, start)
    add_criteria_and_assessments(ward, count, start)


PAGES = {
    "results": lambda: reverse("satisfaction:results"),
    "desk_list": lambda: reverse("satisfaction:desk_list"),
    "action_list": lambda: reverse("satisfaction:action_list"),
    "campaign_list": lambda: reverse("satisfaction:campaign_list"),
    "criteria_set_list": lambda: reverse("satisfaction:criteria_set_list"),
    "assessment_list": lambda: reverse("satisfaction:assessment_list"),
    "api_ratings": lambda: "/api/ratings/",
    "api_assessments": lambda: "/api/friendly-assessments/",
    "api_survey_campaigns": lambda: "/api/survey-campaigns/",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_do_not_grow_with_data(ward_a, client_for, name):
    client = client_for(ward_a.users["bloc"])
    add_data(ward_a, 2)
    small = count_queries(client, PAGES[name]())
    add_data(ward_a, 5, start=2)
    assert_constant(name, small, count_queries(client, PAGES[name]()), BUDGETS)


def test_campaign_results_do_not_grow_with_responses_or_dimensions(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    add_campaigns(ward_a, 1)  # the previous campaign, compared with
    campaign = SurveyCampaign.objects.create(unit=ward_a.unit("bcd-qcdc"), title="Khảo sát quý II",
                                             starts_on=date(2024, 5, 1), ends_on=date(2024, 5, 31))
    survey_svc.use_default_questionnaire(campaign)
    answer(campaign, 2)
    small = count_queries(client, campaign.get_absolute_url())
    survey_svc.use_default_questionnaire(campaign)  # five more dimensions and twelve more questions
    answer(campaign, 6, first=3)
    assert_constant("campaign_detail", small, count_queries(client, campaign.get_absolute_url()), BUDGETS)


def test_assessment_list_shows_running_totals_without_a_query_per_row(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    add_criteria_and_assessments(ward_a, 2)

    page = client.get(reverse("satisfaction:assessment_list"))

    text = page.content.decode()
    assert [(a.year, a.quarter, total) for a, total, _stars in page.context["rows"]] == [
        (2020, 2, Decimal("104")), (2020, 1, Decimal("104"))]  # 99 of the main groups + the 5 bonus points
    assert "Quý 1/2020" in text and "tạm tính" in text
