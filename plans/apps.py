from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Kế hoạch, nhiệm vụ")

    def ready(self):

        from core.navigation import MenuItem, register

        from .services import connect_record_sources

        connect_record_sources()

        from core.areas import AreaSection
        from core.areas import register as register_section
        from core.notifications import register_events

        from . import notifications
        from .services import plan_figures

        register_events(notifications.EVENTS)
        register_section(AreaSection("plan", _("Tiến độ thực hiện kế hoạch"), 0, plan_figures))
        register(MenuItem("home", _("Trang chủ"), "home", order=0))
        register(MenuItem("plans", _("Kế hoạch"), "plans:plan_list", order=10))
        register(MenuItem("tasks", _("Nhiệm vụ"), "plans:task_list", order=11))
        register(MenuItem("cell_assignments", _("Phụ trách chi bộ"), "plans:cell_assignment_list", order=12))
