"""Who reaches the religion area at all. Services, pages and the API read the rule from here."""

from .models import AREA


def may_see(user):
    """Who reaches the area at all: the ward's religion committee, the Standing Committee, admins."""
    return bool(user and user.is_authenticated and user.may_see_area(AREA))
