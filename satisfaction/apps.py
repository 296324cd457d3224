from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    name = "satisfaction"
    verbose_name = _("Chính quyền thân thiện, sự hài lòng")

    def ready(self):
        from auditlog.registry import auditlog

        from core.navigation import MenuItem, register

        from . import models

        # Ratings are audited too (an administrator's edit or deletion is recorded), but their creation by
        # citizens is not: the public endpoint disables the log for its inserts (see services.record_ratings).
        for model in (models.SatisfactionSettings, models.RatingReason, models.Service, models.KioskDevice,
                      models.Rating, models.RatingReasonLink):
            auditlog.register(model)
        auditlog.register(models.ServiceDesk, exclude_fields=["search_text"], m2m_fields={"services"})
        auditlog.register(models.CorrectiveAction, exclude_fields=["search_text"])

        register(MenuItem("satisfaction", _("Sự hài lòng"), "satisfaction:results", order=30))
