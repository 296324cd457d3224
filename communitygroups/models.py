"""Community mobilization groups (Tổ dân vận cộng đồng), their inter-family groups and households,
Zalo groups, activities (Green Sunday, propaganda, self-management), situation reports sent up to the
Party Committee and People's Committee, and the yearly classification of the groups.

Every row reaches a unit through its group's residential group (tổ dân phố): a group leader whose
account belongs to TDP 1 sees and changes TDP 1's group only. The ward's steering committee
(BCĐ Tổ dân vận cộng đồng) is the second unit of each group, so its members see every group they
steer. Households hold no more personal data than the work needs: address, head of household,
number of members.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.access import AccessPolicy
from core.models import ScopedModel, acting_user_field, creation_time_field, filled_when_constraint
from core.search import SearchableModel, normalise

from .wardunits import ward_peoples_committee, ward_steering_committee

# The two units of a group: the residential group it serves and the steering committee above it.
GROUP_UNITS = ("residential_group", "steering_committee")


def _through(prefix):
    return tuple(f"{prefix}__{lookup}" for lookup in GROUP_UNITS)


SUNDAY = 6  # date.weekday()


class MemberRole(models.TextChoices):
    GROUP_HEAD = "group_head", _("Tổ trưởng Tổ dân vận")
    CELL_SECRETARY = "cell_secretary", _("Bí thư chi bộ")
    RESIDENTIAL_HEAD = "residential_head", _("Tổ trưởng tổ dân phố")
    FRONT_HEAD = "front_head", _("Trưởng ban công tác Mặt trận")
    YOUTH = "youth", _("Bí thư chi đoàn")
    WOMEN = "women", _("Chi hội trưởng phụ nữ")
    VETERANS = "veterans", _("Chi hội trưởng cựu chiến binh")
    ELDERLY = "elderly", _("Chi hội trưởng người cao tuổi")
    POLICE = "police", _("Cảnh sát khu vực")
    INTER_FAMILY_LEADER = "inter_family_leader", _("Tổ trưởng tổ liên gia")
    OTHER = "other", _("Thành viên khác")


class CommunityGroup(SearchableModel, ScopedModel):
    """The Tổ dân vận cộng đồng of one residential group (tổ dân phố)."""

    detail_url_name = "communitygroups:group_detail"
    search_fields = ("name", "residential_group__name")
    access_policy = AccessPolicy(unit_fields=GROUP_UNITS)

    residential_group = models.OneToOneField(
        "organisations.Unit", verbose_name=_("tổ dân phố"), on_delete=models.PROTECT, related_name="community_group",
        limit_choices_to={"kind": "residential_group"},
    )
    steering_committee = models.ForeignKey(
        "organisations.Unit", verbose_name=_("Ban chỉ đạo"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="steered_community_groups",
        limit_choices_to={"kind": "steering_committee", "steering_area": "community_groups"},
        help_text=_("Ban chỉ đạo Tổ dân vận cộng đồng phường; để trống thì lấy Ban chỉ đạo của phường."),
    )
    name = models.CharField(_("tên tổ"), max_length=255, blank=True,
                            help_text=_("Để trống thì đặt theo tên tổ dân phố."))
    established_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("Tổ dân vận cộng đồng")
        ordering = ["residential_group__order", "residential_group__name"]

    def __str__(self):
        return self.name

    def clean(self):
        unit = getattr(self, "residential_group", None) if self.residential_group_id else None
        if unit is not None and unit.kind != "residential_group":
            raise ValidationError({"residential_group": _("Tổ dân vận cộng đồng phải gắn với một tổ dân phố.")})
        committee = self.steering_committee if self.steering_committee_id else None
        if committee is not None and unit is not None and committee.ward_id != unit.ward_id:
            raise ValidationError({"steering_committee": _("Ban chỉ đạo phải thuộc cùng phường với tổ dân phố.")})

    def save(self, *args, **kwargs):
        if not self.name and self.residential_group_id:
            self.name = str(_("Tổ dân vận cộng đồng %(unit)s") % {"unit": self.residential_group.name})
        if self.steering_committee_id is None and self.residential_group_id:
            self.steering_committee = ward_steering_committee(self.residential_group.ward)
        super().save(*args, **kwargs)

    @property
    def ward(self):
        return self.residential_group.ward


class GroupMember(ScopedModel):
    """A member of a community group and their role in it."""

    shown_on = "group"
    access_policy = AccessPolicy(unit_fields=_through("group"))

    group = models.ForeignKey(CommunityGroup, verbose_name=_("Tổ dân vận"), on_delete=models.CASCADE,
                              related_name="members")
    full_name = models.CharField(_("họ và tên"), max_length=255)
    role = models.CharField(_("vai trò trong tổ"), max_length=32, choices=MemberRole.choices)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang tham gia"), default=True)

    class Meta:
        verbose_name = _("thành viên Tổ dân vận")
        ordering = ["group", "order", "full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"


class InterFamilyGroup(ScopedModel):
    """An inter-family group (tổ liên gia): a handful of neighbouring households with a leader."""

    detail_url_name = "communitygroups:interfamily_detail"
    access_policy = AccessPolicy(unit_fields=_through("group"))

    group = models.ForeignKey(CommunityGroup, verbose_name=_("Tổ dân vận"), on_delete=models.CASCADE,
                              related_name="inter_family_groups")
    name = models.CharField(_("tên tổ liên gia"), max_length=128, help_text=_("Ví dụ: Tổ liên gia số 3."))
    leader_name = models.CharField(_("tổ trưởng liên gia"), max_length=255, blank=True)
    leader_phone = models.CharField(_("điện thoại tổ trưởng"), max_length=32, blank=True)
    area = models.CharField(_("địa bàn"), max_length=255, blank=True, help_text=_("Ví dụ: ngõ 12, số 1 đến 20."))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tổ liên gia")
        ordering = ["group", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "name"], name="interfamily_unique_name_per_group",
                violation_error_message=_("Tổ dân vận này đã có tổ liên gia cùng tên."),
            ),
        ]

    def __str__(self):
        return self.name


def household_key(address, head_name):
    """What makes two household rows the same household: address and head, folded."""
    return f"{normalise(address)}|{normalise(head_name)}"[:400]


class Household(SearchableModel, ScopedModel):
    """A household of the residential group: its address, its head and how many people live in it."""

    detail_url_name = "communitygroups:household_detail"
    search_fields = ("address", "head_name")
    access_policy = AccessPolicy(unit_fields=_through("group"))

    group = models.ForeignKey(CommunityGroup, verbose_name=_("Tổ dân vận"), on_delete=models.CASCADE,
                              related_name="households")
    inter_family_group = models.ForeignKey(
        InterFamilyGroup, verbose_name=_("tổ liên gia"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="households",
    )
    address = models.CharField(_("địa chỉ"), max_length=255)
    head_name = models.CharField(_("chủ hộ"), max_length=255)
    members_count = models.PositiveSmallIntegerField(
        _("số nhân khẩu"), default=1, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    zalo_joined = models.BooleanField(_("đã tham gia nhóm Zalo"), default=False)
    dedup_key = models.CharField(_("khóa chống trùng"), max_length=400, editable=False)

    audit_options = {"exclude_fields": ["dedup_key"]}

    class Meta:
        verbose_name = _("hộ gia đình")
        ordering = ["group_id", "address", "pk"]
        indexes = [
            models.Index(fields=["group", "inter_family_group"], name="household_group_ifg_idx"),
            # The household list and the gaps list walk this index in their order, whatever the number of rows.
            models.Index(fields=["group", "address", "id"], name="household_list_order_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "dedup_key"], name="household_unique_per_group",
                violation_error_message=_("Hộ gia đình này (cùng địa chỉ và chủ hộ) đã có trong danh sách."),
            ),
            models.CheckConstraint(
                condition=models.Q(members_count__gte=1), name="household_has_members",
                violation_error_message=_("Số nhân khẩu phải từ 1 trở lên."),
            ),
        ]

    def __str__(self):
        return f"{self.address} – {self.head_name}"

    def clean(self):
        if self.inter_family_group_id and self.group_id and self.inter_family_group.group_id != self.group_id:
            raise ValidationError({"inter_family_group": _("Tổ liên gia phải thuộc cùng Tổ dân vận với hộ gia đình.")})

    def save(self, *args, **kwargs):
        self.dedup_key = household_key(self.address, self.head_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "dedup_key" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "dedup_key"]
        super().save(*args, **kwargs)

    def validate_unique(self, exclude=None):
        self.dedup_key = household_key(self.address, self.head_name)
        super().validate_unique(exclude=exclude)

    def validate_constraints(self, exclude=None):
        self.dedup_key = household_key(self.address, self.head_name)
        if exclude and "dedup_key" in exclude:
            exclude = set(exclude) - {"dedup_key"}
        super().validate_constraints(exclude=exclude)


class ZaloGroup(ScopedModel):
    """The Zalo chat group of an inter-family group: how many people are in it."""

    shown_on = "inter_family_group"
    access_policy = AccessPolicy(unit_fields=_through("inter_family_group__group"))

    inter_family_group = models.OneToOneField(
        InterFamilyGroup, verbose_name=_("tổ liên gia"), on_delete=models.CASCADE, related_name="zalo_group",
    )
    name = models.CharField(_("tên nhóm Zalo"), max_length=255)
    admin_name = models.CharField(_("người quản trị nhóm"), max_length=255, blank=True)
    members_count = models.PositiveIntegerField(_("số thành viên"), default=0)
    created_on = models.DateField(_("ngày lập nhóm"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhóm Zalo tổ liên gia")
        ordering = ["inter_family_group"]

    def __str__(self):
        return self.name


class ActivityKind(models.TextChoices):
    GREEN_SUNDAY = "green_sunday", _("Chủ nhật xanh")
    PROPAGANDA = "propaganda", _("Tuyên truyền")
    SELF_MANAGEMENT = "self_management", _("Hoạt động tự quản")


class PropagandaTopic(models.TextChoices):
    ONLINE_FRAUD = "online_fraud", _("Cảnh báo lừa đảo qua mạng")
    LAW = "law", _("Phổ biến pháp luật, chính sách")
    SECURITY = "security", _("An ninh trật tự")
    ENVIRONMENT = "environment", _("Vệ sinh môi trường")
    GOOD_DEEDS = "good_deeds", _("Lan tỏa việc tốt")
    OTHER = "other", _("Nội dung khác")


class Activity(SearchableModel, ScopedModel):
    """Something a group did: a Green Sunday cleanup, a propaganda session, a self-management activity."""

    detail_url_name = "communitygroups:activity_detail"
    search_fields = ("title", "place", "content")
    access_policy = AccessPolicy(unit_fields=_through("group"))

    group = models.ForeignKey(CommunityGroup, verbose_name=_("Tổ dân vận"), on_delete=models.CASCADE,
                              related_name="activities")
    kind = models.CharField(_("loại hoạt động"), max_length=32, choices=ActivityKind.choices)
    held_on = models.DateField(_("ngày tổ chức"))
    title = models.CharField(_("tên hoạt động"), max_length=255, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255)
    topic = models.CharField(_("chủ đề tuyên truyền"), max_length=32, choices=PropagandaTopic.choices, blank=True)
    participants = models.PositiveIntegerField(_("số người tham gia"), default=0)
    households_count = models.PositiveIntegerField(_("số hộ tham gia"), default=0)
    reach = models.PositiveIntegerField(_("số người được tuyên truyền"), default=0,
                                        help_text=_("Kể cả người nhận tin qua nhóm Zalo."))
    content = models.TextField(_("nội dung, kết quả"), blank=True,
                               help_text=_("Chủ nhật xanh: đã dọn dẹp những gì, ở đâu, thu gom bao nhiêu rác."))
    author = acting_user_field(editable=True)
    created_at = creation_time_field()

    class Meta:
        verbose_name = _("hoạt động của Tổ dân vận")
        ordering = ["-held_on", "-created_at"]
        indexes = [
            models.Index(fields=["kind", "held_on"], name="cg_activity_kind_date_idx"),
            models.Index(fields=["group", "held_on"], name="cg_activity_group_date_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "held_on"], condition=models.Q(kind="green_sunday"),
                name="cg_one_green_sunday_per_group_day",
                violation_error_message=_("Tổ đã ghi nhận buổi Chủ nhật xanh ngày này."),
            ),
            filled_when_constraint("topic", {"kind": "propaganda"}, "cg_propaganda_has_topic",
                                   _("Buổi tuyên truyền phải có chủ đề.")),
        ]

    def __str__(self):
        label = self.title or self.get_kind_display()
        return f"{label} – {self.group} ({self.held_on:%d/%m/%Y})"

    def clean(self):
        errors = {}
        if self.kind == ActivityKind.GREEN_SUNDAY and self.held_on and self.held_on.weekday() != SUNDAY:
            errors["held_on"] = _("Ngày %(date)s không phải Chủ nhật: Chủ nhật xanh tổ chức vào Chủ nhật.") % {
                "date": self.held_on.strftime("%d/%m/%Y")}
        if self.kind == ActivityKind.PROPAGANDA and not self.topic:
            errors["topic"] = _("Buổi tuyên truyền phải có chủ đề.")
        if self.kind != ActivityKind.PROPAGANDA and self.topic:
            self.topic = ""
        if errors:
            raise ValidationError(errors)


class ReportTopic(models.TextChoices):
    PUBLIC_OPINION = "public_opinion", _("Dư luận, tâm tư nhân dân")
    FRAUD = "fraud", _("Lừa đảo")
    SECURITY_ORDER = "security_order", _("An ninh, trật tự")
    ENVIRONMENT = "environment", _("Môi trường")
    RELIGIOUS_ACTIVITY = "religious_activity", _("Hoạt động tôn giáo")
    OTHER = "other", _("Vấn đề khác")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Bình thường")
    SOON = "soon", _("Cần xử lý sớm")
    URGENT = "urgent", _("Khẩn cấp")


class ReportStatus(models.TextChoices):
    SENT = "sent", _("Đã gửi")
    ACKNOWLEDGED = "acknowledged", _("Đã tiếp nhận")
    ANSWERED = "answered", _("Đã trả lời")


class SituationReport(SearchableModel, ScopedModel):
    """A report on the people's situation (nắm tình hình nhân dân) sent to the Party Committee and UBND."""

    detail_url_name = "communitygroups:report_detail"
    search_fields = ("title", "description", "place")
    # The ward's People's Committee receives the reports: its officers read, acknowledge and answer them.
    access_policy = AccessPolicy(unit_fields=(*_through("group"), "peoples_committee"))

    group = models.ForeignKey(CommunityGroup, verbose_name=_("Tổ dân vận"), on_delete=models.PROTECT,
                              related_name="situation_reports")
    reported_on = models.DateField(_("ngày báo cáo"))
    topic = models.CharField(_("lĩnh vực"), max_length=32, choices=ReportTopic.choices)
    urgency = models.CharField(_("mức độ"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL)
    title = models.CharField(_("tiêu đề"), max_length=255)
    description = models.TextField(_("nội dung tình hình"))
    place = models.CharField(_("địa bàn, địa điểm"), max_length=255, blank=True)
    peoples_committee = models.ForeignKey(
        "organisations.Unit", verbose_name=_("UBND phường nhận báo cáo"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", editable=False,
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.SENT,
                              editable=False)
    author = acting_user_field(_("người báo cáo"), editable=True)
    created_at = creation_time_field(_("thời điểm gửi"))
    acknowledged_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True, editable=False)
    acknowledged_by = acting_user_field(_("người tiếp nhận"))
    answer = models.TextField(_("trả lời, chỉ đạo"), blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True, editable=False)
    answered_by = acting_user_field(_("người trả lời"))
    # The religion area's watch report made from this report (that app's model; kept as an id so that this app
    # does not depend on it).
    religion_watch_report_id = models.PositiveBigIntegerField(_("mã báo cáo theo dõi tôn giáo"), null=True,
                                                               blank=True, editable=False)

    class Meta:
        verbose_name = _("báo cáo nắm tình hình")
        ordering = ["-reported_on", "-created_at"]
        indexes = [
            models.Index(fields=["status", "reported_on"], name="cg_report_status_date_idx"),
            models.Index(fields=["group", "reported_on"], name="cg_report_group_date_idx"),
        ]
        constraints = [
            filled_when_constraint("answer", {"status": "answered"}, "cg_answered_report_has_answer",
                                   _("Báo cáo đã trả lời phải có nội dung trả lời.")),
        ]

    def __str__(self):
        return f"{self.title} ({self.reported_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if self.peoples_committee_id is None and self.group_id:
            self.peoples_committee = ward_peoples_committee(self.group.residential_group.ward)
        super().save(*args, **kwargs)


class Level(models.TextChoices):
    GOOD = "good", _("Tốt")
    FAIR = "fair", _("Khá")
    AVERAGE = "average", _("Trung bình")
    WEAK = "weak", _("Yếu")


def _percent(**kwargs):
    return models.DecimalField(max_digits=5, decimal_places=2, validators=[MinValueValidator(0),
                                                                          MaxValueValidator(100)], **kwargs)


class ClassificationCriteria(ScopedModel):
    """The steering committee's thresholds for classifying the groups of a ward for a year.

    A group is rated at the highest level whose four minima it meets: coverage of households in
    inter-family groups (%), Green Sunday regularity (% of the year's Sundays held), situation reports
    sent and other activities held (propaganda and self-management) in the year; otherwise "Yếu".
    """

    access_policy = AccessPolicy(unit_fields=("steering_committee",), ward_readable=True)

    steering_committee = models.ForeignKey(
        "organisations.Unit", verbose_name=_("Ban chỉ đạo"), on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"kind": "steering_committee", "steering_area": "community_groups"},
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    good_coverage = _percent(verbose_name=_("Tốt: tỷ lệ hộ trong tổ liên gia tối thiểu (%)"), default=100)
    good_regularity = _percent(verbose_name=_("Tốt: tỷ lệ Chủ nhật xanh tối thiểu (%)"), default=90)
    good_reports = models.PositiveSmallIntegerField(_("Tốt: số báo cáo nắm tình hình tối thiểu"), default=12)
    good_activities = models.PositiveSmallIntegerField(_("Tốt: số hoạt động tuyên truyền, tự quản tối thiểu"),
                                                       default=12)
    fair_coverage = _percent(verbose_name=_("Khá: tỷ lệ hộ trong tổ liên gia tối thiểu (%)"), default=95)
    fair_regularity = _percent(verbose_name=_("Khá: tỷ lệ Chủ nhật xanh tối thiểu (%)"), default=75)
    fair_reports = models.PositiveSmallIntegerField(_("Khá: số báo cáo nắm tình hình tối thiểu"), default=6)
    fair_activities = models.PositiveSmallIntegerField(_("Khá: số hoạt động tuyên truyền, tự quản tối thiểu"),
                                                       default=6)
    average_coverage = _percent(verbose_name=_("Trung bình: tỷ lệ hộ trong tổ liên gia tối thiểu (%)"), default=85)
    average_regularity = _percent(verbose_name=_("Trung bình: tỷ lệ Chủ nhật xanh tối thiểu (%)"), default=50)
    average_reports = models.PositiveSmallIntegerField(_("Trung bình: số báo cáo nắm tình hình tối thiểu"),
                                                       default=2)
    average_activities = models.PositiveSmallIntegerField(
        _("Trung bình: số hoạt động tuyên truyền, tự quản tối thiểu"), default=2)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("tiêu chí xếp loại Tổ dân vận")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["steering_committee", "year"], name="cg_criteria_unique_per_year",
                violation_error_message=_("Ban chỉ đạo đã có tiêu chí xếp loại cho năm này."),
            ),
        ]

    def __str__(self):
        return str(_("Tiêu chí xếp loại Tổ dân vận năm %(year)s") % {"year": self.year})

    def get_absolute_url(self):
        return reverse("communitygroups:classification_list") + f"?nam={self.year}"

    def thresholds(self):
        """{level: (coverage, regularity, reports, activities)} from the highest level down."""
        return {
            Level.GOOD: (self.good_coverage, self.good_regularity, self.good_reports, self.good_activities),
            Level.FAIR: (self.fair_coverage, self.fair_regularity, self.fair_reports, self.fair_activities),
            Level.AVERAGE: (self.average_coverage, self.average_regularity, self.average_reports,
                            self.average_activities),
        }

    def clean(self):
        levels = list(self.thresholds().values())
        names = ("coverage", "regularity", "reports", "activities")
        for index, name in enumerate(names):
            values = [level[index] for level in levels]
            if any(v is None for v in values):
                continue
            if not values[0] >= values[1] >= values[2]:
                raise ValidationError(
                    {f"fair_{name}": _("Ngưỡng của mức Tốt phải cao hơn hoặc bằng mức Khá, mức Khá cao hơn hoặc "
                                       "bằng mức Trung bình.")}
                )


class GroupClassification(ScopedModel):
    """A group's classification for a year: computed from the criteria, optionally overridden with a reason."""

    access_policy = AccessPolicy(unit_fields=_through("group"), change_fields=("group__steering_committee",))

    group = models.ForeignKey(CommunityGroup, verbose_name=_("Tổ dân vận"), on_delete=models.CASCADE,
                              related_name="classifications")
    year = models.PositiveSmallIntegerField(_("năm"))
    computed_level = models.CharField(_("xếp loại theo tiêu chí"), max_length=16, choices=Level.choices,
                                      editable=False)
    figures = models.JSONField(_("số liệu xếp loại"), default=dict, blank=True, editable=False)
    computed_at = models.DateTimeField(_("tính lúc"), null=True, blank=True, editable=False)
    override_level = models.CharField(_("xếp loại điều chỉnh"), max_length=16, choices=Level.choices, blank=True)
    override_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    decided_by = acting_user_field(_("người điều chỉnh"))

    audit_options = {"exclude_fields": ["computed_at"]}

    class Meta:
        verbose_name = _("xếp loại Tổ dân vận")
        ordering = ["-year", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year"], name="cg_classification_unique_per_year",
                violation_error_message=_("Tổ đã được xếp loại cho năm này."),
            ),
            models.CheckConstraint(
                condition=models.Q(override_level="") | ~models.Q(override_reason=""),
                name="cg_override_has_reason",
                violation_error_message=_("Điều chỉnh xếp loại phải ghi rõ lý do."),
            ),
        ]

    def __str__(self):
        return f"{self.group} – {self.year}: {self.get_final_level_display()}"

    def get_absolute_url(self):
        return reverse("communitygroups:classification_list") + f"?nam={self.year}"

    @property
    def final_level(self):
        return self.override_level or self.computed_level

    def get_final_level_display(self):
        return Level(self.final_level).label if self.final_level else ""

    @property
    def is_overridden(self):
        return bool(self.override_level) and self.override_level != self.computed_level
