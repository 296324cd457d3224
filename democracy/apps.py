from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    name = "democracy"
    verbose_name = _("Dân chủ ở cơ sở")

    def ready(self):
        from core.areas import register_source

        from .sources import DISCLOSURES

        # The records of this area that can complete tasks of the plan (plans.bindings).
        register_source(DISCLOSURES)


        from core.areas import AreaSection
        from core.areas import register as register_section
        from core.navigation import MenuItem, register
        from core.notifications import register_events, register_pending

        from . import notifications, services

        register(MenuItem("democracy", _("Dân chủ cơ sở"), "democracy:checklist", order=40))
        register(MenuItem("petitions", _("Đơn, thư, phản ánh"), "democracy:petition_list", order=41))

        register_events(notifications.EVENTS)
        register_pending("democracy", notifications.pending_for)
        register_section(AreaSection(
            key="democracy", title=_("Thực hiện dân chủ ở cơ sở"), order=40, figures=services.area_figures,
        ))
