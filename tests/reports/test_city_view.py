"""The city viewer's own way: the city view in their menu, with figures on first open, units and a legend; their
home page says which ward each task belongs to (issue 14)."""

import pytest
from django.urls import reverse

from reports.models import WardSummary

pytestmark = pytest.mark.django_db


def test_city_view_is_in_the_city_viewers_menu_only(ward_a, city_viewer, client_for):
    city_url = reverse("reports:city")

    city_menu = [item["url"] for item in client_for(city_viewer).get("/").context["menu"]]
    bloc_menu = [item["url"] for item in client_for(ward_a.users["bloc"]).get("/").context["menu"]]

    assert city_url in city_menu
    assert city_url not in bloc_menu


def test_city_view_computes_the_figures_on_first_open(ward_a, ward_b, plan_a, plan_b, city_viewer, client_for):
    assert not WardSummary.objects.exists()

    page = client_for(city_viewer).get(reverse("reports:city"))

    assert page.status_code == 200
    assert {row["ward"].code for row in page.context["rows"]} == {"phuong-a", "phuong-b"}
    html = page.content.decode()
    assert "Bấm “Cập nhật số liệu”" not in html
    assert "số liệu tính lúc" in html  # the age of the figures


def test_city_view_names_the_unit_of_every_column_and_explains_the_colours(ward_a, plan_a, city_viewer, client_for):
    page = client_for(city_viewer).get(reverse("reports:city"))

    columns = page.context["columns"]
    assert columns and all(column["unit"] for column in columns)
    units = {column["key"]: column["unit"] for column in columns}
    assert units["plan"] == "%"
    assert units["communitygroups"] == "%"
    assert units["meetings"] == "số lượng"
    html = page.content.decode()
    assert "(%)" in html and "(số lượng)" in html
    for meaning in ("Đạt yêu cầu", "Cần chú ý", "Chưa đạt, cần chỉ đạo", "Chưa có đánh giá"):
        assert meaning in html


def test_city_viewers_home_labels_every_task_with_its_ward(ward_a, ward_b, plan_a, plan_b, city_viewer, client_for):
    page = client_for(city_viewer).get("/")

    html = page.content.decode()
    assert "<th>Phường</th>" in html
    labelled = {ward.name for ward in (ward_a.ward, ward_b.ward) if f'data-label="Phường">{ward.name}</td>' in html}
    assert labelled == {ward_a.ward.name, ward_b.ward.name}


def test_a_ward_officers_home_has_no_ward_column(ward_a, plan_a, client_for):
    page = client_for(ward_a.users["bloc"]).get("/")

    assert "<th>Phường</th>" not in page.content.decode()


def test_city_view_shows_the_same_figures_from_kept_headlines_or_from_older_summaries(
        ward_a, ward_b, plan_a, plan_b, city_viewer, client_for):
    client = client_for(city_viewer)
    from_headlines = client.get(reverse("reports:city")).context["rows"]
    assert all(summary.headlines for summary in WardSummary.objects.all())
    # A summary computed before the headlines were kept beside the figures (until the next refresh).
    WardSummary.objects.update(headlines=[])

    from_figures = client.get(reverse("reports:city")).context["rows"]

    assert [row["cells"] for row in from_figures] == [row["cells"] for row in from_headlines]
    assert any(cell.get("headline") is not None for row in from_headlines for cell in row["cells"])
