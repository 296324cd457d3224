"""The demo loader of area 2: desks and half a year of ratings, a corrective action, survey campaigns and the
quarterly self-assessments, for the demo ward, once."""

import random

import pytest

from organisations.demo import create_ward
from satisfaction.demo import load_demo
from satisfaction.models import (
    ActionStatus,
    Assessment,
    AssessmentStatus,
    CorrectiveAction,
    CriteriaSet,
    Rating,
    ServiceDesk,
    SurveyCampaign,
)
from satisfaction.services import criteria as criteria_svc
from satisfaction.services import summarise
from satisfaction.services import surveys as survey_svc

pytestmark = pytest.mark.django_db


def counts():
    return tuple(model.objects.count() for model in (ServiceDesk, Rating, CorrectiveAction, SurveyCampaign,
                                                     Assessment, CriteriaSet))


def test_load_demo_creates_the_area_for_the_demo_ward_once(city):
    units = create_ward(city, "hoa-binh", "phường Hòa Bình")
    ward = units["dang-uy"]

    load_demo(units, random.Random(1))
    first = counts()
    load_demo(units, random.Random(1))

    assert counts() == first
    desks = list(ServiceDesk.objects.filter(ward=ward).order_by("name"))
    assert [d.name[:8] for d in desks] == ["Quầy số ", "Quầy số "] and all(d.unit == units["ubnd"] for d in desks)
    assert all(d.on_duty is not None and d.services.exists() for d in desks)
    for desk in desks:
        summary = summarise(Rating.objects.filter(desk=desk))
        assert summary.total > 300 and 50 < summary.index < 100
    assert Rating.objects.filter(ward=ward, reasons__isnull=False).exists()
    assert CorrectiveAction.objects.filter(ward=ward, status=ActionStatus.CLOSED).exists()

    campaigns = list(SurveyCampaign.objects.filter(ward=ward).order_by("ends_on"))
    assert [c.responses.count() for c in campaigns] == [40, 60]
    latest = survey_svc.campaign_results(campaigns[1])
    assert latest.previous == campaigns[0] and latest.index is not None and len(latest.dimensions) == 5

    assessments = list(Assessment.objects.filter(ward=ward).order_by("year", "quarter"))
    assert [a.status for a in assessments] == [AssessmentStatus.FINAL] * 3 + [AssessmentStatus.SUBMITTED]
    assert all(a.criteria_set.is_example for a in assessments)
    assert all(a.total is not None and a.stars >= 1 for a in assessments[:3])
    assert criteria_svc.compute(assessments[3]).total > 0
    for record in (*desks, *campaigns, *assessments):
        record.full_clean()
