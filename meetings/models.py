"""Meetings of the mass-mobilization work and the follow-up of their conclusions.

Briefings (giao ban), thematic conferences, trainings, dialogues and residential groups' year-end conferences,
with attendees, minutes (text and files as core Attachments) and conclusions: follow-up items with a
responsible unit, a due date and a state, tracked until done. ``MeetingRequirement`` says which meetings a
ward must hold each period (the plan and Law 10/2022); ``services.meeting_schedule`` checks them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import periods
from core.access import AccessPolicy, RestrictedQuerySet
from core.models import (
    DerivedStatus,
    ScopedModel,
    acting_user_field,
    creation_time_field,
    date_order_constraint,
    filled_when_constraint,
)
from core.periods import Frequency
from core.search import SearchableModel


class MeetingKind(models.TextChoices):
    BRIEFING = "briefing", _("Giao ban định kỳ")
    THEMATIC = "thematic", _("Hội nghị chuyên đề về công tác dân vận")
    TRAINING = "training", _("Tập huấn công tác dân vận, quy chế dân chủ")
    DISCLOSURE_TRAINING = "disclosure_training", _("Tập huấn cán bộ nhập dữ liệu công khai")
    DIALOGUE = "dialogue", _("Đối thoại")
    RESIDENTS_CONFERENCE = "residents_conference", _("Hội nghị cuối năm của tổ dân phố")


class DialogueForm(models.TextChoices):
    THEMATIC = "thematic", _("Đối thoại chuyên đề")
    REGULAR = "regular", _("Đối thoại thường xuyên")


class DialogueAudience(models.TextChoices):
    CADRES = "cadres", _("Cán bộ, đảng viên")
    WORKERS = "workers", _("Công nhân lao động")
    PEOPLE = "people", _("Nhân dân")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Dự kiến")
    HELD = "held", _("Đã tổ chức")
    CANCELLED = "cancelled", _("Hoãn, hủy")


class Meeting(SearchableModel, ScopedModel):
    """A meeting (cuộc họp, hội nghị, buổi đối thoại) organised by a unit of the ward."""

    detail_url_name = "meetings:meeting_detail"
    search_fields = ("title", "place", "chair_name", "chair__full_name", "field", "organiser__name", "minutes")
    access_policy = AccessPolicy(unit_fields=("organiser", "participating_units"), change_fields=("organiser",))

    organiser = models.ForeignKey(
        "organisations.Unit", verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT,
        related_name="organised_meetings",
    )
    kind = models.CharField(_("loại cuộc họp"), max_length=32, choices=MeetingKind.choices)
    title = models.CharField(_("tên cuộc họp"), max_length=500)
    status = models.CharField(_("tình trạng"), max_length=16, choices=MeetingStatus.choices,
                              default=MeetingStatus.HELD)
    held_on = models.DateField(_("ngày họp"))
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    ends_at = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chair = models.ForeignKey(
        "organisations.Person", verbose_name=_("người chủ trì"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="chaired_meetings",
    )
    chair_name = models.CharField(
        _("người chủ trì (ngoài danh sách)"), max_length=255, blank=True,
        help_text=_("Nhập khi người chủ trì không có trong danh sách cán bộ của phường."),
    )
    dialogue_form = models.CharField(_("hình thức đối thoại"), max_length=16, choices=DialogueForm.choices,
                                     blank=True)
    dialogue_audience = models.CharField(_("đối tượng đối thoại"), max_length=16, choices=DialogueAudience.choices,
                                         blank=True)
    field = models.CharField(_("lĩnh vực, chủ đề"), max_length=255, blank=True)
    participating_units = models.ManyToManyField(
        "organisations.Unit", verbose_name=_("đơn vị tham dự"), blank=True, related_name="attended_meetings",
    )
    attendees = models.ManyToManyField(
        "organisations.Person", verbose_name=_("cán bộ tham dự"), blank=True, related_name="attended_meetings",
    )
    other_attendees = models.TextField(_("thành phần khác"), blank=True,
                                       help_text=_("Ví dụ: 45 hộ dân Tổ dân phố số 3, đại diện doanh nghiệp."))
    attendance = models.PositiveIntegerField(_("tổng số người dự"), null=True, blank=True)
    minutes = models.TextField(_("biên bản, nội dung chính"), blank=True)
    created_by = acting_user_field()
    created_at = creation_time_field()

    audit_options = {"m2m_fields": {"participating_units", "attendees"}}

    class Meta:
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("hội nghị, giao ban, đối thoại")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["kind", "held_on"], name="meeting_kind_date_idx")]
        constraints = [
            date_order_constraint("ends_at", "starts_at", "meeting_ends_after_start",
                                  _("Giờ kết thúc phải sau giờ bắt đầu."), may_be_empty=("starts_at", "ends_at"),
                                  strict=True),
            filled_when_constraint("dialogue_audience", {"kind": "dialogue"}, "meeting_dialogue_has_audience",
                                   _("Buổi đối thoại cần chọn đối tượng đối thoại.")),
        ]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Giờ kết thúc phải sau giờ bắt đầu.")
        if self.kind == MeetingKind.DIALOGUE and not self.dialogue_audience:
            errors["dialogue_audience"] = _("Buổi đối thoại cần chọn đối tượng đối thoại.")
        if self.status == MeetingStatus.HELD and self.held_on and self.held_on > periods.today():
            errors["status"] = _("Ngày họp chưa đến: cuộc họp chưa thể ghi là “Đã tổ chức”. Hãy chọn “Dự kiến”.")
        if errors:
            raise ValidationError(errors)

    @property
    def chair_display(self):
        return str(self.chair.full_name) if self.chair_id else self.chair_name

    @property
    def is_held(self):
        return self.status == MeetingStatus.HELD


class ConclusionState(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")


class ConclusionStatus(models.TextChoices):
    """The state an official reads: the stored state, or overdue once the due date has passed."""

    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    OVERDUE = "overdue", _("Quá hạn")


# One rule, written twice on purpose: in Python for a loaded conclusion and as a database expression for
# lists and filters. tests/meetings/test_services.py checks that both agree.

def conclusion_status(conclusion, on=None):
    on = on or periods.today()
    if conclusion.state == ConclusionState.DONE:
        return ConclusionStatus.DONE
    if conclusion.due_date and conclusion.due_date < on:
        return ConclusionStatus.OVERDUE
    return ConclusionStatus(conclusion.state)


def conclusion_status_expression(on=None):
    on = on or periods.today()
    return Case(
        When(state=ConclusionState.DONE, then=Value(ConclusionStatus.DONE.value)),
        When(due_date__lt=on, then=Value(ConclusionStatus.OVERDUE.value)),
        default=models.F("state"),
        output_field=models.CharField(),
    )


def conclusion_status_filter(status, on=None):
    """A Q object for conclusions of one status (the same rule as ``conclusion_status``)."""
    on = on or periods.today()
    if status == ConclusionStatus.DONE:
        return Q(state=ConclusionState.DONE)
    if status == ConclusionStatus.OVERDUE:
        return ~Q(state=ConclusionState.DONE) & Q(due_date__lt=on)
    if status in (ConclusionStatus.NOT_STARTED, ConclusionStatus.IN_PROGRESS):
        return Q(state=status) & Q(due_date__gte=on)
    raise ValueError(status)


class ConclusionQuerySet(RestrictedQuerySet):
    def with_status(self, on=None):
        return self.annotate(status_code=conclusion_status_expression(on))

    def with_status_filter(self, status, on=None):
        return self.filter(conclusion_status_filter(status, on))


class Conclusion(DerivedStatus, SearchableModel, ScopedModel):
    """A conclusion of the chair (kết luận): work for a responsible unit, due by a date, tracked until done."""

    detail_url_name = "meetings:conclusion_detail"
    search_fields = ("text", "result", "responsible_unit__name", "responsible_unit__short_name", "meeting__title")
    access_policy = AccessPolicy(
        unit_fields=("responsible_unit", "meeting__organiser", "meeting__participating_units"),
        change_fields=("responsible_unit", "meeting__organiser"),
    )

    meeting = models.ForeignKey(Meeting, verbose_name=_("cuộc họp"), on_delete=models.CASCADE,
                                related_name="conclusions")
    number = models.PositiveSmallIntegerField(_("số thứ tự"), default=1)
    text = models.TextField(_("nội dung kết luận"))
    responsible_unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("đơn vị chịu trách nhiệm"), on_delete=models.PROTECT,
        related_name="meeting_conclusions",
        error_messages={"null": _("Hãy chọn đơn vị chịu trách nhiệm thực hiện kết luận.")},
    )
    due_date = models.DateField(_("hạn hoàn thành"))
    state = models.CharField(_("tình trạng thực hiện"), max_length=16, choices=ConclusionState.choices,
                             default=ConclusionState.NOT_STARTED)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ConclusionQuerySet.as_manager()

    audit_options = {"exclude_fields": ["updated_at"]}

    class Meta:
        verbose_name = _("kết luận")
        verbose_name_plural = _("kết luận cần theo dõi")
        ordering = ["due_date", "meeting", "number"]
        indexes = [models.Index(fields=["state", "due_date"], name="conclusion_state_due_idx")]
        constraints = [
            filled_when_constraint("done_on", {"state": "done"}, "conclusion_done_has_date",
                                   _("Kết luận đã hoàn thành cần có ngày hoàn thành."), nullable=True),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 90 else f"{self.text[:89]}…"
        return f"{self.number}. {text}"

    def clean(self):
        errors = {}
        held_on = self.meeting.held_on if self.meeting_id else None
        if held_on and self.due_date and self.due_date < held_on:
            errors["due_date"] = _("Hạn hoàn thành (%(due)s) không được trước ngày họp (%(held)s).") % {
                "due": self.due_date.strftime("%d/%m/%Y"), "held": held_on.strftime("%d/%m/%Y")}
        if self.done_on:
            if held_on and self.done_on < held_on:
                errors["done_on"] = _("Ngày hoàn thành không được trước ngày họp (%(held)s).") % {
                    "held": held_on.strftime("%d/%m/%Y")}
            elif self.done_on > periods.today():
                errors["done_on"] = _("Ngày hoàn thành không được sau hôm nay.")
        if self.state == ConclusionState.DONE and not self.done_on:
            errors["done_on"] = _("Kết luận đã hoàn thành cần có ngày hoàn thành.")
        if errors:
            raise ValidationError(errors)

    status_choices = ConclusionStatus

    def derive_status(self):
        return conclusion_status(self)


class MeetingRequirement(ScopedModel):
    """A meeting the ward must hold each period: a quarterly briefing, a yearly training, ≥ 1 dialogue …"""

    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                             related_name="meeting_requirements")
    title = models.CharField(_("yêu cầu"), max_length=255)
    kind = models.CharField(_("loại cuộc họp"), max_length=32, choices=MeetingKind.choices)
    dialogue_audience = models.CharField(
        _("đối tượng đối thoại"), max_length=16, choices=DialogueAudience.choices, blank=True,
        help_text=_("Chỉ với đối thoại; để trống để tính mọi buổi đối thoại."),
    )
    frequency = models.CharField(_("tần suất"), max_length=16, choices=Frequency.choices, default=Frequency.YEARLY)
    minimum = models.PositiveSmallIntegerField(_("số cuộc tối thiểu mỗi kỳ"), default=1)
    each_residential_group = models.BooleanField(
        _("mỗi tổ dân phố tổ chức"), default=False,
        help_text=_("Mỗi tổ dân phố phải tự tổ chức (ví dụ hội nghị cuối năm theo Điều 33 Luật 10/2022)."),
    )
    basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("cuộc họp bắt buộc")
        verbose_name_plural = _("cuộc họp bắt buộc trong năm")
        ordering = ["ward", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum__gte=1), name="meeting_requirement_minimum_positive",
                violation_error_message=_("Số cuộc tối thiểu phải từ 1 trở lên."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:schedule")

    def matches(self, meeting):
        if meeting.kind != self.kind:
            return False
        return not self.dialogue_audience or meeting.dialogue_audience == self.dialogue_audience
