"""Rules of the "Dân vận khéo" movement: who may move a model along its path, and how it is ranked.

Every transition is one function here: it checks who is asking, refuses with a Vietnamese reason
(``PermissionDenied`` for the wrong person, ``ValidationError`` for the wrong state or data) and records what
happened. Views, the API and the demo loader call these; none of them changes a status on its own.

Path: registered (chờ thẩm định) ⇄ returned (trả lại) → approved → in progress → evaluated → recognised
→ replicated.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _

from core import periods
from core.notifications import notify
from core.numbers import number as plain_number
from organisations.models import Unit, UnitKind

from .models import (
    EDITABLE_STATUSES,
    PROGRESS_STATUSES,
    RECOGNISED_STATUSES,
    SCORING_STATUSES,
    Activity,
    Appraisal,
    Bloc,
    Channel,
    Criterion,
    CriterionScore,
    Decision,
    Evaluation,
    EvaluatorAssignment,
    Field,
    Indicator,
    IndicatorValue,
    Kind,
    MobilizationModel,
    Publicity,
    Recognition,
    RecognitionRound,
    RegistrationVersion,
    Replication,
    Status,
    name_key,
)
from .permissions import (
    is_assigned_evaluator,
    is_ward_bloc,
    may_manage_blocs,
    may_register,
    works_for,
)

TWO_PLACES = Decimal("0.01")

# The bloc's defaults: an editable starting point, after the recognition criteria the movement uses (practical
# results endorsed by residents, a pressing task solved, many forces mobilised, sustainable and able to spread).
DEFAULT_BLOCS = [
    ("Khối Đảng, Mặt trận và đoàn thể",
     "Chi bộ, Ủy ban MTTQ, Đoàn Thanh niên, Hội Phụ nữ, Hội Cựu chiến binh, Hội Người cao tuổi, Công đoàn",
     (UnitKind.PARTY_CELL, UnitKind.FATHERLAND_FRONT, UnitKind.MASS_ORGANISATION, UnitKind.MOBILIZATION_BLOC,
      UnitKind.STEERING_COMMITTEE, UnitKind.WARD)),
    ("Khối chính quyền và lực lượng vũ trang", "UBND phường, Công an phường, Ban Chỉ huy Quân sự phường",
     (UnitKind.PEOPLES_COMMITTEE, UnitKind.ARMED_FORCES)),
    ("Khối dân cư", "Tổ dân phố, Tổ dân vận cộng đồng, hộ gia đình và cá nhân tiêu biểu",
     (UnitKind.RESIDENTIAL_GROUP, UnitKind.OTHER)),
]
DEFAULT_CRITERIA = [
    ("Giải quyết được nhiệm vụ cấp bách, bức xúc, được nhân dân đồng tình", "20"),
    ("Kết quả thiết thực, đo đếm được so với chỉ tiêu đăng ký", "30"),
    ("Huy động được nhiều lực lượng, nguồn lực tham gia", "15"),
    ("Tính bền vững, khả năng duy trì", "15"),
    ("Khả năng nhân rộng, mức độ tuyên truyền, lan tỏa", "20"),
]
REGISTRATION_FIELDS = [
    "kind", "unit", "responsible_name", "responsible_position", "name", "field", "bloc", "situation", "objectives",
    "content_methods", "scope_beneficiaries", "lead_force", "coordinating_forces", "participating_forces",
    "resources", "starts_on", "milestones", "evaluation_on", "outputs", "sustainability",
]
INDICATOR_FIELDS = ["name", "unit_of_measure", "baseline", "target", "direction", "method"]


def ward_label(ward):
    """The ward as residents name it ("phường Hòa Bình"), from its Party Committee's name."""
    name = ward.name
    prefix = "Đảng ủy "
    return name[len(prefix):] if name.startswith(prefix) else name


def _refuse(message):
    raise PermissionDenied(message)


# --- Blocs and rubrics -------------------------------------------------------------------------------

@transaction.atomic
def ensure_default_blocs(ward):
    """Give a ward the default blocs and rubric the first time it needs them; returns its blocs."""
    blocs = list(Bloc.objects.filter(ward=ward))
    if blocs:
        return blocs
    for order, (name, description, _kinds) in enumerate(DEFAULT_BLOCS, start=1):
        bloc = Bloc.objects.create(ward=ward, name=name, description=description, order=order)
        Criterion.objects.bulk_create([
            Criterion(bloc=bloc, name=text, max_points=Decimal(points), order=index)
            for index, (text, points) in enumerate(DEFAULT_CRITERIA, start=1)
        ])
        blocs.append(bloc)
    return blocs


def suggested_bloc(unit, blocs):
    """The default bloc of a unit by its kind (an officer may choose another)."""
    by_name = {bloc.name: bloc for bloc in blocs}
    for name, _description, kinds in DEFAULT_BLOCS:
        if unit.kind in kinds and name in by_name:
            return by_name[name]
    return blocs[0] if blocs else None


def rubric_locked(bloc):
    """A rubric cannot change while models of the bloc are being scored on it: scores would stop adding up."""
    return Evaluation.objects.filter(model__bloc=bloc, model__status__in=SCORING_STATUSES).exists()


def max_total(bloc):
    return sum((c.max_points for c in bloc.criteria.all() if c.is_active), Decimal("0"))


@transaction.atomic
def assign_evaluator(user, bloc, year, evaluator):
    if not may_manage_blocs(user, bloc.ward):
        _refuse(_("Chỉ Khối Dân vận Đảng ủy phân công người chấm."))
    if evaluator.ward is None or evaluator.ward.pk != bloc.ward_id:
        raise ValidationError(_("Người chấm phải là cán bộ của phường."))
    assignment, created = EvaluatorAssignment.objects.get_or_create(
        bloc=bloc, year=year, evaluator=evaluator, defaults={"assigned_by": user}
    )
    if created:
        notify("models_khoe.evaluator_assigned", assignment, actor=user)
    return assignment


@transaction.atomic
def remove_evaluator(user, assignment):
    if not may_manage_blocs(user, assignment.bloc.ward):
        _refuse(_("Chỉ Khối Dân vận Đảng ủy phân công người chấm."))
    scored = Evaluation.objects.filter(
        evaluator=assignment.evaluator, model__bloc=assignment.bloc, model__year=assignment.year
    ).exists()
    if scored:
        raise ValidationError(_("%(who)s đã chấm điểm mô hình của khối này: không thể bỏ phân công.")
                              % {"who": assignment.evaluator})
    assignment.delete()


# --- Registration and appraisal -----------------------------------------------------------------------

def check_indicators(indicators):
    """Refuse a registration without a measurable indicator: the seed's complaint was vague models."""
    rows = [row for row in indicators if any(row.get(name) not in (None, "") for name in ("name", "target"))]
    if not rows:
        raise ValidationError(_(
            "Đăng ký chưa có chỉ tiêu đo lường được. Cần ít nhất một chỉ tiêu có tên, đơn vị tính, giá trị ban đầu, "
            "chỉ tiêu phấn đấu và cách đo, để cuối năm đánh giá được kết quả."
        ), code="no_indicator")
    errors = []
    for number, row in enumerate(rows, start=1):
        missing = [label for name, label in (
            ("name", _("tên chỉ tiêu")), ("unit_of_measure", _("đơn vị tính")), ("baseline", _("giá trị ban đầu")),
            ("target", _("chỉ tiêu phấn đấu")), ("method", _("cách đo")),
        ) if row.get(name) in (None, "")]
        if missing:
            errors.append(_("Chỉ tiêu %(n)s còn thiếu: %(missing)s.") % {"n": number, "missing": ", ".join(missing)})
        elif Decimal(row["target"]) == Decimal(row["baseline"]):
            errors.append(_("Chỉ tiêu %(n)s “%(name)s”: chỉ tiêu phấn đấu phải khác giá trị ban đầu, nếu không thì "
                            "không đo được kết quả.") % {"n": number, "name": row["name"]})
    if errors:
        raise ValidationError(errors, code="vague_indicator")
    return rows


def check_name(unit, year, name, exclude_pk=None):
    """Refuse a name that repeats another registration of the same unit and year."""
    duplicate = MobilizationModel.objects.filter(unit=unit, year=year, name_key=name_key(name))
    if exclude_pk:
        duplicate = duplicate.exclude(pk=exclude_pk)
    if duplicate.exists():
        raise ValidationError({"name": _(
            "Tên “%(name)s” trùng với một mô hình, điển hình %(unit)s đã đăng ký năm %(year)s. "
            "Hãy đặt tên cụ thể để phân biệt."
        ) % {"name": name, "unit": unit, "year": year}}, code="duplicate_name")


def _display(model, name):
    value = getattr(model, name)
    if name in ("kind", "field"):
        return getattr(model, f"get_{name}_display")()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def snapshot(model):
    """The registration as an official reads it (labels and displayed values), for the version history."""
    fields = [
        {"name": name, "label": str(MobilizationModel._meta.get_field(name).verbose_name),
         "value": _display(model, name)}
        for name in REGISTRATION_FIELDS
    ]
    indicators = [
        {"name": i.name, "unit_of_measure": i.unit_of_measure, "baseline": plain_number(i.baseline),
         "target": plain_number(i.target), "direction": i.get_direction_display(), "method": i.method}
        for i in model.indicators.order_by("order", "pk")
    ]
    return {"fields": fields, "indicators": indicators}


def version_changes(previous, current):
    """What changed between two versions' contents: the labels of changed fields, and the indicators."""
    before = {row["name"]: row["value"] for row in previous.get("fields", [])}
    changed = [row["label"] for row in current.get("fields", []) if before.get(row["name"]) != row["value"]]
    if previous.get("indicators") != current.get("indicators"):
        changed.append(_("chỉ tiêu đo lường"))
    return changed


def _save_indicators(model, indicators):
    model.indicators.all().delete()
    Indicator.objects.bulk_create([
        Indicator(model=model, order=index, **{name: row.get(name) for name in INDICATOR_FIELDS if name in row})
        for index, row in enumerate(indicators, start=1)
    ])


def _record_version(model, user):
    return RegistrationVersion.objects.create(model=model, number=model.version, content=snapshot(model),
                                              created_by=user)


def _bloc_units(ward):
    return Unit.objects.filter(ward=ward, kind=UnitKind.MOBILIZATION_BLOC, is_active=True)


@transaction.atomic
def register(user, *, data, indicators):
    """Register a model or exemplar for a year: version 1, waiting for the bloc's appraisal."""
    unit = data["unit"]
    if not may_register(user, unit):
        _refuse(_("Chỉ cán bộ của đơn vị mới đăng ký mô hình, điển hình cho đơn vị mình."))
    rows = check_indicators(indicators)
    check_name(unit, data["year"], data["name"])
    model = MobilizationModel(created_by=user, registered_on=periods.today(), status=Status.REGISTERED, version=1,
                              **data)
    model.full_clean(exclude=["ward", "name_key", "search_text", "registered_on"], validate_unique=False,
                     validate_constraints=False)
    model.save()
    _save_indicators(model, rows)
    _record_version(model, user)
    notify("models_khoe.registered", model, actor=user)
    return model


@transaction.atomic
def revise(user, model, *, data, indicators):
    """The unit revises its registration (after a return, or before the appraisal): a new version."""
    model = MobilizationModel.objects.select_for_update().get(pk=model.pk)
    if not works_for(user, model.unit):
        _refuse(_("Chỉ cán bộ của đơn vị đăng ký mới sửa được đăng ký này."))
    if model.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Đăng ký đã được phê duyệt: nội dung không sửa được nữa."))
    if "unit" in data and data["unit"] != model.unit and not works_for(user, data["unit"]):
        _refuse(_("Chỉ cán bộ của đơn vị mới đăng ký mô hình, điển hình cho đơn vị mình."))
    rows = check_indicators(indicators)
    check_name(data.get("unit", model.unit), data.get("year", model.year), data.get("name", model.name),
               exclude_pk=model.pk)
    for name, value in data.items():
        setattr(model, name, value)
    model.full_clean(exclude=["ward", "name_key", "search_text", "registered_on"], validate_unique=False,
                     validate_constraints=False)
    model.version += 1
    model.status = Status.REGISTERED
    model.save()
    _save_indicators(model, rows)
    _record_version(model, user)
    notify("models_khoe.revised", model, actor=user)
    return model


def plan_area_for(model):
    """The skilful-mobilization area of the ward's plan that covers the model's year."""
    from plans.models import AreaKind
    from plans.services import current_area

    return current_area(model.ward, AreaKind.SKILFUL_MOBILIZATION, year=model.year)


def _assign_task(model):
    """Approval assigns the model to its unit as a task of the plan's area 3 (Dân vận khéo)."""
    from plans.services import add_area_task

    area = plan_area_for(model)
    if area is None:
        raise ValidationError(_(
            "Phường chưa có kế hoạch năm %(year)s với nhóm nhiệm vụ “Dân vận khéo”, nên chưa giao được nhiệm vụ "
            "cho đơn vị. Hãy nhập kế hoạch trước khi phê duyệt."
        ) % {"year": model.year})
    kind = _("mô hình") if model.kind == Kind.COLLECTIVE else _("điển hình")
    return add_area_task(
        area,
        title=_("Thực hiện %(kind)s Dân vận khéo “%(name)s”") % {"kind": kind, "name": model.name},
        description=model.objectives,
        source=_("Đăng ký Dân vận khéo năm %(year)s") % {"year": model.year},
        lead_unit=model.unit,
        due_date=model.evaluation_on,
    )


@transaction.atomic
def approve(user, model, comments=""):
    model = MobilizationModel.objects.select_for_update().select_related("unit", "ward").get(pk=model.pk)
    if not is_ward_bloc(user, model.ward):
        _refuse(_("Chỉ Khối Dân vận Đảng ủy thẩm định, phê duyệt đăng ký."))
    if model.status != Status.REGISTERED:
        raise ValidationError(_("Chỉ thẩm định đăng ký đang chờ thẩm định (tình trạng hiện tại: %(status)s).")
                              % {"status": model.get_status_display()})
    model.task = _assign_task(model)
    model.status = Status.APPROVED
    model.approved_on = periods.today()
    model.save(update_fields=["task", "status", "approved_on", "search_text"])
    appraisal = Appraisal.objects.create(model=model, version=model.version, decision=Decision.APPROVED,
                                         comments=comments, appraiser=user)
    notify("models_khoe.approved", model, actor=user)
    return appraisal


@transaction.atomic
def return_for_revision(user, model, comments):
    model = MobilizationModel.objects.select_for_update().select_related("unit", "ward").get(pk=model.pk)
    if not is_ward_bloc(user, model.ward):
        _refuse(_("Chỉ Khối Dân vận Đảng ủy thẩm định, phê duyệt đăng ký."))
    if model.status != Status.REGISTERED:
        raise ValidationError(_("Chỉ thẩm định đăng ký đang chờ thẩm định (tình trạng hiện tại: %(status)s).")
                              % {"status": model.get_status_display()})
    if not (comments or "").strip():
        raise ValidationError({"comments": _("Khi trả lại cần ghi ý kiến để đơn vị chỉnh sửa.")})
    model.status = Status.RETURNED
    model.save(update_fields=["status", "search_text"])
    appraisal = Appraisal.objects.create(model=model, version=model.version, decision=Decision.RETURNED,
                                         comments=comments.strip(), appraiser=user)
    notify("models_khoe.returned", model, actor=user, comments=comments.strip())
    return appraisal


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


# --- Year-end evaluation and ranking ------------------------------------------------------------------

def _average(totals):
    if not totals:
        return None
    return (sum(totals, Decimal("0")) / len(totals)).quantize(TWO_PLACES, ROUND_HALF_UP)


@transaction.atomic
def record_score(user, model, points, note=""):
    """An evaluator scores a model criterion by criterion; their note stays private to them."""
    model = MobilizationModel.objects.select_for_update().select_related("bloc", "unit").get(pk=model.pk)
    if not is_assigned_evaluator(user, model):
        _refuse(_("Bạn không được phân công chấm khối “%(bloc)s” năm %(year)s.")
                % {"bloc": model.bloc, "year": model.year})
    if user.unit_id == model.unit_id and not user.is_admin:
        _refuse(_("Người chấm không chấm mô hình của chính đơn vị mình."))
    if model.status not in SCORING_STATUSES:
        raise ValidationError(_("Chỉ chấm mô hình đang thực hiện hoặc đang đánh giá (tình trạng hiện tại: "
                                "%(status)s).") % {"status": model.get_status_display()})
    criteria = list(model.bloc.criteria.filter(is_active=True).order_by("order", "pk"))
    if not criteria:
        raise ValidationError(_("Khối “%(bloc)s” chưa có tiêu chí chấm điểm.") % {"bloc": model.bloc})
    errors = []
    cleaned = {}
    for criterion in criteria:
        raw = points.get(criterion.pk, points.get(str(criterion.pk)))
        if raw in (None, ""):
            errors.append(_("Chưa chấm tiêu chí “%(name)s”.") % {"name": criterion.name})
            continue
        value = Decimal(str(raw))
        if value < 0 or value > criterion.max_points:
            errors.append(_("Điểm tiêu chí “%(name)s” phải từ 0 đến %(max)s.")
                          % {"name": criterion.name, "max": plain_number(criterion.max_points)})
            continue
        cleaned[criterion.pk] = value
    if errors:
        raise ValidationError(errors)
    evaluation, _created = Evaluation.objects.get_or_create(model=model, evaluator=user)
    evaluation.scores.all().delete()
    CriterionScore.objects.bulk_create([
        CriterionScore(evaluation=evaluation, criterion_id=pk, points=value) for pk, value in cleaned.items()
    ])
    evaluation.total = sum(cleaned.values(), Decimal("0"))
    evaluation.note = note or ""
    evaluation.save()
    refresh_evaluation_status(model)
    return evaluation


def refresh_evaluation_status(model):
    """In progress → evaluated once the bloc's minimum number of evaluators have scored the model."""
    count = model.evaluations.count()
    if model.status == Status.IN_PROGRESS and count >= model.bloc.min_evaluators:
        model.status = Status.EVALUATED
        model.save(update_fields=["status", "search_text"])
    return model


@dataclass
class EvaluationSummary:
    count: int
    required: int
    average: Decimal | None

    @property
    def is_ranked(self):
        return self.count >= self.required and self.average is not None


def evaluation_summary(model):
    totals = [evaluation.total for evaluation in model.evaluations.all()]  # uses a prefetch when there is one
    return EvaluationSummary(len(totals), model.bloc.min_evaluators, _average(totals))


@dataclass
class RankedEntry:
    model: MobilizationModel
    average: Decimal | None
    evaluations: int
    required: int
    targets_met: bool
    rank: int | None = None
    tied: bool = False

    @property
    def is_ranked(self):
        return self.average is not None and self.evaluations >= self.required


def rank_entries(entries):
    """Rank within a group: higher average first; at the same average, a model that met all its targets comes
    before one that missed any (quality first). Equal average and equal target result share a rank (1, 1, 3).
    Models with fewer than the minimum number of evaluators are listed after, without a rank."""
    ranked = sorted((e for e in entries if e.is_ranked),
                    key=lambda e: (-e.average, not e.targets_met, e.model.name.casefold()))
    previous_key, rank = None, 0
    for position, entry in enumerate(ranked, start=1):
        key = (entry.average, entry.targets_met)
        if key != previous_key:
            rank, previous_key = position, key
        entry.rank = rank
    counts = {}
    for entry in ranked:
        counts[entry.rank] = counts.get(entry.rank, 0) + 1
    for entry in ranked:
        entry.tied = counts[entry.rank] > 1
    unranked = sorted((e for e in entries if not e.is_ranked), key=lambda e: e.model.name.casefold())
    for entry in unranked:
        entry.rank, entry.tied = None, False
    return ranked + unranked


@dataclass
class RankingGroup:
    bloc: Bloc
    field: str
    entries: list = dataclass_field(default_factory=list)

    @property
    def field_label(self):
        return Field(self.field).label


RANKED_STATUSES = (Status.IN_PROGRESS, Status.EVALUATED, Status.RECOGNISED, Status.REPLICATED)


def ranking(models):
    """Rank a queryset of models (already restricted to the user) within each bloc and field.

    A handful of queries whatever the number of models: models, evaluations' totals, indicators, values.
    """
    models = list(models.filter(status__in=RANKED_STATUSES).select_related("bloc", "unit")
                  .prefetch_related("indicators"))
    ids = [m.pk for m in models]
    totals = {}
    for model_id, total in Evaluation.objects.filter(model_id__in=ids).values_list("model_id", "total"):
        totals.setdefault(model_id, []).append(total)
    latest = {}
    for value in IndicatorValue.objects.filter(indicator__model_id__in=ids).order_by("measured_on", "created_at"):
        latest[value.indicator_id] = value
    groups = {}
    for model in models:
        results = indicator_results(model, list(model.indicators.all()), latest)
        entry = RankedEntry(model, _average(totals.get(model.pk, [])), len(totals.get(model.pk, [])),
                            model.bloc.min_evaluators, targets_met(results))
        groups.setdefault((model.bloc, model.field), []).append(entry)
    field_order = list(Field.values)
    result = []
    for (bloc, field_value), entries in sorted(
        groups.items(), key=lambda item: (item[0][0].order, item[0][0].name, field_order.index(item[0][1]))
    ):
        result.append(RankingGroup(bloc, field_value, rank_entries(entries)))
    return result


def entry_for(model):
    """The model's place in its group's ranking."""
    group_models = MobilizationModel.objects.filter(ward=model.ward, year=model.year, bloc=model.bloc,
                                                    field=model.field)
    for group in ranking(group_models):
        for entry in group.entries:
            if entry.model.pk == model.pk:
                return entry
    return None


def todo_for(user, year=None):
    """What the evaluator still has to score: models of their blocs and years, not yet scored by them."""
    assignments = EvaluatorAssignment.objects.filter(evaluator=user)
    if year:
        assignments = assignments.filter(year=year)
    condition = Q()
    for bloc_id, assigned_year in assignments.values_list("bloc_id", "year"):
        condition |= Q(bloc_id=bloc_id, year=assigned_year)
    if not condition:
        return MobilizationModel.objects.none()
    queryset = (MobilizationModel.objects.filter(condition, status__in=SCORING_STATUSES)
                .exclude(evaluations__evaluator=user)
                .select_related("bloc", "unit")
                .order_by("year", "bloc__order", "field", "name"))
    if user.unit_id:
        queryset = queryset.exclude(unit_id=user.unit_id)
    return queryset


def remind_evaluators(on=None):
    """Remind every evaluator of what they still have to score, once a week (the dedup key holds the week)."""
    from django.contrib.auth import get_user_model

    on = on or periods.today()
    sent = 0
    evaluators = get_user_model().objects.filter(kheo_assignments__isnull=False, is_active=True).distinct()
    for evaluator in evaluators:
        pending = todo_for(evaluator).count()
        if not pending:
            continue
        sent += len(notify("models_khoe.evaluator_reminder", evaluator, pending=pending, on=on))
    return sent


# --- Recognition in October ----------------------------------------------------------------------------

def round_default_date(year):
    """Recognition happens in Tháng dân vận: 15 October, the traditional day of the mass-mobilization work."""
    return date(year, 10, 15)


def round_for(ward, year, create=False):
    """The year's recognition round; created (dated 15/10) when asked for."""
    round_ = RecognitionRound.objects.filter(ward=ward, year=year).first()
    if round_ is None and create:
        round_ = RecognitionRound.objects.create(ward=ward, year=year, decided_on=round_default_date(year))
    return round_


@transaction.atomic
def recognise(user, model, *, achievement, proposed_to_city=False):
    model = MobilizationModel.objects.select_for_update().select_related("bloc", "unit", "ward").get(pk=model.pk)
    if not is_ward_bloc(user, model.ward):
        _refuse(_("Chỉ Khối Dân vận Đảng ủy công nhận mô hình, điển hình."))
    if model.status != Status.EVALUATED:
        raise ValidationError(_("Chỉ công nhận mô hình đã được đánh giá đủ số người chấm (tình trạng hiện tại: "
                                "%(status)s).") % {"status": model.get_status_display()})
    if not (achievement or "").strip():
        raise ValidationError({"achievement": _("Cần ghi thành tích, kết quả nổi bật để đăng công khai.")})
    entry = entry_for(model)
    if entry is None or not entry.is_ranked:
        raise ValidationError(_("Mô hình chưa đủ số người chấm để xếp hạng."))
    round_ = round_for(model.ward, model.year, create=True)
    round_ = RecognitionRound.objects.select_for_update().get(pk=round_.pk)
    number = (round_.recognitions.aggregate(last=Max("certificate_number"))["last"] or 0) + 1
    recognition = Recognition.objects.create(
        round=round_, model=model, achievement=achievement.strip(), proposed_to_city=proposed_to_city,
        average_score=entry.average, rank=entry.rank, certificate_number=number, recognised_by=user,
    )
    model.status = Status.RECOGNISED
    model.save(update_fields=["status", "search_text"])
    if model.task_id:
        from plans.models import Task
        from plans.services import record_progress

        task = Task.objects.filter(pk=model.task_id).select_related("plan").first()
        if task is not None:
            record_progress(task, percent=100, reported_on=periods.today(), author=user, unit=model.unit,
                            note=_("Được công nhận mô hình, điển hình Dân vận khéo năm %(year)s.")
                            % {"year": model.year})
    notify("models_khoe.recognised", model, actor=user)
    return recognition


@transaction.atomic
def set_proposal(user, recognition, proposed):
    if not is_ward_bloc(user, recognition.round.ward):
        _refuse(_("Chỉ Khối Dân vận Đảng ủy lập danh sách đề nghị Thành ủy biểu dương."))
    recognition.proposed_to_city = bool(proposed)
    recognition.save(update_fields=["proposed_to_city"])
    return recognition


def suggested_proposals(recognitions):
    """The best of each bloc and field: rank 1, with every target met."""
    return [r for r in recognitions if r.rank == 1 and targets_met(indicator_results(r.model))]


@transaction.atomic
def schedule_ceremony(user, round_):
    """The commendation ceremony as a meeting of the ward (conference in Tháng dân vận)."""
    from meetings.models import Meeting, MeetingKind, MeetingStatus

    if not is_ward_bloc(user, round_.ward):
        _refuse(_("Chỉ Khối Dân vận Đảng ủy tổ chức hội nghị biểu dương."))
    if not round_.ceremony_on:
        raise ValidationError({"ceremony_on": _("Cần nhập ngày hội nghị biểu dương.")})
    organiser = _bloc_units(round_.ward).first() or round_.ward
    meeting = round_.ceremony or Meeting(organiser=organiser, kind=MeetingKind.THEMATIC, created_by=user)
    meeting.title = _("Hội nghị biểu dương mô hình, điển hình “Dân vận khéo” năm %(year)s") % {"year": round_.year}
    meeting.field = _("Dân vận khéo")
    meeting.held_on = round_.ceremony_on
    meeting.place = round_.ceremony_place
    meeting.status = MeetingStatus.HELD if round_.ceremony_on <= periods.today() else MeetingStatus.PLANNED
    meeting.save()
    units = {r.model.unit_id for r in round_.recognitions.select_related("model")}
    meeting.participating_units.add(*units)
    round_.ceremony = meeting
    round_.save(update_fields=["ceremony"])
    return meeting


# --- Replication -----------------------------------------------------------------------------------------

@transaction.atomic
def record_replication(user, model, *, adopting_unit, started_on, results, beneficiaries=None):
    model = MobilizationModel.objects.select_for_update().select_related("unit", "ward").get(pk=model.pk)
    bloc = is_ward_bloc(user, model.ward) and (adopting_unit.ward_id == model.ward_id or user.is_admin)
    if not (bloc or works_for(user, adopting_unit)):
        _refuse(_("Chỉ đơn vị nhân rộng (hoặc Khối Dân vận) ghi nhận kết quả nhân rộng của đơn vị đó."))
    if model.status not in RECOGNISED_STATUSES:
        raise ValidationError(_("Chỉ nhân rộng mô hình, điển hình đã được công nhận."))
    if adopting_unit.pk == model.unit_id:
        raise ValidationError({"adopting_unit": _("Đơn vị nhân rộng phải khác đơn vị đã xây dựng mô hình.")})
    if Replication.objects.filter(model=model, adopting_unit=adopting_unit).exists():
        raise ValidationError({"adopting_unit": _("Đơn vị này đã được ghi nhận nhân rộng mô hình.")})
    _check_not_future(started_on)
    if not (results or "").strip():
        raise ValidationError({"results": _("Cần ghi kết quả đạt được tại đơn vị nhân rộng.")})
    replication = Replication.objects.create(model=model, adopting_unit=adopting_unit, started_on=started_on,
                                             results=results.strip(), beneficiaries=beneficiaries,
                                             recorded_by=user)
    if model.status == Status.RECOGNISED:
        model.status = Status.REPLICATED
        model.save(update_fields=["status", "search_text"])
    return replication


# --- Public page -------------------------------------------------------------------------------------------

def public_models():
    """Recognised models and exemplars, for the public page (no login): only what propagation needs."""
    return (MobilizationModel.objects.filter(status__in=RECOGNISED_STATUSES, recognition__isnull=False)
            .select_related("unit", "ward", "recognition")
            .order_by("-year", "field", "name"))


def public_photos(model):
    """Images of a recognised model and of its activities (never other files)."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import Attachment

    model_type = ContentType.objects.get_for_model(MobilizationModel)
    activity_type = ContentType.objects.get_for_model(Activity)
    activity_ids = list(model.activities.values_list("pk", flat=True))
    return (Attachment.objects.filter(mime_type__startswith="image/")
            .filter(Q(content_type=model_type, object_id=model.pk)
                    | Q(content_type=activity_type, object_id__in=activity_ids))
            .order_by("uploaded_at"))


def public_covers(models):
    """{model id: its first public photo} for a page of models, in two queries whatever their number."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import Attachment

    model_type = ContentType.objects.get_for_model(MobilizationModel)
    activity_type = ContentType.objects.get_for_model(Activity)
    ids = [model.pk for model in models]
    activity_models = dict(Activity.objects.filter(model_id__in=ids).values_list("pk", "model_id"))
    covers = {}
    for attachment in (Attachment.objects.filter(mime_type__startswith="image/")
                       .filter(Q(content_type=model_type, object_id__in=ids)
                               | Q(content_type=activity_type, object_id__in=list(activity_models)))
                       .order_by("uploaded_at", "pk")):
        if attachment.content_type_id == model_type.pk:
            model_id = attachment.object_id
        else:
            model_id = activity_models[attachment.object_id]
        covers.setdefault(model_id, attachment)
    return covers


def is_public_photo(attachment):
    from django.contrib.contenttypes.models import ContentType

    if not attachment.mime_type.startswith("image/"):
        return False
    recognised = MobilizationModel.objects.filter(status__in=RECOGNISED_STATUSES, recognition__isnull=False)
    if attachment.content_type_id == ContentType.objects.get_for_model(MobilizationModel).pk:
        return recognised.filter(pk=attachment.object_id).exists()
    if attachment.content_type_id == ContentType.objects.get_for_model(Activity).pk:
        return recognised.filter(activities__pk=attachment.object_id).exists()
    return False


# --- The area's section of reports and dashboards --------------------------------------------------------

def spread_rows(spread):
    """The spread as (label, value) rows of the report: items, people reached, then each channel used."""
    reach = plain_number(spread.reach, empty=_("chưa có số liệu"))
    if spread.reach is not None and not spread.reach_complete:
        reach = _("%(reach)s (theo %(n)s/%(total)s tin có số liệu)") % {
            "reach": reach, "n": spread.with_reach, "total": spread.count}
    rows = [
        (_("Tin tuyên truyền về mô hình, điển hình"), str(spread.count)),
        (_("Người tiếp cận (ước tính)"), reach),
    ]
    for channel in spread.channels:
        value = _("%(n)s tin") % {"n": channel.count}
        if channel.with_reach:
            value += ", " + _("%(reach)s người tiếp cận") % {"reach": plain_number(channel.reach)}
        rows.append((_("Lan tỏa qua: %(channel)s") % {"channel": channel.label}, value))
    return rows


def area_figures(ward, start, end):
    """Models registered, approved and recognised in the period, by field."""
    from django.urls import reverse

    from core.areas import Figures

    models = MobilizationModel.objects.filter(ward=ward)
    registered = models.filter(registered_on__range=(start, end))
    approved = models.filter(approved_on__range=(start, end))
    recognised = models.filter(recognition__round__decided_on__range=(start, end))
    by_field = {value: {"label": str(label), "registered": 0, "approved": 0, "recognised": 0}
                for value, label in Field.choices}
    for key, queryset in (("registered", registered), ("approved", approved), ("recognised", recognised)):
        for value in queryset.values_list("field", flat=True):
            by_field[value][key] += 1
    totals = {key: sum(row[key] for row in by_field.values()) for key in ("registered", "approved", "recognised")}
    waiting = models.filter(status=Status.REGISTERED, registered_on__lte=end).count()
    replications = Replication.objects.filter(model__ward=ward, started_on__range=(start, end)).count()
    spread = spread_for(Publicity.objects.filter(model__ward=ward, published_on__range=(start, end)))
    rows = [
        (_("Mô hình, điển hình đăng ký mới"), str(totals["registered"])),
        (_("Được phê duyệt"), str(totals["approved"])),
        (_("Được công nhận"), str(totals["recognised"])),
        (_("Đang chờ thẩm định"), str(waiting)),
        (_("Lượt nhân rộng"), str(replications)),
    ]
    for row in by_field.values():
        rows.append((row["label"], _("%(r)s đăng ký, %(a)s được phê duyệt, %(c)s được công nhận") % {
            "r": row["registered"], "a": row["approved"], "c": row["recognised"]}))
    rows.extend(spread_rows(spread))
    return Figures(
        rows=rows,
        data={
            **totals,
            "waiting": waiting,
            "replications": replications,
            "by_field": by_field,
            "publicity": spread.as_data(),
            "headline": totals["recognised"],
            "chart": {"labels": [row["label"] for row in by_field.values()],
                      "values": [row["registered"] for row in by_field.values()], "unit": ""},
        },
        link=reverse("models_khoe:model_list"),
        status="warning" if waiting else "ok",
    )
