"""Segregation of duties on the records about cadres (security finding 2): the cadre a feedback or a review is
about reads it where he did, but neither changes nor deletes it, through the pages or the API; the bloc and the
head of the unit (about another cadre) still do."""

from datetime import date

import pytest
from django.urls import reverse

from accountability.models import CadreFeedback, CadreReview

pytestmark = pytest.mark.django_db

OWN_RECORD = "Bạn không được ghi, sửa hoặc xóa hồ sơ về chính mình."


@pytest.fixture
def feedback_about_head(ward_a, ubnd_head, api_for):
    """What the outside test did: the bloc records feedback about the People's Committee chairman."""
    response = api_for(ward_a.users["bloc"]).post("/api/cadre-feedback/", {
        "cadre": ubnd_head.person.pk, "received_on": "2024-04-12", "source": "inspection",
        "summary": "Chậm trả lời kiến nghị của cử tri.", "state": "review_required"}, format="json")
    assert response.status_code == 201, response.json()
    return CadreFeedback.objects.get(pk=response.json()["id"])


@pytest.fixture
def review_about_head(feedback_about_head, ward_a):
    return CadreReview.objects.create(feedback=feedback_about_head, held_on=date(2024, 4, 20), outcome="criticism",
                                      conclusion="Phê bình trước tập thể.", recorded_by=ward_a.users["bloc"])


def test_cadre_cannot_change_or_delete_feedback_about_himself_through_the_api(feedback_about_head, feedback_a,
                                                                              ubnd_head, ward_a, api_for):
    client = api_for(ubnd_head)
    url = f"/api/cadre-feedback/{feedback_about_head.pk}/"

    read = client.get(url)
    changed = client.patch(url, {"summary": "Không có gì", "finding": "Không đúng sự thật."}, format="json")
    deleted = client.delete(url)
    feedback_about_head.refresh_from_db()
    about_another_cadre = client.patch(f"/api/cadre-feedback/{feedback_a.pk}/", {"finding": "Đã xác minh."},
                                       format="json")
    bloc_changed = api_for(ward_a.users["bloc"]).patch(url, {"finding": "Đúng một phần."}, format="json")
    bloc_deleted = api_for(ward_a.users["bloc"]).delete(url)

    assert read.status_code == 200
    assert (changed.status_code, deleted.status_code) == (404, 404)
    assert feedback_about_head.summary == "Chậm trả lời kiến nghị của cử tri."
    assert feedback_about_head.finding == ""
    assert about_another_cadre.status_code == 200
    assert (bloc_changed.status_code, bloc_deleted.status_code) == (200, 204)


def test_cadre_cannot_change_or_delete_a_review_about_himself_through_the_api(review_about_head, ubnd_head, ward_a,
                                                                              api_for):
    client = api_for(ubnd_head)
    url = f"/api/cadre-reviews/{review_about_head.pk}/"

    read = client.get(url)
    changed = client.patch(url, {"outcome": "no_fault", "conclusion": "Không có khuyết điểm."}, format="json")
    deleted = client.delete(url)
    review_about_head.refresh_from_db()
    bloc_changed = api_for(ward_a.users["bloc"]).patch(url, {"conclusion": "Đã khắc phục."}, format="json")
    bloc_deleted = api_for(ward_a.users["bloc"]).delete(url)

    assert read.status_code == 200
    assert (changed.status_code, deleted.status_code) == (404, 404)
    assert review_about_head.outcome == "criticism"
    assert (bloc_changed.status_code, bloc_deleted.status_code) == (200, 204)


def test_cadre_reads_the_page_about_himself_but_has_no_edit_page(feedback_about_head, ubnd_head, ward_a, client_for):
    client = client_for(ubnd_head)
    edit_url = reverse("accountability:feedback_edit", args=[feedback_about_head.pk])

    detail = client.get(feedback_about_head.get_absolute_url())
    edit = client.get(edit_url)
    posted = client.post(edit_url, {"cadre": ubnd_head.person.pk, "received_on": "12/04/2024", "source": "inspection",
                                    "kind": "negative", "summary": "Không có gì", "state": "closed"})
    review_page = client.get(reverse("accountability:review_add", args=[feedback_about_head.pk]))
    bloc_edit = client_for(ward_a.users["bloc"]).get(edit_url)

    assert detail.status_code == 200
    assert detail.context["may_change"] is False
    assert edit_url not in detail.content.decode()
    assert (edit.status_code, posted.status_code, review_page.status_code) == (404, 404, 404)
    feedback_about_head.refresh_from_db()
    assert feedback_about_head.state == "review_required"
    assert bloc_edit.status_code == 200


def test_a_head_recording_feedback_about_himself_is_told_why_it_is_refused(ward_a, ubnd_head, api_for, client_for):
    body = {"cadre": ubnd_head.person.pk, "received_on": "2024-04-12", "source": "other", "summary": "Tự ghi"}

    api = api_for(ubnd_head).post("/api/cadre-feedback/", body, format="json")
    page = client_for(ubnd_head).post(reverse("accountability:feedback_add"), {
        **body, "received_on": "12/04/2024", "kind": "negative", "state": "open"})

    assert api.status_code == 403
    assert api.json()["detail"].startswith(OWN_RECORD)
    assert page.status_code == 400
    assert OWN_RECORD in page.content.decode()
    assert not CadreFeedback.objects.exists()
