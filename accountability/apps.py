from django.utils.translation import gettext_lazy as _

from core.apps import AreaConfig
from core.navigation import MenuItem


class AccountabilityConfig(AreaConfig):
    verbose_name = _("Trách nhiệm người đứng đầu")
    menu = (
        MenuItem("unit_plans", _("Kế hoạch của đơn vị"), "accountability:round_list", order=12),
        MenuItem("cadre_feedback", _("Phản ánh về cán bộ"), "accountability:feedback_list", order=13,
                 visible="permissions.may_see_cadre_records"),
    )
