"""Who hears of a thỉnh sư request (đề nghị thỉnh sư) as it moves, declared once.

Religion data is sensitive: the messages name no person and no establishment (e-mail leaves the portal); the link
opens the record only for those who may see the area.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.notifications import Event, PendingItem, PendingKind, users_with_role
from organisations.models import Role, SteeringArea, UnitKind

AREA = "religion"


def religion_committee(ward):
    return users_with_role(ward, Role.STEERING).filter(unit__kind=UnitKind.STEERING_COMMITTEE,
                                                       unit__steering_area=SteeringArea.RELIGION)


def _committee_and_standing(invitation, ctx):
    return [*religion_committee(invitation.ward), *users_with_role(invitation.ward, Role.STANDING)]


EVENTS = [
    Event(
        key="religion.invitation_received",
        label="Tiếp nhận đề nghị thỉnh sư (→ Ban chỉ đạo tôn giáo và Ban Thường vụ)", area=AREA,
        audience=_committee_and_standing,
        title=lambda invitation, ctx: _("Có đề nghị thỉnh sư mới chờ xem xét (tiếp nhận ngày %(date)s)")
        % {"date": invitation.submitted_on.strftime("%d/%m/%Y")},
    ),
    Event(
        key="religion.invitation_moved",
        label="Đề nghị thỉnh sư chuyển bước: xem xét, chấp thuận, không chấp thuận, rút (→ Ban chỉ đạo tôn giáo "
              "và Ban Thường vụ)", area=AREA,
        audience=_committee_and_standing,
        title=lambda invitation, ctx: _("Đề nghị thỉnh sư tiếp nhận ngày %(date)s: %(status)s")
        % {"date": invitation.submitted_on.strftime("%d/%m/%Y"), "status": invitation.get_status_display()},
        dedup=lambda invitation, ctx: f"{invitation.pk}-{invitation.status}",
    ),
    Event(
        key="religion.watch_report_from_group",
        label="Báo cáo nắm tình hình về hoạt động tôn giáo chuyển sang theo dõi (→ Ban chỉ đạo tôn giáo và Ban "
              "Thường vụ)", area=AREA,
        audience=lambda watch, ctx: [*religion_committee(watch.ward), *users_with_role(watch.ward, Role.STANDING)],
        title=lambda watch, ctx: _("Có báo cáo theo dõi hoạt động tôn giáo mới từ Tổ dân vận cộng đồng"),
        body=lambda watch, ctx: _("Hãy đánh giá mức độ nguy cơ và phân công theo dõi."),
    ),
]



def pending_for(user):
    """Thỉnh sư requests of the ward still waiting for review or a decision (one query), for those who may see
    the area and act on it."""
    from .models import PENDING_INVITATION, MonkInvitationRequest

    ward = user.ward
    if ward is None or user.role not in (Role.STANDING, Role.STEERING) or not user.may_see_area(AREA):
        return []
    count = MonkInvitationRequest.objects.filter(ward=ward, status__in=PENDING_INVITATION).count()
    if not count:
        return []
    return [PendingItem(_("%(n)s đề nghị thỉnh sư chờ xem xét, quyết định") % {"n": count},
                        reverse("religion:invitation_list"), PendingKind.APPROVE)]
