"""The blocs a ward ranks its models in, their scoring rubrics and the evaluators assigned to them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.notifications import notify

from ..models import (
    SCORING_STATUSES,
    Bloc,
    Criterion,
    Evaluation,
    EvaluatorAssignment,
)
from ..permissions import (
    may_manage_blocs,
)
from .common import DEFAULT_BLOCS, DEFAULT_CRITERIA, _refuse

# --- Blocs and rubrics -------------------------------------------------------------------------------

@transaction.atomic
def ensure_default_blocs(ward):
    """Give a ward the default blocs and rubric the first time it needs them; returns its blocs."""
    blocs = list(Bloc.objects.filter(ward=ward))
    if blocs:
        return blocs
    for order, (name, description, _kinds) in enumerate(DEFAULT_BLOCS, start=1):
        bloc = Bloc.objects.create(ward=ward, name=name, description=description, order=order)
        Criterion.objects.bulk_create([
            Criterion(bloc=bloc, name=text, max_points=Decimal(points), order=index)
            for index, (text, points) in enumerate(DEFAULT_CRITERIA, start=1)
        ])
        blocs.append(bloc)
    return blocs


def suggested_bloc(unit, blocs):
    """The default bloc of a unit by its kind (an officer may choose another)."""
    by_name = {bloc.name: bloc for bloc in blocs}
    for name, _description, kinds in DEFAULT_BLOCS:
        if unit.kind in kinds and name in by_name:
            return by_name[name]
    return blocs[0] if blocs else None


def rubric_locked(bloc):
    """A rubric cannot change while models of the bloc are being scored on it: scores would stop adding up."""
    return Evaluation.objects.filter(model__bloc=bloc, model__status__in=SCORING_STATUSES).exists()


def max_total(bloc):
    return sum((c.max_points for c in bloc.criteria.all() if c.is_active), Decimal("0"))


@transaction.atomic
def assign_evaluator(user, bloc, year, evaluator):
    if not may_manage_blocs(user, bloc.ward):
        _refuse(_("Chỉ Khối Dân vận Đảng ủy phân công người chấm."))
    if evaluator.ward is None or evaluator.ward.pk != bloc.ward_id:
        raise ValidationError(_("Người chấm phải là cán bộ của phường."))
    assignment, created = EvaluatorAssignment.objects.get_or_create(
        bloc=bloc, year=year, evaluator=evaluator, defaults={"assigned_by": user}
    )
    if created:
        notify("models_khoe.evaluator_assigned", assignment, actor=user)
    return assignment


@transaction.atomic
def remove_evaluator(user, assignment):
    if not may_manage_blocs(user, assignment.bloc.ward):
        _refuse(_("Chỉ Khối Dân vận Đảng ủy phân công người chấm."))
    scored = Evaluation.objects.filter(
        evaluator=assignment.evaluator, model__bloc=assignment.bloc, model__year=assignment.year
    ).exists()
    if scored:
        raise ValidationError(_("%(who)s đã chấm điểm mô hình của khối này: không thể bỏ phân công.")
                              % {"who": assignment.evaluator})
    assignment.delete()
