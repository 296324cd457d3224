from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitygroupsConfig(AppConfig):
    name = "communitygroups"
    verbose_name = _("Tổ dân vận cộng đồng")

    def ready(self):
        """Register audit, menu entries and the area section here (see core/areas.py, core/navigation.py)."""
