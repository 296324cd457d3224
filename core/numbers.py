"""Numbers as the ward writes them, on screen, in PDFs and in messages: thousands with ".", decimals with ",", no
trailing zeros, no scientific notation (1.234,5 · 20 · 10,5 · 93,3%). One place, so a figure reads the same on
every page and document; independent of the active locale, so a Celery worker writes it the same way."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

THOUSANDS = "."
DECIMAL_MARK = ","
PERCENT_SIGN = "%"
EMPTY = "—"


def _decimal(value):
    try:
        return Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def _written(amount):
    integer, _point, fraction = format(abs(amount), "f").partition(".")
    grouped = f"{int(integer):,}".replace(",", THOUSANDS)
    sign = "-" if amount < 0 else ""
    return sign + grouped + (DECIMAL_MARK + fraction if fraction else "")


def number(value, places=None, empty=EMPTY):
    """12345 -> "12.345", 92.50 -> "92,5", 2E+1 -> "20": no trailing zeros; rounded half up to ``places``
    decimals when given. None (nothing recorded) -> ``empty``."""
    if value is None or value == "":
        return empty
    amount = _decimal(value)
    if amount is None:
        return str(value)
    if places is not None:
        amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    amount = amount.normalize()
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    return _written(amount)


def percent(value, places=1, empty=EMPTY):
    """A share always to ``places`` decimals, as the plan page writes progress: 93.333 -> "93,3%",
    100 -> "100,0%", with ``places=0`` -> "93%". None (nothing to divide) -> ``empty``."""
    if value is None or value == "":
        return empty
    amount = _decimal(value)
    if amount is None:
        return str(value)
    return _written(amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)) + PERCENT_SIGN


def percentage(part, whole, places=1):
    """``part`` of ``whole`` in percent, a Decimal rounded half up to ``places`` decimals (2 of 3 -> 66.7); None
    when there is nothing to divide by. The figure itself: ``percent`` writes it."""
    if not whole:
        return None
    return (Decimal(100) * Decimal(part) / Decimal(whole)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def signed(value, places=None, empty=EMPTY):
    """A change: +2,5 / -1 / 0."""
    if value is None or value == "":
        return empty
    text = number(value, places)
    return f"+{text}" if Decimal(str(value)) > 0 else text


def number_or_zero(value, kind=float):
    """``value`` as a ``kind`` (float, int) for a page to draw with; empty or not a number counts as 0."""
    try:
        return kind(value or 0)
    except (TypeError, ValueError):
        return kind(0)


def roman(number):
    """1 -> "I", 4 -> "IV", 12 -> "XII": quarters and sections as Vietnamese documents write them, and Word's roman
    list numbers (small numbers: no L or C)."""
    result = ""
    for size, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= size:
            result += numeral
            number -= size
    return result
