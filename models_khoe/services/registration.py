"""Registering a model, revising it and the bloc's appraisal (approve, return, refuse), with the task it puts
into the plan."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import periods
from core.notifications import notify
from core.numbers import number as plain_number
from organisations.models import Unit, UnitKind

from ..models import (
    EDITABLE_STATUSES,
    Appraisal,
    Decision,
    Indicator,
    Kind,
    MobilizationModel,
    RegistrationVersion,
    Status,
    name_key,
)
from ..permissions import (
    is_ward_bloc,
    may_register,
    works_for,
)
from .common import INDICATOR_FIELDS, REGISTRATION_FIELDS, _refuse

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


def _lock_for_appraisal(user, model):
    """The registration, locked, when ``user`` (the ward's bloc) may appraise it now: it awaits appraisal."""
    model = MobilizationModel.objects.select_for_update().select_related("unit", "ward").get(pk=model.pk)
    if not is_ward_bloc(user, model.ward):
        _refuse(_("Chỉ Khối Dân vận Đảng ủy thẩm định, phê duyệt đăng ký."))
    if model.status != Status.REGISTERED:
        raise ValidationError(_("Chỉ thẩm định đăng ký đang chờ thẩm định (tình trạng hiện tại: %(status)s).")
                              % {"status": model.get_status_display()})
    return model


@transaction.atomic
def approve(user, model, comments=""):
    model = _lock_for_appraisal(user, model)
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
    model = _lock_for_appraisal(user, model)
    if not (comments or "").strip():
        raise ValidationError({"comments": _("Khi trả lại cần ghi ý kiến để đơn vị chỉnh sửa.")})
    model.status = Status.RETURNED
    model.save(update_fields=["status", "search_text"])
    appraisal = Appraisal.objects.create(model=model, version=model.version, decision=Decision.RETURNED,
                                         comments=comments.strip(), appraiser=user)
    notify("models_khoe.returned", model, actor=user, comments=comments.strip())
    return appraisal
