"""Who may set up communes and accounts. Services, pages and the API read the rules from here."""

from core.access import CHANGE, scope_prefix
from core.roles import Role
from organisations.models import Unit, User


def may_import_accounts(user):
    return user.is_authenticated and bool(roles_given_by(user))


def may_create_communes(user):
    """System administrators anywhere, a province's administrator inside their province."""
    return user.is_authenticated and (user.is_admin or (user.role == Role.PROVINCE_ADMIN and user.unit_id is not None))


def may_manage_account(user, account):
    """An administrator locks or unlocks the accounts of the units they administer, never their own (nobody locks
    themselves out) and never an account with more rights than they may give."""
    if not may_import_accounts(user) or account.pk == user.pk:
        return False
    if account.role not in roles_given_by(user) or (account.is_superuser and not user.is_superuser):
        return False
    return accounts_in_scope(user).filter(pk=account.pk).exists()


def roles_given_by(user):
    """The roles ``user`` may give: nobody gives more than they have, and only system administrators make
    system administrators."""
    if user.is_admin:
        return set(Role)
    if user.role == Role.PROVINCE_ADMIN:
        return set(Role) - {Role.ADMIN}
    if user.role == Role.COMMUNE_ADMIN:
        return set(Role) - {Role.ADMIN, Role.PROVINCE_ADMIN, Role.CITY_VIEWER}
    return set()


def accounts_in_scope(user):
    """The accounts of the units ``user`` administers (organisation data, core.access): a province's or a commune's
    administrator sees those of their subtree, a system administrator all; nobody else any."""
    prefix = scope_prefix(user, Unit.access_policy, CHANGE)
    if prefix is None:
        return User.objects.none()
    accounts = User.objects.select_related("unit")
    return accounts if prefix == "" else accounts.filter(unit__path__startswith=prefix)
