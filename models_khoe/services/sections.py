"""The area's figures for the quarterly report and the dashboards."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.areas import AreaSection
from core.numbers import number as plain_number

from ..models import (
    Field,
    MobilizationModel,
    Publicity,
    Replication,
    Status,
)
from .progress import spread_for

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


# The area's section of the quarterly report and the dashboards (registered by core.apps.AreaConfig).
SECTION = AreaSection(key="models_khoe", title=gettext_lazy("Phong trào thi đua “Dân vận khéo”"), order=30,
                      figures=area_figures)
