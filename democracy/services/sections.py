"""The area's figures for the quarterly report and the dashboards."""

from collections import Counter

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import periods
from core.areas import AreaSection

from ..models import FIXED_HOLIDAYS as FIXED_HOLIDAYS
from ..models import (
    Disclosure,
    Petition,
    PetitionKind,
    PetitionState,
    Violation,
)
from .checklist import disclosure_checklist
from .disclosures import effective_start

# --- Area section ------------------------------------------------------------------------------------

def area_figures(ward, start, end):
    """Disclosures made and missing, petitions received, answered and overdue, dialogues held: for reports."""
    from django.urls import reverse

    from core.areas import Figures
    from meetings.models import MeetingKind
    from meetings.services import held_meetings

    now = periods.today()
    as_of = min(now, end)
    approved = Disclosure.objects.filter(unit__ward=ward, approved_on__isnull=False, approved_on__lte=end,
                                         posted_on__lte=end)
    made = sum(1 for d in approved if start <= effective_start(d) <= end)
    awaiting = Disclosure.objects.filter(unit__ward=ward, approved_on__isnull=True, posted_on__lte=end).count()
    red = 0
    for year in range(start.year, end.year + 1):
        for row in disclosure_checklist(ward, year, on=as_of):
            red += sum(1 for p in row.periods if p.is_red and p.start <= end and (p.due or p.end) >= start)
    petitions = Petition.objects.filter(handling_unit__ward=ward)
    received = petitions.filter(received_on__gte=start, received_on__lte=end)
    answered = petitions.filter(answered_on__gte=start, answered_on__lte=end).count()
    overdue = petitions.filter(received_on__lte=end, due_on__lt=as_of).filter(
        Q(answered_on__isnull=True) | Q(answered_on__gt=as_of)).exclude(
        state__in=(PetitionState.TRANSFERRED, PetitionState.FILED)).count()
    dialogues = held_meetings(ward, start, end).filter(kind=MeetingKind.DIALOGUE).count()
    violations = Violation.objects.filter(unit__ward=ward, found_on__gte=start, found_on__lte=end).count()
    kinds = Counter(received.values_list("kind", flat=True))
    rows = [
        (_("Nội dung đã công khai (đã được phê duyệt)"), str(made)),
        (_("Nội dung chờ Chủ tịch phê duyệt"), str(awaiting)),
        (_("Mục công khai quá hạn, thiếu hoặc gỡ sớm"), str(red)),
        (_("Đơn, thư, phản ánh tiếp nhận"), str(received.count())),
        (_("Đơn đã trả lời trong kỳ"), str(answered)),
        (_("Đơn quá hạn trả lời"), str(overdue)),
        (_("Hội nghị đối thoại đã tổ chức"), str(dialogues)),
        (_("Vi phạm Luật dân chủ ở cơ sở phát hiện"), str(violations)),
    ]
    status = "danger" if (red or overdue) else ("warning" if awaiting else "ok")
    return Figures(
        rows=rows,
        data={
            "disclosures_made": made, "disclosures_awaiting_approval": awaiting, "checklist_red": red,
            "petitions_received": received.count(), "petitions_by_kind": dict(kinds),
            "petitions_answered": answered, "petitions_overdue": overdue, "dialogues": dialogues,
            "violations": violations, "headline": made,
            "chart": {"labels": [str(k.label) for k in PetitionKind],
                      "values": [kinds.get(k.value, 0) for k in PetitionKind], "unit": ""},
        },
        link=reverse("democracy:checklist"),
        status=status,
    )


# The area's section of the quarterly report and the dashboards (registered by core.apps.AreaConfig).
SECTION = AreaSection(key="democracy", title=gettext_lazy("Thực hiện dân chủ ở cơ sở"), order=40, figures=area_figures)
