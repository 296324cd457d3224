from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Báo cáo, bảng điều hành")

    def ready(self):
        from core.areas import register_source

        from .sources import REPORTS

        # The records of this area that can complete tasks of the plan (plans.bindings).
        register_source(REPORTS)


        from core.navigation import MenuItem, register
        from core.notifications import register_events, register_pending

        from .notifications import EVENTS, pending_for

        register_events(EVENTS)
        register_pending("reports", pending_for)

        register(MenuItem("dashboard", _("Bảng điều hành"), "reports:dashboard", order=5))
        # Shown only to whom the city view opens (core.navigation.may_open asks the view).
        register(MenuItem("city", _("Các phường"), "reports:city", order=6))
        register(MenuItem("reports", _("Báo cáo quý"), "reports:report_list", order=90))
