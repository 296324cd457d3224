from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelsKhoeConfig(AppConfig):
    name = "models_khoe"
    verbose_name = _("Dân vận khéo")

    def ready(self):
        from core.areas import register_source

        from .sources import RECOGNITIONS

        # The records of this area that can complete tasks of the plan (plans.bindings).
        register_source(RECOGNITIONS)


        from core.areas import AreaSection
        from core.areas import register as register_section
        from core.navigation import MenuItem
        from core.navigation import register as register_menu
        from core.notifications import register_events, register_pending

        from . import notifications
        from .services import area_figures

        register_menu(MenuItem("models_khoe", _("Dân vận khéo"), "models_khoe:model_list", order=40))
        # The evaluators' to-do list, the ranking and the blocs are tabs of the area's pages: a menu entry that
        # queries (is this user an evaluator?) would cost every page of the portal a query.
        register_menu(MenuItem("models_khoe-public", _("Mô hình tiêu biểu"), "models_khoe:public_list", order=41))
        register_events(notifications.EVENTS)
        register_pending("models_khoe", notifications.pending_for)
        register_section(AreaSection(key="models_khoe", title=_("Phong trào thi đua “Dân vận khéo”"), order=30,
                                     figures=area_figures))

