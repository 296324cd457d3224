"""REST API of area 1: the same scoping, files through multipart, cadre records for the few who may see."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accountability.models import CadreFeedback, CadreReview, FeedbackState, UnitPlanSubmission
from core.models import Attachment, Notification
from tests.support.files import PDF, PNG

pytestmark = pytest.mark.django_db


def test_submissions_are_scoped_and_carry_their_status(ward_a, ward_b, round_a, api_for):
    rows = api_for(ward_a.users["officer_mttq"]).get("/api/unit-plan-submissions/").json()["results"]
    assert [(row["unit_name"], row["status"]) for row in rows] == [("Ủy ban MTTQ phường", "missing")]
    assert api_for(ward_b.users["bloc"]).get("/api/unit-plan-submissions/").json()["results"] == []


def test_submit_a_plan_with_its_file(ward_a, round_a, api_for):
    own = UnitPlanSubmission.objects.get(round=round_a, unit=ward_a.unit("mttq"))
    client = api_for(ward_a.users["officer_mttq"])
    refused = client.patch(f"/api/unit-plan-submissions/{own.pk}/", {"submitted_on": "2024-03-08"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["files"] == ["Hãy đính kèm tệp kế hoạch của đơn vị."]
    response = client.patch(f"/api/unit-plan-submissions/{own.pk}/", {
        "submitted_on": "2024-03-08", "document_code": "03-KH/MTTQ",
        "files": [SimpleUploadedFile("ke-hoach-mttq.pdf", PDF)]}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "on_time"
    assert Attachment.for_object(own).count() == 1
    assert Notification.objects.filter(recipient=ward_a.users["bloc"], title__startswith="Ủy ban MTTQ phường đã nộp "
                                       ).count() == 1


def test_oversized_file_through_the_api_writes_nothing(ward_a, round_a, api_for, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    own = UnitPlanSubmission.objects.get(round=round_a, unit=ward_a.unit("mttq"))
    response = api_for(ward_a.users["officer_mttq"]).patch(f"/api/unit-plan-submissions/{own.pk}/", {
        "submitted_on": "2024-03-08", "files": [SimpleUploadedFile("anh.png", PNG + b"\x00" * 2048)]},
        format="multipart")
    assert response.status_code == 400
    assert "vượt quá giới hạn" in str(response.json()["files"])
    own.refresh_from_db()
    assert own.submitted_on is None and not Attachment.objects.exists()


def test_bloc_reminds_through_the_api(ward_a, round_a, api_for):
    response = api_for(ward_a.users["bloc"]).post(f"/api/unit-plan-rounds/{round_a.pk}/remind/")
    assert response.status_code == 200
    assert set(response.json()["reminded"]) == {"Ủy ban MTTQ phường", "UBND phường"}
    assert api_for(ward_a.users["officer_ubnd"]).post(f"/api/unit-plan-rounds/{round_a.pk}/remind/").status_code == 404


def test_round_created_through_the_api_asks_the_default_units(ward_a, api_for):
    response = api_for(ward_a.users["bloc"]).post("/api/unit-plan-rounds/", {
        "ward": ward_a.ward.pk, "title": "Kế hoạch 2025", "opened_on": "2025-02-20", "deadline": "2025-02-10"})
    assert response.status_code == 400
    assert "không được trước ngày giao" in response.json()["deadline"][0]
    response = api_for(ward_a.users["bloc"]).post("/api/unit-plan-rounds/", {
        "ward": ward_a.ward.pk, "title": "Kế hoạch 2025", "deadline": "2025-03-10"})
    assert response.status_code == 201
    assert UnitPlanSubmission.objects.filter(round_id=response.json()["id"]).count() >= 8


@pytest.mark.parametrize("who, count", [("bloc", 1), ("standing", 1), ("head", 1), ("officer_ubnd", 0),
                                        ("city_viewer", 0)])
def test_cadre_feedback_api_visibility(ward_a, feedback_a, ubnd_head, city_viewer, api_for, who, count):
    user = {**ward_a.users, "head": ubnd_head, "city_viewer": city_viewer}[who]
    client = api_for(user)
    assert len(client.get("/api/cadre-feedback/").json()["results"]) == count
    assert client.get(f"/api/cadre-feedback/{feedback_a.pk}/").status_code == (200 if count else 404)


def test_officer_cannot_create_cadre_feedback(ward_a, cadre_a, api_for):
    response = api_for(ward_a.users["officer_ubnd"]).post("/api/cadre-feedback/", {
        "cadre": cadre_a.pk, "received_on": "2024-04-12", "source": "inspection", "summary": "X"})
    assert response.status_code in (400, 403)
    assert not CadreFeedback.objects.exists()


def test_head_records_a_review_through_the_api(ward_a, feedback_a, ubnd_head, api_for):
    client = api_for(ubnd_head)
    response = client.post("/api/cadre-reviews/", {"feedback": feedback_a.pk, "held_on": "2024-04-01",
                                                   "outcome": "lesson"})
    assert response.status_code == 400
    response = client.post("/api/cadre-reviews/", {"feedback": feedback_a.pk, "held_on": "2024-04-20",
                                                   "outcome": "lesson"})
    assert response.status_code == 201, response.json()
    feedback_a.refresh_from_db()
    assert feedback_a.state == FeedbackState.REVIEWED
    assert CadreReview.objects.get().recorded_by == ubnd_head
