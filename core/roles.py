"""The roles a portal account holds. Access rules in core read them, so they live below the apps that use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    STANDING = "standing", _("Ban Thường vụ / Thường trực Đảng ủy")
    BLOC = "bloc", _("Khối Dân vận Đảng ủy")
    OFFICER = "officer", _("Cán bộ đơn vị")
    STEERING = "steering", _("Thành viên Ban chỉ đạo")
    GROUP_LEADER = "group_leader", _("Tổ trưởng Tổ dân vận / liên gia")
    CITY_VIEWER = "city_viewer", _("Lãnh đạo thành phố (xem)")
    # Keep the organisation data of their subtree current (units, people, accounts) and read the rest of it as a
    # city viewer does; they carry out none of the plan's work (issue 18).
    PROVINCE_ADMIN = "province_admin", _("Quản trị tỉnh, thành phố")
    COMMUNE_ADMIN = "commune_admin", _("Quản trị xã, phường")
