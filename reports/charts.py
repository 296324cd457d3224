"""Server-side SVG charts: plain shapes computed here, drawn by a template, readable when printed."""

from dataclasses import dataclass


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


def bar_chart(labels, values, unit="", width=320, height=140, maximum=None):
    """Vertical bars scaled to the largest value (or ``maximum``, e.g. 100 for percentages); a value of None (a
    quarter without figures) draws no bar and reads "—", so it is not mistaken for a zero."""
    from django.utils.formats import number_format

    missing = [v is None for v in values]
    values = [float(v or 0) for v in values]
    if not values:
        return {"bars": [], "width": width, "height": height}
    top = maximum if maximum is not None else (max(values) or 1)
    plot_height = height - 34
    slot = width / len(values)
    bar_width = max(6.0, min(48.0, slot * 0.6))
    bars = []
    for index, (label, value) in enumerate(zip(labels, values, strict=False)):
        bar_height = plot_height * min(value, top) / top if top else 0
        x = index * slot + (slot - bar_width) / 2
        # In the reader's locale: 86,3% in Vietnamese, as the tiles' figures read.
        shown = "—" if missing[index] else number_format(value, 0 if value == int(value) else 1) + unit
        top_y = 16 + plot_height - bar_height
        bars.append(Bar(str(label), value, shown, round(x, 1), round(top_y, 1), round(bar_width, 1),
                        round(bar_height, 1), round(x + bar_width / 2, 1), round(top_y - 3, 1)))
    return {"bars": bars, "width": width, "height": height, "baseline": 16 + plot_height, "label_y": height - 4}
