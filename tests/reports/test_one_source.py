"""One source for every figure: the report page and its PDF print the same figures and units' reports, and a task's
percentage is the same on the plan page, the task page, the Excel export, the API and the quarterly report."""

import re
from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core import periods
from core.areas import sections_for
from plans.models import Recurrence, Task, TaskStatus
from plans.schedule import task_percent
from reports import services, workflow
from reports.models import QuarterlyReport, ReportStatus, UnitReport, UnitReportState
from reports.pdf import render_report_pdf
from tests.support.figures_compare import disagreements, page_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_plan(ward_a, plan_a):
    """ward_a's plan with the demo's progress: recurring tasks with a missed occurrence, one-off tasks under way."""
    from demo.management.commands.load_demo import Command

    Command()._progress(plan_a, ward_a.units, seed=1)
    return plan_a


def _unit_report_sent_after_the_refresh(report):
    unit_report = report.unit_reports.select_related("unit").order_by("unit__path").first()
    unit_report.text = "Đơn vị đã triển khai kế hoạch."
    unit_report.state = UnitReportState.SUBMITTED
    unit_report.submitted_at = timezone.now()
    unit_report.save()
    return unit_report


def _visible(user):
    return {section.key for section in sections_for(user)}


def _assert_page_equals_pdf(html, pdf, report):
    found = page_figures(html)
    assert found.get("plan"), "the page prints the plan's figures"
    units = [row for row in found.get("units", []) if row[0] != "Đơn vị"]
    assert len(units) == report.unit_reports.count(), "every unit's report is on the page"
    assert disagreements(html, pdf) == []


def test_draft_page_and_pdf_print_the_same_figures_and_each_units_report_as_it_stands(busy_plan, ward_a,
                                                                                      client_for):
    standing = ward_a.users["standing"]
    year, quarter = services.next_due(periods.today())
    report = services.prepare_draft(ward_a.ward.pk, year, quarter)
    sent = _unit_report_sent_after_the_refresh(report)

    html = client_for(standing).get(report.get_absolute_url()).content.decode()
    pdf = render_report_pdf(report, _visible(standing))

    _assert_page_equals_pdf(html, pdf, report)
    assert (sent.unit.name, "Đã gửi", "Đúng hạn") in page_figures(html)["units"]


def test_approved_pdf_equals_the_page_and_freezes_units_that_reported_after_the_last_refresh(
        busy_plan, ward_a, client_for, api_for, django_capture_on_commit_callbacks):
    bloc, standing = ward_a.users["bloc"], ward_a.users["standing"]
    year, quarter = services.next_due(periods.today())
    report = services.prepare_draft(ward_a.ward.pk, year, quarter)
    sent = _unit_report_sent_after_the_refresh(report)  # the figures' snapshot still says "Chưa báo cáo"
    workflow.update_narrative(report, bloc, results="Các đơn vị đã triển khai kế hoạch.")
    workflow.submit(report, bloc)
    with django_capture_on_commit_callbacks(execute=True):
        report = workflow.approve(QuarterlyReport.objects.get(pk=report.pk), standing)
    report.refresh_from_db()
    UnitReport.objects.filter(pk=sent.pk).update(state=UnitReportState.ACCEPTED)  # later changes stay out

    client = client_for(standing)
    html = client.get(report.get_absolute_url()).content.decode()
    pdf = b"".join(client.get(reverse("reports:report_pdf", args=[report.pk])).streaming_content)

    _assert_page_equals_pdf(html, pdf, report)
    assert (sent.unit.name, "Đã gửi", "Đúng hạn") in page_figures(html)["units"]
    data = api_for(standing).get(f"/api/quarterly-reports/{report.pk}/").json()
    api = {row["unit"]: row for row in data["figures"]["units"]}
    assert (api[sent.unit.name]["state_label"], api[sent.unit.name]["timeliness_label"]) == ("Đã gửi", "Đúng hạn")
    sheet = load_workbook(BytesIO(client.get(reverse("reports:report_excel", args=[report.pk])).content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert [sent.unit.name, "Đã gửi", "Đúng hạn"] in [row[:3] for row in rows]
    headline = data["figures"]["sections"][0]["data"]["headline"]
    assert data["figures"]["sections"][0]["key"] == "plan"
    assert next(row[5] for row in rows if row[0] == "Tiến độ chung") == headline
    page_total = next(row for row in page_figures(html)["plan"] if row[0] == "Tiến độ chung")
    assert page_total[-1] == f"{headline:.1f}%".replace(".", ",")


def test_the_comparison_fails_when_the_pdf_says_something_else_than_the_page(busy_plan, ward_a, client_for):
    standing = ward_a.users["standing"]
    year, quarter = services.next_due(periods.today())
    report = services.prepare_draft(ward_a.ward.pk, year, quarter)
    html = client_for(standing).get(report.get_absolute_url()).content.decode()

    sent = _unit_report_sent_after_the_refresh(report)
    pdf = render_report_pdf(QuarterlyReport.objects.get(pk=report.pk), _visible(standing))

    assert ("units", f"{sent.unit.name} | Chưa báo cáo | Chưa báo cáo") in disagreements(html, pdf)


def test_every_report_of_the_demo_prints_the_same_on_its_page_and_in_its_pdf(
        client_for, django_capture_on_commit_callbacks):
    from organisations.models import Role, User

    with django_capture_on_commit_callbacks(execute=True):  # the approved reports' PDFs are rendered
        call_command("load_demo", quiet_logins=True)
    reports = list(QuarterlyReport.objects.select_related("ward"))
    assert {ReportStatus.DRAFT, ReportStatus.APPROVED} <= {report.status for report in reports}
    for report in reports:
        standing = User.objects.filter(role=Role.STANDING, unit__ward=report.ward).first() or \
            User.objects.filter(role=Role.STANDING, unit=report.ward).first()
        html = client_for(standing).get(report.get_absolute_url()).content.decode()
        assert disagreements(html, render_report_pdf(report, _visible(standing))) == [], str(report)
        if report.status == ReportStatus.APPROVED:
            stored = report.pdf.read()
            assert disagreements(html, stored) == [], f"stored PDF of {report}"


# --- A task's percentage ----------------------------------------------------------------------------

def _plan_page_percent(html, task):
    match = re.search(re.escape(f'href="{task.get_absolute_url()}"') + r".*?data-percent>(\d+)%", html, re.S)
    return int(match.group(1))


def _task_page_percent(html):
    return int(re.search(r"</dt><dd><progress[^>]*></progress> (\d+)%", html).group(1))


def _excel_percent(content, task):
    sheet = load_workbook(BytesIO(content))["Nhiệm vụ"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, values, strict=True)) for values in sheet.iter_rows(min_row=2, values_only=True)]
    return next(row["Tiến độ (%)"] for row in rows if row["Mã"] == task.pk)


def _report_percent(html, task):
    """The report writes a one-off task's percent ("60%") and a recurring task's periods met ("đạt 12/13 tuần"):
    the same figure either way."""
    match = re.search(re.escape(task.title) + r" \([^()]*?(?:(\d+)%|đạt (\d+)/(\d+) [^()]*)\)", html)
    if match.group(1) is not None:
        return int(match.group(1))
    return round(100 * int(match.group(2)) / int(match.group(3)))


def test_a_tasks_percentage_is_the_same_everywhere(busy_plan, ward_a, client_for, api_for):
    bloc = ward_a.users["bloc"]
    client = client_for(bloc)
    weekly = Task.objects.filter(plan=busy_plan, recurrence=Recurrence.WEEKLY).order_by("pk").first()
    once = Task.objects.filter(plan=busy_plan, recurrence=Recurrence.ONCE, is_done=False,
                               last_reported_on__isnull=False).order_by("pk").first()
    expected = {weekly.pk: task_percent(weekly), once.pk: task_percent(once)}
    assert 0 < expected[weekly.pk] < 100, "a recurring task with a missed occurrence"
    assert weekly.latest_percent == 100, "its last typed figure differs from its percentage"
    year, quarter = services.next_due(periods.today())
    report = services.prepare_draft(ward_a.ward.pk, year, quarter)

    plan_page = client.get(busy_plan.get_absolute_url()).content.decode()
    excel = client.get(reverse("plans:task_export")).content
    report_page = client.get(report.get_absolute_url()).content.decode()
    for task in (weekly, once):
        seen = {
            "plan page": _plan_page_percent(plan_page, task),
            "task page": _task_page_percent(client.get(task.get_absolute_url()).content.decode()),
            "Excel": _excel_percent(excel, task),
            "API": api_for(bloc).get(f"/api/tasks/{task.pk}/").json()["percent"],
            "report": _report_percent(report_page, task),
        }
        assert seen == dict.fromkeys(seen, expected[task.pk]), task.title


# --- "Tiến độ chung" ------------------------------------------------------------------------------

def _big_percents(html):
    return re.findall(r'<div class="big-percent[^"]*"[^>]*><strong>([\d,.]+)%</strong>.*?<span>([^<]+)</span>', html,
                      re.S)


def test_tien_do_chung_is_the_whole_plans_progress_for_every_reader(busy_plan, ward_a, client_for):
    from plans.services import rollup

    overall = rollup(list(Task.objects.filter(plan=busy_plan).select_related("plan"))).percent
    leader = ward_a.users["group_leader"]
    own = rollup(list(Task.objects.restrict(leader).filter(plan=busy_plan).select_related("plan"))).percent
    assert own != overall, "the group leader's tasks progress differently from the whole plan"

    for role in ("bloc", "standing", "group_leader"):
        html = client_for(ward_a.users[role]).get(busy_plan.get_absolute_url()).content.decode()
        figures = dict((label, value) for value, label in _big_percents(html))
        assert figures["Tiến độ chung"] == f"{overall}".replace(".", ","), role
    leader_figures = dict((label, value) for value, label in _big_percents(
        client_for(leader).get(busy_plan.get_absolute_url()).content.decode()))
    assert leader_figures["Tiến độ các nhiệm vụ của đơn vị"] == f"{own}".replace(".", ",")
    bloc_html = client_for(ward_a.users["bloc"]).get(busy_plan.get_absolute_url()).content.decode()
    assert "Tiến độ các nhiệm vụ của đơn vị" not in bloc_html


def test_overdue_tasks_are_listed_with_their_percentage_in_the_report(busy_plan, ward_a):
    year, quarter = services.next_due(periods.today())
    report = services.prepare_draft(ward_a.ward.pk, year, quarter)
    plan = services.report_figures(report)["plan"]
    overdue = [t for area in plan["areas"] for t in area["overdue_tasks"]]
    assert overdue and all("percent" in t for t in overdue)
    assert plan["by_status"][TaskStatus.OVERDUE] == len(overdue)
