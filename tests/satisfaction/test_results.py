"""The satisfaction index, level shares, trend and corrective actions on known data."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import Notification
from satisfaction.models import ActionStatus, CorrectiveAction, Level, Rating
from satisfaction.services import (
    Period,
    breakdown,
    check_thresholds,
    period_bounds,
    previous_period,
    settings_for,
    summarise,
    trend,
)
from tests.support.satisfaction import make_ratings

pytestmark = pytest.mark.django_db




def test_index_and_shares_on_known_data(desk):
    make_ratings(desk, date(2024, 5, 6), {Level.VERY_SATISFIED: 5, Level.SATISFIED: 3, Level.NOT_YET_SATISFIED: 2})

    summary = summarise(Rating.objects.all())

    assert summary.total == 10
    assert summary.index == Decimal("80.0")
    shares = {s.level: (s.count, s.share) for s in summary.shares}
    assert shares["very_satisfied"] == (5, Decimal("50.0"))
    assert shares["satisfied"] == (3, Decimal("30.0"))
    assert shares["not_yet_satisfied"] == (2, Decimal("20.0"))
    assert shares["neutral"] == (0, Decimal("0.0"))


def test_index_rounds_to_one_decimal_and_is_none_without_ratings(desk):
    assert summarise(Rating.objects.none()).index is None
    make_ratings(desk, date(2024, 5, 6), {Level.SATISFIED: 2, Level.NOT_YET_SATISFIED: 1})
    assert summarise(Rating.objects.all()).index == Decimal("66.7")


def test_periods_and_trend_against_the_previous_period():
    assert period_bounds(Period.DAY, date(2024, 3, 5)) == (date(2024, 3, 5), date(2024, 3, 5))
    assert period_bounds(Period.MONTH, date(2024, 2, 10)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_bounds(Period.QUARTER, date(2024, 5, 31)) == (date(2024, 4, 1), date(2024, 6, 30))
    assert previous_period(Period.QUARTER, date(2024, 1, 1)) == (date(2023, 10, 1), date(2023, 12, 31))
    assert previous_period(Period.MONTH, date(2024, 3, 1)) == (date(2024, 2, 1), date(2024, 2, 29))


def test_trend_in_points(desk):
    make_ratings(desk, date(2024, 4, 10), {Level.SATISFIED: 6, Level.NOT_YET_SATISFIED: 4})  # 60 %
    make_ratings(desk, date(2024, 5, 10), {Level.SATISFIED: 9, Level.NOT_YET_SATISFIED: 1})  # 90 %
    april = summarise(Rating.objects.filter(rated_on__month=4))
    may = summarise(Rating.objects.filter(rated_on__month=5))
    assert trend(may, april) == Decimal("30.0")
    assert trend(may, summarise(Rating.objects.none())) is None


def test_breakdown_per_officer_and_reason(desk, officer_person, reasons):
    make_ratings(desk, date(2024, 5, 6), {Level.SATISFIED: 3}, officer=officer_person, reasons=[reasons[0]])
    make_ratings(desk, date(2024, 5, 6), {Level.NOT_YET_SATISFIED: 1}, reasons=[reasons[0], reasons[1]])

    by_officer = {row.key: (row.total, row.index) for row in breakdown(Rating.objects.all(), "officer", {})}
    by_reason = {row.key: (row.total, row.index)
                 for row in breakdown(Rating.objects.filter(reasons__isnull=False), "reasons", {})}

    assert by_officer == {officer_person.pk: (3, Decimal("100.0")), None: (1, Decimal("0.0"))}
    assert by_reason == {reasons[0].pk: (4, Decimal("75.0")), reasons[1].pk: (1, Decimal("0.0"))}


def test_a_corrective_action_opens_below_the_threshold_once(desk, officer_person, head_a, ward_a):
    config = settings_for(desk.ward)
    config.threshold = Decimal("80")
    config.minimum_ratings = 10
    config.save()
    # 7 of 10 satisfied: 70 % < 80 %, for the desk and for its officer.
    make_ratings(desk, date(2024, 5, 6), {Level.SATISFIED: 7, Level.NOT_YET_SATISFIED: 3}, officer=officer_person)
    start, end = period_bounds(Period.MONTH, date(2024, 5, 1))
    head_user = ward_a.users["officer_ubnd"]
    head_user.person = head_a
    head_user.save()

    opened = check_thresholds(desk.ward, start, end, today=date(2024, 6, 1))
    again = check_thresholds(desk.ward, start, end, today=date(2024, 6, 1))

    assert len(opened) == 2 and again == []
    action = CorrectiveAction.objects.get(desk=desk)
    assert action.unit == desk.unit and action.head == head_a
    assert action.index == Decimal("70.0") and action.status == ActionStatus.OPEN
    assert action.due_date == date(2024, 7, 1)
    assert CorrectiveAction.objects.filter(officer=officer_person).count() == 1
    assert Notification.objects.filter(recipient=head_user).count() == 2


def test_no_action_at_or_above_the_threshold_or_with_too_few_ratings(desk):
    config = settings_for(desk.ward)
    config.threshold = Decimal("80")
    config.minimum_ratings = 10
    config.save()
    make_ratings(desk, date(2024, 5, 6), {Level.SATISFIED: 8, Level.NOT_YET_SATISFIED: 2})  # exactly 80 %
    make_ratings(desk, date(2024, 6, 6), {Level.NOT_YET_SATISFIED: 9})  # 0 % but only 9 ratings

    assert check_thresholds(desk.ward, date(2024, 5, 1), date(2024, 5, 31)) == []
    assert check_thresholds(desk.ward, date(2024, 6, 1), date(2024, 6, 30)) == []


def test_without_an_account_for_the_head_the_unit_is_notified(desk, ward_a):
    config = settings_for(desk.ward)
    config.minimum_ratings = 1
    config.save()
    make_ratings(desk, date(2024, 5, 6), {Level.NOT_YET_SATISFIED: 2})
    check_thresholds(desk.ward, date(2024, 5, 1), date(2024, 5, 31))
    assert Notification.objects.filter(recipient=ward_a.users["officer_ubnd"]).exists()


def test_results_page_shows_index_shares_and_breakdowns(desk, ward_a, client_for):
    make_ratings(desk, date(2024, 5, 6), {Level.VERY_SATISFIED: 5, Level.SATISFIED: 3, Level.NOT_YET_SATISFIED: 2})
    make_ratings(desk, date(2024, 4, 6), {Level.VERY_SATISFIED: 1, Level.NOT_YET_SATISFIED: 1})

    response = client_for(ward_a.users["bloc"]).get(reverse("satisfaction:results"),
                                                    {"period": "month", "on": "15/05/2024"})

    assert response.status_code == 200
    text = response.content.decode()
    assert response.context["summary"].index == Decimal("80.0")
    assert response.context["trend"] == Decimal("30.0")
    assert "80,0%" in text and "50,0%" in text and "+30,0" in text
    assert desk.name in text


def test_results_are_scoped_to_the_ward(desk, desk_b, ward_b, client_for):
    make_ratings(desk, date(2024, 5, 6), {Level.SATISFIED: 4})
    response = client_for(ward_b.users["bloc"]).get(reverse("satisfaction:results"), {"on": "06/05/2024"})
    assert response.context["summary"].total == 0
    assert client_for(ward_b.users["bloc"]).get(reverse("satisfaction:desk_detail", args=[desk.pk])).status_code == 404


def test_corrective_action_is_closed_with_a_result(desk, ward_a, client_for):
    config = settings_for(desk.ward)
    config.minimum_ratings = 1
    config.save()
    make_ratings(desk, date(2024, 5, 6), {Level.NOT_YET_SATISFIED: 2})
    action = check_thresholds(desk.ward, date(2024, 5, 1), date(2024, 5, 31))[0]
    client = client_for(ward_a.users["officer_ubnd"])
    url = reverse("satisfaction:action_edit", args=[action.pk])

    refused = client.post(url, {"status": "closed", "measures": "Họp rút kinh nghiệm", "result": ""})
    done = client.post(url, {"status": "closed", "measures": "Họp rút kinh nghiệm", "result": "Đã chấn chỉnh.",
                             "closed_on": "20/06/2024", "due_date": "30/06/2024"})

    assert refused.status_code == 400 and "Ghi kết quả khắc phục" in refused.content.decode()
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.CLOSED and action.closed_on == date(2024, 6, 20)
    assert client_for(ward_a.users["officer_mttq"]).get(action.get_absolute_url()).status_code == 404


def test_desk_page_issues_a_device_link_once(desk, ward_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    client.post(reverse("satisfaction:device_issue", args=[desk.pk]), {"name": "Máy tính bảng quầy 1"})
    first = client.get(desk.get_absolute_url()).content.decode()
    second = client.get(desk.get_absolute_url()).content.decode()
    assert "#kiosk=" in first and "#kiosk=" not in second
    assert client_for(ward_a.users["officer_mttq"]).post(
        reverse("satisfaction:device_issue", args=[desk.pk]), {"name": "x"}).status_code == 404


def test_settings_are_changed_by_the_bloc_only(ward_a, client_for):
    url = reverse("satisfaction:settings")
    data = {"scale": "4", "question": "Ông/bà đánh giá thế nào?", "threshold": "85",
            "minimum_ratings": "15", "idle_seconds": "40"}
    assert client_for(ward_a.users["officer_ubnd"]).post(url, data).status_code == 404
    assert client_for(ward_a.users["bloc"]).post(url, data).status_code == 302
    assert settings_for(ward_a.ward).scale == 4


def test_results_per_service_and_for_one_service(desk, ward_a, client_for):
    from satisfaction.models import Service

    civil = desk.services.get()  # "Hộ tịch"
    notary = Service.objects.create(ward=desk.ward, name="Chứng thực")
    day = date(2024, 5, 6)
    for service, counts in ((civil, {Level.SATISFIED: 3, Level.NOT_YET_SATISFIED: 1}),
                            (notary, {Level.VERY_SATISFIED: 1, Level.NOT_YET_SATISFIED: 1}),
                            (None, {Level.SATISFIED: 1})):
        Rating.objects.filter(pk__in=[r.pk for r in make_ratings(desk, day, counts)]).update(service=service)
    client = client_for(ward_a.users["bloc"])
    url = reverse("satisfaction:results")

    page = client.get(url, {"period": "month", "on": "06/05/2024"})
    one = client.get(url, {"period": "month", "on": "06/05/2024", "service": notary.pk})

    rows = [(row.label, row.total, row.index) for row in page.context["by_service"]]
    assert rows == [("Hộ tịch", 4, Decimal("75.0")), ("Chứng thực", 2, Decimal("50.0")),
                    ("(không ghi)", 1, Decimal("100.0"))]
    text = page.content.decode()
    section = text[text.index('id="by-service"'):]
    assert "<td>Hộ tịch</td><td>4</td><td>75,0%</td>" in section[:section.index("</section>")]
    assert one.context["summary"].total == 2 and one.context["summary"].index == Decimal("50.0")
    assert [row.label for row in one.context["by_service"]] == ["Chứng thực"]
