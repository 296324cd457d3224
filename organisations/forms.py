from core.forms import ScopedModelForm

from .models import DocumentSettings, Person


class PersonForm(ScopedModelForm):
    unit_fields = ("unit",)

    class Meta:
        model = Person
        fields = ["unit", "full_name", "position", "is_unit_head", "is_standing_member", "phone", "email", "is_active"]


class DocumentSettingsForm(ScopedModelForm):
    """The header and signer of the ward's Party documents; an empty field shows, and prints, today's value."""

    class Meta:
        model = DocumentSettings
        fields = ["superior", "issuer", "place", "signer_name", "signer_title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from core.documents import default_header

        defaults = default_header(self.instance.ward)
        for name, field in self.fields.items():
            if defaults.get(name):
                field.widget.attrs["placeholder"] = defaults[name]
