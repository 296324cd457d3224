from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import EvidenceFilesMixin, PeriodSerializer, limit_choices, run_model_clean, visible_people, visible_units

from ..models import (
    SENDER_FIELDS,
    CitizenReception,
    Disclosure,
    DisclosureRequirement,
    Petition,
    PetitionStep,
    Violation,
    legal_due_date,
)
from ..permissions import may_see_sender
from ..services import DisclosureStatus, disclosure_status, is_late, petition_is_overdue, required_days


class DisclosureRequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = DisclosureRequirement
        fields = ["id", "ward", "content_kind", "title", "frequency", "grace_days", "responsible_unit", "basis",
                  "order", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, ward=visible_units, responsible_unit=visible_units)


class DisclosureSerializer(EvidenceFilesMixin, serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    late = serializers.SerializerMethodField()
    required_days = serializers.SerializerMethodField()

    class Meta:
        model = Disclosure
        fields = ["id", "unit", "requirement", "content_kind", "title", "period_start", "period_end", "source_date",
                  "channel", "place", "posted_on", "posted_until", "is_permanent", "approver", "approved_on", "note",
                  "status", "late", "required_days", "created_at", "files"]
        read_only_fields = ["approver", "approved_on", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, unit=visible_units,
                      requirement=lambda user: DisclosureRequirement.objects.restrict(user))

    def get_status(self, disclosure) -> str:
        return disclosure_status(disclosure)

    def get_late(self, disclosure) -> bool:
        return is_late(disclosure)

    def get_required_days(self, disclosure) -> int | None:
        return required_days(disclosure)

    def validate(self, attrs):
        return run_model_clean(self, attrs, Disclosure)


class DisclosureApprovalSerializer(serializers.Serializer):
    approver = serializers.IntegerField(label=_("Người phê duyệt (mã cán bộ)"))
    approved_on = serializers.DateField(label=_("Ngày phê duyệt"))


STATUS_HELP = ", ".join(f"{key}: {label}" for key, label in DisclosureStatus.LABELS.items())


class CitizenReceptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CitizenReception
        fields = ["id", "unit", "held_on", "by_chairman", "receiver", "place", "citizens", "cases", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, unit=visible_units, receiver=visible_people)

    def validate(self, attrs):
        return run_model_clean(self, attrs, CitizenReception)


class PetitionSerializer(EvidenceFilesMixin, serializers.ModelSerializer):
    """A petition; the sender's fields are left out for users who may not see them (and may not be written)."""

    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = ["id", "received_on", "kind", "channel", "sender_name", "sender_address", "sender_phone", "subject",
                  "content", "about_unit", "about_cadre", "handling_unit", "due_on", "state", "answered_on", "result",
                  "cadre_feedback", "overdue", "created_at", "files"]
        read_only_fields = ["cadre_feedback", "created_at"]
        extra_kwargs = {"due_on": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, handling_unit=visible_units, about_unit=visible_units, about_cadre=visible_people)

    def _user(self):
        request = self.context.get("request")
        return request.user if request else None

    def get_overdue(self, petition) -> bool:
        return petition_is_overdue(petition)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not may_see_sender(self._user(), instance):
            for name in SENDER_FIELDS:
                data.pop(name, None)
        return data

    def validate(self, attrs):
        if self.instance is not None and not may_see_sender(self._user(), self.instance):
            touched = [name for name in SENDER_FIELDS if name in attrs]
            if touched:
                raise serializers.ValidationError(
                    {name: [_("Bạn không được xem hoặc sửa thông tin người gửi.")] for name in touched})
        received_on = attrs.get("received_on", getattr(self.instance, "received_on", None))
        kind = attrs.get("kind", getattr(self.instance, "kind", None))
        if self.instance is None and not attrs.get("due_on") and received_on and kind:
            attrs["due_on"] = legal_due_date(kind, received_on)
        return run_model_clean(self, attrs, Petition)


class PetitionStepSerializer(EvidenceFilesMixin, serializers.ModelSerializer):
    class Meta:
        model = PetitionStep
        fields = ["id", "petition", "taken_on", "action", "unit", "files"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, unit=visible_units, petition=lambda user: Petition.objects.restrict(user, "change"))

    def validate(self, attrs):
        return run_model_clean(self, attrs, PetitionStep)


class ViolationSerializer(EvidenceFilesMixin, serializers.ModelSerializer):
    class Meta:
        model = Violation
        fields = ["id", "unit", "person", "found_on", "source", "petition", "article", "description", "measure",
                  "remedied_on", "evaluation_year", "created_at", "files"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"evaluation_year": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self, unit=visible_units, person=visible_people,
                      petition=lambda user: Petition.objects.restrict(user))

    def validate(self, attrs):
        return run_model_clean(self, attrs, Violation)


class ChecklistPeriodSerializer(PeriodSerializer):
    due = serializers.DateField(allow_null=True)
    state = serializers.CharField()
    late = serializers.BooleanField()
    disclosures = serializers.SerializerMethodField()

    def get_disclosures(self, period) -> list[int]:
        return [d.pk for d in period.disclosures]


class ChecklistRowSerializer(serializers.Serializer):
    requirement = serializers.IntegerField(source="requirement.pk", allow_null=True)
    title = serializers.CharField(source="requirement.title")
    content_kind = serializers.CharField(source="requirement.content_kind")
    frequency = serializers.CharField(source="requirement.frequency")
    red = serializers.IntegerField()
    periods = ChecklistPeriodSerializer(many=True)


class MinimumSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    basis = serializers.CharField()
    required = serializers.IntegerField()
    held = serializers.IntegerField()
    state = serializers.CharField()
