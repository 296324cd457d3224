"""The ward's own units this area works with (its steering committee, People's Committee, bloc): read by the models
when they fill a default and by the services alike."""

from organisations.models import SteeringArea, Unit, UnitKind


def _ward_unit(ward, **filters):
    if ward is None:
        return None
    return Unit.objects.filter(ward=ward, is_active=True, **filters).order_by("order", "pk").first()


def ward_steering_committee(ward):
    """The ward's steering committee of the community groups (BCĐ Tổ dân vận cộng đồng)."""
    return _ward_unit(ward, kind=UnitKind.STEERING_COMMITTEE, steering_area=SteeringArea.COMMUNITY_GROUPS)


def ward_peoples_committee(ward):
    return _ward_unit(ward, kind=UnitKind.PEOPLES_COMMITTEE)


def ward_bloc(ward):
    return _ward_unit(ward, kind=UnitKind.MOBILIZATION_BLOC)
