"""Who may see the records about cadres (feedback, reviews). Services, pages and the API read the rule from here."""

from core.roles import Role

from .models import unit_headed_by


def may_see_cadre_records(user):
    """Cadre feedback and reviews are for the bloc, the Standing Committee, unit heads and admins only."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_admin or user.role in (Role.STANDING, Role.BLOC):
        return True
    return unit_headed_by(user) is not None
