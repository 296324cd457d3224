"""Strict access: only the ward's religion committee, the Standing Committee and admins reach the area.

Every URL of the app is found by walking the URL configuration (the browser namespace "religion" and the API
routes of the app's router), and filled with real ids: a new page or endpoint is covered without editing here.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.access import CHANGE
from core.areas import sections_for
from core.navigation import menu_for
from religion.api.urls import router
from religion.models import Establishment

pytestmark = pytest.mark.django_db

API_BASENAMES = {basename for _prefix, _viewset, basename in router.registry}


def _walk(patterns, namespaces):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, namespaces + ([pattern.namespace] if pattern.namespace else []))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespaces, pattern


def religion_urls():
    """Every named URL pattern of the app: [(full name, pattern, is_api)]."""
    found = []
    for namespaces, pattern in _walk(get_resolver().url_patterns, []):
        if namespaces == ["religion"]:
            found.append((f"religion:{pattern.name}", pattern, False))
        elif namespaces == ["api"] and any(pattern.name.startswith(f"{basename}-") for basename in API_BASENAMES):
            found.append((f"api:{pattern.name}", pattern, True))
    return found


def view_class(pattern):
    callback = pattern.callback
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None)


def url_params(pattern):
    """Named parameters of a path() route or of a router's regular expression."""
    return list(pattern.pattern.regex.groupindex)


def fill(name, pattern, data):
    """The URL with its parameters taken from real records of ``data``."""
    kwargs = {}
    for param in url_params(pattern):
        assert param == "pk", f"{name}: unexpected URL parameter {param}"
        kwargs[param] = data[view_class(pattern).model].pk
    return reverse(name, kwargs=kwargs)


def accepts(pattern, is_api, method):
    """Whether the URL takes ``method`` at all (action views and API actions only take POST, details no POST)."""
    if is_api:
        return method in pattern.callback.actions
    cls = view_class(pattern)
    return method in cls.http_method_names and hasattr(cls, method)


def allowed_get(pattern, is_api):
    return accepts(pattern, is_api, "get")


def is_change_view(pattern, is_api):
    return not is_api and getattr(view_class(pattern), "action", None) == CHANGE


def request(client, api_client, is_api, method, url):
    if is_api:
        return getattr(api_client, method)(url, {}, format="json")
    return getattr(client, method)(url)


def test_the_walk_finds_the_pages_and_the_endpoints():
    names = {name for name, _pattern, _api in religion_urls()}
    assert {"religion:home", "religion:establishment_detail", "religion:watch_follow_up", "religion:access_log",
            "api:religion-establishment-list", "api:religion-watch-report-risk-overview",
            "api:religion-access-log-list"} <= names
    assert len(names) >= 60


DENIED = ["officer_ubnd", "officer_mttq", "group_leader", "democracy", "bloc"]


@pytest.mark.parametrize("role", DENIED)
def test_everybody_outside_the_area_gets_404_on_every_url(role, ward_a, religion_a, client_for, api_for):
    user = ward_a.users[role]
    client, api = client_for(user), api_for(user)
    failures = []
    for name, pattern, is_api in religion_urls():
        url = fill(name, pattern, religion_a)
        for method in ("get", "post"):
            status = request(client, api, is_api, method, url).status_code
            if status != 404:
                failures.append(f"{method.upper()} {url} ({name}): {status}")
    assert not failures, "\n".join(failures)


def test_city_viewer_gets_404_on_every_url(city_viewer, religion_a, client_for, api_for):
    client, api = client_for(city_viewer), api_for(city_viewer)
    for name, pattern, is_api in religion_urls():
        url = fill(name, pattern, religion_a)
        assert request(client, api, is_api, "get", url).status_code == 404, name


def test_the_religion_committee_reaches_every_url(ward_a, religion_a, client_for, api_for):
    user = ward_a.users["religion"]
    client, api = client_for(user), api_for(user)
    failures = []
    for name, pattern, is_api in religion_urls():
        url = fill(name, pattern, religion_a)
        expected = 200 if allowed_get(pattern, is_api) else 405
        status = request(client, api, is_api, "get", url).status_code
        if status != expected:
            failures.append(f"GET {url} ({name}): {status}, expected {expected}")
    assert not failures, "\n".join(failures)


def test_the_standing_committee_reads_every_page_but_changes_nothing(ward_a, religion_a, client_for, api_for):
    user = ward_a.users["standing"]
    client, api = client_for(user), api_for(user)
    failures = []
    for name, pattern, is_api in religion_urls():
        url = fill(name, pattern, religion_a)
        if not allowed_get(pattern, is_api):
            expected = 405
        elif is_change_view(pattern, is_api):
            expected = 404
        else:
            expected = 200
        status = request(client, api, is_api, "get", url).status_code
        if status != expected:
            failures.append(f"GET {url} ({name}): {status}, expected {expected}")
    assert not failures, "\n".join(failures)
    establishment = religion_a[Establishment]
    response = api.patch(f"/api/religion/establishments/{establishment.pk}/", {"name": "Đổi tên"}, format="json")
    assert response.status_code == 404


def test_admin_reaches_every_page(admin_user, religion_a, client_for):
    client = client_for(admin_user)
    for name, pattern, is_api in religion_urls():
        if is_api or not allowed_get(pattern, is_api):
            continue
        assert client.get(fill(name, pattern, religion_a)).status_code == 200, name


def test_ward_b_committee_gets_404_on_ward_a_objects(ward_b, religion_a, religion_b, client_for, api_for):
    user = ward_b.users["religion"]
    client, api = client_for(user), api_for(user)
    failures = []
    for name, pattern, is_api in religion_urls():
        if not url_params(pattern):
            continue
        url = fill(name, pattern, religion_a)
        for method in ("get", "post"):
            # A method the URL does not take answers 405 whatever the id: that reveals nothing.
            expected = 404 if accepts(pattern, is_api, method) else 405
            status = request(client, api, is_api, method, url).status_code
            if status != expected:
                failures.append(f"{method.upper()} {url} ({name}): {status}, expected {expected}")
    assert not failures, "\n".join(failures)


def test_ward_b_lists_show_only_ward_b(ward_b, religion_a, religion_b, client_for, api_for):
    user = ward_b.users["religion"]
    page = client_for(user).get(reverse("religion:establishment_list"))
    listed = {e.pk for e in page.context["object_list"]}
    assert listed == set(Establishment.objects.filter(ward=ward_b.ward).values_list("pk", flat=True))
    rows = api_for(user).get("/api/religion/establishments/").json()["results"]
    assert {row["ward"] for row in rows} == {ward_b.ward.pk}


def test_anonymous_visitors_are_sent_to_the_login_page(religion_a, client):
    response = client.get(reverse("religion:establishment_detail", args=[religion_a[Establishment].pk]))
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("role, visible", [
    ("religion", True), ("standing", True), ("officer_ubnd", False), ("group_leader", False), ("democracy", False),
    ("bloc", False),
])
def test_menu_entry_and_area_section_only_for_those_who_may_see(ward_a, client_for, role, visible):
    user = ward_a.users[role]
    assert ("religion" in [item.key for item in menu_for(user)]) == visible
    assert ("religion" in [section.key for section in sections_for(user)]) == visible
    html = client_for(user).get(reverse("home")).content.decode()
    assert ('href="/ton-giao/"' in html) == visible
