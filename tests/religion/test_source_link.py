"""A watch report may point to the community group's situation report it came from, never to anything else."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from core import periods
from religion.models import KeyPerson, WatchReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def situation_report(ward_a):
    try:
        community_group = apps.get_model("communitygroups", "CommunityGroup")
        situation = apps.get_model("communitygroups", "SituationReport")
    except LookupError:
        pytest.skip("the community groups app has no situation reports")
    group = community_group.objects.create(residential_group=ward_a.units["tdp-2"])
    return situation.objects.create(
        group=group, reported_on=periods.today() - timedelta(days=2), topic="religious_activity",
        title="Nhóm lạ sinh hoạt tại nhà văn hóa", description="Có người ngoài địa bàn đến giảng đạo.",
    )


def post_report(client, ward, **extra):
    return client.post(reverse("religion:watch_add"), {
        "observed_on": periods.today().strftime("%d/%m/%Y"), "residential_group": ward.units["tdp-2"].pk,
        "location": "Nhà văn hóa", "activity_kind": "strange_religion", "description": "Giảng đạo lạ",
        "source_kind": "community_group", "risk_level": "medium", **extra,
    })


def test_the_form_links_the_situation_report_and_pages_show_it_only_to_who_may_see_it(
        ward_a, situation_report, client_for):
    committee = client_for(ward_a.users["religion"])

    missing = post_report(committee, ward_a, source_report=situation_report.pk + 1000)
    assert missing.status_code == 400
    assert "Không tìm thấy báo cáo tình hình số" in missing.content.decode()
    assert post_report(committee, ward_a, source_report=situation_report.pk).status_code == 302

    report = WatchReport.objects.get()
    assert report.source_record == situation_report
    committee_page = committee.get(report.get_absolute_url()).content.decode()
    assert f"liên kết báo cáo tình hình số {situation_report.pk}" in committee_page
    standing_page = client_for(ward_a.users["standing"]).get(report.get_absolute_url()).content.decode()
    assert situation_report.get_absolute_url() in standing_page


def test_the_api_refuses_links_to_other_records(ward_a, religion_a, api_for):
    response = api_for(ward_a.users["religion"]).post("/api/religion/watch-reports/", {
        "observed_on": "2024-05-01", "location": "Nhà văn hóa", "activity_kind": "other", "description": "Lạ",
        "source_kind": "other", "risk_level": "low",
        "source_content_type": ContentType.objects.get_for_model(KeyPerson).pk,
        "source_object_id": religion_a[KeyPerson].pk,
    }, format="json")
    assert response.status_code == 400
    assert "Tổ dân vận cộng đồng" in str(response.json())


def test_the_community_groups_app_can_turn_its_report_into_a_watch_report(ward_a, situation_report):
    from communitygroups import services as community_services

    watch = community_services.turn_into_watch_report(situation_report, ward_a.users["officer_ubnd"])

    assert isinstance(watch, WatchReport)
    assert watch.ward == ward_a.ward
    assert watch.residential_group == ward_a.units["tdp-2"]
    assert watch.source_record == situation_report
    assert watch.is_open
