"""Citizen ratings at the one-stop desk (bộ phận một cửa) and the corrective actions low results open."""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.access import AccessPolicy
from core.models import ScopedModel, WardFromUnit, creation_time_field
from core.search import SearchableModel


class Scale(models.IntegerChoices):
    """How many levels the rating page offers. Three is the national scale (Circular 32/2017/TT-BTTTT)."""

    THREE = 3, _("3 mức (Rất hài lòng, Hài lòng, Chưa hài lòng)")
    FOUR = 4, _("4 mức (Rất hài lòng, Hài lòng, Bình thường, Không hài lòng)")
    FIVE = 5, _("5 mức (Rất hài lòng … Rất không hài lòng)")


class Level(models.TextChoices):
    """One answer of a citizen. The levels of every scale share these codes, so shares add up across scales."""

    VERY_SATISFIED = "very_satisfied", _("Rất hài lòng")
    SATISFIED = "satisfied", _("Hài lòng")
    NEUTRAL = "neutral", _("Bình thường")
    NOT_YET_SATISFIED = "not_yet_satisfied", _("Chưa hài lòng")
    DISSATISFIED = "dissatisfied", _("Không hài lòng")
    VERY_DISSATISFIED = "very_dissatisfied", _("Rất không hài lòng")


class Channel(models.TextChoices):
    KIOSK = "kiosk", _("Thiết bị tại quầy")
    QR = "qr", _("Mã QR, điện thoại của người dân")


class SatisfactionSettings(ScopedModel):
    """What a ward chose for its rating pages and the threshold that opens a corrective action."""

    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True)

    ward = models.OneToOneField("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                                related_name="satisfaction_settings")
    scale = models.PositiveSmallIntegerField(_("thang đánh giá"), choices=Scale.choices, default=Scale.THREE)
    threshold = models.DecimalField(
        _("ngưỡng chỉ số hài lòng (%)"), max_digits=5, decimal_places=2, default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Dưới ngưỡng này (trong một tháng) thì mở hành động khắc phục cho người đứng đầu đơn vị."),
    )
    minimum_ratings = models.PositiveIntegerField(
        _("số lượt tối thiểu để xét ngưỡng"), default=20,
        help_text=_("Quầy hoặc cán bộ có ít lượt hơn thì chưa xét, tránh kết luận từ vài lượt đánh giá."),
    )
    idle_seconds = models.PositiveIntegerField(
        _("thời gian chờ trước khi trở về màn hình đầu (giây)"), default=45,
        validators=[MinValueValidator(10), MaxValueValidator(600)],
    )
    question = models.CharField(
        _("câu hỏi trên màn hình"), max_length=255,
        default="Ông/bà có hài lòng với việc giải quyết thủ tục hành chính hôm nay không?",
    )

    class Meta:
        verbose_name = _("thiết lập đánh giá hài lòng")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale__in=[3, 4, 5]), name="satisfaction_settings_scale",
                violation_error_message=_("Thang đánh giá phải có 3, 4 hoặc 5 mức."),
            ),
        ]

    def __str__(self):
        return _("Thiết lập đánh giá hài lòng – %(ward)s") % {"ward": self.ward}

    def get_absolute_url(self):
        return reverse("satisfaction:settings")


class RatingReason(ScopedModel):
    """A reason a citizen may tick (thái độ, thời gian chờ, hướng dẫn, kết quả …); the ward edits the list."""

    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                             related_name="+")
    label = models.CharField(_("lý do"), max_length=120)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lý do đánh giá")
        ordering = ["ward", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "label"], name="rating_reason_unique_label",
                                    violation_error_message=_("Lý do này đã có trong danh sách.")),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("satisfaction:settings")


class Service(ScopedModel):
    """A field of administrative procedures handled at the desk (Hộ tịch, Chứng thực, Đất đai …)."""

    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                             related_name="+")
    name = models.CharField(_("lĩnh vực, thủ tục"), max_length=160)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực thủ tục")
        ordering = ["ward", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "name"], name="service_unique_name",
                                    violation_error_message=_("Lĩnh vực này đã có.")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("satisfaction:settings")


def new_public_code():
    # Short, unguessable: the QR page is open, but nobody should walk through the desks by number.
    return secrets.token_urlsafe(6).replace("-", "x").replace("_", "y").lower()


class ServiceDesk(WardFromUnit, SearchableModel, ScopedModel):
    """A service desk of the one-stop shop (quầy) with its public rating page."""

    detail_url_name = "satisfaction:desk_detail"
    search_fields = ("name", "location", "unit__name")
    access_policy = AccessPolicy(unit_fields=("unit",), ward_readable=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.PROTECT,
                             related_name="+", editable=False)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT,
                             related_name="service_desks")
    name = models.CharField(_("tên quầy"), max_length=160)
    location = models.CharField(_("vị trí"), max_length=255, blank=True)
    public_code = models.SlugField(_("mã trang đánh giá"), max_length=32, unique=True, default=new_public_code,
                                   editable=False)
    services = models.ManyToManyField(Service, verbose_name=_("lĩnh vực tiếp nhận"), blank=True,
                                      related_name="desks")
    on_duty = models.ForeignKey("organisations.Person", verbose_name=_("cán bộ đang trực"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    audit_options = {"m2m_fields": {"services"}}

    class Meta:
        verbose_name = _("quầy tiếp nhận")
        ordering = ["ward", "name"]

    def __str__(self):
        return self.name


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class KioskDevice(ScopedModel):
    """A tablet of the ward allowed to post ratings to a desk's kiosk page. Only the token's hash is kept."""

    shown_on = "desk"
    access_policy = AccessPolicy(unit_fields=("desk__unit",))

    desk = models.ForeignKey(ServiceDesk, verbose_name=_("quầy"), on_delete=models.CASCADE, related_name="devices")
    name = models.CharField(_("tên thiết bị"), max_length=120)
    token_hash = models.CharField(_("mã băm khóa thiết bị"), max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("đang được phép"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người cấp"), null=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = creation_time_field(_("thời điểm cấp"))
    last_seen_at = models.DateTimeField(_("lần gửi gần nhất"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("thiết bị đánh giá")
        ordering = ["desk", "name"]

    def __str__(self):
        return f"{self.name} – {self.desk}"

    @classmethod
    def issue(cls, desk, name, user=None):
        """Create a device and return it with its token, shown once and never stored in clear."""
        token = secrets.token_urlsafe(24)
        device = cls.objects.create(desk=desk, name=name, token_hash=hash_token(token), created_by=user)
        return device, token


class Rating(ScopedModel):
    """One citizen's rating. Anonymous: no name, phone or address is asked or kept."""

    access_policy = AccessPolicy(unit_fields=("unit",), ward_field="ward")

    # Made in the browser, so that a rating queued offline and sent twice is stored once.
    client_id = models.UUIDField(_("mã đánh giá (do thiết bị tạo)"), unique=True, editable=False)
    # Every index costs each insert; the composite (…, rated_on) indexes below serve the desk, ward and officer
    # lookups, so their foreign keys carry no index of their own.
    desk = models.ForeignKey(ServiceDesk, verbose_name=_("quầy"), on_delete=models.PROTECT, related_name="ratings",
                             db_index=False)
    # The desk's unit and ward at the time of the rating, so that results need no join to be scoped.
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="+")
    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.PROTECT,
                             related_name="+", db_index=False)
    officer = models.ForeignKey("organisations.Person", verbose_name=_("cán bộ tiếp nhận"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+", db_index=False)
    service = models.ForeignKey(Service, verbose_name=_("lĩnh vực"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+", db_index=False)
    scale = models.PositiveSmallIntegerField(_("thang đánh giá"), choices=Scale.choices)
    level = models.CharField(_("mức độ hài lòng"), max_length=24, choices=Level.choices)
    satisfied = models.BooleanField(_("hài lòng"), editable=False,
                                    help_text=_("Rất hài lòng hoặc Hài lòng: tính vào chỉ số hài lòng."))
    reasons = models.ManyToManyField(RatingReason, verbose_name=_("lý do"), blank=True, related_name="ratings",
                                     through="RatingReasonLink")
    comment = models.TextField(_("góp ý"), blank=True, max_length=1000)
    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices)
    device = models.ForeignKey(KioskDevice, verbose_name=_("thiết bị"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+", db_index=False)
    rated_at = models.DateTimeField(_("thời điểm đánh giá"))
    rated_on = models.DateField(_("ngày đánh giá"))
    received_at = creation_time_field(_("thời điểm nhận"))

    class Meta:
        verbose_name = _("lượt đánh giá")
        ordering = ["-rated_at"]
        indexes = [
            models.Index(fields=["ward", "rated_on"], name="rating_ward_day_idx"),
            models.Index(fields=["desk", "rated_on"], name="rating_desk_day_idx"),
            models.Index(fields=["officer", "rated_on"], name="rating_officer_day_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__in=Level.values), name="rating_level_valid",
                                   violation_error_message=_("Mức độ hài lòng không hợp lệ.")),
        ]

    def __str__(self):
        return f"{self.get_level_display()} – {self.desk} ({self.rated_at:%d/%m/%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("satisfaction:results") + f"?desk={self.desk_id}"


class RatingReasonLink(ScopedModel):
    access_policy = AccessPolicy(unit_fields=("rating__unit",))

    rating = models.ForeignKey(Rating, verbose_name=_("lượt đánh giá"), on_delete=models.CASCADE)
    reason = models.ForeignKey(RatingReason, verbose_name=_("lý do"), on_delete=models.CASCADE, related_name="links")

    class Meta:
        verbose_name = _("lý do của lượt đánh giá")
        constraints = [
            models.UniqueConstraint(fields=["rating", "reason"], name="rating_reason_link_unique",
                                    violation_error_message=_("Lý do đã được chọn.")),
        ]

    def __str__(self):
        return str(self.reason)


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Mới mở")
    IN_PROGRESS = "in_progress", _("Đang khắc phục")
    CLOSED = "closed", _("Đã đóng")


class CorrectiveAction(WardFromUnit, SearchableModel, ScopedModel):
    """Low satisfaction of a desk or an officer in a period, assigned to the head of the unit until closed."""

    # A ward set when the record is opened stays, whatever unit it is later given.
    keep_ward = True
    detail_url_name = "satisfaction:action_detail"
    search_fields = ("title", "unit__name", "measures", "result")
    # The officer whose low satisfaction opened the action does not report its measures or close it himself.
    access_policy = AccessPolicy(unit_fields=("unit",), subject_fields=("officer",))

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.PROTECT,
                             related_name="+", editable=False)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="corrective_actions")
    head = models.ForeignKey("organisations.Person", verbose_name=_("người đứng đầu chịu trách nhiệm"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    desk = models.ForeignKey(ServiceDesk, verbose_name=_("quầy"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="corrective_actions")
    officer = models.ForeignKey("organisations.Person", verbose_name=_("cán bộ"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("nội dung"), max_length=255)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    ratings_count = models.PositiveIntegerField(_("số lượt đánh giá"), default=0)
    index = models.DecimalField(_("chỉ số hài lòng (%)"), max_digits=5, decimal_places=1)
    threshold = models.DecimalField(_("ngưỡng (%)"), max_digits=5, decimal_places=2)
    status = models.CharField(_("trạng thái"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    due_date = models.DateField(_("hạn khắc phục"), null=True, blank=True)
    measures = models.TextField(_("biện pháp khắc phục"), blank=True)
    result = models.TextField(_("kết quả khắc phục"), blank=True)
    closed_on = models.DateField(_("ngày đóng"), null=True, blank=True)
    # One action per subject and period: the check can run any number of times.
    dedup_key = models.CharField(_("khóa chống trùng"), max_length=120, unique=True, editable=False)
    created_at = creation_time_field(_("thời điểm mở"))

    class Meta:
        verbose_name = _("hành động khắc phục")
        ordering = ["-period_end", "-created_at"]
        indexes = [models.Index(fields=["ward", "status"], name="corrective_ward_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | (models.Q(closed_on__isnull=False) & ~models.Q(result="")),
                name="corrective_closed_has_result",
                violation_error_message=_("Khi đóng cần ghi ngày đóng và kết quả khắc phục."),
            ),
        ]

    def __str__(self):
        return self.title
