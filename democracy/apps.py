from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    name = "democracy"
    verbose_name = _("Dân chủ ở cơ sở")

    def ready(self):
        """Register audit, menu entries and the area section here (see core/areas.py, core/navigation.py)."""
