from core.forms import ScopedModelForm

from .models import Person


class PersonForm(ScopedModelForm):
    unit_fields = ("unit",)

    class Meta:
        model = Person
        fields = ["unit", "full_name", "position", "is_unit_head", "is_standing_member", "phone", "email", "is_active"]
