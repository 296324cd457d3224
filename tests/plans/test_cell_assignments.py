"""Party cells directed by Standing Committee members (phân công phụ trách): pages, API, scope, audit."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from organisations.demo import ensure_person
from organisations.models import Unit, UnitKind
from plans.models import CellAssignment
from tests.support.query_budget import assert_constant, count_queries, load_budgets

pytestmark = pytest.mark.django_db

BUDGETS = load_budgets(__file__)
LIST = reverse("plans:cell_assignment_list")
WARD_ROLES = ["standing", "bloc", "officer_ubnd", "religion", "group_leader"]


@pytest.fixture
def members_a(ward_a):
    ward = ward_a.ward
    return {
        "secretary": ensure_person(ward, "Nguyễn Văn Thường", "Bí thư Đảng ủy", is_standing_member=True),
        "deputy": ensure_person(ward, "Trần Thị Hồng", "Phó Bí thư Thường trực", is_standing_member=True),
        "not_standing": ensure_person(ward, "Lê Văn Khải", "Đảng ủy viên"),
    }


@pytest.fixture
def member_b(ward_b):
    return ensure_person(ward_b.ward, "Phạm Văn Bình", "Bí thư Đảng ủy", is_standing_member=True)


@pytest.fixture
def assignments_a(ward_a, plan_a, members_a):
    return {
        "co-quan": CellAssignment.objects.create(plan=plan_a, party_cell=ward_a.unit("cb-co-quan"),
                                                 member=members_a["secretary"]),
        "tdp-1": CellAssignment.objects.create(plan=plan_a, party_cell=ward_a.unit("cb-tdp-1"),
                                               member=members_a["deputy"], note="Chi bộ đông đảng viên"),
        "tdp-2": CellAssignment.objects.create(plan=plan_a, party_cell=ward_a.unit("cb-tdp-2"),
                                               member=members_a["deputy"]),
    }


@pytest.fixture
def assignment_b(ward_b, plan_b, member_b):
    return CellAssignment.objects.create(plan=plan_b, party_cell=ward_b.unit("cb-tdp-1"), member=member_b)


def listed(response):
    assert response.status_code == 200
    return {a.pk for a in response.context["object_list"]}


# --- Browser pages by role --------------------------------------------------------------------------

@pytest.mark.parametrize("role", WARD_ROLES)
def test_every_ward_role_reads_its_wards_assignments_and_not_the_other_wards(
        ward_a, assignments_a, assignment_b, client_for, role):
    client = client_for(ward_a.users[role])

    listing = client.get(LIST)
    own = client.get(assignments_a["tdp-1"].get_absolute_url())
    other = client.get(assignment_b.get_absolute_url())

    assert listed(listing) == {a.pk for a in assignments_a.values()}
    assert "Nguyễn Văn Thường" in listing.content.decode() and "Phạm Văn Bình" not in listing.content.decode()
    assert own.status_code == 200 and "Chi bộ Tổ dân phố số 1" in own.content.decode()
    assert other.status_code == 404


def test_city_viewer_reads_every_ward_and_admin_too(ward_a, assignments_a, assignment_b, city_viewer, admin_user,
                                                    client_for):
    everything = {a.pk for a in assignments_a.values()} | {assignment_b.pk}

    assert listed(client_for(city_viewer).get(LIST)) == everything
    assert listed(client_for(admin_user).get(LIST)) == everything


@pytest.mark.parametrize("role", ["bloc", "officer_ubnd", "group_leader"])
def test_other_ward_roles_only_read(ward_a, plan_a, members_a, assignments_a, client_for, role):
    client = client_for(ward_a.users[role])
    assignment = assignments_a["tdp-1"]

    listing = client.get(LIST).content.decode()
    detail = client.get(assignment.get_absolute_url()).content.decode()
    add_page = client.get(reverse("plans:cell_assignment_add"))
    add_post = client.post(reverse("plans:cell_assignment_add"), {
        "plan": plan_a.pk, "party_cell": ward_a.unit("cb-tdp-3").pk, "member": members_a["secretary"].pk})
    edit = client.post(reverse("plans:cell_assignment_edit", args=[assignment.pk]), {
        "plan": plan_a.pk, "party_cell": assignment.party_cell_id, "member": members_a["secretary"].pk})
    delete = client.post(reverse("plans:cell_assignment_delete", args=[assignment.pk]))

    assert "Thêm phân công" not in listing
    assert reverse("plans:cell_assignment_edit", args=[assignment.pk]) not in detail
    assert add_page.status_code == 403 and add_post.status_code == 403
    assert edit.status_code == 404 and delete.status_code == 404
    assignment.refresh_from_db()
    assert assignment.member == members_a["deputy"]
    assert CellAssignment.objects.filter(plan=plan_a).count() == 3


def test_standing_committee_sees_the_add_and_edit_buttons(ward_a, assignments_a, client_for):
    client = client_for(ward_a.users["standing"])
    assignment = assignments_a["tdp-1"]

    listing = client.get(LIST).content.decode()
    detail = client.get(assignment.get_absolute_url()).content.decode()

    assert "Thêm phân công" in listing
    assert reverse("plans:cell_assignment_edit", args=[assignment.pk]) in detail
    assert reverse("plans:cell_assignment_delete", args=[assignment.pk]) in detail


def test_the_form_offers_only_the_wards_standing_members_and_party_cells(ward_a, ward_b, plan_a, plan_b, members_a,
                                                                           member_b, client_for):
    response = client_for(ward_a.users["standing"]).get(reverse("plans:cell_assignment_add"), {"plan": plan_a.pk})

    form = response.context["form"]
    assert response.status_code == 200
    assert set(form.fields["member"].queryset) == {members_a["secretary"], members_a["deputy"]}
    assert set(form.fields["party_cell"].queryset) == set(
        Unit.objects.filter(ward=ward_a.ward, kind=UnitKind.PARTY_CELL))
    assert list(form.fields["plan"].queryset) == [plan_a]
    assert form["plan"].value() == plan_a.pk


def test_standing_committee_assigns_changes_and_removes_with_history(ward_a, plan_a, members_a, client_for):
    standing = ward_a.users["standing"]
    client = client_for(standing)
    cell = ward_a.unit("cb-tdp-3")

    created = client.post(reverse("plans:cell_assignment_add"), {
        "plan": plan_a.pk, "party_cell": cell.pk, "member": members_a["secretary"].pk, "note": "Theo Nghị quyết"})
    assignment = CellAssignment.objects.get(plan=plan_a, party_cell=cell)
    edited = client.post(reverse("plans:cell_assignment_edit", args=[assignment.pk]), {
        "plan": plan_a.pk, "party_cell": cell.pk, "member": members_a["deputy"].pk, "note": "Theo Nghị quyết"})
    page = client.get(assignment.get_absolute_url()).content.decode()
    deleted = client.post(reverse("plans:cell_assignment_delete", args=[assignment.pk]))

    assert created.status_code == 302 and created["Location"] == f"{LIST}?plan={plan_a.pk}"
    assert edited.status_code == 302
    assert "Lịch sử thay đổi" in page and "Trần Thị Hồng" in page and str(standing) in page
    assert deleted.status_code == 302
    assert not CellAssignment.objects.filter(pk=assignment.pk).exists()
    actions = {entry.action: entry for entry in LogEntry.objects.filter(
        content_type__model="cellassignment", object_pk=str(assignment.pk))}
    assert set(actions) == {LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE}
    assert all(entry.actor == standing for entry in actions.values())
    assert "member" in actions[LogEntry.Action.UPDATE].changes_dict


@pytest.mark.parametrize("field, value, message", [
    ("party_cell", "cb-co-quan", "Chi bộ này đã có đồng chí phụ trách trong kế hoạch."),
    ("party_cell", "ward_b:cb-tdp-1", "Chi bộ đã chọn không thuộc phường của bạn."),
    ("party_cell", "ubnd", "Chi bộ đã chọn không thuộc phường của bạn."),
    ("member", "not_standing", "Chỉ chọn được Ủy viên Ban Thường vụ của phường."),
    ("member", "member_b", "Chỉ chọn được Ủy viên Ban Thường vụ của phường."),
    ("member", "", "Hãy chọn đồng chí phụ trách."),
])
def test_bad_assignments_are_refused_in_vietnamese(ward_a, ward_b, plan_a, members_a, member_b, assignments_a,
                                                   client_for, field, value, message):
    data = {"plan": plan_a.pk, "party_cell": ward_a.unit("cb-tdp-4").pk, "member": members_a["deputy"].pk}
    if field == "party_cell":
        ward, _, key = value.rpartition(":")
        data["party_cell"] = (ward_b if ward else ward_a).unit(key).pk
    else:
        data["member"] = {"not_standing": members_a["not_standing"].pk, "member_b": member_b.pk}.get(value, "")

    response = client_for(ward_a.users["standing"]).post(reverse("plans:cell_assignment_add"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert CellAssignment.objects.count() == 3


def test_admin_cannot_mix_wards_either(ward_a, ward_b, plan_a, members_a, member_b, admin_user, client_for):
    client = client_for(admin_user)

    cell_elsewhere = client.post(reverse("plans:cell_assignment_add"), {
        "plan": plan_a.pk, "party_cell": ward_b.unit("cb-tdp-1").pk, "member": members_a["deputy"].pk})
    member_elsewhere = client.post(reverse("plans:cell_assignment_add"), {
        "plan": plan_a.pk, "party_cell": ward_a.unit("cb-tdp-1").pk, "member": member_b.pk})

    assert "Chi bộ phải thuộc phường của kế hoạch." in cell_elsewhere.content.decode()
    assert "Ủy viên Ban Thường vụ của phường có kế hoạch này" in member_elsewhere.content.decode()
    assert not CellAssignment.objects.exists()


# --- Filters, search, pagination ----------------------------------------------------------------------

@pytest.mark.parametrize("query", ["Trần Thị Hồng", "tran thi hong", "TRAN HONG"])
def test_search_matches_with_or_without_diacritics(ward_a, assignments_a, client_for, query):
    response = client_for(ward_a.users["bloc"]).get(LIST, {"q": query})

    assert listed(response) == {assignments_a["tdp-1"].pk, assignments_a["tdp-2"].pk}


def test_search_finds_the_cell_by_name(ward_a, assignments_a, client_for):
    response = client_for(ward_a.users["bloc"]).get(LIST, {"q": "chi bo co quan"})

    assert listed(response) == {assignments_a["co-quan"].pk}


def test_filters_by_member_cell_and_plan(ward_a, plan_a, members_a, assignments_a, client_for):
    client = client_for(ward_a.users["officer_ubnd"])

    by_member = client.get(LIST, {"member": members_a["secretary"].pk})
    by_cell = client.get(LIST, {"party_cell": ward_a.unit("cb-tdp-2").pk})
    by_plan = client.get(LIST, {"plan": plan_a.pk})

    assert listed(by_member) == {assignments_a["co-quan"].pk}
    assert listed(by_cell) == {assignments_a["tdp-2"].pk}
    assert listed(by_plan) == {a.pk for a in assignments_a.values()}


def test_filter_choices_do_not_offer_another_wards_member(ward_a, members_a, member_b, assignment_b, client_for):
    response = client_for(ward_a.users["standing"]).get(LIST, {"member": member_b.pk})

    assert response.status_code == 200
    assert not response.context["object_list"]
    assert "member" in response.context["filter"].form.errors


def add_cells(ward, plan, member, count):
    """``count`` more party cells in the ward, each assigned to ``member``."""
    for number in range(count):
        cell = Unit.objects.create(parent=ward.ward, kind=UnitKind.PARTY_CELL,
                                   code=f"{ward.ward.code}-cb-them-{number}", name=f"Chi bộ khu dân cư {number:02d}")
        CellAssignment.objects.create(plan=plan, party_cell=cell, member=member)


def test_the_list_is_paginated(ward_a, plan_a, members_a, client_for):
    add_cells(ward_a, plan_a, members_a["secretary"], 30)
    client = client_for(ward_a.users["standing"])

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert len(first.context["object_list"]) == 25 and first.context["paginator"].count == 30
    assert len(second.context["object_list"]) == 5
    assert "Trang 1/2" in first.content.decode()


# --- The plan page links to them --------------------------------------------------------------------

def test_plan_page_shows_the_assignments_and_links_to_their_list(ward_a, plan_a, assignments_a, client_for):
    page = client_for(ward_a.users["standing"]).get(plan_a.get_absolute_url()).content.decode()

    assert "Chi bộ Tổ dân phố số 1: <strong>Trần Thị Hồng</strong>" in page
    assert f"{LIST}?plan={plan_a.pk}" in page
    assert "Phân công, sửa phân công" in page


# --- API -----------------------------------------------------------------------------------------------

API = "/api/cell-assignments/"


def test_api_lists_the_wards_assignments_with_the_same_filters(ward_a, assignments_a, assignment_b, api_for):
    client = api_for(ward_a.users["officer_mttq"])

    everything = client.get(API).json()
    searched = client.get(API, {"q": "tran thi hong"}).json()
    by_cell = client.get(API, {"party_cell": ward_a.unit("cb-co-quan").pk}).json()

    assert {row["id"] for row in everything["results"]} == {a.pk for a in assignments_a.values()}
    assert {row["member_name"] for row in searched["results"]} == {"Trần Thị Hồng"}
    assert [row["party_cell_name"] for row in by_cell["results"]] == ["Chi bộ Cơ quan phường"]
    assert client.get(f"{API}{assignment_b.pk}/").status_code == 404


def test_api_standing_committee_writes_and_others_do_not(ward_a, plan_a, members_a, assignments_a, api_for):
    payload = {"plan": plan_a.pk, "party_cell": ward_a.unit("cb-tdp-3").pk, "member": members_a["secretary"].pk}
    assignment = assignments_a["tdp-1"]

    bloc_create = api_for(ward_a.users["bloc"]).post(API, payload, format="json")
    officer_patch = api_for(ward_a.users["officer_ubnd"]).patch(f"{API}{assignment.pk}/", {"note": "x"},
                                                                 format="json")
    standing = api_for(ward_a.users["standing"])
    created = standing.post(API, payload, format="json")
    patched = standing.patch(f"{API}{assignment.pk}/", {"member": members_a["secretary"].pk}, format="json")

    assert bloc_create.status_code == 403
    assert officer_patch.status_code == 404
    assert created.status_code == 201, created.content
    assert patched.status_code == 200, patched.content
    entry = LogEntry.objects.get_for_object(assignment).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == ward_a.users["standing"] and "member" in entry.changes_dict


def test_api_refuses_a_second_member_for_a_cell_in_vietnamese(ward_a, plan_a, members_a, assignments_a, api_for):
    payload = {"plan": plan_a.pk, "party_cell": ward_a.unit("cb-tdp-1").pk, "member": members_a["secretary"].pk}

    response = api_for(ward_a.users["standing"]).post(API, payload, format="json")

    assert response.status_code == 400
    assert "Chi bộ này đã có đồng chí phụ trách trong kế hoạch." in response.content.decode()


def test_api_refuses_another_wards_cell(ward_a, ward_b, plan_a, members_a, api_for):
    payload = {"plan": plan_a.pk, "party_cell": ward_b.unit("cb-tdp-1").pk, "member": members_a["secretary"].pk}

    response = api_for(ward_a.users["standing"]).post(API, payload, format="json")

    assert response.status_code == 400 and "party_cell" in response.json()
    assert not CellAssignment.objects.exists()


def test_schema_documents_the_endpoint(ward_a, client_for):
    schema = client_for(ward_a.users["bloc"]).get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/cell-assignments/"]["get"]
    assert {"q", "plan", "member", "party_cell"} <= {parameter["name"] for parameter in operation["parameters"]}
    assert "CellAssignment" in schema["components"]["schemas"]


# --- Query budget ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, url, data", [
    ("cell_assignment_list", LIST, None),
    ("cell_assignment_list_filtered", LIST, {"q": "nguyen"}),
    ("api_cell_assignments", API, None),
])
@pytest.mark.parametrize("role", ["standing", "officer_ubnd"])
def test_query_count_does_not_grow_with_assignments(ward_a, plan_a, members_a, assignments_a, client_for, role,
                                                    name, url, data):
    client = client_for(ward_a.users[role])
    small = count_queries(client, url, data)
    add_cells(ward_a, plan_a, members_a["secretary"], 20)

    large = count_queries(client, url, data)

    assert_constant(name, small, large, BUDGETS, little="with 3 assignments", more="with 23")


# --- In a real browser ------------------------------------------------------------------------------------

@pytest.mark.browser
def test_standing_committee_assigns_a_cell_in_the_browser(new_page, live_server, ward_a, plan_a, members_a,
                                                          assignments_a):
    from tests.support.browser import PHONE, horizontal_overflow, login, screenshot

    page = new_page()
    cell = ward_a.unit("cb-tdp-3")

    login(page, live_server, ward_a.users["standing"])
    page.locator("#mainnav").get_by_role("link", name="Phụ trách chi bộ").click()
    page.wait_for_url("**/phan-cong-chi-bo/")
    page.get_by_role("link", name="+ Thêm phân công").click()
    page.select_option("#id_plan", str(plan_a.pk))
    page.select_option("#id_party_cell", str(cell.pk))
    page.select_option("#id_member", str(members_a["secretary"].pk))
    page.fill("#id_note", "Phụ trách từ quý II")
    screenshot(page, "cell-assignment-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu").click()
    screenshot(page, "cell-assignment-list")

    rows = page.locator("table.table > tbody > tr")
    assert "Đã lưu phân công phụ trách chi bộ." in page.locator("body").inner_text()
    assert rows.count() == 4
    assert any("Chi bộ Tổ dân phố số 3" in row.inner_text() and "Nguyễn Văn Thường" in row.inner_text()
               for row in rows.all())
    assert CellAssignment.objects.get(plan=plan_a, party_cell=cell).note == "Phụ trách từ quý II"

    phone = new_page(PHONE)
    login(phone, live_server, ward_a.users["officer_ubnd"])
    phone.goto(f"{live_server.url}{LIST}")
    screenshot(phone, "cell-assignment-list-phone")
    assert horizontal_overflow(phone) == 0
    assert phone.get_by_role("link", name="+ Thêm phân công").count() == 0
