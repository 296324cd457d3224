from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import ScopedModelViewSet, ScopedReadOnlyViewSet

from ..models import (
    CriteriaGroup,
    CriterionScore,
)
from ..services import forget_desk, summarise
from ..services import surveys as survey_svc
from .serializers import (
    AssessmentSerializer,
    CorrectiveActionSerializer,
    CriteriaSetSerializer,
    RatingSerializer,
    ServiceDeskSerializer,
    SurveyCampaignSerializer,
)


class ServiceDeskViewSet(ScopedModelViewSet):
    serializer_class = ServiceDeskSerializer
    select_related = ("unit",)
    prefetch_related = ("services",)

    def after_save(self, instance):
        forget_desk(instance)


class RatingViewSet(ScopedReadOnlyViewSet):
    serializer_class = RatingSerializer
    prefetch_related = ("reasons",)

    @extend_schema(summary=_("Chỉ số hài lòng và tỷ lệ từng mức của các lượt đánh giá đã lọc"))
    @action(detail=False)
    def summary(self, request):
        summary = summarise(self.filter_queryset(self.get_queryset()))
        return Response({
            "total": summary.total,
            "index": summary.index,
            "shares": [{"level": s.level, "label": s.label, "count": s.count, "share": s.share}
                       for s in summary.shares],
        })


class CorrectiveActionViewSet(ScopedModelViewSet):
    serializer_class = CorrectiveActionSerializer
    http_method_names = ["get", "put", "patch", "head", "options"]  # opened by the threshold check only


class SurveyCampaignViewSet(ScopedModelViewSet):
    serializer_class = SurveyCampaignSerializer

    @action(detail=True)
    def results(self, request, pk=None):
        result = survey_svc.campaign_results(self.get_object())
        return Response({
            "responses": result.responses,
            "index": result.index,
            "previous_campaign": result.previous.pk if result.previous else None,
            "previous_index": result.previous_index,
            "dimensions": [{"name": d.name, "answers": d.count, "mean": d.mean, "index": d.index,
                            "previous_index": d.previous_index,
                            "questions": [{"id": q.question.pk, "text": q.question.text, "answers": q.count,
                                           "mean": q.mean, "index": q.index, "distribution": q.distribution}
                                          for q in d.questions]}
                           for d in result.dimensions],
        })


class CriteriaSetViewSet(ScopedReadOnlyViewSet):
    serializer_class = CriteriaSetSerializer
    prefetch_related = (Prefetch("groups", queryset=CriteriaGroup.objects.prefetch_related("criteria")),
                        "star_levels")


class AssessmentViewSet(ScopedReadOnlyViewSet):
    serializer_class = AssessmentSerializer
    select_related = ("criteria_set",)
    prefetch_related = (Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion__group")),
                        "criteria_set__star_levels")
