"""Issue 18, first slice: a commune is made in the browser from a structure template, not from a shell."""

import pytest
from django.urls import reverse

from onboarding.structures import propose, templates
from organisations.models import Unit, UnitKind
from plans.loader import load_plan, read_seed_plan
from plans.models import Task

pytestmark = pytest.mark.django_db

URL = reverse("onboarding:commune_add")


def header(city, **changes):
    data = {"parent": city.pk, "name": "xã Tân Tiến", "code": "xa-tan-tien", "level": "xa", "template": "xa-2025",
            "groups": 3}
    data.update(changes)
    return data


def posted_rows(template, level, groups, skip=(), rename=None):
    data = {}
    for row in propose(template, level, groups):
        if row.key not in skip:
            data[f"{row.key}-include"] = "1"
        data[f"{row.key}-name"] = (rename or {}).get(row.key, row.name)
        data[f"{row.key}-short_name"] = row.short_name
    return data


def test_both_templates_ship_and_name_every_unit_the_seed_plan_leads_with():
    assert set(templates()) == {"phuong-2024", "xa-2025"}
    keys = {row.key for row in propose("xa-2025", "xã", 2)}
    # The post-2025 commune: the Party Committee's three advisory agencies, the Front and its member organisations.
    assert {"van-phong", "khoi-dan-van", "ubkt", "mttq", "hoi-nd", "tdp-2", "cb-tdp-2"} <= keys
    names = {row.key: row.name for row in propose("xa-2025", "xã", 2)}
    assert names["khoi-dan-van"] == "Ban Xây dựng Đảng Đảng ủy xã"
    assert names["tdp-2"] == "Thôn 2"


def test_administrator_reviews_the_units_edits_them_and_the_seed_plan_loads_onto_the_commune(
        city, admin_user, client_for):
    client = client_for(admin_user)
    preview = client.get(URL, header(city))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Ban Xây dựng Đảng Đảng ủy xã" in html and "Thôn 3" in html and "Chi bộ Thôn 3" in html

    # Four hamlets: the seed plan's data names the party cells of four residential groups.
    data = {**header(city, groups=4), **posted_rows("xa-2025", "xã", 4, skip={"hoi-nct"},
                                                       rename={"tdp-1": "Thôn Đông"})}
    response = client.post(URL, data)
    commune = Unit.objects.get(code="xa-tan-tien")
    assert response.status_code == 302 and response["Location"] == commune.get_absolute_url()
    assert commune.kind == UnitKind.WARD and commune.parent == city and commune.name == "Đảng ủy xã Tân Tiến"
    units = {u.code: u for u in Unit.objects.filter(ward=commune)}
    assert "xa-tan-tien-hoi-nct" not in units  # left out by the administrator
    assert units["xa-tan-tien-tdp-1"].name == "Thôn Đông"
    assert units["xa-tan-tien-hoi-pn"].parent == units["xa-tan-tien-mttq"]  # a member of the Front
    assert units["xa-tan-tien-bcd-ton-giao"].steering_area == "religion"

    plan = load_plan(read_seed_plan(), commune)
    assert Task.objects.filter(plan=plan).count() > 20
    assert Task.objects.filter(plan=plan, lead_unit=units["xa-tan-tien-khoi-dan-van"]).exists()


def test_a_code_in_use_is_refused_and_nothing_is_made(city, ward_a, admin_user, client_for):
    before = Unit.objects.count()
    data = {**header(city, code="phuong-a"), **posted_rows("xa-2025", "xã", 3)}
    response = client_for(admin_user).post(URL, data)
    assert response.status_code == 400
    assert "Mã “phuong-a” đã được dùng." in response.content.decode()
    assert Unit.objects.count() == before


def test_nothing_kept_is_refused(city, admin_user, client_for):
    response = client_for(admin_user).post(URL, header(city))
    assert response.status_code == 400
    assert "Hãy giữ lại ít nhất một đơn vị trực thuộc." in response.content.decode()
    assert not Unit.objects.filter(code="xa-tan-tien").exists()


def test_only_administrators_see_the_button_and_open_the_page(ward_a, admin_user, client_for):
    bloc = client_for(ward_a.users["bloc"])
    assert "Tạo xã, phường từ mẫu" not in bloc.get(reverse("organisations:unit_list")).content.decode()
    assert bloc.get(URL).status_code == 403
    assert bloc.post(URL, {}).status_code == 403
    assert "Tạo xã, phường từ mẫu" in client_for(admin_user).get(reverse("organisations:unit_list")).content.decode()
