from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import EvidenceFilesMixin, limit_choices, run_model_clean, visible_units
from core.models import Attachment

from ..models import CadreFeedback, CadreReview, UnitPlanRound, UnitPlanSubmission, submission_status


class UnitPlanRoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitPlanRound
        fields = ["id", "ward", "title", "task", "opened_on", "deadline", "note", "created_at"]
        read_only_fields = ["created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from plans.models import Task

        limit_choices(self, ward=visible_units, task=lambda user: Task.objects.restrict(user))

    def validate(self, attrs):
        return run_model_clean(self, attrs, UnitPlanRound)


class UnitPlanSubmissionSerializer(EvidenceFilesMixin, serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    deadline = serializers.DateField(source="round.deadline", read_only=True)

    class Meta:
        model = UnitPlanSubmission
        fields = ["id", "round", "unit", "unit_name", "deadline", "submitted_on", "document_code", "document_title",
                  "note", "status", "submitted_by", "reminded_at", "files"]
        read_only_fields = ["submitted_by", "reminded_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, unit=visible_units, round=lambda user: UnitPlanRound.objects.restrict(user))

    def get_status(self, submission) -> str:
        return submission_status(submission)

    def validate(self, attrs):
        submitted_on = attrs.get("submitted_on", getattr(self.instance, "submitted_on", None))
        has_file = bool(attrs.get("files")) or (
            self.instance is not None and Attachment.for_object(self.instance).exists())
        if submitted_on and not has_file:
            raise serializers.ValidationError({"files": [_("Hãy đính kèm tệp kế hoạch của đơn vị.")]})
        return run_model_clean(self, attrs, UnitPlanSubmission)


class CadreFeedbackSerializer(EvidenceFilesMixin, serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.full_name", read_only=True)

    class Meta:
        model = CadreFeedback
        fields = ["id", "cadre", "cadre_name", "unit", "received_on", "source", "source_reference", "kind", "summary",
                  "details", "state", "finding", "closed_on", "recorded_by", "created_at", "files"]
        read_only_fields = ["unit", "recorded_by", "created_at"]
        extra_kwargs = {"cadre": {"error_messages": {"required": _("Hãy chọn cán bộ được phản ánh.")}}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ..forms import _cadres_for

        limit_choices(self, cadre=_cadres_for)

    def validate(self, attrs):
        return run_model_clean(self, attrs, CadreFeedback)

    def update(self, instance, validated_data):
        if "cadre" in validated_data:
            instance.unit_id = validated_data["cadre"].unit_id
        return super().update(instance, validated_data)


class CadreReviewSerializer(EvidenceFilesMixin, serializers.ModelSerializer):
    class Meta:
        model = CadreReview
        fields = ["id", "feedback", "cadre", "unit", "held_on", "level", "chaired_by", "outcome", "conclusion",
                  "recorded_by", "created_at", "files"]
        read_only_fields = ["cadre", "unit", "recorded_by", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, feedback=lambda user: CadreFeedback.objects.restrict(user, "change"))

    def validate(self, attrs):
        return run_model_clean(self, attrs, CadreReview)
