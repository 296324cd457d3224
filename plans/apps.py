from django.utils.translation import gettext_lazy as _

from core.apps import AreaConfig
from core.navigation import MenuItem


class PlansConfig(AreaConfig):
    verbose_name = _("Kế hoạch, nhiệm vụ")
    menu = (
        MenuItem("home", _("Trang chủ"), "home", order=0),
        MenuItem("plans", _("Kế hoạch"), "plans:plan_list", order=10),
        MenuItem("tasks", _("Nhiệm vụ"), "plans:task_list", order=11),
        MenuItem("cell_assignments", _("Phụ trách chi bộ"), "plans:cell_assignment_list", order=12),
    )

    def ready(self):
        from .services import connect_record_sources

        connect_record_sources()
        super().ready()
