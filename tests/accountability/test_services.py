"""Late and missing unit plans, reminders, reviews closing feedback, the area's figures."""

from datetime import date

import pytest

from accountability.models import (
    CadreReview,
    FeedbackState,
    ReviewOutcome,
    SubmissionStatus,
    UnitPlanSubmission,
)
from accountability.services import (
    apply_review,
    area_figures,
    remind_round,
    submission_counts,
    submission_status,
)
from core.models import Notification

pytestmark = pytest.mark.django_db


def _submit(plan_round, unit, on):
    UnitPlanSubmission.objects.filter(round=plan_round, unit=unit).update(submitted_on=on)


@pytest.mark.parametrize("submitted_on, on, expected", [
    (date(2024, 3, 8), date(2024, 3, 20), SubmissionStatus.ON_TIME),
    (date(2024, 3, 10), date(2024, 3, 20), SubmissionStatus.ON_TIME),
    (date(2024, 3, 12), date(2024, 3, 20), SubmissionStatus.LATE),
    (None, date(2024, 3, 11), SubmissionStatus.MISSING),
    (None, date(2024, 3, 10), SubmissionStatus.PENDING),
    (date(2024, 3, 12), date(2024, 3, 11), SubmissionStatus.MISSING),  # as seen on 11/3: not yet sent
])
def test_submission_status_in_python_and_in_the_database_agree(ward_a, round_a, submitted_on, on, expected):
    _submit(round_a, ward_a.unit("ubnd"), submitted_on)
    submission = UnitPlanSubmission.objects.select_related("round").get(round=round_a, unit=ward_a.unit("ubnd"))
    assert submission_status(submission, on) == expected
    assert UnitPlanSubmission.objects.with_status(on).get(pk=submission.pk).status_code == expected


def test_counts_of_a_round(ward_a, round_a):
    _submit(round_a, ward_a.unit("ubnd"), date(2024, 3, 5))
    _submit(round_a, ward_a.unit("mttq"), date(2024, 3, 14))
    submissions = UnitPlanSubmission.objects.filter(round=round_a).select_related("round")
    assert submission_counts(submissions, date(2024, 3, 20)) == {"on_time": 1, "late": 1, "missing": 1,
                                                                  "pending": 0}


def test_reminder_reaches_units_without_a_plan_once_a_day(ward_a, round_a):
    _submit(round_a, ward_a.unit("ubnd"), date(2024, 3, 5))
    reminded = remind_round(round_a, on=date(2024, 3, 8))
    assert {u.pk for u in reminded} == {ward_a.unit("mttq").pk}  # the Women's Union has no login in the fixture
    notification = Notification.objects.get(recipient=ward_a.users["officer_mttq"])
    assert notification.title.startswith("Nhắc nộp kế hoạch thực hiện trước ngày 10/03/2024")
    assert not Notification.objects.filter(recipient=ward_a.users["officer_ubnd"]).exists()
    assert remind_round(round_a, on=date(2024, 3, 8)) == []
    later = remind_round(round_a, on=date(2024, 3, 12))
    assert len(later) == 1
    assert Notification.objects.filter(recipient=ward_a.users["officer_mttq"], title__startswith="Quá hạn").exists()
    assert UnitPlanSubmission.objects.get(round=round_a, unit=ward_a.unit("mttq")).reminded_at is not None


def test_review_closes_the_feedback(feedback_a):
    review = CadreReview.objects.create(feedback=feedback_a, held_on=date(2024, 4, 25), outcome=ReviewOutcome.LESSON)
    apply_review(review)
    feedback_a.refresh_from_db()
    assert feedback_a.state == FeedbackState.REVIEWED
    assert feedback_a.closed_on == date(2024, 4, 25)
    assert review.cadre == feedback_a.cadre and review.unit == feedback_a.unit


def test_review_before_the_feedback_is_refused(feedback_a):
    from django.core.exceptions import ValidationError

    review = CadreReview(feedback=feedback_a, held_on=date(2024, 4, 1), outcome=ReviewOutcome.LESSON)
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert "không được trước ngày tiếp nhận phản ánh (12/04/2024)" in str(error.value)


def test_area_figures(ward_a, ward_b, round_a, feedback_a, feedback_b, set_today):
    set_today(date(2024, 7, 1))
    _submit(round_a, ward_a.unit("ubnd"), date(2024, 3, 5))
    _submit(round_a, ward_a.unit("mttq"), date(2024, 3, 14))
    CadreReview.objects.create(feedback=feedback_a, held_on=date(2024, 5, 2), outcome=ReviewOutcome.LESSON)

    figures = area_figures(ward_a.ward, date(2024, 3, 15), date(2024, 6, 14))

    assert figures.data["unit_plans"] == {"total": 3, "on_time": 1, "late": 1, "missing": 1, "pending": 0}
    assert figures.data["feedback_received"] == 1  # ward B's feedback is not counted
    assert figures.data["reviews"] == 1
    assert figures.status == "danger"
    assert ("Chưa nộp, quá hạn", "1") in figures.rows
