from rest_framework import serializers

from core.access import CHANGE
from core.api import model_probe

from ..models import (
    Activity,
    ClassificationCriteria,
    CommunityGroup,
    GroupClassification,
    GroupMember,
    Household,
    InterFamilyGroup,
    SituationReport,
    ZaloGroup,
    household_key,
)


class WritableGroupField(serializers.PrimaryKeyRelatedField):
    """A community group the requesting user may change."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return CommunityGroup.objects.none()
        return CommunityGroup.objects.restrict(request.user, CHANGE)


class CommunityGroupSerializer(serializers.ModelSerializer):
    residential_group_name = serializers.CharField(source="residential_group.name", read_only=True)

    class Meta:
        model = CommunityGroup
        fields = ["id", "residential_group", "residential_group_name", "steering_committee", "name",
                  "established_on", "note"]


class GroupMemberSerializer(serializers.ModelSerializer):
    group = WritableGroupField()

    class Meta:
        model = GroupMember
        fields = ["id", "group", "full_name", "role", "phone", "order", "is_active"]


class InterFamilyGroupSerializer(serializers.ModelSerializer):
    group = WritableGroupField()

    class Meta:
        model = InterFamilyGroup
        fields = ["id", "group", "name", "leader_name", "leader_phone", "area", "order"]


class HouseholdSerializer(serializers.ModelSerializer):
    group = WritableGroupField()

    class Meta:
        model = Household
        fields = ["id", "group", "inter_family_group", "address", "head_name", "members_count", "zalo_joined"]

    def validate(self, attrs):
        obj = model_probe(self, attrs)
        if obj.group_id and obj.address and obj.head_name:
            same = Household.objects.filter(group_id=obj.group_id, dedup_key=household_key(obj.address,
                                                                                           obj.head_name))
            if self.instance is not None:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                raise serializers.ValidationError(
                    "Hộ gia đình này (cùng địa chỉ và chủ hộ) đã có trong danh sách.")
        return attrs


class ZaloGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = ZaloGroup
        fields = ["id", "inter_family_group", "name", "admin_name", "members_count", "created_on"]


class ActivitySerializer(serializers.ModelSerializer):
    group = WritableGroupField()

    class Meta:
        model = Activity
        fields = ["id", "group", "kind", "held_on", "title", "place", "topic", "participants", "households_count",
                  "reach", "content", "author", "created_at"]
        read_only_fields = ["author", "created_at"]

    def validate(self, attrs):
        obj = model_probe(self, attrs)
        if obj.kind == "green_sunday" and obj.group_id and obj.held_on:
            same = Activity.objects.filter(group_id=obj.group_id, kind="green_sunday", held_on=obj.held_on)
            if self.instance is not None:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                raise serializers.ValidationError({"held_on": "Tổ đã ghi nhận buổi Chủ nhật xanh ngày này."})
        attrs["topic"] = obj.topic
        return attrs


class SituationReportSerializer(serializers.ModelSerializer):
    group = WritableGroupField()

    class Meta:
        model = SituationReport
        fields = ["id", "group", "reported_on", "topic", "urgency", "title", "description", "place", "status",
                  "peoples_committee", "author", "created_at", "acknowledged_at", "acknowledged_by", "answer",
                  "answered_at", "answered_by", "religion_watch_report_id"]
        read_only_fields = ["status", "peoples_committee", "author", "created_at", "acknowledged_at",
                            "acknowledged_by", "answer", "answered_at", "answered_by", "religion_watch_report_id"]


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()


class ClassificationCriteriaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClassificationCriteria
        fields = ["id", "steering_committee", "year", "good_coverage", "good_regularity", "good_reports",
                  "good_activities", "fair_coverage", "fair_regularity", "fair_reports", "fair_activities",
                  "average_coverage", "average_regularity", "average_reports", "average_activities", "note"]

    def validate(self, attrs):
        model_probe(self, attrs)
        return attrs


class GroupClassificationSerializer(serializers.ModelSerializer):
    final_level = serializers.CharField(read_only=True)

    class Meta:
        model = GroupClassification
        fields = ["id", "group", "year", "computed_level", "figures", "computed_at", "override_level",
                  "override_reason", "decided_by", "final_level"]
        read_only_fields = ["group", "year", "computed_level", "figures", "computed_at", "decided_by"]

    def validate(self, attrs):
        level = attrs.get("override_level", getattr(self.instance, "override_level", ""))
        reason = attrs.get("override_reason", getattr(self.instance, "override_reason", ""))
        if level and not (reason or "").strip():
            raise serializers.ValidationError({"override_reason": "Điều chỉnh xếp loại phải ghi rõ lý do."})
        return attrs
