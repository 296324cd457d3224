from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import run_model_clean

from ..models import Conclusion, Meeting, MeetingRequirement
from ..services import conclusion_status


class EvidenceFilesMixin(serializers.Serializer):
    """Optional evidence files on a multipart write, checked by the portal's one upload validator.

    Saved as core Attachments inside the viewset's transaction, so a refused file writes nothing.
    """

    files = serializers.ListField(child=serializers.FileField(), write_only=True, required=False,
                                  label=_("Tệp minh chứng"))

    def validate_files(self, files):
        from core.validators import validate_upload

        for uploaded in files:
            try:
                validate_upload(uploaded)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return files

    def _attach(self, instance, files):
        from core.models import Attachment

        request = self.context.get("request")
        for uploaded in files:
            Attachment.attach(instance, uploaded, user=request.user if request else None)

    def create(self, validated_data):
        files = validated_data.pop("files", [])
        instance = super().create(validated_data)
        self._attach(instance, files)
        return instance

    def update(self, instance, validated_data):
        files = validated_data.pop("files", [])
        instance = super().update(instance, validated_data)
        self._attach(instance, files)
        return instance


def limit_choices(serializer, **querysets):
    """Related choices limited to what the requesting user may see: no linking to another ward's rows."""
    request = serializer.context.get("request")
    if request is None or not request.user.is_authenticated:  # the schema generator's anonymous request
        return
    for name, make in querysets.items():
        field = serializer.fields.get(name)
        if field is None or field.read_only:
            continue
        target = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
        target.queryset = make(request.user)


def visible_units(user):
    from organisations.models import Unit

    return Unit.objects.restrict(user)


def visible_people(user):
    from organisations.models import Person

    return Person.objects.restrict(user)


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


class SchedulePeriodSerializer(serializers.Serializer):
    label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
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
