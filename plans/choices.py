"""The plan's choices (task-group kinds, recurrences, statuses, binding rules): below the models and the schedule
rules, so both can read them without importing each other."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    ACCOUNTABILITY = "accountability", _("Trách nhiệm người đứng đầu, dân vận chính quyền")
    FRIENDLY_GOVERNMENT = "friendly_government", _("Chính quyền thân thiện")
    SKILFUL_MOBILIZATION = "skilful_mobilization", _("Dân vận khéo")
    DEMOCRACY = "democracy", _("Dân chủ ở cơ sở")
    RELIGION = "religion", _("Tôn giáo, tín ngưỡng")
    COMMUNITY_GROUPS = "community_groups", _("Tổ dân vận cộng đồng")
    IMPLEMENTATION = "implementation", _("Tổ chức thực hiện")
    OTHER = "other", _("Khác")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Một lần")
    WEEKLY = "weekly", _("Hằng tuần")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    YEARLY = "yearly", _("Hằng năm")
    IN_MONTH = "in_month", _("Trong một tháng cố định hằng năm")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ nhật")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    OVERDUE = "overdue", _("Quá hạn")
    # The plan's period ended before the task was done: judged within its period, not "overdue" for ever.
    MISSED = "missed", _("Không hoàn thành trong kỳ")


class BindingRule(models.TextChoices):
    RECORDS = "records", _("Ít nhất N hồ sơ trong kỳ")
    GROUPS = "groups", _("Ít nhất N đơn vị, tổ có hồ sơ trong kỳ")
    SHARE = "share", _("Tỷ lệ đơn vị, tổ có hồ sơ trong kỳ đạt ít nhất X%")
