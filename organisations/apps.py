from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Tổ chức, đơn vị")

    def ready(self):
        from auditlog.registry import auditlog

        from core.navigation import MenuItem, register

        from .models import User

        auditlog.register(User, include_fields=["username", "first_name", "last_name", "email", "unit", "role",
                                                 "is_active", "is_staff", "is_superuser"])
        register(MenuItem("units", _("Đơn vị"), "organisations:unit_list", order=80))
        register(MenuItem("people", _("Cán bộ"), "organisations:person_list", order=81))
