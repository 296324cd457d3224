"""Recording through the forms, as an official does it: a member with a role, a propaganda session with its topic
and reach, a Zalo group; then what the official sees on the pages. And the inter-family group's household list,
which pages instead of stopping at some number of rows."""

from datetime import date

import pytest
from django.urls import reverse

from communitygroups.models import Activity, ActivityKind, GroupMember, ZaloGroup
from tests.support.communitygroups import make_households, make_interfamily
from tests.support.pages import field_errors, table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(groups_a):
    return groups_a["tdp-1"]


# --- Members ------------------------------------------------------------------------------------------

def test_a_member_saved_with_a_role_shows_on_the_group_page_with_the_role_label(group, leader, bloc):
    response = leader.post(reverse("communitygroups:member_add", args=[group.pk]), {
        "full_name": "Nguyễn Thị Hoa", "role": "women", "phone": "0912 345 678", "order": "2", "is_active": "on",
    })

    assert response.status_code == 302
    assert response["Location"] == group.get_absolute_url()
    members = table_rows(bloc.get(group.get_absolute_url()), "compact", section="thanh-vien")
    assert members[0][:3] == ["Nguyễn Thị Hoa", "Chi hội trưởng phụ nữ", "0912 345 678"]
    assert GroupMember.objects.get().group == group


def test_a_members_new_role_replaces_the_old_label(group, leader, bloc):
    member = GroupMember.objects.create(group=group, full_name="Trần Văn Bình", role="youth")

    response = leader.post(reverse("communitygroups:member_edit", args=[member.pk]), {
        "full_name": "Trần Văn Bình", "role": "veterans", "phone": "", "order": "0", "is_active": "on",
    })

    assert response.status_code == 302
    row = table_rows(bloc.get(group.get_absolute_url()), "compact", section="thanh-vien")[0]
    assert row[:2] == ["Trần Văn Bình", "Chi hội trưởng cựu chiến binh"]
    assert "Bí thư chi đoàn" not in row


def test_a_member_without_a_name_or_role_is_refused_in_vietnamese(group, leader):
    response = leader.post(reverse("communitygroups:member_add", args=[group.pk]),
                           {"full_name": "", "role": "", "order": "0"})

    assert response.status_code == 400
    assert field_errors(response, "full_name") == ["Trường này là bắt buộc."]
    assert field_errors(response, "role") == ["Trường này là bắt buộc."]
    assert not GroupMember.objects.exists()


# --- Propaganda sessions ------------------------------------------------------------------------------

PROPAGANDA = {"loai": "propaganda", "held_on": "09/03/2024", "title": "Cảnh báo cuộc gọi giả danh công an",
              "place": "Nhà văn hóa TDP số 1", "participants": "32", "reach": "146",
              "content": "Phát tờ rơi, chia sẻ vào nhóm Zalo các tổ liên gia"}


def post_propaganda(client, group, **changes):
    return client.post(reverse("communitygroups:activity_add") + "?loai=propaganda",
                       {**PROPAGANDA, "group": group.pk, **changes})


def test_a_propaganda_session_without_a_topic_is_refused_in_vietnamese(group, leader):
    response = post_propaganda(leader, group, topic="")

    assert response.status_code == 400
    assert "Buổi tuyên truyền phải có chủ đề." in field_errors(response, "topic")
    assert not Activity.objects.exists()


def test_a_propaganda_session_records_its_topic_and_reach(group, leader, bloc):
    response = post_propaganda(leader, group, topic="online_fraud")

    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.kind, activity.topic, activity.reach, activity.held_on) == (
        ActivityKind.PROPAGANDA, "online_fraud", 146, date(2024, 3, 9))
    listing = table_rows(bloc.get(reverse("communitygroups:activity_list"), {"kind": "propaganda"}), "table")
    assert len(listing) == 1
    assert listing[0][1] == "Tuyên truyền"
    assert listing[0][2] == "Cảnh báo cuộc gọi giả danh công an Cảnh báo lừa đảo qua mạng"
    assert listing[0][4:] == ["32", "146 người"]
    page = bloc.get(activity.get_absolute_url()).content.decode()
    assert "<dt>Số người được tuyên truyền</dt><dd>146</dd>" in page
    assert "<dt>Chủ đề</dt><dd>Cảnh báo lừa đảo qua mạng</dd>" in page


def test_a_propaganda_session_with_a_negative_reach_is_refused(group, leader):
    response = post_propaganda(leader, group, topic="law", reach="-5")

    assert response.status_code == 400
    assert any("lớn hơn hoặc bằng" in error for error in field_errors(response, "reach"))
    assert not Activity.objects.exists()


# --- Zalo groups --------------------------------------------------------------------------------------

@pytest.fixture
def interfamily(group):
    ifg = make_interfamily(group, "Tổ liên gia số 2")
    make_households(group, 6, interfamily=ifg, zalo=True)
    make_households(group, 2, interfamily=ifg, start=7)
    return ifg


ZALO = {"name": "Zalo liên gia số 2 – TDP 1", "admin_name": "Phạm Thị Lan", "members_count": "14",
        "created_on": "01/02/2024"}


def test_a_zalo_group_saved_by_post_shows_its_reach_as_a_share_of_households(group, interfamily, leader, bloc):
    response = leader.post(reverse("communitygroups:zalo_edit", args=[interfamily.pk]), ZALO)

    assert response.status_code == 302
    assert response["Location"] == interfamily.get_absolute_url()
    zalo = ZaloGroup.objects.get(inter_family_group=interfamily)
    assert (zalo.members_count, zalo.created_on) == (14, date(2024, 2, 1))
    page = " ".join(bloc.get(interfamily.get_absolute_url()).content.decode().split())
    assert "Zalo liên gia số 2 – TDP 1 · 14 thành viên · quản trị: Phạm Thị Lan" in page
    assert "<dt>Hộ đã vào Zalo</dt><dd>6/8 (75,0%)</dd>" in page
    rows = table_rows(bloc.get(group.get_absolute_url()), "compact", section="to-lien-gia")
    assert rows == [["Tổ liên gia số 2", "Trần Thị Liên", "8", "Zalo liên gia số 2 – TDP 1 (14 thành viên)",
                     "6 (75,0%)"]]


def test_saving_the_zalo_group_again_updates_the_same_group(interfamily, leader):
    url = reverse("communitygroups:zalo_edit", args=[interfamily.pk])
    leader.post(url, ZALO)

    response = leader.post(url, {**ZALO, "members_count": "19"})

    assert response.status_code == 302
    assert list(ZaloGroup.objects.values_list("members_count", flat=True)) == [19]


def test_a_zalo_group_with_a_bad_member_count_is_refused_in_vietnamese(interfamily, leader):
    response = leader.post(reverse("communitygroups:zalo_edit", args=[interfamily.pk]),
                           {**ZALO, "members_count": "mười bốn"})

    assert response.status_code == 400
    assert field_errors(response, "members_count")  # Django's own Vietnamese: "Nhập một số tổng thể."
    assert field_errors(response, "name") == []
    assert not ZaloGroup.objects.exists()


def test_another_groups_zalo_group_cannot_be_saved(groups_a, leader):
    other = make_interfamily(groups_a["tdp-2"], "Tổ liên gia số 1")
    response = leader.post(reverse("communitygroups:zalo_edit", args=[other.pk]), ZALO)
    assert response.status_code == 404
    assert not ZaloGroup.objects.exists()


# --- The inter-family group's household list pages ----------------------------------------------------

def test_the_interfamily_household_list_pages_through_every_household(group, bloc):
    ifg = make_interfamily(group, "Tổ liên gia số 5")
    make_households(group, 120, interfamily=ifg, street="Ngõ 2 Nguyễn Văn Cừ")
    make_households(group, 3, interfamily=make_interfamily(group, "Tổ liên gia số 6"), start=500)
    url = ifg.get_absolute_url()

    first = bloc.get(url)
    last = bloc.get(url, {"page": 3})

    first_rows, last_rows = table_rows(first, "compact"), table_rows(last, "compact")
    assert len(first_rows) == 50 and len(last_rows) == 20
    assert "Trang 1/3 · 120 mục" in first.content.decode()
    assert "Trang 3/3 · 120 mục" in last.content.decode()
    seen = {row[0] for page in (1, 2, 3) for row in table_rows(bloc.get(url, {"page": page}), "compact")}
    assert seen == {f"Số {n} Ngõ 2 Nguyễn Văn Cừ" for n in range(1, 121)}
    assert "<dt>Số hộ</dt><dd>120</dd>" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()


def test_a_small_interfamily_group_shows_all_its_households_on_one_page(group, bloc):
    ifg = make_interfamily(group, "Tổ liên gia số 7")
    make_households(group, 4, interfamily=ifg)

    page = bloc.get(ifg.get_absolute_url())

    assert len(table_rows(page, "compact")) == 4
    assert "Trang 1/" not in page.content.decode()
    assert "4 mục" in page.content.decode()
