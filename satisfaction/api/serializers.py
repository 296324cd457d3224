from rest_framework import serializers

from ..models import (
    Assessment,
    CorrectiveAction,
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    CriterionScore,
    Rating,
    ServiceDesk,
    StarLevel,
    SurveyCampaign,
)
from ..services import criteria as criteria_svc


class ServiceDeskSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceDesk
        fields = ["id", "ward", "unit", "name", "location", "public_code", "services", "on_duty", "is_active"]
        read_only_fields = ["ward", "public_code"]


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["id", "client_id", "desk", "unit", "officer", "service", "scale", "level", "satisfied", "reasons",
                  "comment", "channel", "rated_at", "rated_on", "received_at"]
        read_only_fields = fields


class CorrectiveActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CorrectiveAction
        fields = ["id", "ward", "unit", "head", "desk", "officer", "title", "period_start", "period_end",
                  "ratings_count", "index", "threshold", "status", "due_date", "measures", "result", "closed_on",
                  "created_at"]
        read_only_fields = ["ward", "unit", "desk", "officer", "title", "period_start", "period_end",
                            "ratings_count", "index", "threshold", "created_at"]

    def validate(self, attrs):
        status = attrs.get("status", getattr(self.instance, "status", None))
        result = attrs.get("result", getattr(self.instance, "result", ""))
        closed_on = attrs.get("closed_on", getattr(self.instance, "closed_on", None))
        if status == "closed" and (not (result or "").strip() or not closed_on):
            raise serializers.ValidationError({"result": "Khi đóng cần ghi ngày đóng và kết quả khắc phục."})
        return attrs


class SurveyCampaignSerializer(serializers.ModelSerializer):
    class Meta:
        model = SurveyCampaign
        fields = ["id", "ward", "unit", "title", "description", "starts_on", "ends_on", "is_open", "public_token"]
        read_only_fields = ["ward", "public_token"]

    def validate(self, attrs):
        starts = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        ends = attrs.get("ends_on", getattr(self.instance, "ends_on", None))
        if starts and ends and ends < starts:
            raise serializers.ValidationError({"ends_on": "Ngày kết thúc phải sau ngày bắt đầu."})
        return attrs


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "code", "name", "max_points", "evidence_required", "measure", "order"]


class CriteriaGroupSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = CriteriaGroup
        fields = ["id", "code", "name", "max_points", "is_bonus", "order", "criteria"]


class StarLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = StarLevel
        fields = ["stars", "min_score"]


class CriteriaSetSerializer(serializers.ModelSerializer):
    groups = CriteriaGroupSerializer(many=True, read_only=True)
    star_levels = StarLevelSerializer(many=True, read_only=True)

    class Meta:
        model = CriteriaSet
        fields = ["id", "ward", "name", "decision_number", "decision_date", "issuer", "is_example", "is_active",
                  "note", "groups", "star_levels"]


class CriterionScoreSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="criterion.code", read_only=True)
    final_score = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True)

    class Meta:
        model = CriterionScore
        fields = ["id", "criterion", "code", "self_score", "comment", "review", "reviewed_score", "review_reason",
                  "final_score", "measured_value", "gap_task"]


class AssessmentSerializer(serializers.ModelSerializer):
    scores = CriterionScoreSerializer(many=True, read_only=True)
    computed_total = serializers.SerializerMethodField()
    computed_stars = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = ["id", "ward", "unit", "criteria_set", "year", "quarter", "status", "reply", "total", "stars",
                  "computed_total", "computed_stars", "scores"]

    def get_computed_total(self, obj) -> float:
        return float(criteria_svc.compute(obj, list(obj.scores.all())).total)

    def get_computed_stars(self, obj) -> int:
        return criteria_svc.compute(obj, list(obj.scores.all())).stars
