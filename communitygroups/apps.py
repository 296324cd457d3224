from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitygroupsConfig(AppConfig):
    name = "communitygroups"
    verbose_name = _("Tổ dân vận cộng đồng")

    def ready(self):

        from core.areas import AreaSection
        from core.areas import register as register_section
        from core.navigation import MenuItem
        from core.navigation import register as register_menu
        from core.notifications import register_events, register_pending

        from . import notifications
        from .services import section_figures

        register_menu(MenuItem("communitygroups", _("Tổ dân vận"), "communitygroups:group_list", order=60))
        register_menu(MenuItem("communitygroups-reports", _("Nắm tình hình"), "communitygroups:report_list",
                               order=61))
        register_events(notifications.EVENTS)
        register_pending("communitygroups", notifications.pending_for)
        from core.areas import register_source

        from .sources import CLASSIFICATION, GREEN_SUNDAY

        register_source(GREEN_SUNDAY)
        register_source(CLASSIFICATION)
        register_section(AreaSection(
            key="communitygroups",
            title=_("Tổ dân vận cộng đồng"),
            order=60,
            figures=section_figures,
        ))
