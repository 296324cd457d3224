"""Which units of the ward a solution names, and which of them leads.

The ward's units are known by name, short name and aliases (``UnitCatalogue``); the text is matched
word by word after folding (no diacritics, no case) and expanding abbreviations, so "BCD thực hiện Quy
chế dân chủ phường", "UBND", "Ủy ban MTTQ" and "các tổ chức CT-XH" all find their units.

How a plan names who does what, and the rules this module follows:

* A unit that opens a clause ("UBND phường, các chi bộ trực thuộc tăng cường …", "Giao Khối Dân vận …")
  is a doer; "A phối hợp với B" makes A lead and B support; "chủ trì" marks the lead.
* The first doer leads; the other units named support. No unit named: the plan's owner (the Khối Dân
  vận) leads.
* Collective names ("các chi bộ", "các tổ chức CT-XH", "lực lượng vũ trang", "các Tổ dân vận cộng đồng",
  "TDP") stand for every unit of that kind, but only where they act (as doers, partners, or the place the
  work is done): "biểu dương Tổ dân vận cộng đồng tiêu biểu" does not make the groups do the work. A
  collective cannot lead as one: the unit that directs it leads (the Party Committee its cells, the
  steering committee its community groups, the Front its member organisations).
* The issuing Party Committee is the plan's author: it is a task's unit only where it acts ("Các đồng chí
  Ủy viên Ban Thường vụ Đảng ủy … chịu trách nhiệm"), not where it convenes, is advised or receives reports.
* Units after "báo cáo" receive the report; units of a higher level (UBND tỉnh, BCĐ … thành phố) and the
  issuers of documents cited ("Kế hoạch số 140-KH/TU … của Ban Thường vụ Thành ủy") are not the ward's.
* A bare "Ban chỉ đạo (phường)" is the steering committee named last before it in the same solution, or in a
  steering committee's own plan that committee.
* A capitalised name of a body ("Ban Tổ chức Đảng ủy", "Hội Khuyến học phường") that is not a unit of
  the ward is reported as an unknown unit, never guessed.
"""

from dataclasses import dataclass, field

from .text import Token, nfc, tokenize, words

# Unit kinds (organisations.models.UnitKind values), written out so the importer runs without a database.
WARD = "ward"
PEOPLES_COMMITTEE = "peoples_committee"
FATHERLAND_FRONT = "fatherland_front"
MASS_ORGANISATION = "mass_org"
BLOC = "bloc"
PARTY_CELL = "party_cell"
RESIDENTIAL_GROUP = "residential_group"
STEERING_COMMITTEE = "steering_committee"
ARMED_FORCES = "armed_forces"

# Names every ward's unit of a kind answers to, besides its own name and aliases.
KIND_ALIASES = {
    WARD: ["Đảng ủy", "Đảng ủy phường", "Thường trực Đảng ủy", "Ban Thường vụ Đảng ủy", "Ban Chấp hành Đảng bộ",
           "Đảng bộ phường", "Đảng ủy viên"],
    PEOPLES_COMMITTEE: ["UBND", "Ủy ban nhân dân", "UBND phường", "chính quyền phường", "chính quyền"],
    FATHERLAND_FRONT: ["MTTQ", "Ủy ban MTTQ", "Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc",
                       "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ban Thường trực Ủy ban MTTQ", "Ban Thường trực MTTQ"],
    BLOC: ["Khối Dân vận", "Khối Dân vận Đảng ủy"],
}
STEERING_ALIASES = {
    "democracy": ["Ban chỉ đạo Quy chế dân chủ", "Ban chỉ đạo thực hiện Quy chế dân chủ", "BCĐ QCDC"],
    "religion": ["Ban chỉ đạo công tác tôn giáo", "Ban chỉ đạo tôn giáo", "BCĐ tôn giáo"],
    "community_groups": ["Ban chỉ đạo Tổ dân vận cộng đồng", "Ban Chỉ đạo hoạt động Tổ dân vận cộng đồng"],
}
# Collective names: (words, kind of the units they stand for).
GROUP_NAMES = [
    ("chi bộ", PARTY_CELL),
    ("tổ chức chính trị xã hội", MASS_ORGANISATION),
    ("đoàn thể", MASS_ORGANISATION),
    ("lực lượng vũ trang", ARMED_FORCES),
    ("tổ dân phố", RESIDENTIAL_GROUP),
    ("tổ dân vận cộng đồng", RESIDENTIAL_GROUP),
    ("tổ dân vận", RESIDENTIAL_GROUP),
]
# Words that look like a unit but are not one of the ward's (below a residential group).
NOT_UNITS = ["tổ liên gia", "tổ trưởng liên gia", "tổ tự quản", "Chính quyền thân thiện", "dân vận chính quyền",
             "chính quyền các cấp"]
# Who directs a collective, by the collective's kind: (kind, steering area) of the directing unit.
DIRECTORS = {
    PARTY_CELL: (WARD, ""),
    RESIDENTIAL_GROUP: (STEERING_COMMITTEE, "community_groups"),
    MASS_ORGANISATION: (FATHERLAND_FRONT, ""),
    ARMED_FORCES: (PEOPLES_COMMITTEE, ""),
}
# A unit name followed by one of these belongs to a higher level than the ward.
HIGHER_LEVEL = [("tinh",), ("thanh", "pho"), ("tp",), ("huyen",), ("trung", "uong"), ("thanh", "uy"), ("tinh", "uy")]
# First words of the name of a body (checked in the original case: capitalised).
BODY_HEADS = [("ban",), ("hoi",), ("doan",), ("uy", "ban"), ("phong",), ("trung", "tam"), ("truong",), ("tram",),
              ("van", "phong"), ("khoi",), ("cong", "ty"), ("hop", "tac", "xa"), ("cau", "lac", "bo"), ("doi",),
              ("chi", "hoi"), ("chi", "doan"), ("lien", "doan"), ("mat", "tran"), ("to",)]
BODY_ACRONYMS = {"hdnd", "ubkt", "vpdu"}
# A body's name does not run across these words ("UBND và Ban chỉ đạo …" is two names).
BODY_STOPS = {"va", "voi", "cung", "cua", "cho", "tai", "o", "trong", "thuoc", "ve"}
PLACE_WORDS = {"phuong", "xa"}


@dataclass
class CatalogueUnit:
    key: str
    name: str
    kind: str
    short_name: str = ""
    aliases: list = field(default_factory=list)
    steering_area: str = ""


class UnitCatalogue:
    """The units of one ward that a plan may name, with every way of writing their names."""

    def __init__(self, units):
        self.units = list(units)
        self.by_key = {unit.key: unit for unit in self.units}
        self.phrases = {}
        kinds = {}
        for unit in self.units:
            kinds.setdefault(unit.kind, []).append(unit)
        for unit in self.units:
            names = [unit.name, unit.short_name, *unit.aliases]
            if len(kinds[unit.kind]) == 1:
                names += KIND_ALIASES.get(unit.kind, [])
            if unit.kind == STEERING_COMMITTEE:
                names += STEERING_ALIASES.get(unit.steering_area, [])
            for name in names:
                for variant in _variants(words(name)):
                    self.phrases.setdefault(variant, set()).add(("unit", unit.key))
        for name, kind in GROUP_NAMES:
            if kinds.get(kind):
                self.phrases.setdefault(words(name), set()).add(("group", kind))
        self.phrases.setdefault(words("Ban chỉ đạo"), set()).add(("steering", ""))
        for name in NOT_UNITS:
            self.phrases.setdefault(words(name), set()).add(("none", ""))
        self.longest = max((len(p) for p in self.phrases), default=1)
        self.owner_key = next((u.key for u in self.units if u.kind == BLOC),
                              next((u.key for u in self.units if u.kind == WARD), None))

    @classmethod
    def demo(cls):
        """The units every demo ward has (organisations.demo): the catalogue of the shipped plan."""
        from organisations.demo import RESIDENTIAL_GROUPS, WARD_UNITS

        units = []
        for key, kind, name, short, aliases, area in WARD_UNITS:
            units.append(CatalogueUnit(key, name, str(kind) if kind else WARD, short, list(aliases), str(area or "")))
        for number in range(1, RESIDENTIAL_GROUPS + 1):
            units.append(CatalogueUnit(f"tdp-{number}", f"Tổ dân phố số {number}", RESIDENTIAL_GROUP,
                                       f"TDP {number}", [f"TDP số {number}"]))
            units.append(CatalogueUnit(f"cb-tdp-{number}", f"Chi bộ Tổ dân phố số {number}", PARTY_CELL,
                                       f"CB TDP {number}"))
        return cls(units)

    @classmethod
    def for_ward(cls, ward):
        """The active units of ``ward`` (a Unit of kind ward), keyed as plans.loader resolves them."""
        from organisations.models import Unit

        units = []
        prefix = f"{ward.code}-"
        for unit in Unit.objects.filter(ward=ward, is_active=True).order_by("path"):
            if unit.pk == ward.pk:
                key = "dang-uy"
            else:
                key = unit.code[len(prefix):] if unit.code.startswith(prefix) else unit.code
            units.append(CatalogueUnit(key, unit.name, unit.kind, unit.short_name, list(unit.aliases or []),
                                       unit.steering_area or ""))
        return cls(units)

    def name(self, key):
        unit = self.by_key.get(key)
        return unit.name if unit else key

    def choices(self):
        return [(unit.key, unit.name) for unit in self.units]

    def members(self, kind):
        return [unit.key for unit in self.units if unit.kind == kind]

    def director(self, kind):
        wanted = DIRECTORS.get(kind)
        if wanted is None:
            return None
        director_kind, area = wanted
        for unit in self.units:
            if unit.kind == director_kind and (not area or unit.steering_area == area):
                return unit.key
        return None

    def match(self, tokens, index):
        """The longest phrase starting at ``tokens[index]``: (length, set of targets) or (0, None)."""
        for length in range(min(self.longest, len(tokens) - index), 0, -1):
            window = tokens[index:index + length]
            if any(token.punct for token in window):
                continue
            targets = self.phrases.get(tuple(token.word for token in window))
            if targets:
                return length, targets
        return 0, None


def _variants(phrase):
    """A name as written and without the trailing 'phường' / 'Đảng ủy' officials often leave out."""
    if not phrase:
        return []
    result = [phrase]
    for tail in (("phuong",), ("dang", "uy")):
        if len(phrase) > len(tail) + 1 and phrase[-len(tail):] == tail:
            result.append(phrase[:-len(tail)])
    return result


# ---------------------------------------------------------------- mentions and their roles

@dataclass
class Mention:
    start: int  # token indexes [start, end)
    end: int
    kind: str  # unit, group, steering, unknown, ambiguous, higher, none
    keys: list = field(default_factory=list)
    group_kind: str = ""
    text: str = ""
    char_start: int = 0
    char_end: int = 0
    role: str = "object"  # subject, actor, lead, partner, location, possessive, advisee, recipient, object
    counted: bool = False


SUBJECT_FILLERS = [("giao",), ("cac",), ("ca",), ("dong", "chi"), ("uy", "vien"), ("chu", "tich"), ("pho",),
                   ("bi", "thu"), ("lanh", "dao"), ("dai", "dien"), ("nguoi", "dung", "dau"), ("thu", "truong"),
                   ("thanh", "vien"), ("hang", "nam"), ("hang", "quy"), ("hang", "thang"), ("moi", "nam"),
                   ("dinh", "ky"), ("de", "nghi"), (",",)]
# What may stand between the names of one list: "UBND phường, các chi bộ trực thuộc", "… và đại diện UBND".
CHAIN_JOINERS = [(",",), ("va",), ("cung",), ("cac",), ("ca",), ("dai", "dien"), ("truc", "thuoc"), ("phuong",),
                 ("co", "quan"), ("don", "vi"), ("nhung",), ("toan", "the")]
CUES = [
    (("phoi", "hop", "voi"), "partner"), (("phoi", "hop"), "partner"), (("cung", "voi"), "partner"),
    (("voi",), "partner"), (("cung",), "partner"), (("chu", "tri"), "lead"), (("cua",), "possessive"),
    (("tham", "muu", "cho"), "advisee"), (("tham", "muu"), "advisee"), (("cho",), "advisee"),
    (("o",), "location"), (("tai",), "location"), (("trong",), "location"),
]
CLAUSE_ENDS = {".", ";", ":", "(", ")"}
ACTING_ROLES = {"subject", "actor", "lead"}


def _joiners_end(tokens, index, limit=None):
    """Index after the joining words starting at ``index`` (see CHAIN_JOINERS)."""
    limit = len(tokens) if limit is None else limit
    moved = True
    while moved and index < limit:
        moved = False
        for phrase in CHAIN_JOINERS:
            if index + len(phrase) <= limit and _starts_with(tokens, index, phrase):
                index += len(phrase)
                moved = True
                break
    return index


def _starts_with(tokens, index, phrase):
    return tuple(t.word for t in tokens[index:index + len(phrase)]) == phrase


def _ends_with(tokens, end, phrase):
    start = end - len(phrase)
    return start >= 0 and tuple(t.word for t in tokens[start:end]) == phrase


def find_mentions(text, catalogue, excluded=()):
    """Every name of a unit, collective, unknown body or higher-level body in ``text``, in order."""
    text = nfc(text)
    tokens = tokenize(text)
    blocked = [any(s <= t.start < e for s, e in excluded) for t in tokens]
    mentions = []
    index = 0
    while index < len(tokens):
        if blocked[index] or tokens[index].punct:
            index += 1
            continue
        length, targets = catalogue.match(tokens, index)
        if not length:
            index += 1
            continue
        mention = Mention(index, index + length, "none")
        kinds = {kind for kind, _value in targets}
        if "unit" in kinds:
            keys = sorted(value for kind, value in targets if kind == "unit")
            mention.kind = "unit" if len(keys) == 1 else "ambiguous"
            mention.keys = keys
        elif "group" in kinds:
            mention.kind = "group"
            mention.group_kind = next(value for kind, value in targets if kind == "group")
        elif "steering" in kinds:
            mention.kind = "steering"
            if index + length < len(tokens) and tokens[index + length].word in PLACE_WORDS:
                mention.end += 1
        if any(_starts_with(tokens, mention.end, tail) for tail in HIGHER_LEVEL):
            mention.kind = "higher"
        mentions.append(mention)
        index = mention.end
    mentions = _with_unknown_bodies(tokens, mentions, blocked)
    for mention in mentions:
        mention.char_start = tokens[mention.start].start
        mention.char_end = tokens[mention.end - 1].end
        mention.text = text[mention.char_start:mention.char_end]
    return tokens, [m for m in mentions if m.kind != "none"]


def _with_unknown_bodies(tokens, mentions, blocked):
    """Capitalised names of bodies the catalogue does not know; known names inside them are dropped."""
    letters = "".join(t.original for t in tokens if not t.punct)
    if letters and sum(c.isupper() for c in letters) > 0.6 * sum(c.isalpha() for c in letters):
        return mentions  # a text in capitals: capitals say nothing about names
    covered = {}
    for mention in mentions:
        covered[mention.start] = mention
    result = list(mentions)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if blocked[index] or token.punct or not (token.capitalised or token.upper):
            index += 1
            continue
        end = _body_end(tokens, index)
        if end is None:
            index += 1
            continue
        known = covered.get(index)
        last = end - 1 if tokens[end - 1].word in PLACE_WORDS else end
        if known is not None and (known.end >= last or not any(
            t.capitalised or t.upper for t in tokens[known.end:end]
        )):
            # A known name, maybe followed by lower-case words that are not part of it.
            index = known.end
            continue
        phrase = tuple(t.word for t in tokens[index:end])
        inside = any(
            phrase[i:i + len(level)] == level for level in HIGHER_LEVEL for i in range(len(phrase))
        )
        if inside or any(_starts_with(tokens, end, tail) for tail in HIGHER_LEVEL):
            index = end
            continue
        result = [m for m in result if m.end <= index or m.start >= end]
        result.append(Mention(index, end, "unknown"))
        index = end
    result.sort(key=lambda m: m.start)
    return result


def _body_end(tokens, index):
    """End of the body name starting at ``index`` ("Hội Khuyến học phường"), or None if it is not one."""
    if tokens[index].upper and tokens[index].word in BODY_ACRONYMS:
        end = index + 1
        while end < len(tokens) and not tokens[end].punct and (tokens[end].capitalised or tokens[end].upper):
            end += 1
        if end < len(tokens) and tokens[end].word in PLACE_WORDS:
            end += 1
        return end
    if tokens[index].expanded:
        return None
    head = next((h for h in BODY_HEADS if _starts_with(tokens, index, h)), None)
    if head is None:
        return None
    end = index + len(head)
    if end >= len(tokens) or tokens[end].punct or not (tokens[end].capitalised or tokens[end].upper):
        return None
    lower_run = 0
    while end < len(tokens) and not tokens[end].punct:
        token = tokens[end]
        if token.word in BODY_STOPS:
            break
        if token.word in PLACE_WORDS:
            end += 1
            break
        if token.capitalised or token.upper:
            # A capitalised syllable may take one lower-case one ("Khuyến học"); an acronym takes none.
            lower_run = 1 if token.upper else 0
        elif lower_run == 0:
            lower_run = 1
        else:
            break
        end += 1
    return end


def _clause_start(tokens, index):
    while index > 0 and tokens[index - 1].word not in CLAUSE_ENDS:
        index -= 1
    return index


def _cue(tokens, start):
    """The role the words before a chain give it."""
    clause = _clause_start(tokens, start)
    position = start
    changed = True
    while changed and position > clause:
        changed = False
        for filler in SUBJECT_FILLERS:
            if _ends_with(tokens, position, filler) and position - len(filler) >= clause:
                position -= len(filler)
                changed = True
                break
    if position == clause:
        return "subject"
    for phrase, role in CUES:
        if _ends_with(tokens, position, phrase):
            return role
    return "object"


def _report_before(tokens, start):
    index = start
    while index > 0 and tokens[index - 1].word not in (".", ";"):
        index -= 1
        if _starts_with(tokens, index, ("bao", "cao")):
            return True
    return False


def _followed_by_action(tokens, end):
    """'A phối hợp với …', 'A chủ trì …': the chain before the verb acts."""
    while end < len(tokens) and tokens[end].word in ("phuong", "truc", "thuoc"):
        end += 1
    if _starts_with(tokens, end, ("chu", "tri")):
        return "lead"
    if _starts_with(tokens, end, ("phoi", "hop")):
        return "actor"
    return None


def assign_roles(tokens, mentions):
    """Give each mention the role of its chain (names joined by commas and 'và')."""
    index = 0
    while index < len(mentions):
        chain = [mentions[index]]
        while index + len(chain) < len(mentions):
            following = mentions[index + len(chain)]
            if _joiners_end(tokens, chain[-1].end, following.start) == following.start:
                chain.append(following)
            else:
                break
        role = _cue(tokens, chain[0].start)
        if role != "subject" and _report_before(tokens, chain[0].start):
            role = "recipient"
        action = _followed_by_action(tokens, chain[-1].end)
        if action and role not in ("recipient",):
            role = "lead" if action == "lead" else ("subject" if role == "subject" else "actor")
        for mention in chain:
            mention.role = role
        index += len(chain)


@dataclass
class UnitProposal:
    lead: str
    supporting: list
    flags: list
    mentions: list
    subject_end: int = 0  # where the text after the leading doers starts (for a short title)


def propose_units(text, catalogue, excluded=(), derived=False):
    """Lead and supporting units for a solution's text, with flags for what could not be matched.

    ``derived``: the text is a limitation or focus task turned into a task; the units it describes (in any
    position) are the ones who must remedy it.
    """
    tokens, mentions = find_mentions(text, catalogue, excluded)
    assign_roles(tokens, mentions)
    flags = []
    last_steering = None
    for mention in mentions:
        if mention.kind == "unit" and catalogue.by_key[mention.keys[0]].kind == STEERING_COMMITTEE:
            last_steering = mention.keys[0]
        if mention.kind == "steering":
            owner = catalogue.by_key.get(catalogue.owner_key)
            if last_steering:
                mention.kind, mention.keys = "unit", [last_steering]
            elif owner is not None and owner.kind == STEERING_COMMITTEE:
                # In a steering committee's own plan, "Ban chỉ đạo" is that committee.
                mention.kind, mention.keys = "unit", [owner.key]
            else:
                mention.kind = "unknown"
        if mention.kind == "unit":
            unit = catalogue.by_key[mention.keys[0]]
            if unit.kind == WARD:
                mention.counted = mention.role in ACTING_ROLES
            else:
                mention.counted = mention.role != "recipient"
        elif mention.kind == "group":
            members = catalogue.members(mention.group_kind)
            mention.keys = members
            acting = mention.role in ACTING_ROLES | {"partner", "location"}
            mention.counted = bool(members) and (acting or (derived and mention.role != "recipient"))
        elif mention.kind == "unknown" and mention.role != "recipient":
            flags.append({
                "kind": "unknown_unit", "text": mention.text,
                "role": "lead" if mention.role in ACTING_ROLES else "supporting",
            })
        elif mention.kind == "ambiguous":
            flags.append({"kind": "ambiguous_unit", "text": mention.text, "options": mention.keys})
    counted = [m for m in mentions if m.counted]
    lead_mention = (
        next((m for m in counted if m.role == "lead"), None)
        or next((m for m in counted if m.role in ACTING_ROLES), None)
        or next((m for m in counted if m.role != "partner"), None)
        or next(iter(counted), None)
    )
    if lead_mention is None:
        lead = catalogue.owner_key
        if not any(flag["kind"] == "unknown_unit" and flag["role"] == "lead" for flag in flags):
            flags.append({"kind": "owner_default", "text": ""})
    elif lead_mention.kind == "group":
        lead = catalogue.director(lead_mention.group_kind) or lead_mention.keys[0]
    else:
        lead = lead_mention.keys[0]
    if lead_mention is None or lead_mention.role not in ACTING_ROLES:
        # An unknown body was the doer: say which unit was proposed in its place.
        for flag in flags:
            if flag["kind"] == "unknown_unit" and flag["role"] == "lead":
                flag["replaced_by"] = lead
    supporting = []
    for mention in counted:
        for key in mention.keys:
            if key != lead and key not in supporting:
                supporting.append(key)
    return UnitProposal(lead, supporting, flags, mentions, _subject_end(tokens, mentions))


def _subject_end(tokens, mentions):
    """Where the text goes on after the units that open it ("UBND phường phối hợp với Khối DV | hàng năm …")."""
    if not mentions or mentions[0].role not in ACTING_ROLES or _clause_start(tokens, mentions[0].start) != 0:
        return 0
    if any(token.word not in ("giao", "cac", "ca") and not token.punct for token in tokens[:mentions[0].start]):
        return 0
    end_index = mentions[0].end
    rest = mentions[1:]
    while True:
        end_index = _joiners_end(tokens, end_index)
        if rest and rest[0].start == end_index:
            end_index = rest[0].end
            rest = rest[1:]
            continue
        partner = next(
            (len(p) for p in (("phoi", "hop", "voi"), ("phoi", "hop")) if _starts_with(tokens, end_index, p)), 0
        )
        if partner and rest and rest[0].start == end_index + partner:
            end_index = rest[0].end
            rest = rest[1:]
            continue
        break
    return tokens[end_index - 1].end


__all__ = ["CatalogueUnit", "UnitCatalogue", "UnitProposal", "propose_units", "Token"]
