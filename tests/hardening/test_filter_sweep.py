"""Every filter of every list, browser and API, given a number no column can hold: never a server error.

The OpenAPI fuzz run (test_api_fuzz.py) draws its values at random and calls only the API; this sweep is
deterministic and complete: it walks the URL configuration, takes each list page's and each API list's FilterSet,
and sends each of its filters (each part of a range filter too) 99999999999999999999 and its negative, one filter
per request so that a filter's own method runs with the value when the others let the form through. Lists are
found from the URLs, so a new list is swept without touching this file.
"""

import pytest
from django.db import transaction
from django.http import QueryDict
from django.test import RequestFactory

from tests.support.urlmap import paths

HUGE_VALUES = ("99999999999999999999", "-99999999999999999999")
# Lists on 02/12/2026; fewer means the walk lost them (a change of the URL layout), not that they are safe.
MIN_BROWSER_LISTS = 35
MIN_API_LISTS = 60




def _without_arguments(route):
    return "<" not in route and "(?P" not in route and "\\" not in route


def list_urls():
    """(kind, url, view callback) of every list page and API list that takes no argument in its path."""
    browser, api = [], []
    for route, callback in paths():
        if not _without_arguments(route):
            continue
        if getattr(callback, "actions", None) and callback.actions.get("get") == "list":
            api.append(("api", route, callback))
        elif getattr(getattr(callback, "view_class", None), "filterset_class", None) is not None:
            browser.append(("browser", route, callback))
    return browser, api


def _parameters(filterset):
    names = []
    for name, field in filterset.form.fields.items():
        suffixes = getattr(field.widget, "suffixes", None)
        names += [f"{name}_{suffix}" if suffix else name for suffix in suffixes] if suffixes else [name]
    return names


def filter_names(kind, route, callback, user):
    request = RequestFactory().get(route)
    request.user = user
    if kind == "browser":
        view = callback.view_class(**getattr(callback, "view_initkwargs", {}))
        view.setup(request)
        filterset_class = view.get_filterset_class()
        queryset = view.get_queryset()
    else:
        view = callback.cls(**callback.initkwargs)
        view.action_map = callback.actions
        view.setup(request)
        view.request = view.initialize_request(request)
        view.request.user = user
        view.action = "list"
        view.format_kwarg = None
        if not hasattr(view, "get_queryset"):
            return []  # a list that is no model's (the yearly schedule): no FilterSet
        queryset = view.get_queryset()
        filterset_class = None
        for backend in view.filter_backends:
            if hasattr(backend, "get_filterset_class"):
                filterset_class = backend().get_filterset_class(view, queryset)
        if filterset_class is None:
            return []
    return _parameters(filterset_class(data=QueryDict(), queryset=queryset, request=request))


def _sweep(client, user):
    browser, api = list_urls()
    failures, calls = [], 0
    for kind, route, callback in browser + api:
        for name in filter_names(kind, route, callback, user):
            for value in HUGE_VALUES:
                calls += 1
                # A savepoint per call: on PostgreSQL one failed query would otherwise abort the test's transaction.
                with transaction.atomic():
                    try:
                        status = client.get(route, {name: value}).status_code
                    except Exception as exc:  # noqa: BLE001 - the test client re-raises the view's error
                        status = f"{exc.__class__.__name__}: {exc}"[:200]
                    if not isinstance(status, int) or status >= 500:
                        transaction.set_rollback(True)
                        failures.append(f"{kind} {route}?{name}={value} -> {status}")
    return browser, api, calls, failures


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "bloc"])
def test_no_list_filter_answers_5xx_to_a_number_no_column_can_hold(role, ward_a, plan_a, admin_user, client_for):
    user = admin_user if role == "admin" else ward_a.users[role]

    browser, api, calls, failures = _sweep(client_for(user), user)

    assert len(browser) >= MIN_BROWSER_LISTS and len(api) >= MIN_API_LISTS, (len(browser), len(api))
    assert calls > 0
    assert failures == [], f"{len(failures)} server errors:\n" + "\n".join(failures[:60])


# The numbers pages read from their address by hand (which ward, year, quarter, the row a form starts from, page size).
HAND_READ = ("ward", "year", "nam", "quarter", "requirement", "petition", "plan", "party_cell", "member", "per_page",
             "to", "tiep")
ODD_VALUES = ("99999999999999999999", "²", "-1", "1e5")


def _page_sweep(client):
    failures, calls = [], 0
    for route, _callback in paths():
        if not _without_arguments(route) or route.startswith(("/quan-tri/", "/dang-xuat/", "/i18n/")):
            continue
        for value in ODD_VALUES:
            calls += 1
            with transaction.atomic():
                try:
                    status = client.get(route, dict.fromkeys(HAND_READ, value)).status_code
                except Exception as exc:  # noqa: BLE001 - the test client re-raises the view's error
                    status = f"{exc.__class__.__name__}: {exc}"[:200]
                if not isinstance(status, int) or status >= 500:
                    transaction.set_rollback(True)
                    failures.append(f"{route}?…={value} -> {status}")
    return calls, failures


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "bloc", "city_viewer"])
def test_no_page_answers_5xx_to_an_odd_number_in_its_address(role, ward_a, plan_a, admin_user, city_viewer,
                                                             client_for):
    user = {"admin": admin_user, "city_viewer": city_viewer}.get(role) or ward_a.users[role]

    calls, failures = _page_sweep(client_for(user))

    assert calls > 100
    assert failures == [], f"{len(failures)} server errors:\n" + "\n".join(failures[:60])
