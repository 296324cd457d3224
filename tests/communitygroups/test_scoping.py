"""A group leader sees only their own group on every page of the area: the coverage page, the Green Sunday grid,
the activity list and the situation report list; another group's rows are absent and its pages answer 404.
The bloc, which sees the whole ward, sees both groups on the same pages (so the leader's view is a real cut)."""

from datetime import date

import pytest
from django.urls import reverse

from communitygroups.models import Activity, ActivityKind, PropagandaTopic, SituationReport
from tests.support.communitygroups import A_SUNDAY, make_households, make_interfamily
from tests.support.pages import first_column, table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_groups(groups_a):
    """TDP 1 (the leader's) and TDP 2, each with households in and out of an inter-family group, a Green Sunday,
    a propaganda session and a situation report, every one named so that it is recognisable on a page."""
    one, two = groups_a["tdp-1"], groups_a["tdp-2"]
    make_households(one, 3, interfamily=make_interfamily(one, "Tổ liên gia số 1"))
    make_households(one, 1, start=4, street="Ngõ 7 Hoàng Hoa Thám")
    make_households(two, 2, interfamily=make_interfamily(two, "Tổ liên gia số 1"), street="Đường Xương Giang")
    make_households(two, 2, start=3, street="Ngõ 3 Ngô Gia Tự")
    records = {}
    for key, group, place in (("one", one, "Ngõ 5 Lê Lợi"), ("two", two, "Đường Xương Giang")):
        records[f"{key}_sunday"] = Activity.objects.create(
            group=group, kind=ActivityKind.GREEN_SUNDAY, held_on=A_SUNDAY, place=place, participants=20,
            households_count=12)
        records[f"{key}_propaganda"] = Activity.objects.create(
            group=group, kind=ActivityKind.PROPAGANDA, held_on=date(2024, 3, 9), place=place,
            title=f"Cảnh báo lừa đảo {group.residential_group.name}", topic=PropagandaTopic.ONLINE_FRAUD, reach=40)
        records[f"{key}_report"] = SituationReport.objects.create(
            group=group, reported_on=date(2024, 3, 5), topic="fraud", title=f"Tin nhắn lừa đảo ở {place}",
            description="Nhiều hộ nhận tin nhắn giả danh")
    return {"one": one, "two": two, **records}


def test_the_coverage_page_shows_only_the_leaders_group_and_its_gaps(leader, bloc, two_groups):
    url = reverse("communitygroups:coverage")

    mine = leader.get(url)
    whole_ward = bloc.get(url)

    assert table_rows(mine, "cg-coverage") == [["Tổ dân phố số 1", "4", "3", "1", "75,0%"]]
    assert first_column(mine, "compact") == ["Số 4 Ngõ 7 Hoàng Hoa Thám"]
    assert "Tổ dân phố số 2" in first_column(whole_ward, "cg-coverage")
    assert set(first_column(whole_ward, "compact")) == {
        "Số 4 Ngõ 7 Hoàng Hoa Thám", "Số 3 Ngõ 3 Ngô Gia Tự", "Số 4 Ngõ 3 Ngô Gia Tự"}


def test_one_groups_coverage_is_404_for_a_leader_of_another_group(leader, bloc, two_groups):
    url = reverse("communitygroups:coverage")

    own = leader.get(url, {"to": two_groups["one"].pk})
    other = leader.get(url, {"to": two_groups["two"].pk})
    for_the_bloc = bloc.get(url, {"to": two_groups["two"].pk})

    assert own.status_code == 200
    assert other.status_code == 404
    assert "Ngô Gia Tự" not in other.content.decode()
    assert first_column(for_the_bloc, "compact") == ["Số 3 Ngõ 3 Ngô Gia Tự", "Số 4 Ngõ 3 Ngô Gia Tự"]


def test_the_green_sunday_grid_has_one_row_the_leaders(leader, bloc, two_groups):
    url = reverse("communitygroups:regularity")

    mine = leader.get(url, {"thang": "2024-03"})
    whole_ward = bloc.get(url, {"thang": "2024-03"})

    rows = table_rows(mine, "cg-grid")
    assert [row[0] for row in rows] == ["Tổ dân phố số 1"]
    assert rows[0][1:] == ["✓", "✗", "✗", "✗", "✗", "1/5"]  # the five Sundays of March 2024
    assert "Đã tổ chức 1/5 buổi đến hạn" in mine.content.decode()
    assert first_column(whole_ward, "cg-grid")[:2] == ["Tổ dân phố số 1", "Tổ dân phố số 2"]


def test_the_activity_list_shows_only_the_leaders_activities(leader, bloc, two_groups):
    url = reverse("communitygroups:activity_list")

    mine = leader.get(url)
    filtered_on_the_other = leader.get(url, {"group": two_groups["two"].pk})
    whole_ward = bloc.get(url)

    assert [row[3] for row in table_rows(mine, "table")] == ["TDP 1", "TDP 1"]
    assert "Cảnh báo lừa đảo Tổ dân phố số 2" not in mine.content.decode()
    assert table_rows(filtered_on_the_other, "table") == [["Chưa có hoạt động."]]
    assert len(table_rows(whole_ward, "table")) == 4


@pytest.mark.parametrize("name", ["activity_detail", "activity_edit", "activity_delete"])
@pytest.mark.parametrize("kind", ["sunday", "propaganda"])
def test_another_groups_activity_pages_are_404(leader, two_groups, name, kind):
    url = reverse(f"communitygroups:{name}", args=[two_groups[f"two_{kind}"].pk])
    assert leader.get(url).status_code == 404
    assert leader.get(reverse(f"communitygroups:{name}", args=[two_groups[f"one_{kind}"].pk])).status_code == 200


def test_another_groups_activity_cannot_be_deleted(leader, two_groups):
    activity = two_groups["two_sunday"]
    response = leader.post(reverse("communitygroups:activity_delete", args=[activity.pk]))
    assert response.status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_the_report_list_shows_only_the_leaders_reports(leader, bloc, two_groups):
    url = reverse("communitygroups:report_list")

    mine = leader.get(url)
    whole_ward = bloc.get(url)

    assert [row[1] for row in table_rows(mine, "table")] == ["Tin nhắn lừa đảo ở Ngõ 5 Lê Lợi"]
    assert "Xương Giang" not in mine.content.decode()
    assert sorted(row[1] for row in table_rows(whole_ward, "table")) == [
        "Tin nhắn lừa đảo ở Ngõ 5 Lê Lợi", "Tin nhắn lừa đảo ở Đường Xương Giang"]


@pytest.mark.parametrize("name", ["report_detail", "report_edit"])
def test_another_groups_report_pages_are_404(leader, two_groups, name):
    assert leader.get(reverse(f"communitygroups:{name}", args=[two_groups["two_report"].pk])).status_code == 404
    assert leader.get(reverse(f"communitygroups:{name}", args=[two_groups["one_report"].pk])).status_code == 200
