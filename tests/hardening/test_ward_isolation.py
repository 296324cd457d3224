"""A user of ward A who types the id of ward B's object into any URL gets 404, on every page and endpoint.

The routes come from the URL resolver, the models from the views and the objects from ward B's own data
(every app's demo loader, then a generated row of each scoped model it lacks): a page an area app adds is
covered the day it lands, without touching this file.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Attachment
from demo.factory import PDF_BYTES
from tests.support import urlmap
from tests.support.population import rows_in_ward

# Routes addressing an object of ward B that this test reached on 27/11/2026; it may only grow.
MIN_COVERED_ROUTES = 100


def ward_object(model, ward_data):
    if model is Attachment:
        target = ward_data.units["ubnd"]
        found = Attachment.objects.filter(object_id=target.pk).first()
        return found or Attachment.attach(target, SimpleUploadedFile("bien-ban.pdf", PDF_BYTES), None)
    if getattr(model, "access_policy", None) is None:
        return None
    return rows_in_ward(model, ward_data.ward).order_by("pk").first()


def request(client, route, path):
    """GET the route (or POST where it only takes POST); the status code the user sees."""
    if route.is_api:
        actions = route.actions
        if actions and "get" not in actions:
            return client.post(path, {}, format="json").status_code
        return client.get(path).status_code
    status = client.get(path).status_code
    if status == 405:
        status = client.post(path, {}).status_code
    return status


@pytest.mark.django_db
def test_objects_of_another_ward_answer_404_on_every_route(filled_ward_a, filled_ward_b, client_for, api_for):
    routes = urlmap.object_routes()
    users = [filled_ward_a.users["standing"], filled_ward_a.users["bloc"], filled_ward_a.users["religion"]]
    covered, skipped, leaks = [], [], []
    for route in routes:
        model = urlmap.infer_model(route, routes)
        obj = ward_object(model, filled_ward_b) if model is not None else None
        if obj is None:
            skipped.append(f"{route.route} ({model._meta.label if model else 'no model'})")
            continue
        values = {route.object_kwarg: obj.pk}
        for name in route.kwargs:
            if name not in values:
                other = urlmap.model_for_kwarg(name, near=model)
                other_obj = ward_object(other, filled_ward_b) if other is not None else None
                values[name] = other_obj.pk if other_obj is not None else 1
        path = urlmap.path_for(route, values)
        for user in users:
            client = api_for(user) if route.is_api else client_for(user)
            client.raise_request_exception = False
            status = request(client, route, path)
            if status != 404:
                leaks.append(f"{user.username} {path} ({route.name or route.route}) -> {status}")
        covered.append(route.route)

    assert not leaks, "ward B's objects reached from ward A:\n" + "\n".join(leaks)
    assert len(covered) >= MIN_COVERED_ROUTES, (
        f"only {len(covered)} routes covered; skipped: {skipped}; population failures: {filled_ward_b.failures}"
    )
