"""Who may set up communes and accounts. Services, pages and the API read the rules from here."""

from core.roles import Role

from .accounts import roles_given_by


def may_import_accounts(user):
    return user.is_authenticated and bool(roles_given_by(user))


def may_create_communes(user):
    """System administrators anywhere, a province's administrator inside their province."""
    return user.is_authenticated and (user.is_admin or (user.role == Role.PROVINCE_ADMIN and user.unit_id is not None))
