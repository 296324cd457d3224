"""Friendly-government criteria (Chính quyền thân thiện): sets versioned by decision, quarterly self-assessment."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.access import AccessPolicy
from core.models import ScopedModel, WardFromUnit, acting_user_field, creation_time_field, filled_when_constraint
from core.numbers import number as points


class Measure(models.TextChoices):
    """A value the portal measures itself, shown beside the manual score of a criterion."""

    NONE = "", _("Không (chấm thủ công)")
    SATISFACTION_INDEX = "satisfaction_index", _("Chỉ số hài lòng tại quầy trong quý (%)")
    SURVEY_INDEX = "survey_index", _("Chỉ số hài lòng của đợt khảo sát trong quý (%)")
    RATINGS_COUNT = "ratings_count", _("Số lượt người dân đánh giá trong quý")
    DISCLOSURES_SHARE = "disclosures_share", _("Tỷ lệ nội dung đến hạn công khai trong quý đã được công khai (%)")
    DISCLOSURES_COUNT = "disclosures_count", _("Số nội dung công khai đã được phê duyệt trong quý")


# Measures that are a number of things, not a percentage (the page shows them without "%").
COUNT_MEASURES = frozenset({Measure.RATINGS_COUNT, Measure.DISCLOSURES_COUNT})


class CriteriaSet(ScopedModel):
    """A set of criteria issued by a decision (e.g. of the Provincial People's Committee)."""

    detail_url_name = "satisfaction:criteria_set_detail"
    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường áp dụng"), on_delete=models.PROTECT,
                             related_name="+")
    name = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    decision_number = models.CharField(_("số quyết định"), max_length=64,
                                       help_text=_("Ví dụ: 54/2025/QĐ-UBND."))
    decision_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    is_example = models.BooleanField(
        _("bộ tiêu chí mẫu"), default=False,
        help_text=_("Bộ mẫu để tham khảo cấu trúc, không phải bộ tiêu chí chính thức của tỉnh."),
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = creation_time_field(_("thời điểm tạo"))

    class Meta:
        verbose_name = _("bộ tiêu chí Chính quyền thân thiện")
        ordering = ["ward", "-decision_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "decision_number"], name="criteria_set_unique_decision",
                                    violation_error_message=_("Phường đã có bộ tiêu chí theo quyết định này.")),
        ]

    def __str__(self):
        label = f"{self.name} ({self.decision_number})"
        return f"[{_('MẪU')}] {label}" if self.is_example else label


class CriteriaGroup(ScopedModel):
    shown_on = "criteria_set"
    access_policy = AccessPolicy(unit_fields=("criteria_set__ward",), ward_readable=True, bloc_only_change=True)

    criteria_set = models.ForeignKey(CriteriaSet, verbose_name=_("bộ tiêu chí"), on_delete=models.CASCADE,
                                     related_name="groups")
    code = models.CharField(_("mã nhóm"), max_length=16)
    name = models.CharField(_("tên nhóm tiêu chí"), max_length=255)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2,
                                     validators=[MinValueValidator(Decimal("0"))])
    is_bonus = models.BooleanField(_("nhóm điểm thưởng"), default=False)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhóm tiêu chí")
        ordering = ["criteria_set", "order"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criteria_group_unique_code",
                                    violation_error_message=_("Mã nhóm bị trùng trong bộ tiêu chí.")),
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"


class Criterion(ScopedModel):
    shown_on = "group.criteria_set"
    access_policy = AccessPolicy(unit_fields=("group__criteria_set__ward",), ward_readable=True,
                                 bloc_only_change=True)

    group = models.ForeignKey(CriteriaGroup, verbose_name=_("nhóm"), on_delete=models.CASCADE,
                              related_name="criteria")
    code = models.CharField(_("mã tiêu chí"), max_length=16)
    name = models.TextField(_("nội dung tiêu chí"))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2,
                                     validators=[MinValueValidator(Decimal("0"))])
    evidence_required = models.TextField(_("minh chứng cần có"), blank=True)
    measure = models.CharField(_("đo từ dữ liệu cổng"), max_length=32, choices=Measure.choices, blank=True,
                               default=Measure.NONE)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí")
        ordering = ["group__order", "order"]

    def __str__(self):
        return f"{self.code} {self.name[:80]}"

    @property
    def measure_is_percent(self):
        return bool(self.measure) and self.measure not in COUNT_MEASURES


class StarLevel(ScopedModel):
    shown_on = "criteria_set"
    access_policy = AccessPolicy(unit_fields=("criteria_set__ward",), ward_readable=True, bloc_only_change=True)

    criteria_set = models.ForeignKey(CriteriaSet, verbose_name=_("bộ tiêu chí"), on_delete=models.CASCADE,
                                     related_name="star_levels")
    stars = models.PositiveSmallIntegerField(_("số sao"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    min_score = models.DecimalField(_("điểm tối thiểu"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("mức xếp sao")
        ordering = ["criteria_set", "-stars"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "stars"], name="star_level_unique",
                                    violation_error_message=_("Mức sao này đã có.")),
        ]

    def __str__(self):
        return _("%(stars)s sao: từ %(score)s điểm") % {"stars": self.stars, "score": points(self.min_score)}


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Đơn vị đang tự chấm")
    SUBMITTED = "submitted", _("Chờ Khối Dân vận thẩm định")
    REVIEWED = "reviewed", _("Đã thẩm định, chờ đơn vị phản hồi")
    REPLIED = "replied", _("Đơn vị đã phản hồi")
    FINAL = "final", _("Đã chốt")


class Assessment(WardFromUnit, ScopedModel):
    """The ward's self-assessment of one quarter against a criteria set."""

    # A ward set when the record is opened stays, whatever unit it is later given.
    keep_ward = True
    detail_url_name = "satisfaction:assessment_detail"
    access_policy = AccessPolicy(unit_fields=("unit",), ward_readable=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.PROTECT,
                             related_name="+", editable=False)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị tự chấm"), on_delete=models.PROTECT,
                             related_name="friendly_assessments")
    criteria_set = models.ForeignKey(CriteriaSet, verbose_name=_("bộ tiêu chí"), on_delete=models.PROTECT,
                                     related_name="assessments")
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(_("quý"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    status = models.CharField(_("trạng thái"), max_length=16, choices=AssessmentStatus.choices,
                              default=AssessmentStatus.DRAFT, editable=False)
    reply = models.TextField(_("phản hồi của đơn vị"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("gửi thẩm định lúc"), null=True, blank=True, editable=False)
    reviewed_at = models.DateTimeField(_("thẩm định xong lúc"), null=True, blank=True, editable=False)
    replied_at = models.DateTimeField(_("phản hồi lúc"), null=True, blank=True, editable=False)
    finalised_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True, editable=False)
    finalised_by = acting_user_field(_("người chốt"))
    # Frozen when final, so the history does not move when a criteria set is edited later.
    total = models.DecimalField(_("tổng điểm"), max_digits=6, decimal_places=2, null=True, blank=True, editable=False)
    stars = models.PositiveSmallIntegerField(_("số sao"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("kỳ tự đánh giá Chính quyền thân thiện")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "year", "quarter"], name="assessment_unique_quarter",
                                    violation_error_message=_("Phường đã có kỳ tự đánh giá của quý này.")),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="assessment_quarter_range",
                                   violation_error_message=_("Quý phải từ 1 đến 4.")),
        ]

    def __str__(self):
        return _("Tự đánh giá Chính quyền thân thiện quý %(q)s/%(y)s") % {"q": self.quarter, "y": self.year}

    @property
    def is_locked(self):
        return self.status == AssessmentStatus.FINAL


class Review(models.TextChoices):
    PENDING = "", _("Chưa thẩm định")
    ACCEPTED = "accepted", _("Đồng ý")
    ADJUSTED = "adjusted", _("Điều chỉnh")


class CriterionScore(ScopedModel):
    access_policy = AccessPolicy(unit_fields=("assessment__unit",), ward_readable=True)

    assessment = models.ForeignKey(Assessment, verbose_name=_("kỳ tự đánh giá"), on_delete=models.CASCADE,
                                   related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    self_score = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("giải trình của đơn vị"), blank=True)
    review = models.CharField(_("kết quả thẩm định"), max_length=16, choices=Review.choices, blank=True,
                              default=Review.PENDING)
    reviewed_score = models.DecimalField(_("điểm sau thẩm định"), max_digits=6, decimal_places=2, null=True,
                                         blank=True)
    review_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    measured_value = models.DecimalField(_("giá trị đo từ cổng"), max_digits=10, decimal_places=2, null=True,
                                         blank=True, editable=False)
    gap_task = models.ForeignKey("plans.Task", verbose_name=_("nhiệm vụ khắc phục"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta:
        verbose_name = _("điểm tiêu chí")
        ordering = ["assessment", "criterion__group__order", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="criterion_score_unique",
                                    violation_error_message=_("Tiêu chí đã có điểm trong kỳ này.")),
            filled_when_constraint("review_reason", {"review": "adjusted"}, "criterion_score_adjust_has_reason",
                                   _("Điều chỉnh điểm phải ghi lý do.")),
        ]

    def __str__(self):
        return f"{self.criterion.code} – {self.assessment}"

    def get_absolute_url(self):
        return self.assessment.get_absolute_url() + f"#tc-{self.pk}"

    @property
    def final_score(self):
        if self.review == Review.ADJUSTED:
            return self.reviewed_score
        return self.self_score
