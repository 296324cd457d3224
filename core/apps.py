from django.apps import AppConfig
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
