"""Numbers a converter wrote in front of the headings of a plan (Word or LibreOffice outline numbering exported to
text, pandoc's ``--number-sections``): "0.1 KẾ HOẠCH", "1 I- MỤC ĐÍCH, YÊU CẦU", "3.1 1. Nâng cao …".

They are not the plan's numbers. The title numbered "0.1" (a heading under no chapter) tells that a converter
numbered the headings; then its number is dropped where the heading keeps the plan's own ("1 I- MỤC ĐÍCH"), and
becomes the plan's numbering where the plan's own was lost with Word's automatic numbering: a chapter "2" is
section II, "2.1" the first item of that section ("1."), "2.1.3" its third point ("1.3.").
"""

import re
from dataclasses import replace

from .text import fold

_CONVERTED = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\s+(?P<rest>\S.*)$")
_TITLE = re.compile(r"^0(?:\.\d{1,2})+\s+ke hoach\b")
_OWN_NUMBER = re.compile(r"^(?:(?:X|IX|IV|V|V?I{1,3})\s*[-–.:)/]|\d{1,2}(?:\.\d{1,2}){0,3}[.)\-–]|[a-zđ][).]\s)")
ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def converter_numbered(lines):
    return any(_TITLE.match(fold(line.text)) for line in lines[:60])


def strip_converter_numbers(lines):
    """``lines`` with the numbers a converter added replaced by the plan's own (new Line objects where changed)."""
    if not converter_numbered(lines):
        return lines
    result = []
    for line in lines:
        match = _CONVERTED.match(line.text)
        if not match:
            result.append(line)
            continue
        rest = match.group("rest")
        parts = match.group("number").split(".")
        if parts[0] == "0":
            parts = parts[1:]
        if _OWN_NUMBER.match(rest) or fold(rest).startswith("ke hoach") or not parts:
            text = rest
        elif len(parts) == 1:
            position = int(parts[0])
            text = f"{ROMAN_NUMERALS[position - 1]}- {rest}" if 0 < position <= len(ROMAN_NUMERALS) else rest
        else:
            text = f"{'.'.join(parts[1:])}. {rest}"
        result.append(replace(line, text=text))
    return result


_ROMAN_SECTION = re.compile(r"^(?:X|IX|IV|V|V?I{1,3})\s*[-–.:)/]\s*\S")


def number_styled_headings(lines):
    """Headings set by their style alone (Word's Heading 1, 2, 3 or Markdown's #, ## …, numbered automatically
    or not at all) numbered as the plan would be: the highest level under the title is a section ("I-"), the
    next an item ("1."), the next a point ("1.1."). Only when no section carries a number of its own."""
    title = next((i for i, line in enumerate(lines[:60]) if fold(line.text).startswith("ke hoach")), None)
    if title is None:
        return lines
    # The title's own second line may share the title's style ("KẾ HOẠCH" / "thực hiện công tác …").
    while title + 1 < len(lines) and lines[title + 1].heading and (
            lines[title + 1].heading == lines[title].heading or lines[title + 1].text[:1].islower()):
        title += 1
    after = lines[title + 1:]
    if any(_ROMAN_SECTION.match(line.text) for line in after):
        return lines
    levels = sorted({line.heading for line in after if line.heading and not _OWN_NUMBER.match(line.text)})
    if not levels:
        return lines
    levels = levels[:3]
    counters = [0, 0, 0]
    result = list(lines[: title + 1])
    for line in after:
        if not line.heading or line.heading not in levels or _OWN_NUMBER.match(line.text):
            result.append(line)
            continue
        depth = levels.index(line.heading)
        counters[depth] += 1
        for deeper in range(depth + 1, len(counters)):
            counters[deeper] = 0
        if depth == 0:
            number = f"{ROMAN_NUMERALS[min(counters[0], len(ROMAN_NUMERALS)) - 1]}-"
        elif depth == 1:
            number = f"{counters[1]}."
        else:
            number = f"{counters[1]}.{counters[2]}."
        result.append(replace(line, text=f"{number} {line.text}"))
    return result
