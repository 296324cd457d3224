"""Area 1: accountability of heads and cadres.

* Units' own implementation plans: the ward plan asks every unit for its own plan by a deadline (10/3/2024 in
  the seed). ``UnitPlanRound`` is that call, ``UnitPlanSubmission`` one unit's answer (date, document, file).
* Feedback about cadres: negative feedback or a problem a cadre's lack of skill caused (``CadreFeedback``) and
  the review it leads to (``CadreReview``, kiểm điểm). Only the cadre's unit head, the bloc, the Standing
  Committee (and admins) see them: ``CadreRecordQuerySet.in_scope`` adds that rule to the portal's one
  access mechanism.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from core import periods
from core.access import VIEW, AccessPolicy, RestrictedQuerySet
from core.models import DerivedStatus, ScopedModel, acting_user_field, creation_time_field, date_order_constraint
from core.search import SearchableModel


class UnitPlanRound(SearchableModel, ScopedModel):
    """A call for the units' own implementation plans, with its deadline."""

    detail_url_name = "accountability:round_detail"
    search_fields = ("title", "note")
    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                             related_name="unit_plan_rounds")
    title = models.CharField(_("tên đợt"), max_length=500)
    task = models.ForeignKey(
        "plans.Task", verbose_name=_("nhiệm vụ trong kế hoạch"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="unit_plan_rounds",
        help_text=_("Ví dụ: mục IV.1 – các đơn vị xây dựng kế hoạch thực hiện, báo cáo trước ngày 10/3/2024."),
    )
    opened_on = models.DateField(_("ngày giao"), null=True, blank=True)
    deadline = models.DateField(_("hạn nộp"))
    note = models.TextField(_("yêu cầu, ghi chú"), blank=True)
    created_at = creation_time_field(_("thời điểm tạo"))

    class Meta:
        verbose_name = _("đợt nộp kế hoạch của đơn vị")
        verbose_name_plural = _("kế hoạch thực hiện của các đơn vị")
        ordering = ["-deadline", "-pk"]
        constraints = [
            date_order_constraint("deadline", "opened_on", "unit_plan_round_deadline_after_opening",
                                  _("Hạn nộp không được trước ngày giao."), may_be_empty=("opened_on",)),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opened_on and self.deadline and self.deadline < self.opened_on:
            raise ValidationError({"deadline": _("Hạn nộp (%(deadline)s) không được trước ngày giao (%(opened)s).") % {
                "deadline": self.deadline.strftime("%d/%m/%Y"), "opened": self.opened_on.strftime("%d/%m/%Y")}})


class SubmissionStatus(models.TextChoices):
    ON_TIME = "on_time", _("Đã nộp đúng hạn")
    LATE = "late", _("Nộp muộn")
    MISSING = "missing", _("Chưa nộp, quá hạn")
    PENDING = "pending", _("Chưa nộp, còn hạn")


# One rule, written twice on purpose (Python for a loaded row, SQL for lists); the tests check both agree.
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


class SubmissionQuerySet(RestrictedQuerySet):
    def with_status(self, on=None):
        return self.annotate(status_code=submission_status_expression(on))


class UnitPlanSubmission(DerivedStatus, ScopedModel):
    """One unit's own implementation plan in a round: when it was sent, which document, the file."""

    detail_url_name = "accountability:submission_detail"
    access_policy = AccessPolicy(unit_fields=("unit",))

    round = models.ForeignKey(UnitPlanRound, verbose_name=_("đợt"), on_delete=models.CASCADE,
                              related_name="submissions")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="unit_plan_submissions")
    submitted_on = models.DateField(_("ngày nộp"), null=True, blank=True)
    document_code = models.CharField(_("số, ký hiệu kế hoạch"), max_length=64, blank=True,
                                     help_text=_("Ví dụ: 05-KH/ĐTN, 12/KH-UBND."))
    document_title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_by = acting_user_field(_("người nộp"))
    reminded_at = models.DateTimeField(_("nhắc nhở lần cuối"), null=True, blank=True, editable=False)

    objects = SubmissionQuerySet.as_manager()

    audit_options = {"exclude_fields": ["reminded_at"]}

    class Meta:
        verbose_name = _("kế hoạch của đơn vị")
        ordering = ["round", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="unit_plan_submission_once_per_unit",
                                    violation_error_message=_("Đơn vị này đã có trong đợt nộp kế hoạch.")),
        ]

    def __str__(self):
        return f"{self.unit} – {self.round}"

    def clean(self):
        if not self.submitted_on:
            return
        if self.submitted_on > periods.today():
            raise ValidationError({"submitted_on": _("Ngày nộp không được sau hôm nay.")})
        opened = self.round.opened_on if self.round_id else None
        if opened and self.submitted_on < opened:
            raise ValidationError({"submitted_on": _("Ngày nộp không được trước ngày giao (%(opened)s).") % {
                "opened": opened.strftime("%d/%m/%Y")}})

    status_choices = SubmissionStatus

    def derive_status(self):
        return submission_status(self)


# --- Feedback about cadres and reviews ------------------------------------------------------------------

def unit_headed_by(user):
    """The unit whose head the user is (their cadre record says so), or None."""
    person = getattr(user, "person", None) if user is not None and user.is_authenticated else None
    if person is None or not person.is_unit_head or not person.is_active:
        return None
    return person.unit




class CadreRecordQuerySet(RestrictedQuerySet):
    """The portal's access by unit, narrowed further to the people who may see records about cadres.

    The bloc and the Standing Committee keep their ward scope (the Standing Committee reads, the bloc
    changes); a unit head sees the records of cadres of the unit they head; everybody else (officers,
    steering members, group leaders, city viewers) sees nothing, so every page and endpoint answers 404.
    """

    def in_scope(self, user, action=VIEW):
        from organisations.models import Role

        base = super().in_scope(user, action)
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_admin or user.role in (Role.STANDING, Role.BLOC):
            return base
        head_of = unit_headed_by(user)
        if head_of is None:
            return self.none()
        return base.filter(unit__path__startswith=head_of.path)


class FeedbackSource(models.TextChoices):
    SATISFACTION = "satisfaction", _("Kết quả khảo sát sự hài lòng")
    PETITION = "petition", _("Đơn thư, phản ánh")
    INSPECTION = "inspection", _("Kiểm tra, giám sát")
    SITUATION_REPORT = "situation_report", _("Báo cáo tình hình của Tổ dân vận, tổ liên gia")
    OTHER = "other", _("Nguồn khác")


class FeedbackKind(models.TextChoices):
    NEGATIVE = "negative", _("Phản ánh tiêu cực trong thực thi công vụ")
    SKILL = "skill", _("Mâu thuẫn, bức xúc do nhận thức, kỹ năng hạn chế của cán bộ")


class FeedbackState(models.TextChoices):
    OPEN = "open", _("Đang xem xét")
    REVIEW_REQUIRED = "review_required", _("Phải kiểm điểm")
    REVIEWED = "reviewed", _("Đã kiểm điểm")
    CLOSED = "closed", _("Đã xem xét, không phải kiểm điểm")


class CadreFeedback(SearchableModel, ScopedModel):
    """Negative feedback about a cadre, or a conflict a cadre's lack of skill caused, and what came of it."""

    detail_url_name = "accountability:feedback_detail"
    search_fields = ("summary", "details", "source_reference", "cadre__full_name", "unit__name")
    access_policy = AccessPolicy(unit_fields=("unit",), subject_fields=("cadre",))

    cadre = models.ForeignKey("organisations.Person", verbose_name=_("cán bộ"), on_delete=models.PROTECT,
                              related_name="feedback_records")
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị của cán bộ"), on_delete=models.PROTECT,
                             related_name="cadre_feedback", editable=False)
    received_on = models.DateField(_("ngày tiếp nhận"))
    source = models.CharField(_("nguồn"), max_length=32, choices=FeedbackSource.choices)
    source_reference = models.CharField(_("căn cứ cụ thể"), max_length=255, blank=True,
                                        help_text=_("Ví dụ: đợt khảo sát quý II/2024; biên bản kiểm tra số 03."))
    kind = models.CharField(_("loại phản ánh"), max_length=16, choices=FeedbackKind.choices,
                            default=FeedbackKind.NEGATIVE)
    summary = models.CharField(_("nội dung tóm tắt"), max_length=500)
    details = models.TextField(_("nội dung chi tiết"), blank=True)
    state = models.CharField(_("tình trạng"), max_length=16, choices=FeedbackState.choices,
                             default=FeedbackState.OPEN)
    finding = models.TextField(_("kết quả xác minh"), blank=True)
    closed_on = models.DateField(_("ngày kết thúc xem xét"), null=True, blank=True)
    recorded_by = acting_user_field(_("người ghi nhận"))
    created_at = creation_time_field()

    objects = CadreRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("phản ánh về cán bộ")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["state", "received_on"], name="cadre_feedback_state_idx")]
        constraints = [
            date_order_constraint("closed_on", "received_on", "cadre_feedback_closed_after_received",
                                  _("Ngày kết thúc xem xét không được trước ngày tiếp nhận."),
                                  may_be_empty=("closed_on",)),
        ]

    def __str__(self):
        return f"{self.cadre.full_name}: {self.summary}"

    def save(self, *args, **kwargs):
        if self.cadre_id and not self.unit_id:
            self.unit_id = self.cadre.unit_id
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.received_on and self.received_on > periods.today():
            errors["received_on"] = _("Ngày tiếp nhận không được sau hôm nay.")
        if self.closed_on and self.received_on and self.closed_on < self.received_on:
            errors["closed_on"] = _("Ngày kết thúc xem xét không được trước ngày tiếp nhận.")
        if errors:
            raise ValidationError(errors)


class ReviewLevel(models.TextChoices):
    SELF = "self", _("Tự kiểm điểm, giải trình bằng văn bản")
    COLLECTIVE = "collective", _("Kiểm điểm trước tập thể cơ quan, đơn vị")
    PARTY_CELL = "party_cell", _("Kiểm điểm trước chi bộ")


class ReviewOutcome(models.TextChoices):
    NO_FAULT = "no_fault", _("Không có khuyết điểm")
    LESSON = "lesson", _("Rút kinh nghiệm")
    CRITICISM = "criticism", _("Nhắc nhở, phê bình")
    REPRIMAND = "reprimand", _("Kỷ luật khiển trách")
    WARNING = "warning", _("Kỷ luật cảnh cáo")
    OTHER = "other", _("Hình thức khác")


class CadreReview(ScopedModel):
    """A review (kiểm điểm) a feedback record led to: when, in front of whom, with which outcome."""

    access_policy = AccessPolicy(unit_fields=("unit",), subject_fields=("cadre",))

    feedback = models.ForeignKey(CadreFeedback, verbose_name=_("phản ánh"), on_delete=models.CASCADE,
                                 related_name="reviews")
    cadre = models.ForeignKey("organisations.Person", verbose_name=_("cán bộ"), on_delete=models.PROTECT,
                              related_name="reviews", editable=False)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="cadre_reviews", editable=False)
    held_on = models.DateField(_("ngày kiểm điểm"))
    level = models.CharField(_("hình thức kiểm điểm"), max_length=16, choices=ReviewLevel.choices,
                             default=ReviewLevel.COLLECTIVE)
    chaired_by = models.CharField(_("người chủ trì"), max_length=255, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=ReviewOutcome.choices)
    conclusion = models.TextField(_("kết luận, biện pháp khắc phục"), blank=True)
    recorded_by = acting_user_field(_("người ghi nhận"))
    created_at = creation_time_field()

    objects = CadreRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiểm điểm")
        verbose_name_plural = _("kiểm điểm cán bộ")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"], name="cadre_review_date_idx")]

    def __str__(self):
        return _("Kiểm điểm %(name)s ngày %(date)s") % {"name": self.cadre.full_name,
                                                        "date": self.held_on.strftime("%d/%m/%Y")}

    def save(self, *args, **kwargs):
        if self.feedback_id:
            self.cadre_id = self.feedback.cadre_id
            self.unit_id = self.feedback.unit_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.feedback.get_absolute_url()}#kiem-diem-{self.pk}"

    def clean(self):
        errors = {}
        received = self.feedback.received_on if self.feedback_id else None
        if self.held_on and received and self.held_on < received:
            message = _("Ngày kiểm điểm (%(held)s) không được trước ngày tiếp nhận phản ánh (%(received)s).")
            errors["held_on"] = message % {"held": self.held_on.strftime("%d/%m/%Y"),
                                           "received": received.strftime("%d/%m/%Y")}
        elif self.held_on and self.held_on > periods.today():
            errors["held_on"] = _("Ngày kiểm điểm không được sau hôm nay.")
        if errors:
            raise ValidationError(errors)
