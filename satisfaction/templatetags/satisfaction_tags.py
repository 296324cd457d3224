from django import template

from core.numbers import number_or_zero

register = template.Library()


@register.filter
def star_range(count):
    """[True] * stars + [False] * (4 - stars): filled and empty stars of a rating out of four."""
    count = number_or_zero(count, int)
    return [True] * count + [False] * max(0, 4 - count)
