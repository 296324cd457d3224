"""Today's date and the calendar periods the portal reports on (quarters, years).

The one place for "what day is it": every module calls ``periods.today()`` through the module (``from core import
periods``), never a copy of it, so a test freezes the date for the whole portal with the ``set_today`` fixture
(tests/conftest.py) and a rule about dates is changed once.
"""

import calendar
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _


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
