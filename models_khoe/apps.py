from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelsKhoeConfig(AppConfig):
    name = "models_khoe"
    verbose_name = _("Dân vận khéo")

    def ready(self):
        """Register audit, menu entries and the area section here (see core/areas.py, core/navigation.py)."""
