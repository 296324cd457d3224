"""Reminders of the units' own implementation plans (kế hoạch thực hiện), declared once."""

from django.utils.translation import gettext as _

from core.notifications import Event, PendingItem, PendingKind, users_of_units, users_with_role
from organisations.models import Role

AREA = "accountability"


def _unit(submission, ctx):
    return users_of_units(submission.unit)


def _args(submission):
    return {"deadline": submission.round.deadline.strftime("%d/%m/%Y"), "round": submission.round.title[:150]}


def _body(submission, ctx):
    return _("Đề nghị %(unit)s gửi kế hoạch thực hiện của đơn vị (kèm tệp) qua Cổng công tác dân vận.") % {
        "unit": submission.unit.name}


def _daily(submission, ctx):
    return f"{submission.round_id}-{submission.unit_id}-{ctx['on'].isoformat()}"


EVENTS = [
    Event(
        key="accountability.plan_due", label="Nhắc đơn vị nộp kế hoạch thực hiện trước hạn", area=AREA,
        audience=_unit, body=_body, dedup=_daily, reminder=True,
        title=lambda submission, ctx: _("Nhắc nộp kế hoạch thực hiện trước ngày %(deadline)s: %(round)s")
        % _args(submission),
    ),
    Event(
        key="accountability.plan_overdue", label="Đơn vị quá hạn nộp kế hoạch thực hiện", area=AREA,
        audience=_unit, body=_body, dedup=_daily, reminder=True,
        title=lambda submission, ctx: _("Quá hạn nộp kế hoạch thực hiện (hạn %(deadline)s): %(round)s")
        % _args(submission),
    ),
    Event(
        key="accountability.plan_submitted", label="Đơn vị đã nộp kế hoạch thực hiện (→ Khối Dân vận)", area=AREA,
        audience=lambda submission, ctx: users_with_role(submission.unit.ward, Role.BLOC),
        title=lambda submission, ctx: _("%(unit)s đã nộp kế hoạch thực hiện: %(round)s")
        % {"unit": submission.unit.name, "round": submission.round.title[:150]},
        body=lambda submission, ctx: " ".join(
            part for part in (submission.document_code, submission.document_title) if part),
        dedup=lambda submission, ctx: f"{submission.pk}-{submission.submitted_on.isoformat()}",
    ),
]



def pending_for(user):
    """The unit's implementation plans not yet sent (one query)."""
    from core import periods

    from .models import UnitPlanSubmission

    if not user.unit_id:
        return []
    on = periods.today()
    items = []
    for submission in (UnitPlanSubmission.objects.filter(unit_id=user.unit_id, submitted_on__isnull=True)
                       .select_related("round").order_by("round__deadline")):
        late = submission.round.deadline < on
        items.append(PendingItem(
            _("Nộp kế hoạch thực hiện của đơn vị: %(round)s") % {"round": submission.round.title[:150]},
            submission.get_absolute_url(), PendingKind.LATE if late else PendingKind.DUE, submission.round.deadline))
    return items
