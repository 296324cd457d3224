"""HTML and script typed into any text field come back as text: every model's text fields get a payload, then
every page of that model (its object pages and its lists) is rendered and searched for the raw payload."""

import pytest
from django.db import models

from tests.support import urlmap
from tests.support.population import rows_in_ward, scoped_models

# From the longest to the shortest: each field gets the longest one that fits its max_length.
PAYLOADS = [
    '"><script>alert(1)</script><img src=x onerror=alert(2)>',
    "<img src=x onerror=alert(2)>",
    "<script>alert(1)</script>",
    "<b onclick=x>",
]
SKIPPED_FIELD_TYPES = (models.SlugField, models.EmailField, models.URLField, models.FilePathField)
# Models whose pages this test reached on 27/11/2026 with a payload in their text fields; it may only grow.
MIN_MODELS = 20


def text_fields(model):
    return [f for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not isinstance(f, SKIPPED_FIELD_TYPES)
            and not f.choices and f.editable and not f.primary_key and not f.unique]


def payload_for(field):
    limit = field.max_length
    return next((p for p in PAYLOADS if limit is None or len(p) <= limit), None)


def routes_by_model():
    routes = urlmap.object_routes()
    pages = {}
    for route in routes:
        if not route.is_api:
            model = urlmap.infer_model(route, routes)
            if model is not None:
                pages.setdefault(model, []).append(route)
    for route in urlmap.list_routes():
        if not route.is_api:
            pages.setdefault(route.model, []).append(route)
    return pages


@pytest.mark.django_db
def test_html_in_text_fields_is_shown_as_text(filled_ward_a, client_for):
    ward = filled_ward_a
    clients = [client_for(ward.users[role]) for role in ("bloc", "standing", "religion", "group_leader")]
    for client in clients:
        client.raise_request_exception = False
    pages = routes_by_model()
    objects = {}
    for model in scoped_models():
        fields = [f for f in text_fields(model) if payload_for(f)]
        obj = rows_in_ward(model, ward.ward).order_by("pk").first()
        if not fields or obj is None:
            continue
        model._base_manager.filter(pk=obj.pk).update(**{f.attname: payload_for(f) for f in fields})
        objects[model] = obj

    reached, problems = set(), []
    for model, obj in objects.items():
        for route in pages.get(model, []):
            if set(route.kwargs) - {route.object_kwarg}:
                continue
            path = urlmap.path_for(route, {route.object_kwarg: obj.pk} if route.object_kwarg else {})
            for client in clients:
                response = client.get(path)
                if response.status_code >= 500:
                    problems.append(f"{path}: {response.status_code} with HTML in the text fields")
                    break
                if response.status_code != 200:
                    continue
                if "html" not in response.headers.get("Content-Type", ""):
                    break
                reached.add(model)
                html = response.content.decode()
                for payload in PAYLOADS:
                    if payload in html:
                        problems.append(f"{path} ({model._meta.label}) shows {payload!r} unescaped")
                break

    assert not problems, "\n".join(problems)
    assert len(reached) >= MIN_MODELS, f"pages of only {len(reached)} models reached: {sorted(map(str, reached))}"
