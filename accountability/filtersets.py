import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import BoundedFilterSet, PortalFilterSet, UnitChoiceFilter, date_range

from .models import (
    CadreFeedback,
    CadreReview,
    FeedbackKind,
    FeedbackSource,
    FeedbackState,
    ReviewOutcome,
    SubmissionStatus,
    UnitPlanRound,
    UnitPlanSubmission,
)


def _visible_rounds(request):
    return UnitPlanRound.objects.restrict(request.user) if request else UnitPlanRound.objects.none()


def _visible_people(request):
    from organisations.models import Person

    return Person.objects.restrict(request.user) if request else Person.objects.none()


class UnitPlanRoundFilterSet(PortalFilterSet):
    year = django_filters.NumberFilter(label=_("Năm"), field_name="deadline", lookup_expr="year")

    class Meta:
        model = UnitPlanRound
        fields = ["q", "year"]


class UnitPlanSubmissionFilterSet(BoundedFilterSet):
    round = django_filters.ModelChoiceFilter(label=_("Đợt"), queryset=_visible_rounds)
    unit = UnitChoiceFilter(label=_("Đơn vị"))
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=SubmissionStatus.choices,
                                         method="filter_status")
    year = django_filters.NumberFilter(label=_("Năm"), field_name="round__deadline", lookup_expr="year")

    class Meta:
        model = UnitPlanSubmission
        fields = ["round", "unit", "status", "year"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status().filter(status_code=value) if value else queryset


class CadreFeedbackFilterSet(PortalFilterSet):
    unit = UnitChoiceFilter(label=_("Đơn vị"))
    cadre = django_filters.ModelChoiceFilter(label=_("Cán bộ"), queryset=_visible_people)
    source = django_filters.ChoiceFilter(label=_("Nguồn"), choices=FeedbackSource.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại phản ánh"), choices=FeedbackKind.choices)
    state = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=FeedbackState.choices)
    received_after, received_before = date_range("received_on")

    class Meta:
        model = CadreFeedback
        fields = ["q", "unit", "cadre", "source", "kind", "state", "received_after", "received_before"]


class CadreReviewFilterSet(BoundedFilterSet):
    unit = UnitChoiceFilter(label=_("Đơn vị"))
    cadre = django_filters.ModelChoiceFilter(label=_("Cán bộ"), queryset=_visible_people)
    outcome = django_filters.ChoiceFilter(label=_("Kết quả"), choices=ReviewOutcome.choices)
    held_after, held_before = date_range("held_on")
    # A number, not a choice list: a list would name every feedback record, in scope or not.
    feedback = django_filters.NumberFilter(label=_("Mã phản ánh"), field_name="feedback_id")

    class Meta:
        model = CadreReview
        fields = ["unit", "cadre", "outcome", "held_after", "held_before", "feedback"]
