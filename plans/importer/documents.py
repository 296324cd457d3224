"""Documents a plan cites: "Kế hoạch số 140-KH/TU ngày 29/01/2024 của Ban Thường vụ Thành ủy Bắc Giang về …".

Party documents are numbered ``{số}-{loại}/{cơ quan}`` (140-KH/TU), state documents ``{số}/{loại}-{cơ quan}``
(03/CT-UBND); both are read. A reference's span is returned too: the issuer and title of a cited document
name bodies and dates that are not the plan's units and deadlines.
"""

import re
from dataclasses import dataclass
from datetime import date

from .text import capitalise, fold, nfc, squash

DOCUMENT_TYPES = (
    "ke hoach", "quyet dinh", "nghi quyet", "chi thi", "thong bao", "ket luan", "huong dan", "quy dinh",
    "cong van", "nghi dinh", "thong tu", "chuong trinh", "de an", "bao cao", "quy che", "luat", "thong tri",
)
_REFERENCE = re.compile(
    r"\b(?P<type>" + "|".join(DOCUMENT_TYPES) + r")\s+(?:so\s*:?\s*)?"
    r"(?P<code>\d{1,4}[a-z]?(?:\s?[-/]\s?[0-9a-z]+)+)"
    r"(?:\s*,?\s*ngay\s+(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})\s+nam\s+(?P<y2>\d{4})))?"
)
_NEXT_REFERENCE = re.compile(r"\s+(?:va|,)\s+(?:" + "|".join(DOCUMENT_TYPES) + r")\s+(?:so\b|\d)")
OPEN_QUOTES = "“\"«"
CLOSE_QUOTES = "”\"»"


@dataclass
class Reference:
    code: str
    issued_on: date | None
    issuer: str
    title: str
    start: int
    end: int
    short_end: int = 0  # where its type and number end: text[start:short_end] is "Quyết định số 294-QĐ/TU"

    def to_data(self):
        return {"code": self.code, "issued_on": self.issued_on.isoformat() if self.issued_on else None,
                "issuer": self.issuer, "title": self.title}


def _quoted(text, start):
    """The text of the balanced quotation opening at ``text[start]`` and where it ends."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char in "“«":
            depth += 1
        elif char in "”»":
            depth -= 1
            if depth == 0:
                return text[start + 1:index], index + 1
        elif char == '"':
            if depth and text[start] == '"':
                return text[start + 1:index], index + 1
            depth += 1
    return None, start


def find_references(text, whole_line=False):
    """The documents cited in ``text`` (one paragraph). ``whole_line``: an unquoted title runs to the end."""
    text = nfc(text)
    folded = fold(text)
    result = []
    for match in _REFERENCE.finditer(folded):
        if not re.search(r"[a-z]", match.group("code")):
            continue
        code = re.sub(r"\s", "", text[match.start("code"):match.end("code")])
        day, month, year = match.group("d") or match.group("d2"), match.group("m") or match.group("m2"), \
            match.group("y") or match.group("y2")
        issued_on = None
        if day:
            try:
                issued_on = date(int(year), int(month), int(day))
            except ValueError:
                issued_on = None
        position = match.end()
        issuer = ""
        title = ""
        rest = folded[position:]
        of = re.match(r"\s*(?:cua|do)\s+", rest)
        if of:
            issuer_start = position + of.end()
            stops = [m.start() for m in (re.compile(r"\s+ve\s+"), re.compile(r"[;.)(]"), _NEXT_REFERENCE)
                     for m in [m.search(folded, issuer_start)] if m]
            issuer_end = min(stops) if stops else len(text)
            issuer = squash(text[issuer_start:issuer_end]).rstrip(",")
            position = issuer_end
        about = re.match(r"\s+ve\s+", folded[position:])
        if about:
            title_start = position + about.end()
            lead_in = re.match(r"(?:viec\s+)?(?:ban hanh\s+)?(?:thuc hien\s+)?\s*", folded[title_start:])
            quote_at = title_start + lead_in.end()
            if quote_at < len(text) and text[quote_at] in OPEN_QUOTES:
                quoted, end = _quoted(text, quote_at)
                if quoted is not None:
                    title = squash(quoted)
                    position = end
            if not title:
                if whole_line:
                    end = len(text)
                else:
                    stops = [m.start() for m in [re.compile(r"[;)]|\.(?:\s|$)").search(text, title_start)] if m]
                    end = min(stops) if stops else len(text)
                title = capitalise(squash(text[position + about.start():end]).rstrip(",;."))
                position = end
        result.append(Reference(code, issued_on, issuer, title, match.start(), position, match.end("code")))
    return result
