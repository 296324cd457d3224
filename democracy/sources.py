"""Public disclosures made (approved by the chairman) carry out the plan's disclosure task."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.areas import RecordSource
from core.sources import in_ward, ward_id_of

from .models import Disclosure


def approved_disclosures(ward, start, end):
    return (Disclosure.objects.filter(in_ward(ward, "unit"), approved_on__isnull=False, posted_on__range=(start, end))
            .annotate(bound_on=F("posted_on"), bound_group=F("unit_id")))


DISCLOSURES = RecordSource(
    key="democracy.disclosure",
    label=_("Nội dung công khai đã được Chủ tịch UBND phê duyệt và niêm yết"),
    records=approved_disclosures,
    models=("democracy.Disclosure",),
    ward_of=lambda disclosure: ward_id_of(disclosure.unit),
    record_noun=_("nội dung công khai"),
    group_noun=_("đơn vị công khai"),
    match=(r"noi dung cong khai",),
    order=40,
)

# Registered by core.apps.AreaConfig.
SOURCES = [DISCLOSURES]
