"""Read a plan document into one line model, whatever it was written in (Markdown, plain text, Word).

A ``Line`` is one paragraph (or one hard-broken line) of the document as the official sees it, with
its markup removed and what the markup said kept as flags: a heading, a bullet, bold, centred, from a
table. Everything after this module reads lines only, so Markdown and .docx import the same way.
"""

import io
import re
from dataclasses import asdict, dataclass

from django.conf import settings

from core import numbers

from .text import nfc, squash


def max_lines():
    """A plan is a few hundred paragraphs (the 2024 plan: 150 lines); a document ten times longer is not a plan,
    and reading it would tie the worker up (``PLAN_IMPORT_MAX_PARAGRAPHS``)."""
    return settings.PLAN_IMPORT_MAX_PARAGRAPHS


class TooLong(ValueError):
    """The document has more than ``limit`` paragraphs."""

    def __init__(self, limit=None):
        self.limit = max_lines() if limit is None else limit
        super().__init__(self.limit)


@dataclass
class Line:
    number: int  # 1-based position in the document, shown in the preview
    text: str
    heading: int = 0
    bullet: str = ""  # "-" for a bullet, "+" for a sub-bullet
    bold: bool = False
    centred: bool = False
    table: bool = False
    blank_before: bool = False
    rule: bool = False  # a horizontal rule (-----)
    # The parts of a line aligned in columns with tabs or runs of spaces (a header copied from a web page or
    # typed in two columns: "ĐẢNG ỦY PHƯỜNG AN HÒA<tab>ĐẢNG CỘNG SẢN VIỆT NAM"); empty for an ordinary line.
    columns: tuple = ()

    def to_data(self):
        data = asdict(self)
        if not self.columns:
            del data["columns"]  # most lines: the stored preview stays as small as before
        return data

    @classmethod
    def from_data(cls, data):
        return cls(**data)


def _renumber(lines):
    for number, line in enumerate(lines, start=1):
        line.number = number
    return lines


# ---------------------------------------------------------------- Markdown and plain text

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^(\s*)([-*+•–])\s+(.*)$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_COLUMN_GAP = re.compile(r"\t+|\s{3,}")
# A row of a Markdown pipe table (converters write a Word header table so), and the row under its first row.
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|[\s:|]*-[\s:|-]*\|\s*$")


def _pipe_row(raw):
    """The cells of a pipe-table row, each cell's lines (``<br>``) one after the other, as a ``Line``'s columns."""
    parts = []
    for cell in raw.strip()[1:-1].split("|"):
        for part in re.split(r"<br\s*/?>", cell, flags=re.IGNORECASE):
            part = squash(_strip_markdown(part))
            if part:
                parts.append(part)
    return parts


def _columns(body, markdown):
    """The column parts of a line (see ``Line.columns``). Blanks left to fill in by hand are no column gap:
    "Số" keeps the number it announces ("Số      -KH/ĐU"), "ngày" and "tháng" what follows them."""
    parts = [part for part in _COLUMN_GAP.split(body.strip()) if part.strip()]
    if len(parts) < 2:
        return ()
    joined = []
    for part in parts:
        if joined and re.search(r"(?i)(?:^s[ốô]\s*:?|\bngày|\btháng)$", joined[-1].strip(" *.…")):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    clean = [squash(_strip_markdown(part) if markdown else part) for part in joined]
    clean = [part for part in clean if part]
    return tuple(clean) if len(clean) >= 2 else ()


def _strip_markdown(text):
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return text


def _is_bold(raw):
    inner = raw.strip()
    return inner.startswith("**") and (inner.endswith("**") or inner.endswith("**  "))


def read_text(text, markdown=True):
    """Lines of a Markdown (or plain text) document."""
    lines = []
    blank = False
    bold_open = False
    limit = max_lines()
    for raw in nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            blank = True
            bold_open = False
            continue
        if len(lines) >= limit:
            raise TooLong(limit)
        if _RULE.match(raw) and raw.strip() not in ("*",):
            lines.append(Line(0, "", rule=True, blank_before=blank))
            blank = False
            continue
        if markdown and _PIPE_ROW.match(raw):
            if _PIPE_RULE.match(raw):
                continue
            parts = _pipe_row(raw)
            if parts:
                lines.append(Line(0, " ".join(parts), table=True, blank_before=blank,
                                  columns=tuple(parts) if len(parts) > 1 else ()))
                blank = False
            continue
        heading = 0
        bullet = ""
        body = raw.rstrip()
        match = _HEADING.match(body.strip()) if markdown else None
        if match:
            heading = len(match.group(1))
            body = match.group(2)
        else:
            match = _BULLET.match(body)
            if match and match.group(3).strip():
                indent = len(match.group(1).replace("\t", "    "))
                bullet = "+" if match.group(2) == "+" or indent >= 2 else "-"
                body = match.group(3)
        bold = False
        if markdown:
            # Bold may open on one line and close on the next (a hard line break inside **…**).
            marks = body.count("**")
            if bold_open:
                bold = True
                bold_open = marks % 2 == 0
            else:
                bold = _is_bold(body) or (body.strip().startswith("**") and marks % 2 == 1)
                bold_open = body.strip().startswith("**") and marks % 2 == 1
        clean = squash(_strip_markdown(body) if markdown else body)
        if not clean:
            blank = True
            continue
        lines.append(Line(0, clean, heading=heading, bullet=bullet, bold=bold, blank_before=blank,
                          columns=_columns(body, markdown)))
        blank = False
    return _renumber(lines)


# ---------------------------------------------------------------- Word (.docx)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Numbering:
    """Labels of Word's automatic numbering ("1.", "1.2.", "a)"), which are not in the paragraph text."""

    def __init__(self, document):
        self.formats = {}
        self.counters = {}
        # python-docx finds a paragraph's style by scanning every style of the document, for each paragraph
        # and each question asked of it: once per style here.
        self._styles = {}
        try:
            root = document.part.numbering_part.element
        except (AttributeError, KeyError, NotImplementedError):
            return
        abstract = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels = {}
            for level in node.findall(f"{_W}lvl"):
                fmt = level.find(f"{_W}numFmt")
                text = level.find(f"{_W}lvlText")
                start = level.find(f"{_W}start")
                levels[int(level.get(f"{_W}ilvl"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for node in root.findall(f"{_W}num"):
            ref = node.find(f"{_W}abstractNumId")
            if ref is not None:
                levels = dict(abstract.get(ref.get(f"{_W}val"), {}))
                # "Restart at …" in Word: a list of its own whose levels start again (lvlOverride/startOverride).
                for override in node.findall(f"{_W}lvlOverride"):
                    start = override.find(f"{_W}startOverride")
                    level = int(override.get(f"{_W}ilvl", "0"))
                    if start is not None and level in levels:
                        fmt, text, _start = levels[level]
                        levels[level] = (fmt, text, int(start.get(f"{_W}val")))
                self.formats[node.get(f"{_W}numId")] = levels

    def style(self, paragraph):
        """``paragraph.style``, looked up once per style id."""
        style_id = paragraph._p.style
        if style_id not in self._styles:
            self._styles[style_id] = paragraph.style
        return self._styles[style_id]

    def _num_pr(self, paragraph):
        ppr = paragraph._p.pPr
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is None:
            style = self.style(paragraph)
            while style is not None and num_pr is None:
                style_ppr = style.element.pPr
                num_pr = style_ppr.numPr if style_ppr is not None else None
                style = style.base_style
        if num_pr is None or num_pr.numId is None:
            return None
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return str(num_pr.numId.val), int(level)

    def label(self, paragraph):
        """("bullet", "") or ("number", "1.2.") or None for a paragraph without numbering."""
        found = self._num_pr(paragraph)
        if found is None:
            return None
        num_id, level = found
        levels = self.formats.get(num_id, {})
        fmt, text, start = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        if fmt in ("bullet", "none"):
            return ("bullet", "")
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]

        def render(index):
            value = counters.get(index - 1, levels.get(index - 1, ("decimal", "", 1))[2])
            kind = levels.get(index - 1, ("decimal",))[0]
            if kind == "lowerLetter":
                return "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26]
            if kind == "upperLetter":
                return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(value - 1) % 26]
            if kind in ("upperRoman", "lowerRoman"):
                roman = numbers.roman(value)
                return roman if kind == "upperRoman" else roman.lower()
            return str(value)

        return ("number", re.sub(r"%(\d)", lambda m: render(int(m.group(1))), text or f"%{level + 1}."))


def _paragraph_lines(paragraph, numbering, table=False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    text = nfc(paragraph.text or "")
    paragraph_style = numbering.style(paragraph)
    style = paragraph_style.name if paragraph_style is not None else ""
    heading = 0
    match = re.match(r"Heading (\d)", style or "")
    if match:
        heading = int(match.group(1))
    elif style == "Title":
        heading = 1
    bullet = ""
    numbered = numbering.label(paragraph)
    if numbered and numbered[0] == "bullet" or (style or "").startswith("List Bullet"):
        bullet = "+" if (style or "").endswith(("2", "3")) else "-"
    elif numbered:
        text = f"{numbered[1]} {text}"
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold or (run.bold is None and _style_bold(paragraph_style)) for run in runs)
    centred = paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    result = []
    for part in text.split("\n"):
        part = squash(part)
        if bullet == "" and re.match(r"^[-–•+]\s+\S", part):
            bullet = "+" if part[0] == "+" else "-"
            part = part[1:].strip()
        if part:
            result.append(Line(0, part, heading=heading, bullet=bullet, bold=bold, centred=centred, table=table))
        elif not result:
            result.append(None)
    return result


def _style_bold(style):
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return False


def read_docx(data):
    """Lines of a .docx: body paragraphs and tables in document order (a table cell by cell)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    # Counted before python-docx walks them one by one (the slow part), table cells included.
    if sum(1 for _ in document.element.body.iter(f"{_W}p")) > max_lines():
        raise TooLong
    numbering = _Numbering(document)
    lines = []
    blank = False

    def add(found):
        nonlocal blank
        for line in found:
            if line is None:
                blank = True
                continue
            if re.fullmatch(r"-{3,}|_{3,}|\*{3,}", line.text):
                line = Line(0, "", rule=True)
            line.blank_before = blank
            lines.append(line)
            blank = False

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            add(_paragraph_lines(Paragraph(child, document), numbering))
        elif child.tag == f"{_W}tbl":
            table = Table(child, document)
            seen = set()  # merged cells repeat: the same cell element comes once
            for row in table.rows:
                for cell in row.cells:
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    blank = True
                    for paragraph in cell.paragraphs:
                        add(_paragraph_lines(paragraph, numbering, table=True))
            blank = True
    return _renumber(lines)
