"""Numbers read from a page's address, and which ward a page is about: one answer for every page."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from core.params import whole_number
from core.wards import ward_for_request


@pytest.mark.parametrize("text, expected", [
    ("12", 12), (" 7 ", 7), ("-3", -3), ("+4", 4),
    ("²", None), ("1e5", None), ("", None), (None, None), ("12a", None), ("٣", None),
    ("99999999999999999999", None),
])
def test_whole_number_reads_only_plain_digits_within_bounds(text, expected):
    assert whole_number(text) == expected


def _request(user, **query):
    request = RequestFactory().get("/", query)
    request.user = user
    return request


@pytest.mark.django_db
def test_a_ward_user_gets_their_ward_and_404_for_another(ward_a, ward_b):
    bloc = ward_a.users["bloc"]

    assert ward_for_request(_request(bloc)) == ward_a.ward
    assert ward_for_request(_request(bloc, ward=str(ward_a.ward.pk))) == ward_a.ward
    for other in (str(ward_b.ward.pk), "²", "99999999999999999999"):
        with pytest.raises(Http404):
            ward_for_request(_request(bloc, ward=other))


@pytest.mark.django_db
def test_a_city_viewer_picks_any_ward_of_the_city(ward_a, ward_b, city_viewer):
    assert ward_for_request(_request(city_viewer, ward=str(ward_b.ward.pk))) == ward_b.ward
    assert ward_for_request(_request(city_viewer)) in (ward_a.ward, ward_b.ward)
