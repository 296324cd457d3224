"""Who may do what in the grassroots-democracy area. Services, pages and the API read the rules from here."""

from core.forms import writable_units
from core.roles import Role

from .models import DisclosureRequirement


def may_see_sender(user, petition):
    """Who may read the sender's name, address and phone: the handling unit's own officers and the person who
    recorded the petition (and admins), never the cadre the petition is about, never the readers of the ward
    (Standing Committee, bloc, steering committees, city viewers)."""
    if user is None or not user.is_authenticated:
        return False
    person_id = getattr(user, "person_id", None)
    if person_id and petition.about_cadre_id == person_id:
        return False
    if user.is_admin:
        return True
    if petition.created_by_id and petition.created_by_id == user.pk:
        return True
    if user.role not in (Role.OFFICER,) or user.unit_id is None:
        return False
    return petition.handling_unit.path.startswith(user.unit.path)


def may_edit_checklist(user, ward):
    return writable_units(user, DisclosureRequirement).filter(pk=ward.pk).exists()
