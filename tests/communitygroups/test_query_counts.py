"""The household list and the coverage page must not grow in SQL queries with the households.

Budgets live in tests/communitygroups/query_counts.json so that a change adding a query shows up in review.
"""

import pytest
from django.urls import reverse

from tests.support.communitygroups import make_households, make_interfamily
from tests.support.query_budget import assert_constant, count_queries, load_budgets

pytestmark = pytest.mark.django_db

BUDGETS = load_budgets(__file__)


def fill(groups, per_group, start):
    for index, group in enumerate(groups.values()):
        ifg = make_interfamily(group, f"Tổ liên gia số {start}-{index}")
        covered = per_group * 3 // 4
        make_households(group, covered, interfamily=ifg, start=start, zalo=True)
        make_households(group, per_group - covered, start=start + covered, street="Ngõ 9 Trần Phú")


PAGES = [
    ("household_list", lambda g: reverse("communitygroups:household_list"), None),
    ("household_list_filtered", lambda g: reverse("communitygroups:household_list"),
     lambda g: {"q": "ngo", "covered": "false", "group": g["tdp-1"].pk}),
    ("coverage", lambda g: reverse("communitygroups:coverage"), None),
    ("coverage_one_group", lambda g: reverse("communitygroups:coverage"), lambda g: {"to": g["tdp-1"].pk}),
    ("group_list", lambda g: reverse("communitygroups:group_list"), None),
    ("group_detail", lambda g: g["tdp-1"].get_absolute_url(), None),
    # The newest inter-family group: 3 households after the first fill, 112 (three pages) after the second.
    ("interfamily_detail", lambda g: g["tdp-1"].inter_family_groups.order_by("-pk").first().get_absolute_url(),
     None),
    ("regularity", lambda g: reverse("communitygroups:regularity"), None),
    ("api_households", lambda g: "/api/community/households/", None),
]


@pytest.mark.parametrize("name, url, data", PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("role", ["bloc", "group_leader"])
def test_query_count_does_not_grow_with_households(ward_a, groups_a, client_for, name, url, data, role):
    client = client_for(ward_a.users[role])
    fill(groups_a, 4, start=1)
    small = count_queries(client, url(groups_a), data(groups_a) if data else None)
    fill(groups_a, 150, start=1000)
    large = count_queries(client, url(groups_a), data(groups_a) if data else None)
    assert_constant(name, small, large, BUDGETS, little="with 16 households", more="with 616")
