"""Year-end scoring by the assigned evaluators and the ranking inside each bloc."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core import periods
from core.notifications import notify
from core.numbers import number as plain_number

from ..models import (
    SCORING_STATUSES,
    Bloc,
    CriterionScore,
    Evaluation,
    EvaluatorAssignment,
    Field,
    IndicatorValue,
    MobilizationModel,
    Status,
)
from ..permissions import (
    is_assigned_evaluator,
)
from .common import TWO_PLACES, _refuse
from .progress import indicator_results, targets_met

# --- Year-end evaluation and ranking ------------------------------------------------------------------

def _average(totals):
    if not totals:
        return None
    return (sum(totals, Decimal("0")) / len(totals)).quantize(TWO_PLACES, ROUND_HALF_UP)


@transaction.atomic
def record_score(user, model, points, note=""):
    """An evaluator scores a model criterion by criterion; their note stays private to them."""
    model = MobilizationModel.objects.select_for_update().select_related("bloc", "unit").get(pk=model.pk)
    if not is_assigned_evaluator(user, model):
        _refuse(_("Bạn không được phân công chấm khối “%(bloc)s” năm %(year)s.")
                % {"bloc": model.bloc, "year": model.year})
    if user.unit_id == model.unit_id and not user.is_admin:
        _refuse(_("Người chấm không chấm mô hình của chính đơn vị mình."))
    if model.status not in SCORING_STATUSES:
        raise ValidationError(_("Chỉ chấm mô hình đang thực hiện hoặc đang đánh giá (tình trạng hiện tại: "
                                "%(status)s).") % {"status": model.get_status_display()})
    criteria = list(model.bloc.criteria.filter(is_active=True).order_by("order", "pk"))
    if not criteria:
        raise ValidationError(_("Khối “%(bloc)s” chưa có tiêu chí chấm điểm.") % {"bloc": model.bloc})
    errors = []
    cleaned = {}
    for criterion in criteria:
        raw = points.get(criterion.pk, points.get(str(criterion.pk)))
        if raw in (None, ""):
            errors.append(_("Chưa chấm tiêu chí “%(name)s”.") % {"name": criterion.name})
            continue
        value = Decimal(str(raw))
        if value < 0 or value > criterion.max_points:
            errors.append(_("Điểm tiêu chí “%(name)s” phải từ 0 đến %(max)s.")
                          % {"name": criterion.name, "max": plain_number(criterion.max_points)})
            continue
        cleaned[criterion.pk] = value
    if errors:
        raise ValidationError(errors)
    evaluation, _created = Evaluation.objects.get_or_create(model=model, evaluator=user)
    evaluation.scores.all().delete()
    CriterionScore.objects.bulk_create([
        CriterionScore(evaluation=evaluation, criterion_id=pk, points=value) for pk, value in cleaned.items()
    ])
    evaluation.total = sum(cleaned.values(), Decimal("0"))
    evaluation.note = note or ""
    evaluation.save()
    refresh_evaluation_status(model)
    return evaluation


def refresh_evaluation_status(model):
    """In progress → evaluated once the bloc's minimum number of evaluators have scored the model."""
    count = model.evaluations.count()
    if model.status == Status.IN_PROGRESS and count >= model.bloc.min_evaluators:
        model.status = Status.EVALUATED
        model.save(update_fields=["status", "search_text"])
    return model


@dataclass
class EvaluationSummary:
    count: int
    required: int
    average: Decimal | None

    @property
    def is_ranked(self):
        return self.count >= self.required and self.average is not None


def evaluation_summary(model):
    totals = [evaluation.total for evaluation in model.evaluations.all()]  # uses a prefetch when there is one
    return EvaluationSummary(len(totals), model.bloc.min_evaluators, _average(totals))


@dataclass
class RankedEntry:
    model: MobilizationModel
    average: Decimal | None
    evaluations: int
    required: int
    targets_met: bool
    rank: int | None = None
    tied: bool = False

    @property
    def is_ranked(self):
        return self.average is not None and self.evaluations >= self.required


def rank_entries(entries):
    """Rank within a group: higher average first; at the same average, a model that met all its targets comes
    before one that missed any (quality first). Equal average and equal target result share a rank (1, 1, 3).
    Models with fewer than the minimum number of evaluators are listed after, without a rank."""
    ranked = sorted((e for e in entries if e.is_ranked),
                    key=lambda e: (-e.average, not e.targets_met, e.model.name.casefold()))
    previous_key, rank = None, 0
    for position, entry in enumerate(ranked, start=1):
        key = (entry.average, entry.targets_met)
        if key != previous_key:
            rank, previous_key = position, key
        entry.rank = rank
    counts = {}
    for entry in ranked:
        counts[entry.rank] = counts.get(entry.rank, 0) + 1
    for entry in ranked:
        entry.tied = counts[entry.rank] > 1
    unranked = sorted((e for e in entries if not e.is_ranked), key=lambda e: e.model.name.casefold())
    for entry in unranked:
        entry.rank, entry.tied = None, False
    return ranked + unranked


@dataclass
class RankingGroup:
    bloc: Bloc
    field: str
    entries: list = dataclass_field(default_factory=list)

    @property
    def field_label(self):
        return Field(self.field).label


RANKED_STATUSES = (Status.IN_PROGRESS, Status.EVALUATED, Status.RECOGNISED, Status.REPLICATED)


def ranking(models):
    """Rank a queryset of models (already restricted to the user) within each bloc and field.

    A handful of queries whatever the number of models: models, evaluations' totals, indicators, values.
    """
    models = list(models.filter(status__in=RANKED_STATUSES).select_related("bloc", "unit")
                  .prefetch_related("indicators"))
    ids = [m.pk for m in models]
    totals = {}
    for model_id, total in Evaluation.objects.filter(model_id__in=ids).values_list("model_id", "total"):
        totals.setdefault(model_id, []).append(total)
    latest = {}
    for value in IndicatorValue.objects.filter(indicator__model_id__in=ids).order_by("measured_on", "created_at"):
        latest[value.indicator_id] = value
    groups = {}
    for model in models:
        results = indicator_results(model, list(model.indicators.all()), latest)
        entry = RankedEntry(model, _average(totals.get(model.pk, [])), len(totals.get(model.pk, [])),
                            model.bloc.min_evaluators, targets_met(results))
        groups.setdefault((model.bloc, model.field), []).append(entry)
    field_order = list(Field.values)
    result = []
    for (bloc, field_value), entries in sorted(
        groups.items(), key=lambda item: (item[0][0].order, item[0][0].name, field_order.index(item[0][1]))
    ):
        result.append(RankingGroup(bloc, field_value, rank_entries(entries)))
    return result


def entry_for(model):
    """The model's place in its group's ranking."""
    group_models = MobilizationModel.objects.filter(ward=model.ward, year=model.year, bloc=model.bloc,
                                                    field=model.field)
    for group in ranking(group_models):
        for entry in group.entries:
            if entry.model.pk == model.pk:
                return entry
    return None


def todo_for(user, year=None):
    """What the evaluator still has to score: models of their blocs and years, not yet scored by them."""
    assignments = EvaluatorAssignment.objects.filter(evaluator=user)
    if year:
        assignments = assignments.filter(year=year)
    condition = Q()
    for bloc_id, assigned_year in assignments.values_list("bloc_id", "year"):
        condition |= Q(bloc_id=bloc_id, year=assigned_year)
    if not condition:
        return MobilizationModel.objects.none()
    queryset = (MobilizationModel.objects.filter(condition, status__in=SCORING_STATUSES)
                .exclude(evaluations__evaluator=user)
                .select_related("bloc", "unit")
                .order_by("year", "bloc__order", "field", "name"))
    if user.unit_id:
        queryset = queryset.exclude(unit_id=user.unit_id)
    return queryset


def remind_evaluators(on=None):
    """Remind every evaluator of what they still have to score, once a week (the dedup key holds the week)."""
    from django.contrib.auth import get_user_model

    on = on or periods.today()
    sent = 0
    evaluators = get_user_model().objects.filter(kheo_assignments__isnull=False, is_active=True).distinct()
    for evaluator in evaluators:
        pending = todo_for(evaluator).count()
        if not pending:
            continue
        sent += len(notify("models_khoe.evaluator_reminder", evaluator, pending=pending, on=on))
    return sent
