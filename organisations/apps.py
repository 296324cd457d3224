from django.utils.translation import gettext_lazy as _

from core.apps import AreaConfig
from core.navigation import MenuItem


class OrganisationsConfig(AreaConfig):
    verbose_name = _("Tổ chức, đơn vị")
    menu = (
        MenuItem("units", _("Đơn vị"), "organisations:unit_list", order=80),
        MenuItem("people", _("Cán bộ"), "organisations:person_list", order=81),
    )

    def ready(self):
        from auditlog.registry import auditlog

        from .models import User

        auditlog.register(User, include_fields=["username", "first_name", "last_name", "email", "unit", "role",
                                                 "is_active", "is_staff", "is_superuser"])
        super().ready()
