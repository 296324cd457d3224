"""Who may set up communes and accounts. Services, pages and the API read the rules from here."""

from core.roles import Role

from .accounts import roles_given_by


def may_import_accounts(user):
    return user.is_authenticated and bool(roles_given_by(user))


def may_create_communes(user):
    """System administrators anywhere, a province's administrator inside their province."""
    return user.is_authenticated and (user.is_admin or (user.role == Role.PROVINCE_ADMIN and user.unit_id is not None))


def may_manage_account(user, account):
    """An administrator locks or unlocks the accounts of the units they administer, never their own (nobody locks
    themselves out) and never an account with more rights than they may give."""
    from .accounts import accounts_in_scope

    if not may_import_accounts(user) or account.pk == user.pk:
        return False
    if account.role not in roles_given_by(user) or (account.is_superuser and not user.is_superuser):
        return False
    return accounts_in_scope(user).filter(pk=account.pk).exists()
