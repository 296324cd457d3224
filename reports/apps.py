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

        from auditlog.registry import auditlog

        from core.navigation import MenuItem, register

        from .models import QuarterlyReport, UnitReport

        auditlog.register(QuarterlyReport, exclude_fields=["figures", "figures_at", "frozen", "pdf", "pdf_state",
                                                           "pdf_checksum", "checksum"])
        auditlog.register(UnitReport)
        register(MenuItem("dashboard", _("Bảng điều hành"), "reports:dashboard", order=5))
        register(MenuItem("reports", _("Báo cáo quý"), "reports:report_list", order=90))
