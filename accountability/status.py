"""When a unit's plan counts as sent on time, late or missing: one rule, written twice on purpose (Python for a
loaded row, SQL for lists); the tests check both agree. Models and services both read it from here."""

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from core import periods


class SubmissionStatus(models.TextChoices):
    ON_TIME = "on_time", _("Đã nộp đúng hạn")
    LATE = "late", _("Nộp muộn")
    MISSING = "missing", _("Chưa nộp, quá hạn")
    PENDING = "pending", _("Chưa nộp, còn hạn")


def submission_status(submission, on=None):
    on = on or periods.today()
    deadline = submission.round.deadline
    if submission.submitted_on and submission.submitted_on <= on:
        return SubmissionStatus.ON_TIME if submission.submitted_on <= deadline else SubmissionStatus.LATE
    return SubmissionStatus.MISSING if deadline < on else SubmissionStatus.PENDING


def submission_status_expression(on=None):
    on = on or periods.today()
    submitted = Q(submitted_on__isnull=False, submitted_on__lte=on)
    return Case(
        When(submitted & Q(submitted_on__lte=F("round__deadline")), then=Value(SubmissionStatus.ON_TIME.value)),
        When(submitted, then=Value(SubmissionStatus.LATE.value)),
        When(round__deadline__lt=on, then=Value(SubmissionStatus.MISSING.value)),
        default=Value(SubmissionStatus.PENDING.value),
        output_field=models.CharField(),
    )
