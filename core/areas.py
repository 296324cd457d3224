"""Area sections: how each area app contributes its figures to reports and dashboards.

Each area app registers one ``AreaSection`` in its AppConfig.ready(). The reports app and the dashboards call
``sections_for(user)`` and each section's ``figures(ward, start, end)``; an area added later plugs in without
any change to the reports app.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.utils import timezone
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
    computed_at: object = None  # when the figures were computed (a dashboard may serve them from the cache)


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


def _compute(section, ward, start, end):
    try:
        return section.figures(ward, start, end), True
    except Exception:
        log.exception("Area section %s failed for ward %s", section.key, getattr(ward, "pk", ward))
        return Figures(rows=[(_("Số liệu"), _("Không tính được số liệu của mục này; đã ghi nhận lỗi."))],
                       data={"error": True}, status="danger"), False


def figures_for(ward, start: date, end: date, user=None, cache_seconds=0):
    """Every visible area's figures for a ward and a period, in order: [(section, Figures)].

    One failing area must not stop the quarterly report of all the others: its failure is logged and the
    section says that its figures could not be computed.

    ``cache_seconds`` > 0 (the dashboards; never a report, which computes live) keeps each area's figures in the
    cache (Redis with CACHE_URL) for that long, per ward and period: a dozen members opening the dashboard in a
    meeting cost one computation. ``figures_computed_at`` gives the age of what was served.
    """
    sections = all_sections() if user is None else sections_for(user)
    result = []
    for section in sections:
        key = f"area-figures:{section.key}:{getattr(ward, 'pk', ward)}:{start.isoformat()}:{end.isoformat()}"
        cached = cache.get(key) if cache_seconds > 0 else None
        if cached is not None:
            figures = cached
        else:
            figures, complete = _compute(section, ward, start, end)
            figures.computed_at = timezone.now()
            if cache_seconds > 0 and complete:
                cache.set(key, figures, cache_seconds)
        result.append((section, figures))
    return result


# --- Record sources: area records that carry out the plan's tasks ---------------------------------------------

@dataclass
class RecordSource:
    """A kind of an area's records that can complete a task of the plan (a Green Sunday held, a meeting held …).

    The plans app binds a task to a source by ``key`` and never imports the area: it asks
    ``records(ward, start, end)`` for the records belonging to an occurrence period (both dates inclusive). The
    queryset must carry two annotations the plan counts with: ``bound_on``, the date that places a record in a
    period, and ``bound_group``, the unit or group the record counts for (the "at least N groups" and "share of
    groups" rules); its rows have ``get_absolute_url`` and a ``__str__`` an official reads.
    ``population(ward, start, end)`` is how many groups are expected in the period (the share rule's denominator).
    ``models`` are the models whose saving or deletion changes the answer, and ``ward_of(instance)`` the id of the
    ward an instance belongs to: the plan re-derives the bound tasks of that ward when one changes.
    ``default_rule`` is {"rule": "records" | "groups" | "share", "count": n, "percent": x}. ``match`` holds
    patterns (regular expressions over the lower-case text without diacritics) that recognise a task carried out
    by these records in a plan's text: the importer and the seed plan propose bindings through them.
    """

    key: str
    label: str
    records: Callable
    models: tuple = ()
    ward_of: Callable | None = None
    population: Callable | None = None
    default_rule: dict = field(default_factory=lambda: {"rule": "records", "count": 1})
    record_noun: str = ""
    group_noun: str = ""
    match: tuple = ()
    order: int = 100


_record_sources: dict[str, RecordSource] = {}
_source_listeners: list[Callable] = []


def register_source(source: RecordSource):
    """Declare a record source (in the area app's AppConfig.ready()); listeners (the plan) hear of it."""
    _record_sources[source.key] = source
    for listener in _source_listeners:
        listener(source)
    return source


def record_sources():
    return sorted(_record_sources.values(), key=lambda s: (s.order, s.key))


def record_source(key):
    return _record_sources.get(key)


def on_source_registered(listener: Callable):
    """Call ``listener(source)`` for every source registered so far and every one registered later."""
    _source_listeners.append(listener)
    for source in list(_record_sources.values()):
        listener(source)
