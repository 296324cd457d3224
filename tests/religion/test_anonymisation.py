"""Closed watch reports lose their details after the ward's retention period (Celery task, idempotent)."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import periods
from core.models import Attachment
from religion import services, tasks
from religion.models import ANONYMISED_TEXT, RetentionSetting, RiskLevel, WatchReport
from tests.support.religion import make_watch_report

pytestmark = pytest.mark.django_db


def closed_report(ward, closed_days_ago, **fields):
    today = periods.today()
    report = make_watch_report(ward, observed_on=today - timedelta(days=closed_days_ago + 30), **fields)
    report.measures = "Vận động giải tán nhóm tại nhà ông X."
    report.save()
    services.add_follow_up(report, followed_on=today - timedelta(days=closed_days_ago),
                           action_taken="Làm việc với chủ nhà số 12.", risk_level=RiskLevel.LOW, close=True,
                           outcome="Nhóm đã giải tán.")
    report.refresh_from_db()
    return report


def test_closed_reports_past_the_retention_period_are_anonymised(ward_a, settings):
    RetentionSetting.objects.create(ward=ward_a.ward, watch_report_retention_days=90)
    old = closed_report(ward_a, closed_days_ago=91)
    recent = closed_report(ward_a, closed_days_ago=89)
    still_open = make_watch_report(ward_a, observed_on=periods.today() - timedelta(days=400))
    Attachment.attach(old, SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", content_type="application/pdf"))

    assert services.reports_due_for_anonymisation() == [old.pk]
    assert tasks.anonymise_closed_watch_reports.delay().get() == 1

    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert old.description == ANONYMISED_TEXT
    assert old.outcome == ANONYMISED_TEXT
    assert (old.location, old.source_detail, old.measures, old.reported_by) == ("", "", "", None)
    assert list(old.follow_ups.values_list("action_taken", flat=True)) == [ANONYMISED_TEXT]
    # Kept for statistics.
    assert old.residential_group == ward_a.units["tdp-2"]
    assert (old.activity_kind, old.risk_level, old.initial_risk_level) == ("health_exercise", "low", "medium")
    assert old.closed_on is not None
    assert not Attachment.for_object(old).exists()
    # The audit log no longer holds the erased values either.
    for entry in LogEntry.objects.get_for_object(old).exclude(action=LogEntry.Action.ACCESS):
        assert "nhà ông X" not in str(entry.changes or "")
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.anonymised_at is None and recent.measures.startswith("Vận động")
    assert still_open.anonymised_at is None


def test_running_the_task_twice_does_nothing_the_second_time(ward_a):
    RetentionSetting.objects.create(ward=ward_a.ward, watch_report_retention_days=30)
    report = closed_report(ward_a, closed_days_ago=40)

    assert tasks.anonymise_closed_watch_reports.delay().get() == 1
    first = WatchReport.objects.get(pk=report.pk).anonymised_at
    assert tasks.anonymise_closed_watch_reports.delay().get() == 0
    assert tasks.anonymise_watch_report.delay(report.pk).get() == 0
    assert WatchReport.objects.get(pk=report.pk).anonymised_at == first


def test_each_ward_keeps_its_own_retention_period(ward_a, ward_b):
    RetentionSetting.objects.create(ward=ward_a.ward, watch_report_retention_days=365)
    RetentionSetting.objects.create(ward=ward_b.ward, watch_report_retention_days=30)
    report_a = closed_report(ward_a, closed_days_ago=100)
    report_b = closed_report(ward_b, closed_days_ago=100)
    report_default = closed_report(ward_a, closed_days_ago=800)  # past the 365 days of ward A too

    assert services.reports_due_for_anonymisation() == sorted([report_b.pk, report_default.pk])
    tasks.anonymise_closed_watch_reports.delay().get()

    assert WatchReport.objects.get(pk=report_a.pk).anonymised_at is None
    assert WatchReport.objects.get(pk=report_b.pk).anonymised_at is not None


def test_without_a_setting_the_default_period_applies(ward_a):
    kept = closed_report(ward_a, closed_days_ago=700)
    erased = closed_report(ward_a, closed_days_ago=731)
    assert services.reports_due_for_anonymisation() == [erased.pk]
    assert services.anonymisation_date(kept) == kept.closed_on + timedelta(days=730)


def test_the_pages_say_so(ward_a, client_for):
    RetentionSetting.objects.create(ward=ward_a.ward, watch_report_retention_days=180)
    report = closed_report(ward_a, closed_days_ago=10)
    client = client_for(ward_a.users["religion"])

    detail = client.get(reverse("religion:watch_detail", args=[report.pk])).content.decode()
    assert "sẽ được ẩn danh tự động từ ngày" in detail
    assert (report.closed_on + timedelta(days=180)).strftime("%d/%m/%Y") in detail
    form = client.get(reverse("religion:watch_add")).content.decode()
    assert "không ghi danh sách hay tên người tham gia" in form
    assert "ẩn danh tự động" in form
    assert "180 ngày" in form
    listing = client.get(reverse("religion:watch_list")).content.decode()
    assert "ẩn danh sau thời hạn lưu giữ" in listing

    services.anonymise_watch_report(report.pk, on=report.closed_on + timedelta(days=181))
    detail = client.get(reverse("religion:watch_detail", args=[report.pk])).content.decode()
    assert "đã được ẩn danh" in detail
    assert "Làm việc với chủ nhà số 12" not in detail
    assert client.get(reverse("religion:watch_edit", args=[report.pk])).status_code == 404


def test_the_committee_sets_the_period_and_the_standing_committee_only_reads_it(ward_a, client_for):
    url = reverse("religion:settings")
    committee = client_for(ward_a.users["religion"])
    assert "730 ngày" in committee.get(url).content.decode()

    assert committee.post(url, {"watch_report_retention_days": 10}).status_code == 400
    response = committee.post(url, {"watch_report_retention_days": 365})
    assert response.status_code == 302
    setting = RetentionSetting.objects.get(ward=ward_a.ward)
    assert setting.watch_report_retention_days == 365
    assert setting.updated_by == ward_a.users["religion"]

    standing = client_for(ward_a.users["standing"])
    page = standing.get(url).content.decode()
    assert "365 ngày" in page
    assert "Đặt thời hạn lưu giữ" not in page
    assert standing.post(url, {"watch_report_retention_days": 90}).status_code == 404
    assert RetentionSetting.objects.get(ward=ward_a.ward).watch_report_retention_days == 365
