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
    """An area app's configuration: what the app plugs into the portal, registered once in ready().

    By convention, so that no app forgets a step, each of these is registered when the app has it: ``SOURCES`` of
    its ``sources`` module (its records that can complete tasks of the plan, core.areas.RecordSource), ``EVENTS``
    and ``pending_for`` of its ``notifications`` module ("Việc chờ bạn", under the app's label), and ``SECTION``
    of its ``services`` or ``sections`` module (its part of reports and dashboards, core.areas.AreaSection, declared
    beside its figures function). ``menu`` holds its main-menu entries (core.navigation.MenuItem); an entry's
    ``visible`` may name a function by its path inside the app ("permissions.may_see"), imported in ready(), after
    the models are loaded. ``name`` is the app's package."""

    # Not a candidate itself: Django picks the one AppConfig of an apps.py that imports this class (its subclass).
    default = False
    menu = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True
        if "name" not in cls.__dict__:
            cls.name = cls.__module__.removesuffix(".apps")

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
            visible = item.visible
            if isinstance(visible, str):
                visible = import_string(f"{self.name}.{visible}")
            register_menu(replace(item, visible=visible))
        section = self.optional("services.SECTION") or self.optional("sections.SECTION")
        if section is not None:
            register(section)

    def optional(self, path, default=None):
        """``module.NAME`` of the app when the app has that module and the module that name, else ``default``."""
        module, _dot, attribute = path.rpartition(".")
        if not module_has_submodule(self.module, module):
            return default
        return getattr(import_module(f"{self.name}.{module}"), attribute, default)
