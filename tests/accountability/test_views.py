"""Browser pages of area 1: rounds of unit plans, submissions with files, cadre records for the few who may see."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accountability.models import CadreFeedback, CadreReview, FeedbackState, UnitPlanRound, UnitPlanSubmission
from core.models import Attachment, Notification
from tests.support.files import PDF, PNG

pytestmark = pytest.mark.django_db


# --- Units' own plans ---------------------------------------------------------------------------------

def test_bloc_opens_a_round_for_the_default_units(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    response = client.post(reverse("accountability:round_add"), {
        "title": "Kế hoạch thực hiện năm 2024", "opened_on": "20/02/2024", "deadline": "10/03/2024"})
    assert response.status_code == 302
    plan_round = UnitPlanRound.objects.get()
    assert plan_round.ward == ward_a.ward
    keys = {unit.code.removeprefix("phuong-a-") for unit in [s.unit for s in plan_round.submissions.all()]}
    assert {"ubnd", "mttq", "khoi-dan-van", "hoi-pn", "doan-tn", "hoi-ccb", "cong-doan", "bcd-qcdc"} <= keys
    assert "tdp-1" not in keys and "bcd-tdvcd" not in keys


def test_round_with_deadline_before_opening_is_refused(ward_a, client_for):
    response = client_for(ward_a.users["bloc"]).post(reverse("accountability:round_add"), {
        "title": "Đợt sai ngày", "opened_on": "20/03/2024", "deadline": "10/03/2024"})
    assert response.status_code == 400
    assert "Hạn nộp (10/03/2024) không được trước ngày giao (20/03/2024)." in response.content.decode()
    assert not UnitPlanRound.objects.exists()


def test_officer_cannot_open_rounds_or_send_reminders(ward_a, round_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    assert client.get(reverse("accountability:round_list")).context["may_add"] is False
    response = client.post(reverse("accountability:round_add"), {"title": "X", "deadline": "10/03/2024"})
    assert response.status_code == 403  # refused before any form: an officer never adds rounds
    assert client.post(reverse("accountability:round_remind", args=[round_a.pk])).status_code == 404
    assert not Notification.objects.exists()


def test_round_page_shows_each_unit_at_a_glance_and_the_bloc_reminds(ward_a, round_a, client_for):
    UnitPlanSubmission.objects.filter(round=round_a, unit=ward_a.unit("ubnd")).update(submitted_on=date(2024, 3, 12))
    client = client_for(ward_a.users["bloc"])
    page = client.get(round_a.get_absolute_url())
    statuses = {s.unit.code: s.status for s in page.context["submissions"]}
    assert statuses == {"phuong-a-ubnd": "late", "phuong-a-mttq": "missing", "phuong-a-hoi-pn": "missing"}
    assert "Gửi nhắc nhở đơn vị chưa nộp" in page.content.decode()
    response = client.post(reverse("accountability:round_remind", args=[round_a.pk]), follow=True)
    assert "Đã gửi nhắc nhở tới 1 đơn vị" in response.content.decode()
    assert Notification.objects.filter(recipient=ward_a.users["officer_mttq"]).count() == 1


def test_officer_sees_and_submits_only_its_own_plan(ward_a, ward_b, round_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    page = client.get(round_a.get_absolute_url())
    assert [s.unit.code for s in page.context["submissions"]] == ["phuong-a-ubnd"]
    own = UnitPlanSubmission.objects.get(round=round_a, unit=ward_a.unit("ubnd"))
    other = UnitPlanSubmission.objects.get(round=round_a, unit=ward_a.unit("mttq"))
    assert client.get(reverse("accountability:submission_edit", args=[other.pk])).status_code == 404
    assert client_for(ward_b.users["bloc"]).get(own.get_absolute_url()).status_code == 404
    response = client.post(reverse("accountability:submission_edit", args=[own.pk]), {
        "submitted_on": "08/03/2024", "document_code": "12/KH-UBND", "document_title": "Kế hoạch thực hiện",
        "files": SimpleUploadedFile("ke-hoach-ubnd.pdf", PDF)})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.submitted_on == date(2024, 3, 8)
    assert own.submitted_by == ward_a.users["officer_ubnd"]
    assert [a.original_name for a in Attachment.for_object(own)] == ["ke-hoach-ubnd.pdf"]
    told = Notification.objects.filter(recipient=ward_a.users["bloc"])
    assert [n.title for n in told] == [f"UBND phường đã nộp kế hoạch thực hiện: {round_a.title}"]
    assert told.get().link == own.get_absolute_url()
    client.post(reverse("accountability:submission_edit", args=[own.pk]), {
        "submitted_on": "08/03/2024", "document_code": "12/KH-UBND (sửa)", "document_title": "Kế hoạch thực hiện"})
    assert told.count() == 1  # a correction after sending does not tell the bloc again


@pytest.mark.parametrize("data, message", [
    ({"submitted_on": "08/03/2024"}, "Hãy đính kèm tệp kế hoạch của đơn vị."),
    ({"submitted_on": "", "files": "pdf"}, "Hãy nhập ngày nộp kế hoạch."),
    ({"submitted_on": "10/02/2024", "files": "pdf"}, "Ngày nộp không được trước ngày giao (20/02/2024)."),
    ({"submitted_on": "08/03/2024", "files": "too_large"}, "vượt quá giới hạn"),
    ({"submitted_on": "08/03/2024", "files": "wrong_type"}, "không đúng định dạng cho phép"),
])
def test_bad_submission_is_refused_and_nothing_is_written(ward_a, round_a, client_for, settings, data, message):
    settings.UPLOAD_MAX_BYTES = 1024
    files = {"pdf": SimpleUploadedFile("ke-hoach.pdf", PDF),
             "too_large": SimpleUploadedFile("ke-hoach.png", PNG + b"\x00" * 2048),
             "wrong_type": SimpleUploadedFile("ke-hoach.docx", b"not really a word file")}
    if "files" in data:
        data["files"] = files[data["files"]]
    own = UnitPlanSubmission.objects.get(round=round_a, unit=ward_a.unit("ubnd"))
    response = client_for(ward_a.users["officer_ubnd"]).post(
        reverse("accountability:submission_edit", args=[own.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    own.refresh_from_db()
    assert own.submitted_on is None
    assert not Attachment.objects.exists()


# --- Cadre records: who sees them --------------------------------------------------------------------

@pytest.mark.parametrize("who, sees", [
    ("bloc", True), ("standing", True), ("head_ubnd", True), ("head_mttq", False), ("officer_ubnd", False),
    ("democracy", False), ("group_leader", False), ("city_viewer", False), ("bloc_b", False),
])
def test_cadre_feedback_is_visible_only_to_head_bloc_and_standing(
        ward_a, ward_b, feedback_a, ubnd_head, mttq_head, city_viewer, client_for, who, sees):
    users = {**ward_a.users, "head_ubnd": ubnd_head, "head_mttq": mttq_head, "city_viewer": city_viewer,
             "bloc_b": ward_b.users["bloc"]}
    client = client_for(users[who])
    detail = client.get(feedback_a.get_absolute_url())
    listing = client.get(reverse("accountability:feedback_list"))
    history = client.get(reverse("accountability:cadre_history", args=[feedback_a.cadre_id]))
    if sees:
        assert detail.status_code == 200
        assert [f.pk for f in listing.context["object_list"]] == [feedback_a.pk]
        assert history.status_code == 200 and feedback_a.summary in history.content.decode()
    else:
        assert detail.status_code == 404
        assert listing.status_code == 404 or not listing.context["object_list"]
        assert history.status_code == 404 or feedback_a.summary not in history.content.decode()


def test_menu_entry_is_hidden_from_officers(ward_a, ubnd_head, client_for):
    url = reverse("accountability:feedback_list")
    assert url not in client_for(ward_a.users["officer_ubnd"]).get(reverse("meetings:meeting_list")).content.decode()
    assert url in client_for(ubnd_head).get(reverse("meetings:meeting_list")).content.decode()


def test_head_records_feedback_and_review_for_own_cadre(ward_a, cadre_a, ubnd_head, client_for):
    client = client_for(ubnd_head)
    response = client.post(reverse("accountability:feedback_add"), {
        "cadre": cadre_a.pk, "received_on": "12/04/2024", "source": "satisfaction", "kind": "negative",
        "summary": "Chưa hướng dẫn tận tình", "state": "open"})
    assert response.status_code == 302
    feedback = CadreFeedback.objects.get()
    assert feedback.unit == ward_a.unit("ubnd") and feedback.recorded_by == ubnd_head
    response = client.post(reverse("accountability:review_add", args=[feedback.pk]), {
        "held_on": "20/04/2024", "level": "collective", "outcome": "lesson", "conclusion": "Rút kinh nghiệm.",
        "evidence": SimpleUploadedFile("bien-ban-kiem-diem.pdf", PDF)})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.state == FeedbackState.REVIEWED
    review = CadreReview.objects.get()
    assert [a.original_name for a in Attachment.for_object(review)] == ["bien-ban-kiem-diem.pdf"]


def test_head_cannot_record_feedback_about_another_units_cadre(ward_a, mttq_head, cadre_a, client_for):
    response = client_for(mttq_head).post(reverse("accountability:feedback_add"), {
        "cadre": cadre_a.pk, "received_on": "12/04/2024", "source": "satisfaction", "kind": "negative",
        "summary": "X", "state": "open"})
    assert response.status_code == 400
    assert not CadreFeedback.objects.exists()


def test_standing_committee_reads_but_does_not_record_reviews(ward_a, feedback_a, client_for):
    client = client_for(ward_a.users["standing"])
    assert client.get(feedback_a.get_absolute_url()).context["may_change"] is False
    response = client.post(reverse("accountability:review_add", args=[feedback_a.pk]),
                           {"held_on": "20/04/2024", "level": "collective", "outcome": "lesson"})
    assert response.status_code == 404
    assert not CadreReview.objects.exists()


def test_review_dated_before_the_feedback_is_refused(ward_a, feedback_a, client_for):
    response = client_for(ward_a.users["bloc"]).post(reverse("accountability:review_add", args=[feedback_a.pk]), {
        "held_on": "01/04/2024", "level": "collective", "outcome": "lesson"})
    assert response.status_code == 400
    assert "không được trước ngày tiếp nhận phản ánh" in response.content.decode()
    assert not CadreReview.objects.exists()


def test_unit_summary_on_the_feedback_list(ward_a, feedback_a, client_for):
    CadreReview.objects.create(feedback=feedback_a, held_on=date(2024, 5, 2), outcome="reprimand")
    units = client_for(ward_a.users["bloc"]).get(reverse("accountability:feedback_list")).context["units"]
    assert units == [{"unit": "UBND phường", "feedback": 1, "open": 1, "reviews": 1, "discipline": 1}]
