"""Today's date and the quarters and years reports are written for: one definition, used by every area."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from core import periods


@pytest.mark.parametrize("day, expected", [
    (date(2025, 1, 1), (2025, 1)),
    (date(2025, 3, 31), (2025, 1)),
    (date(2025, 4, 1), (2025, 2)),
    (date(2025, 9, 30), (2025, 3)),
    (date(2025, 10, 1), (2025, 4)),
    (date(2025, 12, 31), (2025, 4)),
])
def test_quarter_of_a_day_turns_at_the_first_of_april_july_and_october(day, expected):
    assert periods.quarter_of(day) == expected


@pytest.mark.parametrize("year, quarter, expected", [
    (2025, 1, (date(2025, 1, 1), date(2025, 3, 31))),
    (2024, 2, (date(2024, 4, 1), date(2024, 6, 30))),
    (2024, 3, (date(2024, 7, 1), date(2024, 9, 30))),
    (2024, 4, (date(2024, 10, 1), date(2024, 12, 31))),
])
def test_quarter_bounds_are_its_first_and_last_calendar_day(year, quarter, expected):
    assert periods.quarter_bounds(year, quarter) == expected


def test_every_day_of_a_year_lies_inside_the_bounds_of_its_own_quarter():
    day = date(2024, 1, 1)  # a leap year
    while day.year == 2024:
        start, end = periods.quarter_bounds(*periods.quarter_of(day))
        assert start <= day <= end
        day = date.fromordinal(day.toordinal() + 1)


def test_quarters_step_across_the_year_boundary():
    assert periods.next_quarter(2024, 4) == (2025, 1)
    assert periods.next_quarter(2025, 1) == (2025, 2)
    assert periods.previous_quarter(2025, 1) == (2024, 4)
    assert periods.previous_quarter(2025, 3) == (2025, 2)


def test_year_bounds_are_new_year_and_new_years_eve():
    assert periods.year_bounds(2025) == (date(2025, 1, 1), date(2025, 12, 31))


def test_quarter_label_reads_as_officials_write_it():
    assert periods.quarter_label(2025, 2) == "Quý 2/2025"


def test_today_is_the_date_in_ha_noi_not_in_utc(monkeypatch):
    """17:30 UTC on 31/12 is already 00:30 on 01/01 in Hà Nội (UTC+7): the new year has begun for the ward."""
    monkeypatch.setattr(timezone, "now", lambda: datetime(2024, 12, 31, 17, 30, tzinfo=UTC))

    assert periods.today() == date(2025, 1, 1)
    assert periods.quarter_of(periods.today()) == (2025, 1)


def test_today_before_seven_in_the_morning_utc_is_still_the_same_day_in_ha_noi(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2024, 12, 31, 16, 59, tzinfo=UTC))

    assert periods.today() == date(2024, 12, 31)


def test_set_today_freezes_the_date_the_portal_reads(set_today):
    set_today(date(2024, 9, 20))

    assert periods.today() == date(2024, 9, 20)
