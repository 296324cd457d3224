from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    name = "satisfaction"
    verbose_name = _("Chính quyền thân thiện, sự hài lòng")

    def ready(self):
        from core.areas import register_source

        from .sources import ASSESSMENTS

        # The records of this area that can complete tasks of the plan (plans.bindings).
        register_source(ASSESSMENTS)


        from core.areas import AreaSection
        from core.areas import register as register_section
        from core.navigation import MenuItem, register
        from core.notifications import register_events, register_pending

        from . import notifications
        from .sections import satisfaction_figures

        register_events(notifications.EVENTS)
        register_pending("satisfaction", notifications.pending_for)
        register(MenuItem("satisfaction", _("Sự hài lòng"), "satisfaction:results", order=30))
        register(MenuItem("friendly_government", _("Chính quyền thân thiện"), "satisfaction:assessment_list",
                          order=31))
        register_section(AreaSection("satisfaction", _("Chính quyền thân thiện, sự hài lòng của người dân"), 20,
                                     satisfaction_figures))
