"""Read the figures a report page and its PDF print, to compare them (tests/reports/test_one_source.py)."""

import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser


def normalise(text):
    """One space between words; none after a "/" or a dash, where the PDF may break a line (294-QĐ/ TU)."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    return re.sub(r"([/\-–]) ", r"\1", text)


class _PageFigures(HTMLParser):
    """Every table row and task paragraph inside the page's sections marked ``data-section``, as the text a reader
    sees (cells joined by a space), per section key; headings and <summary> (the page's fold) left out."""

    SKIP = {"h2", "summary", "script", "style"}

    def __init__(self):
        super().__init__()
        self.sections = {}
        self.stack = []  # (tag, section key or None)
        self.section = None
        self.skip = 0
        self.row = None
        self.para = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "br", "img", "meta", "link"):
            return
        key = attrs.get("data-section")
        self.stack.append((tag, key))
        if key:
            self.section = key
            self.sections.setdefault(key, [])
        if self.section is None:
            return
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.row.append("")
        elif tag == "p" and "area-tasks" in (attrs.get("class") or ""):
            self.para = ""

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, key = self.stack.pop()
            if open_tag in self.SKIP and self.section is not None:
                self.skip -= 1
            if open_tag == "tr" and self.row is not None:
                self.sections[self.section].append(tuple(normalise(cell) for cell in self.row))
                self.row = None
            if open_tag == "p" and self.para is not None:
                self.sections[self.section].append((normalise(self.para),))
                self.para = None
            if key:
                self.section = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.section is None or self.skip:
            return
        if self.row is not None and self.row:
            self.row[-1] += data
        elif self.para is not None:
            self.para += data


def page_figures(html):
    """{section key: [(cell, …) of a table row, or (paragraph,)]} of a report page; the units' reports under
    "units"."""
    parser = _PageFigures()
    parser.feed(html)
    return parser.sections


def pdf_text(data):
    """The PDF's text in reading order (pdftotext -raw: cell after cell, row after row), without the page numbers
    at the top of pages 2… ("2") and a draft's "DỰ THẢO" mark, whitespace collapsed, so a page row's text appears
    in it unchanged."""
    path = shutil.which("pdftotext")
    assert path, "pdftotext (poppler-utils) is missing: run scripts/setup --test"
    text = subprocess.run([path, "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()
    lines = []
    for number, page in enumerate(text.split("\f"), start=1):
        page_lines = page.splitlines()
        # The page's margin boxes (its number from page 2, a draft's mark), which pdftotext gives after the body.
        margin = {"", "DỰ THẢO"} | ({str(number), f"{number} DỰ THẢO"} if number > 1 else set())
        while page_lines and page_lines[-1].strip() in margin:
            page_lines.pop()
        lines.extend(page_lines)
    return normalise(" ".join(lines))


def _printed(cells, text):
    """Whether the PDF's text holds the row: its cells side by side. pdftotext may give a row's one-line cells before
    the one that wraps over two lines, so any order of the cells counts, never a cell apart from its row."""
    from itertools import permutations

    cells = [cell for cell in cells if cell]
    if len(cells) > 6:
        return " ".join(cells) in text
    return any(" ".join(order) in text for order in permutations(cells))


def disagreements(html, pdf):
    """What the page prints in its figures and units' reports that the PDF does not print word for word."""
    text = pdf_text(pdf)
    return [(key, " | ".join(cells)) for key, rows in page_figures(html).items() for cells in rows
            if not _printed(cells, text)]
