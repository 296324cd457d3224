from django import template

from ..numbers import points as format_points

register = template.Library()


@register.filter
def points(value):
    """95.00 -> "95", 92.50 -> "92,5"."""
    return format_points(value)


@register.filter
def star_range(count):
    """[True] * stars + [False] * (4 - stars): filled and empty stars of a rating out of four."""
    try:
        count = int(count or 0)
    except (TypeError, ValueError):
        count = 0
    return [True] * count + [False] * max(0, 4 - count)


@register.filter
def signed(value):
    if value is None:
        return "—"
    text = format_points(value)
    return f"+{text}" if value > 0 else text
