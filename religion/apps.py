from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReligionConfig(AppConfig):
    name = "religion"
    verbose_name = _("Tôn giáo, tín ngưỡng")

    def ready(self):
        """Register audit, menu entries and the area section here (see core/areas.py, core/navigation.py)."""
