from django.utils.translation import gettext_lazy as _

from core.apps import AreaConfig
from core.navigation import MenuItem


class ReligionConfig(AreaConfig):
    """The menu entry and the section are shown only to those who may see the area: the ward's religion
    committee, the Standing Committee and admins (every read of the area is logged by its views)."""

    verbose_name = _("Tôn giáo, tín ngưỡng")
    menu = (MenuItem("religion", _("Tôn giáo"), "religion:home", order=50, visible="permissions.may_see"),)
