"""The lists of the area cost the same number of queries for 2 models or 6: budgets in query_counts.json."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from models_khoe import services

BUDGETS = json.loads((Path(__file__).parent / "query_counts.json").read_text())


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name, url", [
    ("model_list", reverse("models_khoe:model_list")),
    ("ranking", reverse("models_khoe:ranking") + "?nam=2024"),
    ("public_list", reverse("models_khoe:public_list")),
    ("api_models", "/api/dvk/models/"),
])
def test_lists_do_not_grow_with_the_data(name, url, client_for, evaluated, ward_a):
    def recognised(label):
        model = evaluated(name=label)
        services.recognise(ward_a.users["bloc"], model, achievement="Tốt.")
        return model

    client = client_for(ward_a.users["bloc"])
    for index in range(2):
        recognised(f"Mô hình {index}")
    client.get(url)  # warm the caches (content types, session) so that both counts measure the same thing
    few = count(client, url)
    for index in range(2, 6):
        recognised(f"Mô hình {index}")
    many = count(client, url)

    assert many == few, f"{name}: {few} queries for 2 models, {many} for 6"
    assert many <= BUDGETS[name], f"{name}: {many} queries, budget {BUDGETS[name]}"
