"""The committee's journeys in the browser: record, review, follow up; forms with clear Vietnamese errors."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from core import periods
from religion import services
from religion.models import (
    CertificateStep,
    ConstructionWork,
    Establishment,
    InvitationStatus,
    KeyPerson,
    MonkInvitationRequest,
    WatchReport,
    WatchStatus,
)
from tests.support.religion import make_establishment, make_watch_report

pytestmark = pytest.mark.django_db


def d(day):
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def committee(ward_a, client_for):
    return client_for(ward_a.users["religion"])


def test_the_committee_registers_an_establishment_in_its_ward(ward_a, ward_b, committee):
    data = {"kind": "pagoda", "religion": "buddhism", "name": "Chùa Đa Mai", "address": "Số 3 phố Đa Mai",
            "residential_group": ward_a.units["tdp-2"].pk, "person_in_charge": "Sư cô Thích Đàm Hạnh",
            "land_area": "640,5", "certificate_status": "requested", "heritage_rank": "", "is_active": "on"}

    foreign = committee.post(reverse("religion:establishment_add"),
                             {**data, "residential_group": ward_b.units["tdp-2"].pk})
    assert foreign.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ" in foreign.content.decode()
    response = committee.post(reverse("religion:establishment_add"), data)

    establishment = Establishment.objects.get(name="Chùa Đa Mai")
    assert response.status_code == 302
    assert establishment.ward == ward_a.ward
    assert str(establishment.land_area) == "640.5"
    assert establishment.certificate_steps.get().status == "requested"
    entry = LogEntry.objects.get_for_object(establishment).get(action=LogEntry.Action.CREATE)
    assert entry.actor == ward_a.users["religion"]


def test_the_edit_form_does_not_change_the_head_or_the_certificate(ward_a, committee):
    pagoda = make_establishment(ward_a)
    page = committee.get(reverse("religion:establishment_edit", args=[pagoda.pk]))
    assert "person_in_charge" not in page.context["form"].fields
    assert "certificate_status" not in page.context["form"].fields


def test_a_head_change_from_the_page_flags_the_pagoda_and_shows_on_page_and_list(ward_a, committee):
    pagoda = make_establishment(ward_a)

    response = committee.post(reverse("religion:establishment_head_change", args=[pagoda.pk]),
                              {"new_head": "Đại đức Thích Quảng Pháp", "changed_on": d(periods.today())})

    assert response.status_code == 302
    assert services.head_change_flag(pagoda)
    detail = committee.get(pagoda.get_absolute_url()).content.decode()
    assert "Cảnh báo: thay người đứng đầu không có đề nghị thỉnh sư được chấp thuận" in detail
    listing = committee.get(reverse("religion:establishment_list")).content.decode()
    assert "Cảnh báo thay người đứng đầu" in listing
    flagged = committee.get(reverse("religion:establishment_list"), {"flagged": "1"})
    assert list(flagged.context["object_list"]) == [pagoda]
    home = committee.get(reverse("religion:home"))
    assert home.context["flagged"] == [pagoda]


def test_the_thinh_su_journey_in_the_browser(ward_a, committee):
    pagoda = make_establishment(ward_a)
    today = periods.today()
    committee.post(reverse("religion:invitation_add"), {
        "establishment": pagoda.pk, "monk_name": "Đại đức Thích Quảng Pháp", "proposed_role": "Trụ trì",
        "requested_by": "Ban Trị sự GHPGVN thành phố", "submitted_on": d(today - timedelta(days=10)),
    })
    invitation = MonkInvitationRequest.objects.get()
    url = reverse("religion:invitation_transition", args=[invitation.pk])

    skipped = committee.post(url, {"to": "approved", "on": d(today)})
    assert skipped.status_code == 400
    committee.post(url, {"to": "under_review", "on": d(today - timedelta(days=5)), "note": "Xác minh"})
    committee.post(url, {"to": "approved", "on": d(today - timedelta(days=2)), "decision_number": "85/UBND"})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.APPROVED
    assert invitation.decided_by == ward_a.users["religion"]
    page = committee.get(invitation.get_absolute_url()).content.decode()
    assert "Ghi nhận nhà tu hành về nhận nhiệm vụ" in page
    prefilled = committee.get(pagoda.get_absolute_url(), {"invitation": invitation.pk})
    assert prefilled.context["head_form"]["invitation"].value() == str(invitation.pk)

    committee.post(reverse("religion:establishment_head_change", args=[pagoda.pk]), {
        "new_head": "Đại đức Thích Quảng Pháp", "changed_on": d(today), "invitation": invitation.pk})

    assert not services.head_change_flag(pagoda)
    assert committee.get(reverse("religion:invitation_edit", args=[invitation.pk])).status_code == 404


def test_a_church_cannot_be_chosen_for_thinh_su(ward_a, committee):
    church = make_establishment(ward_a, kind="church", religion="catholicism", name="Nhà thờ")
    page = committee.get(reverse("religion:invitation_add"))
    assert church not in page.context["form"].fields["establishment"].queryset


def test_certificate_progress_from_the_page(ward_a, committee):
    pagoda = make_establishment(ward_a)
    url = reverse("religion:establishment_certificate", args=[pagoda.pk])

    missing_number = committee.post(url, {"status": "issued", "recorded_on": d(periods.today())})
    assert missing_number.status_code == 400
    assert "Hãy ghi số giấy chứng nhận đã cấp." in missing_number.content.decode()
    committee.post(url, {"status": "issued", "recorded_on": d(periods.today()), "certificate_number": "CS 9"})

    pagoda.refresh_from_db()
    assert pagoda.certificate_status == "issued"
    assert CertificateStep.objects.filter(establishment=pagoda, previous_status="eligible", status="issued").exists()


def test_a_work_with_an_inspection(ward_a, committee):
    pagoda = make_establishment(ward_a)
    committee.post(reverse("religion:work_add"), {
        "establishment": pagoda.pk, "title": "Xây nhà tổ", "work_kind": "new_build", "permit_state": "applied",
        "started_on": d(periods.today() - timedelta(days=3)),
    })
    work = ConstructionWork.objects.get()
    assert work.residential_group == pagoda.residential_group

    committee.post(reverse("religion:work_inspection", args=[work.pk]), {
        "inspected_on": d(periods.today()), "inspectors": "Tổ kiểm tra UBND phường", "result": "to_fix",
        "findings": "Đổ móng khi chưa có phép", "measures": "Tạm dừng thi công",
    })

    page = committee.get(work.get_absolute_url()).content.decode()
    assert "Thi công khi chưa được cấp phép" in page
    assert "Đổ móng khi chưa có phép" in page
    assert work.inspections.get().recorded_by == ward_a.users["religion"]


def test_a_watch_report_is_followed_up_until_closed(ward_a, committee):
    committee.post(reverse("religion:watch_add"), {
        "observed_on": d(periods.today() - timedelta(days=3)), "residential_group": ward_a.units["tdp-2"].pk,
        "location": "Sân nhà văn hóa", "activity_kind": "health_exercise", "description": "Giảng tài liệu lạ",
        "source_kind": "community_group", "risk_level": "medium",
    })
    report = WatchReport.objects.get()
    assert report.reported_by == ward_a.users["religion"]
    url = reverse("religion:watch_follow_up", args=[report.pk])

    no_outcome = committee.post(url, {"followed_on": d(periods.today()), "action_taken": "Xong", "close": "on"})
    assert no_outcome.status_code == 400
    assert "Hãy ghi kết quả xử lý khi kết thúc theo dõi." in no_outcome.content.decode()
    committee.post(url, {"followed_on": d(periods.today()), "action_taken": "Nhóm giải tán", "close": "on",
                         "outcome": "Ổn định", "risk_level": "low"})

    report.refresh_from_db()
    assert report.status == WatchStatus.CLOSED
    assert report.risk_level == "low"
    assert "follow_up_form" not in committee.get(report.get_absolute_url()).context


def test_the_risk_overview_page_counts_open_reports(ward_a, committee):
    make_watch_report(ward_a, "tdp-1", "high")
    make_watch_report(ward_a, "tdp-3", "low")

    page = committee.get(reverse("religion:risk_overview"))

    overview = page.context["overview"]
    assert overview.totals == {"high": 1, "low": 1}
    html = page.content.decode()
    assert "Điểm nóng tiềm ẩn" in html
    assert f"residential_group={ward_a.units['tdp-1'].pk}" in html


def test_the_standing_committee_sees_no_change_buttons(ward_a, religion_a, client_for):
    page = client_for(ward_a.users["standing"]).get(religion_a[Establishment].get_absolute_url())
    assert page.status_code == 200
    assert not page.context["may_change"]
    assert "head_form" not in page.context


def test_a_key_person_is_deleted_when_no_longer_needed(ward_a, religion_a, committee):
    person = religion_a[KeyPerson]
    response = committee.post(reverse("religion:keyperson_delete", args=[person.pk]))
    assert response.status_code == 302
    assert not KeyPerson.objects.filter(pk=person.pk).exists()
