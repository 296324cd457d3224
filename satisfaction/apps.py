from django.utils.translation import gettext_lazy as _

from core.apps import AreaConfig
from core.navigation import MenuItem


class SatisfactionConfig(AreaConfig):
    verbose_name = _("Chính quyền thân thiện, sự hài lòng")
    menu = (
        MenuItem("satisfaction", _("Sự hài lòng"), "satisfaction:results", order=30),
        MenuItem("friendly_government", _("Chính quyền thân thiện"), "satisfaction:assessment_list", order=31),
    )
