import pytest
from django.urls import reverse

from core.search import normalise
from plans.models import Task

pytestmark = pytest.mark.django_db


def test_openapi_schema_lists_the_endpoints(ward_a, client_for):
    response = client_for(ward_a.users["bloc"]).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/units/", "/api/people/", "/api/plans/", "/api/areas/", "/api/tasks/", "/api/progress/"):
        assert path in paths
    assert "q" in {p["name"] for p in paths["/api/tasks/"]["get"]["parameters"]}


AREA_APPS = ("plans", "meetings", "accountability", "democracy", "satisfaction", "models_khoe", "religion",
             "communitygroups", "reports")


def _api_routes():
    """{app: [(route, compiled pattern)]}: every route the API router of each project app (``<app>/api/urls.py``)
    adds, read from the routers themselves."""
    import importlib
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    routes = {}
    for config in apps.get_app_configs():
        if Path(config.path).parent != Path(settings.BASE_DIR) or not (Path(config.path) / "api" / "urls.py").exists():
            continue
        module = importlib.import_module(f"{config.name}.api.urls")
        routes[config.name] = [(str(p.pattern), p.pattern.regex) for p in module.urlpatterns]
    return routes


def _as_route(schema_path):
    """/api/dvk/models/{id}/score/ -> dvk/models/1/score/, as a request would reach the router's pattern."""
    import re

    return re.sub(r"\{[^}]+\}", "1", schema_path.removeprefix("/api/"))


_SCHEMA = {}


@pytest.mark.parametrize("app", AREA_APPS)
def test_openapi_schema_lists_every_endpoint_of_each_area_app(ward_a, client_for, app):
    if not _SCHEMA:  # the schema does not depend on the data: fetched once for every app's check
        response = client_for(ward_a.users["bloc"]).get("/api/schema/", {"format": "json"})
        assert response.status_code == 200
        _SCHEMA.update(response.json())
    paths = _SCHEMA["paths"]

    api_routes = _api_routes()
    assert app in api_routes, f"{app} has no api/urls.py"
    routes = api_routes[app]
    assert routes, f"{app}: its API router registers no endpoint"
    missing = [route for route, regex in routes
               if not any(regex.fullmatch(_as_route(path)) and paths[path] for path in paths)]
    assert not missing, f"{app}: routes not in the schema: {missing}"


def test_api_docs_page_uses_vendored_assets(ward_a, client_for):
    html = client_for(ward_a.users["bloc"]).get("/api/docs/").content.decode()
    assert "swagger" in html.lower()
    assert "cdn" not in html.lower()


def test_api_requires_login():
    from rest_framework.test import APIClient

    assert APIClient().get("/api/tasks/").status_code in (401, 403)


def test_normalise_folds_vietnamese():
    assert normalise("Dân vận KHÉO") == "dan van kheo"
    assert normalise("Đảng ủy phường") == "dang uy phuong"


def test_search_matches_with_or_without_diacritics(ward_a, plan_a, client_for):
    client = client_for(ward_a.users["bloc"])
    for query in ("Chủ nhật xanh", "chu nhat xanh", "CHU NHAT XANH"):
        rows = client.get(reverse("plans:task_list"), {"q": query}).context["object_list"]
        assert [t.title for t in rows] == [Task.objects.get(plan=plan_a, title__contains="Chủ nhật xanh").title]
    api_rows = client.get("/api/tasks/", {"q": "dan van kheo"}).json()["results"]
    assert api_rows and all("Dân vận khéo" in row["title"] or "dân vận khéo" in row["title"].lower()
                            or "dân vận khéo" in row["description"].lower() for row in api_rows)


def test_filters_by_status_and_unit(ward_a, plan_a, client_for):
    client = client_for(ward_a.users["bloc"])
    rows = client.get(reverse("plans:task_list"), {"lead_unit": ward_a.unit("mttq").pk, "per_page": 100})
    assert {t.lead_unit_id for t in rows.context["object_list"]} == {ward_a.unit("mttq").pk}
    overdue = client.get("/api/tasks/", {"status": "overdue", "page_size": 100}).json()["results"]
    assert overdue and {row["status"] for row in overdue} == {"overdue"}


def test_login_page_and_home_in_vietnamese(ward_a, plan_a, client):
    page = client.get("/dang-nhap/")
    assert "Đăng nhập" in page.content.decode()
    assert client.get("/").status_code == 302


def test_vietnamese_is_served_even_to_a_browser_asking_for_english(client):
    page = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in page.content.decode()


def test_the_schema_and_the_docs_are_for_logged_in_users_only(ward_a, client_for):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    anonymous = APIClient()
    token = Token.objects.create(user=ward_a.users["bloc"])
    with_token = APIClient()
    with_token.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert anonymous.get("/api/schema/").status_code == 401
    assert anonymous.get("/api/docs/").status_code == 401
    assert "/api/docs/" not in anonymous.get(reverse("login")).content.decode()
    assert with_token.get("/api/schema/", {"format": "json"}).status_code == 200
    assert client_for(ward_a.users["bloc"]).get("/api/docs/").status_code == 200
