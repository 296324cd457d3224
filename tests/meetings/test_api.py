"""REST API of meetings: scoped lists, validation in Vietnamese, no linking into another ward."""

from datetime import date

import pytest

from meetings.models import Conclusion, Meeting

pytestmark = pytest.mark.django_db


def test_meeting_list_is_scoped(ward_a, ward_b, dialogue_a, dialogue_b, api_for):
    response = api_for(ward_a.users["bloc"]).get("/api/meetings/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [dialogue_a.pk]
    assert api_for(ward_a.users["bloc"]).get(f"/api/meetings/{dialogue_b.pk}/").status_code == 404


def test_conclusion_status_and_filter(ward_a, dialogue_a, api_for):
    rows = api_for(ward_a.users["officer_mttq"]).get("/api/conclusions/", {"status": "overdue"}).json()["results"]
    assert [(row["meeting"], row["status"]) for row in rows] == [(dialogue_a.pk, "overdue")]


def test_conclusion_without_responsible_unit_is_refused(ward_a, dialogue_a, api_for):
    client = api_for(ward_a.users["officer_ubnd"])
    response = client.post("/api/conclusions/", {"meeting": dialogue_a.pk, "text": "Việc", "due_date": "2024-07-01"})
    assert response.status_code == 400
    assert response.json()["responsible_unit"] == ["Hãy chọn đơn vị chịu trách nhiệm thực hiện kết luận."]
    response = client.post("/api/conclusions/", {"meeting": dialogue_a.pk, "text": "Việc", "due_date": "2024-05-01",
                                                 "responsible_unit": ward_a.unit("mttq").pk})
    assert response.status_code == 400
    assert "không được trước ngày họp" in response.json()["due_date"][0]
    assert Conclusion.objects.filter(meeting=dialogue_a).count() == 1


def test_conclusion_cannot_be_added_to_another_wards_meeting(ward_a, dialogue_b, api_for):
    response = api_for(ward_a.users["officer_ubnd"]).post("/api/conclusions/", {
        "meeting": dialogue_b.pk, "text": "Việc", "due_date": "2024-07-01",
        "responsible_unit": ward_a.unit("ubnd").pk})
    assert response.status_code == 400
    assert Conclusion.objects.filter(meeting=dialogue_b).count() == 1


def test_participating_unit_cannot_add_conclusions(ward_a, dialogue_a, api_for):
    response = api_for(ward_a.users["officer_mttq"]).post("/api/conclusions/", {
        "meeting": dialogue_a.pk, "text": "Việc", "due_date": "2024-07-01",
        "responsible_unit": ward_a.unit("mttq").pk})
    assert response.status_code == 400
    assert "cuộc họp do đơn vị mình tổ chức" in response.json()["meeting"][0]


def test_responsible_unit_updates_its_conclusion(ward_a, dialogue_a, api_for):
    conclusion = dialogue_a.conclusions.get()
    response = api_for(ward_a.users["officer_mttq"]).patch(
        f"/api/conclusions/{conclusion.pk}/", {"state": "done", "done_on": "2024-06-20", "result": "Xong"},
        format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "done"


def test_create_meeting_and_wrong_time_order(ward_a, api_for):
    client = api_for(ward_a.users["officer_ubnd"])
    data = {"kind": "training", "title": "Tập huấn QCDC", "organiser": ward_a.unit("ubnd").pk,
            "held_on": "2024-04-16", "starts_at": "14:00", "ends_at": "08:00"}
    response = client.post("/api/meetings/", data)
    assert response.status_code == 400
    assert response.json()["ends_at"] == ["Giờ kết thúc phải sau giờ bắt đầu."]
    data["ends_at"] = "16:30"
    response = client.post("/api/meetings/", {**data, "participating_units": [ward_a.unit("mttq").pk]})
    assert response.status_code == 201, response.json()
    assert Meeting.objects.get().created_by == ward_a.users["officer_ubnd"]


def test_meeting_cannot_name_another_wards_units(ward_a, ward_b, api_for):
    response = api_for(ward_a.users["bloc"]).post("/api/meetings/", {
        "kind": "training", "title": "Tập huấn", "organiser": ward_a.unit("ubnd").pk, "held_on": "2024-04-16",
        "participating_units": [ward_b.unit("mttq").pk]})
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_schedule_endpoint(ward_a, api_for):
    from tests.support.meetings import make_meeting

    make_meeting(ward_a.ward, "briefing", date(2023, 2, 20))
    rows = api_for(ward_a.users["standing"]).get("/api/meeting-schedule/", {"year": 2023}).json()
    briefing = rows[0]
    assert briefing["kind"] == "briefing"
    assert [p["state"] for p in briefing["periods"]] == ["met", "missing", "missing", "missing"]


def test_schema_lists_the_meeting_endpoints(ward_a, client_for):
    paths = client_for(ward_a.users["bloc"]).get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in ("/api/meetings/", "/api/conclusions/", "/api/meeting-requirements/", "/api/meeting-schedule/"):
        assert path in paths
