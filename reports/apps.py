from django.utils.translation import gettext_lazy as _

from core.apps import AreaConfig
from core.navigation import MenuItem


class ReportsConfig(AreaConfig):
    verbose_name = _("Báo cáo, bảng điều hành")
    menu = (
        MenuItem("dashboard", _("Bảng điều hành"), "reports:dashboard", order=5),
        # Shown only to whom the city view opens (core.navigation.may_open asks the view).
        MenuItem("city", _("Các phường"), "reports:city", order=6),
        MenuItem("reports", _("Báo cáo quý"), "reports:report_list", order=90),
    )
