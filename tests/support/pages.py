"""Read a page the way an official does: the rows of a table cell by cell, the errors under a form field
(stdlib parser, no extra library)."""

import re
from html import unescape
from html.parser import HTMLParser


class _TableReader(HTMLParser):
    def __init__(self, table_class):
        super().__init__(convert_charrefs=True)
        self.table_class = table_class
        self.depth = 0  # > 0 inside the wanted table (counts nested tables)
        self.done = False  # only the first such table is read
        self.in_body = False
        self.rows = []
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            if self.depth:
                self.depth += 1
            elif not self.done and self.table_class in (dict(attrs).get("class") or "").split():
                self.depth = 1
        elif self.depth == 1 and tag == "tbody":
            self.in_body = True
        elif self.depth == 1 and self.in_body and tag == "tr":
            self.rows.append([])
        elif self.depth == 1 and self.in_body and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
            self.done = not self.depth
        elif self.depth == 1 and tag == "tbody":
            self.in_body = False
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(response_or_html, table_class, section=None):
    """The body rows of the first table with ``table_class`` (in the element with id ``section`` if given):
    [[cell text, …], …], empty rows dropped."""
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    if section is not None:
        start = html.find(f'id="{section}"')
        assert start >= 0, f"no #{section} on the page"
        html = html[start:]
    reader = _TableReader(table_class)
    reader.feed(html)
    return [row for row in reader.rows if row]


def first_column(response_or_html, table_class):
    return [row[0] for row in table_rows(response_or_html, table_class)]


def field_errors(response_or_html, name):
    """The error messages shown under the form field ``name`` (core/includes/form_fields.html)."""
    html = response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    block = re.search(rf'<div class="field[^"]*">\s*<label for="id_{re.escape(name)}">.*?</div>', html, re.S)
    if block is None:
        raise AssertionError(f"no field {name} on the page")
    return [unescape(error).strip() for error in re.findall(r'class="field-error"[^>]*>([^<]*)<', block.group(0))]
