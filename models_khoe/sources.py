"""Models and exemplars recognised in October (Tháng dân vận) carry out the plan's commendation task."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.areas import RecordSource
from core.sources import ward_through

from .models import Recognition, RecognitionRound


def recognitions(ward, start, end):
    return (Recognition.objects.filter(round__ward=ward, round__decided_on__range=(start, end))
            .annotate(bound_on=F("round__decided_on"), bound_group=F("model__unit_id")).select_related("model"))


RECOGNITIONS = RecordSource(
    key="models_khoe.recognition",
    label=_("Mô hình, điển hình “Dân vận khéo” được công nhận, biểu dương trong Tháng dân vận"),
    records=recognitions,
    models=("models_khoe.Recognition", "models_khoe.RecognitionRound"),
    ward_of=ward_through(RecognitionRound, "round"),
    record_noun=_("mô hình, điển hình được công nhận"),
    group_noun=_("đơn vị"),
    match=(r"bieu duong .*(dan van kheo|thang dan van)",),
    order=30,
)

# Registered by core.apps.AreaConfig.
SOURCES = [RECOGNITIONS]
