"""The area section of area 2 for the quarterly report and the dashboards (see core/areas.py)."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import periods
from core.areas import AreaSection
from core.numbers import number as points

# Star levels run from 1 to 5 (StarLevel's validators): the stars' bars are drawn on that scale.
MAX_STARS = 5


def _change_in_words(change):
    """The index's change since last quarter as a report writes it: "giảm 5,2 điểm phần trăm", not "-5,2 điểm %"."""
    if change is None:
        return _("chưa có số liệu kỳ trước")
    if change == 0:
        return _("không thay đổi")
    words = _("tăng %(n)s điểm phần trăm") if change > 0 else _("giảm %(n)s điểm phần trăm")
    return words % {"n": points(abs(change))}


def satisfaction_figures(ward, start, end):
    from core.areas import Figures

    from .models import Assessment
    from .services import criteria as criteria_svc
    from .services import open_actions, settings_for, shown_shares, summarise, trend, ward_ratings

    length = (end - start).days + 1
    current = summarise(ward_ratings(ward, start, end))
    previous = summarise(ward_ratings(ward, start - timedelta(days=length), start - timedelta(days=1)))
    change = trend(current, previous)
    ward_settings = settings_for(ward)
    threshold = ward_settings.threshold
    year, quarter = periods.quarter_of(end)
    assessment = (Assessment.objects.filter(ward=ward).filter(year__lt=year)
                  | Assessment.objects.filter(ward=ward, year=year, quarter__lte=quarter))
    assessment = assessment.select_related("criteria_set").order_by("-year", "-quarter").first()
    total = stars = None
    if assessment is not None:
        if assessment.is_locked:
            total, stars = assessment.total, assessment.stars
        else:
            result = criteria_svc.compute(assessment)
            total, stars = result.total, result.stars
    actions = open_actions(ward).count()
    shares = shown_shares(current, ward_settings.scale) if current.total else []

    rows = [
        (_("Lượt người dân đánh giá"), f"{current.total}"),
        (_("Chỉ số hài lòng"), f"{points(current.index)}%" if current.index is not None else _("chưa có đánh giá")),
        (_("So với kỳ trước"), _change_in_words(change)),
    ]
    if assessment is not None:
        label = _("Chính quyền thân thiện quý %(q)s/%(y)s") % {"q": assessment.quarter, "y": assessment.year}
        state = "" if assessment.is_locked else _(" (tạm tính, %(s)s)") % {"s": assessment.get_status_display()}
        rows.append((label, _("%(total)s điểm – %(stars)s sao%(state)s")
                     % {"total": points(total), "stars": stars, "state": state}))
    else:
        rows.append((_("Chính quyền thân thiện"), _("chưa tự đánh giá")))
    rows.append((_("Hành động khắc phục đang mở"), f"{actions}"))

    status = "ok"
    if actions or (current.index is not None and current.index < threshold):
        status = "danger"
    elif stars is None or stars < criteria_svc.TARGET_STARS:
        status = "warning"
    return Figures(
        rows=rows,
        data={
            "ratings": current.total,
            "index": float(current.index) if current.index is not None else None,
            "previous_index": float(previous.index) if previous.index is not None else None,
            "trend": float(change) if change is not None else None,
            "shares": {s.level: s.count for s in current.shares},
            "threshold": float(threshold),
            "assessment": {"year": assessment.year, "quarter": assessment.quarter,
                           "total": float(total) if total is not None else None, "stars": stars,
                           "final": assessment.is_locked} if assessment else None,
            "open_corrective_actions": actions,
            # The dashboards draw these quarter by quarter and the city view shows them side by side.
            "headline": float(current.index) if current.index is not None else None,
            "headline_label": _("Chỉ số hài lòng của người dân"),
            "headline_unit": "%",
            "more_headlines": [{"key": "stars", "label": _("Số sao Chính quyền thân thiện"), "value": stars,
                                "unit": "", "max": MAX_STARS,
                                # The stars are judged against their own target, not by the index's open actions.
                                "status": None if stars is None else "ok" if stars >= criteria_svc.TARGET_STARS
                                else "warning"}],
            "chart": {"labels": [share.label for share in shares],
                      "values": [float(share.share or 0) for share in shares], "unit": "%"} if shares else None,
        },
        link=reverse("satisfaction:results"),
        status=status,
    )


# The area's section of the quarterly report and the dashboards (registered by core.apps.AreaConfig).
SECTION = AreaSection("satisfaction", gettext_lazy("Chính quyền thân thiện, sự hài lòng của người dân"), 20,
                      satisfaction_figures)
