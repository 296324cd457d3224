from rest_framework import serializers

from ..models import (
    Activity,
    Appraisal,
    Bloc,
    Criterion,
    Decision,
    Evaluation,
    EvaluatorAssignment,
    Indicator,
    IndicatorValue,
    MobilizationModel,
    Publicity,
    Recognition,
    RegistrationVersion,
    Replication,
)
from ..services import INDICATOR_FIELDS, evaluation_summary


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object the requesting user may see: anything else is "does not exist", as a 404 would say."""

    def __init__(self, model, **kwargs):
        self.model = model
        kwargs.setdefault("queryset", model.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.model.objects.none()
        return self.model.objects.restrict(request.user)


class UnitField(ScopedRelatedField):
    def __init__(self, **kwargs):
        from organisations.models import Unit

        super().__init__(Unit, **kwargs)


class KheoBlocSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bloc
        fields = ["id", "ward", "name", "description", "order", "min_evaluators", "is_active"]
        read_only_fields = ["ward"]


class KheoCriterionSerializer(serializers.ModelSerializer):
    bloc = ScopedRelatedField(Bloc)

    class Meta:
        model = Criterion
        fields = ["id", "bloc", "name", "guidance", "max_points", "order", "is_active"]


class KheoEvaluatorAssignmentSerializer(serializers.ModelSerializer):
    bloc = ScopedRelatedField(Bloc)
    evaluator_name = serializers.CharField(source="evaluator.__str__", read_only=True)

    class Meta:
        model = EvaluatorAssignment
        fields = ["id", "bloc", "year", "evaluator", "evaluator_name", "assigned_at"]
        read_only_fields = ["assigned_at"]
        validators = []  # the service says "already assigned" in Vietnamese (get_or_create)


class KheoIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", *INDICATOR_FIELDS]


class KheoEvaluationSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    required = serializers.IntegerField()
    average = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    is_ranked = serializers.BooleanField()


class KheoMobilizationModelSerializer(serializers.ModelSerializer):
    """A registration with its indicators. Creating registers it; updating revises it (a new version)."""

    unit = UnitField()
    person = serializers.SerializerMethodField()
    bloc = ScopedRelatedField(Bloc)
    indicators = KheoIndicatorSerializer(many=True)
    evaluation = serializers.SerializerMethodField()

    class Meta:
        model = MobilizationModel
        fields = ["id", "ward", "year", "kind", "unit", "person", "responsible_name", "responsible_position", "name",
                  "field", "bloc", "situation", "objectives", "content_methods", "scope_beneficiaries", "lead_force",
                  "coordinating_forces", "participating_forces", "resources", "starts_on", "milestones",
                  "evaluation_on", "outputs", "sustainability", "indicators", "status", "version", "registered_on",
                  "approved_on", "task", "evaluation"]
        read_only_fields = ["ward", "status", "version", "registered_on", "approved_on", "task"]
        validators = []  # repeated names are refused by the service with the reason

    def get_person(self, model) -> int | None:
        return model.person_id

    def get_evaluation(self, model) -> KheoEvaluationSummarySerializer:
        return KheoEvaluationSummarySerializer(evaluation_summary(model)).data


class KheoAppraisalInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    comments = serializers.CharField(required=False, allow_blank=True, default="")


class KheoAppraisalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appraisal
        fields = ["id", "model", "version", "decision", "comments", "appraiser", "decided_at"]
        read_only_fields = fields


class KheoRegistrationVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegistrationVersion
        fields = ["id", "model", "number", "content", "created_by", "created_at"]
        read_only_fields = fields


class KheoIndicatorValueSerializer(serializers.ModelSerializer):
    indicator = ScopedRelatedField(Indicator)

    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator", "measured_on", "value", "note", "recorded_by", "created_at"]
        read_only_fields = ["recorded_by", "created_at"]


class KheoActivitySerializer(serializers.ModelSerializer):
    model = ScopedRelatedField(MobilizationModel)

    class Meta:
        model = Activity
        fields = ["id", "model", "held_on", "title", "description", "participants", "recorded_by", "created_at"]
        read_only_fields = ["recorded_by", "created_at"]


class KheoPublicitySerializer(serializers.ModelSerializer):
    model = ScopedRelatedField(MobilizationModel)

    class Meta:
        model = Publicity
        fields = ["id", "model", "channel", "published_on", "title", "link", "reach", "recorded_by", "created_at"]
        read_only_fields = ["recorded_by", "created_at"]


class KheoScoreInputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    points = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0)


class KheoEvaluationSerializer(serializers.ModelSerializer):
    """An evaluator's score sheet. The note is shown to its author only."""

    model = ScopedRelatedField(MobilizationModel)
    scores = KheoScoreInputSerializer(many=True, write_only=True)
    points = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = ["id", "model", "evaluator", "total", "note", "scores", "points", "scored_at"]
        read_only_fields = ["evaluator", "total", "scored_at"]
        validators = []

    def get_points(self, evaluation) -> dict[str, str]:
        return {str(s.criterion_id): str(s.points) for s in evaluation.scores.all()}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or request.user.pk != instance.evaluator_id:
            data.pop("note", None)
        return data


class KheoRecognitionSerializer(serializers.ModelSerializer):
    model = ScopedRelatedField(MobilizationModel)
    year = serializers.IntegerField(source="round.year", read_only=True)
    certificate_code = serializers.CharField(read_only=True)

    class Meta:
        model = Recognition
        fields = ["id", "model", "year", "round", "achievement", "proposed_to_city", "average_score", "rank",
                  "certificate_number", "certificate_code", "recognised_at"]
        read_only_fields = ["round", "average_score", "rank", "certificate_number", "recognised_at"]


class KheoReplicationSerializer(serializers.ModelSerializer):
    model = ScopedRelatedField(MobilizationModel)
    adopting_unit = UnitField()

    class Meta:
        model = Replication
        fields = ["id", "model", "adopting_unit", "started_on", "results", "beneficiaries", "recorded_by",
                  "created_at"]
        read_only_fields = ["recorded_by", "created_at"]
        validators = []
