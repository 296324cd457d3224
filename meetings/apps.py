from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Hội nghị, giao ban, đối thoại")

    def ready(self):
        from core.areas import register_source

        from .sources import SOURCES

        # The records of this area that can complete tasks of the plan (plans.bindings).
        for source in SOURCES:
            register_source(source)


        from core.areas import AreaSection
        from core.areas import register as register_section
        from core.navigation import MenuItem, register
        from core.notifications import register_events, register_pending

        from . import notifications, services

        register(MenuItem("meetings", _("Hội nghị, đối thoại"), "meetings:meeting_list", order=20))
        register(MenuItem("conclusions", _("Kết luận cần theo dõi"), "meetings:conclusion_list", order=21))

        register_events(notifications.EVENTS)
        register_pending("meetings", notifications.pending_for)
        register_section(AreaSection(
            key="meetings", title=_("Hội nghị, giao ban, đối thoại và kết luận"), order=15,
            figures=services.area_figures,
        ))
