from rest_framework import serializers

from ..models import Person, Unit


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "parent", "kind", "steering_area", "code", "name", "short_name", "aliases", "order",
                  "is_active", "depth", "ward"]
        read_only_fields = ["depth", "ward"]


class PersonSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "unit", "unit_name", "full_name", "position", "is_unit_head", "is_standing_member", "phone",
                  "email", "is_active"]
