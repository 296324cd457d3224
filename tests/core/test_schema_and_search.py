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
