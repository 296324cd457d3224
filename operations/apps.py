from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """What running the portal in production needs beyond its areas: backup and restore."""

    name = "operations"
    verbose_name = _("Vận hành: sao lưu và phục hồi")
