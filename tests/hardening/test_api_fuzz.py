"""An OpenAPI-driven fuzz run: every operation of /api/schema/ with generated parameters and bodies must never
answer 5xx, whoever calls it. A bounded, deterministic number of examples keeps it short on CI's two cores: each
operation is called as DANVAN_FUZZ_ROLES roles (1 by default), taken in rotation so that every role calls its
share of the operations; DANVAN_FUZZ_ROLES=7 DANVAN_FUZZ_EXAMPLES=5 is the full run (about 20 minutes).

Needs schemathesis (a test dependency in pyproject.toml).
"""

import os

import pytest
import schemathesis  # noqa: E402
from django.db import transaction  # noqa: E402
from hypothesis import HealthCheck, Phase, given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

EXAMPLES = int(os.environ.get("DANVAN_FUZZ_EXAMPLES", "2"))
ROLES = ["admin", "standing", "bloc", "officer_ubnd", "religion", "group_leader", "city_viewer"]
ROLES_PER_OPERATION = max(1, min(len(ROLES), int(os.environ.get("DANVAN_FUZZ_ROLES", "1"))))
# Operations in the schema on 27/11/2026; fewer means the schema lost endpoints (or failed to build them).
MIN_OPERATIONS = 250


@pytest.fixture(scope="module")
def api_schema(django_db_setup, django_db_blocker):
    import json

    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    # The served schema is for logged-in users only; the fuzz run reads what /api/schema/ serves them from the same
    # generator, and calls the operations with each role's token.
    with django_db_blocker.unblock():
        document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    schema = schemathesis.openapi.from_dict(document)
    schema.app = get_wsgi_application()
    return schema


@pytest.fixture
def connection_kept_across_requests():
    """The WSGI app runs in this thread, inside the test's transaction: keep Django from closing the connection
    at each request's start and end, as its own test client does (a closed connection is a lost transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def operations(schema):
    result = []
    for item in schema.get_all_operations():
        try:
            result.append(item.ok())
        except Exception:  # noqa: BLE001 - an operation schemathesis cannot read is reported by the count
            continue
    return result


def fuzz(operation, headers, failures):
    @hypothesis_settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    @given(case=operation.as_strategy())
    def run(case):
        # Each call in a savepoint: on PostgreSQL one failed query would otherwise abort the test's transaction
        # and turn every later call into a 500 (in production each request has its own transaction).
        with transaction.atomic():
            response = case.call(headers=headers)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        if response.status_code >= 500:
            failures.append({"method": case.method.upper(), "path": case.formatted_path, "query": case.query,
                             "status": response.status_code})

    try:
        run()
    except Exception as exc:  # noqa: BLE001 - a case that cannot be built or sent is a failure of its own kind
        failures.append({"method": operation.method.upper(), "path": operation.path, "query": None,
                         "status": f"{exc.__class__.__name__}: {exc}"[:300]})


@pytest.mark.django_db
def test_no_endpoint_answers_5xx(api_schema, connection_kept_across_requests, ward_a, ward_b, plan_a, plan_b,
                                 admin_user, city_viewer):
    headers = {}
    for role in ROLES:
        user = {"admin": admin_user, "city_viewer": city_viewer}.get(role) or ward_a.users[role]
        token, _created = Token.objects.get_or_create(user=user)
        headers[role] = {"Authorization": f"Token {token.key}"}
    found = operations(api_schema)
    failures = []

    for index, operation in enumerate(found):
        for offset in range(ROLES_PER_OPERATION):
            role = ROLES[(index + offset * 3) % len(ROLES)]
            errors = []
            fuzz(operation, headers[role], errors)
            failures += [{**error, "role": role} for error in errors]

    assert len(found) >= MIN_OPERATIONS
    # Unbounded numbers in list filters were the last class found: core.filtersets.BoundedFilterSet refuses them.
    described = [f"[{f['role']}] {f['method']} {f['path']}?{f['query'] or ''} -> {f['status']}" for f in failures]
    assert not described, f"{len(described)} server errors:\n" + "\n".join(described[:40])
