"""Browser pages of meetings: scoping across wards, forms with evidence, bad input that writes nothing."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.models import Attachment
from meetings.models import Conclusion, ConclusionState, Meeting, MeetingKind
from tests.support.files import PDF, PNG
from tests.support.meetings import make_conclusion, make_meeting

pytestmark = pytest.mark.django_db


def meeting_post(ward, **overrides):
    data = {
        "kind": MeetingKind.BRIEFING, "title": "Giao ban quý III", "organiser": ward.unit("ubnd").pk,
        "status": "held", "held_on": "20/08/2024", "starts_at": "08:00", "ends_at": "10:30",
        "place": "Hội trường UBND", "minutes": "Nghe báo cáo tình hình Nhân dân.",
    }
    data.update(overrides)
    return data


def test_lists_and_pages_are_scoped_by_ward(ward_a, ward_b, dialogue_a, dialogue_b, client_for):
    client = client_for(ward_a.users["officer_mttq"])
    listing = client.get(reverse("meetings:meeting_list"))
    assert [m.pk for m in listing.context["object_list"]] == [dialogue_a.pk]
    assert client.get(dialogue_a.get_absolute_url()).status_code == 200
    assert client.get(dialogue_b.get_absolute_url()).status_code == 404
    other = dialogue_b.conclusions.get()
    assert client.get(other.get_absolute_url()).status_code == 404
    conclusions = client.get(reverse("meetings:conclusion_list")).context["object_list"]
    assert [c.meeting_id for c in conclusions] == [dialogue_a.pk]


def test_participating_unit_reads_but_does_not_edit_the_meeting(ward_a, dialogue_a, client_for):
    client = client_for(ward_a.users["officer_mttq"])
    assert client.get(reverse("meetings:meeting_edit", args=[dialogue_a.pk])).status_code == 404
    assert client.post(reverse("meetings:meeting_delete", args=[dialogue_a.pk])).status_code == 404
    owner = client_for(ward_a.users["officer_ubnd"])
    assert owner.get(reverse("meetings:meeting_edit", args=[dialogue_a.pk])).status_code == 200


def test_create_meeting_with_minutes_files(ward_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    data = meeting_post(ward_a, participating_units=[ward_a.unit("mttq").pk, ward_a.unit("hoi-pn").pk],
                        minutes_files=[SimpleUploadedFile("bien-ban.pdf", PDF), SimpleUploadedFile("anh.png", PNG)])
    response = client.post(reverse("meetings:meeting_add"), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.created_by == ward_a.users["officer_ubnd"]
    assert sorted(a.original_name for a in Attachment.for_object(meeting)) == ["anh.png", "bien-ban.pdf"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "bien-ban.pdf" in page and "Lịch sử thay đổi" in page
    assert set(meeting.participating_units.all()) == {ward_a.unit("mttq"), ward_a.unit("hoi-pn")}


@pytest.mark.parametrize("overrides, message", [
    ({"starts_at": "10:00", "ends_at": "08:00"}, "Giờ kết thúc phải sau giờ bắt đầu."),
    ({"held_on": "31/02/2024"}, "Ngày họp phải theo dạng dd/mm/yyyy."),
    ({"kind": MeetingKind.DIALOGUE}, "Buổi đối thoại cần chọn đối tượng đối thoại."),
    ({"minutes_files": "too_large"}, "vượt quá giới hạn"),
    ({"minutes_files": "wrong_type"}, "không đúng định dạng cho phép"),
])
def test_bad_meeting_input_is_refused_in_vietnamese_and_nothing_is_written(
        ward_a, client_for, settings, overrides, message):
    settings.UPLOAD_MAX_BYTES = 1024
    files = {"too_large": SimpleUploadedFile("anh-lon.png", PNG + b"\x00" * 2048),
             "wrong_type": SimpleUploadedFile("bien-ban.pdf", b"<html><script>alert(1)</script></html>")}
    if overrides.get("minutes_files") in files:
        overrides["minutes_files"] = files[overrides["minutes_files"]]
    client = client_for(ward_a.users["officer_ubnd"])
    response = client.post(reverse("meetings:meeting_add"), meeting_post(ward_a, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()
    assert not Attachment.objects.exists()


def test_a_meeting_in_the_future_cannot_be_recorded_as_held(ward_a, client_for):
    future = (timezone.localdate() + timedelta(days=10)).strftime("%d/%m/%Y")
    client = client_for(ward_a.users["officer_ubnd"])
    response = client.post(reverse("meetings:meeting_add"), meeting_post(ward_a, held_on=future))
    assert response.status_code == 400
    assert "chưa thể ghi là “Đã tổ chức”" in response.content.decode()
    response = client.post(reverse("meetings:meeting_add"), meeting_post(ward_a, held_on=future, status="planned"))
    assert response.status_code == 302


def test_officer_cannot_create_a_meeting_for_another_unit(ward_a, ward_b, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    response = client.post(reverse("meetings:meeting_add"), meeting_post(ward_a, organiser=ward_b.unit("ubnd").pk))
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_add_conclusion_from_the_meeting_page(ward_a, dialogue_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    response = client.post(reverse("meetings:conclusion_add", args=[dialogue_a.pk]), {
        "number": 2, "text": "Sửa đèn chiếu sáng ngõ 12.", "responsible_unit": ward_a.unit("tdp-2").pk,
        "due_date": "15/07/2024"})
    assert response.status_code == 302
    conclusion = Conclusion.objects.get(meeting=dialogue_a, number=2)
    assert conclusion.responsible_unit == ward_a.unit("tdp-2")
    assert conclusion.state == ConclusionState.NOT_STARTED


@pytest.mark.parametrize("data, message", [
    ({"responsible_unit": ""}, "Hãy chọn đơn vị chịu trách nhiệm thực hiện kết luận."),
    ({"due_date": "01/05/2024"}, "Hạn hoàn thành (01/05/2024) không được trước ngày họp (22/05/2024)."),
])
def test_bad_conclusion_is_refused_and_nothing_is_written(ward_a, dialogue_a, client_for, data, message):
    client = client_for(ward_a.users["officer_ubnd"])
    post = {"number": 2, "text": "Việc cần làm", "responsible_unit": ward_a.unit("mttq").pk, "due_date": "15/07/2024"}
    post.update(data)
    response = client.post(reverse("meetings:conclusion_add", args=[dialogue_a.pk]), post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Conclusion.objects.filter(meeting=dialogue_a).count() == 1


def test_only_the_organiser_adds_conclusions(ward_a, ward_b, dialogue_a, client_for):
    post = {"number": 2, "text": "Việc", "responsible_unit": ward_a.unit("mttq").pk, "due_date": "15/07/2024"}
    for user in (ward_a.users["officer_mttq"], ward_b.users["bloc"]):
        response = client_for(user).post(reverse("meetings:conclusion_add", args=[dialogue_a.pk]), post)
        assert response.status_code == 404
    assert Conclusion.objects.filter(meeting=dialogue_a).count() == 1


def test_responsible_unit_reports_the_conclusion_done_with_evidence(ward_a, dialogue_a, client_for):
    conclusion = dialogue_a.conclusions.get()
    client = client_for(ward_a.users["officer_mttq"])
    url = reverse("meetings:conclusion_followup", args=[conclusion.pk])
    refused = client.post(url, {"state": "done", "result": ""})
    assert refused.status_code == 400
    assert "Hãy ghi kết quả thực hiện" in refused.content.decode()
    response = client.post(url, {"state": "done", "done_on": "25/06/2024", "result": "Đã công khai tại 4 TDP.",
                                 "evidence": SimpleUploadedFile("anh-niem-yet.png", PNG)})
    assert response.status_code == 302
    conclusion.refresh_from_db()
    assert conclusion.state == ConclusionState.DONE
    assert conclusion.done_on == date(2024, 6, 25)
    assert [a.original_name for a in Attachment.for_object(conclusion)] == ["anh-niem-yet.png"]
    page = client.get(conclusion.get_absolute_url()).content.decode()
    assert "Hoàn thành" in page and "Lịch sử thay đổi" in page


def test_completion_date_before_the_meeting_is_refused(ward_a, dialogue_a, client_for):
    conclusion = dialogue_a.conclusions.get()
    client = client_for(ward_a.users["officer_mttq"])
    response = client.post(reverse("meetings:conclusion_followup", args=[conclusion.pk]),
                           {"state": "done", "done_on": "01/05/2024", "result": "Xong"})
    assert response.status_code == 400
    assert "Ngày hoàn thành không được trước ngày họp" in response.content.decode()
    conclusion.refresh_from_db()
    assert conclusion.state == ConclusionState.NOT_STARTED


def test_overdue_list_shows_only_overdue_conclusions(ward_a, dialogue_a, client_for):
    make_conclusion(dialogue_a, ward_a.unit("ubnd"), timezone.localdate() + timedelta(days=30), number=2,
                    text="Chưa đến hạn")
    make_conclusion(dialogue_a, ward_a.unit("ubnd"), date(2024, 6, 1), number=3, text="Đã xong",
                    state=ConclusionState.DONE, done_on=date(2024, 5, 30))
    client = client_for(ward_a.users["bloc"])
    rows = client.get(reverse("meetings:conclusion_overdue")).context["object_list"]
    assert [c.number for c in rows] == [1]
    rows = client.get(reverse("meetings:conclusion_list"), {"status": "not_started"}).context["object_list"]
    assert [c.number for c in rows] == [2]


def test_schedule_page_shows_missing_meetings(ward_a, client_for):
    make_meeting(ward_a.ward, MeetingKind.BRIEFING, date(2023, 2, 20))
    client = client_for(ward_a.users["bloc"])
    page = client.get(reverse("meetings:schedule"), {"year": 2023})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Còn thiếu" in html and "Quý 1: 1/1" in html
    assert page.context["missing"] > 0
    response = client.post(reverse("meetings:schedule_defaults"))
    assert response.status_code == 302
    assert ward_a.ward.meeting_requirements.count() == 7


def test_unit_officer_cannot_save_default_requirements(ward_a, client_for):
    client_for(ward_a.users["officer_ubnd"]).post(reverse("meetings:schedule_defaults"))
    assert not ward_a.ward.meeting_requirements.exists()


def test_city_viewer_picks_a_ward_for_the_schedule(ward_a, ward_b, city_viewer, client_for):
    client = client_for(city_viewer)
    page = client.get(reverse("meetings:schedule"), {"ward": ward_b.ward.pk})
    assert page.context["ward"] == ward_b.ward
    assert client.get(reverse("meetings:schedule"), {"ward": 999999}).status_code == 404


def test_search_without_diacritics(ward_a, dialogue_a, client_for):
    rows = client_for(ward_a.users["bloc"]).get(reverse("meetings:meeting_list"), {"q": "doi thoai chu tich"})
    assert [m.pk for m in rows.context["object_list"]] == [dialogue_a.pk]
