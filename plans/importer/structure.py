"""The structure Vietnamese Party and government plans share, read from the line model.

    [header: issuing body, "Số 15-KH/ĐU", "<place>, ngày … tháng … năm …"]
    KẾ HOẠCH <title>
    Thực hiện / Căn cứ <documents implemented> …
    I- MỤC ĐÍCH, YÊU CẦU            1. Mục đích …  2. Yêu cầu …
    II- HẠN CHẾ … NHIỆM VỤ TRỌNG TÂM  1. Hạn chế … (1.1, 1.2 …)  2. Nhiệm vụ trọng tâm … (2.1 …)
    III- NHIỆM VỤ, GIẢI PHÁP         1. <area>  1.1. Nội dung: …  1.2. Giải pháp: - <solution> …
    IV- TỔ CHỨC THỰC HIỆN            1. <duty> …
    Nơi nhận: - …                    T/M ĐẢNG ỦY / BÍ THƯ / <name>

The header is read by header.py (whatever its layout); numbers a converter put before the headings, or headings
numbered by their style alone, are turned into the plan's own numbering first (outline.py). Items may be numbered
"1.", "1-", "1)", "1.1." …, points "a)" or "a.", solutions "-" and "+".

Sections are recognised by their words, not their numerals, so a plan whose tasks are in section II and
implementation in section III reads the same. The result has the shape of plans/data/*.json (what
plans.loader.load_plan saves), plus ``span`` (first and last line of the source) and ``flags`` on each
task, and plan-level ``flags``.
"""

import copy
import re
from datetime import date

from .documents import find_references
from .header import read_header
from .limits import ImportLimits
from .lines import Line
from .outline import number_styled_headings, strip_converter_numbers
from .text import capitalise, fold, sentence_case, squash, title_case_name
from .timing import read_timing
from .units import WARD, find_mentions, propose_units

ROMAN = re.compile(r"^(?P<roman>X|IX|IV|V|V?I{1,3})\s*[-–.:)/]\s*(?P<title>\S.*)$")
# Items numbered "1.", "1)", "1-", "1.1.", "1.1-" or "1.1 "; lettered "a)" or "a.".
ITEM = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})(?:\.|\)|\s*[-–](?!\d)|\s)\s*(?P<rest>\S.*)$")
LETTER = re.compile(r"^(?P<letter>[a-zđ])[).]\s+(?P<rest>\S.*)$")
SIGNATURE = re.compile(r"^(?:t/m|tm\.?|k/t|kt\.?|t/l|tl\.?|q\.)\s+\S")
CODE = re.compile(r"^so\s*:?\s*(?P<code>\d{1,4}[-/][0-9A-Za-zĐđ/\-]+)", re.IGNORECASE)
AREA_KINDS = [
    ("community_groups", ("to dan van cong dong",)),
    ("skilful_mobilization", ("dan van kheo",)),
    ("friendly_government", ("chinh quyen than thien",)),
    ("religion", ("ton giao", "tin nguong")),
    ("democracy", ("dan chu",)),
    ("accountability", ("nguoi dung dau", "dan van chinh quyen", "trach nhiem")),
]


class NotAPlan(ValueError):
    """The text is not a plan, or not yet one. ``reason``: "other_document" (another kind of document: ``kind``
    "report", "decision", "letter" …, its ``title`` at ``line``), "no_sections" (a plan's title and no numbered
    section), "no_tasks" (title and sections, nothing to do under them: ``sections``) or "no_structure"."""

    def __init__(self, reason, *, kind="", title="", line=0, sections=()):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.title = title
        self.line = line
        self.sections = list(sections)


# Titles of the other documents a ward's office writes, folded: what an official may upload by mistake.
OTHER_DOCUMENTS = (
    ("bao cao", "report"), ("quyet dinh", "decision"), ("cong van", "letter"), ("nghi quyet", "resolution"),
    ("thong bao", "notice"), ("to trinh", "submission"), ("bien ban", "minutes"), ("chi thi", "directive"),
    ("huong dan", "guidance"), ("giay moi", "invitation"),
)
# The type in a document's number: 04-BC/ĐU (Party: number-type/issuer), 03/QĐ-UBND (state: number/type-issuer).
CODE_TYPES = {"bc": "report", "qd": "decision", "cv": "letter", "nq": "resolution", "tb": "notice",
              "ttr": "submission", "bb": "minutes", "ct": "directive", "hd": "guidance", "gm": "invitation"}


def classify_area(*texts):
    for text in texts:
        folded = fold(text or "")
        for kind, keywords in AREA_KINDS:
            if any(keyword in folded for keyword in keywords):
                return kind
    return "other"


def _section_role(title):
    folded = fold(title)
    if "muc dich" in folded or folded.startswith("yeu cau"):
        return "purpose"
    if "han che" in folded or "ton tai" in folded or "trong tam" in folded:
        return "review"
    if "to chuc thuc hien" in folded:
        return "implementation"
    if "nhiem vu" in folded or "giai phap" in folded or folded.startswith(("noi dung", "cac noi dung")):
        return "areas"
    return "other"


def _looks_like_heading(line):
    letters = [c for c in line.text if c.isalpha()]
    return line.heading or line.bold or (letters and sum(c.isupper() for c in letters) / len(letters) > 0.6)


def _label(text):
    """'Nội dung: Thực hiện …' -> ('noi dung', 'Thực hiện …'); no colon -> (folded text, '')."""
    head, colon, rest = text.partition(":")
    if colon and len(head) < 40:
        return fold(head).strip(), rest.strip()
    return fold(text).strip(" :"), ""


def _depth(number):
    return number.count(".") + 1


def _letter_ordinal(letter):
    """a -> 1, b -> 2 … in the Vietnamese alphabet's order as plans letter their points (đ after d)."""
    return "abcdđefghiklmnopqrstuvxy".find(letter) + 1


class PlanReader:
    """Two passes: the structure (sections, groups, the text of every task: regular expressions on lines, cheap),
    then, once the counts are within the limits, each task's units, timing and cited documents (the costly part)."""

    def __init__(self, lines, catalogue, today=None, limits=None):
        self.lines = number_styled_headings(strip_converter_numbers([line for line in lines if not line.rule]))
        self.catalogue = catalogue
        self.limits = limits or ImportLimits.from_settings()
        self.structure_only = True
        self.today = today or date.today()
        self.flags = []
        self.data = {
            "code": "", "title": "", "issuer": "", "superior": "", "place": "", "issued_on": None, "starts_on": None,
            "ends_on": None, "purpose": "", "requirements": "", "signer_name": "", "signer_title": "",
            "recipients": "", "basis": [], "limitations": [], "focus_tasks": [], "areas": [],
        }
        self.year = self.today.year
        self.on_behalf_of = ""
        # A text with no line set bold, centred or as a heading: plain text, where only the wording and the
        # empty lines tell the parts of the document apart.
        self.plain = not any(line.bold or line.centred or line.heading for line in self.lines)

    # ------------------------------------------------------------ the whole document
    def read(self):
        lines = self.lines
        title_at = self._find_title()
        if title_at is None:
            self._refuse_other_document()
        sections = self._find_sections(title_at)
        if title_at is None and not sections:
            raise NotAPlan("no_structure")
        closing_at = self._find_closing(sections)
        header = lines[:title_at] if title_at is not None else []
        self._read_header(header)
        intro_start = self._read_title(title_at) if title_at is not None else 0
        first_section = sections[0][0] if sections else closing_at
        intro = lines[intro_start:first_section]
        self._read_years()
        self._read_intro(intro)
        bounds = [*(s[0] for s in sections[1:]), closing_at] if sections else []  # a title and no section
        for (start, roman, title, role), end in zip(sections, bounds, strict=True):
            body = lines[start + 1:end]
            found = self._found()
            if role == "purpose":
                self._read_purpose(body)
            elif role == "review":
                self._read_review(roman, title, body)
            elif role == "areas":
                self._read_areas(roman, body)
            elif role == "implementation":
                self._read_implementation(roman, title, body, lines[start])
            else:
                self.flags.append({"kind": "section_skipped", "text": f"{roman}- {title}", "line": lines[start].number})
            if role in ("review", "areas", "implementation") and body and self._found() == found:
                # Lines under the section and nothing read from them: numbering this reader does not know.
                self.flags.append({"kind": "section_unread", "text": f"{roman}- {title}", "line": lines[start].number})
        self._read_closing(lines[closing_at:])
        self._read_tasks()
        self._read_other_references(lines[intro_start:closing_at])
        self._derive_tasks_from_review()
        self._fill_defaults()
        if not any(area["tasks"] for area in self.data["areas"]):
            if not sections:
                raise NotAPlan("no_sections", title=self.data["title"])
            raise NotAPlan("no_tasks", title=self.data["title"],
                           sections=[f"{roman}. {title}" for _start, roman, title, _role in sections])
        self.data["flags"] = self.flags
        return self.data

    def _found(self):
        """How much the sections read so far have found (to tell a section read from one passed over)."""
        data = self.data
        return (len(data["limitations"]), len(data["focus_tasks"]), len(data["areas"]),
                sum(len(area["tasks"]) for area in data["areas"]))

    def _refuse_other_document(self):
        """A document without a plan's title whose own title, number or address says it is something else."""
        for line in self.lines[:60]:
            if ROMAN.match(line.text):
                break
            folded = fold(line.text).strip(" :*")
            if not (_looks_like_heading(line) or line.centred) or len(folded) > 200:
                continue
            for words, kind in OTHER_DOCUMENTS:
                if folded == words or folded.startswith(words + " ") and not re.match(
                        rf"{words}\s+(?:so\b|\d)", folded):
                    raise NotAPlan("other_document", kind=kind, title=squash(line.text), line=line.number)
        for line in self.lines[:30]:
            folded = fold(line.text).strip()
            code = CODE.match(line.text.strip()) or CODE.match(folded)
            if code:
                found = re.search(r"\d{1,4}\s*[-/]\s*([a-z]+)\s*[-/]", folded)
                kind = CODE_TYPES.get(found.group(1)) if found else None
                if kind:
                    raise NotAPlan("other_document", kind=kind, title=squash(line.text), line=line.number)
            if folded.startswith(("v/v", "kinh gui")):
                raise NotAPlan("other_document", kind="letter", title=squash(line.text), line=line.number)

    def _find_title(self):
        for index, line in enumerate(self.lines[:60]):
            if re.match(r"^ke hoach\b", fold(line.text)) and (
                    _looks_like_heading(line) or line.centred or line.text.startswith("KẾ HOẠCH")):
                return index
            if ROMAN.match(line.text) and _looks_like_heading(line):
                return None
        return None

    def _find_sections(self, title_at):
        sections = []
        expected = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        for index in range((title_at or -1) + 1, len(self.lines)):
            line = self.lines[index]
            match = ROMAN.match(line.text)
            # Plain text has lost the bold that sets a section heading off: there a short line that ends no
            # sentence will do ("II. Nhiệm vụ, giải pháp").
            plain_heading = self.plain and len(line.text) < 150 and not line.text.rstrip().endswith((".", ";"))
            if not match or not (_looks_like_heading(line) or plain_heading):
                continue
            roman = match.group("roman")
            if roman not in expected[: len(sections) + 2]:
                continue
            title = sentence_case(match.group("title").rstrip(":"))
            sections.append((index, roman, title, _section_role(title)))
        return sections

    def _find_closing(self, sections):
        after = sections[-1][0] + 1 if sections else 0
        for index in range(after, len(self.lines)):
            folded = fold(self.lines[index].text)
            if folded.startswith("noi nhan") or SIGNATURE.match(folded):
                return index
        return len(self.lines)

    # ------------------------------------------------------------ header, title, intro
    def _read_header(self, header_lines):
        header = read_header(header_lines)
        self.data.update(code=header.code, issuer=header.issuer, superior=header.superior, place=header.place,
                         issued_on=header.issued_on)
        self.flags.extend(header.flags)
        self._own_issuer(header.issuer)

    def _own_issuer(self, issuer):
        """A plan issued by one of the ward's units other than the Party Committee (the People's Committee, the
        Front, a steering committee) is that unit's: it leads the work the plan gives no unit. The Party
        Committee's plans stay the bloc's, which keeps them."""
        if not issuer:
            return
        tokens, mentions = find_mentions(issuer, self.catalogue)
        found = next((m for m in mentions if m.kind == "unit" and m.start == 0), None)
        if found is None:
            self.flags.append({"kind": "issuer_unmatched", "text": issuer, "owner": self.catalogue.owner_key})
            return
        unit = self.catalogue.by_key[found.keys[0]]
        self.data["issuer_unit"] = unit.key
        ward = next((u for u in self.catalogue.units if u.kind == WARD), None)
        theirs, ours = _locality(issuer), _locality(ward.name) if ward else ""
        if theirs and ours and fold(theirs) != fold(ours):
            # "Đảng ủy phường Hoàng Văn Thụ" imported into An Hòa: the name matched, the ward did not.
            self.flags.append({"kind": "issuer_other_ward", "text": issuer, "ward": ward.name})
        if unit.kind != WARD and unit.key != self.catalogue.owner_key:
            self.catalogue = copy.copy(self.catalogue)
            self.catalogue.owner_key = unit.key

    def _read_title(self, title_at):
        line = self.lines[title_at]
        parts = [re.sub(r"^KẾ HOẠCH\b", "Kế hoạch", sentence_case(line.text))]
        index = title_at + 1
        bare = fold(line.text).strip() == "ke hoach"
        while index < len(self.lines) and index <= title_at + 4:
            following = self.lines[index]
            folded = fold(following.text)
            opens_intro = folded.startswith(("thuc hien", "can cu", "nham ")) and (
                find_references(following.text) or following.text.rstrip().endswith((",", ";", ":"))
            )
            if opens_intro or ROMAN.match(following.text) or ITEM.match(following.text) or following.bullet:
                break
            formatted = following.bold or following.centred or following.heading
            # Under a bare "KẾ HOẠCH" the next line is the title even in plain text; more lines only when set
            # as the title is (bold, centred) and not after an empty line. Plain text has no setting to tell:
            # there a title wrapped by a converter ("KẾ HOẠCH" / "thực hiện công tác dân vận" / "năm 2024")
            # goes on over short lines with no empty line between, until a line ends a sentence.
            wrapped = ((self.plain or following.text[:1].islower()) and not following.blank_before
                       and len(following.text) < 120 and not parts[-1].endswith((".", ":", ";")))
            if not (bare and index == title_at + 1) and not (formatted and not following.blank_before) \
                    and not wrapped:
                if not (formatted and index == title_at + 1):
                    break
            part = sentence_case(following.text)
            if len(parts) == 1 and len(part) > 1 and part[1].islower():
                part = part[0].lower() + part[1:]  # "KẾ HOẠCH" + "Tổ chức …" -> "Kế hoạch tổ chức …"
            parts.append(part)
            index += 1
        title = squash(" ".join(parts))
        if fold(title) == "ke hoach":
            self.flags.append({"kind": "title_missing", "line": line.number})
        self.data["title"] = capitalise(title)
        return index

    def _read_years(self):
        title = fold(self.data["title"])
        years = [int(y) for y in re.findall(r"\b(20\d\d)\b", title)]
        issued = self.data["issued_on"]
        if years:
            self.year = max(years)
        elif issued:
            self.year = int(issued[:4])
            self.flags.append({"kind": "year_inferred", "text": str(self.year), "from": "issued_on"})
        else:
            self.flags.append({"kind": "year_inferred", "text": str(self.year), "from": "today"})
        self.data["starts_on"] = date(self.year, 1, 1).isoformat()
        period = re.search(r"giai doan\s+(20\d\d)\s*[-–]\s*(20\d\d)", title)
        if "nhung nam tiep theo" in title or "cac nam tiep theo" in title:
            self.data["ends_on"] = None
        elif period:
            self.data["starts_on"] = date(int(period.group(1)), 1, 1).isoformat()
            self.data["ends_on"] = date(int(period.group(2)), 12, 31).isoformat()
        elif len(set(years)) == 1:
            self.data["ends_on"] = date(self.year, 12, 31).isoformat()

    def _read_intro(self, intro):
        for line in intro:
            folded = fold(line.text)
            if folded.startswith(("thuc hien", "can cu")):
                for reference in find_references(line.text, whole_line=True):
                    self._add_basis(reference, line)
            if not self.data["issuer"]:
                match = re.search(r",\s*([^,]{3,80}?)\s+(?:xay dung|ban hanh)\s+ke hoach", folded)
                if match:
                    self.data["issuer"] = squash(line.text[match.start(1):match.end(1)])
                    self.flags.append({"kind": "issuer_inferred", "text": self.data["issuer"], "from": "intro",
                                       "line": line.number})

    def _add_basis(self, reference, line):
        if any(doc["code"] == reference.code for doc in self.data["basis"]):
            return
        self.data["basis"].append({**reference.to_data(), "span": {"first": line.number, "last": line.number}})

    def _read_other_references(self, lines):
        for line in lines:
            for reference in find_references(line.text):
                self._add_basis(reference, line)

    # ------------------------------------------------------------ sections
    def _read_purpose(self, body):
        target = "purpose"
        parts = {"purpose": [], "requirements": []}
        for line in body:
            item = ITEM.match(line.text)
            if item and _depth(item.group("number")) == 1:
                label, rest = _label(item.group("rest"))
                target = "requirements" if label.startswith("yeu cau") else "purpose"
                if rest:
                    parts[target].append(rest)
                continue
            parts[target].append(line.text)
        self.data["purpose"] = "\n".join(parts["purpose"])
        self.data["requirements"] = "\n".join(parts["requirements"])

    def _read_review(self, roman, section_title, body):
        folded_section = fold(section_title)
        target = "focus_tasks" if "trong tam" in folded_section and "han che" not in folded_section \
            else "limitations"
        prefix, pointed_out_by = "", self._pointed_out_by(folded_section)
        counter = 0
        for line in body:
            item = ITEM.match(line.text)
            letter = LETTER.match(line.text) if not item else None
            text = item.group("rest") if item else letter.group("rest") if letter else line.text
            if item and _depth(item.group("number")) == 1 and _is_heading_text(text):
                folded = fold(text)
                prefix, counter = item.group("number"), 0
                if "trong tam" in folded or folded.startswith("nhiem vu"):
                    target = "focus_tasks"
                elif "han che" in folded or "ton tai" in folded:
                    target = "limitations"
                    pointed_out_by = self._pointed_out_by(folded)
                continue
            entries = self.data[target]
            if item:
                number = item.group("number")
            elif line.bullet or letter or not entries or entries[-1]["_prefix"] != prefix:
                counter += 1
                number = f"{prefix}.{counter}" if prefix else str(counter)
            else:
                entries[-1]["text"] = f"{entries[-1]['text']}\n{text}"
                entries[-1]["span"]["last"] = line.number
                continue
            entry = {"number": number, "text": text, "span": {"first": line.number, "last": line.number},
                     "section": roman, "_prefix": prefix}
            if target == "limitations":
                entry["pointed_out_by"] = pointed_out_by
            entries.append(entry)

    def _pointed_out_by(self, folded_title):
        if "cap tren" in folded_title:
            issuer = self.data["basis"][0]["issuer"] if self.data["basis"] else ""
            return f"Cấp trên ({issuer})" if issuer else "Cấp trên"
        if "tu chi ra" in folded_title or "tu kiem diem" in folded_title:
            return "Tự kiểm điểm"
        return ""

    def _read_areas(self, roman, body):
        area = None
        block = None  # ("content" | "solutions" | "other", number of the block)
        prefix = None  # a solution ending with ":" whose sub-bullets are the solutions
        index = 0
        for line in body:
            item = ITEM.match(line.text)
            number, depth = (item.group("number"), _depth(item.group("number"))) if item else ("", 0)
            rest_of_item = item.group("rest") if item else ""
            letter = LETTER.match(line.text) if area is not None and not item else None
            if letter and _label(letter.group("rest"))[0].startswith(("noi dung", "giai phap")):
                # "a) Nội dung: …" / "b) Giải pháp:" under "1) <area>": the blocks the seed numbers 1.1., 1.2.
                number, depth = f"{area['number']}.{_letter_ordinal(letter.group('letter'))}", 2
                rest_of_item = letter.group("rest")
            if depth == 1:
                area = {
                    "number": number, "kind": "other",
                    "title": capitalise(sentence_case(rest_of_item.rstrip(":"))),
                    "content": "", "tasks": [], "span": {"first": line.number, "last": line.number},
                    "_content_items": [],
                }
                self.data["areas"].append(area)
                block, prefix, index = None, None, 0
                continue
            if area is None:
                continue
            area["span"]["last"] = line.number
            if depth == 2:
                label, rest = _label(rest_of_item)
                prefix, index = None, 0
                if label.startswith("noi dung"):
                    block = ("content", number)
                    if rest:
                        area["content"] = _join(area["content"], rest)
                elif label.startswith("giai phap"):
                    block = ("solutions", number)
                    if rest:
                        index += 1
                        self._add_solution(area, rest, f"{roman}.{block[1]} – ý {index}", line, line)
                elif _is_heading_text(rest_of_item):
                    block = ("other", number)
                    area["content"] = _join(area["content"], rest_of_item)
                else:
                    self._add_solution(area, rest_of_item, f"{roman}.{number}", line, line)
                continue
            if item:
                self._add_solution(area, item.group("rest"), f"{roman}.{item.group('number')}", line, line)
                continue
            letter = LETTER.match(line.text)
            text = letter.group("rest") if letter else line.text
            listed = bool(line.bullet or letter)
            if block is not None and block[0] != "solutions":
                area["content"] = _join(area["content"], text)
                if listed:
                    area["_content_items"].append(line)
                continue
            if block is None and not listed and not area["tasks"]:
                area["content"] = _join(area["content"], text)
                continue
            if line.bullet == "+" and prefix is None and area["tasks"]:
                self._extend_last(area, text, line)
                continue
            if text.endswith(":") and line.bullet != "+":
                prefix, prefix_line = text, line
                continue
            if prefix is not None and line.bullet == "+":
                text = f"{prefix} {text}"
            else:
                prefix, prefix_line = None, line
            index += 1
            self._add_solution(area, text, self._source(roman, area, block, index), prefix_line, line)
        for area in self.data["areas"]:
            if area["kind"] == "other":
                area["kind"] = classify_area(area["title"], area["content"])
            if area["kind"] == "other" and "_content_items" in area:
                self.flags.append({"kind": "area_unclassified", "text": f"{area['number']}. {area['title']}",
                                   "line": area["span"]["first"]})
            content_items = area.pop("_content_items", [])
            if not area["tasks"] and content_items:
                # No "Giải pháp" block: the listed points of the content are the work to do.
                for number, line in enumerate(content_items, start=1):
                    letter = LETTER.match(line.text)
                    text = letter.group("rest") if letter else line.text
                    self._add_solution(area, text, f"{roman}.{area['number']} – ý {number}", line, line)

    @staticmethod
    def _source(roman, area, block, index):
        number = block[1] if block and block[0] == "solutions" else area["number"]
        return f"{roman}.{number} – ý {index}"

    def _read_implementation(self, roman, title, body, heading_line):
        area = {"number": roman, "kind": "implementation", "title": capitalise(title), "content": "", "tasks": [],
                "span": {"first": heading_line.number, "last": heading_line.number}}
        bullet_index = 0
        numbered = False
        prefix = None
        for line in body:
            folded = fold(line.text)
            area["span"]["last"] = line.number
            item = ITEM.match(line.text)
            if item and _depth(item.group("number")) == 1:
                numbered = True
                text = item.group("rest")
                if text.endswith(":"):
                    prefix, prefix_number, prefix_line, bullet_index = text, item.group("number"), line, 0
                    continue
                prefix = None
                self._add_solution(area, text, f"{roman}.{item.group('number')}", line, line)
                continue
            if line.text.endswith("./.") or folded.startswith(("yeu cau cac", "de nghi cac co quan")):
                continue
            if prefix is not None and (line.bullet or LETTER.match(line.text)):
                bullet_index += 1
                text = LETTER.match(line.text).group("rest") if LETTER.match(line.text) else line.text
                self._add_solution(area, f"{prefix} {text}", f"{roman}.{prefix_number} – ý {bullet_index}",
                                   prefix_line, line)
                continue
            if line.bullet or not numbered:
                if numbered and area["tasks"] and line.bullet == "+":
                    self._extend_last(area, line.text, line)
                    continue
                bullet_index += 1
                self._add_solution(area, line.text, f"{roman} – ý {bullet_index}", line, line)
            elif area["tasks"] and not line.blank_before:
                self._extend_last(area, line.text, line)
        self.data["areas"].append(area)

    def _read_closing(self, closing):
        recipients = []
        signature = None
        in_recipients = False
        for index, line in enumerate(closing):
            folded = fold(line.text)
            if folded.startswith("noi nhan"):
                in_recipients = True
                rest = line.text.split(":", 1)[1].strip() if ":" in line.text else ""
                if rest:
                    recipients.append(rest.lstrip("-– "))
                continue
            if SIGNATURE.match(folded):
                signature = index
                in_recipients = False
                self.on_behalf_of = sentence_case(re.sub(r"^\S+\s+", "", line.text))
                continue
            if signature is not None:
                continue
            if in_recipients:
                recipients.append(line.text.lstrip("-– "))
        self.data["recipients"] = "\n".join(recipients)
        if signature is None:
            return
        rest = [line for line in closing[signature + 1:] if not fold(line.text).startswith("noi nhan")]
        role = None
        name = None
        for line in rest:
            folded = fold(line.text)
            if re.match(r"^\(?\s*(da ky|ky|ky ten|ky, dong dau)", folded):
                continue
            letters = [c for c in line.text if c.isalpha()]
            is_upper = letters and all(c.isupper() for c in letters)
            if role is None and is_upper:
                role = line.text
                continue
            if re.fullmatch(r"[A-ZĐÀ-Ỹ][\w]*(?:\s+[A-ZĐÀ-Ỹ][\w]*){1,4}", line.text, re.UNICODE) or is_upper:
                name = line.text
        if role:
            self.data["signer_title"] = _office(role)
        if name:
            self.data["signer_name"] = title_case_name(name)

    # ------------------------------------------------------------ tasks
    def _add_solution(self, area, text, source, first_line, last_line, derived=None):
        text = squash(text)
        if self.structure_only:
            task = {"description": text, "source": source, "span": {"first": first_line.number,
                                                                       "last": last_line.number}}
            area["tasks"].append(task)
            return task
        task = self._task(text, source, first_line.number, last_line.number, derived=derived)
        if derived is not None:
            task["flags"].append(derived)
        area["tasks"].append(task)
        return task

    def _read_tasks(self):
        """Every task found by the structure pass, read in full once the plan is known to be of a plan's size."""
        areas = self.data["areas"]
        total = sum(len(area["tasks"]) for area in areas)
        self.limits.check_structure(len(areas), total)
        deadline = self.limits.deadline()
        self.structure_only = False
        done = 0
        for area in areas:
            for index, found in enumerate(area["tasks"]):
                area["tasks"][index] = self._task(found["description"], found["source"], found["span"]["first"],
                                                  found["span"]["last"])
                done += 1
                deadline.check(done, total)

    def _task(self, text, source, first, last, derived=None):
        references = find_references(text)
        excluded = [(r.start, r.end) for r in references]
        units = propose_units(text, self.catalogue, excluded, derived=derived is not None)
        timing = read_timing(text, self.year, excluded)
        task = {
            "title": _auto_title(text, units.subject_end),
            "description": text,
            "lead": units.lead,
            "supporting": units.supporting,
            **timing.fields(),
            "source": source,
            "span": {"first": first, "last": last},
            "flags": [*units.flags, *timing.flags],
            "mentions": [
                {"text": m.text, "kind": m.kind, "role": m.role, "keys": m.keys, "counted": m.counted}
                for m in units.mentions if m.kind != "higher"
            ],
        }
        return task

    def _extend_last(self, area, text, line):
        """A sub-bullet or continuation paragraph belongs to the solution before it."""
        task = area["tasks"][-1]
        task["description"] = squash(f"{task['description']} {text}")
        task["span"]["last"] = line.number

    def _derive_tasks_from_review(self):
        """A limitation or focus task that names a recurring timing becomes a task of the matching area.

        The plan's solutions say what to do; a limitation such as "Tổ dân vận … chưa hiệu quả trong phong
        trào Chủ nhật xanh … sáng Chủ nhật hằng tuần" names recurring work no solution repeats, and would be
        lost if only solutions became tasks.
        """
        areas = [a for a in self.data["areas"] if a["kind"] != "implementation"]
        for target, label in (("limitations", "Khắc phục hạn chế"), ("focus_tasks", "Nhiệm vụ trọng tâm")):
            for entry in self.data[target]:
                timing = read_timing(entry["text"], self.year)
                if timing.recurrence == "once":
                    continue
                area = self._matching_area(entry["text"], areas)
                if area is None:
                    self.flags.append({"kind": "derived_without_area", "text": entry["text"],
                                       "line": entry["span"]["first"]})
                    continue
                text = entry["text"]
                description = f"{label} {entry['number']}: {text[:1].lower()}{text[1:]}"
                line = _FakeLine(entry["span"]["first"])
                task = self._add_solution(
                    area, description, f"{entry['section']}.{entry['number']}", line,
                    _FakeLine(entry["span"]["last"]),
                    derived={"kind": "derived", "from": target, "number": entry["number"]},
                )
                # A limitation states a complaint and names the work late ("… chưa hiệu quả trong phong trào
                # Chủ nhật xanh …"): its title may run longer than a solution's, which opens with the action.
                prefix = f"{label} {entry['number']}: "
                task["title"] = prefix + short_title(text, DERIVED_TITLE_LIMIT - len(prefix))

    @staticmethod
    def _matching_area(text, areas):
        kind = classify_area(text)
        for area in areas:
            if kind != "other" and area["kind"] == kind:
                return area
        words = set(fold(text).split())
        best, best_score = None, 0
        for area in areas:
            score = len(words & set(fold(f"{area['title']} {area['content']}").split()))
            if score > best_score:
                best, best_score = area, score
        return best if best_score >= 4 else None

    def _fill_defaults(self):
        data = self.data
        if not data["issuer"] and self.on_behalf_of:
            data["issuer"] = self.on_behalf_of
            self.flags.append({"kind": "issuer_inferred", "text": data["issuer"], "from": "signature"})
        if not data["issuer"]:
            self.flags.append({"kind": "issuer_missing"})
        if not data["place"]:
            # The place of the date line is the issuing unit's own locality (Hướng dẫn 36-HD/VPTW).
            match = re.search(r"\b(?:phường|xã|thị trấn|đặc khu)\s+((?:[A-ZĐÀ-Ỹ][^\s,;.]*\s?){1,4})$", data["issuer"])
            if match:
                data["place"] = match.group(1).strip()
                self.flags.append({"kind": "place_from_issuer", "text": data["place"], "from": data["issuer"]})
        if not data["place"]:
            for doc in data["basis"]:
                match = re.search(r"(?:Thành ủy|Tỉnh ủy|Huyện ủy|thành phố|tỉnh)\s+((?:[A-ZĐ][^\s,;.]*\s?){1,3})",
                                  doc["issuer"])
                if match:
                    data["place"] = match.group(1).strip()
                    self.flags.append({"kind": "place_inferred", "text": data["place"], "from": doc["code"]})
                    break
        said = {flag["kind"] for flag in self.flags}
        if not data["code"] and "code_blank" not in said:
            self.flags.append({"kind": "code_missing"})
        if not data["issued_on"] and "issued_on_unreadable" not in said:
            self.flags.append({"kind": "issued_on_missing"})
        for key in ("limitations", "focus_tasks"):
            for entry in data[key]:
                entry.pop("section", None)
                entry.pop("_prefix", None)


def _locality(name):
    """'Ủy ban nhân dân phường An Hòa' -> 'An Hòa'; '' when the name gives no commune-level place."""
    match = re.search(r"\b(?:phường|xã|thị trấn|đặc khu)\s+(\S.*)$", name or "", re.IGNORECASE)
    return match.group(1).strip() if match else ""


def _is_heading_text(text):
    """A short label ("Hạn chế, tồn tại năm 2023 được cấp trên chỉ ra") rather than a sentence of content."""
    return len(text) < 120 and not text.rstrip().endswith(".")


class _FakeLine:
    def __init__(self, number):
        self.number = number


def _join(existing, text):
    return f"{existing}\n{text}" if existing else text


def _office(text):
    office = sentence_case(text)
    for title in ("Bí thư", "Chủ tịch", "Trưởng ban", "Trưởng khối"):
        office = re.sub(title, title, office, flags=re.IGNORECASE)
    return re.sub(r"^Phó bí thư", "Phó Bí thư", office)


# A proposed title is a name to find the task by in lists, not its text: the official edits it in the preview.
TITLE_LIMIT = 100
DERIVED_TITLE_LIMIT = 150
# Words a title does not end on when it is cut: they announce something that was cut off.
_DANGLING = {"va", "voi", "cua", "cho", "cac", "de", "theo", "trong", "tai", "ve", "nham", "nhung", "mot", "la",
             "o", "tren", "duoi", "hoac", "hay", "thi", "ma", "do", "bang", "tu", "den", "ca", "vao", "khi"}


def short_title(text, limit=TITLE_LIMIT):
    """The first clause of ``text``, the documents it cites by type and number only, asides in brackets left out,
    cut on a word boundary at ``limit`` characters (with "…")."""
    text = squash(text)
    pieces, position = [], 0
    for reference in find_references(text):
        if reference.short_end > reference.start:
            pieces.append(text[position:reference.start] + text[reference.start:reference.short_end])
            position = reference.end
    text = squash("".join(pieces) + text[position:])
    text = squash(re.sub(r"\s*\([^()]*\)", "", text))
    first = re.split(r";|:\s|\.(?:\s|$)", text, maxsplit=1)[0].strip(" ,")
    first = capitalise(first)
    if len(first) <= limit:
        return first
    words = first[: limit - 1].rsplit(" ", 1)[0].split(" ")  # room for a closing quote and "…"
    while len(words) > 1 and (fold(words[-1]).strip(",;:“”\"") in _DANGLING or words[-1] in ("–", "-")):
        words.pop()
    cut = " ".join(words).rstrip(",;:–- ")
    if cut.count("“") > cut.count("”"):
        # A quotation cut in the middle would misquote: stop before it, or close it when it is most of the title.
        before = cut[: cut.rindex("“")].rstrip(" ,;:")
        cut = before if len(before) >= limit // 2 else cut + "”"
    return cut + "…"


def _auto_title(text, subject_end=0):
    """A short name for a task: its first clause, without the units that open it ("Công an phường chủ trì …")
    or close it (", do Hội Cựu chiến binh phường chủ trì, phối hợp với …"): the lead and supporting fields say who."""
    body = text[subject_end:] if subject_end else text
    body = body.lstrip(" ,:;-–")
    lead_role = re.match(r"chu tri\b[\s,]*", fold(body))
    if lead_role:
        body = body[lead_role.end():]
    closing_units = re.search(r",?\s+do\s+[^,;.]+?\s+chu tri\b[^;.]*", fold(body))
    if closing_units:
        body = body[:closing_units.start()] + body[closing_units.end():]
    title = short_title(body)
    if len(title) < 15:
        title = short_title(text)
    return title


def read_plan(lines: list[Line], catalogue, today=None, limits=None):
    """The plan data of a document's lines (see the module docstring). Raises NotAPlan, or LimitExceeded when the
    document is larger than a plan may be (``limits``, from the settings by default)."""
    from ..bindings import propose_bindings

    return propose_bindings(PlanReader(lines, catalogue, today=today, limits=limits).read())
