from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReligionConfig(AppConfig):
    name = "religion"
    verbose_name = _("Tôn giáo, tín ngưỡng")

    def ready(self):
        """Audit of every model (reads are logged by the views), the menu entry and the area section.

        The menu entry and the section are shown only to those who may see the area: the ward's religion
        committee, the Standing Committee and admins.
        """

        from core.areas import AreaSection
        from core.areas import register as register_section
        from core.navigation import MenuItem
        from core.navigation import register as register_menu
        from core.notifications import register_events, register_pending

        from . import models, notifications
        from .services import quarterly_figures

        register_menu(MenuItem(
            "religion", _("Tôn giáo"), "religion:home", order=50,
            visible=lambda user: user.may_see_area(models.AREA),
        ))
        register_events(notifications.EVENTS)
        register_pending("religion", notifications.pending_for)
        register_section(AreaSection(
            key="religion", title=_("Quản lý nhà nước về tôn giáo, tín ngưỡng"), order=50,
            figures=quarterly_figures, area=models.AREA,
        ))
