"""Server-side SVG charts: plain shapes computed here, drawn by a template, readable when printed."""

import textwrap
from dataclasses import dataclass, field

# Width of an average character of the charts' 10 px labels, to wrap a label within its bar's slot.
CHAR_WIDTH = 5.6
LINE_HEIGHT = 12


@dataclass
class Bar:
    label: str
    value: float
    display: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    value_y: float
    lines: list = field(default_factory=list)


def wrap_label(label, slot):
    """The label broken into lines that fit the bar's slot, whole words kept (a word longer than the slot gets a
    line of its own): a label is wrapped, never cut."""
    width = max(4, int(slot / CHAR_WIDTH))
    return textwrap.wrap(str(label), width=width, break_long_words=False, break_on_hyphens=False) or [""]


def bar_chart(labels, values, unit="", width=320, height=140, maximum=None, axis=None, categories=None):
    """Vertical bars scaled to the largest value (or ``maximum``, e.g. 100 for percentages); a value of None (a
    quarter without figures) draws no bar and reads "—", so it is not mistaken for a zero.

    Labels are wrapped on as many lines as they need (the chart grows); ``axis`` names the unit of the values,
    printed above the bars ("%" by default for percentages, "số lượng" for counts); ``categories`` names what the
    bars are (the plan's chart: "Nhóm nhiệm vụ"), printed under their labels."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    missing = [v is None for v in values]
    values = [float(v or 0) for v in values]
    axis_label = _("Đơn vị: %(unit)s") % {"unit": axis or (unit if unit else _("số lượng"))}
    if not values:
        return {"bars": [], "width": width, "height": height, "axis_label": axis_label}
    top = maximum if maximum is not None else (max(values) or 1)
    slot = width / len(values)
    wrapped = [wrap_label(label, slot) for label in labels]
    label_lines = max(len(lines) for lines in wrapped)
    plot_top = 28  # room for the unit caption and the values above the tallest bar
    plot_height = height - 34 - 12
    bar_width = max(6.0, min(48.0, slot * 0.6))
    baseline = plot_top + plot_height
    bars = []
    for index, (label, value) in enumerate(zip(labels, values, strict=False)):
        bar_height = plot_height * min(value, top) / top if top else 0
        x = index * slot + (slot - bar_width) / 2
        # In the reader's locale: 86,3% in Vietnamese, as the tiles' figures read.
        shown = "—" if missing[index] else number_format(value, 0 if value == int(value) else 1) + unit
        top_y = baseline - bar_height
        bars.append(Bar(str(label), value, shown, round(x, 1), round(top_y, 1), round(bar_width, 1),
                        round(bar_height, 1), round(x + bar_width / 2, 1), round(top_y - 3, 1), wrapped[index]))
    label_bottom = baseline + 14 + LINE_HEIGHT * label_lines
    return {"bars": bars, "width": width, "height": label_bottom + (LINE_HEIGHT if categories else 0),
            "baseline": baseline, "label_y": baseline + 14, "line_height": LINE_HEIGHT, "axis_label": axis_label,
            "categories": str(categories) if categories else "", "categories_y": label_bottom + 4}
