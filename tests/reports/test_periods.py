"""Due dates and cut-off periods of the quarterly report, across the year boundary."""

from datetime import date

import pytest

from reports import services


@pytest.mark.parametrize("quarter, due", [(1, date(2024, 3, 15)), (2, date(2024, 6, 15)), (3, date(2024, 9, 15)),
                                          (4, date(2024, 12, 15))])
def test_due_before_the_15th_of_the_quarters_last_month(quarter, due):
    assert services.due_date(2024, quarter) == due


def test_first_quarter_figures_start_in_december_of_the_year_before():
    assert services.cutoff_period(2024, 1) == (date(2023, 12, 15), date(2024, 3, 14))
    assert services.cutoff_period(2024, 2) == (date(2024, 3, 15), date(2024, 6, 14))
    assert services.cutoff_period(2024, 4) == (date(2024, 9, 15), date(2024, 12, 14))


def test_consecutive_periods_leave_no_gap_across_the_year():
    periods = [services.cutoff_period(2024, 4), services.cutoff_period(2025, 1)]
    assert (periods[1][0] - periods[0][1]).days == 1


def test_cutoff_day_is_a_setting(settings):
    settings.DANVAN_REPORT_CUTOFF_DAY = 20
    assert services.cutoff_period(2025, 1) == (date(2024, 12, 20), date(2025, 3, 19))


@pytest.mark.parametrize("day, expected", [
    (date(2024, 3, 15), (2024, 1)), (date(2024, 3, 16), (2024, 2)), (date(2024, 12, 20), (2025, 1)),
    (date(2024, 1, 1), (2024, 1)),
])
def test_next_due_report(day, expected):
    assert services.next_due(day) == expected


def test_draft_is_due_ten_days_before(settings):
    settings.DANVAN_REPORT_DRAFT_DAYS = 10
    assert services.reports_due_for_drafting(date(2024, 3, 4)) is None
    assert services.reports_due_for_drafting(date(2024, 3, 5)) == (2024, 1)
    assert services.reports_due_for_drafting(date(2024, 12, 10)) == (2024, 4)


def test_document_numbers_restart_each_term(settings):
    settings.DANVAN_TERM_START_YEARS = [2020, 2025]
    assert services.term_start(2024) == 2020
    assert services.term_start(2025) == 2025
    assert services.document_code(5) == "05-BC/ĐU"


def test_beat_schedule_runs_the_draft_job_daily(settings):
    import reports.tasks  # noqa: F401 - registers the tasks
    from danvan.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["reports-prepare-drafts"]
    assert entry["task"] == "reports.tasks.prepare_quarterly_drafts"
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {5}
