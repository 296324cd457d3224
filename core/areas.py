"""Area sections: how each area app contributes its figures to reports and dashboards.

Each area app registers one ``AreaSection`` in its AppConfig.ready(). The reports app and the dashboards call
``sections_for(user)`` and each section's ``figures(ward, start, end)``; an area added later plugs in without
any change to the reports app.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


@dataclass
class Figures:
    """What an area says about a ward and a period.

    ``rows`` are (label, value) pairs an official reads in the report and on the dashboard tile, already
    formatted in Vietnamese; ``data`` holds the same numbers machine-readable (JSON-serialisable: numbers,
    strings, lists, dicts) for charts, Excel export and the frozen copy of an approved report; ``link`` is the
    list the tile opens; ``status`` is "ok", "warning" or "danger" for the tile's colour.

    Optional keys of ``data`` feed the dashboards:
    ``data["headline"]``: one number that sums the area up (satisfaction index, stars, coverage %); the
    dashboard draws its trend quarter by quarter and the city view shows it per ward. ``data["headline_label"]``
    and ``data["headline_unit"]`` ("%" or "") name it. ``data["more_headlines"]``: further such figures,
    [{"key", "label", "value", "unit", "max"}] (the friendly-government stars beside the satisfaction index).
    ``data["chart"]``: {"labels": [...], "values": [...],
    "unit": "%" or ""}: bars drawn on the area's tile (models by stage, open reports by risk …).
    """

    rows: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    link: str = ""
    status: str = "ok"


@dataclass
class AreaSection:
    key: str
    title: str
    order: int
    # figures(ward: Unit, start: date, end: date) -> Figures; both dates inclusive.
    figures: Callable[..., Figures]
    # A sensitive area (e.g. "religion"): shown only to users for whom user.may_see_area(area) is true.
    area: str | None = None

    def visible_to(self, user):
        return self.area is None or (user is not None and user.may_see_area(self.area))


_sections: dict[str, AreaSection] = {}


def register(section: AreaSection):
    _sections[section.key] = section
    return section


def all_sections():
    return sorted(_sections.values(), key=lambda s: s.order)


def sections_for(user):
    return [section for section in all_sections() if section.visible_to(user)]


def figures_for(ward, start: date, end: date, user=None):
    """Every visible area's figures for a ward and a period, in order: [(section, Figures)].

    One failing area must not stop the quarterly report of all the others: its failure is logged and the
    section says that its figures could not be computed.
    """
    sections = all_sections() if user is None else sections_for(user)
    result = []
    for section in sections:
        try:
            figures = section.figures(ward, start, end)
        except Exception:
            log.exception("Area section %s failed for ward %s", section.key, getattr(ward, "pk", ward))
            figures = Figures(rows=[(_("Số liệu"), _("Không tính được số liệu của mục này; đã ghi nhận lỗi."))],
                              data={"error": True}, status="danger")
        result.append((section, figures))
    return result
