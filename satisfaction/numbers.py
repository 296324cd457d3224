"""Points and percentages as an official writes them: 95, 92,5 (no 9.5E+1, no trailing zeros)."""

from decimal import Decimal


def points(value):
    if value is None:
        return "—"
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")
