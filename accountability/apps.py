from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "accountability"
    verbose_name = _("Trách nhiệm người đứng đầu")

    def ready(self):
        from core.areas import register_source

        from .sources import UNIT_PLANS

        # The records of this area that can complete tasks of the plan (plans.bindings).
        register_source(UNIT_PLANS)


        from core.areas import AreaSection
        from core.areas import register as register_section
        from core.navigation import MenuItem, register
        from core.notifications import register_events, register_pending

        from . import notifications, permissions, services

        register(MenuItem("unit_plans", _("Kế hoạch của đơn vị"), "accountability:round_list", order=12))
        register(MenuItem("cadre_feedback", _("Phản ánh về cán bộ"), "accountability:feedback_list", order=13,
                          visible=permissions.may_see_cadre_records))

        register_events(notifications.EVENTS)
        register_pending("accountability", notifications.pending_for)
        register_section(AreaSection(
            key="accountability", title=_("Trách nhiệm người đứng đầu và cán bộ, công chức"), order=10,
            figures=services.area_figures,
        ))
