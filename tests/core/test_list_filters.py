"""List filters, browser and API, through core.filtersets.BoundedFilterSet: a number far outside any real value
answers 400 with a Vietnamese message instead of failing in a date constructor or the database (found by the API
fuzz run); a choice of rows offers only rows the user may see; a blank choice says "all"."""
import pytest

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
