"""Recognition in October (decision, certificate) and where a recognised model was replicated."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core import documents, periods
from core.notifications import notify

from ..models import (
    RECOGNISED_STATUSES,
    MobilizationModel,
    Recognition,
    RecognitionRound,
    Replication,
    Status,
)
from ..permissions import (
    is_ward_bloc,
    works_for,
)
from .common import _refuse
from .evaluation import entry_for
from .progress import _check_not_future, indicator_results, targets_met
from .registration import _bloc_units

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
    if not round_.document_header:
        round_.document_header = documents.live_header(model.ward)
        round_.save(update_fields=["document_header"])
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
