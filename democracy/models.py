"""Area 4: grassroots democracy (Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15).

* Public disclosures (công khai) with the 14 content kinds of art. 11 and the forms of art. 12, the posting
  period of art. 13 (30 consecutive days, some permanently) and the Chairman's approval, which is required
  before a disclosure counts as posted; a yearly checklist of the disclosures the ward must make.
* The chairman's weekly citizen-reception day (Law 42/2013 art. 15); the other yearly minimums (a dialogue
  with residents, each residential group's year-end conference) are meetings (see the meetings app).
* Petitions, complaints and feedback (đơn, thư, phản ánh) with protected sender fields, the legal answer
  deadline, the handling steps and the result; a petition about a cadre opens a cadre feedback record.
* Violations of the democracy law per unit, for the yearly evaluation of party organisations and members.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import periods
from core.access import VIEW, AccessPolicy, RestrictedQuerySet, scope_q
from core.models import ScopedModel, acting_user_field, creation_time_field, date_order_constraint
from core.search import SearchableModel

from .choices import PetitionKind


def is_democracy_committee(user):
    """A member of the ward's steering committee for the democracy regulation (BCĐ Quy chế dân chủ)."""
    from organisations.models import Role, SteeringArea, UnitKind

    unit = getattr(user, "unit", None) if user is not None and user.is_authenticated else None
    return (unit is not None and user.role == Role.STEERING and unit.kind == UnitKind.STEERING_COMMITTEE
            and unit.steering_area == SteeringArea.DEMOCRACY and unit.ward_id is not None)


class DemocracyQuerySet(RestrictedQuerySet):
    """The portal's access by unit; the democracy steering committee also reads its whole ward.

    The committee checks the democracy work of every unit (section IV.2 of the plan), so it reads the area's
    records ward-wide; it changes only what its own unit's scope allows, except on models that set
    ``committee_changes_ward`` (the violations its checks find at any unit of the ward).
    """

    def in_scope(self, user, action=VIEW):
        committee_reach = action == VIEW or getattr(self.model, "committee_changes_ward", False)
        if committee_reach and is_democracy_committee(user):
            ward = user.unit.ward
            return self.filter(scope_q(self.model, self.model.access_policy, ward.path, VIEW))
        return super().in_scope(user, action)


class DisclosureContent(models.TextChoices):
    """The 14 kinds of content the commune level discloses (Law 10/2022 art. 11)."""

    SOCIO_ECONOMIC = "socio_economic", _("Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế")
    BUDGET = "budget", _("Dự toán, quyết toán và tình hình thực hiện ngân sách")
    PROJECTS_LAND = "projects_land", _("Dự án, công trình; thu hồi đất, bồi thường, tái định cư; quy hoạch")
    DEMOCRACY_RULES = "democracy_rules", _("Quy chế thực hiện dân chủ; nhiệm vụ, quy tắc ứng xử của cán bộ")
    RESIDENT_CONTRIBUTIONS = "resident_contributions", _("Các khoản huy động Nhân dân đóng góp và việc sử dụng")
    PUBLIC_ASSETS = "public_assets", _("Quản lý, sử dụng tài sản công")
    SOCIAL_SUPPORT = "social_support", _("Chính sách an sinh xã hội và đối tượng thụ hưởng")
    DISASTER_AID = "disaster_aid", _("Hỗ trợ khắc phục thiên tai, dịch bệnh, sự cố")
    MILITARY_SERVICE = "military_service", _("Danh sách gọi công dân nhập ngũ, thực hiện nghĩa vụ quân sự")
    INSPECTION = "inspection", _("Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo; phòng, chống tham nhũng")
    CONSULTATION = "consultation", _("Kế hoạch và kết quả lấy ý kiến Nhân dân")
    FEES = "fees", _("Mức thu phí, lệ phí")
    ADMIN_PROCEDURES = "admin_procedures", _("Thủ tục hành chính và kết quả giải quyết")
    OTHER = "other", _("Nội dung khác theo quy định của pháp luật")


# Posted permanently (art. 13): the democracy regulation and the administrative procedures.
PERMANENT_CONTENT = {DisclosureContent.DEMOCRACY_RULES, DisclosureContent.ADMIN_PROCEDURES}


class DisclosureChannel(models.TextChoices):
    """The forms of disclosure (Law 10/2022 art. 12)."""

    POSTING_COMMITTEE = "posting_committee", _("Niêm yết tại trụ sở UBND phường")
    POSTING_GROUP = "posting_group", _("Niêm yết tại nhà văn hóa tổ dân phố")
    WEBSITE = "website", _("Trang thông tin điện tử của phường")
    LOUDSPEAKER = "loudspeaker", _("Hệ thống loa, đài truyền thanh")
    GROUP_HEAD = "group_head", _("Thông qua Tổ trưởng tổ dân phố")
    LETTER = "letter", _("Gửi văn bản đến người dân")
    CONFERENCE = "conference", _("Hội nghị")
    CITIZEN_RECEPTION = "citizen_reception", _("Tiếp công dân, trả lời chất vấn")
    MASS_ORGANISATION = "mass_org", _("Thông qua MTTQ, các tổ chức chính trị - xã hội")
    SOCIAL_NETWORK = "social_network", _("Mạng xã hội hợp pháp (nhóm Zalo)")
    OTHER = "other", _("Hình thức khác")


POSTING_CHANNELS = {DisclosureChannel.POSTING_COMMITTEE, DisclosureChannel.POSTING_GROUP}


class DisclosureFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng một lần")
    YEARLY = "yearly", _("Hằng năm")
    WHEN_ARISING = "when_arising", _("Khi phát sinh")
    PERMANENT = "permanent", _("Niêm yết thường xuyên")


class DisclosureRequirement(ScopedModel):
    """An item of the ward's yearly checklist: a disclosure that must happen, and how often."""

    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                             related_name="disclosure_requirements")
    content_kind = models.CharField(_("nội dung theo Điều 11"), max_length=32, choices=DisclosureContent.choices)
    title = models.CharField(_("nội dung phải công khai"), max_length=500)
    frequency = models.CharField(_("tần suất"), max_length=16, choices=DisclosureFrequency.choices)
    grace_days = models.PositiveSmallIntegerField(
        _("số ngày được công khai sau kỳ"), default=0,
        help_text=_("Ví dụ 15: tình hình thực hiện ngân sách quý công khai trong 15 ngày sau khi hết quý."),
    )
    responsible_unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("đơn vị thực hiện"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung phải công khai")
        verbose_name_plural = _("danh mục công khai hằng năm")
        ordering = ["ward", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("democracy:checklist")


class Disclosure(SearchableModel, ScopedModel):
    """A public disclosure: what, for which period, in which form and place, from when to when, approved."""

    detail_url_name = "democracy:disclosure_detail"
    search_fields = ("title", "place", "note", "unit__name")
    access_policy = AccessPolicy(unit_fields=("unit",), ward_readable=True)

    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị công khai"), on_delete=models.PROTECT,
                             related_name="disclosures")
    requirement = models.ForeignKey(
        DisclosureRequirement, verbose_name=_("mục trong danh mục năm"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="disclosures",
    )
    content_kind = models.CharField(_("loại nội dung (Điều 11)"), max_length=32, choices=DisclosureContent.choices)
    title = models.CharField(_("nội dung công khai"), max_length=500)
    period_start = models.DateField(_("kỳ của nội dung: từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("kỳ của nội dung: đến ngày"), null=True, blank=True)
    source_date = models.DateField(
        _("ngày ban hành, phát sinh nội dung"), null=True, blank=True,
        help_text=_("Để tính hạn công khai 5 ngày làm việc (Điều 12 Luật 10/2022)."),
    )
    channel = models.CharField(_("hình thức (Điều 12)"), max_length=32, choices=DisclosureChannel.choices)
    place = models.CharField(_("địa điểm, kênh"), max_length=255, blank=True)
    posted_on = models.DateField(_("ngày bắt đầu công khai"))
    posted_until = models.DateField(_("ngày kết thúc công khai"), null=True, blank=True,
                                    help_text=_("Để trống khi nội dung đang niêm yết."))
    is_permanent = models.BooleanField(_("niêm yết thường xuyên"), default=False)
    approver = models.ForeignKey(
        "organisations.Person", verbose_name=_("người phê duyệt (Chủ tịch UBND)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="approved_disclosures",
    )
    approved_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = acting_user_field()
    created_at = creation_time_field()

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung công khai")
        verbose_name_plural = _("công khai")
        ordering = ["-posted_on", "-pk"]
        indexes = [
            models.Index(fields=["content_kind", "posted_on"], name="disclosure_kind_date_idx"),
            models.Index(fields=["approved_on"], name="disclosure_approved_idx"),
        ]
        constraints = [
            date_order_constraint("posted_until", "posted_on", "disclosure_until_after_posted",
                                  _("Ngày kết thúc công khai không được trước ngày bắt đầu."),
                                  may_be_empty=("posted_until",)),
            date_order_constraint("period_end", "period_start", "disclosure_period_in_order",
                                  _("Kỳ của nội dung: ngày kết thúc không được trước ngày bắt đầu."),
                                  may_be_empty=("period_start", "period_end")),
            models.CheckConstraint(
                condition=models.Q(approver__isnull=True) | models.Q(approved_on__isnull=False),
                name="disclosure_approval_has_date",
                violation_error_message=_("Cần ghi ngày phê duyệt."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.posted_on and self.posted_until and self.posted_until < self.posted_on:
            errors["posted_until"] = _("Ngày kết thúc công khai (%(until)s) không được trước ngày bắt đầu "
                                       "(%(on)s).") % {"until": self.posted_until.strftime("%d/%m/%Y"),
                                                       "on": self.posted_on.strftime("%d/%m/%Y")}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Kỳ của nội dung: ngày kết thúc không được trước ngày bắt đầu.")
        if self.is_permanent and self.posted_until:
            errors["posted_until"] = _("Nội dung niêm yết thường xuyên không có ngày kết thúc; hãy bỏ chọn "
                                       "“niêm yết thường xuyên” nếu đã gỡ.")
        if self.approved_on and self.approved_on > periods.today():
            errors["approved_on"] = _("Ngày phê duyệt không được sau hôm nay.")
        if self.approver_id and not self.approved_on:
            errors["approved_on"] = _("Cần ghi ngày phê duyệt.")
        if self.source_date and self.posted_on and self.source_date > self.posted_on:
            errors["source_date"] = _("Ngày phát sinh nội dung không được sau ngày công khai.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_approved(self):
        return self.approved_on is not None


class CitizenReception(ScopedModel):
    """A citizen-reception day (ngày tiếp công dân): the chairman receives citizens at least one day a week."""

    detail_url_name = "democracy:reception_edit"
    access_policy = AccessPolicy(unit_fields=("unit",), ward_readable=True)

    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="citizen_receptions")
    held_on = models.DateField(_("ngày tiếp công dân"))
    receiver = models.ForeignKey("organisations.Person", verbose_name=_("người tiếp"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="citizen_receptions")
    by_chairman = models.BooleanField(_("Chủ tịch UBND trực tiếp tiếp"), default=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    citizens = models.PositiveSmallIntegerField(_("số lượt công dân"), default=0)
    cases = models.PositiveSmallIntegerField(_("số vụ việc"), default=0)
    summary = models.TextField(_("nội dung chính"), blank=True)
    created_by = acting_user_field()

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("tiếp công dân")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"], name="reception_date_idx")]

    def __str__(self):
        return _("Tiếp công dân ngày %(date)s") % {"date": self.held_on.strftime("%d/%m/%Y")}

    def clean(self):
        if self.held_on and self.held_on > periods.today():
            raise ValidationError({"held_on": _("Ngày tiếp công dân không được sau hôm nay.")})


class PetitionChannel(models.TextChoices):
    DIRECT = "direct", _("Trực tiếp, qua tiếp công dân")
    MAIL = "mail", _("Qua bưu điện, hộp thư góp ý")
    HOTLINE = "hotline", _("Đường dây nóng")
    ONLINE = "online", _("Cổng dịch vụ công, ứng dụng trực tuyến")
    SOCIAL = "social", _("Mạng xã hội, nhóm Zalo")
    GROUP = "group", _("Qua Tổ trưởng TDP, Tổ dân vận")
    FRONT = "front", _("Qua MTTQ, các đoàn thể")
    TRANSFERRED = "transferred", _("Cơ quan cấp trên chuyển đến")
    OTHER = "other", _("Khác")


class PetitionState(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    ANSWERED = "answered", _("Đã trả lời, giải quyết")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan có thẩm quyền")
    FILED = "filed", _("Lưu đơn, không xử lý")


CLOSED_PETITION_STATES = (PetitionState.ANSWERED, PetitionState.TRANSFERRED, PetitionState.FILED)
# Fields that identify the sender: shown only to whom services.may_see_sender allows, never searched,
# masked in the change history.
SENDER_FIELDS = ("sender_name", "sender_address", "sender_phone")


# --- Working days and legal deadlines ------------------------------------------------------------------

# Fixed solar public holidays (Labour Code 2019 art. 112). The lunar ones (Tết, Hùng Kings) move every year:
# list them in settings.DANVAN_PUBLIC_HOLIDAYS ("2025-01-28", …) when the deployment wants them counted.
FIXED_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))


def is_working_day(day):
    if day.weekday() >= 5 or (day.month, day.day) in FIXED_HOLIDAYS:
        return False
    extra = getattr(settings, "DANVAN_PUBLIC_HOLIDAYS", ())
    return day.isoformat() not in extra


def add_working_days(start, days):
    """The date ``days`` working days after ``start`` (start itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def legal_due_date(kind, received_on):
    """The answer deadline a petition gets by default (editable on the record).

    Complaints: accepted within 10 days, settled within 30 days of acceptance (Law on Complaints 2011, art. 27,
    28). Denunciations: accepted within 7 working days, settled within 30 days (Law on Denunciation 2018, art. 24,
    30). Recommendations and feedback: answered within 10 working days (Law on Citizen Reception 2013, art. 28).
    """
    if kind == PetitionKind.COMPLAINT:
        return received_on + timedelta(days=10 + 30)
    if kind == PetitionKind.DENUNCIATION:
        return add_working_days(received_on, 7) + timedelta(days=30)
    return add_working_days(received_on, 10)


class Petition(SearchableModel, ScopedModel):
    """A petition, complaint, denunciation or piece of feedback (đơn, thư, phản ánh) and its handling."""

    detail_url_name = "democracy:petition_detail"
    # Never the sender's fields: a search must not reveal who wrote.
    search_fields = ("subject", "content", "result", "about_unit__name", "about_cadre__full_name",
                     "handling_unit__name")
    access_policy = AccessPolicy(unit_fields=("handling_unit", "about_unit"), change_fields=("handling_unit",),
                                 subject_fields=("about_cadre",))

    handling_unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị xử lý"), on_delete=models.PROTECT,
                                      related_name="handled_petitions")
    received_on = models.DateField(_("ngày tiếp nhận"))
    kind = models.CharField(_("loại đơn"), max_length=16, choices=PetitionKind.choices)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=16, choices=PetitionChannel.choices)
    sender_name = models.CharField(_("họ tên người gửi"), max_length=255, blank=True)
    sender_address = models.CharField(_("địa chỉ người gửi"), max_length=255, blank=True)
    sender_phone = models.CharField(_("điện thoại người gửi"), max_length=32, blank=True)
    subject = models.CharField(_("trích yếu nội dung"), max_length=500)
    content = models.TextField(_("nội dung"), blank=True)
    about_unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị bị phản ánh"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="petitions_about")
    about_cadre = models.ForeignKey("organisations.Person", verbose_name=_("cán bộ bị phản ánh"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="petitions_about")
    due_on = models.DateField(_("hạn trả lời"), blank=True,
                              help_text=_("Để trống: tính theo loại đơn (khiếu nại 10 ngày thụ lý + 30 ngày giải "
                                          "quyết; tố cáo 7 ngày làm việc + 30 ngày; kiến nghị, phản ánh 10 ngày "
                                          "làm việc)."))
    state = models.CharField(_("tình trạng"), max_length=16, choices=PetitionState.choices,
                             default=PetitionState.RECEIVED)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    result = models.TextField(_("kết quả giải quyết"), blank=True)
    cadre_feedback = models.OneToOneField(
        "accountability.CadreFeedback", verbose_name=_("phản ánh về cán bộ đã mở"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="petition", editable=False,
    )
    created_by = acting_user_field(_("người tiếp nhận"))
    created_at = creation_time_field()

    objects = DemocracyQuerySet.as_manager()

    # The sender is protected: the history records that it changed, never what it says.
    audit_options = {"mask_fields": list(SENDER_FIELDS), "mask_callable": "democracy.services.mask_protected"}

    class Meta:
        verbose_name = _("đơn, thư, phản ánh")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["state", "due_on"], name="petition_state_due_idx"),
                   models.Index(fields=["received_on"], name="petition_received_idx")]
        constraints = [
            date_order_constraint("due_on", "received_on", "petition_due_after_received",
                                  _("Hạn trả lời không được trước ngày tiếp nhận.")),
            date_order_constraint("answered_on", "received_on", "petition_answered_after_received",
                                  _("Ngày trả lời không được trước ngày tiếp nhận."), may_be_empty=("answered_on",)),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    def save(self, *args, **kwargs):
        if self.due_on is None and self.received_on:
            self.due_on = legal_due_date(self.kind, self.received_on)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.received_on and self.received_on > periods.today():
            errors["received_on"] = _("Ngày tiếp nhận không được sau hôm nay.")
        if self.received_on and self.due_on and self.due_on < self.received_on:
            errors["due_on"] = _("Hạn trả lời (%(due)s) không được trước ngày tiếp nhận (%(received)s).") % {
                "due": self.due_on.strftime("%d/%m/%Y"), "received": self.received_on.strftime("%d/%m/%Y")}
        if self.answered_on:
            if self.received_on and self.answered_on < self.received_on:
                errors["answered_on"] = _("Ngày trả lời không được trước ngày tiếp nhận.")
            elif self.answered_on > periods.today():
                errors["answered_on"] = _("Ngày trả lời không được sau hôm nay.")
        if self.state == PetitionState.ANSWERED and not self.answered_on:
            errors["answered_on"] = _("Đơn đã trả lời cần có ngày trả lời.")
        if self.about_cadre_id and self.about_unit_id and self.about_cadre.unit_id != self.about_unit_id:
            errors["about_cadre"] = _("Cán bộ bị phản ánh không thuộc đơn vị bị phản ánh đã chọn.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self):
        return self.state in CLOSED_PETITION_STATES


class PetitionStep(ScopedModel):
    """A step of the handling: accepted, verified, transferred, dialogue held, answered …"""

    shown_on = "petition"
    access_policy = AccessPolicy(unit_fields=("petition__handling_unit", "petition__about_unit"),
                                 change_fields=("petition__handling_unit",),
                                 subject_fields=("petition__about_cadre",))

    petition = models.ForeignKey(Petition, verbose_name=_("đơn"), on_delete=models.CASCADE, related_name="steps")
    taken_on = models.DateField(_("ngày"))
    action = models.TextField(_("nội dung xử lý"))
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị thực hiện"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    created_by = acting_user_field()

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("các bước xử lý")
        ordering = ["taken_on", "pk"]

    def __str__(self):
        return f"{self.taken_on:%d/%m/%Y}: {self.action[:80]}"

    def clean(self):
        received = self.petition.received_on if self.petition_id else None
        if self.taken_on and received and self.taken_on < received:
            raise ValidationError({"taken_on": _("Ngày xử lý không được trước ngày tiếp nhận đơn (%(received)s).") % {
                "received": received.strftime("%d/%m/%Y")}})
        if self.taken_on and self.taken_on > periods.today():
            raise ValidationError({"taken_on": _("Ngày xử lý không được sau hôm nay.")})


class ViolationSource(models.TextChoices):
    CHECK = "check", _("Kiểm tra")
    INSPECTION = "inspection", _("Thanh tra")
    SUPERVISION = "supervision", _("Giám sát")
    PETITION = "petition", _("Đơn thư, phản ánh")
    OTHER = "other", _("Nguồn khác")


class Violation(SearchableModel, ScopedModel):
    """A violation of the democracy law found at a unit, listed for the yearly evaluation of the party."""

    detail_url_name = "democracy:violation_detail"
    search_fields = ("description", "article", "measure", "unit__name", "person__full_name")
    access_policy = AccessPolicy(unit_fields=("unit",), subject_fields=("person",))
    committee_changes_ward = True

    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị, tổ chức đảng"), on_delete=models.PROTECT,
                             related_name="democracy_violations")
    person = models.ForeignKey("organisations.Person", verbose_name=_("cán bộ, đảng viên liên quan"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="democracy_violations")
    found_on = models.DateField(_("ngày phát hiện"))
    source = models.CharField(_("phát hiện qua"), max_length=16, choices=ViolationSource.choices)
    petition = models.ForeignKey(Petition, verbose_name=_("đơn thư liên quan"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="violations")
    article = models.CharField(_("điều khoản vi phạm"), max_length=255,
                               help_text=_("Ví dụ: Điều 11, Điều 13 Luật Thực hiện dân chủ ở cơ sở 2022."))
    description = models.TextField(_("nội dung vi phạm"))
    measure = models.TextField(_("hình thức xử lý, khắc phục"), blank=True)
    remedied_on = models.DateField(_("ngày khắc phục xong"), null=True, blank=True)
    evaluation_year = models.PositiveSmallIntegerField(_("năm đánh giá, xếp loại"), blank=True)
    created_by = acting_user_field()
    created_at = creation_time_field()

    objects = DemocracyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vi phạm Luật dân chủ ở cơ sở")
        ordering = ["-found_on", "-pk"]
        indexes = [models.Index(fields=["evaluation_year", "found_on"], name="violation_year_idx")]
        constraints = [
            date_order_constraint("remedied_on", "found_on", "violation_remedied_after_found",
                                  _("Ngày khắc phục không được trước ngày phát hiện."), may_be_empty=("remedied_on",)),
        ]

    def __str__(self):
        return f"{self.unit}: {self.article}"

    def save(self, *args, **kwargs):
        if not self.evaluation_year and self.found_on:
            self.evaluation_year = self.found_on.year
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.found_on and self.found_on > periods.today():
            errors["found_on"] = _("Ngày phát hiện không được sau hôm nay.")
        if self.found_on and self.remedied_on and self.remedied_on < self.found_on:
            errors["remedied_on"] = _("Ngày khắc phục (%(remedied)s) không được trước ngày phát hiện (%(found)s).") % {
                "remedied": self.remedied_on.strftime("%d/%m/%Y"), "found": self.found_on.strftime("%d/%m/%Y")}
        if self.person_id and self.unit_id and not self.person.unit.path.startswith(self.unit.path):
            errors["person"] = _("Cán bộ, đảng viên đã chọn không thuộc đơn vị vi phạm.")
        if errors:
            raise ValidationError(errors)
