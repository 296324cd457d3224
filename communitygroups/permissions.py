"""Who may do what with the community groups' reports. Services, pages and the API read the rules from here."""

from django.apps import apps

from core.access import CHANGE
from core.roles import Role

from .models import (
    CommunityGroup,
    ReportStatus,
    ReportTopic,
)


def may_respond(user, report):
    """The Party Committee (bloc, Standing Committee) and the People's Committee acknowledge and answer."""
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if user.unit_id is None or user.ward is None or user.ward.pk != report.group.residential_group.ward_id:
        return False
    if user.role in (Role.BLOC, Role.STANDING):
        return True
    committee = report.peoples_committee
    return (user.role == Role.OFFICER and committee is not None and user.unit.path.startswith(committee.path))


def may_edit_report(user, report):
    """The group's own people may correct a report until somebody up the line has taken it in."""
    return (report.status == ReportStatus.SENT
            and CommunityGroup.objects.restrict(user, CHANGE).filter(pk=report.group_id).exists())


def may_turn_into_watch_report(report):
    return (report.topic == ReportTopic.RELIGIOUS_ACTIVITY and report.religion_watch_report_id is None
            and religion_watch_model() is not None)


def religion_watch_model():
    """The religion area's WatchReport model when that app provides it, else None (no import at module level)."""
    try:
        return apps.get_model("religion", "WatchReport")
    except LookupError:
        return None
