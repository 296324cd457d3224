"""The REST API of area 2 and its area section for reports and dashboards."""

from datetime import date
from decimal import Decimal

import pytest

from core.areas import all_sections
from satisfaction.models import Level
from satisfaction.sections import satisfaction_figures
from satisfaction.services import check_thresholds, criteria, settings_for
from tests.support.satisfaction import make_ratings

pytestmark = pytest.mark.django_db


def test_section_is_registered_with_index_trend_stars_and_open_actions(desk, ward_a):
    assert "satisfaction" in [s.key for s in all_sections()]
    make_ratings(desk, date(2024, 4, 10), {Level.SATISFIED: 8, Level.NOT_YET_SATISFIED: 2})  # 80 % in Q2
    make_ratings(desk, date(2024, 1, 10), {Level.SATISFIED: 6, Level.NOT_YET_SATISFIED: 4})  # 60 % in Q1
    config = settings_for(desk.ward)
    config.minimum_ratings = 1
    config.save()
    check_thresholds(desk.ward, date(2024, 1, 1), date(2024, 1, 31))
    criteria_set = criteria.ensure_example_set(ward_a.ward)
    assessment = criteria.start_assessment(ward_a.units["ubnd"], criteria_set, 2024, 2)
    for score in assessment.scores.select_related("criterion"):
        criteria.set_self_score(score, score.criterion.max_points - (4 if score.criterion.code == "4.2" else 0))

    figures = satisfaction_figures(ward_a.ward, date(2024, 4, 1), date(2024, 6, 30))

    labels = dict(figures.rows)
    assert labels["Chỉ số hài lòng"] == "80%"
    assert figures.data["index"] == 80.0 and figures.data["trend"] == 20.0 and figures.data["ratings"] == 10
    # 96 of the main groups + 5 bonus points
    assert figures.data["assessment"] == {"year": 2024, "quarter": 2, "total": 101.0, "stars": 4, "final": False}
    assert figures.data["open_corrective_actions"] == 1 and figures.status == "danger"
    assert figures.link == "/hai-long/"


def test_section_of_an_empty_ward(ward_b):
    figures = satisfaction_figures(ward_b.ward, date(2024, 4, 1), date(2024, 6, 30))
    assert figures.data["index"] is None and figures.data["assessment"] is None and figures.status == "warning"


def test_api_lists_ratings_of_the_ward_and_their_summary(desk, desk_b, ward_a, ward_b, api_for):
    make_ratings(desk, date(2024, 5, 6), {Level.VERY_SATISFIED: 5, Level.SATISFIED: 3, Level.NOT_YET_SATISFIED: 2})
    make_ratings(desk_b, date(2024, 5, 6), {Level.NOT_YET_SATISFIED: 3})
    client = api_for(ward_a.users["bloc"])

    listing = client.get("/api/ratings/", {"rated_after": "2024-05-01"})
    summary = client.get("/api/ratings/summary/", {"desk": desk.pk})

    assert listing.status_code == 200 and listing.json()["count"] == 10
    assert summary.json()["total"] == 10 and Decimal(str(summary.json()["index"])) == Decimal("80.0")
    assert api_for(ward_b.users["bloc"]).get("/api/ratings/summary/").json()["total"] == 3
    assert client.post("/api/ratings/", {}).status_code == 405


def test_api_desks_and_corrective_actions_are_scoped(desk, desk_b, ward_a, api_for):
    client = api_for(ward_a.users["officer_ubnd"])
    assert [d["id"] for d in client.get("/api/service-desks/").json()["results"]] == [desk.pk]
    assert client.get(f"/api/service-desks/{desk_b.pk}/").status_code == 404
    config = settings_for(desk.ward)
    config.minimum_ratings = 1
    config.save()
    make_ratings(desk, date(2024, 5, 6), {Level.NOT_YET_SATISFIED: 2})
    action = check_thresholds(desk.ward, date(2024, 5, 1), date(2024, 5, 31))[0]
    refused = client.patch(f"/api/corrective-actions/{action.pk}/", {"status": "closed"}, format="json")
    closed = client.patch(f"/api/corrective-actions/{action.pk}/",
                          {"status": "closed", "result": "Đã chấn chỉnh", "closed_on": "2024-06-20"}, format="json")
    assert refused.status_code == 400 and closed.status_code == 200
    assert api_for(ward_a.users["officer_mttq"]).get(f"/api/corrective-actions/{action.pk}/").status_code == 404


def test_api_assessments_and_criteria_sets(ward_a, ward_b, api_for):
    criteria_set = criteria.ensure_example_set(ward_a.ward)
    criteria.start_assessment(ward_a.units["ubnd"], criteria_set, 2024, 1)
    body = api_for(ward_a.users["standing"]).get("/api/friendly-assessments/").json()
    sets = api_for(ward_a.users["officer_mttq"]).get("/api/criteria-sets/").json()
    assert body["results"][0]["quarter"] == 1 and len(body["results"][0]["scores"]) == 14
    assert sets["results"][0]["is_example"] is True and len(sets["results"][0]["groups"]) == 5
    assert api_for(ward_b.users["bloc"]).get("/api/friendly-assessments/").json()["count"] == 0
