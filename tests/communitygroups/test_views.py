"""Browser pages: scoping (a leader sees only their group), recording from the phone, reports, classification."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communitygroups.models import (
    Activity,
    ActivityKind,
    ClassificationCriteria,
    GroupClassification,
    Household,
    Level,
    ReportStatus,
    SituationReport,
)
from core.models import Attachment, Notification
from organisations.demo import ensure_user
from organisations.models import Role
from tests.support.accounts import PASSWORD
from tests.support.communitygroups import make_households, make_interfamily

pytestmark = pytest.mark.django_db

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00"
       b"\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def steering_user(ward_a):
    return ensure_user("phuong-a.bcd-tdvcd", PASSWORD, ward_a.units["bcd-tdvcd"], Role.STEERING)


@pytest.fixture
def data_a(groups_a):
    one, two = groups_a["tdp-1"], groups_a["tdp-2"]
    ifg = make_interfamily(one, "Tổ liên gia số 1")
    make_households(one, 3, interfamily=ifg)
    make_households(one, 1, start=4, street="Ngõ 7 Hoàng Hoa Thám")
    make_households(two, 2, street="Đường Xương Giang")
    return {"one": one, "two": two, "ifg": ifg}


def test_leader_sees_only_their_group(ward_a, data_a, client_for):
    client = client_for(ward_a.users["group_leader"])
    one, two = data_a["one"], data_a["two"]

    listing = client.get(reverse("communitygroups:group_list")).content.decode()
    assert one.name in listing and two.name not in listing
    assert client.get(one.get_absolute_url()).status_code == 200
    assert client.get(two.get_absolute_url()).status_code == 404
    other = Household.objects.filter(group=two).first()
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("communitygroups:household_edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("communitygroups:household_delete", args=[other.pk])).status_code == 404
    households = client.get(reverse("communitygroups:household_list")).content.decode()
    assert "Ngõ 5 Lê Lợi" in households and "Xương Giang" not in households
    assert client.get(reverse("communitygroups:member_add", args=[two.pk])).status_code == 404


def test_other_ward_gets_404(ward_a, ward_b, data_a, client_for):
    client = client_for(ward_b.users["bloc"])
    assert client.get(data_a["one"].get_absolute_url()).status_code == 404
    assert "Ngõ 5" not in client.get(reverse("communitygroups:household_list")).content.decode()


def test_bloc_sees_every_group_of_the_ward(ward_a, data_a, client_for):
    client = client_for(ward_a.users["bloc"])
    listing = client.get(reverse("communitygroups:group_list")).content.decode()
    assert data_a["one"].name in listing and data_a["two"].name in listing


def test_steering_committee_member_sees_every_group(ward_a, data_a, steering_user, client_for):
    client = client_for(steering_user)
    assert client.get(data_a["two"].get_absolute_url()).status_code == 200


@pytest.mark.parametrize("name, args", [
    ("group_list", []), ("coverage", []), ("regularity", []), ("classification_list", []),
    ("household_list", []), ("household_add", []), ("household_import", []), ("household_export", []),
    ("activity_list", []), ("activity_add", []), ("report_list", []), ("report_add", []),
])
def test_pages_open_for_a_leader(ward_a, data_a, client_for, name, args):
    response = client_for(ward_a.users["group_leader"]).get(reverse(f"communitygroups:{name}", args=args))
    assert response.status_code == 200


def test_object_pages_open(ward_a, data_a, client_for):
    client = client_for(ward_a.users["bloc"])
    household = Household.objects.filter(group=data_a["one"]).first()
    for url in (data_a["one"].get_absolute_url(), data_a["ifg"].get_absolute_url(), household.get_absolute_url(),
                reverse("communitygroups:zalo_edit", args=[data_a["ifg"].pk]),
                reverse("communitygroups:member_add", args=[data_a["one"].pk]),
                reverse("communitygroups:interfamily_add", args=[data_a["one"].pk]),
                reverse("communitygroups:group_edit", args=[data_a["one"].pk]),
                reverse("communitygroups:activity_add") + "?loai=propaganda",
                reverse("communitygroups:regularity") + "?thang=2024-03"):
        assert client.get(url).status_code == 200, url


def test_coverage_page_lists_the_gaps_by_address(ward_a, data_a, client_for):
    page = client_for(ward_a.users["group_leader"]).get(reverse("communitygroups:coverage")).content.decode()
    assert "Số 4 Ngõ 7 Hoàng Hoa Thám" in page and "75,0%" in page or "75.0%" in page
    assert "Xương Giang" not in page


def test_leader_records_a_green_sunday_with_a_photo(ward_a, data_a, client_for):
    client = client_for(ward_a.users["group_leader"])
    response = client.post(reverse("communitygroups:activity_add") + "?loai=green_sunday", {
        "loai": "green_sunday", "group": data_a["one"].pk, "held_on": "03/03/2024", "place": "Ngõ 5 Lê Lợi",
        "participants": "25", "households_count": "18", "content": "Quét dọn ngõ, khơi thông cống",
        "photos": SimpleUploadedFile("anh.png", PNG, content_type="image/png"),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get()
    assert (activity.kind, activity.held_on, activity.author) == (ActivityKind.GREEN_SUNDAY, date(2024, 3, 3),
                                                                  ward_a.users["group_leader"])
    assert Attachment.for_object(activity).count() == 1
    bloc_view = client_for(ward_a.users["bloc"]).get(activity.get_absolute_url())
    assert bloc_view.status_code == 200 and "anh.png" in bloc_view.content.decode()


def test_green_sunday_on_a_monday_is_refused(ward_a, data_a, client_for):
    response = client_for(ward_a.users["group_leader"]).post(
        reverse("communitygroups:activity_add") + "?loai=green_sunday",
        {"loai": "green_sunday", "group": data_a["one"].pk, "held_on": "04/03/2024", "place": "Ngõ 5",
         "participants": "5", "households_count": "5"})
    assert response.status_code == 400
    assert "không phải Chủ nhật" in response.content.decode()
    assert not Activity.objects.exists()


def test_leader_cannot_record_for_another_group(ward_a, data_a, client_for):
    response = client_for(ward_a.users["group_leader"]).post(
        reverse("communitygroups:activity_add") + "?loai=green_sunday",
        {"loai": "green_sunday", "group": data_a["two"].pk, "held_on": "03/03/2024", "place": "Ngõ 5",
         "participants": "5", "households_count": "5"})
    assert response.status_code == 400 and not Activity.objects.exists()


def test_report_goes_up_and_comes_back_answered(ward_a, data_a, client_for, django_capture_on_commit_callbacks):
    leader = ward_a.users["group_leader"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(leader).post(reverse("communitygroups:report_add"), {
            "group": data_a["one"].pk, "reported_on": "05/03/2024", "topic": "fraud", "urgency": "soon",
            "title": "Tin nhắn giả danh công an", "place": "TDP số 1",
            "description": "Nhiều hộ nhận tin nhắn lừa đảo"})
    assert response.status_code == 302
    report = SituationReport.objects.get()
    assert report.author == leader and report.peoples_committee == ward_a.units["ubnd"]
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    assert notified == {ward_a.users["bloc"].username, ward_a.users["officer_ubnd"].username}

    acknowledge = reverse("communitygroups:report_acknowledge", args=[report.pk])
    answer = reverse("communitygroups:report_answer", args=[report.pk])
    assert client_for(leader).post(acknowledge).status_code == 404
    assert client_for(ward_a.users["officer_mttq"]).post(acknowledge).status_code == 404
    officer = client_for(ward_a.users["officer_ubnd"])
    assert "Tin nhắn giả danh" in officer.get(reverse("communitygroups:report_list")).content.decode()
    assert officer.post(acknowledge).status_code == 302
    assert client_for(leader).get(reverse("communitygroups:report_edit", args=[report.pk])).status_code == 404
    assert officer.post(answer, {"answer": ""}).status_code == 400
    assert officer.post(answer, {"answer": "Công an phường đã tuyên truyền"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ANSWERED
    assert "Công an phường đã tuyên truyền" in client_for(leader).get(report.get_absolute_url()).content.decode()


def test_classification_criteria_compute_and_override(ward_a, data_a, steering_user, client_for):
    client = client_for(steering_user)
    year = 2024
    values = dict(good_coverage="100", good_regularity="90", good_reports="4", good_activities="4",
                  fair_coverage="95", fair_regularity="70", fair_reports="2", fair_activities="2",
                  average_coverage="70", average_regularity="0", average_reports="0", average_activities="0")
    assert client.post(reverse("communitygroups:criteria_edit", args=[year]), values).status_code == 302
    assert ClassificationCriteria.objects.get(year=year).average_coverage == 70
    assert client.post(reverse("communitygroups:classification_list"), {"nam": year}).status_code == 302
    one = GroupClassification.objects.get(group=data_a["one"], year=year)
    assert one.computed_level == Level.AVERAGE  # 75% coverage, nothing else
    two = GroupClassification.objects.get(group=data_a["two"], year=year)
    assert two.computed_level == Level.WEAK

    url = reverse("communitygroups:classification_override", args=[two.pk])
    refused = client.post(url, {"override_level": "average", "override_reason": ""})
    assert refused.status_code == 400 and "lý do" in refused.content.decode()
    assert client.post(url, {"override_level": "average", "override_reason": "Tổ mới kiện toàn"}).status_code == 302
    two.refresh_from_db()
    assert two.final_level == Level.AVERAGE and two.decided_by == steering_user

    leader = client_for(ward_a.users["group_leader"])
    assert leader.post(reverse("communitygroups:classification_list"), {"nam": year}).status_code == 403
    assert leader.get(reverse("communitygroups:classification_override", args=[one.pk])).status_code == 404
    assert leader.get(reverse("communitygroups:criteria_edit", args=[year])).status_code == 404
    page = leader.get(reverse("communitygroups:classification_list") + f"?nam={year}").content.decode()
    assert data_a["one"].residential_group.name in page and "Tổ dân phố số 2" not in page


def test_household_form_refuses_a_duplicate(ward_a, data_a, client_for):
    client = client_for(ward_a.users["group_leader"])
    response = client.post(reverse("communitygroups:household_add"), {
        "group": data_a["one"].pk, "address": "số 1 ngõ 5 lê lợi", "head_name": "Nguyen Van Ho 1",
        "members_count": "3"})
    assert response.status_code == 400 and "đã có trong danh sách" in response.content.decode()
    response = client.post(reverse("communitygroups:household_add"), {
        "group": data_a["one"].pk, "address": "Số 9 Ngõ 5 Lê Lợi", "head_name": "Lê Thị Mới",
        "members_count": "3", "inter_family_group": data_a["ifg"].pk})
    assert response.status_code == 302
    assert Household.objects.get(head_name="Lê Thị Mới").inter_family_group == data_a["ifg"]


def test_bloc_passes_a_religious_activity_report_to_the_religion_committee(ward_a, data_a, client_for):
    from communitygroups.permissions import religion_watch_model

    report = SituationReport.objects.create(group=data_a["one"], reported_on=date(2024, 3, 5),
                                            topic="religious_activity", title="Nhóm sinh hoạt lạ",
                                            description="Nhóm tập dưỡng sinh có phát tài liệu lạ")
    client = client_for(ward_a.users["bloc"])
    page = client.get(report.get_absolute_url()).content.decode()
    available = religion_watch_model() is not None
    assert ("Chuyển Ban chỉ đạo công tác tôn giáo theo dõi" in page) == available
    response = client.post(reverse("communitygroups:report_watch", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.religion_watch_report_id is not None) == available
    leader = client_for(ward_a.users["group_leader"])
    assert leader.post(reverse("communitygroups:report_watch", args=[report.pk])).status_code == 404


@pytest.mark.parametrize("name, title", [
    ("group_list", "Tổ dân vận cộng đồng"), ("household_list", "Hộ gia đình"),
    ("activity_list", "Hoạt động của Tổ dân vận"), ("report_list", "Báo cáo nắm tình hình nhân dân"),
])
def test_list_titles_follow_the_users_language(ward_a, data_a, client_for, name, title):
    """The titles are translated per request, not frozen in the language of the process that imported the views."""
    client = client_for(ward_a.users["bloc"])
    vietnamese = client.get(reverse(f"communitygroups:{name}")).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(reverse(f"communitygroups:{name}")).content.decode()
    assert f"<h1>{title}</h1>" in vietnamese
    assert f"<h1>{title}</h1>" not in english
