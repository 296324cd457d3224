from dataclasses import replace
from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import import_string, module_has_submodule
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Dùng chung")

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.backends.signals import connection_created

        from .search import register_fold_function

        connection_created.connect(register_fold_function, dispatch_uid="core.search.fold")

        from .models import Attachment, register_scoped_models

        auditlog.register(Attachment, exclude_fields=["file"])
        register_scoped_models()

        from .schema import install

        install()


class AreaConfig(AppConfig):
    """An area app's configuration: what the app plugs into the portal, declared, and registered once in ready().

    By convention, so that no app forgets a step: the app's ``sources.SOURCES`` (its records that can complete tasks
    of the plan, core.areas.RecordSource), ``notifications.EVENTS`` and ``notifications.pending_for`` ("Việc chờ
    bạn", under the app's label) are registered when the app has them. ``menu`` holds its main-menu entries
    (core.navigation.MenuItem) and ``section`` its section of reports and dashboards (core.areas.AreaSection). A
    function of the app that must not be imported before the models are loaded is named by its path inside the app
    ("services.area_figures" for a section's ``figures``, "permissions.may_see_cadre_records" for a menu entry's
    ``visible``)."""

    # Not a candidate itself: Django picks the one AppConfig of an apps.py that imports this class (its subclass).
    default = False
    menu = ()
    section = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True
        if "name" not in cls.__dict__:
            cls.name = cls.__module__.removesuffix(".apps")  # the app's package: an AreaConfig lives in its apps.py

    def ready(self):
        from .areas import register, register_source
        from .navigation import register as register_menu
        from .notifications import register_events, register_pending

        for source in self.optional("sources.SOURCES", ()):
            register_source(source)
        register_events(self.optional("notifications.EVENTS", ()))
        pending = self.optional("notifications.pending_for")
        if pending is not None:
            register_pending(self.label, pending)
        for item in self.menu:
            register_menu(replace(item, visible=self.resolve(item.visible)))
        if self.section is not None:
            register(replace(self.section, figures=self.resolve(self.section.figures)))

    def resolve(self, value):
        """A function named by its path inside the app ("services.area_figures"), or ``value`` as it is."""
        return import_string(f"{self.name}.{value}") if isinstance(value, str) else value

    def optional(self, path, default=None):
        """``module.NAME`` of the app when the app has that module and the module that name, else ``default``."""
        module, _dot, attribute = path.rpartition(".")
        if not module_has_submodule(self.module, module):
            return default
        return getattr(import_module(f"{self.name}.{module}"), attribute, default)
