from auditlog.models import LogEntry
from rest_framework import serializers

from core.api import model_probe

from ..models import (
    CertificateStatus,
    CertificateStep,
    ConstructionWork,
    Establishment,
    HeadChange,
    Inspection,
    InvitationStatus,
    KeyPerson,
    MonkInvitationRequest,
    ReligiousEvent,
    RetentionSetting,
    RiskLevel,
    WatchFollowUp,
    WatchReport,
)
from ..services import head_change_flag, permit_warning, work_stage


class WardRecordSerializer(serializers.ModelSerializer):
    """The ward comes from the establishment, the residential group or the user; the model's rules apply."""

    ward = serializers.PrimaryKeyRelatedField(read_only=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        request = self.context.get("request")
        probe = model_probe(self, attrs, constraints=True,
                            prepare=lambda probe: probe.assign_ward(request.user if request else None))
        attrs["ward"] = probe.ward
        has_group = "residential_group" in [f.name for f in self.Meta.model._meta.fields]
        if has_group and probe.residential_group_id and "residential_group" not in attrs:
            attrs["residential_group"] = probe.residential_group
        return attrs


class EstablishmentSerializer(WardRecordSerializer):
    head_flag = serializers.SerializerMethodField()

    class Meta:
        model = Establishment
        fields = ["id", "ward", "kind", "religion", "religious_organisation", "name", "address", "residential_group",
                  "person_in_charge", "head_title", "land_area", "certificate_status", "certificate_number",
                  "certificate_issued_on", "heritage_rank", "heritage_decision", "is_active", "notes", "head_flag",
                  "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def get_head_flag(self, establishment) -> bool:
        return head_change_flag(establishment)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and not isinstance(self.instance, (list, tuple)) and hasattr(self.instance, "pk"):
            # After creation, the head and the certificate change only through their actions (recorded, flagged).
            for name in ("person_in_charge", "head_title", "certificate_status", "certificate_number",
                         "certificate_issued_on"):
                self.fields[name].read_only = True


class CertificateStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = CertificateStep
        fields = ["id", "establishment", "recorded_on", "previous_status", "status", "note", "recorded_by",
                  "created_at"]
        read_only_fields = fields


class CertificateChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CertificateStatus.choices)
    recorded_on = serializers.DateField(required=False)
    certificate_number = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class HeadChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = HeadChange
        fields = ["id", "establishment", "previous_head", "new_head", "head_title", "changed_on", "invitation", "note",
                  "flag_resolved_on", "resolution_note", "recorded_by", "created_at"]
        read_only_fields = fields


class HeadChangeInputSerializer(serializers.Serializer):
    new_head = serializers.CharField(max_length=255)
    head_title = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    changed_on = serializers.DateField()
    invitation = serializers.PrimaryKeyRelatedField(queryset=MonkInvitationRequest.objects.all(), required=False,
                                                    allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ResolveFlagSerializer(serializers.Serializer):
    note = serializers.CharField()


class InvitationSerializer(WardRecordSerializer):
    class Meta:
        model = MonkInvitationRequest
        fields = ["id", "ward", "establishment", "monk_name", "monk_origin", "proposed_role", "requested_by",
                  "submitted_on", "reason", "status", "review_note", "review_started_on", "decided_on",
                  "decision_number", "decided_by", "created_at", "updated_at"]
        read_only_fields = ["status", "review_note", "review_started_on", "decided_on", "decision_number",
                            "decided_by", "created_at", "updated_at"]


class InvitationTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=InvitationStatus.choices)
    on = serializers.DateField(required=False)
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class WorkSerializer(WardRecordSerializer):
    stage = serializers.SerializerMethodField()
    permit_warning = serializers.SerializerMethodField()

    class Meta:
        model = ConstructionWork
        fields = ["id", "ward", "establishment", "residential_group", "title", "work_kind", "description", "location",
                  "investor", "permit_state", "permit_number", "permit_issued_on", "planned_start", "planned_end",
                  "started_on", "finished_on", "stage", "permit_warning", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def get_stage(self, work) -> str:
        return work_stage(work)

    def get_permit_warning(self, work) -> str:
        return permit_warning(work)


class InspectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Inspection
        fields = ["id", "work", "inspected_on", "inspectors", "result", "findings", "measures", "fix_due_on",
                  "recorded_by"]
        read_only_fields = ["recorded_by"]


class EventSerializer(WardRecordSerializer):
    class Meta:
        model = ReligiousEvent
        fields = ["id", "ward", "establishment", "residential_group", "name", "event_kind", "starts_on", "ends_on",
                  "location", "organiser", "expected_attendance", "registration", "registered_on", "outcome",
                  "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class WatchReportSerializer(WardRecordSerializer):
    class Meta:
        model = WatchReport
        fields = ["id", "ward", "residential_group", "location", "observed_on", "activity_kind", "description",
                  "estimated_size", "source_kind", "source_detail", "source_content_type", "source_object_id",
                  "initial_risk_level", "risk_level", "measures", "status", "closed_on", "outcome", "anonymised_at",
                  "reported_by", "created_at", "updated_at"]
        read_only_fields = ["initial_risk_level", "status", "closed_on", "outcome", "anonymised_at", "reported_by",
                            "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and hasattr(self.instance, "pk"):
            # Reassessed through follow-ups, which keep the risk's history.
            self.fields["risk_level"].read_only = True


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = WatchFollowUp
        fields = ["id", "report", "followed_on", "action_taken", "risk_level", "closes_report", "recorded_by",
                  "created_at"]
        read_only_fields = fields


class FollowUpInputSerializer(serializers.Serializer):
    followed_on = serializers.DateField()
    action_taken = serializers.CharField()
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices, required=False, allow_blank=True, default="")
    close = serializers.BooleanField(required=False, default=False)
    outcome = serializers.CharField(required=False, allow_blank=True, default="")


class KeyPersonSerializer(WardRecordSerializer):
    class Meta:
        model = KeyPerson
        fields = ["id", "ward", "full_name", "title", "religion", "religious_role", "establishment",
                  "residential_group", "phone", "contact_note", "liaison_unit", "liaison_officer", "helps_with",
                  "is_active", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class RetentionSettingSerializer(WardRecordSerializer):
    class Meta:
        model = RetentionSetting
        fields = ["id", "ward", "watch_report_retention_days", "updated_by", "updated_at"]
        read_only_fields = ["updated_by", "updated_at"]


class RiskOverviewRowSerializer(serializers.Serializer):
    residential_group = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    low = serializers.IntegerField()
    medium = serializers.IntegerField()
    high = serializers.IntegerField()
    total = serializers.IntegerField()
    hot_spot = serializers.BooleanField()


class AccessLogSerializer(serializers.ModelSerializer):
    actor_name = serializers.SerializerMethodField()
    record_type = serializers.CharField(source="content_type.model", read_only=True)
    action_name = serializers.SerializerMethodField()

    class Meta:
        model = LogEntry
        fields = ["id", "timestamp", "actor", "actor_name", "action", "action_name", "record_type", "object_id",
                  "object_repr", "remote_addr", "additional_data"]
        read_only_fields = fields

    def get_actor_name(self, entry) -> str:
        return str(entry.actor) if entry.actor else ""

    def get_action_name(self, entry) -> str:
        return {0: "create", 1: "update", 2: "delete", 3: "access"}.get(entry.action, "")
