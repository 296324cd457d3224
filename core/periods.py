"""Today's date and the calendar periods the portal reports on (quarters, years).

The one place for "what day is it": every module calls ``periods.today()`` through the module (``from core import
periods``), never a copy of it, so a test freezes the date for the whole portal with the ``set_today`` fixture
(tests/conftest.py) and a rule about dates is changed once.
"""

import calendar
from datetime import date, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def today():
    """The portal's current date: the local date in the active time zone (settings.TIME_ZONE, Asia/Ho_Chi_Minh)."""
    return timezone.localdate()


def quarter_of(day):
    """(year, quarter) a date falls in, quarters numbered 1 to 4."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year, quarter):
    """First and last calendar day of a quarter."""
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def next_quarter(year, quarter):
    """(year, quarter) that follows the given one."""
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def previous_quarter(year, quarter):
    """(year, quarter) that precedes the given one."""
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def quarter_label(year, quarter):
    """A quarter as officials write it: "Quý 2/2025"."""
    return _("Quý %(q)s/%(y)s") % {"q": quarter, "y": year}


def year_bounds(year):
    """First and last calendar day of a year."""
    return date(year, 1, 1), date(year, 12, 31)


class Frequency(models.TextChoices):
    """How often a required thing recurs in a year (a meeting, a disclosure): ``frequency_periods`` splits the year
    by it. An area whose rule has more kinds (a disclosure "when arising") keeps these values for these four."""

    MONTHLY = "monthly", gettext_lazy("Hằng tháng")
    QUARTERLY = "quarterly", gettext_lazy("Hằng quý")
    HALF_YEARLY = "half_yearly", gettext_lazy("6 tháng một lần")
    YEARLY = "yearly", gettext_lazy("Hằng năm")


def frequency_periods(frequency, year):
    """The periods of a year for a frequency: [(label, start, end)], both dates inclusive."""
    if frequency == Frequency.YEARLY:
        return [(_("Năm %(year)s") % {"year": year}, date(year, 1, 1), date(year, 12, 31))]
    if frequency == Frequency.HALF_YEARLY:
        return [(_("6 tháng đầu năm"), date(year, 1, 1), date(year, 6, 30)),
                (_("6 tháng cuối năm"), date(year, 7, 1), date(year, 12, 31))]
    months = {Frequency.QUARTERLY: 3, Frequency.MONTHLY: 1}[frequency]
    result = []
    for first in range(1, 13, months):
        start = date(year, first, 1)
        last_month = first + months - 1
        end = (date(year, 12, 31) if last_month == 12 else date(year, last_month + 1, 1) - timedelta(days=1))
        if months == 3:
            label = _("Quý %(number)s") % {"number": (first - 1) // 3 + 1}
        else:
            label = _("Tháng %(number)s") % {"number": first}
        result.append((label, start, end))
    return result
