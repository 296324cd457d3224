"""Who may move a "Dân vận khéo" model along its path. The services enforce these rules; the pages and the API
show only what they admit. Writing for a unit and being the ward's bloc are the portal's general rules (core.access)."""

from core.access import is_ward_bloc, works_for
from core.roles import Role

from .models import (
    EDITABLE_STATUSES,
    PROGRESS_STATUSES,
    RECOGNISED_STATUSES,
    SCORING_STATUSES,
    EvaluatorAssignment,
    Status,
)

__all__ = ["is_ward_bloc", "works_for"]


def may_register(user, unit):
    return works_for(user, unit)


def may_revise(user, model):
    return model.status in EDITABLE_STATUSES and works_for(user, model.unit)


def may_appraise(user, model):
    return model.status == Status.REGISTERED and is_ward_bloc(user, model.ward)


def may_report(user, model):
    return model.status in PROGRESS_STATUSES and (works_for(user, model.unit) or is_ward_bloc(user, model.ward))


def is_assigned_evaluator(user, model):
    if not user or not user.is_authenticated:
        return False
    return EvaluatorAssignment.objects.filter(bloc_id=model.bloc_id, year=model.year, evaluator=user).exists()


def may_score(user, model):
    return (
        model.status in SCORING_STATUSES
        and is_assigned_evaluator(user, model)
        and (user.is_admin or user.unit_id != model.unit_id)
    )


def may_recognise(user, model):
    return model.status == Status.EVALUATED and is_ward_bloc(user, model.ward)


def may_manage_blocs(user, ward):
    return is_ward_bloc(user, ward)


def may_replicate(user, model):
    """Someone who may record a replication of ``model`` for at least one unit."""
    if model.status not in RECOGNISED_STATUSES or not user or not user.is_authenticated:
        return False
    return is_ward_bloc(user, model.ward) or (user.role != Role.STANDING and not user.is_overseer)
