"""Lists sorted by a column (core.sorting): the header links sort ascending then descending, keep the filters, go
back to the first page; an unknown key leaves the list in its default order; pages stay stable.

The list pages are discovered, not listed: every browser route whose view sorts through ``SortedFilterMixin`` must
offer sort headers and answer every one of its sort keys, so a list added tomorrow is covered the day it lands.
"""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.sorting import Sorting, by_choices
from core.views import SortedFilterMixin
from organisations.models import Person, Unit, UnitKind
from tests.support.query_budget import count_queries
from tests.support.urlmap import walk

pytestmark = pytest.mark.django_db

HEADER = re.compile(r'<th class="sortable[^"]*"(?: aria-sort="(?P<direction>\w+)")?><a href="(?P<href>[^"]*)"')


def headers(response):
    """{sort key the link asks for: (its query parameters, the column's aria-sort or None)} of the page's headers."""
    found = {}
    for match in HEADER.finditer(response.content.decode()):
        query = parse_qs(urlsplit(unescape(match.group("href"))).query)
        found[query["sort"][0].removeprefix("-")] = (query, match.group("direction"))
    return found


def names_in_order(response, names):
    html = response.content.decode()
    return sorted(names, key=html.index)


@pytest.fixture
def people(ward_a):
    unit = ward_a.unit("mttq")
    names = ["Nguyễn Văn Cường", "Trần Thị An", "Lê Văn Bảo"]
    return [Person.objects.create(unit=unit, full_name=name, position="Ủy viên") for name in names]


# --- What a reader sees ----------------------------------------------------------------------------------------

def test_a_column_sorts_ascending_then_descending(ward_a, people, client_for):
    client = client_for(ward_a.users["bloc"])
    names = [person.full_name for person in people]

    ascending = client.get("/can-bo/", {"sort": "name", "q": "Uy vien"})
    descending = client.get("/can-bo/", {"sort": "-name", "q": "Uy vien"})

    assert names_in_order(ascending, names) == ["Lê Văn Bảo", "Nguyễn Văn Cường", "Trần Thị An"]
    assert names_in_order(descending, names) == ["Trần Thị An", "Nguyễn Văn Cường", "Lê Văn Bảo"]
    # The column says how the list is sorted, and its link offers the other direction.
    query, direction = headers(ascending)["name"]
    assert direction == "ascending" and query["sort"] == ["-name"]
    query, direction = headers(descending)["name"]
    assert direction == "descending" and query["sort"] == ["name"]


def test_an_unknown_sort_key_shows_the_default_order(ward_a, people, client_for):
    client = client_for(ward_a.users["bloc"])
    names = [person.full_name for person in people]

    unsorted = client.get("/can-bo/")
    unknown = client.get("/can-bo/", {"sort": "-password"})

    assert unknown.status_code == 200
    assert names_in_order(unknown, names) == names_in_order(unsorted, names)
    assert all(direction is None for _query, direction in headers(unknown).values())


def test_header_links_keep_the_filters_and_go_back_to_the_first_page(ward_a, people, client_for):
    response = client_for(ward_a.users["bloc"]).get("/can-bo/", {"q": "Uy vien", "unit": "", "sort": "name",
                                                                 "page": "1"})

    for key, (query, _direction) in headers(response).items():
        assert query["q"] == ["Uy vien"], key
        assert "page" not in query, key


def test_page_links_keep_the_sort_and_the_filters(ward_a, client_for):
    unit = ward_a.unit("ubnd")
    for i in range(15):
        Person.objects.create(unit=unit, full_name=f"Cán bộ {i:02d}", position="Chuyên viên")

    html = client_for(ward_a.users["bloc"]).get("/can-bo/", {"sort": "-name", "q": "Chuyen vien",
                                                             "per_page": 10}).content.decode()

    pagination = html[html.index('class="pagination"'):]
    next_link = unescape(re.search(r'href="([^"]*page=2[^"]*)"', pagination).group(1))
    assert parse_qs(urlsplit(next_link).query) == {"sort": ["-name"], "q": ["Chuyen vien"], "per_page": ["10"],
                                                   "page": ["2"]}


def test_pages_of_a_sorted_list_neither_repeat_nor_skip_rows(ward_a, client_for):
    # Every row has the same position: only the tie-breaker decides where a row falls.
    unit = ward_a.unit("ubnd")
    for i in range(25):
        Person.objects.create(unit=unit, full_name=f"Cán bộ {i:02d}", position="Chuyên viên")
    client = client_for(ward_a.users["bloc"])

    for sort in ("position", "-position"):
        seen = []
        for page in (1, 2, 3):
            response = client.get("/can-bo/", {"sort": sort, "q": "Chuyen vien", "per_page": 10, "page": page})
            seen += [person.pk for person in response.context["object_list"]]
        assert len(seen) == len(set(seen)) == 25, sort


def test_a_list_keeps_its_default_order_marked_on_its_column(ward_a, client_for):
    response = client_for(ward_a.users["bloc"]).get("/hoi-nghi/")

    _query, direction = headers(response)["date"]
    assert direction == "descending"


def test_the_excel_export_follows_the_order_of_the_list(ward_a, plan_a, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    client = client_for(ward_a.users["bloc"])
    listed = [task.pk for task in client.get("/nhiem-vu/", {"sort": "-title", "per_page": 200})
              .context["object_list"]]

    export = client.get("/nhiem-vu/xuat-excel/", {"sort": "-title"})

    exported = [row[0] for row in load_workbook(BytesIO(export.content)).active.iter_rows(min_row=2, values_only=True)]
    assert len(listed) > 1
    assert exported == listed


def test_the_city_page_sorts_its_wards_by_the_same_mechanism(ward_a, ward_b, plan_a, plan_b, city_viewer,
                                                            client_for):
    client = client_for(city_viewer)

    by_name = client.get("/bang-dieu-hanh/cac-phuong/")
    reversed_names = client.get("/bang-dieu-hanh/cac-phuong/", {"sort": "-ward"})

    assert [row["ward"] for row in by_name.context["rows"]] == [ward_a.ward, ward_b.ward]
    assert [row["ward"] for row in reversed_names.context["rows"]] == [ward_b.ward, ward_a.ward]
    offered = headers(by_name)
    assert offered["ward"][1] == "ascending"
    # A figure compares wards: its first click shows the largest first.
    assert offered["plan"][0]["sort"] == ["-plan"]
    assert client.get("/bang-dieu-hanh/cac-phuong/", {"sort": "-plan"}).status_code == 200


def test_a_list_kept_in_memory_sorts_with_empty_values_last(ward_a, client_for):
    from datetime import date

    from democracy.models import Disclosure, DisclosureChannel, DisclosureContent

    def disclose(title, posted_on, until):
        return Disclosure.objects.create(
            unit=ward_a.unit("ubnd"), content_kind=DisclosureContent.BUDGET,
            channel=DisclosureChannel.POSTING_COMMITTEE, posted_on=posted_on, posted_until=until,
            approved_on=date(2024, 4, 1), title=title)

    disclose("Bảng A", date(2024, 4, 2), date(2024, 6, 1))
    disclose("Bảng B", date(2024, 4, 3), None)
    disclose("Bảng C", date(2024, 4, 4), date(2024, 5, 1))
    client = client_for(ward_a.users["bloc"])
    query = {"ward": ward_a.ward.pk, "year": 2024, "quarter": 2}

    ascending = client.get("/dan-chu/cong-khai/danh-sach-quy/", {**query, "sort": "until"})
    descending = client.get("/dan-chu/cong-khai/danh-sach-quy/", {**query, "sort": "-until"})

    assert [d.title for d in ascending.context["disclosures"]] == ["Bảng C", "Bảng A", "Bảng B"]
    assert [d.title for d in descending.context["disclosures"]] == ["Bảng A", "Bảng C", "Bảng B"]


# --- The mechanism ---------------------------------------------------------------------------------------------

def test_a_choices_column_sorts_in_the_order_of_its_choices(ward_a):
    sorting = Sorting({"kind": by_choices("kind", UnitKind)}, "kind")

    kinds = list(sorting.apply(Unit.objects.filter(parent=ward_a.ward)).values_list("kind", flat=True))

    order = list(UnitKind.values)
    assert kinds == sorted(kinds, key=order.index)


@pytest.mark.parametrize("value, key, descending", [
    ("name", "name", False), ("-name", "name", True), ("", None, False), ("-", None, False), ("pk", None, False),
    ("--name", None, False), (" name ", "name", False),
])
def test_the_sort_parameter_is_read_strictly(value, key, descending):
    sorting = Sorting({"name": "full_name"}, value)

    assert (sorting.key, sorting.descending) == (key, descending)


# --- Every list page -------------------------------------------------------------------------------------------

def sortable_routes():
    routes = [route for route in walk() if not route.kwargs and not route.is_api and route.view_class
              and issubclass(route.view_class, SortedFilterMixin)]
    return sorted(routes, key=lambda route: route.route)


# Export views share a list's filters and order but answer a file, not a page with headers.
NOT_PAGES = {"plans:task_export", "communitygroups:household_export", "democracy:violation_export"}
# Lists that are not sorted, and why: the view must then offer no sort_fields at all.
UNSORTED = {
    # Cards, not a table: one per residential group (a handful per ward), their figures worked out per group.
    "communitygroups:group_list",
}
# Lists the bloc does not open, by the namespace of their app: the role that does.
READERS = {"religion": "religion"}

SORTABLE = [route for route in sortable_routes() if route.name not in NOT_PAGES | UNSORTED]


def test_a_list_left_unsorted_offers_no_sort_keys():
    for route in sortable_routes():
        if route.name in UNSORTED:
            assert not route.view_class.sort_fields, route.name


@pytest.mark.parametrize("route", SORTABLE, ids=[route.name for route in SORTABLE])
def test_every_list_page_sorts_by_each_of_its_columns(ward_a, plan_a, client_for, route):
    client = client_for(ward_a.users[READERS.get(route.name.split(":")[0], "bloc")])
    url = "/" + route.route
    fields = route.view_class.sort_fields

    page = client.get(url)
    offered = headers(page)
    unsorted_queries = count_queries(client, url)

    assert page.status_code == 200
    assert fields, f"{route.name} offers no sort_fields"
    assert offered and set(offered) <= set(fields), f"{route.name}: headers {sorted(offered)}, fields {sorted(fields)}"
    for key in fields:
        for value in (key, f"-{key}"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, {"sort": value})
            assert response.status_code == 200, f"{route.name} ?sort={value}"
            # Sorting joins what it orders by; it never costs the page a query (tests/query_counts.json).
            assert len(queries.captured_queries) == unsorted_queries, f"{route.name} ?sort={value}"
            if key in offered:
                assert headers(response)[key][1] == ("descending" if value.startswith("-") else "ascending")


# Pages that are not list views but show a list sorted by the same mechanism: (url name, reader, its sort keys).
OTHER_PAGES = [
    ("communitygroups:coverage", "bloc", ["address", "head", "members", "group"]),
    ("democracy:quarterly_list", "bloc", ["title", "channel", "posted", "until"]),
]


@pytest.mark.parametrize("name, reader, keys", OTHER_PAGES, ids=[page[0] for page in OTHER_PAGES])
def test_lists_inside_other_pages_sort_by_each_of_their_columns(ward_a, client_for, name, reader, keys):
    from django.urls import reverse

    client = client_for(ward_a.users[reader])

    assert set(headers(client.get(reverse(name)))) == set(keys)
    for key in keys:
        for value in (key, f"-{key}"):
            response = client.get(reverse(name), {"sort": value})
            assert response.status_code == 200, f"{name} ?sort={value}"
            assert headers(response)[key][1] == ("descending" if value.startswith("-") else "ascending")
