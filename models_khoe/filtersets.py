"""One FilterSet per model, used by the browser lists and the API lists alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import PortalFilterSet, UnitChoiceFilter, date_range

from .models import (
    Activity,
    Appraisal,
    Bloc,
    Channel,
    Criterion,
    Evaluation,
    EvaluatorAssignment,
    Field,
    Indicator,
    IndicatorValue,
    Kind,
    MobilizationModel,
    Publicity,
    Recognition,
    RegistrationVersion,
    Replication,
    Status,
)


def _visible_blocs(request):
    return Bloc.objects.restrict(request.user) if request else Bloc.objects.none()


class ModelRecordFilterSet(PortalFilterSet):
    """The records of one model or exemplar (its indicators, activities, publicity …): ``model`` is the model's id."""

    model = django_filters.NumberFilter(label=_("Mã mô hình"), field_name="model_id")


class MobilizationModelFilterSet(PortalFilterSet):
    year = django_filters.NumberFilter(label=_("Năm"))
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=Kind.choices)
    field = django_filters.ChoiceFilter(label=_("Lĩnh vực"), choices=Field.choices)
    bloc = django_filters.ModelChoiceFilter(label=_("Khối thi đua"), queryset=_visible_blocs)
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=Status.choices)
    unit = UnitChoiceFilter(label=_("Đơn vị"))

    class Meta:
        model = MobilizationModel
        fields = ["q", "year", "kind", "field", "bloc", "status", "unit"]


class BlocFilterSet(PortalFilterSet):
    search_fields = ("name",)

    class Meta:
        model = Bloc
        fields = ["q", "is_active"]


class CriterionFilterSet(PortalFilterSet):
    search_fields = ("name",)
    bloc = django_filters.NumberFilter(label=_("Mã khối"), field_name="bloc_id")

    class Meta:
        model = Criterion
        fields = ["q", "bloc", "is_active"]


class EvaluatorAssignmentFilterSet(PortalFilterSet):
    search_fields = ("evaluator__username",)
    bloc = django_filters.NumberFilter(label=_("Mã khối"), field_name="bloc_id")
    evaluator = django_filters.NumberFilter(label=_("Mã người chấm"), field_name="evaluator_id")

    class Meta:
        model = EvaluatorAssignment
        fields = ["q", "bloc", "year", "evaluator"]


class IndicatorFilterSet(ModelRecordFilterSet):
    search_fields = ("name",)

    class Meta:
        model = Indicator
        fields = ["q", "model"]


class IndicatorValueFilterSet(PortalFilterSet):
    search_fields = ("note",)
    model = django_filters.NumberFilter(label=_("Mã mô hình"), field_name="indicator__model_id")
    measured_after, measured_before = date_range("measured_on")
    indicator = django_filters.NumberFilter(label=_("Mã chỉ tiêu"), field_name="indicator_id")

    class Meta:
        model = IndicatorValue
        fields = ["q", "indicator", "model", "measured_after", "measured_before"]


class ActivityFilterSet(ModelRecordFilterSet):
    search_fields = ("title",)
    held_after, held_before = date_range("held_on")

    class Meta:
        model = Activity
        fields = ["q", "model", "held_after", "held_before"]


class PublicityFilterSet(ModelRecordFilterSet):
    search_fields = ("title",)
    channel = django_filters.ChoiceFilter(label=_("Hình thức"), choices=Channel.choices)

    class Meta:
        model = Publicity
        fields = ["q", "model", "channel"]


class RegistrationVersionFilterSet(ModelRecordFilterSet):
    search_fields = ("model__name",)

    class Meta:
        model = RegistrationVersion
        fields = ["q", "model"]


class AppraisalFilterSet(ModelRecordFilterSet):
    search_fields = ("comments",)

    class Meta:
        model = Appraisal
        fields = ["q", "model", "decision"]


class EvaluationFilterSet(ModelRecordFilterSet):
    search_fields = ("model__name",)

    class Meta:
        model = Evaluation
        fields = ["q", "model"]


class RecognitionFilterSet(PortalFilterSet):
    search_fields = ("achievement",)
    year = django_filters.NumberFilter(label=_("Năm"), field_name="round__year")

    class Meta:
        model = Recognition
        fields = ["q", "year", "proposed_to_city"]


class ReplicationFilterSet(ModelRecordFilterSet):
    search_fields = ("results",)
    adopting_unit = UnitChoiceFilter(label=_("Đơn vị nhân rộng"))

    class Meta:
        model = Replication
        fields = ["q", "model", "adopting_unit"]


def _public_wards(request):
    """Wards that have recognised models: public knowledge, they are on the page anyway."""
    from organisations.models import Unit

    from .models import RECOGNISED_STATUSES

    ids = MobilizationModel.objects.filter(status__in=RECOGNISED_STATUSES).values("ward_id")
    return Unit.objects.filter(pk__in=ids).order_by("name")


class PublicModelFilterSet(PortalFilterSet):
    """The public page's filters: nothing that needs a login (no unit lists of a ward)."""

    ward = django_filters.ModelChoiceFilter(label=_("Phường"), queryset=_public_wards)
    year = django_filters.NumberFilter(label=_("Năm"))
    field = django_filters.ChoiceFilter(label=_("Lĩnh vực"), choices=Field.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=Kind.choices)

    class Meta:
        model = MobilizationModel
        fields = ["q", "ward", "year", "field", "kind"]
