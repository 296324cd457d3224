"""The header of a Vietnamese official document: two columns above the title, in whatever form it reached us.

    ĐẢNG BỘ THÀNH PHỐ BẮC GIANG            ĐẢNG CỘNG SẢN VIỆT NAM
    ĐẢNG ỦY PHƯỜNG AN HÒA                  An Hòa, ngày 20 tháng 01 năm 2025
              *
    Số 21-KH/ĐU

Left: the superior body, the issuing body (its name may wrap over lines: "ỦY BAN NHÂN DÂN" / "PHƯỜNG AN HÒA"),
a "*" and the number; right: the motto (the Party's "ĐẢNG CỘNG SẢN VIỆT NAM", or the State's "CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc") and "<place>, ngày … tháng … năm …". The header arrives
as a borderless Word table (cell by cell), as lines aligned with tabs or spaces (``Line.columns``), as each
column's lines one after the other, or as both columns run into one line by a copy that lost the alignment.
So each piece is read by what it is (a motto, a number, a date line, a body's name), never by its position,
and a line holding two columns is cut at the motto, the number and the date line before it is read.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from .text import fold, sentence_case, squash

# Folded mottos; the dash between the three words may be any dash.
MOTTOS = (
    ("dang cong san viet nam", "party"),
    ("cong hoa xa hoi chu nghia viet nam", "state"),
    ("doc lap", "state"),
)
_MOTTO = re.compile(r"dang cong san viet nam|cong hoa xa hoi chu nghia viet nam|"
                    r"doc lap\s*[-–—]\s*tu do\s*[-–—]\s*hanh phuc")
# "Số 21-KH/ĐU", "Số: 45/KH-UBND", "Số     -KH/ĐU" (left blank until the document is signed).
_NUMBER = re.compile(r"\bso\s*:?\s*(?P<number>\d{1,4}[a-z]?)?\s*(?P<rest>[-/]\s*[0-9a-z/\-]*[a-z][0-9a-z/\-]*)")
DATE_LINE = re.compile(r"(?P<place>[^,]{2,80}),\s*ngay\b\s*(?P<d>\d{1,2}|[.…]*)\s*thang\s*(?P<m>\d{1,2}|[.…]*)"
                       r"\s*nam\s*(?P<y>\d{4})")
# First words of the name of a body that issues documents (folded): a header line starting with one of them
# starts a new body, any other line in capitals goes on with the name above it.
BODY_HEADS = (
    "dang bo", "dang uy", "chi bo", "thanh uy", "tinh uy", "huyen uy", "quan uy", "thi uy", "ban ", "uy ban",
    "ubnd", "hoi dong", "hdnd", "mat tran", "uy ban mttq", "mttq", "hoi ", "doan ", "cong doan", "khoi ",
    "van phong", "phong ", "so ", "cong an", "ban chi dao", "bcd", "dang doan", "ban can su",
)


@dataclass
class Header:
    superior: str = ""
    issuer: str = ""
    issuer_line: int = 0
    code: str = ""
    blank_code: str = ""  # "-KH/ĐU" when the number itself is left blank
    place: str = ""
    issued_on: str | None = None
    motto: str = ""  # "party" or "state"
    flags: list = field(default_factory=list)


def _pieces(line):
    """The pieces of a header line: its columns, each cut where a motto, a number or a date line starts."""
    for column in line.columns or (line.text,):
        yield from _cut(squash(column))


def _cut(text):
    folded = fold(text)
    cuts = {0, len(text)}
    for match in _MOTTO.finditer(folded):
        cuts.update((match.start(), match.end()))
    for match in _NUMBER.finditer(folded):
        if match.start() == 0 or not folded[match.start() - 1].isalnum():
            cuts.update((match.start(), match.end()))
    date_line = DATE_LINE.search(folded)
    if date_line:
        start = _place_start(text, date_line.start("place"), date_line.end("place"))
        cuts.update((start, date_line.end()))
    bounds = sorted(cut for cut in cuts if 0 <= cut <= len(text))
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = text[start:end].strip(" ,;")
        if piece:
            yield piece


def _place_start(text, start, end):
    """Where a place begins in front of ", ngày": after the words in capitals of a body's name run into it
    ("ĐẢNG ỦY PHƯỜNG AN HÒA An Hòa, ngày …" -> "An Hòa"), which a place in a date line never is."""
    words = list(re.finditer(r"\S+", text[start:end]))
    capitals = 0
    for word in words:
        letters = [c for c in word.group() if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            capitals += 1
            continue
        break
    if 2 <= capitals < len(words):
        return start + words[capitals].start()
    return start


def _is_upper(text):
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def read_header(lines):
    """The ``Header`` of the lines above a plan's title."""
    header = Header()
    bodies = []  # {"text", "line", "closed"}
    for line in lines:
        for piece in _pieces(line):
            folded = fold(piece).strip()
            if not re.search(r"\w", folded) or re.fullmatch(r"[-–_=*.\s]+", piece):
                if bodies:
                    bodies[-1]["closed"] = True  # a "*" or a rule ends the name above it
                continue
            motto = next((kind for words, kind in MOTTOS if folded.startswith(words)), None)
            if motto:
                header.motto = header.motto or motto
                continue
            number = _NUMBER.match(folded)
            if number and number.end() >= len(folded.rstrip(" .")) - 1:
                rest = squash(piece[number.start("rest"):number.end("rest")]).replace(" ", "")
                if number.group("number"):
                    header.code = piece[number.start("number"):number.end("number")] + rest
                else:
                    header.blank_code = rest
                continue
            date_line = DATE_LINE.match(folded)
            if date_line:
                _read_date_line(header, piece, date_line, line)
                continue
            if not _is_upper(piece):
                continue
            if bodies and not bodies[-1]["closed"] and not folded.startswith(BODY_HEADS):
                bodies[-1]["text"] = f"{bodies[-1]['text']} {piece}"
            else:
                bodies.append({"text": piece, "line": line.number, "closed": False})
    if bodies:
        header.issuer = body_name(bodies[-1]["text"])
        header.issuer_line = bodies[-1]["line"]
    if len(bodies) >= 2:
        header.superior = body_name(bodies[-2]["text"])
    if header.blank_code:
        header.flags.append({"kind": "code_blank", "text": header.blank_code})
    return header


def _read_date_line(header, piece, match, line):
    header.place = squash(piece[: match.end("place")])
    try:
        header.issued_on = date(int(match.group("y")), int(match.group("m")), int(match.group("d"))).isoformat()
    except ValueError:
        header.flags.append({"kind": "issued_on_unreadable", "text": piece, "line": line.number})


# Words a body's name keeps capitalised once its capitals are turned into ordinary case.
_NAME_WORDS = (("viet nam", "Việt Nam"), ("mat tran to quoc", "Mặt trận Tổ quốc"), ("ban chi dao", "Ban Chỉ đạo"),
               ("quy che dan chu", "Quy chế dân chủ"), ("to dan van cong dong", "Tổ dân vận cộng đồng"),
               ("hoi nong dan", "Hội Nông dân"), ("hoi cuu chien binh", "Hội Cựu chiến binh"),
               ("hoi lien hiep phu nu", "Hội Liên hiệp Phụ nữ"), ("doan thanh nien", "Đoàn Thanh niên"),
               ("ho chi minh", "Hồ Chí Minh"), ("hoi nguoi cao tuoi", "Hội Người cao tuổi"))


def body_name(text):
    """'ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG AN HÒA' -> 'Ủy ban Mặt trận Tổ quốc Việt Nam phường An Hòa'."""
    name = sentence_case(text)
    folded = fold(name)
    for words, written in _NAME_WORDS:
        for match in reversed(list(re.finditer(rf"\b{words}\b", folded))):
            name = name[: match.start()] + written + name[match.end():]
    return name[:1].upper() + name[1:]
