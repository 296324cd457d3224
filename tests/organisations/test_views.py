"""Units and people pages, scoped by role: a ward's officers see their ward, never another's."""

import pytest
from django.urls import reverse

from organisations.demo import ensure_person
from organisations.models import Person, Unit

pytestmark = pytest.mark.django_db

UNITS = reverse("organisations:unit_list")
PEOPLE = reverse("organisations:person_list")
ADD_PERSON = reverse("organisations:person_add")


@pytest.fixture
def people(ward_a, ward_b):
    return {
        "chairman_a": ensure_person(ward_a.unit("ubnd"), "Lê Văn Chính", "Chủ tịch UBND phường", is_unit_head=True),
        "front_a": ensure_person(ward_a.unit("mttq"), "Phạm Thị Mặt", "Chủ tịch Ủy ban MTTQ phường"),
        "chairman_b": ensure_person(ward_b.unit("ubnd"), "Đỗ Văn Bình", "Chủ tịch UBND phường"),
    }


def all_rows(client, url, **params):
    response = client.get(url, {"per_page": 200, **params})
    assert response.status_code == 200
    return set(response.context["object_list"])


@pytest.mark.parametrize("role", ["officer_ubnd", "group_leader", "bloc", "standing"])
def test_ward_users_see_their_wards_units_and_not_another_wards(ward_a, ward_b, client_for, role):
    units = all_rows(client_for(ward_a.users[role]), UNITS)

    assert units == set(Unit.objects.filter(ward=ward_a.ward))
    assert ward_a.unit("tdp-4") in units
    assert not units & set(Unit.objects.filter(ward=ward_b.ward))
    assert ward_a.ward.parent not in units  # the city is above the ward


def test_city_viewer_sees_every_ward(ward_a, ward_b, city_viewer, client_for):
    units = all_rows(client_for(city_viewer), UNITS)

    assert {ward_a.ward, ward_b.ward, ward_a.unit("ubnd"), ward_b.unit("ubnd")} <= units


def test_unit_page_of_another_ward_answers_404(ward_a, ward_b, client_for):
    client = client_for(ward_a.users["officer_ubnd"])

    assert client.get(ward_a.unit("mttq").get_absolute_url()).status_code == 200
    assert client.get(ward_b.unit("ubnd").get_absolute_url()).status_code == 404


def test_unit_list_filters_by_kind_and_searches_without_diacritics(ward_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])

    cells = all_rows(client, UNITS, kind="party_cell")
    found = all_rows(client, UNITS, q="hoi cuu chien binh")

    assert cells == set(Unit.objects.filter(ward=ward_a.ward, kind="party_cell")) and len(cells) == 5
    assert found == {ward_a.unit("hoi-ccb")}


def test_officer_sees_their_wards_people_and_404_on_another_wards_person(ward_a, people, client_for):
    client = client_for(ward_a.users["officer_ubnd"])

    listed = all_rows(client, PEOPLE)
    own = client.get(people["front_a"].get_absolute_url())
    other = client.get(people["chairman_b"].get_absolute_url())
    other_edit = client.get(reverse("organisations:person_edit", args=[people["chairman_b"].pk]))

    assert listed == {people["chairman_a"], people["front_a"]}
    assert own.status_code == 200 and "Phạm Thị Mặt" in own.content.decode()
    assert other.status_code == 404 and other_edit.status_code == 404
    assert "Đỗ Văn Bình" not in client.get(PEOPLE).content.decode()


def test_officer_edits_their_units_people_only(ward_a, people, client_for):
    client = client_for(ward_a.users["officer_ubnd"])

    assert client.get(reverse("organisations:person_edit", args=[people["chairman_a"].pk])).status_code == 200
    assert client.get(reverse("organisations:person_edit", args=[people["front_a"].pk])).status_code == 404


def test_people_search_matches_with_or_without_diacritics(ward_a, people, client_for):
    client = client_for(ward_a.users["bloc"])

    assert all_rows(client, PEOPLE, q="pham thi mat") == {people["front_a"]}
    assert all_rows(client, PEOPLE, q="Phạm Thị Mặt") == {people["front_a"]}


def test_officer_adds_a_person_to_their_unit(ward_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])

    response = client.post(ADD_PERSON, {"unit": ward_a.unit("ubnd").pk, "full_name": "Vũ Thị Hạnh",
                                        "position": "Công chức Văn phòng", "is_active": "on"})

    assert response.status_code == 302
    assert Person.objects.get(full_name="Vũ Thị Hạnh").unit == ward_a.unit("ubnd")


@pytest.mark.parametrize("data, message", [
    ({"full_name": ""}, "Trường này là bắt buộc."),
    ({"email": "khong-phai-email"}, "Hãy nhập địa chỉ thư điện tử hợp lệ."),
    ({"unit": ""}, "Trường này là bắt buộc."),
    ({"unit": "mttq"}, "Hãy chọn một lựa chọn hợp lệ."),
    ({"unit": "ward_b"}, "Hãy chọn một lựa chọn hợp lệ."),
])
def test_people_form_errors_are_in_vietnamese_and_nothing_is_written(ward_a, ward_b, client_for, data, message):
    post = {"unit": ward_a.unit("ubnd").pk, "full_name": "Vũ Thị Hạnh", "email": "", "is_active": "on"}
    units = {"mttq": ward_a.unit("mttq").pk, "ward_b": ward_b.unit("ubnd").pk}
    post.update({key: units.get(value, value) for key, value in data.items()})

    response = client_for(ward_a.users["officer_ubnd"]).post(ADD_PERSON, post)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Person.objects.filter(full_name="Vũ Thị Hạnh").exists()
