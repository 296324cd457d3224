from django.utils.translation import gettext_lazy as _

from core.apps import AreaConfig
from core.navigation import MenuItem


class DemocracyConfig(AreaConfig):
    verbose_name = _("Dân chủ ở cơ sở")
    menu = (
        MenuItem("democracy", _("Dân chủ cơ sở"), "democracy:checklist", order=40),
        MenuItem("petitions", _("Đơn, thư, phản ánh"), "democracy:petition_list", order=41),
    )
