"""Who may do what in the meetings area. Services, pages and the API read the rules from here."""

from core.forms import writable_units

from .models import MeetingRequirement


def may_edit_requirements(user, ward):
    """True when the user may change the ward's list of required meetings (the bloc, admins)."""
    return writable_units(user, MeetingRequirement).filter(pk=ward.pk).exists()
