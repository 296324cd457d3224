"""Domain rules of the religion area: thỉnh sư and the head-change flag, land-use certificates, works,
watch reports and their risk overview, anonymisation, the read log and the quarterly figures.

Views, the API, the Celery task and the demo loader call these; none of them re-implements a rule.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from auditlog.context import disable_auditlog, set_actor
from auditlog.models import LogEntry
from auditlog.signals import accessed
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import periods
from core.access import VIEW, scope_prefix
from core.areas import AreaSection
from core.models import Attachment

from .models import (
    ANONYMISED_TEXT,
    DEFAULT_RETENTION_DAYS,
    RISK_ORDER,
    UNAPPROVED_CHANGE_Q,
    CertificateStatus,
    CertificateStep,
    ConstructionWork,
    Establishment,
    EstablishmentKind,
    EventRegistration,
    HeadChange,
    InvitationStatus,
    MonkInvitationRequest,
    PermitState,
    ReligiousEvent,
    RetentionSetting,
    RiskLevel,
    WatchFollowUp,
    WatchReport,
    WatchStatus,
    WorkStage,
    annotate_head_flag,
    needs_invitation_approval,
)

# ---------------------------------------------------------------------------------------------- read log


def log_read(user, obj, remote_addr=None):
    """Record that ``user`` read ``obj`` (auditlog's ACCESS entry, through its ``accessed`` signal)."""
    with set_actor(user, remote_addr=remote_addr):
        accessed.send(sender=type(obj), instance=obj)


def log_list_reads(user, objects, remote_addr=None):
    """Record the reading of every row a list shows, in one insert (a page must not cost a query per row)."""
    objects = list(objects)
    if not objects:
        return []
    now = timezone.now()
    entries = []
    for obj in objects:
        entries.append(LogEntry(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_pk=str(obj.pk),
            object_id=obj.pk,
            object_repr=str(obj)[:500],
            action=LogEntry.Action.ACCESS,
            changes={},
            actor=user if user.is_authenticated else None,
            actor_email=getattr(user, "email", None) or None,
            remote_addr=remote_addr,
            timestamp=now,
            additional_data={**obj.get_additional_data(), "via": "list"},
        ))
    return LogEntry.objects.bulk_create(entries)


def religion_content_types():
    from django.apps import apps

    models = [model for model in apps.get_app_config("religion").get_models() if hasattr(model, "access_policy")]
    return list(ContentType.objects.get_for_models(*models).values())


def visible_ward_ids(user):
    """The wards whose religion records (and their log) the user may see; None means every ward."""
    from organisations.models import Unit, UnitKind

    prefix = scope_prefix(user, Establishment.access_policy, VIEW)
    if prefix is None:
        return []
    if prefix == "":
        return None
    return list(Unit.objects.filter(kind=UnitKind.WARD, path__startswith=prefix).values_list("pk", flat=True))


def access_log(user):
    """Audit entries (reads and changes) of the religion records the user's wards own."""
    ward_ids = visible_ward_ids(user)
    entries = LogEntry.objects.filter(content_type__in=religion_content_types())
    if ward_ids is not None:
        entries = entries.filter(additional_data__ward__in=ward_ids)
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


# ---------------------------------------------------------------------------------------------- thỉnh sư


def unapproved_head_changes(establishment):
    """Head changes of an establishment that needed an approved request and had none (still unresolved)."""
    if not needs_invitation_approval(establishment):
        return HeadChange.objects.none()
    return establishment.head_changes.filter(UNAPPROVED_CHANGE_Q)


def head_change_flag(establishment):
    """True when the establishment's head changed without an approved thỉnh sư request."""
    flag = getattr(establishment, "head_flag", None)
    if flag is not None:
        return flag
    return unapproved_head_changes(establishment).exists()


# Review first, then a decision; a request may be withdrawn while it is pending.
INVITATION_TRANSITIONS = {
    InvitationStatus.SUBMITTED: {InvitationStatus.UNDER_REVIEW, InvitationStatus.WITHDRAWN},
    InvitationStatus.UNDER_REVIEW: {InvitationStatus.APPROVED, InvitationStatus.REJECTED, InvitationStatus.WITHDRAWN},
}


def allowed_transitions(invitation):
    return [status for status in InvitationStatus if status in INVITATION_TRANSITIONS.get(invitation.status, set())]


@transaction.atomic
def transition_invitation(invitation, to, *, on=None, note="", decision_number="", user=None):
    """Move a thỉnh sư request along review > approval/rejection (or withdrawal)."""
    on = on or periods.today()
    to = InvitationStatus(to)
    invitation = MonkInvitationRequest.objects.select_for_update().get(pk=invitation.pk)
    if to not in INVITATION_TRANSITIONS.get(invitation.status, set()):
        raise ValidationError(
            _("Không thể chuyển đề nghị từ “%(old)s” sang “%(new)s”: đề nghị phải được xem xét trước khi quyết định.")
            % {"old": invitation.get_status_display(), "new": to.label}
        )
    if on < invitation.submitted_on:
        raise ValidationError(_("Ngày xử lý không được trước ngày tiếp nhận đề nghị."))
    if to == InvitationStatus.REJECTED and not note.strip():
        raise ValidationError(_("Hãy ghi lý do không chấp thuận."))
    if note.strip():
        stamp = on.strftime("%d/%m/%Y")
        invitation.review_note = f"{invitation.review_note}\n{stamp} ({to.label}): {note.strip()}".strip()
    if to == InvitationStatus.UNDER_REVIEW:
        invitation.review_started_on = on
    if to in (InvitationStatus.APPROVED, InvitationStatus.REJECTED):
        invitation.decided_on = on
        invitation.decision_number = decision_number
        invitation.decided_by = user
    invitation.status = to
    invitation.save()
    from core.notifications import notify

    notify("religion.invitation_moved", invitation, actor=user)
    return invitation


def announce_invitation(invitation, user=None):
    """A new thỉnh sư request was recorded: the committee and the Standing Committee hear of it."""
    from core.notifications import notify

    return notify("religion.invitation_received", invitation, actor=user)


@transaction.atomic
def record_head_change(establishment, *, new_head, changed_on, head_title="", invitation=None, note="", user=None):
    """Record that a new person leads the establishment; the flag follows from the request (or its absence)."""
    new_head = (new_head or "").strip()
    if not new_head:
        raise ValidationError({"new_head": _("Hãy ghi người đứng đầu mới.")})
    if invitation is not None:
        invitation = MonkInvitationRequest.objects.get(pk=invitation.pk)
        if invitation.establishment_id != establishment.pk:
            raise ValidationError({"invitation": _("Đề nghị thỉnh sư này là của cơ sở khác.")})
        if invitation.status != InvitationStatus.APPROVED:
            raise ValidationError({"invitation": _("Chỉ gắn được đề nghị thỉnh sư đã được chấp thuận.")})
        if HeadChange.objects.filter(invitation=invitation).exists():
            raise ValidationError({"invitation": _("Đề nghị này đã được dùng cho một lần thay đổi khác.")})
        if changed_on < invitation.decided_on:
            raise ValidationError({"changed_on": _(
                "Người đứng đầu thay đổi trước ngày chấp thuận đề nghị: "
                "hãy ghi nhận không kèm đề nghị (sẽ bị cảnh báo)."
            )})
    establishment = Establishment.objects.select_for_update().get(pk=establishment.pk)
    change = HeadChange.objects.create(
        establishment=establishment, previous_head=establishment.person_in_charge, new_head=new_head,
        head_title=head_title or establishment.head_title, changed_on=changed_on, invitation=invitation, note=note,
        recorded_by=user,
    )
    establishment.person_in_charge = new_head
    if head_title:
        establishment.head_title = head_title
    establishment.save()
    return change


@transaction.atomic
def resolve_head_flag(establishment, *, note, on=None, user=None):
    """The committee has dealt with an unapproved head change; the record stays, the flag goes."""
    if not note.strip():
        raise ValidationError({"note": _("Hãy ghi cách đã xử lý.")})
    changes = list(unapproved_head_changes(establishment).select_for_update(of=("self",)))
    for change in changes:
        change.flag_resolved_on = on or periods.today()
        change.resolution_note = note.strip()
        change.save()
    return changes


# ---------------------------------------------------------------------------------------------- certificates


@transaction.atomic
def change_certificate_status(establishment, *, status, on=None, note="", certificate_number="", user=None):
    """Record a step of the land-use certificate file: a new status, or progress of the pending request."""
    on = on or periods.today()
    status = CertificateStatus(status)
    establishment = Establishment.objects.select_for_update().get(pk=establishment.pk)
    previous = establishment.certificate_status
    if status == previous and not note.strip():
        raise ValidationError({"note": _("Tình trạng không đổi: hãy ghi tiến độ của hồ sơ.")})
    if status == CertificateStatus.ISSUED:
        number = certificate_number.strip() or establishment.certificate_number
        if not number:
            raise ValidationError({"certificate_number": _("Hãy ghi số giấy chứng nhận đã cấp.")})
        establishment.certificate_number = number
        if previous != CertificateStatus.ISSUED:
            establishment.certificate_issued_on = on
    elif previous == CertificateStatus.ISSUED and not note.strip():
        raise ValidationError({"note": _("Giấy chứng nhận đã cấp: hãy ghi lý do thay đổi tình trạng.")})
    step = CertificateStep.objects.create(
        establishment=establishment, recorded_on=on, previous_status=previous, status=status, note=note.strip(),
        recorded_by=user,
    )
    establishment.certificate_status = status
    establishment.save()
    return step


def certificate_status_on(establishment, on, steps=None):
    """The certificate status an establishment had at the end of the day ``on``, from its recorded steps."""
    steps = sorted(establishment.certificate_steps.all() if steps is None else steps,
                   key=lambda step: (step.recorded_on, step.pk))
    before = [step for step in steps if step.recorded_on <= on]
    if before:
        return before[-1].status
    after = [step for step in steps if step.recorded_on > on]
    if after:
        return after[0].previous_status or after[0].status
    return establishment.certificate_status


def record_initial_certificate(establishment, user=None):
    """The first step of the file: the status the establishment was registered with."""
    return CertificateStep.objects.create(
        establishment=establishment, recorded_on=periods.today(), status=establishment.certificate_status,
        note=_("Tình trạng khi đưa cơ sở vào theo dõi."), recorded_by=user,
    )


# ---------------------------------------------------------------------------------------------- works


def work_stage(work, on=None):
    on = on or periods.today()
    if work.finished_on and work.finished_on <= on:
        return WorkStage.FINISHED
    if work.started_on and work.started_on <= on:
        return WorkStage.IN_PROGRESS
    return WorkStage.PLANNED


WITHOUT_PERMIT_Q = Q(started_on__isnull=False) & ~Q(permit_state__in=[PermitState.GRANTED, PermitState.NOT_REQUIRED])


def permit_warning(work):
    """A work under way (or done) without the permit it needs."""
    if work.started_on and work.permit_state not in (PermitState.GRANTED, PermitState.NOT_REQUIRED):
        return _("Thi công khi chưa được cấp phép (%(state)s).") % {"state": work.get_permit_state_display()}
    return ""


def stage_q(stage, on=None):
    on = on or periods.today()
    finished = Q(finished_on__isnull=False, finished_on__lte=on)
    started = Q(started_on__isnull=False, started_on__lte=on)
    if stage == WorkStage.FINISHED:
        return finished
    if stage == WorkStage.IN_PROGRESS:
        return started & ~finished
    return ~started


# ---------------------------------------------------------------------------------------------- watch reports


@transaction.atomic
def add_follow_up(report, *, followed_on, action_taken, risk_level="", close=False, outcome="", user=None):
    """Record a follow-up of a watch report; it may reassess the risk and close the report."""
    report = WatchReport.objects.select_for_update().get(pk=report.pk)
    if report.status != WatchStatus.OPEN:
        raise ValidationError(_("Báo cáo đã kết thúc theo dõi, không ghi thêm được."))
    if followed_on < report.observed_on:
        raise ValidationError({"followed_on": _("Ngày theo dõi không được trước ngày phát hiện.")})
    if close and not (outcome or "").strip():
        raise ValidationError({"outcome": _("Hãy ghi kết quả xử lý khi kết thúc theo dõi.")})
    follow_up = WatchFollowUp.objects.create(
        report=report, followed_on=followed_on, action_taken=action_taken, risk_level=risk_level or "",
        closes_report=close, recorded_by=user,
    )
    if risk_level:
        report.risk_level = risk_level
    if close:
        report.status = WatchStatus.CLOSED
        report.closed_on = followed_on
        report.outcome = outcome.strip()
    report.save()
    return follow_up


def open_on_q(on):
    """Watch reports open at the end of the day ``on``."""
    return Q(observed_on__lte=on) & (Q(closed_on__isnull=True) | Q(closed_on__gt=on))


def risk_on(report, on, follow_ups=None):
    """The risk level of a report on a date: the last reassessment up to then, else the initial one."""
    follow_ups = report.follow_ups.all() if follow_ups is None else follow_ups
    level = report.initial_risk_level
    for follow_up in sorted(follow_ups, key=lambda f: (f.followed_on, f.pk)):
        if follow_up.followed_on <= on and follow_up.risk_level:
            level = follow_up.risk_level
    return level


# A potential hot spot (điểm nóng): one open high-risk report, two open reports of medium risk or more,
# or three open reports of any risk in one residential group.
HOT_SPOT_HIGH = 1
HOT_SPOT_MEDIUM_OR_HIGH = 2
HOT_SPOT_ANY = 3


def is_hot_spot(counts):
    high = counts.get(RiskLevel.HIGH, 0)
    medium = counts.get(RiskLevel.MEDIUM, 0)
    return high >= HOT_SPOT_HIGH or high + medium >= HOT_SPOT_MEDIUM_OR_HIGH or sum(counts.values()) >= HOT_SPOT_ANY


@dataclass
class OverviewRow:
    group: object  # a residential group (Unit) or None for reports without one
    counts: dict = field(default_factory=dict)

    @property
    def cells(self):
        return [(level, self.counts.get(level, 0)) for level in RISK_ORDER]

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def hot_spot(self):
        return is_hot_spot(self.counts)


@dataclass
class RiskOverview:
    rows: list
    totals: dict

    @property
    def total(self):
        return sum(self.totals.values())

    @property
    def hot_spots(self):
        return [row for row in self.rows if row.hot_spot]

    @property
    def total_cells(self):
        return [(level, self.totals.get(level, 0)) for level in RISK_ORDER]


def risk_overview(open_reports, groups):
    """Open watch reports by residential group × risk level; every group shows, even with no report."""
    counts = {}
    pairs = open_reports.filter(status=WatchStatus.OPEN).values_list("residential_group_id", "risk_level")
    for group_id, level in pairs:
        counts.setdefault(group_id, Counter())[level] += 1
    rows = [OverviewRow(group, dict(counts.pop(group.pk, Counter()))) for group in groups]
    if None in counts:
        rows.append(OverviewRow(None, dict(counts.pop(None))))
    totals = Counter()
    for row in rows:
        totals.update(row.counts)
    return RiskOverview(rows=rows, totals=dict(totals))


def visible_source(report, user):
    """The linked source record if the user may see it there (a generic link must not bypass its scope)."""
    if not report.source_content_type_id:
        return None
    model = report.source_content_type.model_class()
    if model is None or not hasattr(model, "access_policy"):
        return None
    return model._default_manager.restrict(user).filter(pk=report.source_object_id).first()


def source_model():
    """The model a watch report's source may be (None while the community-groups app has no such model)."""
    from django.apps import apps

    from .models import SOURCE_MODELS

    try:
        return apps.get_model(SOURCE_MODELS[0])
    except LookupError:
        return None


# ---------------------------------------------------------------------------------------------- anonymisation


def retention_days(ward_id):
    setting = RetentionSetting.objects.filter(ward_id=ward_id).first()
    return setting.watch_report_retention_days if setting else DEFAULT_RETENTION_DAYS


def anonymisation_date(report, days=None):
    """The day a closed report's details are anonymised (None while it is open)."""
    if report.closed_on is None:
        return None
    days = retention_days(report.ward_id) if days is None else days
    return report.closed_on + timedelta(days=days)


def reports_due_for_anonymisation(on=None):
    """Ids of closed, not yet anonymised reports whose ward's retention period has run out."""
    on = on or periods.today()
    pending = WatchReport.objects.filter(status=WatchStatus.CLOSED, anonymised_at__isnull=True)
    ids = []
    for ward_id in pending.values_list("ward_id", flat=True).distinct().order_by():
        cutoff = on - timedelta(days=retention_days(ward_id))
        ids += list(pending.filter(ward_id=ward_id, closed_on__lte=cutoff).values_list("pk", flat=True))
    return sorted(ids)


@transaction.atomic
def anonymise_watch_report(report_id, on=None):
    """Erase the details of a closed report whose retention period has run out; safe to run twice.

    Kept for statistics: ward, residential group, kind of activity, risk levels, dates. Erased: place,
    description, source, measures, outcome, follow-up notes, attached files, who recorded them, and the
    earlier values held in the audit log's change entries.
    """
    report = WatchReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.anonymised_at is not None or report.status != WatchStatus.CLOSED:
        return False
    due = anonymisation_date(report)
    if due is None or due > (on or periods.today()):
        return False
    follow_ups = list(report.follow_ups.all())
    with disable_auditlog():
        for target in [report, *follow_ups]:
            for attachment in Attachment.for_object(target):
                attachment.file.delete(save=False)
                attachment.delete()
        for follow_up in follow_ups:
            follow_up.action_taken = ANONYMISED_TEXT
            follow_up.recorded_by = None
            follow_up.save()
        report.location = ""
        report.description = ANONYMISED_TEXT
        report.estimated_size = None
        report.source_detail = ""
        report.source_content_type = None
        report.source_object_id = None
        report.measures = ""
        report.outcome = ANONYMISED_TEXT
        report.reported_by = None
        report.anonymised_at = timezone.now()
        report.save()
    for model, pks in ((WatchReport, [report.pk]), (WatchFollowUp, [f.pk for f in follow_ups])):
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=pks,
        ).exclude(action=LogEntry.Action.ACCESS).update(changes=None, changes_text="", serialized_data=None)
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(WatchReport), object_pk=str(report.pk), object_id=report.pk,
        object_repr=str(report), action=LogEntry.Action.UPDATE,
        changes={"anonymised_at": ["", report.anonymised_at.isoformat()]},
        additional_data=report.get_additional_data(),
    )
    return True


# ---------------------------------------------------------------------------------------------- quarterly figures


def _count_by(queryset, field_name, choices):
    counts = Counter(queryset.values_list(field_name, flat=True))
    return {key: counts.get(key, 0) for key in choices.values}


def _format_counts(counts, choices):
    parts = [f"{choices(key).label}: {value}" for key, value in counts.items() if value]
    return "; ".join(parts) or "0"


def quarterly_figures(ward, start, end):
    """The area's figures for a ward and a period (both dates inclusive): counts, changes, open reports by risk."""
    from core.areas import Figures

    establishments = Establishment.objects.filter(ward=ward)
    existing = establishments.filter(created_at__date__lte=end, is_active=True)
    new_establishments = establishments.filter(created_at__date__gte=start, created_at__date__lte=end)
    by_kind = _count_by(existing, "kind", EstablishmentKind)
    new_by_kind = _count_by(new_establishments, "kind", EstablishmentKind)
    at_end = Counter(certificate_status_on(e, end) for e in existing.prefetch_related("certificate_steps"))
    certificate_counts = {key: at_end.get(key, 0) for key in CertificateStatus.values}
    steps = CertificateStep.objects.filter(establishment__ward=ward, recorded_on__gte=start, recorded_on__lte=end)
    status_changes = steps.exclude(previous_status="").exclude(previous_status=F("status"))
    issued_in_period = status_changes.filter(status=CertificateStatus.ISSUED).count()
    flagged = annotate_head_flag(existing).filter(head_flag=True).count()

    works = ConstructionWork.objects.filter(ward=ward)
    works_started = works.filter(started_on__gte=start, started_on__lte=end).count()
    works_finished = works.filter(finished_on__gte=start, finished_on__lte=end).count()
    works_in_progress = works.filter(stage_q(WorkStage.IN_PROGRESS, end)).count()
    works_without_permit = works.filter(WITHOUT_PERMIT_Q, started_on__lte=end).filter(
        Q(finished_on__isnull=True) | Q(finished_on__gte=start)
    ).count()

    invitations = MonkInvitationRequest.objects.filter(ward=ward)
    invitations_received = invitations.filter(submitted_on__gte=start, submitted_on__lte=end).count()
    decided = invitations.filter(decided_on__gte=start, decided_on__lte=end)
    invitations_approved = decided.filter(status=InvitationStatus.APPROVED).count()
    invitations_rejected = decided.filter(status=InvitationStatus.REJECTED).count()

    events = ReligiousEvent.objects.filter(ward=ward, starts_on__gte=start, starts_on__lte=end)
    events_held = events.count()
    events_unregistered = events.filter(registration=EventRegistration.UNREGISTERED).count()

    reports = WatchReport.objects.filter(ward=ward)
    opened = reports.filter(observed_on__gte=start, observed_on__lte=end).count()
    closed = reports.filter(closed_on__gte=start, closed_on__lte=end).count()
    open_at_end = list(reports.filter(open_on_q(end)).prefetch_related("follow_ups"))
    open_by_risk = Counter(risk_on(report, end) for report in open_at_end)
    open_by_risk = {level.value: open_by_risk.get(level, 0) for level in RISK_ORDER}
    group_counts = {}
    for report in open_at_end:
        group_counts.setdefault(report.residential_group_id, Counter())[risk_on(report, end)] += 1
    hot_spots = sum(1 for counts in group_counts.values() if is_hot_spot(counts))

    rows = [
        (_("Cơ sở thờ tự đang theo dõi"), f"{sum(by_kind.values())} ({_format_counts(by_kind, EstablishmentKind)})"),
        (_("Cơ sở mới đưa vào theo dõi trong kỳ"), f"{sum(new_by_kind.values())}"),
        (_("Giấy chứng nhận QSDĐ"), _format_counts(certificate_counts, CertificateStatus)),
        # Each count carries its own words, as a report writes them (no "0 (0)" or "1 / 0 / 0" to decode).
        (_("Thay đổi tình trạng giấy chứng nhận trong kỳ"),
         _("%(n)s lượt, trong đó cấp mới %(issued)s") % {"n": status_changes.count(), "issued": issued_in_period}),
        (_("Cơ sở thay người đứng đầu không có đề nghị được chấp thuận"), str(flagged)),
        (_("Công trình xây dựng, sửa chữa trong kỳ"),
         _("khởi công %(started)s, hoàn thành %(finished)s") % {"started": works_started, "finished": works_finished}),
        (_("Công trình đang thi công"),
         _("%(n)s, trong đó chưa có giấy phép %(unlicensed)s") % {"n": works_in_progress,
                                                                 "unlicensed": works_without_permit}),
        (_("Đề nghị thỉnh sư"),
         _("tiếp nhận %(received)s, chấp thuận %(approved)s, không chấp thuận %(rejected)s") % {
             "received": invitations_received, "approved": invitations_approved, "rejected": invitations_rejected}),
        (_("Lễ hội, sự kiện trong kỳ"),
         _("%(n)s, trong đó không đăng ký %(unregistered)s") % {"n": events_held, "unregistered": events_unregistered}),
        (_("Báo cáo nắm tình hình trong kỳ"), _("phát sinh %(opened)s, kết thúc %(closed)s") % {
            "opened": opened, "closed": closed}),
        (_("Báo cáo đang theo dõi cuối kỳ theo mức rủi ro"),
         "; ".join(f"{RiskLevel(level).label}: {value}" for level, value in open_by_risk.items())),
        (_("Điểm nóng tiềm ẩn cuối kỳ"), str(hot_spots)),
    ]
    data = {
        "establishments": {"total": sum(by_kind.values()), "by_kind": by_kind, "new_by_kind": new_by_kind},
        "certificates": {"by_status": certificate_counts, "status_changes": status_changes.count(),
                         "issued_in_period": issued_in_period},
        "head_change_flags": flagged,
        "works": {"started": works_started, "finished": works_finished, "in_progress": works_in_progress,
                  "without_permit": works_without_permit},
        "invitations": {"received": invitations_received, "approved": invitations_approved,
                        "rejected": invitations_rejected},
        "events": {"held": events_held, "unregistered": events_unregistered},
        "watch_reports": {"opened": opened, "closed": closed, "open_by_risk": open_by_risk,
                          "open_total": len(open_at_end), "hot_spots": hot_spots},
        "headline": len(open_at_end),
        "chart": {"labels": [str(level.label) for level in RISK_ORDER],
                  "values": [open_by_risk[level.value] for level in RISK_ORDER], "unit": ""},
    }
    if open_by_risk[RiskLevel.HIGH] or hot_spots or flagged:
        status = "danger"
    elif open_by_risk[RiskLevel.MEDIUM] or works_without_permit:
        status = "warning"
    else:
        status = "ok"
    return Figures(rows=rows, data=data, link=reverse("religion:home"), status=status)


# The area's section of the quarterly report and the dashboards (registered by core.apps.AreaConfig).
SECTION = AreaSection(key="religion", title=gettext_lazy("Quản lý nhà nước về tôn giáo, tín ngưỡng"), order=50,
                      figures=quarterly_figures, area="religion")
