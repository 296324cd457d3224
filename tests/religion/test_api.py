"""The API of the area: the same rules, the ward from the user, actions through the domain services."""

import pytest
from auditlog.models import LogEntry

from core import periods
from religion.models import Establishment, MonkInvitationRequest, RetentionSetting, WatchReport
from tests.support.religion import make_establishment

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(ward_a, api_for):
    return api_for(ward_a.users["religion"])


def test_create_takes_the_ward_from_the_user_and_checks_the_residential_group(ward_a, ward_b, api):
    body = {"kind": "temple", "religion": "folk_belief", "name": "Đền Thánh Mẫu", "address": "Bờ sông Thương",
            "residential_group": ward_a.units["tdp-4"].pk, "certificate_status": "ineligible"}

    foreign = api.post("/api/religion/establishments/", {**body, "residential_group": ward_b.units["tdp-4"].pk},
                       format="json")
    created = api.post("/api/religion/establishments/", body, format="json")

    assert foreign.status_code == 400  # another ward's residential group is not among the choices at all
    assert "residential_group" in foreign.json()
    assert created.status_code == 201, created.content
    establishment = Establishment.objects.get(pk=created.json()["id"])
    assert establishment.ward == ward_a.ward
    assert establishment.certificate_steps.count() == 1
    assert LogEntry.objects.get_for_object(establishment).get(action=0).actor == ward_a.users["religion"]


def test_the_head_changes_only_through_its_action(ward_a, api):
    pagoda = make_establishment(ward_a)

    patched = api.patch(f"/api/religion/establishments/{pagoda.pk}/", {"person_in_charge": "Sư mới"}, format="json")
    assert patched.status_code == 200
    pagoda.refresh_from_db()
    assert pagoda.person_in_charge == "Đại đức Thích Minh Tuệ"

    changed = api.post(f"/api/religion/establishments/{pagoda.pk}/head-change/",
                       {"new_head": "Sư mới", "changed_on": "2024-05-01"}, format="json")

    assert changed.status_code == 200, changed.content
    assert changed.json()["person_in_charge"] == "Sư mới"
    assert changed.json()["head_flag"] is True


def test_thinh_su_through_the_api(ward_a, api):
    pagoda = make_establishment(ward_a)
    created = api.post("/api/religion/invitations/", {
        "establishment": pagoda.pk, "monk_name": "Sư A", "requested_by": "Ban hộ tự", "submitted_on": "2024-03-01",
    }, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    duplicate = api.post("/api/religion/invitations/", {
        "establishment": pagoda.pk, "monk_name": "Sư B", "requested_by": "Ban hộ tự", "submitted_on": "2024-03-02",
    }, format="json")
    assert duplicate.status_code == 400
    assert "chưa giải quyết" in str(duplicate.json())

    too_early = api.post(f"/api/religion/invitations/{pk}/transition/", {"to": "approved", "on": "2024-03-10"},
                         format="json")
    api.post(f"/api/religion/invitations/{pk}/transition/", {"to": "under_review", "on": "2024-03-05"}, format="json")
    approved = api.post(f"/api/religion/invitations/{pk}/transition/",
                        {"to": "approved", "on": "2024-03-10", "decision_number": "12/UBND"}, format="json")

    assert too_early.status_code == 400
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert MonkInvitationRequest.objects.get(pk=pk).decided_by == ward_a.users["religion"]


def test_certificate_and_follow_up_actions(ward_a, religion_a, api):
    pagoda = religion_a[Establishment]
    report = religion_a[WatchReport]

    cert = api.post(f"/api/religion/establishments/{pagoda.pk}/certificate/",
                    {"status": "requested", "recorded_on": "2024-05-01", "note": "Đã nộp hồ sơ"}, format="json")
    close = api.post(f"/api/religion/watch-reports/{report.pk}/follow-up/",
                     {"followed_on": periods.today().isoformat(), "action_taken": "Xong", "close": True},
                     format="json")
    closed = api.post(f"/api/religion/watch-reports/{report.pk}/follow-up/",
                      {"followed_on": periods.today().isoformat(), "action_taken": "Xong", "close": True,
                       "outcome": "Ổn định", "risk_level": "low"}, format="json")

    assert cert.status_code == 200 and cert.json()["certificate_status"] == "requested"
    assert close.status_code == 400 and "outcome" in close.json()
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert closed.json()["risk_level"] == "low"


def test_risk_overview_endpoint(ward_a, religion_a, api):
    rows = api.get("/api/religion/watch-reports/risk-overview/").json()
    by_group = {row["name"]: row for row in rows}
    assert by_group["Tổ dân phố số 2"]["medium"] == 1
    assert by_group["Tổ dân phố số 2"]["hot_spot"] is False
    assert sum(row["total"] for row in rows) == 1


def test_retention_setting_through_the_api(ward_a, religion_a, api, api_for):
    setting = religion_a[RetentionSetting]
    too_short = api.patch(f"/api/religion/retention-settings/{setting.pk}/", {"watch_report_retention_days": 5},
                          format="json")
    ok = api.patch(f"/api/religion/retention-settings/{setting.pk}/", {"watch_report_retention_days": 400},
                   format="json")
    standing = api_for(ward_a.users["standing"]).patch(f"/api/religion/retention-settings/{setting.pk}/",
                                                      {"watch_report_retention_days": 60}, format="json")

    assert too_short.status_code == 400
    assert ok.status_code == 200
    assert standing.status_code == 404
    setting.refresh_from_db()
    assert setting.watch_report_retention_days == 400
    assert setting.updated_by == ward_a.users["religion"]


def test_list_filters_with_and_without_diacritics(ward_a, religion_a, api):
    rows = api.get("/api/religion/establishments/", {"q": "chua phuc khanh"}).json()["results"]
    assert [row["name"] for row in rows] == ["Chùa Phúc Khánh"]
    rows = api.get("/api/religion/watch-reports/", {"status": "open", "risk_level": "medium"}).json()["results"]
    assert len(rows) == 1


def test_the_schema_describes_the_religion_endpoints(client, admin_user):
    client.force_login(admin_user)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/religion/establishments/{id}/head-change/" in schema
    assert "/api/religion/watch-reports/risk-overview/" in schema
