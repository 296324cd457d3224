"""A model's year: indicator values, activities, evidence and where it was publicised."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from core import periods
from core.numbers import number as plain_number

from ..models import (
    PROGRESS_STATUSES,
    Activity,
    Channel,
    Indicator,
    IndicatorValue,
    Publicity,
    Status,
)
from ..permissions import (
    is_ward_bloc,
    works_for,
)
from .common import _refuse

# --- Progress through the year -------------------------------------------------------------------------

def _check_report(user, model):
    if not (works_for(user, model.unit) or is_ward_bloc(user, model.ward)):
        _refuse(_("Chỉ đơn vị thực hiện mô hình (hoặc Khối Dân vận) cập nhật kết quả."))
    if model.status not in PROGRESS_STATUSES:
        raise ValidationError(_("Mô hình chưa được phê duyệt: chưa cập nhật kết quả thực hiện được."))


def _check_not_future(day):
    if day and day > periods.today():
        raise ValidationError(_("Ngày không được sau hôm nay."))


def start(user, model):
    """Approved → in progress, on the first progress the unit reports."""
    _check_report(user, model)
    if model.status == Status.APPROVED:
        model.status = Status.IN_PROGRESS
        model.save(update_fields=["status", "search_text"])
    return model


def latest_values(model):
    """{indicator id: its latest IndicatorValue or None}: one query."""
    latest = {}
    for value in IndicatorValue.objects.filter(indicator__model=model).order_by("measured_on", "created_at"):
        latest[value.indicator_id] = value
    return latest


@dataclass
class IndicatorResult:
    indicator: Indicator
    latest: IndicatorValue | None
    percent: int  # progress from the baseline towards the target, 0–100
    met: bool


def indicator_results(model, indicators=None, latest=None):
    indicators = list(model.indicators.all()) if indicators is None else indicators
    latest = latest_values(model) if latest is None else latest
    results = []
    for indicator in indicators:
        value = latest.get(indicator.pk)
        current = value.value if value else None
        met = indicator.is_met_by(current)
        if current is None:
            percent = 0
        elif indicator.target == indicator.baseline:
            percent = 100 if met else 0
        else:
            share = (current - indicator.baseline) / (indicator.target - indicator.baseline) * 100
            percent = int(max(Decimal("0"), min(Decimal("100"), share)).to_integral_value(ROUND_HALF_UP))
        results.append(IndicatorResult(indicator, value, 100 if met else percent, met))
    return results


def targets_met(results):
    """Every indicator reached its target (a model without a measured value has not)."""
    return bool(results) and all(result.met for result in results)


def _sync_task(model, user, note):
    """Keep the plan's task of the model in step: its percent is the indicators' average progress."""
    if not model.task_id:
        return
    from plans.models import Task
    from plans.services import record_progress

    task = Task.objects.filter(pk=model.task_id).select_related("plan").first()
    if task is None:
        return
    results = indicator_results(model)
    percent = round(sum(r.percent for r in results) / len(results)) if results else 0
    record_progress(task, percent=percent, note=note, reported_on=periods.today(), author=user, unit=model.unit)


@transaction.atomic
def record_indicator_value(user, indicator, *, value, measured_on, note=""):
    model = indicator.model
    _check_report(user, model)
    _check_not_future(measured_on)
    if measured_on < model.starts_on:
        raise ValidationError(_("Ngày đo phải từ ngày bắt đầu mô hình (%(day)s).")
                              % {"day": model.starts_on.strftime("%d/%m/%Y")})
    entry = IndicatorValue.objects.create(indicator=indicator, value=value, measured_on=measured_on, note=note,
                                          recorded_by=user)
    start(user, model)
    _sync_task(model, user, _("Cập nhật chỉ tiêu “%(name)s”: %(value)s %(unit)s.") % {
        "name": indicator.name, "value": plain_number(entry.value), "unit": indicator.unit_of_measure})
    return entry


@transaction.atomic
def record_activity(user, model, *, held_on, title, description="", participants=None, files=()):
    from core.models import Attachment

    _check_report(user, model)
    _check_not_future(held_on)
    activity = Activity.objects.create(model=model, held_on=held_on, title=title, description=description,
                                       participants=participants, recorded_by=user)
    for uploaded in files:
        Attachment.attach(activity, uploaded, user=user)
    start(user, model)
    return activity


@transaction.atomic
def record_publicity(user, model, *, channel, published_on, title, link="", reach=None):
    _check_report(user, model)
    _check_not_future(published_on)
    entry = Publicity.objects.create(model=model, channel=channel, published_on=published_on, title=title,
                                     link=link, reach=reach, recorded_by=user)
    start(user, model)
    return entry


# --- Spread: where the models were publicised, as a measure of how far they reached ----------------------

@dataclass
class ChannelSpread:
    channel: str
    label: str
    count: int = 0
    reach: int = 0  # the sum of the reach recorded on its items
    with_reach: int = 0  # how many of its items record a reach

    def as_data(self):
        return {"label": self.label, "count": self.count, "reach": self.reach if self.with_reach else None,
                "with_reach": self.with_reach}


@dataclass
class Spread:
    """How many times, through which channels, and to about how many people the models were publicised.

    ``reach`` adds up the estimates recorded (None when no item records one); ``with_reach`` says how many items
    it stands for, so a total over 3 of 5 items is read as a lower bound.
    """

    channels: list = dataclass_field(default_factory=list)  # ChannelSpread in Channel order, used channels only

    @property
    def count(self):
        return sum(c.count for c in self.channels)

    @property
    def with_reach(self):
        return sum(c.with_reach for c in self.channels)

    @property
    def reach(self):
        return sum(c.reach for c in self.channels) if self.with_reach else None

    @property
    def reach_complete(self):
        return self.with_reach == self.count

    def as_data(self):
        return {"count": self.count, "reach": self.reach, "with_reach": self.with_reach,
                "by_channel": {c.channel: c.as_data() for c in self.channels}}


def _spread(rows):
    """Spread from (channel, count, reach sum, items with a reach) rows."""
    by_channel = {}
    for channel, count, reach, with_reach in rows:
        entry = by_channel.setdefault(channel, ChannelSpread(channel, str(Channel(channel).label)))
        entry.count += count
        entry.reach += reach or 0
        entry.with_reach += with_reach
    return Spread([by_channel[value] for value in Channel.values if value in by_channel])


def spread_of(publicity):
    """The spread of publicity items already loaded (a model's page has them): no query."""
    return _spread((item.channel, 1, item.reach, item.reach is not None) for item in publicity)


def spread_for(queryset):
    """The spread of a queryset of Publicity, counted by the database (one query whatever the number)."""
    rows = (queryset.order_by().values("channel")
            .annotate(n=Count("pk"), total=Sum("reach"), with_reach=Count("reach"))
            .values_list("channel", "n", "total", "with_reach"))
    return _spread(rows)


@transaction.atomic
def attach_evidence(user, model, files, description=""):
    from core.models import Attachment

    _check_report(user, model)
    if not files:
        raise ValidationError(_("Chưa chọn tệp minh chứng."))
    return [Attachment.attach(model, uploaded, user=user, description=description) for uploaded in files]
