"""A form posted with errors answers the same everywhere: 400 Bad Request, the form shown again with its errors in
Vietnamese, nothing written. The create pages are discovered from the URL map, so a page added tomorrow is
covered the day it is added."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.html import escape

from core.views import InvalidFormStatusMixin, ObjectCreateView, ObjectEditView

REQUIRED = "Trường này là bắt buộc."


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _view_class(pattern):
    return getattr(pattern.callback, "view_class", None)


def create_pages():
    """Create pages of the portal reached without an object in the address (those under an object are tested
    through their app's own tests)."""
    pages = {}
    for route, pattern in _patterns(get_resolver()):
        view_class = _view_class(pattern)
        if view_class is None or not issubclass(view_class, ObjectCreateView) or pattern.pattern.converters:
            continue
        pages[view_class] = "/" + route.lstrip("^").rstrip("$")
    return sorted(pages.items(), key=lambda item: item[1])


CREATE_PAGES = create_pages()


def test_every_create_and_edit_page_has_the_invalid_form_status():
    edit_and_create = {
        _view_class(pattern) for _route, pattern in _patterns(get_resolver())
        if _view_class(pattern) and issubclass(_view_class(pattern), ObjectCreateView | ObjectEditView)
    }

    assert len(CREATE_PAGES) >= 10
    assert all(issubclass(view, InvalidFormStatusMixin) for view in edit_and_create)


@pytest.mark.django_db
@pytest.mark.parametrize(("view_class", "url"), CREATE_PAGES, ids=[url for _view, url in CREATE_PAGES])
def test_an_empty_form_answers_400_with_the_errors_in_vietnamese(admin_user, ward_a, client_for, view_class, url):
    model = view_class.model
    before = model._base_manager.count()

    response = client_for(admin_user).post(url, {})

    html = response.content.decode()
    messages = [message for errors in response.context["form"].errors.values() for message in errors]
    assert response.status_code == 400
    assert messages and all(escape(message) in html for message in messages)
    assert REQUIRED in messages or all(message.startswith("Hãy ") for message in messages)
    assert "This field is required." not in html
    assert model._base_manager.count() == before
