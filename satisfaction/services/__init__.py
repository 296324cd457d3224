"""Domain rules of area 2: rating scales, intake of ratings, the satisfaction index, periods and thresholds.

Views, the API, tasks, the area section and the benchmark all call these; none of them re-implements a rule.
"""

import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.cache import cache, caches
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import periods
from core.inserts import insert_one
from core.numbers import number as points
from core.numbers import percentage
from core.params import whole_number

from ..models import (
    ActionStatus,
    Channel,
    CorrectiveAction,
    KioskDevice,
    Level,
    Rating,
    RatingReason,
    RatingReasonLink,
    SatisfactionSettings,
    Scale,
    ServiceDesk,
    hash_token,
)
from ..ratelimit import allow

# --- Scales ---------------------------------------------------------------------------------------

SCALE_LEVELS = {
    Scale.THREE: (Level.VERY_SATISFIED, Level.SATISFIED, Level.NOT_YET_SATISFIED),
    Scale.FOUR: (Level.VERY_SATISFIED, Level.SATISFIED, Level.NEUTRAL, Level.DISSATISFIED),
    Scale.FIVE: (Level.VERY_SATISFIED, Level.SATISFIED, Level.NEUTRAL, Level.DISSATISFIED, Level.VERY_DISSATISFIED),
}
SATISFIED_LEVELS = frozenset({Level.VERY_SATISFIED, Level.SATISFIED})
# Display order of every level, best first (for shares across scales).
LEVEL_ORDER = (Level.VERY_SATISFIED, Level.SATISFIED, Level.NEUTRAL, Level.NOT_YET_SATISFIED, Level.DISSATISFIED,
               Level.VERY_DISSATISFIED)

DEFAULT_REASONS = ("Thái độ phục vụ", "Thời gian chờ", "Hướng dẫn hồ sơ", "Kết quả giải quyết",
                   "Thời hạn trả kết quả", "Cơ sở vật chất")


def levels_for(scale):
    return SCALE_LEVELS[Scale(int(scale))]


def settings_for(ward):
    """The ward's settings, created with the defaults (national three-level scale) the first time."""
    found, _created = SatisfactionSettings.objects.get_or_create(ward=ward)
    return found


def ensure_default_reasons(ward):
    if not RatingReason.objects.filter(ward=ward).exists():
        RatingReason.objects.bulk_create(
            [RatingReason(ward=ward, label=label, order=index) for index, label in enumerate(DEFAULT_REASONS)]
        )


# --- Intake of ratings ----------------------------------------------------------------------------

RATE_LIMITS = {
    # scope: (ratings, seconds). Every rating of a request counts, so a batch carries no more than single posts.
    # A tablet is known by its token (every tablet of a ward may sit behind one public address); a queue of a
    # day offline (a hundred or two) goes out in a few batches.
    "kiosk_device": (300, 600),
    # The QR page is open: its `device` value is whatever the sender writes, so only the desk and the address
    # count. One address at one desk (a citizen, or the office Wi-Fi every citizen at the desk shares) ...
    "qr_desk_address": (10, 600),
    # ... one address over every desk of every ward, higher, so a flood at one desk spares the address's other
    # desks and wards ...
    "qr_address": (30, 600),
    # ... and one desk from every address, which bounds what a crowd of addresses can pour into one desk's index.
    "qr_desk": (60, 600),
}
MAX_BATCH = {Channel.KIOSK: 100, Channel.QR: 5}
DESK_CACHE_SECONDS = 30
# How long a process keeps a desk or a tablet in its own memory before asking the shared cache again: a change
# made in another process (a tablet revoked, an officer put on duty) reaches every process within this time.
LOCAL_CACHE_SECONDS = 5
# A tablet clock a few minutes ahead is not an offline rating from the future.
CLOCK_SKEW = timedelta(minutes=10)


def rate_limit(scope):
    limits = getattr(settings, "SATISFACTION_RATE_LIMITS", {})
    return limits.get(scope, RATE_LIMITS[scope])


class RatingRejected(Exception):
    """The whole request is refused (unknown desk, bad token, too many requests)."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


def desk_cache_key(public_code):
    return f"satisfaction:desk:{public_code}"


def _remembered(key, compute):
    """The value under ``key``: from this process's memory, else from the shared cache, else computed (and kept in
    both). ``compute`` returns {} for "nothing there", which is kept too, so a wrong code costs no query either."""
    local = caches["local"]
    value = local.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, DESK_CACHE_SECONDS)
        local.set(key, value, LOCAL_CACHE_SECONDS)
    return value


def _forget(key):
    cache.delete(key)
    caches["local"].delete(key)


def desk_config(public_code):
    """What the public endpoint needs to know about a desk, cached briefly so a rating costs one insert."""
    return _remembered(desk_cache_key(public_code), lambda: _desk_config(public_code)) or None


def _desk_config(public_code):
    desk = (ServiceDesk.objects.filter(public_code=public_code, is_active=True)
            .select_related("unit", "ward", "on_duty").first())
    if desk is None:
        return {}
    ward_settings = settings_for(desk.ward)
    return {
        "desk_id": desk.pk,
        "unit_id": desk.unit_id,
        "ward_id": desk.ward_id,
        "scale": ward_settings.scale,
        "levels": [level.value for level in levels_for(ward_settings.scale)],
        "reason_ids": list(RatingReason.objects.filter(ward=desk.ward, is_active=True).values_list("pk", flat=True)),
        "service_ids": list(desk.services.filter(is_active=True).values_list("pk", flat=True)),
        "on_duty_id": desk.on_duty_id,
    }


def forget_desk(desk):
    _forget(desk_cache_key(desk.public_code))


def kiosk_device_for(desk_id, token):
    """The active device of the desk holding this token, or None."""
    if not token:
        return None
    digest = hash_token(token)
    device = _remembered(
        f"satisfaction:device:{digest}",
        lambda: KioskDevice.objects.filter(token_hash=digest, is_active=True).values("pk", "desk_id").first() or {},
    )
    if not device or device["desk_id"] != desk_id:
        return None
    return device["pk"]


def forget_device(device):
    _forget(f"satisfaction:device:{device.token_hash}")


def _touch_device(device_id, now):
    # A write per rating would double the cost of the endpoint: remember the last contact every few minutes (each
    # process asks the shared cache once in that time, so the database sees one update per device).
    key = f"satisfaction:device-seen:{device_id}"
    if caches["local"].add(key, 1, 300) and cache.add(key, 1, 300):
        KioskDevice.objects.filter(pk=device_id).update(last_seen_at=now)


def offline_window():
    """How far back a tablet's queued rating keeps the time it was given (settings.SATISFACTION_OFFLINE_WINDOW)."""
    return getattr(settings, "SATISFACTION_OFFLINE_WINDOW", timedelta(hours=72))


def _parse_time(value, now, channel):
    """The time a rating was given: the tablet's own stamp within the offline window, the server's otherwise.

    A QR rating is sent from the citizen's phone as it is made, and anyone can write any ``at``: it is always
    stamped on arrival, so nobody can slip ratings into a past day, month or quarter.
    """
    if not value or channel != Channel.KIOSK:
        return now
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return now
    if timezone.is_naive(moment):
        return now
    if moment > now + CLOCK_SKEW or moment < now - offline_window():
        return now
    return min(moment, now)


@dataclass
class IntakeResult:
    accepted: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    rejected: list = field(default_factory=list)  # (client id or "", Vietnamese reason)

    def as_json(self):
        return {"accepted": self.accepted, "duplicates": self.duplicates,
                "rejected": [{"id": ident, "error": error} for ident, error in self.rejected]}


def rating_cost(channel, items):
    """How many ratings a request offers, as the rate limits count them (items past the batch bound are refused)."""
    if not isinstance(items, list):
        return 1
    return max(1, min(len(items), MAX_BATCH[channel]))


def check_limits(channel, *, desk_id, address, token="", cost=1):
    """Refuse the request (RatingRejected) when the token is wrong or a rate limit is passed.

    A tablet at the desk is identified by its token and limited per device only. The QR page is open: it is
    limited per desk and address, per address and per desk (RATE_LIMITS), narrowest first, so a request refused
    at its own desk does not also use up the address's allowance elsewhere or the desk's allowance for others.
    """
    if channel == Channel.KIOSK:
        device_id = kiosk_device_for(desk_id, token)
        if device_id is None:
            raise RatingRejected(_("Thiết bị chưa được cấp phép gửi đánh giá cho quầy này."), 403)
        if not allow("kiosk_device", device_id, *rate_limit("kiosk_device"), cost=cost):
            raise RatingRejected(_("Thiết bị gửi quá nhiều lượt trong thời gian ngắn. Vui lòng thử lại sau."), 429)
        return device_id
    limits = (
        ("qr_desk_address", f"{desk_id}:{address}",
         _("Ông/bà đã gửi nhiều đánh giá cho quầy này. Xin cảm ơn, vui lòng thử lại sau.")),
        ("qr_address", address, _("Có quá nhiều lượt đánh giá từ địa chỉ này. Vui lòng thử lại sau.")),
        ("qr_desk", desk_id, _("Quầy này đang nhận quá nhiều lượt đánh giá. Vui lòng thử lại sau ít phút.")),
    )
    for scope, ident, message in limits:
        if not allow(scope, ident, *rate_limit(scope), cost=cost):
            raise RatingRejected(message, 429)
    return None


def _officer(claimed, config, channel):
    """The officer a rating is about: only a desk's own tablet may name one, and only the officer the ward put on
    duty at that desk (the device is bound to the desk, the desk to its officer on duty). Anything else, and every
    QR rating, names nobody: an open page must not let anyone pull a named officer's index down.

    A queued rating whose officer has gone off duty meanwhile is kept without an officer rather than given to the
    next one."""
    if channel != Channel.KIOSK or config["on_duty_id"] is None:
        return None
    return config["on_duty_id"] if str(claimed or "") == str(config["on_duty_id"]) else None


def _clean_item(item, config, channel):
    try:
        client_id = uuid.UUID(str(item.get("id", "")))
    except (ValueError, AttributeError):
        return None, _("Mã đánh giá không hợp lệ.")
    level = item.get("level")
    if level not in config["levels"]:
        return client_id, _("Mức độ hài lòng không thuộc thang đánh giá của phường.")
    reasons = item.get("reasons") or []
    if not isinstance(reasons, list) or len(reasons) > 20:
        return client_id, _("Danh sách lý do không hợp lệ.")
    try:
        reasons = sorted({int(r) for r in reasons})
    except (TypeError, ValueError):
        return client_id, _("Danh sách lý do không hợp lệ.")
    allowed = set(config["reason_ids"])
    reasons = [r for r in reasons if r in allowed]
    service = item.get("service")
    service = whole_number(service)
    service = service if service in config["service_ids"] else None
    officer = _officer(item.get("officer"), config, channel)
    comment = str(item.get("comment") or "").strip()[:1000]
    return client_id, {"level": level, "reasons": reasons, "service": service, "officer": officer,
                       "comment": comment, "at": item.get("at")}


def _together(reasons):
    if reasons or transaction.get_connection().in_atomic_block:
        return transaction.atomic()
    return nullcontext()


def record_ratings(config, items, channel, device_id=None, now=None):
    """Store a batch of ratings; each client id is accepted once, a repeat is reported as a duplicate."""
    now = now or timezone.now()
    result = IntakeResult()
    if not isinstance(items, list) or not items:
        result.rejected.append(("", _("Không có đánh giá nào để gửi.")))
        return result
    for item in items[: MAX_BATCH[channel]]:
        if not isinstance(item, dict):
            result.rejected.append(("", _("Đánh giá không hợp lệ.")))
            continue
        client_id, cleaned = _clean_item(item, config, channel)
        if isinstance(cleaned, str):
            result.rejected.append((str(client_id or ""), cleaned))
            continue
        rated_at = _parse_time(cleaned["at"], now, channel)
        rating = Rating(
            client_id=client_id, desk_id=config["desk_id"], unit_id=config["unit_id"], ward_id=config["ward_id"],
            officer_id=cleaned["officer"], service_id=cleaned["service"], scale=config["scale"],
            level=cleaned["level"], satisfied=cleaned["level"] in SATISFIED_LEVELS, comment=cleaned["comment"],
            channel=channel, device_id=device_id, rated_at=rated_at,
            rated_on=timezone.localtime(rated_at).date(),
        )
        try:
            # A citizen's rating is its own record; logging its creation would double the cost of the endpoint. A
            # rating without reasons is one INSERT in autocommit; with reasons, or inside a caller's transaction, the
            # rows go in together (a savepoint keeps a duplicate from breaking the caller's transaction).
            with disable_auditlog(), _together(cleaned["reasons"]):
                insert_one(rating)
                if cleaned["reasons"]:
                    RatingReasonLink.objects.bulk_create(
                        [RatingReasonLink(rating=rating, reason_id=r) for r in cleaned["reasons"]]
                    )
        except IntegrityError:
            result.duplicates.append(str(client_id))
            continue
        result.accepted.append(str(client_id))
    for item in items[MAX_BATCH[channel]:]:
        ident = str(item.get("id", "")) if isinstance(item, dict) else ""
        result.rejected.append((ident, _("Gửi quá nhiều đánh giá trong một lần.")))
    if device_id is not None and result.accepted:
        _touch_device(device_id, now)
    return result


# --- Results --------------------------------------------------------------------------------------

@dataclass
class LevelShare:
    level: str
    label: str
    count: int
    share: Decimal | None


@dataclass
class Summary:
    """Counts, the share of each level and the satisfaction index (share of Rất hài lòng + Hài lòng)."""

    total: int
    satisfied: int
    shares: list

    @property
    def index(self):
        return percentage(self.satisfied, self.total)


def summarise(ratings):
    """One aggregate query over a queryset of ratings (already restricted and filtered)."""
    aggregates = {level.value: Count("pk", filter=Q(level=level.value)) for level in LEVEL_ORDER}
    counts = ratings.order_by().aggregate(total=Count("pk"), **aggregates)
    total = counts.pop("total")
    shares = [LevelShare(level.value, str(level.label), counts[level.value], percentage(counts[level.value], total))
              for level in LEVEL_ORDER]
    satisfied = sum(s.count for s in shares if s.level in SATISFIED_LEVELS)
    return Summary(total=total, satisfied=satisfied, shares=shares)


def shown_shares(summary, scale):
    """The levels of the ward's scale, plus any other level that has ratings (after a change of scale)."""
    wanted = {level.value for level in levels_for(scale)}
    return [s for s in summary.shares if s.level in wanted or s.count]


@dataclass
class BreakdownRow:
    key: object
    label: str
    total: int
    satisfied: int

    @property
    def index(self):
        return percentage(self.satisfied, self.total)


def breakdown(ratings, field_name, labels):
    """Ratings grouped by a field (desk, officer, service, reason), each with its index, largest first."""
    # Each group holds a rating once (grouping by a reason joins one row per reason of the rating), so the counts
    # need no DISTINCT, which would sort every rating of the period.
    rows = (ratings.order_by().values(field_name)
            .annotate(total=Count("pk"), satisfied=Count("pk", filter=Q(satisfied=True)))
            .order_by("-total"))
    result = []
    for row in rows:
        key = row[field_name]
        result.append(BreakdownRow(key, labels.get(key, _("(không ghi)")) if key is not None else _("(không ghi)"),
                                   row["total"], row["satisfied"]))
    return result


class Period:
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    CHOICES = ((DAY, _("Ngày")), (MONTH, _("Tháng")), (QUARTER, _("Quý")))


def period_bounds(kind, on):
    """First and last day of the day, month or calendar quarter containing ``on``."""
    if kind == Period.DAY:
        return on, on
    if kind == Period.MONTH:
        start = on.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return start, following - timedelta(days=1)
    if kind == Period.QUARTER:
        return periods.quarter_bounds(*periods.quarter_of(on))
    raise ValueError(kind)


def previous_period(kind, start):
    return period_bounds(kind, start - timedelta(days=1))


def period_label(kind, start):
    if kind == Period.DAY:
        return start.strftime("%d/%m/%Y")
    if kind == Period.MONTH:
        return _("tháng %(m)s/%(y)s") % {"m": f"{start.month:02d}", "y": start.year}
    return _("quý %(q)s/%(y)s") % {"q": periods.quarter_of(start)[1], "y": start.year}


def trend(current, previous):
    """Change of the index in percentage points against the previous period (None when either is empty)."""
    if current.index is None or previous.index is None:
        return None
    return current.index - previous.index


def ward_ratings(ward, start, end):
    return Rating.objects.filter(ward=ward, rated_on__gte=start, rated_on__lte=end)


# --- Thresholds and corrective actions ------------------------------------------------------------

def unit_head(unit):
    from organisations.models import Person

    return Person.objects.filter(unit=unit, is_unit_head=True, is_active=True).order_by("pk").first()


def check_thresholds(ward, start, end, today=None):
    """Open a corrective action for every desk and officer of the ward whose index in [start, end] is below the
    ward's threshold with at least the minimum number of ratings. Safe to run any number of times."""
    from core.notifications import notify

    config = settings_for(ward)
    ratings = ward_ratings(ward, start, end)
    opened = []
    counts = {"total": Count("pk"), "satisfied": Count("pk", filter=Q(satisfied=True))}
    subjects = [("desk", row) for row in ratings.order_by().values("desk", "desk__unit").annotate(**counts)]
    subjects += [("officer", row) for row in ratings.filter(officer__isnull=False).order_by()
                 .values("officer", "desk__unit").annotate(**counts)]
    for kind, row in subjects:
        if row["total"] < config.minimum_ratings:
            continue
        index = percentage(row["satisfied"], row["total"])
        if index >= config.threshold:
            continue
        key = f"{kind}-{row[kind]}-{start.isoformat()}-{end.isoformat()}"
        if CorrectiveAction.objects.filter(dedup_key=key).exists():
            continue
        from organisations.models import Person, Unit

        unit = Unit.objects.get(pk=row["desk__unit"])
        desk = ServiceDesk.objects.get(pk=row["desk"]) if kind == "desk" else None
        officer = Person.objects.get(pk=row["officer"]) if kind == "officer" else None
        subject = desk.name if desk else officer.full_name
        title = _("Chỉ số hài lòng %(index)s%% dưới ngưỡng %(threshold)s%%: %(subject)s (%(start)s–%(end)s)") % {
            "index": index, "threshold": points(config.threshold), "subject": subject,
            "start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y"),
        }
        head = unit_head(unit)
        try:
            with transaction.atomic():
                action = CorrectiveAction.objects.create(
                    ward=ward, unit=unit, head=head, desk=desk, officer=officer, title=title[:255],
                    period_start=start, period_end=end, ratings_count=row["total"], index=index,
                    threshold=config.threshold, due_date=(today or periods.today()) + timedelta(days=30),
                    dedup_key=key,
                )
        except IntegrityError:
            continue
        notify("satisfaction.corrective_action_opened", action)
        opened.append(action)
    return opened


def last_month_bounds(on):
    first_of_month = on.replace(day=1)
    return period_bounds(Period.MONTH, first_of_month - timedelta(days=1))


def close_action(action, result, closed_on=None):
    action.status = ActionStatus.CLOSED
    action.result = result
    action.closed_on = closed_on or periods.today()
    action.save()
    return action


def open_actions(ward):
    return CorrectiveAction.objects.filter(ward=ward).exclude(status=ActionStatus.CLOSED)


def as_date(value):
    return value if isinstance(value, date) else date.fromisoformat(str(value))
