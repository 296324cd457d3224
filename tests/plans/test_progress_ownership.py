"""A progress report belongs to the unit that wrote it (security finding 3): the units of the task all read it, but
only the reporting unit (and the bloc) change or delete it; a supporting unit no longer rewrites the lead unit's
progress, nor the lead unit the supporting unit's report."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse

from plans.models import ProgressUpdate, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_task(ward_a, plan_a):
    """A one-off task the People's Committee leads and the Fatherland Front supports."""
    task = Task.objects.filter(plan=plan_a, lead_unit=ward_a.unit("ubnd"), recurrence="once").order_by("pk").first()
    task.supporting_units.add(ward_a.unit("mttq"))
    return task


@pytest.fixture
def lead_report(shared_task, ward_a, api_for):
    response = api_for(ward_a.users["officer_ubnd"]).post("/api/progress/", {
        "task": shared_task.pk, "reported_on": "2024-05-02", "percent": 60,
        "note": "Đã tổ chức 3 hội nghị tuyên truyền."}, format="json")
    assert response.status_code == 201, response.json()
    return ProgressUpdate.objects.get(pk=response.json()["id"])


def test_supporting_unit_cannot_rewrite_or_delete_the_lead_units_progress(lead_report, shared_task, ward_a, api_for):
    supporting = api_for(ward_a.users["officer_mttq"])
    url = f"/api/progress/{lead_report.pk}/"

    read = supporting.get(url)
    rewritten = supporting.patch(url, {"percent": 0, "note": "Chưa làm gì."}, format="json")
    deleted = supporting.delete(url)
    lead_report.refresh_from_db()
    shared_task.refresh_from_db()

    assert read.status_code == 200
    assert (rewritten.status_code, deleted.status_code) == (404, 404)
    assert (lead_report.percent, lead_report.note) == (60, "Đã tổ chức 3 hội nghị tuyên truyền.")
    assert shared_task.latest_percent == 60


def test_the_lead_unit_and_the_bloc_still_change_the_lead_units_report(lead_report, shared_task, ward_a, api_for):
    url = f"/api/progress/{lead_report.pk}/"

    supporting = api_for(ward_a.users["officer_mttq"]).patch(url, {"percent": 0}, format="json")
    own = api_for(ward_a.users["officer_ubnd"]).patch(url, {"percent": 70}, format="json")
    bloc = api_for(ward_a.users["bloc"]).patch(url, {"percent": 80}, format="json")
    shared_task.refresh_from_db()
    deleted = api_for(ward_a.users["officer_ubnd"]).delete(url)

    assert supporting.status_code == 404
    assert (own.status_code, bloc.status_code, deleted.status_code) == (200, 200, 204)
    assert shared_task.latest_percent == 80
    assert not ProgressUpdate.objects.filter(pk=lead_report.pk).exists()


def test_the_lead_unit_cannot_rewrite_the_supporting_units_report(shared_task, ward_a, api_for, client_for):
    # The supporting unit reports from the task page, as its officers do.
    posted = client_for(ward_a.users["officer_mttq"]).post(
        reverse("plans:progress_add", args=[shared_task.pk]),
        {"reported_on": "02/05/2024", "percent": 30, "note": "MTTQ đã phối hợp tuyên truyền"})
    report = shared_task.updates.get()
    url = f"/api/progress/{report.pk}/"

    lead = api_for(ward_a.users["officer_ubnd"]).patch(url, {"note": "MTTQ chưa phối hợp"}, format="json")
    own = api_for(ward_a.users["officer_mttq"]).patch(url, {"note": "MTTQ đã phối hợp, 2 buổi"}, format="json")

    assert posted.status_code == 302 and report.unit == ward_a.unit("mttq")
    assert (lead.status_code, own.status_code) == (404, 200)
    report.refresh_from_db()
    assert report.note == "MTTQ đã phối hợp, 2 buổi"


def test_reports_written_before_the_unit_was_recorded_get_their_authors_or_the_lead_unit(shared_task, ward_a):
    migration = importlib.import_module("plans.migrations.0002_progress_reporting_unit")
    by_author = ProgressUpdate.objects.create(task=shared_task, reported_on=date(2024, 4, 1), percent=20,
                                              note="Bắt đầu", author=ward_a.users["officer_mttq"])
    without_author = ProgressUpdate.objects.create(task=shared_task, reported_on=date(2024, 4, 15), percent=40,
                                                   note="Tiếp")

    migration.fill_reporting_unit(apps, None)

    by_author.refresh_from_db()
    without_author.refresh_from_db()
    assert by_author.unit == ward_a.unit("mttq")
    assert without_author.unit == ward_a.unit("ubnd")
