"""The plan's spine: plan, its basis, limitations, focus tasks, task areas, tasks and progress."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import VIEW, AccessPolicy, RestrictedQuerySet
from core.models import DerivedStatus, ScopedModel, acting_user_field, creation_time_field, date_order_constraint
from core.search import SearchableModel

from .choices import AreaKind, BindingRule, Recurrence, TaskStatus, Weekday
from .schedule import derive_status, describe_binding, status_expression


class PlanQuerySet(RestrictedQuerySet):
    def in_effect(self, on):
        """Plans whose period contains ``on``: the current plan(s) of a ward. A closed plan's period ended with its
        year, so last year's plan leaves the home pages and lists once it is closed."""
        return self.filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on), starts_on__lte=on)


class Plan(SearchableModel, ScopedModel):
    """A mass-mobilization plan of a ward (Kế hoạch), e.g. the 2024 plan implementing 140-KH/TU."""

    detail_url_name = "plans:plan_detail"
    search_fields = ("code", "title", "issuer")
    access_policy = AccessPolicy(unit_fields=("ward",), ward_readable=True, bloc_only_change=True)

    ward = models.ForeignKey(
        "organisations.Unit", verbose_name=_("phường"), on_delete=models.PROTECT, related_name="plans"
    )
    code = models.CharField(
        _("số, ký hiệu"), max_length=64, blank=True, help_text=_("Ví dụ: 15-KH/ĐU (số-loại/cơ quan ban hành).")
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=128, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("kế hoạch cấp trên"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="children",
    )
    purpose = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    starts_on = models.DateField(_("bắt đầu thực hiện"))
    ends_on = models.DateField(
        _("kết thúc"), null=True, blank=True, help_text=_("Để trống nếu kế hoạch áp dụng cho cả những năm tiếp theo.")
    )
    signer_name = models.CharField(_("người ký"), max_length=128, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    # Closing the year (reports.yearly.close_year): who closed it and when, and the yearly summary frozen then.
    closed_at = models.DateTimeField(_("khóa sổ năm lúc"), null=True, blank=True, editable=False)
    closed_by = acting_user_field(_("người khóa sổ năm"))
    year_summary = models.JSONField(_("báo cáo tổng kết năm (bản chốt)"), default=dict, blank=True, editable=False)
    # Imported from a document (plans.import_drafts): the hash of the document's structure, to recognise the same
    # plan uploaded again, and, when the official kept both anyway, the plan it repeats and why.
    content_hash = models.CharField(_("mã băm nội dung văn bản gốc"), max_length=64, blank=True, editable=False,
                                    db_index=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("trùng với kế hoạch"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    duplicate_reason = models.TextField(_("lý do giữ cả hai kế hoạch trùng"), blank=True, editable=False)

    objects = PlanQuerySet.as_manager()

    audit_options = {"exclude_fields": ["year_summary"]}

    class Meta:
        verbose_name = _("kế hoạch")
        ordering = ["-starts_on", "code"]
        constraints = [
            date_order_constraint("ends_on", "starts_on", "plan_ends_after_start",
                                  _("Ngày kết thúc phải sau ngày bắt đầu."), may_be_empty=("ends_on",)),
        ]

    def __str__(self):
        return f"{self.code} – {self.title}" if self.code else self.title

    def clean(self):
        super().clean()
        if self.pk is not None and self.pk in self.parent_chain_ids():
            raise ValidationError({"parent": ValidationError(
                _("Kế hoạch cấp trên không được là chính kế hoạch này hay một kế hoạch cấp dưới của nó: hãy chọn "
                  "kế hoạch khác hoặc để trống."),
                code="plan_parent_cycle",
            )})

    @property
    def year(self):
        """The year the plan is for: a plan has a year, and the year ends (issue 13)."""
        return self.starts_on.year

    @property
    def is_closed(self):
        return self.closed_at is not None

    def parent_chain_ids(self):
        """Ids of the chosen parent, its parent and so on up (one query per level; plans nest a few levels)."""
        chain, ancestor_id = [], self.parent_id
        while ancestor_id is not None and ancestor_id not in chain:
            chain.append(ancestor_id)
            ancestor_id = Plan._default_manager.filter(pk=ancestor_id).values_list("parent_id", flat=True).first()
        return chain


class PlanPart(ScopedModel):
    """Common base of the parts of a plan that belong to it and are read with it."""

    shown_on = "plan"
    access_policy = AccessPolicy(unit_fields=("plan__ward",), ward_readable=True, bloc_only_change=True)

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True
        ordering = ["plan", "order"]


class ImplementedDocument(PlanPart):
    """A document the plan implements (căn cứ): 140-KH/TU of 29/01/2024 of the city Standing Committee."""

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="basis")
    code = models.CharField(_("số, ký hiệu"), max_length=64)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("văn bản căn cứ")

    def __str__(self):
        return self.code


class Limitation(PlanPart):
    """A limitation of last year (hạn chế, tồn tại) and who pointed it out."""

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="limitations")
    number = models.CharField(_("số mục"), max_length=16, blank=True)
    text = models.TextField(_("nội dung"))
    pointed_out_by = models.CharField(_("cấp chỉ ra"), max_length=255, blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("hạn chế, tồn tại")

    def __str__(self):
        return f"{self.number} {self.text[:80]}".strip()


class FocusTask(PlanPart):
    """A focus task of the year (nhiệm vụ trọng tâm)."""

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="focus_tasks")
    number = models.CharField(_("số mục"), max_length=16, blank=True)
    text = models.TextField(_("nội dung"))

    class Meta(PlanPart.Meta):
        verbose_name = _("nhiệm vụ trọng tâm")

    def __str__(self):
        return f"{self.number} {self.text[:80]}".strip()


class TaskArea(SearchableModel, PlanPart):
    """A task area of section III (or the implementation duties of section IV)."""

    search_fields = ("title", "content")

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="areas")
    number = models.CharField(_("số mục"), max_length=16, blank=True)
    kind = models.CharField(_("lĩnh vực"), max_length=32, choices=AreaKind.choices, default=AreaKind.OTHER)
    title = models.CharField(_("tên nhiệm vụ, giải pháp"), max_length=500)
    content = models.TextField(_("nội dung"), blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("nhóm nhiệm vụ")

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#area-{self.pk}"


class TaskQuerySet(RestrictedQuerySet):
    def with_status(self, today=None):
        return self.annotate(status_code=status_expression(today))

    def of_current_plans(self, on):
        """Tasks of the plans in effect on ``on`` (see PlanQuerySet.in_effect): what home pages and lists show."""
        return self.filter(models.Q(plan__ends_on__isnull=True) | models.Q(plan__ends_on__gte=on),
                           plan__starts_on__lte=on)


class Task(DerivedStatus, SearchableModel, ScopedModel):
    """A solution of the plan turned into work for named units, due once or recurring."""

    detail_url_name = "plans:task_detail"
    search_fields = ("title", "description", "lead_unit__name", "lead_unit__short_name")
    access_policy = AccessPolicy(unit_fields=("lead_unit", "supporting_units"), change_fields=("lead_unit",),
                                 ward_field="plan__ward")

    area = models.ForeignKey(TaskArea, verbose_name=_("nhóm nhiệm vụ"), on_delete=models.CASCADE, related_name="tasks")
    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="tasks",
                             editable=False)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tên nhiệm vụ"), max_length=500)
    description = models.TextField(_("nội dung giải pháp"), blank=True)
    source = models.CharField(_("mục trong văn bản"), max_length=64, blank=True,
                              help_text=_("Ví dụ: III.2.2 – gạch đầu dòng 1."))
    lead_unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="led_tasks"
    )
    supporting_units = models.ManyToManyField(
        "organisations.Unit", verbose_name=_("đơn vị phối hợp"), blank=True, related_name="supported_tasks"
    )
    recurrence = models.CharField(_("tần suất"), max_length=16, choices=Recurrence.choices, default=Recurrence.ONCE)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True,
                                help_text=_("Với nhiệm vụ một lần; để trống nếu thực hiện thường xuyên."))
    recurrence_weekday = models.PositiveSmallIntegerField(_("thứ trong tuần"), choices=Weekday.choices,
                                                          null=True, blank=True)
    recurrence_day = models.PositiveSmallIntegerField(
        _("ngày hạn"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    recurrence_month = models.PositiveSmallIntegerField(
        _("tháng hạn"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Hằng quý: tháng thứ mấy của quý (1–3); hằng năm / tháng cố định: tháng trong năm (1–12)."),
    )
    weight = models.DecimalField(_("trọng số"), max_digits=5, decimal_places=2, default=Decimal("1"),
                                 validators=[MinValueValidator(Decimal("0"))])
    counts_in_progress = models.BooleanField(_("tính vào tiến độ chung"), default=True)
    carried_over_from = models.ForeignKey(
        "self", verbose_name=_("chuyển từ năm trước"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="carried_over_to", editable=False,
        help_text=_("Nhiệm vụ chưa hoàn thành của kế hoạch năm trước, chuyển sang kế hoạch này."),
    )

    # Derived from the progress updates by services.refresh_task_progress(); never edited by hand.
    latest_percent = models.PositiveSmallIntegerField(_("tiến độ báo cáo gần nhất (%)"), default=0, editable=False)
    is_done = models.BooleanField(_("đã hoàn thành"), default=False, editable=False)
    current_due_date = models.DateField(_("hạn kỳ hiện tại"), null=True, blank=True, editable=False, db_index=True)
    last_reported_on = models.DateField(_("ngày báo cáo gần nhất"), null=True, blank=True, editable=False)
    occurrences_met = models.JSONField(_("các kỳ đã hoàn thành"), default=list, blank=True, editable=False)

    objects = TaskQuerySet.as_manager()

    audit_options = {
        "exclude_fields": ["latest_percent", "is_done", "current_due_date", "last_reported_on", "occurrences_met"],
        "m2m_fields": {"supporting_units"},
    }

    class Meta:
        verbose_name = _("nhiệm vụ")
        ordering = ["plan", "area__order", "order", "pk"]
        indexes = [models.Index(fields=["plan", "is_done", "current_due_date"], name="task_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recurrence_month__isnull=True)
                | models.Q(recurrence_month__gte=1, recurrence_month__lte=12),
                name="task_recurrence_month_range",
                violation_error_message=_("Tháng phải từ 1 đến 12."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.recurrence == Recurrence.WEEKLY and self.recurrence_weekday is None:
            errors["recurrence_weekday"] = _("Nhiệm vụ hằng tuần cần chọn thứ trong tuần.")
        if self.recurrence in (Recurrence.MONTHLY, Recurrence.QUARTERLY, Recurrence.YEARLY) and not self.recurrence_day:
            errors["recurrence_day"] = _("Cần nhập ngày hạn của mỗi kỳ.")
        if self.recurrence == Recurrence.QUARTERLY and self.recurrence_month not in (1, 2, 3):
            errors["recurrence_month"] = _("Nhiệm vụ hằng quý cần chọn tháng thứ 1, 2 hoặc 3 của quý.")
        if self.recurrence in (Recurrence.YEARLY, Recurrence.IN_MONTH) and not self.recurrence_month:
            errors["recurrence_month"] = _("Cần chọn tháng trong năm.")
        if self.recurrence != Recurrence.ONCE and self.due_date:
            errors["due_date"] = _("Nhiệm vụ định kỳ không dùng hạn một lần; hãy để trống ô này.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.area_id and not self.plan_id:
            self.plan_id = self.area.plan_id
        super().save(*args, **kwargs)

    @property
    def is_recurring(self):
        return self.recurrence != Recurrence.ONCE

    @property
    def last_met_on(self):
        """The due date of the latest occurrence met (a recurring task), or None."""
        from datetime import date

        return date.fromisoformat(max(self.occurrences_met)) if self.occurrences_met else None

    status_choices = TaskStatus

    def derive_status(self):
        return derive_status(self)


class ProgressUpdate(ScopedModel):
    """A report on a task: how far it is (percent), what was done, with evidence files."""

    shown_on = "task"
    # Lead and supporting units read every report on their task, but a report is changed or deleted only by the unit
    # that wrote it (a supporting unit must not rewrite the lead unit's progress), or by those whose scope is the
    # whole ward (the bloc): the task's ward lies in no narrower scope.
    access_policy = AccessPolicy(unit_fields=("task__lead_unit", "task__supporting_units"),
                                 change_fields=("unit", "task__plan__ward"), ward_field="task__plan__ward")

    task = models.ForeignKey(Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="updates")
    reported_on = models.DateField(_("ngày báo cáo"))
    percent = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    occurrence_due = models.DateField(
        _("kỳ báo cáo"), null=True, blank=True, help_text=_("Với nhiệm vụ định kỳ: hạn của kỳ mà báo cáo này thuộc về.")
    )
    note = models.TextField(_("kết quả thực hiện"))
    unit = models.ForeignKey(
        "organisations.Unit", verbose_name=_("đơn vị báo cáo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    author = acting_user_field(_("người báo cáo"), editable=True)
    created_at = creation_time_field()

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        ordering = ["-reported_on", "-created_at"]
        indexes = [models.Index(fields=["task", "reported_on"], name="progress_task_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100),
                name="progress_percent_range",
                violation_error_message=_("Tiến độ phải từ 0 đến 100%%."),
            ),
        ]

    def __str__(self):
        return f"{self.task} – {self.percent}% ({self.reported_on:%d/%m/%Y})"


class CellAssignment(ScopedModel):
    """A Standing Committee member assigned to direct a party cell (phân công phụ trách)."""

    detail_url_name = "plans:cell_assignment_detail"
    access_policy = AccessPolicy(unit_fields=("party_cell",), ward_readable=True, standing_may_change=True,
                                 standing_only_change=True, bloc_only_change=True)

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE,
                             related_name="cell_assignments")
    party_cell = models.ForeignKey("organisations.Unit", verbose_name=_("chi bộ"), on_delete=models.CASCADE,
                                   related_name="cell_assignments", limit_choices_to={"kind": "party_cell"})
    member = models.ForeignKey("organisations.Person", verbose_name=_("đồng chí phụ trách"),
                               on_delete=models.PROTECT, related_name="cell_assignments")
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("phân công phụ trách chi bộ")
        ordering = ["plan", "party_cell__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "party_cell"], name="cell_assignment_unique",
                violation_error_message=_("Chi bộ này đã có đồng chí phụ trách trong kế hoạch."),
            ),
        ]

    def __str__(self):
        return f"{self.member.full_name} – {self.party_cell}"

    def clean(self):
        """A party cell of the plan's ward, directed by a Standing Committee member of that ward."""
        from organisations.models import UnitKind

        errors = {}
        ward_id = self.plan.ward_id if self.plan_id else None
        if self.party_cell_id:
            if self.party_cell.kind != UnitKind.PARTY_CELL:
                errors["party_cell"] = _("Chỉ phân công phụ trách đơn vị loại chi bộ.")
            elif ward_id and self.party_cell.ward_id != ward_id:
                errors["party_cell"] = _("Chi bộ phải thuộc phường của kế hoạch.")
        if self.member_id:
            if not self.member.is_standing_member:
                errors["member"] = _("Đồng chí phụ trách phải là Ủy viên Ban Thường vụ Đảng ủy.")
            elif ward_id and self.member.unit.ward_id != ward_id:
                errors["member"] = _("Đồng chí phụ trách phải là Ủy viên Ban Thường vụ của phường có kế hoạch này.")
        if errors:
            raise ValidationError(errors)


class TaskBinding(ScopedModel):
    """A task carried out by an area's records (Chủ nhật xanh, cuộc họp, công khai …): its occurrences and percent are
    derived from them (plans.bindings), not from typed progress. The rule says when an occurrence counts as done."""

    shown_on = "task"
    access_policy = AccessPolicy(unit_fields=("task__plan__ward",), ward_readable=True, bloc_only_change=True)

    task = models.OneToOneField(Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="binding")
    source = models.CharField(_("nguồn hồ sơ"), max_length=64,
                              help_text=_("Loại hồ sơ của một lĩnh vực hoàn thành nhiệm vụ này."))
    rule = models.CharField(_("cách tính"), max_length=16, choices=BindingRule.choices, default=BindingRule.RECORDS)
    parameters = models.JSONField(_("tham số"), default=dict, blank=True,
                                  help_text=_("Ví dụ: {\"count\": 1} hoặc {\"percent\": 80}."))
    counts_from = models.DateField(
        _("tính từ hồ sơ từ ngày"), null=True, blank=True,
        help_text=_("Các kỳ có hạn trước ngày này vẫn tính theo báo cáo tiến độ nhập tay (trước khi lĩnh vực nhập hồ "
                    "sơ trên Cổng); để trống để mọi kỳ tính từ hồ sơ."),
    )

    class Meta:
        verbose_name = _("nguồn tiến độ của nhiệm vụ")
        ordering = ["task"]

    def __str__(self):
        return describe_binding(self)

    @property
    def count(self):
        try:
            return max(1, int(self.parameters.get("count", 1)))
        except (TypeError, ValueError):
            return 1

    @property
    def percent(self):
        try:
            return min(100, max(1, int(self.parameters.get("percent", 100))))
        except (TypeError, ValueError):
            return 100

    def clean(self):
        from core.areas import record_source

        errors = {}
        if record_source(self.source) is None:
            errors["source"] = _("Không có nguồn hồ sơ “%(key)s”.") % {"key": self.source}
        if not isinstance(self.parameters, dict):
            errors["parameters"] = _("Tham số phải là một đối tượng JSON, ví dụ {\"count\": 1}.")
        else:
            name = "percent" if self.rule == BindingRule.SHARE else "count"
            value = self.parameters.get(name)
            low, high = (1, 100) if name == "percent" else (1, 10000)
            valid = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
            if value is not None and not valid:
                errors["parameters"] = _("“%(name)s” phải là số nguyên từ %(low)s đến %(high)s.") % {
                    "name": name, "low": low, "high": high}
        if errors:
            raise ValidationError(errors)


class PlanImportDraftQuerySet(RestrictedQuerySet):
    def in_scope(self, user, action=VIEW):
        """A draft is its owner's work in progress: nobody else opens it, not even in the same ward."""
        if not user or not user.is_authenticated:
            return self.none()
        return super().in_scope(user, action).filter(owner=user)

    def expired(self, now=None):
        return self.filter(expires_at__lte=now or timezone.now())


class PlanImportDraft(ScopedModel):
    """A plan read from its document, waiting on the server for the official's corrections and "Lưu kế hoạch".

    The proposal is kept here, not in the session: a session row is read on every request and a long plan's
    proposal is hundreds of kilobytes. A draft expires (``PLAN_IMPORT_DRAFT_HOURS``): expired drafts are deleted
    when a new one is made and by the daily beat task ``plans.tasks.delete_expired_import_drafts``."""

    access_policy = AccessPolicy(unit_fields=("ward",), bloc_only_change=True)
    # The history records who read which file for which ward, not the proposal itself.
    audit_options = {"exclude_fields": ["data", "lines"]}

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.CASCADE,
                              related_name="+")
    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.CASCADE,
                             related_name="+")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    file_hash = models.CharField(_("mã băm của tệp"), max_length=64,
                                 help_text=_("SHA-256 của nội dung tệp đã tải lên."))
    content_hash = models.CharField(_("mã băm nội dung kế hoạch"), max_length=64, blank=True,
                                    help_text=_("SHA-256 của cấu trúc kế hoạch đã chuẩn hóa: nhận ra cùng một kế "
                                                "hoạch tải lên hai lần."))
    source_format = models.CharField(_("định dạng"), max_length=8)
    data = models.JSONField(_("kế hoạch đọc được"), default=dict)
    lines = models.JSONField(_("các dòng của văn bản"), default=list)
    created_at = creation_time_field(_("tạo lúc"))
    expires_at = models.DateTimeField(_("hết hạn lúc"), db_index=True)

    objects = PlanImportDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản xem trước kế hoạch nhập")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("plans:plan_import_preview", args=[self.pk])

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()
