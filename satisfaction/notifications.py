"""Who hears of a corrective action opened by low satisfaction, declared once."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.notifications import Event, PendingItem, PendingKind, users_of_units

AREA = "satisfaction"


def _head_or_unit(action, ctx):
    """The head of the unit when the head has an account, else every account of the unit."""
    head_user = getattr(action.head, "user", None) if action.head_id else None
    if head_user is not None and head_user.is_active:
        return [head_user]
    return users_of_units(action.unit)


EVENTS = [
    Event(
        key="satisfaction.corrective_action_opened",
        label="Chỉ số hài lòng dưới ngưỡng: mở việc khắc phục (→ người đứng đầu đơn vị)", area=AREA,
        audience=_head_or_unit,
        title=lambda action, ctx: action.title,
        body=lambda action, ctx: _("Đề nghị người đứng đầu đơn vị chỉ đạo khắc phục và cập nhật kết quả trên cổng."),
        reminder=True,
    ),
]



def pending_for(user):
    """Open corrective actions of the user's unit (one query)."""
    from .models import ActionStatus, CorrectiveAction

    if not user.unit_id:
        return []
    count = CorrectiveAction.objects.filter(unit_id=user.unit_id, status=ActionStatus.OPEN).count()
    if not count:
        return []
    return [PendingItem(_("%(n)s việc khắc phục sự hài lòng của đơn vị đang mở") % {"n": count},
                        reverse("satisfaction:action_list"), PendingKind.FIX)]
