from django import template

from ..models import plain_number

register = template.Library()


@register.filter
def number(value):
    """20 not 2E+1, 10,5 with the locale's decimal mark: scores, targets and values as officials write them."""
    return plain_number(value)


@register.filter
def reach(value):
    """3150 -> 3.150: people reached, with the thousands separator officials write."""
    from ..services import reach_text

    return reach_text(value)
