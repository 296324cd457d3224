"""A commune or ward made from a structure template (issue 18).

A template is data, not code: a JSON file in ``onboarding/structures/`` naming the units a commune has (key, kind,
name with ``{level}`` for "xã"/"phường"/"đặc khu", short name, aliases the plan importer matches, steering area, a
parent key for a member organisation of the Fatherland Front) and how its residential groups or hamlets are named.
The unit keys are those the seed plan's data names (``ubnd``, ``mttq``, ``khoi-dan-van`` …), so the seed plan loads
onto a commune made from any template; a unit's code is ``<commune code>-<key>`` as in the demo.

``propose`` turns a template into the rows the administrator reviews and edits; ``create_commune`` writes the rows
that were kept, in one transaction.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organisations.models import SteeringArea, Unit, UnitKind

STRUCTURES_DIR = Path(__file__).resolve().parent / "structures"
MAX_GROUPS = 200
LEVELS = {"xa": "xã", "phuong": "phường", "dac-khu": "đặc khu"}


@dataclass
class ProposedUnit:
    key: str
    kind: str
    name: str
    short_name: str = ""
    aliases: list = field(default_factory=list)
    steering_area: str = ""
    parent: str = ""  # key of another proposed unit; empty: the commune's Party Committee
    include: bool = True

    @property
    def kind_label(self):
        return UnitKind(self.kind).label


@lru_cache(maxsize=8)
def templates():
    """{key: template dict} of every structure template shipped, in file-name order."""
    found = {}
    for path in sorted(STRUCTURES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        kinds = {choice.value for choice in UnitKind}
        areas = {choice.value for choice in SteeringArea} | {""}
        for unit in data["units"]:
            if unit["kind"] not in kinds or unit.get("steering_area", "") not in areas:
                raise ValueError(f"{path.name}: {unit['key']} has an unknown kind or steering area")
        found[data["key"]] = data
    return found


def template_choices():
    return [(key, data["title"]) for key, data in templates().items()]


def propose(template_key, level, groups):
    """The units a commune of ``level`` ("xã", "phường", "đặc khu") gets from the template, with ``groups``
    residential groups or hamlets and, where the template says so, a party cell for each."""
    template = templates()[template_key]

    def fill(text, n=None):
        return text.replace("{level}", level).replace("{n}", str(n) if n is not None else "")

    rows = [ProposedUnit(key=u["key"], kind=u["kind"], name=fill(u["name"]), short_name=fill(u.get("short_name", "")),
                         aliases=[fill(a) for a in u.get("aliases", [])], steering_area=u.get("steering_area", ""),
                         parent=u.get("parent", "")) for u in template["units"]]
    spec = template["groups"]
    for n in range(1, groups + 1):
        rows.append(ProposedUnit(key=f"tdp-{n}", kind=UnitKind.RESIDENTIAL_GROUP.value, name=fill(spec["name"], n),
                                 short_name=fill(spec.get("short_name", ""), n),
                                 aliases=[fill(a, n) for a in spec.get("aliases", [])]))
    if spec.get("party_cells"):
        for n in range(1, groups + 1):
            rows.append(ProposedUnit(key=f"cb-tdp-{n}", kind=UnitKind.PARTY_CELL.value,
                                     name=f"Chi bộ {fill(spec['name'], n)}",
                                     short_name=f"CB {fill(spec.get('short_name', ''), n)}".strip()))
    return rows


@transaction.atomic
def create_commune(parent, *, code, name, level, rows):
    """Create the commune's Party Committee under ``parent`` (the province or city) and the rows kept; returns the
    commune unit. Refuses a code already in use, so that nothing is half made."""
    prefix = f"{code}-"
    codes = [code] + [prefix + row.key for row in rows if row.include]
    taken = sorted(Unit.objects.filter(code__in=codes).values_list("code", flat=True))
    if taken:
        raise ValidationError(_("Mã đơn vị đã có trong hệ thống: %(codes)s. Hãy chọn mã khác cho xã, phường.")
                              % {"codes": ", ".join(taken)})
    # Unit names are data, written in Vietnamese whatever the administrator's language.
    commune = Unit.objects.create(code=code, parent=parent, kind=UnitKind.WARD, name=f"Đảng ủy {name}",
                                  short_name="Đảng ủy", aliases=["Đảng ủy", f"Đảng ủy {level}"])
    made = {"": commune}
    kept = [row for row in rows if row.include]
    for order, row in enumerate(kept, start=1):
        # A member organisation whose parent was left out hangs from the Party Committee.
        parent_unit = made.get(row.parent) or commune
        made[row.key] = Unit.objects.create(
            code=prefix + row.key, parent=parent_unit, kind=row.kind, name=row.name, short_name=row.short_name,
            aliases=row.aliases, steering_area=row.steering_area, order=order)
    return commune
