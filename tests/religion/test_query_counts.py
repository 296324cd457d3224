"""Lists and overview pages of the area hold a fixed number of SQL queries whatever the records.

Budgets live in tests/religion/query_counts.json, so a change that adds a query shows up in review.
"""

import pytest
from django.urls import reverse

from core import periods
from religion import services
from religion.models import ConstructionWork, KeyPerson, MonkInvitationRequest, ReligiousEvent, WorkKind
from tests.support.query_budget import assert_constant, count_queries, load_budgets
from tests.support.religion import make_establishment, make_watch_report

pytestmark = pytest.mark.django_db

BUDGETS = load_budgets(__file__)


def add_records(ward, n):
    """n more of each listed record, spread over the residential groups."""
    for i in range(n):
        group = f"tdp-{i % 4 + 1}"
        pagoda = make_establishment(ward, group, name=f"Chùa số {i}")
        services.record_head_change(pagoda, new_head=f"Sư {i}", changed_on=periods.today())
        ConstructionWork.objects.create(ward=ward.ward, establishment=pagoda, title=f"Hạng mục {i}",
                                        work_kind=WorkKind.REPAIR, started_on=periods.today())
        MonkInvitationRequest.objects.create(ward=ward.ward, establishment=pagoda, monk_name=f"Sư {i}",
                                             requested_by="Ban hộ tự", submitted_on=periods.today())
        ReligiousEvent.objects.create(ward=ward.ward, establishment=pagoda, name=f"Lễ {i}", event_kind="festival",
                                      starts_on=periods.today(), ends_on=periods.today())
        make_watch_report(ward, group)
        KeyPerson.objects.create(ward=ward.ward, full_name=f"Người số {i}", religion="buddhism",
                                 religious_role="follower", establishment=pagoda)


PAGES = [
    ("home", "religion:home", {}),
    ("establishment_list", "religion:establishment_list", {}),
    ("establishment_list_flagged", "religion:establishment_list", {"flagged": "1", "q": "chua"}),
    ("work_list", "religion:work_list", {}),
    ("invitation_list", "religion:invitation_list", {}),
    ("event_list", "religion:event_list", {}),
    ("watch_list", "religion:watch_list", {}),
    ("risk_overview", "religion:risk_overview", {}),
    ("keyperson_list", "religion:keyperson_list", {}),
    ("access_log", "religion:access_log", {}),
    ("api_establishments", "/api/religion/establishments/", {}),
    ("api_watch_reports", "/api/religion/watch-reports/", {}),
]


@pytest.mark.parametrize("name, url, data", PAGES, ids=[page[0] for page in PAGES])
def test_query_count_does_not_grow_with_records(ward_a, client_for, name, url, data):
    client = client_for(ward_a.users["religion"])
    url = url if url.startswith("/") else reverse(url)
    add_records(ward_a, 2)
    count_queries(client, url, data)  # the first request fills the content-type cache
    small = count_queries(client, url, data)
    add_records(ward_a, 8)
    large = count_queries(client, url, data)
    assert_constant(name, small, large, BUDGETS, little="with few records")
