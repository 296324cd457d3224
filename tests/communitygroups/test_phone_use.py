"""The group leader on a phone: every save says it worked, their group comes first in the menu, counts start empty."""

from datetime import date

import pytest
from django.urls import reverse

from communitygroups.models import Activity, Household, ZaloGroup
from core.navigation import menu_for
from tests.support.communitygroups import make_households, make_interfamily


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_saving_a_new_household_says_so(leader, groups_a):
    group = groups_a["tdp-1"]

    response = leader.post(reverse("communitygroups:household_add"), {
        "group": group.pk, "address": "Số 3 ngõ 5 Lê Lợi", "head_name": "Nguyễn Văn Ba", "members_count": 4,
    }, follow=True)

    assert response.status_code == 200
    assert Household.objects.filter(group=group, head_name="Nguyễn Văn Ba").exists()
    assert _messages(response) == ["Đã thêm hộ gia đình."]


def test_saving_a_changed_household_says_so(leader, groups_a):
    household = make_households(groups_a["tdp-1"], 1)[0]

    response = leader.post(reverse("communitygroups:household_edit", args=[household.pk]), {
        "group": household.group_id, "address": household.address, "head_name": household.head_name,
        "members_count": 7, "zalo_joined": "on",
    }, follow=True)

    household.refresh_from_db()
    assert household.members_count == 7 and household.zalo_joined
    assert _messages(response) == [f"Đã lưu “{household}”."]


def test_saving_the_group_an_interfamily_group_and_a_member_each_say_so(leader, bloc, groups_a):
    group = groups_a["tdp-1"]
    interfamily = make_interfamily(group, "Tổ liên gia số 2")

    member = leader.post(reverse("communitygroups:member_add", args=[group.pk]), {
        "group": group.pk, "full_name": "Lê Thị Tư", "role": "women", "phone": "", "order": 1, "is_active": "on",
    }, follow=True)
    renamed = leader.post(reverse("communitygroups:interfamily_edit", args=[interfamily.pk]), {
        "group": group.pk, "name": "Tổ liên gia số 2 (ngõ 7)", "leader_name": "Trần Thị Liên", "leader_phone": "",
        "area": "", "order": 2,
    }, follow=True)

    assert _messages(member) == ["Đã thêm thành viên."]
    assert _messages(renamed) == ["Đã lưu “Tổ liên gia số 2 (ngõ 7)”."]


def test_recording_an_activity_says_so_once(leader, groups_a):
    group = groups_a["tdp-1"]
    response = leader.post(reverse("communitygroups:activity_add") + "?loai=self_management", {
        "loai": "self_management", "group": group.pk, "held_on": "01/12/2026", "title": "Hòa giải mâu thuẫn",
        "place": "Nhà văn hóa", "participants": 12, "households_count": "",
    }, follow=True)

    assert response.status_code == 200
    assert len(_messages(response)) == 1 and _messages(response)[0].startswith("Đã ghi nhận")
    # Left empty: not counted, stored as 0 (the model's default), not refused.
    assert Activity.objects.get(group=group).households_count == 0


def test_an_activitys_counts_start_empty_and_the_number_of_participants_must_be_given(leader, groups_a):
    group = groups_a["tdp-1"]
    url = reverse("communitygroups:activity_add") + "?loai=green_sunday"

    form = leader.get(url).context["form"]
    refused = leader.post(url, {"loai": "green_sunday", "group": group.pk, "held_on": "29/11/2026",
                                "place": "Ngõ 14", "participants": "", "households_count": ""})

    assert form["participants"].value() is None and form["households_count"].value() is None
    assert 'name="participants"' in form["participants"].as_widget() and 'value="0"' not in str(form)
    assert refused.status_code == 400 and "participants" in refused.context["form"].errors
    assert not Activity.objects.exists()


def test_a_recorded_zero_stays_on_the_edit_form(leader, groups_a):
    group = groups_a["tdp-1"]
    activity = Activity.objects.create(group=group, kind="green_sunday", held_on=date(2026, 11, 29), place="Ngõ 14",
                                       participants=10, households_count=0)

    form = leader.get(reverse("communitygroups:activity_edit", args=[activity.pk])).context["form"]

    assert form["households_count"].value() == 0


def test_the_zalo_form_starts_without_a_made_up_member_count(leader, groups_a):
    interfamily = make_interfamily(groups_a["tdp-1"], "Tổ liên gia số 1")
    url = reverse("communitygroups:zalo_edit", args=[interfamily.pk])

    page = leader.get(url)
    saved = leader.post(url, {"name": "Liên gia 1 – Lê Lợi", "admin_name": "", "members_count": "",
                              "created_on": ""}, follow=True)

    assert 'value="0"' not in page.content.decode()
    assert ZaloGroup.objects.get(inter_family_group=interfamily).members_count == 0
    assert "Đã lưu nhóm Zalo." in _messages(saved)


def test_the_group_leaders_menu_starts_with_their_group(ward_a):
    keys = [item.key for item in menu_for(ward_a.users["group_leader"])]

    assert keys[:3] == ["home", "communitygroups", "communitygroups-reports"]
    assert keys.index("petitions") < keys.index("plans") < keys.index("reports")


@pytest.mark.parametrize("role", ["bloc", "officer_ubnd", "standing"])
def test_other_roles_keep_the_portals_order(ward_a, role):
    keys = [item.key for item in menu_for(ward_a.users[role])]

    assert keys.index("plans") < keys.index("communitygroups") < keys.index("reports")
    assert keys[0] == "home"
