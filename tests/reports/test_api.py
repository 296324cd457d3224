"""REST API of the quarterly report: the same scoping as the report pages, the narrative written through PATCH
while the report is a draft, the lifecycle actions through reports/services.py (frozen once approved), the units'
own reports, the city view's summaries, and lists that keep a constant number of SQL queries."""

import os
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import periods
from core.areas import sections_for
from reports import services, workflow
from reports.models import PdfState, QuarterlyReport, ReportStatus, UnitReport, UnitReportState, WardSummary
from tests.support.query_budget import load_budgets

pytestmark = pytest.mark.django_db

BUDGETS = load_budgets(__file__)


@pytest.fixture
def report_a(ward_a, plan_a):
    return services.prepare_draft(ward_a.ward.pk, 2024, 1)


@pytest.fixture
def report_b(ward_b, plan_b):
    return services.prepare_draft(ward_b.ward.pk, 2024, 1)


def _url(report, suffix=""):
    return f"/api/quarterly-reports/{report.pk}/{suffix}"


# --- Scope and filters ------------------------------------------------------------------------------

def test_each_ward_lists_its_own_report_and_another_wards_answers_404(ward_a, report_a, report_b, api_for):
    bloc_a = api_for(ward_a.users["bloc"])

    rows = bloc_a.get("/api/quarterly-reports/").json()["results"]

    assert [(row["ward_name"], row["year"], row["quarter"], row["status"]) for row in rows] == [
        ("Đảng ủy phường An Hòa", 2024, 1, "draft")]
    assert bloc_a.get(_url(report_a)).status_code == 200
    assert bloc_a.get(_url(report_b)).status_code == 404
    assert api_for(ward_a.users["standing"]).get(_url(report_b)).status_code == 404


def test_unit_officers_do_not_see_the_wards_report(ward_a, report_a, api_for):
    officer = api_for(ward_a.users["officer_ubnd"])

    assert officer.get("/api/quarterly-reports/").json()["results"] == []
    assert officer.get(_url(report_a)).status_code == 404


def test_city_viewer_filters_by_ward_year_quarter_status_and_search(ward_b, report_a, report_b, city_viewer,
                                                                   api_for):
    client = api_for(city_viewer)

    def wards(**params):
        return sorted(row["ward_name"] for row in client.get("/api/quarterly-reports/", params).json()["results"])

    assert wards() == ["Đảng ủy phường An Hòa", "Đảng ủy phường Bình Minh"]
    assert wards(ward=ward_b.ward.pk) == ["Đảng ủy phường Bình Minh"]
    assert wards(year=2024, quarter=1, status="draft") == ["Đảng ủy phường An Hòa", "Đảng ủy phường Bình Minh"]
    assert wards(quarter=2) == []
    assert wards(status="approved") == []
    assert wards(q="binh minh") == ["Đảng ủy phường Bình Minh"]  # without diacritics
    assert wards(q="Bình Minh") == ["Đảng ủy phường Bình Minh"]
    assert client.get("/api/quarterly-reports/", {"year": 10**20}).status_code == 400


def test_the_browser_list_uses_the_same_filters(ward_b, report_a, report_b, city_viewer, client_for):
    page = client_for(city_viewer).get(reverse("reports:report_list"), {"ward": ward_b.ward.pk})

    assert page.status_code == 200
    assert [report.ward.name for report in page.context["object_list"]] == ["Đảng ủy phường Bình Minh"]
    html = page.content.decode()
    assert 'name="quarter"' in html  # the filter form is on the page for officials to use
    # Nothing chosen reads as nothing chosen: the quarter list starts with "all", and no quarter is selected.
    quarter_select = html[html.index('name="quarter"'):html.index("</select>", html.index('name="quarter"'))]
    assert quarter_select.index("— Tất cả —") < quarter_select.index("Quý 1")
    assert "selected" not in quarter_select.split("Quý 1")[0].split("— Tất cả —")[1]


def test_detail_carries_figures_narrative_and_pdf_state_without_hidden_areas(ward_a, report_a, api_for):
    bloc = ward_a.users["bloc"]

    data = api_for(bloc).get(_url(report_a)).json()

    visible = [section.key for section in sections_for(bloc)]
    all_keys = [section["key"] for section in report_a.figures["sections"]]
    assert set(all_keys) - set(visible), "the test needs a section the bloc may not see"
    assert [section["key"] for section in data["figures"]["sections"]] == [k for k in all_keys if k in visible]
    assert [(u["unit"], u["state"], u["timeliness"]) for u in data["figures"]["units"]] == [
        (u["unit"], u["state"], u["timeliness"]) for u in report_a.figures["units"]]
    assert data["period_start"] == "2023-12-15" and data["period_end"] == "2024-03-14"
    assert {name: data[name] for name in services.NARRATIVE_FIELDS} == dict.fromkeys(services.NARRATIVE_FIELDS, "")
    assert (data["pdf_state"], data["pdf_url"], data["number"], data["document_code"]) == ("none", None, None, "")
    assert data["excel_url"].endswith(reverse("reports:report_excel", args=[report_a.pk]))


# --- Narrative and lifecycle ------------------------------------------------------------------------

def test_bloc_writes_the_narrative_of_a_draft(ward_a, report_a, api_for):
    response = api_for(ward_a.users["bloc"]).patch(_url(report_a), {
        "results": "Các đơn vị đã xây dựng kế hoạch.", "next_steps": "Duy trì giao ban.", "status": "approved"},
        format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["results"] == "Các đơn vị đã xây dựng kế hoạch."
    report_a.refresh_from_db()
    assert (report_a.results, report_a.next_steps) == ("Các đơn vị đã xây dựng kế hoạch.", "Duy trì giao ban.")
    assert report_a.status == ReportStatus.DRAFT  # the status is not written through PATCH


@pytest.mark.parametrize("role, status, message", [
    ("standing", 403, "Chỉ Khối Dân vận soạn báo cáo."),
    ("officer_ubnd", 404, None),
    ("group_leader", 404, None),
])
def test_only_the_bloc_writes_the_narrative(ward_a, report_a, api_for, role, status, message):
    response = api_for(ward_a.users[role]).patch(_url(report_a), {"results": "Sửa"}, format="json")

    assert response.status_code == status
    if message:
        assert response.json()["detail"] == message
    report_a.refresh_from_db()
    assert report_a.results == ""


def test_another_wards_bloc_cannot_write_the_narrative(ward_b, report_a, api_for):
    response = api_for(ward_b.users["bloc"]).patch(_url(report_a), {"results": "Sửa"}, format="json")

    assert response.status_code == 404
    report_a.refresh_from_db()
    assert report_a.results == ""


def test_submit_return_and_approve_through_the_api_freeze_the_report(
        ward_a, report_a, api_for, pdftotext, django_capture_on_commit_callbacks):
    bloc, standing = api_for(ward_a.users["bloc"]), api_for(ward_a.users["standing"])

    empty = bloc.post(_url(report_a, "submit/"))
    assert empty.status_code == 400
    assert empty.json()["detail"] == ["Hãy viết phần “Kết quả đạt được” trước khi trình."]
    bloc.patch(_url(report_a), {"results": "Hoàn thành kế hoạch của các đơn vị."}, format="json")
    assert standing.post(_url(report_a, "submit/")).json()["detail"] == "Chỉ Khối Dân vận trình báo cáo."
    assert bloc.post(_url(report_a, "submit/")).json()["status"] == "submitted"
    assert bloc.patch(_url(report_a), {"results": "Sửa khi đã trình"}, format="json").status_code == 403

    assert bloc.post(_url(report_a, "approve/")).json()["detail"] == "Chỉ Ban Thường vụ phê duyệt báo cáo."
    no_comment = standing.post(_url(report_a, "return/"), {"comment": " "}, format="json")
    assert no_comment.status_code == 400
    assert no_comment.json()["detail"] == ["Khi trả lại, hãy ghi ý kiến để Khối Dân vận chỉnh sửa."]
    returned = standing.post(_url(report_a, "return/"), {"comment": "Bổ sung số liệu Chủ nhật xanh."},
                             format="json").json()
    assert (returned["status"], returned["return_comment"]) == ("draft", "Bổ sung số liệu Chủ nhật xanh.")
    bloc.patch(_url(report_a), {"limitations": "Chủ nhật xanh chưa đều."}, format="json")
    bloc.post(_url(report_a, "submit/"))

    with django_capture_on_commit_callbacks(execute=True):
        approved = standing.post(_url(report_a, "approve/"))

    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["document_code"]) == ("approved", "01-BC/ĐU")
    data = standing.get(_url(report_a)).json()
    assert data["pdf_state"] == "ready" and data["number"] == 1
    pdf = standing.get(data["pdf_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdftotext(b"".join(pdf.streaming_content))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "01-BC/ĐU" in text and "Hoàn thành kế hoạch" in text

    frozen = bloc.patch(_url(report_a), {"results": "Sửa sau khi duyệt"}, format="json")
    assert frozen.status_code == 403
    assert frozen.json()["detail"] == "Báo cáo đã trình hoặc đã phê duyệt, không sửa được nữa."
    report_a.refresh_from_db()
    assert report_a.results == report_a.frozen["results"] == "Hoàn thành kế hoạch của các đơn vị."
    assert report_a.checksum == services.canonical_checksum(report_a.frozen)
    assert bloc.post(_url(report_a, "submit/")).status_code == 400
    assert standing.post(_url(report_a, "return/"), {"comment": "Trả lại"}, format="json").status_code == 400
    report_a.refresh_from_db()
    assert report_a.status == ReportStatus.APPROVED


def test_approved_report_shows_its_frozen_figures_not_the_live_ones(ward_a, report_a, api_for):
    workflow.update_narrative(report_a, ward_a.users["bloc"], results="Kết quả")
    workflow.approve(workflow.submit(report_a, ward_a.users["bloc"]), ward_a.users["standing"])
    frozen_plan = next(s for s in report_a.figures["sections"] if s["key"] == "plan")
    QuarterlyReport.objects.filter(pk=report_a.pk).update(figures={"sections": [], "units": []})

    data = api_for(ward_a.users["bloc"]).get(_url(report_a)).json()

    assert data["pdf_state"] == PdfState.PENDING and data["pdf_url"] is None
    assert next(s for s in data["figures"]["sections"] if s["key"] == "plan") == frozen_plan
    assert api_for(ward_a.users["bloc"]).get(_url(report_a, "pdf/")).status_code == 404  # not rendered yet


def test_bloc_prepares_and_refreshes_its_draft_and_others_may_not(ward_a, plan_a, api_for):
    bloc = api_for(ward_a.users["bloc"])

    prepared = bloc.post("/api/quarterly-reports/prepare/")

    assert prepared.status_code == 200
    report = QuarterlyReport.objects.get(pk=prepared.json()["id"])
    assert report.ward == ward_a.ward and report.status == ReportStatus.DRAFT
    bloc.patch(_url(report), {"results": "Giữ nguyên"}, format="json")
    assert bloc.post(_url(report, "refresh/")).json()["results"] == "Giữ nguyên"
    standing = api_for(ward_a.users["standing"])
    assert standing.post("/api/quarterly-reports/prepare/").status_code == 403
    assert standing.post(_url(report, "refresh/")).status_code == 403
    assert QuarterlyReport.objects.count() == 1


# --- Units' reports ---------------------------------------------------------------------------------

def test_unit_officer_lists_and_submits_only_its_own_report(ward_a, ward_b, report_a, report_b, api_for):
    officer = api_for(ward_a.users["officer_mttq"])
    own = UnitReport.objects.get(report=report_a, unit=ward_a.unit("mttq"))
    other_unit = UnitReport.objects.get(report=report_a, unit=ward_a.unit("ubnd"))
    other_ward = UnitReport.objects.get(report=report_b, unit=ward_b.unit("mttq"))

    rows = officer.get("/api/unit-reports/").json()["results"]
    empty = officer.post(f"/api/unit-reports/{own.pk}/submit/", {"text": " "}, format="json")
    sent = officer.post(f"/api/unit-reports/{own.pk}/submit/", {"text": "MTTQ đã tổ chức hội nghị."}, format="json")

    assert [(row["unit_name"], row["state"], row["timeliness"]) for row in rows] == [
        ("Ủy ban MTTQ phường", "missing", "missing")]
    assert empty.status_code == 400
    assert empty.json()["detail"] == ["Hãy nhập kết quả thực hiện trong quý."]
    assert sent.status_code == 200 and sent.json()["state"] == "submitted"
    assert sent.json()["timeliness"] in ("on_time", "late")
    for foreign in (other_unit, other_ward):
        assert officer.get(f"/api/unit-reports/{foreign.pk}/").status_code == 404
        assert officer.post(f"/api/unit-reports/{foreign.pk}/submit/", {"text": "x"}, format="json").status_code == 404
    other_unit.refresh_from_db()
    assert other_unit.state == UnitReportState.MISSING
    bloc = api_for(ward_a.users["bloc"])
    refused = bloc.post(f"/api/unit-reports/{other_unit.pk}/submit/", {"text": "Khối viết hộ"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Chỉ đơn vị được giao gửi báo cáo quý của đơn vị mình."


def test_bloc_returns_then_accepts_a_units_report_which_locks_it(ward_a, ward_b, report_a, api_for):
    own = UnitReport.objects.get(report=report_a, unit=ward_a.unit("mttq"))
    officer, bloc = api_for(ward_a.users["officer_mttq"]), api_for(ward_a.users["bloc"])
    officer.post(f"/api/unit-reports/{own.pk}/submit/", {"text": "Bản đầu."}, format="json")

    assert officer.post(f"/api/unit-reports/{own.pk}/accept/").json()["detail"] == (
        "Chỉ Khối Dân vận tiếp nhận báo cáo của đơn vị.")
    assert api_for(ward_b.users["bloc"]).post(f"/api/unit-reports/{own.pk}/accept/").status_code == 404
    assert bloc.post(f"/api/unit-reports/{own.pk}/return/", {}, format="json").status_code == 400
    returned = bloc.post(f"/api/unit-reports/{own.pk}/return/", {"comment": "Bổ sung số liệu."}, format="json")
    assert (returned.json()["state"], returned.json()["review_comment"]) == ("returned", "Bổ sung số liệu.")
    assert bloc.get("/api/unit-reports/", {"state": "returned"}).json()["count"] == 1
    officer.post(f"/api/unit-reports/{own.pk}/submit/", {"text": "Bản bổ sung."}, format="json")
    assert bloc.post(f"/api/unit-reports/{own.pk}/accept/").json()["state"] == "accepted"

    locked = officer.post(f"/api/unit-reports/{own.pk}/submit/", {"text": "Sửa lại"}, format="json")

    assert locked.status_code == 400
    assert locked.json()["detail"] == ["Báo cáo của đơn vị đã được tiếp nhận, không sửa được nữa."]
    own.refresh_from_db()
    assert (own.state, own.text) == (UnitReportState.ACCEPTED, "Bản bổ sung.")


def test_unit_reports_filter_by_report_unit_and_search(ward_a, report_a, api_for):
    bloc = api_for(ward_a.users["bloc"])
    expected = report_a.unit_reports.count()

    assert bloc.get("/api/unit-reports/", {"report": report_a.pk}).json()["count"] == expected
    assert bloc.get("/api/unit-reports/", {"year": 2024, "quarter": 2}).json()["count"] == 0
    rows = bloc.get("/api/unit-reports/", {"unit": ward_a.unit("ubnd").pk}).json()["results"]
    assert [row["unit_name"] for row in rows] == ["UBND phường"]
    assert [row["unit_name"] for row in bloc.get("/api/unit-reports/", {"q": "mttq"}).json()["results"]] == [
        "Ủy ban MTTQ phường"]


# --- Ward summaries ---------------------------------------------------------------------------------

def _summary(ward, headline):
    return WardSummary.objects.create(ward=ward.ward, year=2024, quarter=1, computed_at=timezone.now(), figures={
        "sections": [{"key": "plan", "title": "Kế hoạch", "data": {"headline": headline}, "status": "ok"},
                     {"key": "religion", "title": "Tôn giáo", "data": {"headline": 3}, "status": "ok"}]})


def test_ward_summaries_for_the_city_and_each_wards_own(ward_a, ward_b, city_viewer, api_for):
    _summary(ward_a, 80)
    _summary(ward_b, 60)

    city = api_for(city_viewer).get("/api/ward-summaries/").json()["results"]
    own = api_for(ward_a.users["bloc"]).get("/api/ward-summaries/").json()["results"]

    assert sorted((row["ward_name"], row["figures"]["sections"][0]["data"]["headline"]) for row in city) == [
        ("Đảng ủy phường An Hòa", 80), ("Đảng ủy phường Bình Minh", 60)]
    assert [row["ward_name"] for row in own] == ["Đảng ủy phường An Hòa"]
    assert [s["key"] for s in own[0]["figures"]["sections"]] == ["plan"]  # religion is not the bloc's to see
    assert api_for(ward_a.users["officer_ubnd"]).get("/api/ward-summaries/").json()["results"] == []
    assert api_for(city_viewer).post("/api/ward-summaries/").status_code == 405


# --- Query budgets ----------------------------------------------------------------------------------

def _more_reports(ward, count):
    """Copies of the ward's Q1 2024 draft for the quarters before its earliest report, each with its units'
    reports (submitted) and a ward summary."""
    template = QuarterlyReport.objects.get(ward=ward.ward, year=2024, quarter=1)
    earliest = QuarterlyReport.objects.filter(ward=ward.ward).order_by("year", "quarter").first()
    year, quarter = earliest.year, earliest.quarter
    for _index in range(count):
        year, quarter = periods.previous_quarter(year, quarter)
        report = QuarterlyReport.objects.create(
            ward=ward.ward, year=year, quarter=quarter, period_start=template.period_start - timedelta(days=1),
            period_end=template.period_end, due_date=template.due_date, unit_due_date=template.unit_due_date,
            figures=template.figures, results="Kết quả", submitted_by=ward.users["bloc"],
            submitted_at=timezone.now(), status=ReportStatus.SUBMITTED)
        UnitReport.objects.bulk_create([
            UnitReport(report=report, unit=unit_report.unit, text="Đã làm", state=UnitReportState.SUBMITTED,
                       submitted_at=timezone.now(), submitted_by=ward.users["officer_mttq"])
            for unit_report in template.unit_reports.all()])
        WardSummary.objects.create(ward=ward.ward, year=year, quarter=quarter, figures=template.figures,
                                   computed_at=timezone.now())


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] > 0
    return len(context.captured_queries)


LISTS = [
    ("api_quarterly_reports", "/api/quarterly-reports/", "city_viewer"),
    ("api_quarterly_reports", "/api/quarterly-reports/", "bloc"),
    ("api_unit_reports", "/api/unit-reports/", "bloc"),
    ("api_unit_reports", "/api/unit-reports/", "officer_mttq"),
    ("api_ward_summaries", "/api/ward-summaries/", "city_viewer"),
]


@pytest.mark.parametrize("name, url, role", LISTS, ids=[f"{n}-{r}" for n, _u, r in LISTS])
def test_list_queries_do_not_grow_with_reports(ward_a, ward_b, report_a, report_b, city_viewer, api_for,
                                               name, url, role):
    _more_reports(ward_a, 1)
    _more_reports(ward_b, 1)
    client = api_for(city_viewer if role == "city_viewer" else ward_a.users[role])
    client.get(url)  # the first request caches the user's unit on the authenticated user object
    small = _queries(client, url)

    _more_reports(ward_a, 5)  # the quarters before, down to 2022
    _more_reports(ward_b, 5)
    large = _queries(client, url)

    if os.environ.get("SHOW_QUERY_COUNTS"):
        print("QC", name, role, small, large)
    assert small == large, f"{name} as {role}: {small} queries with 2 quarters, {large} with 7"
    assert large <= BUDGETS[name], f"{name} as {role}: {large} queries, budget {BUDGETS[name]}"
