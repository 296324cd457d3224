"""Who hears of each step of a "Dân vận khéo" registration, declared once (registered in the app's ready())."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.notifications import Event, PendingItem, PendingKind, users_of_units

AREA = "models_khoe"


def _bloc_audience(model, ctx):
    from .services import _bloc_units

    return users_of_units(_bloc_units(model.ward))


def _unit_audience(model, ctx):
    return users_of_units(model.unit)


def _per_version(model, ctx):
    return f"{model.pk}-{model.version}"


def _for_appraisal(key, label, title):
    """A version of a registration sent to the bloc to appraise: the bloc reads its name, once per version."""
    return Event(key=f"{AREA}.{key}", label=label, area=AREA, audience=_bloc_audience,
                 title=lambda model, ctx: str(title), body=lambda model, ctx: str(model), dedup=_per_version)


EVENTS = [
    _for_appraisal("registered", "Đăng ký mô hình mới (→ Khối Dân vận thẩm định)",
                   gettext_lazy("Đăng ký mô hình Dân vận khéo mới chờ thẩm định")),
    _for_appraisal("revised", "Đăng ký được chỉnh sửa (→ Khối Dân vận thẩm định lại)",
                   gettext_lazy("Đăng ký mô hình Dân vận khéo đã được chỉnh sửa, chờ thẩm định")),
    Event(
        key="models_khoe.approved", label="Đăng ký được phê duyệt (→ đơn vị)", area=AREA,
        audience=_unit_audience,
        title=lambda model, ctx: _("Mô hình Dân vận khéo đã được phê duyệt"),
        body=lambda model, ctx: _("“%(name)s” đã được phê duyệt và giao thành nhiệm vụ của đơn vị.")
        % {"name": model.name},
    ),
    Event(
        key="models_khoe.returned", label="Đăng ký bị trả lại (→ đơn vị, kèm ý kiến)", area=AREA,
        audience=_unit_audience,
        title=lambda model, ctx: _("Đăng ký mô hình Dân vận khéo bị trả lại để chỉnh sửa"),
        body=lambda model, ctx: ctx.get("comments", ""),
        dedup=_per_version,
    ),
    Event(
        key="models_khoe.recognised", label="Mô hình được công nhận (→ đơn vị)", area=AREA,
        audience=_unit_audience,
        title=lambda model, ctx: _("Mô hình Dân vận khéo được công nhận"),
        body=lambda model, ctx: _("“%(name)s” được công nhận năm %(year)s.") % {"name": model.name, "year": model.year},
    ),
    Event(
        key="models_khoe.evaluator_assigned", label="Phân công người chấm (→ người chấm)", area=AREA,
        audience=lambda assignment, ctx: [assignment.evaluator],
        title=lambda assignment, ctx: _("Được phân công chấm mô hình Dân vận khéo năm %(year)s – %(bloc)s")
        % {"year": assignment.year, "bloc": assignment.bloc},
        body=lambda assignment, ctx: _("Danh sách mô hình cần chấm có trong mục “Việc cần chấm”."),
        link=lambda assignment, ctx: reverse("models_khoe:todo"),
    ),
    Event(
        key="models_khoe.evaluator_reminder", label="Nhắc người chấm hằng tuần", area=AREA,
        audience=lambda evaluator, ctx: [evaluator],
        title=lambda evaluator, ctx: _("Còn %(n)s mô hình Dân vận khéo cần chấm điểm") % {"n": ctx["pending"]},
        body=lambda evaluator, ctx: _("Danh sách trong mục “Việc cần chấm”. Mô hình chỉ được xếp hạng khi đủ số "
                                      "người chấm."),
        link=lambda evaluator, ctx: reverse("models_khoe:todo"),
        dedup=lambda evaluator, ctx: "{}-{}-w{}".format(evaluator.pk, *ctx["on"].isocalendar()[:2]),
        reminder=True,
    ),
]



def pending_for(user):
    """Registrations to appraise (bloc), returned registrations to revise (their unit), models to score
    (evaluators). A fixed number of queries."""
    from organisations.models import Role

    from .models import MobilizationModel, Status
    from .services import todo_for

    items = []
    ward = user.ward
    if ward is None:
        return items
    if user.role == Role.BLOC:
        waiting = MobilizationModel.objects.filter(ward=ward, status=Status.REGISTERED).count()
        if waiting:
            items.append(PendingItem(
                _("%(n)s đăng ký Dân vận khéo chờ thẩm định") % {"n": waiting},
                f"{reverse('models_khoe:model_list')}?status={Status.REGISTERED}", PendingKind.APPROVE))
    elif user.unit_id and user.role != Role.STANDING and not user.is_overseer:
        returned = (MobilizationModel.objects.filter(unit__path__startswith=user.unit.path, status=Status.RETURNED)
                    .order_by("pk"))
        for model in returned:
            items.append(PendingItem(
                _("Đăng ký “%(name)s” bị trả lại: chỉnh sửa và gửi lại") % {"name": model.name},
                model.get_absolute_url(), PendingKind.FIX))
    # One query for somebody who scores nothing (todo_for reads the assignments first), two for an evaluator.
    count = todo_for(user).count()
    if count:
        items.append(PendingItem(
            _("Còn %(n)s mô hình Dân vận khéo cần chấm điểm") % {"n": count}, reverse("models_khoe:todo"),
            PendingKind.DUE))
    return items
