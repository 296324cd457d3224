from django import template

register = template.Library()


@register.filter
def star_range(count):
    """[True] * stars + [False] * (4 - stars): filled and empty stars of a rating out of four."""
    try:
        count = int(count or 0)
    except (TypeError, ValueError):
        count = 0
    return [True] * count + [False] * max(0, 4 - count)
