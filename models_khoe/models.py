"""The "Dân vận khéo" movement: models and exemplars from registration to commendation and replication.

A unit registers a collective model (mô hình) or an individual exemplar (điển hình) for a year with the fields
of the registration form in use and at least one measurable indicator; the bloc appraises it (approve, or
return with comments; every submitted text is kept as a version); the unit reports indicator values,
activities, evidence and publicity through the year; evaluators score it on its bloc's rubric; the bloc
recognises the best in October and records where they were replicated. The workflow's rules live in
``services.py``; the status below is only ever changed there.
"""

import unicodedata
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.access import VIEW, AccessPolicy, RestrictedQuerySet
from core.models import (
    ScopedModel,
    WardFromUnit,
    acting_user_field,
    creation_time_field,
    date_order_constraint,
    filled_when_constraint,
)
from core.numbers import number as plain_number
from core.search import SearchableModel


class Field(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế")
    CULTURE_SOCIETY = "culture_society", _("Văn hóa – xã hội")
    DEFENCE_SECURITY = "defence_security", _("Quốc phòng – an ninh")
    POLITICAL_SYSTEM = "political_system", _("Xây dựng hệ thống chính trị")


class Kind(models.TextChoices):
    COLLECTIVE = "collective", _("Mô hình (tập thể)")
    INDIVIDUAL = "individual", _("Điển hình (cá nhân)")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Chờ thẩm định")
    RETURNED = "returned", _("Trả lại để chỉnh sửa")
    APPROVED = "approved", _("Đã phê duyệt")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    EVALUATED = "evaluated", _("Đã đánh giá")
    RECOGNISED = "recognised", _("Được công nhận")
    REPLICATED = "replicated", _("Đã nhân rộng")


# Stages in which the unit keeps reporting progress, and those of a model that was recognised.
PROGRESS_STATUSES = (Status.APPROVED, Status.IN_PROGRESS, Status.EVALUATED, Status.RECOGNISED, Status.REPLICATED)
SCORING_STATUSES = (Status.IN_PROGRESS, Status.EVALUATED)
RECOGNISED_STATUSES = (Status.RECOGNISED, Status.REPLICATED)
EDITABLE_STATUSES = (Status.REGISTERED, Status.RETURNED)


def name_key(name):
    """The form of a name used to find repeats: NFC, case folded, single spaces (diacritics kept: they differ)."""
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())


class Bloc(ScopedModel):
    """A bloc of the movement (khối thi đua): models are ranked within their bloc and field."""

    detail_url_name = "models_khoe:bloc_detail"
    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                             related_name="kheo_blocs")
    name = models.CharField(_("tên khối"), max_length=255)
    description = models.TextField(_("các đơn vị trong khối"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    min_evaluators = models.PositiveSmallIntegerField(
        _("số người chấm tối thiểu"), default=3, validators=[MinValueValidator(1)],
        help_text=_("Mô hình chỉ được xếp hạng khi đủ số người chấm này."),
    )
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("khối thi đua")
        ordering = ["ward", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "name"], name="kheo_bloc_unique_name",
                                    violation_error_message=_("Phường đã có khối thi đua cùng tên.")),
            models.CheckConstraint(condition=models.Q(min_evaluators__gte=1), name="kheo_bloc_min_evaluators",
                                   violation_error_message=_("Cần ít nhất một người chấm.")),
        ]

    def __str__(self):
        return self.name


class Criterion(ScopedModel):
    """A criterion of a bloc's rubric with its maximum points (editable by the bloc)."""

    shown_on = "bloc"
    access_policy = AccessPolicy(unit_fields=("bloc__ward",), ward_readable=True, bloc_only_change=True)

    bloc = models.ForeignKey(Bloc, verbose_name=_("khối thi đua"), on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("tiêu chí"), max_length=500)
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=1,
                                     validators=[MinValueValidator(Decimal("0.5"))])
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        ordering = ["bloc", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(max_points__gt=0), name="kheo_criterion_points_positive",
                                   violation_error_message=_("Điểm tối đa phải lớn hơn 0.")),
        ]

    def __str__(self):
        return f"{self.name} ({plain_number(self.max_points)} {_('điểm')})"


class EvaluatorAssignment(ScopedModel):
    """A person who scores the models of a bloc in a year (thành viên tổ chấm)."""

    shown_on = "bloc"
    access_policy = AccessPolicy(unit_fields=("bloc__ward",), ward_readable=True, bloc_only_change=True)

    bloc = models.ForeignKey(Bloc, verbose_name=_("khối thi đua"), on_delete=models.CASCADE,
                             related_name="evaluator_assignments")
    year = models.PositiveSmallIntegerField(_("năm"))
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chấm"), on_delete=models.CASCADE,
                                  related_name="kheo_assignments")
    assigned_by = acting_user_field(_("người phân công"))
    assigned_at = creation_time_field(_("thời điểm phân công"))

    class Meta:
        verbose_name = _("người chấm")
        ordering = ["bloc", "year", "evaluator__last_name", "evaluator__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year", "evaluator"], name="kheo_evaluator_unique",
                                    violation_error_message=_("Người này đã được phân công chấm khối này trong năm.")),
        ]
        indexes = [models.Index(fields=["evaluator", "year"], name="kheo_evaluator_year_idx")]

    def __str__(self):
        return f"{self.evaluator} – {self.bloc} ({self.year})"


class MobilizationModel(WardFromUnit, SearchableModel, ScopedModel):
    """A registered "Dân vận khéo" model of a unit, or exemplar of a person, for a year."""

    detail_url_name = "models_khoe:model_detail"
    search_fields = ("name", "unit__name", "unit__short_name", "responsible_name", "objectives")
    access_policy = AccessPolicy(unit_fields=("unit",), ward_readable=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.PROTECT,
                             related_name="+", editable=False)
    year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.COLLECTIVE)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị đăng ký"), on_delete=models.PROTECT,
                             related_name="kheo_models")
    person = models.ForeignKey(
        "organisations.Person", verbose_name=_("cán bộ trong danh sách"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="kheo_models",
        help_text=_("Không bắt buộc: chọn nếu người chịu trách nhiệm có trong danh sách cán bộ."),
    )
    responsible_name = models.CharField(
        _("người đứng đầu chịu trách nhiệm / cá nhân điển hình"), max_length=255,
        help_text=_("Mô hình tập thể: người đứng đầu đơn vị. Điển hình cá nhân: họ tên người đăng ký."),
    )
    responsible_position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    name = models.CharField(_("tên mô hình, điển hình"), max_length=255)
    name_key = models.CharField(_("tên chuẩn hóa"), max_length=255, editable=False, default="")
    field = models.CharField(_("lĩnh vực"), max_length=32, choices=Field.choices)
    bloc = models.ForeignKey(Bloc, verbose_name=_("khối thi đua"), on_delete=models.PROTECT, related_name="models")

    situation = models.TextField(_("thực trạng và lý do lựa chọn"))
    objectives = models.TextField(_("mục tiêu và tiêu chí đánh giá"))
    content_methods = models.TextField(_("nội dung và cách thức thực hiện"))
    scope_beneficiaries = models.TextField(_("địa bàn và đối tượng thụ hưởng"))
    lead_force = models.TextField(_("lực lượng chủ trì"))
    coordinating_forces = models.TextField(_("lực lượng phối hợp"), blank=True)
    participating_forces = models.TextField(_("lực lượng tham gia"), blank=True)
    resources = models.TextField(_("nguồn lực"), blank=True)
    starts_on = models.DateField(_("ngày bắt đầu"))
    milestones = models.TextField(_("các mốc thực hiện"), blank=True)
    evaluation_on = models.DateField(_("thời điểm đánh giá"))
    outputs = models.TextField(_("sản phẩm, kết quả kiểm chứng được"))
    sustainability = models.TextField(_("cách duy trì và nhân rộng"))

    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices, default=Status.REGISTERED,
                              editable=False)
    version = models.PositiveSmallIntegerField(_("lần gửi"), default=1, editable=False)
    registered_on = models.DateField(_("ngày đăng ký"), editable=False)
    approved_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True, editable=False)
    task = models.ForeignKey("plans.Task", verbose_name=_("nhiệm vụ trong kế hoạch"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+", editable=False)
    created_by = acting_user_field(_("người đăng ký"))

    audit_options = {"exclude_fields": ["name_key"]}

    class Meta:
        verbose_name = _("mô hình, điển hình")
        verbose_name_plural = _("mô hình, điển hình Dân vận khéo")
        ordering = ["-year", "bloc__order", "field", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "name_key"], name="kheo_model_unique_name",
                violation_error_message=_("Đơn vị đã đăng ký một mô hình, điển hình cùng tên trong năm này."),
            ),
            date_order_constraint("evaluation_on", "starts_on", "kheo_model_evaluation_after_start",
                                  _("Thời điểm đánh giá phải sau ngày bắt đầu.")),
        ]
        indexes = [
            models.Index(fields=["ward", "year", "status"], name="kheo_model_ward_year_idx"),
            models.Index(fields=["bloc", "field"], name="kheo_model_bloc_field_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join(unicodedata.normalize("NFC", self.name or "").split())
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.starts_on and self.evaluation_on and self.evaluation_on < self.starts_on:
            errors["evaluation_on"] = _("Thời điểm đánh giá phải sau ngày bắt đầu.")
        if self.bloc_id and self.unit_id and self.bloc.ward_id != (self.unit.ward_id or self.unit_id):
            errors["bloc"] = _("Khối thi đua phải thuộc phường của đơn vị đăng ký.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def is_recognised(self):
        return self.status in RECOGNISED_STATUSES


class Direction(models.TextChoices):
    INCREASE = "increase", _("Càng cao càng tốt (đạt khi ≥ chỉ tiêu)")
    DECREASE = "decrease", _("Càng thấp càng tốt (đạt khi ≤ chỉ tiêu)")


class Indicator(ScopedModel):
    """A measurable indicator of a model: what is counted, from where to where, and how."""

    access_policy = AccessPolicy(unit_fields=("model__unit",), ward_readable=True)

    model = models.ForeignKey(MobilizationModel, verbose_name=_("mô hình, điển hình"), on_delete=models.CASCADE,
                              related_name="indicators")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=64)
    baseline = models.DecimalField(_("giá trị ban đầu"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("chỉ tiêu phấn đấu"), max_digits=14, decimal_places=2)
    direction = models.CharField(_("chiều đánh giá"), max_length=16, choices=Direction.choices,
                                 default=Direction.INCREASE)
    method = models.TextField(_("cách đo, nguồn số liệu"))

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu đo lường")
        ordering = ["model", "order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.unit_of_measure})"

    def get_absolute_url(self):
        return f"{self.model.get_absolute_url()}#chi-tieu-{self.pk}"

    def is_met_by(self, value):
        if value is None:
            return False
        if self.direction == Direction.DECREASE:
            return value <= self.target
        return value >= self.target


class IndicatorValue(ScopedModel):
    """A measured value of an indicator on a date."""

    shown_on = "indicator"
    access_policy = AccessPolicy(unit_fields=("indicator__model__unit",), ward_readable=True)

    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE,
                                  related_name="values")
    measured_on = models.DateField(_("ngày đo"))
    value = models.DecimalField(_("giá trị đạt được"), max_digits=14, decimal_places=2)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = acting_user_field()
    created_at = creation_time_field()

    class Meta:
        verbose_name = _("kết quả chỉ tiêu")
        ordering = ["indicator", "measured_on", "created_at"]
        indexes = [models.Index(fields=["indicator", "measured_on"], name="kheo_value_indicator_date_idx")]

    def __str__(self):
        return f"{self.indicator.name}: {plain_number(self.value)} ({self.measured_on:%d/%m/%Y})"


class Activity(ScopedModel):
    """Something the model did (a session, a campaign, a visit), with photos and files as evidence."""

    shown_on = "model"
    page_anchor = "#hoat-dong"
    access_policy = AccessPolicy(unit_fields=("model__unit",), ward_readable=True)

    model = models.ForeignKey(MobilizationModel, verbose_name=_("mô hình, điển hình"), on_delete=models.CASCADE,
                              related_name="activities")
    held_on = models.DateField(_("ngày thực hiện"))
    title = models.CharField(_("hoạt động"), max_length=255)
    description = models.TextField(_("kết quả"), blank=True)
    participants = models.PositiveIntegerField(_("số người tham gia"), null=True, blank=True)
    recorded_by = acting_user_field()
    created_at = creation_time_field()

    class Meta:
        verbose_name = _("hoạt động")
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["model", "held_on"], name="kheo_activity_model_date_idx")]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Channel(models.TextChoices):
    NEWS = "news", _("Bản tin, báo chí")
    RADIO = "radio", _("Đài truyền thanh")
    ZALO = "zalo", _("Nhóm Zalo")
    MEETING = "meeting", _("Hội nghị, cuộc họp")
    WEBSITE = "website", _("Trang thông tin điện tử")
    OTHER = "other", _("Hình thức khác")


class Publicity(ScopedModel):
    """Where the model was publicised: a measure of how far it spread."""

    shown_on = "model"
    page_anchor = "#tuyen-truyen"
    access_policy = AccessPolicy(unit_fields=("model__unit",), ward_readable=True)

    model = models.ForeignKey(MobilizationModel, verbose_name=_("mô hình, điển hình"), on_delete=models.CASCADE,
                              related_name="publicity")
    channel = models.CharField(_("hình thức tuyên truyền"), max_length=16, choices=Channel.choices)
    published_on = models.DateField(_("ngày đăng, phát"))
    title = models.CharField(_("tiêu đề, nội dung"), max_length=255)
    link = models.URLField(_("đường dẫn"), blank=True)
    reach = models.PositiveIntegerField(_("số người tiếp cận (ước tính)"), null=True, blank=True)
    recorded_by = acting_user_field()
    created_at = creation_time_field()

    class Meta:
        verbose_name = _("tin tuyên truyền")
        verbose_name_plural = _("tuyên truyền, lan tỏa")
        ordering = ["-published_on", "-created_at"]
        indexes = [models.Index(fields=["model", "channel"], name="kheo_publicity_channel_idx")]

    def __str__(self):
        return f"{self.get_channel_display()}: {self.title}"


class RegistrationVersion(ScopedModel):
    """The registration as submitted (first time or after a revision): the appraisal reads this text."""

    access_policy = AccessPolicy(unit_fields=("model__unit",), ward_readable=True)

    model = models.ForeignKey(MobilizationModel, verbose_name=_("mô hình, điển hình"), on_delete=models.CASCADE,
                              related_name="versions")
    number = models.PositiveSmallIntegerField(_("lần gửi"))
    content = models.JSONField(_("nội dung đăng ký"), default=dict)
    created_by = acting_user_field(_("người gửi"), editable=True)
    created_at = creation_time_field(_("thời điểm gửi"))

    audit_options = {"exclude_fields": ["content"]}

    class Meta:
        verbose_name = _("phiên bản đăng ký")
        ordering = ["model", "number"]
        constraints = [
            models.UniqueConstraint(fields=["model", "number"], name="kheo_version_unique",
                                    violation_error_message=_("Phiên bản này đã tồn tại.")),
        ]

    def __str__(self):
        return f"{self.model} – {_('lần gửi')} {self.number}"

    def get_absolute_url(self):
        return reverse("models_khoe:model_versions", args=[self.model_id])


class Decision(models.TextChoices):
    APPROVED = "approved", _("Phê duyệt")
    RETURNED = "returned", _("Trả lại để chỉnh sửa")


class Appraisal(ScopedModel):
    """The bloc's appraisal (thẩm định) of one submitted version."""

    shown_on = "model"
    page_anchor = "#tham-dinh"
    access_policy = AccessPolicy(unit_fields=("model__unit",), ward_readable=True, bloc_only_change=True)

    model = models.ForeignKey(MobilizationModel, verbose_name=_("mô hình, điển hình"), on_delete=models.CASCADE,
                              related_name="appraisals")
    version = models.PositiveSmallIntegerField(_("lần gửi được thẩm định"))
    decision = models.CharField(_("kết quả thẩm định"), max_length=16, choices=Decision.choices)
    comments = models.TextField(_("ý kiến thẩm định"), blank=True)
    appraiser = acting_user_field(_("người thẩm định"), editable=True)
    decided_at = creation_time_field(_("thời điểm thẩm định"))

    class Meta:
        verbose_name = _("thẩm định")
        ordering = ["model", "decided_at"]
        constraints = [
            filled_when_constraint("comments", {"decision": "returned"}, "kheo_return_has_comments",
                                   _("Khi trả lại cần ghi ý kiến để đơn vị chỉnh sửa.")),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} – {self.model} ({_('lần gửi')} {self.version})"


class PrivateToEvaluatorQuerySet(RestrictedQuerySet):
    """Scores and notes are the evaluator's own: others see only averages.

    The bloc and the Standing Committee read every evaluator's scores of their ward (never the notes, which the
    pages and the API show to their author only); everybody else, and every change, reaches only their own.
    """

    evaluator_lookup = "evaluator"

    def in_scope(self, user, action=VIEW):
        from organisations.models import Role

        queryset = super().in_scope(user, VIEW)
        if not user or not user.is_authenticated:
            return self.none()
        if user.is_admin:
            return queryset
        if action == VIEW and user.role in (Role.BLOC, Role.STANDING):
            return queryset
        return queryset.filter(**{self.evaluator_lookup: user})


class CriterionScoreQuerySet(PrivateToEvaluatorQuerySet):
    evaluator_lookup = "evaluation__evaluator"


class Evaluation(ScopedModel):
    """One evaluator's year-end score of a model, criterion by criterion, with a private note."""

    access_policy = AccessPolicy(unit_fields=("model__ward",), ward_readable=True)

    model = models.ForeignKey(MobilizationModel, verbose_name=_("mô hình, điển hình"), on_delete=models.CASCADE,
                              related_name="evaluations")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chấm"), on_delete=models.PROTECT,
                                  related_name="kheo_evaluations")
    total = models.DecimalField(_("tổng điểm"), max_digits=6, decimal_places=1, default=Decimal("0"),
                                editable=False)
    note = models.TextField(_("ghi chú riêng"), blank=True,
                            help_text=_("Chỉ người chấm nhìn thấy ghi chú này."))
    scored_at = models.DateTimeField(_("thời điểm chấm"), auto_now=True)

    objects = PrivateToEvaluatorQuerySet.as_manager()

    # Scores are recorded, notes are not: the audit log is read by others, the note is the evaluator's own.
    audit_options = {"exclude_fields": ["note"]}

    class Meta:
        verbose_name = _("phiếu chấm")
        ordering = ["model", "scored_at"]
        constraints = [
            models.UniqueConstraint(fields=["model", "evaluator"], name="kheo_evaluation_unique",
                                    violation_error_message=_("Người này đã chấm mô hình; hãy sửa phiếu đã chấm.")),
        ]

    def __str__(self):
        return f"{self.model} – {self.evaluator}: {plain_number(self.total)}"

    def get_absolute_url(self):
        return reverse("models_khoe:score", args=[self.model_id])


class CriterionScore(ScopedModel):
    shown_on = "evaluation"
    access_policy = AccessPolicy(unit_fields=("evaluation__model__ward",), ward_readable=True)

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("phiếu chấm"), on_delete=models.CASCADE,
                                   related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT,
                                  related_name="scores")
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])

    objects = CriterionScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("điểm theo tiêu chí")
        ordering = ["evaluation", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="kheo_score_unique",
                                    violation_error_message=_("Tiêu chí này đã có điểm trong phiếu.")),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="kheo_score_not_negative",
                                   violation_error_message=_("Điểm không được âm.")),
        ]

    def __str__(self):
        return f"{self.criterion.name}: {plain_number(self.points)}"


class RecognitionRound(ScopedModel):
    """The year's recognition and commendation in October (Tháng dân vận), with its ceremony."""

    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                             related_name="kheo_rounds")
    year = models.PositiveSmallIntegerField(_("năm"))
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True,
                                       help_text=_("Ví dụ: 125-QĐ/ĐU."))
    decided_on = models.DateField(_("ngày công nhận"), help_text=_("Trong Tháng dân vận (tháng 10)."))
    ceremony_on = models.DateField(_("ngày hội nghị biểu dương"), null=True, blank=True)
    ceremony_place = models.CharField(_("địa điểm hội nghị"), max_length=255, blank=True)
    ceremony = models.ForeignKey("meetings.Meeting", verbose_name=_("hội nghị biểu dương"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", editable=False)
    note = models.TextField(_("ghi chú"), blank=True)
    # The Party document header (superior, issuer, place, signer) as it stood at the round's first recognition:
    # its certificates and proposal print it for ever, whatever the ward's document settings become later.
    document_header = models.JSONField(_("đầu văn bản khi công nhận"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("đợt công nhận")
        verbose_name_plural = _("đợt công nhận, biểu dương")
        ordering = ["ward", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "year"], name="kheo_round_unique",
                                    violation_error_message=_("Phường đã có đợt công nhận của năm này.")),
        ]

    def __str__(self):
        return _("Công nhận mô hình, điển hình Dân vận khéo năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("models_khoe:round_detail", args=[self.year])

    def clean(self):
        errors = {}
        if self.decided_on and (self.decided_on.year != self.year or self.decided_on.month != 10):
            errors["decided_on"] = _("Công nhận, biểu dương trong Tháng dân vận: ngày công nhận phải trong "
                                     "tháng 10/%(year)s.") % {"year": self.year}
        if self.ceremony_on and self.ceremony_on.year != self.year:
            errors["ceremony_on"] = _("Hội nghị biểu dương phải trong năm %(year)s.") % {"year": self.year}
        if errors:
            raise ValidationError(errors)


class Recognition(ScopedModel):
    """A model recognised in the year's round, with what it achieved and whether it goes to the city."""

    shown_on = "model"
    access_policy = AccessPolicy(unit_fields=("model__unit",), ward_readable=True, bloc_only_change=True)

    round = models.ForeignKey(RecognitionRound, verbose_name=_("đợt công nhận"), on_delete=models.PROTECT,
                              related_name="recognitions")
    model = models.OneToOneField(MobilizationModel, verbose_name=_("mô hình, điển hình"), on_delete=models.CASCADE,
                                 related_name="recognition")
    achievement = models.TextField(
        _("thành tích, kết quả nổi bật"),
        help_text=_("Đăng trên trang công khai: viết điều mô hình đã làm được, có số liệu."),
    )
    proposed_to_city = models.BooleanField(_("đề nghị Thành ủy biểu dương"), default=False)
    average_score = models.DecimalField(_("điểm bình quân"), max_digits=6, decimal_places=2, editable=False)
    rank = models.PositiveSmallIntegerField(_("xếp hạng trong khối, lĩnh vực"), null=True, blank=True,
                                            editable=False)
    certificate_number = models.PositiveSmallIntegerField(_("số giấy chứng nhận"), editable=False)
    recognised_by = acting_user_field(_("người công nhận"))
    recognised_at = creation_time_field(_("thời điểm ghi nhận"))

    class Meta:
        verbose_name = _("công nhận")
        verbose_name_plural = _("mô hình, điển hình được công nhận")
        ordering = ["round", "certificate_number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "certificate_number"], name="kheo_certificate_unique",
                                    violation_error_message=_("Số giấy chứng nhận đã được dùng.")),
        ]

    def __str__(self):
        return f"{self.model} ({self.round.year})"

    @property
    def certificate_code(self):
        # The Party pattern of a document number (Hướng dẫn 36-HD/VPTW), as the report's "04-BC/ĐU".
        return f"{self.certificate_number:02d}-GCN/ĐU"


class Replication(ScopedModel):
    """A unit that took up a recognised model, with its own results (nhân rộng)."""

    shown_on = "model"
    page_anchor = "#nhan-rong"
    access_policy = AccessPolicy(unit_fields=("model__unit", "adopting_unit"), change_fields=("adopting_unit",),
                                 ward_readable=True)

    model = models.ForeignKey(MobilizationModel, verbose_name=_("mô hình, điển hình"), on_delete=models.CASCADE,
                              related_name="replications")
    adopting_unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị nhân rộng"),
                                      on_delete=models.PROTECT, related_name="kheo_replications")
    started_on = models.DateField(_("ngày bắt đầu áp dụng"))
    results = models.TextField(_("kết quả tại đơn vị"))
    beneficiaries = models.PositiveIntegerField(_("số người, hộ được hưởng lợi"), null=True, blank=True)
    recorded_by = acting_user_field()
    created_at = creation_time_field()

    class Meta:
        verbose_name = _("nhân rộng")
        verbose_name_plural = _("nhân rộng mô hình")
        ordering = ["model", "started_on"]
        constraints = [
            models.UniqueConstraint(fields=["model", "adopting_unit"], name="kheo_replication_unique",
                                    violation_error_message=_("Đơn vị này đã được ghi nhận nhân rộng mô hình.")),
        ]

    def __str__(self):
        return f"{self.model} → {self.adopting_unit}"
