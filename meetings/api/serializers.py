from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import EvidenceFilesMixin, PeriodSerializer, limit_choices, run_model_clean, visible_people, visible_units

from ..models import Conclusion, Meeting, MeetingRequirement, conclusion_status


class MeetingSerializer(EvidenceFilesMixin, serializers.ModelSerializer):
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "kind", "title", "organiser", "organiser_name", "status", "held_on", "starts_at", "ends_at",
                  "place", "chair", "chair_name", "dialogue_form", "dialogue_audience", "field",
                  "participating_units", "attendees", "other_attendees", "attendance", "minutes", "created_at", "files"]
        read_only_fields = ["created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, organiser=visible_units, participating_units=visible_units, chair=visible_people,
                      attendees=visible_people)

    def validate(self, attrs):
        return run_model_clean(self, attrs, Meeting)


class ConclusionSerializer(EvidenceFilesMixin, serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    responsible_unit_name = serializers.CharField(source="responsible_unit.name", read_only=True)

    class Meta:
        model = Conclusion
        fields = ["id", "meeting", "number", "text", "responsible_unit", "responsible_unit_name", "due_date", "state",
                  "done_on", "result", "status", "updated_at", "files"]
        read_only_fields = ["updated_at"]
        extra_kwargs = {
            "responsible_unit": {"error_messages": {
                "required": _("Hãy chọn đơn vị chịu trách nhiệm thực hiện kết luận."),
                "null": _("Hãy chọn đơn vị chịu trách nhiệm thực hiện kết luận."),
            }},
            "due_date": {"error_messages": {"required": _("Hãy nhập hạn hoàn thành.")}},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, responsible_unit=visible_units,
                      meeting=lambda user: Meeting.objects.restrict(user))

    def get_status(self, conclusion) -> str:
        return conclusion_status(conclusion)

    def validate(self, attrs):
        meeting = attrs.get("meeting")
        request = self.context.get("request")
        moved = meeting is not None and (self.instance is None or meeting.pk != self.instance.meeting_id)
        if moved and request is not None and not Meeting.objects.restrict(request.user, "change").filter(
                pk=meeting.pk).exists():
            raise serializers.ValidationError(
                {"meeting": _("Bạn chỉ được thêm kết luận cho cuộc họp do đơn vị mình tổ chức.")})
        return run_model_clean(self, attrs, Conclusion)


class MeetingRequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingRequirement
        fields = ["id", "ward", "title", "kind", "dialogue_audience", "frequency", "minimum",
                  "each_residential_group", "basis", "order", "is_active"]


class SchedulePeriodSerializer(PeriodSerializer):
    required = serializers.IntegerField()
    held = serializers.IntegerField()
    state = serializers.CharField()
    meetings = serializers.SerializerMethodField()

    def get_meetings(self, period) -> list[int]:
        return [m.pk for m in period.meetings]


class ScheduleRowSerializer(serializers.Serializer):
    requirement = serializers.CharField(source="requirement.title")
    kind = serializers.CharField(source="requirement.kind")
    frequency = serializers.CharField(source="requirement.frequency")
    unit = serializers.IntegerField(source="unit.pk", allow_null=True, default=None)
    unit_name = serializers.CharField(source="unit.name", allow_null=True, default=None)
    missing = serializers.IntegerField()
    periods = SchedulePeriodSerializer(many=True)
