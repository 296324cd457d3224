"""The timing a solution's text gives: a due date or a recurrence (plans.models.Task's fields).

Read on the folded text (no diacritics, lower case), so "hằng quý" and "hàng quý" are the same:

* "trước ngày 10/3/2024", "chậm nhất ngày 30/6" → once, due that day (the plan's year when none is given)
* "trước ngày 15 của tháng cuối quý" → quarterly, day 15 of the quarter's 3rd month
* "trước ngày 5 hằng tháng" → monthly, day 5
* "sáng Chủ nhật hằng tuần" → weekly on Sunday
* "trong tháng 10" → every year in October (in_month); "trong tháng 10/2024" → once, due 31/10/2024
* "trong quý II/2024" → once, due the quarter's last day
* "hằng quý", "hằng tháng", "hằng năm" → quarterly / monthly / yearly, due the period's last day
* "thường xuyên" or nothing → once, without a due date

What it cannot read is flagged, never guessed: "định kỳ" without a frequency, "6 tháng một lần" (no such
recurrence), "trước Tết", an impossible date such as 31/02, a month 13, "hằng tuần" without a day.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from .text import fold, nfc

WEEKDAYS = [
    (r"thu hai|thu 2", 0), (r"thu ba|thu 3", 1), (r"thu tu|thu 4", 2), (r"thu nam|thu 5", 3),
    (r"thu sau|thu 6", 4), (r"thu bay|thu 7", 5), (r"chu nhat", 6),
]
EVERY = r"(?:hang|moi)"
ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
QUARTER_MONTHS = {"dau": 1, "thu nhat": 1, "thu hai": 2, "giua": 2, "thu ba": 3, "cuoi": 3}
RECURRENCE_WORDS = {
    "weekly": "hằng tuần", "monthly": "hằng tháng", "quarterly": "hằng quý", "yearly": "hằng năm",
    "in_month": "trong tháng", "once": "một lần",
}


@dataclass
class Timing:
    recurrence: str = "once"
    due_date: date | None = None
    weekday: int | None = None
    day: int | None = None
    month: int | None = None
    phrase: str = ""
    flags: list = field(default_factory=list)

    def fields(self):
        """The task fields of the shipped plan data (only those that apply)."""
        data = {"recurrence": self.recurrence}
        if self.due_date:
            data["due_date"] = self.due_date.isoformat()
        if self.weekday is not None:
            data["recurrence_weekday"] = self.weekday
        if self.day is not None:
            data["recurrence_day"] = self.day
        if self.month is not None:
            data["recurrence_month"] = self.month
        return data


def _date(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _last_day(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def _blank(text, spans):
    chars = list(text)
    for start, end in spans:
        for index in range(max(0, start), min(len(chars), end)):
            chars[index] = " "
    return "".join(chars)


def read_timing(text, year, excluded=()):
    """The timing of ``text``; ``year`` completes dates without one; ``excluded`` spans are not read."""
    original = nfc(text)
    folded = _blank(fold(original), excluded)
    found = []  # (priority, Timing)
    flags = []

    def phrase(match):
        return original[match.start():match.end()].strip()

    # Once, with a date.
    for match in re.finditer(
        r"\b(?:truoc|cham nhat(?: la)?|han chot|den het|han)\s+(?:ngay\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})"
        r"(?:\s*[/.-]\s*(\d{4}))?|\b(?:truoc|cham nhat|han)\s+ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})",
        folded,
    ):
        groups = match.groups()
        day, month, given_year = (groups[0], groups[1], groups[2]) if groups[0] else (groups[3], groups[4], groups[5])
        due = _date(int(given_year) if given_year else year, int(month), int(day))
        if due is None:
            flags.append({"kind": "timing", "text": phrase(match), "reason": "invalid_date"})
        else:
            found.append((1, Timing("once", due_date=due, phrase=phrase(match))))
    # Quarterly on a day of a month of the quarter.
    for match in re.finditer(
        r"ngay\s+(\d{1,2})\s+(?:cua\s+|trong\s+)?thang\s+(dau|thu nhat|thu hai|giua|thu ba|cuoi)\s+"
        r"(?:cua\s+)?(?:moi\s+|hang\s+)?quy",
        folded,
    ):
        day = int(match.group(1))
        if 1 <= day <= 31:
            found.append((2, Timing("quarterly", day=day, month=QUARTER_MONTHS[match.group(2)], phrase=phrase(match))))
        else:
            flags.append({"kind": "timing", "text": phrase(match), "reason": "invalid_date"})
    # Monthly on a day.
    for match in re.finditer(rf"ngay\s+(\d{{1,2}})\s+{EVERY}\s+thang|{EVERY}\s+thang[^.;]*?truoc\s+ngay\s+(\d{{1,2}})"
                             rf"(?!\s*[/.-]\s*\d)", folded):
        day = int(match.group(1) or match.group(2))
        if 1 <= day <= 31:
            found.append((3, Timing("monthly", day=day, phrase=phrase(match))))
        else:
            flags.append({"kind": "timing", "text": phrase(match), "reason": "invalid_date"})
    # Weekly.
    for match in re.finditer(rf"{EVERY}\s+tuan", folded):
        sentence_start = max(folded.rfind(".", 0, match.start()), folded.rfind(";", 0, match.start())) + 1
        sentence_end = min([i for i in (folded.find(".", match.end()), folded.find(";", match.end())) if i >= 0]
                           or [len(folded)])
        sentence = folded[sentence_start:sentence_end]
        weekday = None
        for pattern, number in WEEKDAYS:
            if re.search(rf"\b(?:{pattern})\b", sentence):
                weekday = number
                break
        if weekday is None:
            flags.append({"kind": "timing", "text": phrase(match), "reason": "no_weekday"})
            found.append((9, Timing("weekly", phrase=phrase(match))))
        else:
            found.append((4, Timing("weekly", weekday=weekday, phrase=phrase(match))))
    # In a month.
    for match in re.finditer(r"trong\s+thang\s+(\d{1,2})(?:\s*[/.-]\s*(\d{4})|\s+nam\s+(\d{4}))?", folded):
        month = int(match.group(1))
        given_year = match.group(2) or match.group(3)
        if not 1 <= month <= 12:
            flags.append({"kind": "timing", "text": phrase(match), "reason": "invalid_month"})
        elif given_year:
            found.append((1, Timing("once", due_date=_last_day(int(given_year), month), phrase=phrase(match))))
        else:
            found.append((5, Timing("in_month", month=month, phrase=phrase(match))))
    # Once, in a quarter.
    for match in re.finditer(r"(?:trong|truoc het|het|cuoi)\s+quy\s+(iv|iii|ii|i|[1-4])\b"
                             r"(?:\s*[/.-]\s*(\d{4})|\s+nam\s+(\d{4}))?", folded):
        quarter = ROMAN_QUARTERS[match.group(1)]
        given_year = int(match.group(2) or match.group(3) or year)
        found.append((6, Timing("once", due_date=_last_day(given_year, quarter * 3), phrase=phrase(match))))
    # Plain frequencies.
    for pattern, timing, priority in (
        (rf"{EVERY}\s+quy|dinh ky theo quy", Timing("quarterly", day=31, month=3), 7),
        (rf"{EVERY}\s+thang", Timing("monthly", day=31), 8),
        (rf"{EVERY}\s+nam\b|thuong nien", Timing("yearly", day=31, month=12), 10),
    ):
        for match in re.finditer(pattern, folded):
            found.append((priority, Timing(timing.recurrence, day=timing.day, month=timing.month,
                                           phrase=phrase(match))))
    # What cannot be read.
    for match in re.finditer(r"(?:dinh ky\s+)?(?:6|sau)\s+thang\s*(?:mot|1)\s+lan|dinh ky\s+(?:6|sau)\s+thang"
                             r"|nua nam mot lan|(?:hang|moi)\s+6\s+thang", folded):
        flags.append({"kind": "timing", "text": phrase(match), "reason": "unsupported"})
    for match in re.finditer(r"(?:xong truoc|hoan thanh truoc|cham nhat|han chot|truoc ngay)\s+"
                             r"(?!ngay\s*\d|\d|ngay\s+\d)([^\s,.;)]+(?:\s+[^\s,.;)]+){0,2})", folded):
        flags.append({"kind": "timing", "text": phrase(match), "reason": "unreadable"})
    if not found and not flags:
        for match in re.finditer(r"dinh ky", folded):
            flags.append({"kind": "timing", "text": phrase(match), "reason": "no_frequency"})
            break
    if not found:
        timing = Timing()
    else:
        found.sort(key=lambda item: item[0])
        timing = found[0][1]
        others = {t.recurrence for _p, t in found[1:] if t.recurrence != timing.recurrence and _p < 7}
        if others:
            flags.append({"kind": "timing", "text": timing.phrase, "reason": "several",
                          "others": sorted(others)})
    timing.flags = _dedupe(flags)
    return timing


def _dedupe(flags):
    seen = set()
    result = []
    for flag in flags:
        key = (flag["kind"], flag["text"], flag.get("reason"))
        if key not in seen:
            seen.add(key)
            result.append(flag)
    return result
