"""REST API of grassroots democracy: protected senders, approval, checklist and minimums, scoping."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Attachment
from democracy.models import Disclosure, Petition
from tests.support.democracy import make_disclosure
from tests.support.files import PNG

pytestmark = pytest.mark.django_db


def test_sender_fields_are_left_out_for_readers(ward_a, petition_a, api_for):
    handling = api_for(ward_a.users["officer_ubnd"]).get(f"/api/petitions/{petition_a.pk}/").json()
    assert handling["sender_name"] == "Lê Văn Tám"
    for who in ("bloc", "standing", "democracy"):
        row = api_for(ward_a.users[who]).get(f"/api/petitions/{petition_a.pk}/").json()
        assert "sender_name" not in row and "sender_phone" not in row and "sender_address" not in row
        assert row["subject"] == petition_a.subject


def test_readers_cannot_write_the_sender(ward_a, petition_a, api_for):
    response = api_for(ward_a.users["bloc"]).patch(f"/api/petitions/{petition_a.pk}/", {"sender_name": "X"},
                                                   format="json")
    assert response.status_code == 400
    petition_a.refresh_from_db()
    assert petition_a.sender_name == "Lê Văn Tám"


def test_petition_created_through_the_api_gets_its_deadline(ward_a, api_for):
    response = api_for(ward_a.users["officer_ubnd"]).post("/api/petitions/", {
        "received_on": "2024-09-03", "kind": "recommendation", "channel": "hotline", "subject": "Đèn ngõ 18",
        "handling_unit": ward_a.unit("ubnd").pk})
    assert response.status_code == 201, response.json()
    assert response.json()["due_on"] == "2024-09-17"
    assert Petition.objects.get().created_by == ward_a.users["officer_ubnd"]
    bad = api_for(ward_a.users["officer_ubnd"]).post("/api/petitions/", {
        "received_on": "2024-09-03", "kind": "recommendation", "channel": "hotline", "subject": "X",
        "handling_unit": ward_a.unit("ubnd").pk, "due_on": "2024-09-01"})
    assert bad.status_code == 400
    assert "không được trước ngày tiếp nhận" in bad.json()["due_on"][0]


def test_approval_through_the_api(ward_a, chairman_a, api_for):
    disclosure = make_disclosure(ward_a.unit("ubnd"), date(2024, 7, 5))
    client = api_for(ward_a.users["officer_ubnd"])
    assert client.get(f"/api/disclosures/{disclosure.pk}/").json()["status"] == "not_approved"
    refused = client.post(f"/api/disclosures/{disclosure.pk}/approve/",
                          {"approver": ward_a.users["officer_ubnd"].pk, "approved_on": "2024-07-04"})
    assert refused.status_code == 400
    response = client.post(f"/api/disclosures/{disclosure.pk}/approve/",
                           {"approver": chairman_a.person_id, "approved_on": "2024-07-04"})
    assert response.status_code == 200
    assert response.json()["approved_on"] == "2024-07-04"
    assert api_for(ward_a.users["officer_mttq"]).post(
        f"/api/disclosures/{disclosure.pk}/approve/",
        {"approver": chairman_a.person_id, "approved_on": "2024-07-04"}).status_code == 404


def test_disclosure_dates_and_files_through_the_api(ward_a, api_for, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client = api_for(ward_a.users["officer_ubnd"])
    data = {"unit": ward_a.unit("ubnd").pk, "content_kind": "budget", "title": "Ngân sách", "channel": "website",
            "posted_on": "2024-07-05", "posted_until": "2024-07-01"}
    response = client.post("/api/disclosures/", data)
    assert response.status_code == 400
    assert "không được trước ngày bắt đầu" in response.json()["posted_until"][0]
    data["posted_until"] = "2024-08-10"
    response = client.post("/api/disclosures/", {**data, "files": [SimpleUploadedFile("a.png", PNG + b"\0" * 2048)]},
                           format="multipart")
    assert response.status_code == 400
    assert not Disclosure.objects.exists() and not Attachment.objects.exists()
    response = client.post("/api/disclosures/", {**data, "files": [SimpleUploadedFile("a.png", PNG)]},
                           format="multipart")
    assert response.status_code == 201
    assert Attachment.for_object(Disclosure.objects.get()).count() == 1


def test_open_cadre_feedback_through_the_api(ward_a, petition_a, api_for):
    assert api_for(ward_a.users["officer_ubnd"]).post(
        f"/api/petitions/{petition_a.pk}/open-cadre-feedback/").status_code == 404
    response = api_for(ward_a.users["bloc"]).post(f"/api/petitions/{petition_a.pk}/open-cadre-feedback/")
    assert response.status_code == 200
    petition_a.refresh_from_db()
    assert response.json()["cadre_feedback"] == petition_a.cadre_feedback_id


def test_checklist_and_minimums_endpoints(ward_a, api_for):
    client = api_for(ward_a.users["bloc"])
    rows = client.get("/api/disclosure-checklist/", {"year": 2024}).json()
    assert len(rows) == 14
    assert {row["content_kind"] for row in rows} >= {"budget", "democracy_rules", "admin_procedures"}
    minimums = client.get("/api/democracy-minimums/", {"year": 2024}).json()
    assert [m["key"] for m in minimums] == ["dialogue", "residents_conference", "citizen_reception"]


def test_scoping_across_wards(ward_a, ward_b, petition_b, api_for):
    assert api_for(ward_a.users["bloc"]).get(f"/api/petitions/{petition_b.pk}/").status_code == 404
    assert api_for(ward_a.users["bloc"]).get("/api/petitions/").json()["results"] == []


def test_schema_lists_the_democracy_endpoints(ward_a, client_for):
    paths = client_for(ward_a.users["bloc"]).get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in ("/api/disclosures/", "/api/disclosure-checklist/", "/api/petitions/", "/api/citizen-receptions/",
                 "/api/democracy-violations/", "/api/democracy-minimums/", "/api/unit-plan-rounds/",
                 "/api/cadre-feedback/"):
        assert path in paths
