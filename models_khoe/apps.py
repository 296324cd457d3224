from django.utils.translation import gettext_lazy as _

from core.apps import AreaConfig
from core.navigation import MenuItem


class ModelsKhoeConfig(AreaConfig):
    verbose_name = _("Dân vận khéo")
    # The evaluators' to-do list, the ranking and the blocs are tabs of the area's pages: a menu entry that
    # queries (is this user an evaluator?) would cost every page of the portal a query.
    menu = (
        MenuItem("models_khoe", _("Dân vận khéo"), "models_khoe:model_list", order=40),
        MenuItem("models_khoe-public", _("Mô hình tiêu biểu"), "models_khoe:public_list", order=41),
    )
