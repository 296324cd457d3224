"""Who may do what in the satisfaction area. Services, pages and the API read the rules from here."""

from core.roles import Role


def may_review(user):
    """The bloc (and admins) review the units' self-assessments."""
    return user.is_authenticated and (user.is_admin or user.role == Role.BLOC)
