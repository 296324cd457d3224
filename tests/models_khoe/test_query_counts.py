"""The lists of the area cost the same number of queries for 2 models or 6: budgets in query_counts.json."""

import pytest
from django.urls import reverse

from models_khoe import services
from tests.support.query_budget import assert_constant, count_queries, load_budgets

BUDGETS = load_budgets(__file__)


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
    few = count_queries(client, url)
    for index in range(2, 6):
        recognised(f"Mô hình {index}")
    many = count_queries(client, url)

    assert_constant(name, few, many, BUDGETS, little="for 2 models", more="for 6")
