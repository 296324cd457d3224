"""A page shows a link, button or menu entry only when it leads somewhere for the user: the rule is the target
view's own (core.navigation.may_open) or the object's access (core.access.may), never a template's guess (issue 14)."""

import pytest
from django.urls import reverse

from core.navigation import may_open

pytestmark = pytest.mark.django_db

QUICK_BUTTONS = ("Ghi Chủ nhật xanh", "Gửi báo cáo tình hình", "Ghi buổi tuyên truyền", "Ghi hoạt động tự quản")


def test_may_open_answers_what_the_view_answers(ward_a, city_viewer, client_for):
    for user in (ward_a.users["standing"], ward_a.users["group_leader"], city_viewer):
        for name in ("communitygroups:activity_add", "communitygroups:report_add", "satisfaction:settings",
                     "models_khoe:round_latest", "reports:city"):
            status = client_for(user).get(reverse(name), follow=True).status_code
            assert may_open(user, name) == (status == 200), (user.username, name, status)
        status = client_for(user).get(reverse("models_khoe:round_detail", args=[2024])).status_code
        assert may_open(user, "models_khoe:round_detail", 2024) == (status == 200), (user.username, status)


def test_community_group_buttons_only_for_who_may_record(ward_a, plan_a, city_viewer, client_for):
    url = reverse("communitygroups:group_list")
    for reader in (ward_a.users["standing"], city_viewer):
        html = client_for(reader).get(url).content.decode()
        assert not any(button in html for button in QUICK_BUTTONS), reader.username

    html = client_for(ward_a.users["group_leader"]).get(url).content.decode()
    assert all(button in html for button in QUICK_BUTTONS)


def test_city_viewer_is_not_shown_ward_only_pages(ward_a, city_viewer, client_for):
    results = client_for(city_viewer).get(reverse("satisfaction:results")).content.decode()
    models = client_for(city_viewer).get(reverse("models_khoe:model_list")).content.decode()

    assert reverse("satisfaction:settings") not in results
    assert reverse("models_khoe:round_latest") not in models
    bloc_results = client_for(ward_a.users["bloc"]).get(reverse("satisfaction:results")).content.decode()
    assert reverse("satisfaction:settings") in bloc_results


def test_reception_record_links_to_its_edit_page_only_for_who_may_edit(ward_a, client_for):
    import random

    from democracy.demo import load_demo

    load_demo(ward_a.units, random.Random(3))
    url = reverse("democracy:reception_list")

    standing = client_for(ward_a.users["standing"]).get(url)
    bloc = client_for(ward_a.users["bloc"]).get(url)

    receptions = list(standing.context["object_list"])
    assert receptions
    edit_links = [reverse("democracy:reception_edit", args=[r.pk]) for r in receptions]
    assert not any(link in standing.content.decode() for link in edit_links)
    assert all(link in bloc.content.decode() for link in edit_links)


def test_detail_pages_name_the_record_in_the_browser_tab(ward_a, plan_a, client_for):
    from communitygroups.models import CommunityGroup
    from tests.support.population import populate

    populate(ward_a.ward, ward_a.units)
    group = CommunityGroup.objects.filter(residential_group__parent=ward_a.ward).first()

    html = client_for(ward_a.users["bloc"]).get(group.get_absolute_url()).content.decode()

    assert f"<title>{group}" in html
