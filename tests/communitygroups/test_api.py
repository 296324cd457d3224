"""The REST API: same scope as the pages, the same rules as the forms."""

import pytest

from communitygroups.models import Activity, GroupClassification, Household, SituationReport
from core.models import Notification
from tests.support.communitygroups import make_households, make_interfamily

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_a(groups_a):
    one, two = groups_a["tdp-1"], groups_a["tdp-2"]
    make_households(one, 2, interfamily=make_interfamily(one, "TLG 1"))
    make_households(one, 2, start=3)
    make_households(two, 3)
    return {"one": one, "two": two}


def test_leader_lists_only_their_households_and_404_elsewhere(ward_a, data_a, api_for):
    api = api_for(ward_a.users["group_leader"])
    listing = api.get("/api/community/households/").json()
    assert listing["count"] == 4
    other = Household.objects.filter(group=data_a["two"]).first()
    assert api.get(f"/api/community/households/{other.pk}/").status_code == 404
    assert api.get(f"/api/community/groups/{data_a['two'].pk}/").status_code == 404
    assert api.get("/api/community/households/", {"covered": "false"}).json()["count"] == 2
    assert api.get("/api/community/households/", {"q": "nguyen van ho 3"}).json()["count"] == 1


def test_coverage_endpoint(ward_a, data_a, api_for):
    data = api_for(ward_a.users["group_leader"]).get(f"/api/community/groups/{data_a['one'].pk}/coverage/").json()
    assert data == {"group": data_a["one"].pk, "households": 4, "covered": 2, "gaps": 2, "coverage_percent": 50.0,
                    "target_percent": 100}


def test_leader_cannot_write_into_another_group(ward_a, data_a, api_for):
    api = api_for(ward_a.users["group_leader"])
    response = api.post("/api/community/households/", {"group": data_a["two"].pk, "address": "Số 1 Ngõ 3",
                                                      "head_name": "Lê Văn Tám", "members_count": 2})
    assert response.status_code == 400
    assert Household.objects.filter(group=data_a["two"]).count() == 3


def test_green_sunday_rules_through_the_api(ward_a, data_a, api_for):
    api = api_for(ward_a.users["group_leader"])
    monday = api.post("/api/community/activities/", {"group": data_a["one"].pk, "kind": "green_sunday",
                                                     "held_on": "2024-03-04", "place": "Ngõ 5"})
    assert monday.status_code == 400 and "Chủ nhật" in str(monday.json())
    sunday = api.post("/api/community/activities/", {"group": data_a["one"].pk, "kind": "green_sunday",
                                                     "held_on": "2024-03-03", "place": "Ngõ 5", "participants": 12})
    assert sunday.status_code == 201
    assert Activity.objects.get().author == ward_a.users["group_leader"]
    again = api.post("/api/community/activities/", {"group": data_a["one"].pk, "kind": "green_sunday",
                                                    "held_on": "2024-03-03", "place": "Ngõ 5"})
    assert again.status_code == 400


def test_report_through_the_api(ward_a, data_a, api_for, django_capture_on_commit_callbacks):
    leader = api_for(ward_a.users["group_leader"])
    with django_capture_on_commit_callbacks(execute=True):
        created = leader.post("/api/community/situation-reports/", {
            "group": data_a["one"].pk, "reported_on": "2024-03-05", "topic": "public_opinion",
            "title": "Ý kiến về điện chiếu sáng", "description": "Ngõ 5 thiếu đèn"})
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert Notification.objects.filter(recipient=ward_a.users["officer_ubnd"]).exists()
    assert leader.post(f"/api/community/situation-reports/{pk}/acknowledge/").status_code == 404
    ubnd = api_for(ward_a.users["officer_ubnd"])
    assert ubnd.post(f"/api/community/situation-reports/{pk}/answer/", {"answer": "Đã lắp đèn"}).status_code == 200
    assert SituationReport.objects.get(pk=pk).status == "answered"
    assert leader.patch(f"/api/community/situation-reports/{pk}/", {"title": "Khác"}).status_code == 404


def test_override_through_the_api_needs_a_reason(ward_a, data_a, api_for):
    classification = GroupClassification.objects.create(group=data_a["one"], year=2024, computed_level="weak")
    bloc = api_for(ward_a.users["bloc"])
    url = f"/api/community/classifications/{classification.pk}/"
    assert bloc.patch(url, {"override_level": "fair"}).status_code == 400
    assert bloc.patch(url, {"override_level": "fair", "override_reason": "Đã khắc phục"}).status_code == 200
    classification.refresh_from_db()
    assert classification.final_level == "fair" and classification.decided_by == ward_a.users["bloc"]
    assert api_for(ward_a.users["group_leader"]).patch(url, {"override_level": "good",
                                                             "override_reason": "x"}).status_code == 404


def test_other_ward_sees_nothing(ward_b, data_a, api_for):
    api = api_for(ward_b.users["bloc"])
    assert api.get("/api/community/households/").json()["count"] == 0
    assert api.get("/api/community/groups/").json()["count"] == 0
