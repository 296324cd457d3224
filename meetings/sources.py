"""Meetings held that carry out tasks of the plan: briefings, the thematic conference, trainings, dialogues."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.areas import RecordSource
from core.sources import in_ward, ward_id_of

from .models import Meeting, MeetingKind, MeetingStatus


def _held(*kinds):
    def records(ward, start, end):
        return (Meeting.objects.filter(in_ward(ward, "organiser"), kind__in=kinds, status=MeetingStatus.HELD,
                                       held_on__range=(start, end))
                .annotate(bound_on=F("held_on"), bound_group=F("organiser_id")))

    return records


def _source(key, label, kinds, match, order, count=1):
    return RecordSource(
        key=f"meetings.{key}", label=label, records=_held(*kinds), models=("meetings.Meeting",),
        ward_of=lambda meeting: ward_id_of(meeting.organiser), default_rule={"rule": "records", "count": count},
        record_noun=_("cuộc đã tổ chức"), group_noun=_("đơn vị tổ chức"), match=match, order=order,
    )


SOURCES = [
    # The seed's briefing task has no frequency of its own: the portal's meeting requirements ask one a quarter.
    _source("briefing", _("Giao ban định kỳ đã tổ chức"), [MeetingKind.BRIEFING], (r"giao ban",), 10, count=4),
    _source("thematic", _("Hội nghị chuyên đề về công tác dân vận đã tổ chức"), [MeetingKind.THEMATIC],
            (r"hoi nghi chuyen de",), 11),
    _source("training", _("Tập huấn đã tổ chức"), [MeetingKind.TRAINING, MeetingKind.DISCLOSURE_TRAINING],
            (r"tap huan",), 12),
    _source("dialogue", _("Đối thoại đã tổ chức"), [MeetingKind.DIALOGUE], (r"doi thoai",), 13),
]
