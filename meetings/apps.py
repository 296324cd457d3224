from django.utils.translation import gettext_lazy as _

from core.apps import AreaConfig
from core.navigation import MenuItem


class MeetingsConfig(AreaConfig):
    verbose_name = _("Hội nghị, giao ban, đối thoại")
    menu = (
        MenuItem("meetings", _("Hội nghị, đối thoại"), "meetings:meeting_list", order=20),
        MenuItem("conclusions", _("Kết luận cần theo dõi"), "meetings:conclusion_list", order=21),
    )
