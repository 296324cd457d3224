"""State management of religion and belief in a ward (area 5 of the plan).

Sensitive data: every model declares ``area="religion"`` in its access policy, so only the ward's religion
steering committee, the Standing Committee and admins reach it. Records describe places, works, events,
requests and activities; no field records what an ordinary resident believes, and a watch report never
lists the people who attend (closed reports are anonymised after the retention period the committee sets).
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.access import AccessPolicy, RestrictedQuerySet
from core.models import (
    ScopedModel,
    acting_user_field,
    creation_time_field,
    date_order_constraint,
    filled_when_constraint,
)
from core.search import SearchableModel

AREA = "religion"
# Records a watch report may point to as its source (a community group's situation report).
SOURCE_MODELS = ("communitygroups.situationreport",)
DEFAULT_RETENTION_DAYS = 730
ANONYMISED_TEXT = "[Đã ẩn danh theo thời hạn lưu giữ]"


def _ward_policy(lookup="ward"):
    return AccessPolicy(unit_fields=(lookup,), area=AREA)


# ---------------------------------------------------------------------------------------------- choices


class EstablishmentKind(models.TextChoices):
    PAGODA = "pagoda", _("Chùa")
    CHURCH = "church", _("Nhà thờ")
    CHAPEL = "chapel", _("Nhà nguyện")
    COMMUNAL_HOUSE = "communal_house", _("Đình")
    TEMPLE = "temple", _("Đền")
    SHRINE = "shrine", _("Miếu")
    CLAN_HALL = "clan_hall", _("Nhà thờ họ")
    OTHER = "other", _("Cơ sở khác")


class Religion(models.TextChoices):
    BUDDHISM = "buddhism", _("Phật giáo")
    CATHOLICISM = "catholicism", _("Công giáo")
    PROTESTANTISM = "protestantism", _("Tin lành")
    CAODAISM = "caodaism", _("Cao Đài")
    HOA_HAO = "hoa_hao", _("Phật giáo Hòa Hảo")
    FOLK_BELIEF = "folk_belief", _("Tín ngưỡng dân gian (thờ Thành hoàng, Thánh, Mẫu…)")
    ANCESTOR_WORSHIP = "ancestor_worship", _("Thờ cúng tổ tiên (dòng họ)")
    OTHER = "other", _("Tôn giáo, tín ngưỡng khác")


class CertificateStatus(models.TextChoices):
    ISSUED = "issued", _("Đã cấp")
    ELIGIBLE = "eligible", _("Đủ điều kiện, chưa cấp")
    REQUESTED = "requested", _("Đã đề nghị cấp")
    INELIGIBLE = "ineligible", _("Không đủ điều kiện")


class HeritageRank(models.TextChoices):
    NONE = "", _("Chưa xếp hạng")
    PROVINCIAL = "provincial", _("Di tích cấp tỉnh")
    NATIONAL = "national", _("Di tích quốc gia")
    SPECIAL = "special", _("Di tích quốc gia đặc biệt")


class WorkKind(models.TextChoices):
    NEW_BUILD = "new_build", _("Xây dựng mới")
    REPAIR = "repair", _("Sửa chữa")
    RENOVATION = "renovation", _("Cải tạo, nâng cấp, mở rộng")


class PermitState(models.TextChoices):
    NOT_REQUIRED = "not_required", _("Không phải cấp phép")
    NOT_APPLIED = "not_applied", _("Chưa nộp hồ sơ xin phép")
    APPLIED = "applied", _("Đã nộp hồ sơ, chờ cấp phép")
    GRANTED = "granted", _("Đã được cấp phép")
    REFUSED = "refused", _("Không được cấp phép")


class WorkStage(models.TextChoices):
    PLANNED = "planned", _("Chưa khởi công")
    IN_PROGRESS = "in_progress", _("Đang thi công")
    FINISHED = "finished", _("Đã hoàn thành")


class InspectionResult(models.TextChoices):
    COMPLIANT = "compliant", _("Đúng giấy phép, quy định")
    TO_FIX = "to_fix", _("Có sai sót, yêu cầu khắc phục")
    VIOLATION = "violation", _("Vi phạm, đã lập biên bản")


class InvitationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã tiếp nhận")
    UNDER_REVIEW = "under_review", _("Đang xem xét")
    APPROVED = "approved", _("Đã chấp thuận")
    REJECTED = "rejected", _("Không chấp thuận")
    WITHDRAWN = "withdrawn", _("Đã rút đề nghị")


PENDING_INVITATION = (InvitationStatus.SUBMITTED, InvitationStatus.UNDER_REVIEW)


# Status rules the models, their querysets and the services share (a pagoda's head changes only through an approved
# thỉnh sư request): plain functions of the model layer, so that no model imports them back from services.

def needs_invitation_approval(establishment):
    """A pagoda or another Buddhist establishment takes a new head only through an approved thỉnh sư."""
    return establishment.kind == EstablishmentKind.PAGODA or establishment.religion == Religion.BUDDHISM


NEEDS_APPROVAL_Q = Q(kind=EstablishmentKind.PAGODA) | Q(religion=Religion.BUDDHISM)
UNAPPROVED_CHANGE_Q = (Q(invitation__isnull=True) | ~Q(invitation__status=InvitationStatus.APPROVED)) & Q(
    flag_resolved_on__isnull=True
)


def annotate_head_flag(queryset):
    """Add ``head_flag`` to every establishment of a queryset in the same query (lists, filters)."""
    unapproved = HeadChange.objects.filter(establishment=OuterRef("pk")).filter(UNAPPROVED_CHANGE_Q).filter(
        Q(establishment__kind=EstablishmentKind.PAGODA) | Q(establishment__religion=Religion.BUDDHISM)
    )
    return queryset.annotate(head_flag=Exists(unapproved))


def validate_invitation_establishment(establishment):
    if establishment is not None and not needs_invitation_approval(establishment):
        raise ValidationError({"establishment": _("Thỉnh sư chỉ áp dụng cho chùa và cơ sở Phật giáo.")})


class EventKind(models.TextChoices):
    FESTIVAL = "festival", _("Lễ hội")
    CEREMONY = "ceremony", _("Đại lễ, lễ trọng")
    RETREAT = "retreat", _("Khóa tu, tĩnh tâm")
    PILGRIMAGE = "pilgrimage", _("Hành hương")
    CONGRESS = "congress", _("Hội nghị, đại hội")
    OTHER = "other", _("Sự kiện khác")


class EventRegistration(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký, thông báo")
    ACCEPTED = "accepted", _("Đã chấp thuận")
    NOT_ACCEPTED = "not_accepted", _("Không chấp thuận")
    UNREGISTERED = "unregistered", _("Tổ chức không đăng ký")


class ActivityKind(models.TextChoices):
    UNAUTHORISED_GROUP = "unauthorised_group", _("Điểm, nhóm sinh hoạt tôn giáo trái quy định")
    STRANGE_RELIGION = "strange_religion", _("Hoạt động đạo lạ")
    HEALTH_EXERCISE = "health_exercise", _("Núp bóng thể dục dưỡng sinh")
    COUNSELLING = "counselling", _("Núp bóng tư vấn, chăm sóc sức khỏe")
    PROSELYTISING = "proselytising", _("Dụ dỗ, lôi kéo truyền đạo")
    UNAUTHORISED_WORK = "unauthorised_work", _("Xây dựng, cơi nới trái phép")
    OTHER = "other", _("Hoạt động bất thường khác")


class SourceKind(models.TextChoices):
    COMMUNITY_GROUP = "community_group", _("Báo cáo tình hình của Tổ dân vận cộng đồng")
    RESIDENTIAL_GROUP = "residential_group", _("Tổ trưởng tổ dân phố, liên gia")
    KEY_PERSON = "key_person", _("Cốt cán trong tôn giáo")
    POLICE = "police", _("Công an phường")
    COMMITTEE = "committee", _("Ban chỉ đạo kiểm tra, phát hiện")
    CITIZEN = "citizen", _("Phản ánh của người dân")
    OTHER = "other", _("Nguồn khác")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Thấp")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")


RISK_ORDER = [RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH]


class WatchStatus(models.TextChoices):
    OPEN = "open", _("Đang theo dõi")
    CLOSED = "closed", _("Đã kết thúc")


class KeyPersonRole(models.TextChoices):
    DIGNITARY = "dignitary", _("Chức sắc")
    OFFICIAL = "official", _("Chức việc")
    BELIEF_MANAGER = "belief_manager", _("Người quản lý cơ sở tín ngưỡng")
    FOLLOWER = "follower", _("Tín đồ cốt cán")


# ---------------------------------------------------------------------------------------------- base


def residential_groups_limit():
    return {"kind": "residential_group"}


class WardRecord(ScopedModel):
    """A record of the ward's religion work: the ward decides who may see it."""

    access_policy = _ward_policy()

    ward = models.ForeignKey(
        "organisations.Unit", verbose_name=_("phường"), on_delete=models.PROTECT, related_name="+", editable=False,
    )
    created_at = creation_time_field(_("thời điểm tạo"))
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    class Meta:
        abstract = True

    def get_additional_data(self):
        """Stored with every audit entry (reads too), so the access log is shown per ward."""
        return {"ward": self.ward_id}

    def ward_sources(self):
        """Related objects that name the ward (an establishment, a residential group)."""
        names = ("establishment", "residential_group")
        return [getattr(self, name) for name in names if getattr(self, f"{name}_id", None)]

    def assign_ward(self, user=None):
        """The user's own ward, else (an admin above the wards) the ward of a related object."""
        if self.ward_id:
            return
        if user is not None and user.ward is not None:
            self.ward = user.ward
            return
        for source in self.ward_sources():
            self.ward_id = source.ward_id
            return

    def clean(self):
        super().clean()
        if not self.ward_id:
            self.assign_ward()
        if not self.ward_id:
            raise ValidationError(_("Không xác định được phường: hãy chọn tổ dân phố hoặc cơ sở thờ tự."))
        for source in self.ward_sources():
            if self.ward_id and source.ward_id != self.ward_id:
                raise ValidationError(_("%(name)s không thuộc phường của hồ sơ này.") % {"name": source})
        residential_group = getattr(self, "residential_group", None)
        if residential_group is not None and residential_group.kind != "residential_group":
            raise ValidationError({"residential_group": _("Hãy chọn một tổ dân phố.")})


def _residential_group_field(null=False):
    return models.ForeignKey(
        "organisations.Unit", verbose_name=_("tổ dân phố"), on_delete=models.PROTECT, related_name="+",
        limit_choices_to=residential_groups_limit, null=null, blank=null,
    )


# ---------------------------------------------------------------------------------------------- establishments


class EstablishmentQuerySet(RestrictedQuerySet):
    def with_head_flag(self):
        return annotate_head_flag(self)


class Establishment(SearchableModel, WardRecord):
    """A place of worship or belief (cơ sở thờ tự) on the ward's territory."""

    detail_url_name = "religion:establishment_detail"
    search_fields = ("name", "address", "person_in_charge", "religious_organisation", "residential_group__name")

    kind = models.CharField(_("loại cơ sở"), max_length=32, choices=EstablishmentKind.choices)
    religion = models.CharField(_("tôn giáo, tín ngưỡng"), max_length=32, choices=Religion.choices)
    religious_organisation = models.CharField(
        _("tổ chức tôn giáo trực thuộc"), max_length=255, blank=True,
        help_text=_("Ví dụ: Giáo hội Phật giáo Việt Nam; Giáo phận Bắc Ninh."),
    )
    name = models.CharField(_("tên cơ sở"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=255)
    residential_group = _residential_group_field()
    person_in_charge = models.CharField(
        _("người đứng đầu, phụ trách"), max_length=255, blank=True,
        help_text=_(
            "Người trụ trì, quản nhiệm hoặc trông coi cơ sở. Thay đổi sau này qua mục “Thay đổi người đứng đầu”."
        ),
    )
    head_title = models.CharField(
        _("chức danh"), max_length=128, blank=True, help_text=_("Ví dụ: trụ trì, linh mục quản xứ, thủ từ, trưởng họ."),
    )
    land_area = models.DecimalField(
        _("diện tích đất (m²)"), max_digits=10, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    certificate_status = models.CharField(
        _("giấy chứng nhận QSDĐ"), max_length=32, choices=CertificateStatus.choices,
        default=CertificateStatus.ELIGIBLE,
    )
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=64, blank=True)
    certificate_issued_on = models.DateField(_("ngày cấp giấy chứng nhận"), null=True, blank=True)
    heritage_rank = models.CharField(
        _("xếp hạng di tích"), max_length=32, choices=HeritageRank.choices, blank=True, default=HeritageRank.NONE,
    )
    heritage_decision = models.CharField(_("quyết định xếp hạng"), max_length=128, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = EstablishmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ sở thờ tự")
        ordering = ["residential_group__order", "name"]
        indexes = [
            models.Index(fields=["ward", "kind"], name="religion_est_ward_kind_idx"),
            models.Index(fields=["ward", "certificate_status"], name="religion_est_ward_cert_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(land_area__isnull=True) | models.Q(land_area__gte=0),
                name="religion_establishment_land_area_positive",
                violation_error_message=_("Diện tích đất không được âm."),
            ),
        ]

    def __str__(self):
        return self.name


class CertificateStep(ScopedModel):
    """A step of the land-use certificate (giấy chứng nhận QSDĐ) file: a status change or its progress."""

    shown_on = "establishment"
    access_policy = _ward_policy("establishment__ward")

    establishment = models.ForeignKey(
        Establishment, verbose_name=_("cơ sở thờ tự"), on_delete=models.CASCADE, related_name="certificate_steps",
    )
    recorded_on = models.DateField(_("ngày"))
    previous_status = models.CharField(
        _("tình trạng trước"), max_length=32, choices=CertificateStatus.choices, blank=True,
    )
    status = models.CharField(_("tình trạng"), max_length=32, choices=CertificateStatus.choices)
    note = models.TextField(
        _("tiến độ, nội dung"), blank=True,
        help_text=_("Ví dụ: đã nộp hồ sơ tại bộ phận một cửa; phòng TN&MT đang thẩm định."),
    )
    recorded_by = acting_user_field(_("người ghi"), editable=True)
    created_at = creation_time_field(_("thời điểm ghi"))

    class Meta:
        verbose_name = _("tiến trình giấy chứng nhận")
        ordering = ["establishment", "-recorded_on", "-pk"]
        indexes = [models.Index(fields=["recorded_on"], name="religion_certstep_date_idx")]

    def __str__(self):
        return f"{self.establishment}: {self.get_status_display()} ({self.recorded_on:%d/%m/%Y})"

    def get_additional_data(self):
        return {"ward": self.establishment.ward_id}


# ---------------------------------------------------------------------------------------------- thỉnh sư


class MonkInvitationRequest(SearchableModel, WardRecord):
    """A request to invite a monk to lead a pagoda (thỉnh sư): reviewed and approved by the ward.

    The plan forbids residents from bringing in a monk on their own; a head change of a Buddhist
    establishment without an approved request is flagged (see services.head_change_flag).
    """

    detail_url_name = "religion:invitation_detail"
    search_fields = ("monk_name", "establishment__name", "requested_by", "decision_number")

    establishment = models.ForeignKey(
        Establishment, verbose_name=_("cơ sở thờ tự"), on_delete=models.PROTECT, related_name="invitations",
    )
    monk_name = models.CharField(
        _("nhà tu hành được mời"), max_length=255, help_text=_("Pháp danh (thế danh) của vị sư được đề nghị."),
    )
    monk_origin = models.CharField(_("nơi tu hành hiện nay"), max_length=255, blank=True)
    proposed_role = models.CharField(_("chức vụ dự kiến"), max_length=128, default="Trụ trì")
    requested_by = models.CharField(
        _("tổ chức đề nghị"), max_length=255,
        help_text=_("Ví dụ: Ban Trị sự GHPGVN thành phố; Ban hộ tự chùa."),
    )
    submitted_on = models.DateField(_("ngày tiếp nhận"))
    reason = models.TextField(_("lý do đề nghị"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=32, choices=InvitationStatus.choices, default=InvitationStatus.SUBMITTED,
    )
    review_note = models.TextField(_("ý kiến thẩm định"), blank=True)
    review_started_on = models.DateField(_("ngày bắt đầu xem xét"), null=True, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số văn bản trả lời"), max_length=64, blank=True)
    decided_by = acting_user_field(_("người ghi quyết định"), editable=True)

    class Meta:
        verbose_name = _("đề nghị thỉnh sư")
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["ward", "status"], name="religion_inv_ward_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["establishment"], condition=models.Q(status__in=["submitted", "under_review"]),
                name="religion_one_pending_invitation_per_establishment",
                violation_error_message=_("Cơ sở này đang có một đề nghị thỉnh sư chưa giải quyết."),
            ),
            filled_when_constraint("decided_on", {"status__in": ["approved", "rejected"]},
                                   "religion_invitation_decision_dated",
                                   _("Đề nghị đã có quyết định phải có ngày quyết định."), nullable=True),
        ]

    def __str__(self):
        return f"Thỉnh sư {self.monk_name} – {self.establishment}"

    @property
    def is_pending(self):
        return self.status in PENDING_INVITATION

    def clean(self):
        super().clean()
        if self.establishment_id:
            validate_invitation_establishment(self.establishment)
            others = MonkInvitationRequest.objects.filter(
                establishment_id=self.establishment_id, status__in=PENDING_INVITATION
            ).exclude(pk=self.pk)
            if self.is_pending and others.exists():
                raise ValidationError({"establishment": _("Cơ sở này đang có một đề nghị thỉnh sư chưa giải quyết.")})


class HeadChange(ScopedModel):
    """A change of the person who leads an establishment, with the approved request that allowed it."""

    shown_on = "establishment"
    access_policy = _ward_policy("establishment__ward")

    establishment = models.ForeignKey(
        Establishment, verbose_name=_("cơ sở thờ tự"), on_delete=models.CASCADE, related_name="head_changes",
    )
    previous_head = models.CharField(_("người đứng đầu trước đây"), max_length=255, blank=True)
    new_head = models.CharField(_("người đứng đầu mới"), max_length=255)
    head_title = models.CharField(_("chức danh"), max_length=128, blank=True)
    changed_on = models.DateField(_("ngày thay đổi"))
    invitation = models.OneToOneField(
        MonkInvitationRequest, verbose_name=_("đề nghị thỉnh sư đã chấp thuận"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="head_change",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    flag_resolved_on = models.DateField(_("ngày xử lý cảnh báo"), null=True, blank=True)
    resolution_note = models.TextField(_("cách đã xử lý"), blank=True)
    recorded_by = acting_user_field(_("người ghi"), editable=True)
    created_at = creation_time_field(_("thời điểm ghi"))

    class Meta:
        verbose_name = _("thay đổi người đứng đầu")
        ordering = ["establishment", "-changed_on", "-pk"]

    def __str__(self):
        return f"{self.establishment}: {self.previous_head or '—'} → {self.new_head} ({self.changed_on:%d/%m/%Y})"

    def get_additional_data(self):
        return {"ward": self.establishment.ward_id}


# ---------------------------------------------------------------------------------------------- works


class ConstructionWork(SearchableModel, WardRecord):
    """Construction or repair of a religious or belief work, with its permit and inspections."""

    detail_url_name = "religion:work_detail"
    search_fields = ("title", "location", "establishment__name", "permit_number")

    establishment = models.ForeignKey(
        Establishment, verbose_name=_("cơ sở thờ tự"), on_delete=models.PROTECT, related_name="works",
        null=True, blank=True,
    )
    residential_group = _residential_group_field(null=True)
    title = models.CharField(_("hạng mục công trình"), max_length=255)
    work_kind = models.CharField(_("loại công việc"), max_length=32, choices=WorkKind.choices)
    description = models.TextField(_("quy mô, nội dung"), blank=True)
    location = models.CharField(
        _("địa điểm"), max_length=255, blank=True, help_text=_("Để trống nếu công trình nằm trong khuôn viên cơ sở."),
    )
    investor = models.CharField(_("chủ đầu tư, người đại diện"), max_length=255, blank=True)
    permit_state = models.CharField(
        _("giấy phép xây dựng"), max_length=32, choices=PermitState.choices, default=PermitState.NOT_APPLIED,
    )
    permit_number = models.CharField(_("số giấy phép"), max_length=64, blank=True)
    permit_issued_on = models.DateField(_("ngày cấp phép"), null=True, blank=True)
    planned_start = models.DateField(_("dự kiến khởi công"), null=True, blank=True)
    planned_end = models.DateField(_("dự kiến hoàn thành"), null=True, blank=True)
    started_on = models.DateField(_("ngày khởi công"), null=True, blank=True)
    finished_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("công trình xây dựng, sửa chữa")
        ordering = ["-started_on", "-planned_start", "-pk"]
        indexes = [models.Index(fields=["ward", "permit_state"], name="religion_work_ward_permit_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(finished_on__isnull=True)
                | (models.Q(started_on__isnull=False) & models.Q(finished_on__gte=models.F("started_on"))),
                name="religion_work_finished_after_start",
                violation_error_message=_("Ngày hoàn thành phải sau ngày khởi công (và cần có ngày khởi công)."),
            ),
            date_order_constraint("planned_end", "planned_start", "religion_work_planned_end_after_start",
                                  _("Ngày dự kiến hoàn thành phải sau ngày dự kiến khởi công."),
                                  may_be_empty=("planned_end", "planned_start")),
        ]

    def __str__(self):
        return f"{self.title} – {self.establishment}" if self.establishment_id else self.title

    def clean(self):
        super().clean()
        if not self.establishment_id and not self.location:
            raise ValidationError({"location": _("Hãy chọn cơ sở thờ tự hoặc ghi địa điểm công trình.")})
        if self.establishment_id and not self.residential_group_id:
            self.residential_group_id = self.establishment.residential_group_id


class Inspection(ScopedModel):
    """An inspection of a work (kiểm tra công trình) by the ward's officials."""

    shown_on = "work"
    access_policy = _ward_policy("work__ward")

    work = models.ForeignKey(
        ConstructionWork, verbose_name=_("công trình"), on_delete=models.CASCADE, related_name="inspections",
    )
    inspected_on = models.DateField(_("ngày kiểm tra"))
    inspectors = models.CharField(_("đoàn, cán bộ kiểm tra"), max_length=255)
    result = models.CharField(_("kết quả"), max_length=32, choices=InspectionResult.choices)
    findings = models.TextField(_("nội dung kiểm tra, phát hiện"), blank=True)
    measures = models.TextField(_("yêu cầu, biện pháp"), blank=True)
    fix_due_on = models.DateField(_("hạn khắc phục"), null=True, blank=True)
    recorded_by = acting_user_field(_("người ghi"), editable=True)

    class Meta:
        verbose_name = _("lần kiểm tra")
        ordering = ["work", "-inspected_on", "-pk"]

    def __str__(self):
        return f"Kiểm tra {self.work.title} ngày {self.inspected_on:%d/%m/%Y}"

    def get_additional_data(self):
        return {"ward": self.work.ward_id}


# ---------------------------------------------------------------------------------------------- events


class ReligiousEvent(SearchableModel, WardRecord):
    """A festival or religious event registered with (or notified to) the ward."""

    detail_url_name = "religion:event_detail"
    search_fields = ("name", "location", "organiser", "establishment__name")

    establishment = models.ForeignKey(
        Establishment, verbose_name=_("cơ sở thờ tự"), on_delete=models.PROTECT, related_name="events",
        null=True, blank=True,
    )
    residential_group = _residential_group_field(null=True)
    name = models.CharField(_("tên lễ hội, sự kiện"), max_length=255)
    event_kind = models.CharField(_("loại"), max_length=32, choices=EventKind.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    organiser = models.CharField(_("ban tổ chức"), max_length=255, blank=True)
    expected_attendance = models.PositiveIntegerField(
        _("quy mô dự kiến (lượt người)"), null=True, blank=True, help_text=_("Chỉ ghi con số ước tính."),
    )
    registration = models.CharField(
        _("đăng ký với phường"), max_length=32, choices=EventRegistration.choices,
        default=EventRegistration.REGISTERED,
    )
    registered_on = models.DateField(_("ngày đăng ký, thông báo"), null=True, blank=True)
    outcome = models.TextField(_("tình hình diễn ra, kết quả"), blank=True)

    class Meta:
        verbose_name = _("lễ hội, sự kiện tôn giáo")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["ward", "starts_on"], name="religion_event_ward_start_idx")]
        constraints = [
            date_order_constraint("ends_on", "starts_on", "religion_event_ends_after_start",
                                  _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")),
        ]

    def __str__(self):
        return f"{self.name} ({self.starts_on:%d/%m/%Y})"

    def clean(self):
        super().clean()
        if self.establishment_id and not self.residential_group_id:
            self.residential_group_id = self.establishment.residential_group_id


# ---------------------------------------------------------------------------------------------- watch reports


class WatchReport(SearchableModel, WardRecord):
    """A watch report on unauthorised or unusual religious activity, followed up until closed.

    It describes an activity, a place and the measures taken: never the people who attend.
    Closed reports are anonymised after the ward's retention period (religion.tasks).
    """

    detail_url_name = "religion:watch_detail"
    search_fields = ("location", "description", "residential_group__name")

    residential_group = _residential_group_field(null=True)
    location = models.CharField(
        _("địa điểm"), max_length=255, help_text=_("Nơi diễn ra hoạt động (không ghi tên người)."),
    )
    observed_on = models.DateField(_("ngày phát hiện"))
    activity_kind = models.CharField(_("loại hoạt động"), max_length=32, choices=ActivityKind.choices)
    description = models.TextField(
        _("nội dung hoạt động"),
        help_text=_("Mô tả hoạt động, hình thức, quy mô. Không ghi danh sách hay tên người tham gia."),
    )
    estimated_size = models.PositiveIntegerField(
        _("quy mô ước tính (người)"), null=True, blank=True, help_text=_("Chỉ ghi con số ước tính."),
    )
    source_kind = models.CharField(_("nguồn tin"), max_length=32, choices=SourceKind.choices)
    source_detail = models.CharField(
        _("chi tiết nguồn tin"), max_length=255, blank=True,
        help_text=_("Ví dụ: báo cáo tình hình tháng 5 của Tổ dân vận TDP số 2."),
    )
    # An optional link to the record the information came from (a community group's situation report).
    source_content_type = models.ForeignKey(
        ContentType, verbose_name=_("loại hồ sơ nguồn"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    source_object_id = models.PositiveBigIntegerField(_("mã hồ sơ nguồn"), null=True, blank=True)
    source_record = GenericForeignKey("source_content_type", "source_object_id")
    initial_risk_level = models.CharField(
        _("mức độ rủi ro ban đầu"), max_length=16, choices=RiskLevel.choices, editable=False, default=RiskLevel.LOW,
    )
    risk_level = models.CharField(_("mức độ rủi ro"), max_length=16, choices=RiskLevel.choices)
    measures = models.TextField(_("biện pháp đã áp dụng"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=WatchStatus.choices, default=WatchStatus.OPEN, editable=False,
    )
    closed_on = models.DateField(_("ngày kết thúc theo dõi"), null=True, blank=True, editable=False)
    outcome = models.TextField(_("kết quả xử lý"), blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("thời điểm ẩn danh"), null=True, blank=True, editable=False)
    reported_by = acting_user_field(_("người ghi nhận"))

    class Meta:
        verbose_name = _("báo cáo nắm tình hình")
        ordering = ["-observed_on", "-pk"]
        indexes = [
            models.Index(fields=["ward", "status", "risk_level"], name="religion_watch_open_risk_idx"),
            models.Index(fields=["status", "closed_on"], name="religion_watch_closed_idx"),
        ]
        constraints = [
            filled_when_constraint("closed_on", {"status": "closed"}, "religion_watch_closed_dated",
                                   _("Báo cáo đã kết thúc phải có ngày kết thúc."), nullable=True),
            date_order_constraint("closed_on", "observed_on", "religion_watch_closed_after_observed",
                                  _("Ngày kết thúc không được trước ngày phát hiện."), may_be_empty=("closed_on",)),
        ]

    def __str__(self):
        label = self.get_activity_kind_display()
        return f"Tin số {self.pk}: {label} ({self.observed_on:%d/%m/%Y})" if self.pk else str(label)

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.initial_risk_level = self.risk_level
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # Not tied to a form field: the browser form sets both from "source_report", the API sends them.
        if bool(self.source_content_type_id) != bool(self.source_object_id):
            raise ValidationError(_("Hãy ghi đủ loại và mã hồ sơ nguồn, hoặc để trống cả hai."))
        if self.source_content_type_id:
            content_type = self.source_content_type
            model = content_type.model_class()
            if f"{content_type.app_label}.{content_type.model}" not in SOURCE_MODELS or model is None:
                raise ValidationError(_("Chỉ liên kết được với báo cáo tình hình của Tổ dân vận cộng đồng."))
            if not model._base_manager.filter(pk=self.source_object_id).exists():
                raise ValidationError(_("Không tìm thấy báo cáo tình hình số %(n)s.") % {"n": self.source_object_id})

    @property
    def is_open(self):
        return self.status == WatchStatus.OPEN

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None


class WatchFollowUp(ScopedModel):
    """A follow-up of a watch report: what was checked or done, the risk reassessed, maybe the closing."""

    shown_on = "report"
    access_policy = _ward_policy("report__ward")

    report = models.ForeignKey(
        WatchReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="follow_ups",
    )
    followed_on = models.DateField(_("ngày"))
    action_taken = models.TextField(_("nội dung theo dõi, biện pháp"))
    risk_level = models.CharField(
        _("đánh giá lại mức độ rủi ro"), max_length=16, choices=RiskLevel.choices, blank=True,
    )
    closes_report = models.BooleanField(_("kết thúc theo dõi"), default=False)
    recorded_by = acting_user_field(_("người ghi"), editable=True)
    created_at = creation_time_field(_("thời điểm ghi"))

    class Meta:
        verbose_name = _("lần theo dõi, xử lý")
        ordering = ["report", "followed_on", "pk"]

    def __str__(self):
        return f"{self.report} – {self.followed_on:%d/%m/%Y}"

    def get_additional_data(self):
        return {"ward": self.report.ward_id}


# ---------------------------------------------------------------------------------------------- key persons


class KeyPerson(SearchableModel, WardRecord):
    """A key person (cốt cán) in a religion who helps inform and persuade; contact kept only here."""

    detail_url_name = "religion:keyperson_detail"
    search_fields = ("full_name", "establishment__name", "liaison_officer")

    full_name = models.CharField(_("họ và tên"), max_length=255)
    religion = models.CharField(_("tôn giáo, tín ngưỡng"), max_length=32, choices=Religion.choices)
    religious_role = models.CharField(_("vai trò"), max_length=32, choices=KeyPersonRole.choices)
    title = models.CharField(_("chức danh"), max_length=128, blank=True, help_text=_("Ví dụ: Đại đức, trùm họ đạo."))
    establishment = models.ForeignKey(
        Establishment, verbose_name=_("cơ sở thờ tự"), on_delete=models.SET_NULL, related_name="key_persons",
        null=True, blank=True,
    )
    residential_group = _residential_group_field(null=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    contact_note = models.CharField(_("cách liên hệ khác"), max_length=255, blank=True)
    liaison_unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("đơn vị phụ trách liên hệ"), on_delete=models.SET_NULL,
        related_name="+", null=True, blank=True,
    )
    liaison_officer = models.CharField(_("cán bộ phụ trách liên hệ"), max_length=255, blank=True)
    helps_with = models.TextField(_("nội dung phối hợp"), blank=True)
    is_active = models.BooleanField(_("đang phối hợp"), default=True)

    class Meta:
        verbose_name = _("cốt cán")
        verbose_name_plural = _("cốt cán trong các tôn giáo")
        ordering = ["full_name"]
        indexes = [models.Index(fields=["ward", "religion"], name="religion_key_ward_religion_idx")]

    def __str__(self):
        return f"{self.title} {self.full_name}".strip()

    def clean(self):
        super().clean()
        if self.liaison_unit_id and self.ward_id and self.liaison_unit.ward_id != self.ward_id:
            raise ValidationError({"liaison_unit": _("Đơn vị phụ trách phải thuộc phường.")})


# ---------------------------------------------------------------------------------------------- settings


class RetentionSetting(WardRecord):
    """How long the ward keeps the details of closed watch reports before they are anonymised."""

    watch_report_retention_days = models.PositiveIntegerField(
        _("thời hạn lưu giữ báo cáo đã kết thúc (ngày)"), default=DEFAULT_RETENTION_DAYS,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=_("Sau thời hạn này kể từ ngày kết thúc, nội dung chi tiết của báo cáo được ẩn danh tự động."),
    )
    updated_by = acting_user_field(_("người cập nhật"))

    class Meta:
        verbose_name = _("cài đặt lưu giữ dữ liệu")
        ordering = ["ward"]
        constraints = [
            models.UniqueConstraint(
                fields=["ward"], name="religion_one_retention_setting_per_ward",
                violation_error_message=_("Phường đã có cài đặt lưu giữ."),
            ),
            models.CheckConstraint(
                condition=models.Q(watch_report_retention_days__gte=30),
                name="religion_retention_at_least_30_days",
                violation_error_message=_("Thời hạn lưu giữ tối thiểu là 30 ngày."),
            ),
        ]

    def __str__(self):
        return f"Lưu giữ báo cáo nắm tình hình: {self.watch_report_retention_days} ngày ({self.ward})"

    def get_absolute_url(self):
        return reverse("religion:settings")
