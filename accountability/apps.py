from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "accountability"
    verbose_name = _("Trách nhiệm người đứng đầu")

    def ready(self):
        """Register audit, menu entries and the area section here (see core/areas.py, core/navigation.py)."""
