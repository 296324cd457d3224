"""Every form of every app, posted with values a tired or careless official types: never a server error.

The walk takes each URL whose view shows a Django form (create, edit and other form pages, found from the URL
configuration so a new form is covered without touching this file), opens it as the first role of the ward that
may, and posts: the form empty; every field at once given the same odd value; and the form as the page offers it
with one number or date field at a time set to an odd value ("101" in a percentage was a 500 once). Any answer of
500 or an exception fails, with the URL, the field and the value; so does a number field without a maximum.
"""

import re

import pytest
from django.db import transaction
from django.forms import DateField, DecimalField, FileField, FloatField, IntegerField, ModelMultipleChoiceField
from django.views.generic.edit import FormMixin

from tests.support.urlmap import paths

ODD_VALUES = ("101", "-1", "99999999999999999999", "abc", "1,5", "")
ODD_TEXT = ("x" * 20000, "<script>alert(1)</script>", "%s %(x)s %d", "")
ODD_DATES = ("31/02/2024", "abc")
ROLES = ("bloc", "standing", "officer_ubnd", "officer_mttq", "religion", "democracy", "group_leader")
# Form pages found on 03/12/2026; fewer means the walk lost some (a change of the URL layout), not that they are safe.
MIN_FORM_PAGES = 60
SKIP_PREFIXES = ("/quan-tri/", "/dang-xuat/", "/i18n/", "/dang-nhap/", "/mat-khau/", "/api/")
ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def form_routes():
    for route, callback in paths():
        view_class = getattr(callback, "view_class", None)
        if view_class is None or not issubclass(view_class, FormMixin) or route.startswith(SKIP_PREFIXES):
            continue
        yield route, view_class


def _model_of(view_class):
    model = getattr(view_class, "model", None)
    if model is None and getattr(view_class, "queryset", None) is not None:
        model = view_class.queryset.model
    return model


def concrete_url(route, view_class):
    """The route with its arguments filled from a row of the view's model, or None when it cannot be guessed."""
    names = ARGUMENT.findall(route)
    if not names:
        return route
    if len(names) != 1 or names[0][1] != "pk":
        return None
    model = _model_of(view_class)
    if model is None:
        return None
    row = model._default_manager.order_by("pk").first()
    return ARGUMENT.sub(str(row.pk), route) if row else None


def _status(client, url, data):
    with transaction.atomic():
        try:
            status = client.post(url, data).status_code
        except Exception as exc:  # noqa: BLE001 - the test client re-raises the view's error
            status = f"{exc.__class__.__name__}: {exc}"[:200]
        # Roll back what a post saved too, so one form's odd row does not change what the next form offers.
        transaction.set_rollback(True)
    return status


def offered_data(form):
    """The form as the page offers it: each field's initial value."""
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, FileField):
            continue
        value = form[name].value()
        if value is None:
            continue
        if isinstance(field, ModelMultipleChoiceField) or isinstance(value, list | tuple):
            data[name] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[name] = str(getattr(value, "pk", value))
    return data


def attempts(form):
    names = [name for name, field in form.fields.items() if not isinstance(field, FileField)]
    yield "(trống)", {}
    for value in ODD_TEXT:
        yield f"mọi trường = {value[:20]!r}", dict.fromkeys(names, value)
    base = offered_data(form)
    for name, field in form.fields.items():
        if isinstance(field, IntegerField | DecimalField | FloatField):
            for value in ODD_VALUES:
                yield f"{name}={value!r}", {**base, name: value}
        elif isinstance(field, DateField):
            for value in ODD_DATES:
                yield f"{name}={value!r}", {**base, name: value}


def _fuzz(clients):
    failures, unbounded, pages, posts = [], [], 0, 0
    for route, view_class in form_routes():
        url = concrete_url(route, view_class)
        if url is None:
            continue
        for client in clients:
            response = client.get(url)
            if response.status_code == 200 and response.context and response.context.get("form") is not None:
                break
        else:
            continue
        pages += 1
        form = response.context["form"]
        unbounded += [f"{url} {name}" for name, field in form.fields.items()
                      if isinstance(field, IntegerField) and "max" not in field.widget.attrs
                      and getattr(field.widget, "input_type", None) != "select"]
        form = response.context["form"]
        for label, data in attempts(form):
            posts += 1
            status = _status(client, url, data)
            if not isinstance(status, int) or status >= 500:
                failures.append(f"{url} [{label}] -> {status}")
    return pages, posts, failures, unbounded


@pytest.mark.django_db
def test_no_form_answers_a_server_error_to_odd_input(filled_ward_a, admin_user, client_for):
    clients = [client_for(filled_ward_a.users[role]) for role in ROLES] + [client_for(admin_user)]

    pages, posts, failures, unbounded = _fuzz(clients)

    assert pages >= MIN_FORM_PAGES, pages
    assert posts > pages * 5
    assert failures == [], f"{len(failures)} server errors:\n" + "\n".join(failures[:80])
    # Every number box says its maximum to the browser (and the form refuses beyond it): a zero too many is caught.
    assert unbounded == [], f"{len(unbounded)} number fields without a maximum:\n" + "\n".join(unbounded)
