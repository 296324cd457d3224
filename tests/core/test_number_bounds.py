"""A number nobody declared a bound for gets the portal's: the form refuses beyond it in Vietnamese and the browser's
number box carries it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_count_one_zero_too_many_is_refused_and_the_box_says_its_maximum(ward_a, client_for):
    client = client_for(ward_a.users["group_leader"])
    page = client.get(reverse("communitygroups:household_add")).content.decode()
    assert 'name="members_count"' in page and 'max="1000000"' in page

    response = client.post(reverse("communitygroups:household_add"), {"members_count": "40000000"})

    assert response.status_code == 400
    assert "Giá trị lớn nhất là 1.000.000." in response.content.decode()


def test_a_year_box_stays_in_the_calendar_the_portal_knows():
    from django import forms

    from core.forms import PortalForm

    class YearForm(PortalForm):
        year = forms.IntegerField()
        weight = forms.DecimalField(max_digits=5, decimal_places=2)

    form = YearForm(data={"year": "20245", "weight": "1000"})

    assert not form.is_valid()
    assert form.fields["year"].widget.attrs["max"] == "2100"
    assert form.fields["year"].widget.attrs["min"] == "2000"
    assert set(form.errors) == {"year", "weight"}
