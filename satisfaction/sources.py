"""The ward's quarterly friendly-government self-assessments carry out the plan's quarterly review task."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core.areas import RecordSource
from core.sources import quarter_end

from .models import Assessment, AssessmentStatus


def assessments(ward, start, end):
    """Self-assessments sent for appraisal (or further on), placed at the end of their quarter."""
    return (Assessment.objects.filter(ward=ward, year__range=(start.year, end.year))
            .exclude(status=AssessmentStatus.DRAFT)
            .annotate(bound_on=quarter_end("year", "quarter", start, end), bound_group=F("unit_id"))
            .filter(bound_on__range=(start, end)))


ASSESSMENTS = RecordSource(
    key="satisfaction.assessment",
    label=_("Kỳ tự đánh giá Chính quyền thân thiện hằng quý đã gửi thẩm định"),
    records=assessments,
    models=("satisfaction.Assessment",),
    ward_of=lambda assessment: assessment.ward_id,
    record_noun=_("kỳ tự đánh giá"),
    group_noun=_("đơn vị"),
    match=(r"tieu chi (xay dung )?chinh quyen than thien",),
    order=20,
)

# Registered by core.apps.AreaConfig.
SOURCES = [ASSESSMENTS]
