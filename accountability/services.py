"""Domain rules of area 1: units' plan submissions (on time, late, missing), reminders, cadre feedback.

Views, the API, the democracy app (a petition opens a cadre feedback record) and the reports call these.
"""

from collections import Counter
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import periods
from core.areas import AreaSection
from organisations.models import Unit, UnitKind

from .models import (
    CadreFeedback,
    CadreReview,
    FeedbackState,
    SubmissionStatus,
    UnitPlanRound,
    UnitPlanSubmission,
    submission_status,
)

# --- Units' own plans ------------------------------------------------------------------------------------

def submission_counts(submissions, on=None):
    """{status: count} for the submissions (a queryset or a list), every status present."""
    counts = Counter(submission_status(s, on) for s in submissions)
    return {status.value: counts.get(status.value, 0) for status in SubmissionStatus}


# The units the seed asks for a plan (section IV.1): People's Committee, the bloc, the Fatherland Front and the
# socio-political organisations; the two steering committees turn their tasks into a work programme (IV.2).
DEFAULT_ROUND_KINDS = (UnitKind.PEOPLES_COMMITTEE, UnitKind.MOBILIZATION_BLOC, UnitKind.FATHERLAND_FRONT,
                       UnitKind.MASS_ORGANISATION, UnitKind.STEERING_COMMITTEE)


def default_round_units(ward, task=None):

    if task is not None:
        units = [task.lead_unit, *task.supporting_units.all()]
        return [u for u in units if u.ward_id == ward.pk]
    return list(Unit.objects.filter(ward=ward, kind__in=DEFAULT_ROUND_KINDS, is_active=True)
                .exclude(steering_area="community_groups").order_by("order", "name"))


def sync_round_units(plan_round, units):
    """Make the round ask exactly these units; units that already submitted are never dropped."""
    wanted = {u.pk for u in units}
    existing = {s.unit_id: s for s in plan_round.submissions.all()}
    for unit in units:
        if unit.pk not in existing:
            UnitPlanSubmission.objects.create(round=plan_round, unit=unit)
    for unit_id, submission in existing.items():
        if unit_id not in wanted and submission.submitted_on is None:
            submission.delete()


def remind_round(plan_round, on=None):
    """Notify every unit that has not sent its plan; at most once a day per unit. Returns the units reminded."""
    from core.notifications import notify

    on = on or periods.today()
    reminded = []
    waiting = plan_round.submissions.filter(Q(submitted_on__isnull=True) | Q(submitted_on__gt=on))
    for submission in waiting.select_related("unit", "round"):
        key = "accountability.plan_overdue" if plan_round.deadline < on else "accountability.plan_due"
        sent = notify(key, submission, on=on)
        if sent:
            UnitPlanSubmission.objects.filter(pk=submission.pk).update(reminded_at=timezone.now())
            reminded.append(submission.unit)
    return reminded


def plan_submitted(submission, was_submitted, actor):
    """A unit's plan has been recorded as sent: the bloc hears of it the first time (a later correction of the
    document code or the file does not tell them again)."""
    from core.notifications import notify

    if submission.submitted_on and not was_submitted:
        notify("accountability.plan_submitted", submission, actor=actor)


# --- Cadre feedback and reviews ---------------------------------------------------------------------------

def record_feedback(cadre, *, source, received_on, summary, details="", source_reference="", recorded_by=None):
    """Open a feedback record about a cadre (from a petition, a survey, an inspection …)."""
    return CadreFeedback.objects.create(
        cadre=cadre, unit=cadre.unit, source=source, received_on=received_on, summary=summary[:500],
        details=details, source_reference=source_reference[:255], recorded_by=recorded_by,
    )


def apply_review(review):
    """A review held closes the feedback as reviewed (the date of the review ends the consideration)."""
    feedback = review.feedback
    feedback.state = FeedbackState.REVIEWED
    if feedback.closed_on is None or feedback.closed_on < review.held_on:
        feedback.closed_on = review.held_on
    feedback.save(update_fields=["state", "closed_on"])
    return feedback


def cadre_history(user, person):
    """The feedback records and reviews about one cadre that the user may see, oldest first."""
    feedback = list(CadreFeedback.objects.restrict(user).filter(cadre=person).order_by("received_on", "pk"))
    reviews = list(CadreReview.objects.restrict(user).filter(cadre=person).select_related("feedback")
                   .order_by("held_on", "pk"))
    return feedback, reviews


def unit_summary(feedback_queryset, review_queryset):
    """Per unit: feedback received, still open, reviews held, of which with discipline."""
    from .models import ReviewOutcome

    rows = {}
    for unit_id, name, state in feedback_queryset.values_list("unit_id", "unit__name", "state"):
        row = rows.setdefault(unit_id, {"unit": name, "feedback": 0, "open": 0, "reviews": 0, "discipline": 0})
        row["feedback"] += 1
        if state in (FeedbackState.OPEN, FeedbackState.REVIEW_REQUIRED):
            row["open"] += 1
    discipline = {ReviewOutcome.REPRIMAND, ReviewOutcome.WARNING, ReviewOutcome.OTHER}
    for unit_id, name, outcome in review_queryset.values_list("unit_id", "unit__name", "outcome"):
        row = rows.setdefault(unit_id, {"unit": name, "feedback": 0, "open": 0, "reviews": 0, "discipline": 0})
        row["reviews"] += 1
        if outcome in discipline:
            row["discipline"] += 1
    return sorted(rows.values(), key=lambda r: (-r["feedback"], r["unit"]))


# --- Area section ------------------------------------------------------------------------------------

def area_figures(ward, start, end):
    """Units' plans (submitted, late, missing) and cadre feedback and reviews in the period: counts only."""
    from django.urls import reverse

    from core.areas import Figures

    as_of = min(periods.today(), end)
    rounds = UnitPlanRound.objects.filter(ward=ward, deadline__lte=end, deadline__gte=date(start.year, 1, 1))
    submissions = list(UnitPlanSubmission.objects.filter(round__in=rounds).select_related("round"))
    counts = submission_counts(submissions, as_of)
    total = len(submissions)
    sent = counts[SubmissionStatus.ON_TIME] + counts[SubmissionStatus.LATE]
    feedback = CadreFeedback.objects.filter(unit__ward=ward)
    received = feedback.filter(received_on__gte=start, received_on__lte=end).count()
    still_open = feedback.filter(received_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=end)).count()
    reviews = CadreReview.objects.filter(unit__ward=ward, held_on__gte=start, held_on__lte=end)
    outcomes = Counter(reviews.values_list("outcome", flat=True))
    rows = [
        (_("Đơn vị phải nộp kế hoạch thực hiện"), str(total)),
        (_("Đã nộp đúng hạn"), str(counts[SubmissionStatus.ON_TIME])),
        (_("Nộp muộn"), str(counts[SubmissionStatus.LATE])),
        (_("Chưa nộp, quá hạn"), str(counts[SubmissionStatus.MISSING])),
        (_("Phản ánh về cán bộ tiếp nhận trong kỳ"), str(received)),
        (_("Phản ánh còn đang xem xét"), str(still_open)),
        (_("Cuộc kiểm điểm trong kỳ"), str(sum(outcomes.values()))),
    ]
    status = "danger" if counts[SubmissionStatus.MISSING] else ("warning" if still_open else "ok")
    return Figures(
        rows=rows,
        data={
            "unit_plans": {"total": total, **counts},
            "feedback_received": received,
            "feedback_open": still_open,
            "reviews": sum(outcomes.values()),
            "review_outcomes": dict(outcomes),
            "headline": round(100 * sent / total) if total else 0,
            "headline_unit": "%",
            "chart": {"labels": [str(s.label) for s in SubmissionStatus],
                      "values": [counts[s.value] for s in SubmissionStatus], "unit": ""},
        },
        link=reverse("accountability:round_list"),
        status=status,
    )


# The area's section of the quarterly report and the dashboards (registered by core.apps.AreaConfig).
SECTION = AreaSection(key="accountability", title=gettext_lazy("Trách nhiệm người đứng đầu và cán bộ, công chức"),
                      order=10, figures=area_figures)
