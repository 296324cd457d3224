from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Hội nghị, giao ban, đối thoại")

    def ready(self):
        """Register audit, menu entries and the area section here (see core/areas.py, core/navigation.py)."""
