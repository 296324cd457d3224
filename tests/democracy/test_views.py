"""Browser pages of grassroots democracy: scoping, approvals, protected senders, bad input, the Excel export."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accountability.models import CadreFeedback
from core.models import Attachment
from democracy.models import Disclosure, Petition, PetitionStep, Violation
from tests.support.democracy import make_disclosure
from tests.support.files import PDF, PNG

pytestmark = pytest.mark.django_db


def disclosure_post(ward, **overrides):
    data = {"unit": ward.unit("ubnd").pk, "content_kind": "budget", "title": "Tình hình thực hiện ngân sách quý II",
            "channel": "posting_committee", "place": "Bảng tin UBND", "posted_on": "05/07/2024",
            "posted_until": "10/08/2024", "period_start": "01/04/2024", "period_end": "30/06/2024"}
    data.update(overrides)
    return data


def test_officer_records_a_disclosure_with_a_photo(ward_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    response = client.post(reverse("democracy:disclosure_add"),
                           disclosure_post(ward_a, evidence=SimpleUploadedFile("anh-niem-yet.png", PNG)))
    assert response.status_code == 302
    disclosure = Disclosure.objects.get()
    assert disclosure.created_by == ward_a.users["officer_ubnd"]
    assert [a.original_name for a in Attachment.for_object(disclosure)] == ["anh-niem-yet.png"]
    page = client.get(disclosure.get_absolute_url()).content.decode()
    assert "Chưa phê duyệt: nội dung chưa được tính là đã công khai." in page


@pytest.mark.parametrize("overrides, message", [
    ({"posted_until": "01/07/2024"},
     "Ngày kết thúc công khai (01/07/2024) không được trước ngày bắt đầu (05/07/2024)."),
    ({"period_end": "01/03/2024"}, "Kỳ của nội dung: ngày kết thúc không được trước ngày bắt đầu."),
    ({"posted_on": "31/02/2024"}, "Ngày bắt đầu công khai phải theo dạng dd/mm/yyyy."),
    ({"evidence": "too_large"}, "vượt quá giới hạn"),
    ({"evidence": "wrong_type"}, "không đúng định dạng cho phép"),
])
def test_bad_disclosure_is_refused_and_nothing_is_written(ward_a, client_for, settings, overrides, message):
    settings.UPLOAD_MAX_BYTES = 1024
    files = {"too_large": SimpleUploadedFile("anh.png", PNG + b"\x00" * 2048),
             "wrong_type": SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image")}
    if overrides.get("evidence") in files:
        overrides["evidence"] = files[overrides["evidence"]]
    response = client_for(ward_a.users["officer_ubnd"]).post(reverse("democracy:disclosure_add"),
                                                              disclosure_post(ward_a, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Disclosure.objects.exists()
    assert not Attachment.objects.exists()


def test_chairman_approval_makes_it_count(ward_a, chairman_a, client_for):
    disclosure = make_disclosure(ward_a.unit("ubnd"), date(2024, 7, 5))
    client = client_for(ward_a.users["officer_ubnd"])
    url = reverse("democracy:disclosure_approve", args=[disclosure.pk])
    not_chairman = client.post(url, {"approver": ward_a.users["officer_ubnd"].pk, "approved_on": "04/07/2024"})
    assert not_chairman.status_code == 400
    future = client.post(url, {"approver": chairman_a.person_id, "approved_on": "04/07/2099"})
    assert future.status_code == 400
    assert "Ngày phê duyệt không được sau hôm nay." in future.content.decode()
    response = client.post(url, {"approver": chairman_a.person_id, "approved_on": "04/07/2024"})
    assert response.status_code == 302
    disclosure.refresh_from_db()
    assert disclosure.approved_on == date(2024, 7, 4) and disclosure.approver == chairman_a.person


def test_disclosures_are_readable_ward_wide_but_changed_by_their_unit(ward_a, ward_b, client_for):
    disclosure = make_disclosure(ward_a.unit("ubnd"), date(2024, 7, 5))
    mttq = client_for(ward_a.users["officer_mttq"])
    assert mttq.get(disclosure.get_absolute_url()).status_code == 200
    assert mttq.get(reverse("democracy:disclosure_edit", args=[disclosure.pk])).status_code == 404
    assert client_for(ward_b.users["bloc"]).get(disclosure.get_absolute_url()).status_code == 404


def test_checklist_page_shows_red_items(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    page = client.get(reverse("democracy:checklist"), {"year": 2024})
    assert page.status_code == 200
    assert page.context["red"] > 0
    assert "Quá hạn, chưa công khai" in page.content.decode()
    assert client.post(reverse("democracy:checklist_defaults")).status_code == 302
    assert ward_a.ward.disclosure_requirements.count() == 14
    client_for(ward_a.users["officer_ubnd"]).post(reverse("democracy:checklist_defaults"))
    assert ward_a.ward.disclosure_requirements.count() == 14


def test_quarterly_list_and_its_excel(ward_a, client_for):
    from openpyxl import load_workbook

    make_disclosure(ward_a.unit("ubnd"), date(2024, 5, 2), approved_on=date(2024, 5, 1), title="Dự toán điều chỉnh")
    make_disclosure(ward_a.unit("ubnd"), date(2024, 5, 3), title="Chưa duyệt")
    client = client_for(ward_a.users["standing"])
    page = client.get(reverse("democracy:quarterly_list"), {"year": 2024, "quarter": 2})
    assert [d.title for d in page.context["disclosures"]] == ["Dự toán điều chỉnh"]
    response = client.get(reverse("democracy:quarterly_list"), {"year": 2024, "quarter": 2, "format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.title == "Quý 2-2024"
    assert sheet["B5"].value == "Dự toán điều chỉnh"
    assert sheet["B6"].value is None


def test_minimums_page(ward_a, client_for):
    page = client_for(ward_a.users["democracy"]).get(reverse("democracy:minimums"), {"year": 2024})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Điều 32" in html and "Điều 33" in html and "Điều 15" in html


# --- Petitions -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("who, sees_sender", [
    ("officer_ubnd", True), ("bloc", False), ("standing", False), ("democracy", False), ("cadre", False),
])
def test_sender_is_shown_only_to_the_handling_unit(ward_a, petition_a, cadre_user, client_for, who, sees_sender):
    user = {**ward_a.users, "cadre": cadre_user}[who]
    page = client_for(user).get(petition_a.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert ("Lê Văn Tám" in html) is sees_sender
    assert ("0912345678" in html) is sees_sender
    assert ("Thông tin người gửi được bảo vệ." in html) is not sees_sender


def test_sender_is_not_searchable_and_masked_in_history(ward_a, petition_a, client_for):
    client = client_for(ward_a.users["bloc"])
    assert not client.get(reverse("democracy:petition_list"), {"q": "Le Van Tam"}).context["object_list"]
    assert client.get(reverse("democracy:petition_list"), {"q": "thai do can bo"}).context["object_list"]
    officer = client_for(ward_a.users["officer_ubnd"])
    form = officer.get(reverse("democracy:petition_edit", args=[petition_a.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(received_on="03/09/2024", due_on="17/09/2024", sender_name="Lê Văn Tám (sửa)")
    assert officer.post(reverse("democracy:petition_edit", args=[petition_a.pk]), data).status_code == 302
    html = client.get(petition_a.get_absolute_url()).content.decode()
    assert "Lê Văn Tám" not in html and "******" in html


def test_bloc_edits_a_petition_without_seeing_or_losing_the_sender(ward_a, petition_a, client_for):
    client = client_for(ward_a.users["bloc"])
    form = client.get(reverse("democracy:petition_edit", args=[petition_a.pk])).context["form"]
    assert "sender_name" not in form.fields
    response = client.post(reverse("democracy:petition_edit", args=[petition_a.pk]), {
        "received_on": "03/09/2024", "kind": "feedback", "channel": "group", "subject": petition_a.subject,
        "handling_unit": ward_a.unit("ubnd").pk, "due_on": "17/09/2024", "state": "in_progress",
        "sender_name": "Đã bị ghi đè"})
    assert response.status_code == 302
    petition_a.refresh_from_db()
    assert petition_a.sender_name == "Lê Văn Tám"
    assert petition_a.state == "in_progress"


def test_new_petition_gets_the_legal_deadline(ward_a, client_for):
    response = client_for(ward_a.users["officer_ubnd"]).post(reverse("democracy:petition_add"), {
        "received_on": "03/09/2024", "kind": "complaint", "channel": "mail", "subject": "Khiếu nại ranh giới đất",
        "handling_unit": ward_a.unit("ubnd").pk, "state": "received"})
    assert response.status_code == 302
    assert Petition.objects.get().due_on == date(2024, 10, 13)


@pytest.mark.parametrize("overrides, message", [
    ({"due_on": "01/09/2024"}, "Hạn trả lời (01/09/2024) không được trước ngày tiếp nhận (03/09/2024)."),
    ({"state": "answered", "answered_on": "01/09/2024"}, "Ngày trả lời không được trước ngày tiếp nhận."),
    ({"state": "answered"}, "Đơn đã trả lời cần có ngày trả lời."),
    ({"evidence": "too_large"}, "vượt quá giới hạn"),
])
def test_bad_petition_is_refused_and_nothing_is_written(ward_a, client_for, settings, overrides, message):
    settings.UPLOAD_MAX_BYTES = 1024
    if overrides.get("evidence") == "too_large":
        overrides["evidence"] = SimpleUploadedFile("don.png", PNG + b"\x00" * 2048)
    data = {"received_on": "03/09/2024", "kind": "complaint", "channel": "mail", "subject": "Khiếu nại",
            "handling_unit": ward_a.unit("ubnd").pk, "state": "received", **overrides}
    response = client_for(ward_a.users["officer_ubnd"]).post(reverse("democracy:petition_add"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Petition.objects.exists()
    assert not Attachment.objects.exists()


def test_steps_are_recorded_in_order(ward_a, petition_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])
    url = reverse("democracy:step_add", args=[petition_a.pk])
    early = client.post(url, {"taken_on": "01/09/2024", "action": "Xác minh"})
    assert early.status_code == 400
    assert "Ngày xử lý không được trước ngày tiếp nhận đơn (03/09/2024)." in early.content.decode()
    response = client.post(url, {"taken_on": "05/09/2024", "action": "Xác minh tại bộ phận một cửa",
                                 "evidence": SimpleUploadedFile("bien-ban.pdf", PDF)})
    assert response.status_code == 302
    petition_a.refresh_from_db()
    assert petition_a.state == "in_progress"
    assert PetitionStep.objects.get().action == "Xác minh tại bộ phận một cửa"
    assert client_for(ward_a.users["officer_mttq"]).post(url, {"taken_on": "05/09/2024", "action": "x"}).status_code \
        == 404


def test_petition_opens_a_cadre_feedback_record(ward_a, petition_a, client_for):
    officer = client_for(ward_a.users["officer_ubnd"])
    assert officer.get(petition_a.get_absolute_url()).context["may_open_feedback"] is False
    assert officer.post(reverse("democracy:petition_open_feedback", args=[petition_a.pk])).status_code == 404
    bloc = client_for(ward_a.users["bloc"])
    assert bloc.get(petition_a.get_absolute_url()).context["may_open_feedback"] is True
    response = bloc.post(reverse("democracy:petition_open_feedback", args=[petition_a.pk]))
    feedback = CadreFeedback.objects.get()
    assert response.status_code == 302 and response["Location"] == feedback.get_absolute_url()
    assert feedback.cadre == petition_a.about_cadre and feedback.source == "petition"
    page = bloc.get(petition_a.get_absolute_url())
    assert page.context["feedback_visible"] and "Xem phản ánh" in page.content.decode()


def test_petitions_are_scoped_by_ward_and_unit(ward_a, ward_b, petition_a, petition_b, client_for):
    assert client_for(ward_a.users["bloc"]).get(petition_b.get_absolute_url()).status_code == 404
    assert client_for(ward_a.users["officer_mttq"]).get(petition_a.get_absolute_url()).status_code == 404
    rows = client_for(ward_a.users["democracy"]).get(reverse("democracy:petition_list")).context["object_list"]
    assert [p.pk for p in rows] == [petition_a.pk]


# --- Violations -----------------------------------------------------------------------------------------

def test_democracy_committee_records_a_violation_at_any_unit_and_exports(ward_a, ward_b, client_for):
    from openpyxl import load_workbook

    client = client_for(ward_a.users["democracy"])
    response = client.post(reverse("democracy:violation_add"), {
        "unit": ward_a.unit("tdp-4").pk, "found_on": "20/01/2024", "source": "check", "article": "Điều 33",
        "description": "Không tổ chức hội nghị cuối năm 2023."})
    assert response.status_code == 302
    assert Violation.objects.get().evaluation_year == 2024
    Violation.objects.create(unit=ward_b.unit("ubnd"), found_on=date(2024, 3, 1), source="check", article="Điều 11",
                             description="Phường khác")
    export = client.get(reverse("democracy:violation_export"), {"evaluation_year": 2024})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(export.content))["Danh sách vi phạm"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=6)]
    assert [(r[1], r[5]) for r in rows] == [("Tổ dân phố số 4", "Điều 33")]


def test_violation_dates_in_the_wrong_order_are_refused(ward_a, client_for):
    response = client_for(ward_a.users["bloc"]).post(reverse("democracy:violation_add"), {
        "unit": ward_a.unit("ubnd").pk, "found_on": "20/03/2024", "remedied_on": "01/03/2024", "source": "check",
        "article": "Điều 13", "description": "Niêm yết chưa đủ 30 ngày."})
    assert response.status_code == 400
    assert "Ngày khắc phục (01/03/2024) không được trước ngày phát hiện (20/03/2024)." in response.content.decode()
    assert not Violation.objects.exists()


def test_officer_sees_only_own_units_violations(ward_a, client_for):
    Violation.objects.create(unit=ward_a.unit("ubnd"), found_on=date(2024, 3, 1), source="check", article="A",
                             description="UBND")
    Violation.objects.create(unit=ward_a.unit("mttq"), found_on=date(2024, 3, 1), source="check", article="B",
                             description="MTTQ")
    rows = client_for(ward_a.users["officer_mttq"]).get(reverse("democracy:violation_list")).context["object_list"]
    assert [v.article for v in rows] == ["B"]
