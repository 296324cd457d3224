"""Who may take each step of the quarterly report. The services enforce these rules (refusing with their own
words); the pages show a button only where the same rule admits it."""

from core.access import CHANGE
from core.roles import Role

from .models import ReportStatus, UnitReport, UnitReportState

CITY_READERS = (Role.CITY_VIEWER, Role.PROVINCE_ADMIN)
UNIT_ROLES = (Role.OFFICER, Role.STEERING, Role.GROUP_LEADER)


def is_bloc(user):
    """The mass-mobilization bloc (or an administrator): it prepares, writes and submits the ward's report."""
    return user.is_authenticated and (user.is_admin or user.role == Role.BLOC)


def is_standing(user):
    """The Standing Committee (or an administrator): it returns or approves a submitted report."""
    return user.is_authenticated and (user.is_admin or user.role == Role.STANDING)


def writes_unit_reports(user):
    """Units write their own quarterly results; the bloc and the Standing Committee only review them."""
    return user.is_authenticated and (user.is_admin or user.role not in (Role.BLOC, Role.STANDING))


def reads_city(user):
    return user.is_authenticated and (user.is_admin or user.role in CITY_READERS)


def may_prepare(user):
    return is_bloc(user) and user.ward is not None


def may_edit(user, report):
    return is_bloc(user) and report.status == ReportStatus.DRAFT


def may_decide(user, report):
    """Return to draft or approve."""
    return is_standing(user) and report.status == ReportStatus.SUBMITTED


def may_write_unit_report(user, unit_report):
    if unit_report.is_locked or not writes_unit_reports(user):
        return False
    return user.is_admin or UnitReport.objects.restrict(user, CHANGE).filter(pk=unit_report.pk).exists()


def may_review_unit_report(user, unit_report):
    return is_bloc(user) and unit_report.state == UnitReportState.SUBMITTED
