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


def bar_chart(labels, values, unit="", width=320, height=140, maximum=None):
    """Vertical bars scaled to the largest value (or ``maximum``, e.g. 100 for percentages)."""
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
        shown = f"{value:.0f}{unit}" if value == int(value) else f"{value:.1f}{unit}"
        bars.append(Bar(str(label), value, shown, round(x, 1), round(16 + plot_height - bar_height, 1),
                        round(bar_width, 1), round(bar_height, 1), round(x + bar_width / 2, 1)))
    return {"bars": bars, "width": width, "height": height, "baseline": 16 + plot_height}


def line_points(values, width=320, height=120, maximum=None):
    """Points of a trend line (None values are skipped)."""
    present = [v for v in values if v is not None]
    if not present:
        return {"points": [], "width": width, "height": height}
    top = maximum if maximum is not None else (max(present) or 1)
    step = width / max(1, len(values) - 1) if len(values) > 1 else 0
    points = []
    for index, value in enumerate(values):
        if value is None:
            continue
        x = 20 + index * (width - 40) / max(1, len(values) - 1) if len(values) > 1 else width / 2
        y = 10 + (height - 40) * (1 - min(float(value), top) / top)
        points.append({"x": round(x, 1), "y": round(y, 1), "value": value})
    del step
    return {"points": points, "polyline": " ".join(f"{p['x']},{p['y']}" for p in points), "width": width,
            "height": height}
