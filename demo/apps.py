from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Data to try the portal with: the demo ward (load_demo) and generated wards at city or province scale
    (generate_city). It sits above the area apps it fills; no area imports it."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu")
