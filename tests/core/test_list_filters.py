"""List filters, browser and API, through core.filtersets.BoundedFilterSet: a number far outside any real value
answers 400 with a Vietnamese message instead of failing in a date constructor or the database (found by the API
fuzz run), and so does a choice of rows given a key its table cannot hold (pen-test finding 10); a choice of rows
offers only rows the user may see; a blank choice says "all"."""
import pytest

from core.filtersets import integer_key

HUGE = "99999999999999999999"
NOT_IN_LIST = f"Không có mục “{HUGE}” trong danh sách. Hãy chọn một mục trong danh sách"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/api/citizen-receptions/?year=-12000000000000000",
    "/api/dvk/activities/?model=1000000000000000000000000000000000000000000000000",
    "/api/progress/?task=99999999999999999999",
])
def test_the_api_refuses_an_unbounded_number_in_a_filter(ward_a, api_for, url):
    response = api_for(ward_a.users["bloc"]).get(url)

    assert response.status_code == 400
    assert "Giá trị phải" in str(response.json())


def test_a_real_year_still_filters(ward_a, api_for):
    response = api_for(ward_a.users["bloc"]).get("/api/citizen-receptions/?year=2024")

    assert response.status_code == 200


def test_the_browser_list_says_what_is_wrong(ward_a, client_for):
    response = client_for(ward_a.users["bloc"]).get("/hoi-nghi/?year=99999")

    assert response.status_code == 200
    assert "Giá trị phải nhỏ hơn hoặc bằng 9999." in response.content.decode()


def test_a_blank_filter_choice_says_all(ward_a, plan_a, client_for):
    html = client_for(ward_a.users["bloc"]).get("/nhiem-vu/").content.decode()

    assert "— Tất cả —" in html
    assert "---------" not in html


def test_a_filter_built_from_a_model_field_offers_only_the_users_ward(ward_a, plan_a, plan_b, api_for):
    plan_b.title = "Kế hoạch riêng của phường Bình An"
    plan_b.save()
    bloc = api_for(ward_a.users["bloc"])

    form = bloc.get("/api/areas/", HTTP_ACCEPT="text/html").content.decode()
    other_ward = bloc.get(f"/api/areas/?plan={plan_b.pk}")
    own_ward = bloc.get(f"/api/areas/?plan={plan_a.pk}")

    created = bloc.post("/api/areas/", {"plan": plan_b.pk, "kind": "other", "title": "Lĩnh vực lạ", "order": 9},
                        format="json")

    # Neither the filter nor the browsable API's form names the other ward's plan; naming it is refused.
    assert "Kế hoạch riêng của phường Bình An" not in form
    assert other_ward.status_code == 400
    assert own_ward.status_code == 200 and own_ward.json()["count"] == plan_a.areas.count()
    assert created.status_code == 400 and "plan" in created.json()


# --- Choices of rows given a key no table can hold (pen-test finding 10) ------------------------------------

@pytest.mark.parametrize("url", [
    f"/api/ratings/?reasons={HUGE}",  # ModelMultipleChoiceFilter
    f"/api/ratings/?reasons=1&reasons={HUGE}",
    f"/api/ratings/?desk={HUGE}",  # ModelChoiceFilter
    f"/api/community/households/?group={HUGE}",
    f"/api/community/households/?group=-{HUGE}",
    f"/api/areas/?plan={HUGE}",  # generated from filterset_fields
])
def test_the_api_refuses_a_key_no_table_can_hold(ward_a, api_for, url):
    response = api_for(ward_a.users["bloc"]).get(url)

    assert response.status_code == 400
    assert "Không có mục" in str(response.json())
    assert "Hãy chọn một mục trong danh sách" in str(response.json())


@pytest.mark.parametrize("url", [
    "/api/ratings/?reasons=abc",
    "/api/ratings/?desk=1.5",
    "/api/community/households/?group=%C2%B2",  # "²" passes str.isdigit() but is no number
    f"/api/community/members/?role={HUGE}",  # ChoiceFilter
    f"/api/ratings/?level={HUGE}",
])
def test_the_api_refuses_junk_in_a_choice_filter(ward_a, api_for, url):
    response = api_for(ward_a.users["bloc"]).get(url)

    assert response.status_code == 400
    assert "Không có mục" in str(response.json()) or "Hãy chọn" in str(response.json())


@pytest.mark.parametrize("url", [f"/ho-gia-dinh/?group={HUGE}", f"/ho-gia-dinh/?group={HUGE}&inter_family_group=1"])
def test_the_browser_list_shows_the_form_error_for_a_key_no_table_can_hold(ward_a, client_for, url):
    response = client_for(ward_a.users["bloc"]).get(url)

    assert response.status_code == 200
    assert NOT_IN_LIST in response.content.decode()


def test_the_household_list_survives_a_group_that_only_looks_like_a_number(ward_a, client_for):
    response = client_for(ward_a.users["bloc"]).get("/ho-gia-dinh/?group=%C2%B2")

    assert response.status_code == 200


def test_a_real_key_still_filters(ward_a, plan_a, api_for):
    response = api_for(ward_a.users["bloc"]).get(f"/api/areas/?plan={plan_a.pk}")

    assert response.status_code == 200
    assert response.json()["count"] == plan_a.areas.count()


@pytest.mark.parametrize("value, expected", [
    ("12", 12), (" 12 ", 12), ("2147483647", 2147483647), (HUGE, None), ("-" + HUGE, None), ("abc", None),
    ("1.5", None), ("²", None), (None, None), ("", None),
])
def test_integer_key_takes_only_what_the_column_holds(value, expected):
    from organisations.models import Unit

    assert integer_key(Unit._meta.pk, value) == expected
