from django.utils.translation import gettext_lazy as _

from core.apps import AreaConfig
from core.navigation import MenuItem


class CommunitygroupsConfig(AreaConfig):
    verbose_name = _("Tổ dân vận cộng đồng")
    menu = (
        MenuItem("communitygroups", _("Tổ dân vận"), "communitygroups:group_list", order=60),
        MenuItem("communitygroups-reports", _("Nắm tình hình"), "communitygroups:report_list", order=61),
    )
