"""Units (the tree of the political system), people (cán bộ) and user accounts."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.access import AccessPolicy
from core.models import ScopedModel, filled_when_constraint
from core.roles import Role  # noqa: F401 (organisations.models.Role is what the apps import)
from core.search import SearchableModel

PATH_STEP = 7  # digits per level in Unit.path


class UnitKind(models.TextChoices):
    CITY = "city", _("Thành ủy / thành phố")
    WARD = "ward", _("Đảng ủy phường")
    PEOPLES_COMMITTEE = "peoples_committee", _("UBND phường")
    FATHERLAND_FRONT = "fatherland_front", _("Ủy ban MTTQ")
    MASS_ORGANISATION = "mass_org", _("Tổ chức chính trị - xã hội")
    MOBILIZATION_BLOC = "bloc", _("Khối Dân vận")
    PARTY_CELL = "party_cell", _("Chi bộ")
    RESIDENTIAL_GROUP = "residential_group", _("Tổ dân phố")
    STEERING_COMMITTEE = "steering_committee", _("Ban chỉ đạo")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    OTHER = "other", _("Đơn vị khác")


class SteeringArea(models.TextChoices):
    DEMOCRACY = "democracy", _("Quy chế dân chủ ở cơ sở")
    RELIGION = "religion", _("Công tác tôn giáo")
    COMMUNITY_GROUPS = "community_groups", _("Tổ dân vận cộng đồng")


class Unit(SearchableModel, ScopedModel):
    """A unit of the political system: city, ward, People's Committee, organisation, cell, TDP …"""

    detail_url_name = "organisations:unit_detail"
    search_fields = ("name", "short_name", "code")
    access_policy = AccessPolicy(unit_fields=("",), ward_readable=True, bloc_only_change=True, administered=True)

    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitKind.choices)
    steering_area = models.CharField(
        _("lĩnh vực chỉ đạo"), max_length=32, choices=SteeringArea.choices, blank=True,
        help_text=_("Chỉ dành cho Ban chỉ đạo."),
    )
    code = models.SlugField(_("mã đơn vị"), max_length=64, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    aliases = models.JSONField(
        _("tên gọi khác"), default=list, blank=True,
        help_text=_("Các cách gọi đơn vị trong văn bản, dùng khi nhập kế hoạch."),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # Materialised path of ids ("0000001/0000004/") so a subtree is one indexed prefix match.
    path = models.CharField(_("đường dẫn cây"), max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("cấp"), default=0, editable=False)
    ward = models.ForeignKey(
        "self", verbose_name=_("phường"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )

    audit_options = {"exclude_fields": ["path", "depth"]}

    class Meta:
        verbose_name = _("đơn vị")
        ordering = ["path"]
        constraints = [
            filled_when_constraint("steering_area", {"kind": "steering_committee"}, "unit_steering_committee_has_area",
                                   _("Ban chỉ đạo phải có lĩnh vực chỉ đạo.")),
        ]

    def __str__(self):
        return self.name

    @property
    def is_ward(self):
        return self.kind == UnitKind.WARD

    def _compute_tree_fields(self):
        parent_path = self.parent.path if self.parent_id else ""
        self.path = f"{parent_path}{self.pk:0{PATH_STEP}d}/"
        self.depth = self.path.count("/") - 1
        if self.kind == UnitKind.WARD:
            self.ward_id = self.pk
        elif self.parent_id:
            self.ward_id = self.parent.ward_id
        else:
            self.ward_id = None

    def save(self, *args, **kwargs):
        with transaction.atomic():
            old_path = self.path
            if self.pk is None:
                super().save(*args, **kwargs)
                kwargs.pop("force_insert", None)
            self._compute_tree_fields()
            super().save(update_fields=["path", "depth", "ward", "search_text"] if old_path == "" else None)
            if old_path and old_path != self.path:
                for child in self.children.all():
                    child.save()

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        return Unit.objects.filter(pk__in=ids[:-1]).order_by("depth")

    def descendants(self, include_self=True):
        qs = Unit.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)


# Roles that oversee wards rather than work in one: they never act as a unit's officer.
OVERSEEING_ROLES = (Role.CITY_VIEWER, Role.PROVINCE_ADMIN, Role.COMMUNE_ADMIN)
# Roles that keep the organisation data of their subtree current.
ORGANISATION_ADMIN_ROLES = (Role.PROVINCE_ADMIN, Role.COMMUNE_ADMIN)


class Person(SearchableModel, ScopedModel):
    """A cadre or member known to the ward (cán bộ, đảng viên, thành viên)."""

    detail_url_name = "organisations:person_detail"
    search_fields = ("full_name", "position", "unit__name")
    access_policy = AccessPolicy(unit_fields=("unit",), ward_readable=True, administered=True)

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people")
    full_name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    is_unit_head = models.BooleanField(_("người đứng đầu đơn vị"), default=False)
    is_standing_member = models.BooleanField(_("Ủy viên Ban Thường vụ"), default=False)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)

    class Meta:
        verbose_name = _("cán bộ")
        ordering = ["unit__path", "full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.position})" if self.position else self.full_name


class PortalUserManager(UserManager):
    pass


class User(AbstractUser):
    """A login of the portal, tied to a unit and a role."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="users",
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices, default=Role.OFFICER)
    person = models.OneToOneField(
        Person, verbose_name=_("cán bộ"), null=True, blank=True, on_delete=models.SET_NULL, related_name="user",
    )

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        """Vietnamese order: family and middle names, then the given name (Trần Thị Dân)."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()

    @property
    def ward(self):
        if self.unit_id is None:
            return None
        return self.unit if self.unit.is_ward else self.unit.ward

    @property
    def is_admin(self):
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def is_overseer(self):
        """A city viewer or an organisation administrator: reads wards, does none of their work."""
        return self.role in OVERSEEING_ROLES

    def may_see_area(self, area):
        """Sensitive areas (religion) are for their committee, the Standing Committee and admins."""
        if self.is_admin or self.role == Role.STANDING:
            return True
        if self.role in ORGANISATION_ADMIN_ROLES:
            return area is None
        if area == SteeringArea.RELIGION:
            return (
                self.role == Role.STEERING
                and self.unit_id is not None
                and self.unit.kind == UnitKind.STEERING_COMMITTEE
                and self.unit.steering_area == SteeringArea.RELIGION
            )
        return True


class DocumentSettings(ScopedModel):
    """What the ward's Party documents (reports, proposals, certificates) print in their header and signature,
    kept by the bloc so an imported plan's guessed place or signer never reaches a document. An empty field
    takes today's value (core.documents.default_header); approval freezes what a document printed."""

    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True, administered=True)

    ward = models.OneToOneField(Unit, verbose_name=_("phường"), on_delete=models.CASCADE,
                                related_name="document_settings")
    superior = models.CharField(
        _("tổ chức đảng cấp trên"), max_length=255, blank=True,
        help_text=_("Dòng trên cùng của tiêu đề văn bản, ví dụ: Đảng bộ thành phố Bắc Giang."),
    )
    issuer = models.CharField(
        _("cơ quan ban hành"), max_length=255, blank=True,
        help_text=_("Tên cấp ủy ban hành văn bản, ví dụ: Đảng ủy phường Hòa Bình."),
    )
    place = models.CharField(_("địa danh"), max_length=128, blank=True,
                             help_text=_("Địa danh ghi trước ngày tháng, ví dụ: Bắc Giang."))
    signer_name = models.CharField(_("họ tên người ký"), max_length=128, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128, blank=True,
                                    help_text=_("Ví dụ: Bí thư, Phó Bí thư."))
    term = models.CharField(_("nhiệm kỳ"), max_length=32, blank=True,
                            help_text=_("Nhiệm kỳ của cấp ủy, ví dụ: 2025–2030."))
    congress_on = models.DateField(
        _("ngày Đại hội"), null=True, blank=True,
        help_text=_("Ngày bế mạc Đại hội đảng bộ mở đầu nhiệm kỳ: số văn bản (báo cáo, giấy chứng nhận …) đánh lại từ "
                    "01 từ ngày này. Để trống: nhiệm kỳ mới bắt đầu từ ngày 01/01 của năm đại hội."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thông tin ban hành văn bản")

    def __str__(self):
        return str(_("Thông tin ban hành văn bản của %(ward)s") % {"ward": self.ward.name})

    def get_absolute_url(self):
        return reverse("organisations:document_settings")
