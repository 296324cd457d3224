from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HardeningConfig(AppConfig):
    """City-scale data, backup and restore: the tools that prove the portal holds up under load and faults."""

    name = "hardening"
    verbose_name = _("Kiểm thử chịu tải, sao lưu và phục hồi")
