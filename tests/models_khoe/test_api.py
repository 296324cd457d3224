"""The API obeys the same rules as the pages: restricted reads, writes through the services."""

from decimal import Decimal

from models_khoe.models import MobilizationModel, Status
from tests.support.models_khoe import YEAR, full_points, indicator, registration


def api_registration(unit, bloc, **extra):
    data = registration(unit, bloc, **extra)
    data["unit"], data["bloc"] = unit.pk, bloc.pk
    data["starts_on"], data["evaluation_on"] = data["starts_on"].isoformat(), data["evaluation_on"].isoformat()
    data["indicators"] = [{**indicator(), "baseline": "0", "target": "12"}]
    return data


def test_register_appraise_and_read_through_the_api(api_for, ward_a, blocs_a, plan_a, ward_b):
    officer = api_for(ward_a.users["officer_ubnd"])
    response = officer.post("/api/dvk/models/", api_registration(ward_a.unit("ubnd"), blocs_a[1]), format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["status"] == "registered"

    refused = officer.post(f"/api/dvk/models/{pk}/appraise/", {"decision": "approved"}, format="json")
    assert refused.status_code == 403
    bloc = api_for(ward_a.users["bloc"])
    returned = bloc.post(f"/api/dvk/models/{pk}/appraise/", {"decision": "returned"}, format="json")
    assert returned.status_code == 400
    assert "Khi trả lại cần ghi ý kiến" in str(returned.json())
    assert bloc.post(f"/api/dvk/models/{pk}/appraise/", {"decision": "approved"}, format="json").status_code == 201

    assert MobilizationModel.objects.get(pk=pk).status == Status.APPROVED
    assert api_for(ward_b.users["bloc"]).get(f"/api/dvk/models/{pk}/").status_code == 404
    listed = api_for(ward_a.users["officer_mttq"]).get(f"/api/dvk/models/?year={YEAR}&q=giai phong mat bang")
    assert [row["id"] for row in listed.json()["results"]] == [pk]


def test_the_api_refuses_vague_and_repeated_registrations(api_for, ward_a, blocs_a):
    officer = api_for(ward_a.users["officer_ubnd"])
    data = api_registration(ward_a.unit("ubnd"), blocs_a[1])
    no_indicator = officer.post("/api/dvk/models/", {**data, "indicators": []}, format="json")
    assert no_indicator.status_code == 400
    assert "chưa có chỉ tiêu đo lường được" in str(no_indicator.json())
    assert officer.post("/api/dvk/models/", data, format="json").status_code == 201
    repeated = officer.post("/api/dvk/models/", data, format="json")
    assert repeated.status_code == 400
    assert "trùng" in str(repeated.json()["name"])
    other_unit = officer.post("/api/dvk/models/", {**data, "unit": ward_a.unit("mttq").pk, "name": "Khác"},
                              format="json")
    assert other_unit.status_code == 403


def test_scores_through_the_api_keep_notes_private(api_for, approved, ward_a, evaluators_a):
    model = approved()
    value = api_for(ward_a.users["officer_ubnd"]).post("/api/dvk/indicator-values/", {
        "indicator": model.indicators.get().pk, "measured_on": "2024-09-01", "value": "12"}, format="json")
    assert value.status_code == 201, value.json()
    scores = [{"criterion": pk, "points": str(points)}
              for pk, points in full_points(model.bloc, Decimal("0.9")).items()]
    for user in evaluators_a:
        response = api_for(user).post("/api/dvk/evaluations/", {"model": model.pk, "scores": scores,
                                                                 "note": f"Ghi chú của {user.username}"},
                                      format="json")
        assert response.status_code == 201, response.json()

    own = api_for(evaluators_a[2]).get("/api/dvk/evaluations/").json()["results"]
    assert [row["note"] for row in own] == [f"Ghi chú của {evaluators_a[2].username}"]
    seen_by_bloc = api_for(ward_a.users["bloc"]).get("/api/dvk/evaluations/").json()["results"]
    assert len(seen_by_bloc) == 3
    assert all("note" not in row for row in seen_by_bloc)
    ranking = api_for(ward_a.users["bloc"]).get(f"/api/dvk/models/ranking/?year={YEAR}").json()
    assert ranking[0]["entries"][0]["average"] == "90.00"
    assert ranking[0]["entries"][0]["rank"] == 1
    refused = api_for(ward_a.users["officer_mttq"]).post("/api/dvk/evaluations/", {"model": model.pk,
                                                                                   "scores": scores}, format="json")
    assert refused.status_code == 403


def test_recognition_and_replication_through_the_api(api_for, evaluated, ward_a):
    model = evaluated()
    officer = api_for(ward_a.users["officer_ubnd"])
    assert officer.post("/api/dvk/recognitions/", {"model": model.pk, "achievement": "Tốt."},
                        format="json").status_code == 403
    bloc = api_for(ward_a.users["bloc"])
    recognised = bloc.post("/api/dvk/recognitions/", {"model": model.pk, "achievement": "12/12 hộ."}, format="json")
    assert recognised.status_code == 201, recognised.json()
    assert recognised.json()["certificate_code"] == "01-GCN/ĐU"
    replication = api_for(ward_a.users["group_leader"]).post("/api/dvk/replications/", {
        "model": model.pk, "adopting_unit": ward_a.unit("tdp-1").pk, "started_on": "2024-09-10",
        "results": "Áp dụng cho ngõ 5."}, format="json")
    assert replication.status_code == 201, replication.json()
    assert MobilizationModel.objects.get(pk=model.pk).status == Status.REPLICATED
    wrong_unit = api_for(ward_a.users["group_leader"]).post("/api/dvk/replications/", {
        "model": model.pk, "adopting_unit": ward_a.unit("tdp-2").pk, "started_on": "2024-09-10",
        "results": "Áp dụng."}, format="json")
    assert wrong_unit.status_code == 403


def test_the_bloc_manages_blocs_and_criteria_through_the_api(api_for, ward_a, blocs_a):
    bloc = api_for(ward_a.users["bloc"])
    created = bloc.post("/api/dvk/blocs/", {"name": "Khối doanh nghiệp", "min_evaluators": 2}, format="json")
    assert created.status_code == 201
    assert api_for(ward_a.users["officer_ubnd"]).post("/api/dvk/blocs/", {"name": "Khối khác"},
                                                      format="json").status_code == 403
    criterion = bloc.post("/api/dvk/criteria/", {"bloc": created.json()["id"], "name": "Hiệu quả",
                                                 "max_points": "100"}, format="json")
    assert criterion.status_code == 201
