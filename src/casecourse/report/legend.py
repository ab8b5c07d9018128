"""The figure's legend: only what the figure uses, wrapped in rows, drawn inside the SVG."""
from __future__ import annotations

from casecourse.model import Course
from casecourse.report.frame import EVENT_STYLE, GREY, Frame, marker
from casecourse.report.panels import ADULT_AGE
from casecourse.report.provenance import EVENT_LABEL
from casecourse.report.svg import el, text, text_width


def _bar(fr: Frame, x: float, y: float, colour: str, soft: bool = False) -> str:
    fill = fr.gradient(colour, [(x, 0.1), (x + 12, 1.0), (x + 22, 1.0)]) if soft else colour
    return el("rect", x=x, y=y - 5, width=22.0, height=10.0, rx=2.0, fill=fill)


def _ongoing(x: float, y: float) -> str:
    d = f"M{x + 14:.1f},{y - 7:.1f}L{x + 22:.1f},{y:.1f}L{x + 14:.1f},{y + 7:.1f}Z"
    return el("rect", x=x, y=y - 5, width=14.0, height=10.0, fill="#555") + el("path", d=d, fill="#555")


def legend(fr: Frame, y0: float, classes: list[tuple[str, str]], events: list[str],
           course: Course) -> tuple[str, float]:
    items: list[tuple[str, object]] = []  # (label, drawer(x, y) -> svg)
    for label, colour in classes:
        items.append((label, lambda x, y, c=colour: _bar(fr, x, y, c)))
    if course.exposures:
        items.append(("date uncertain (soft end)", lambda x, y: _bar(fr, x, y, "#555555", soft=True)))
        items.append(("ongoing", _ongoing))
        items.append(("stop reason", lambda x, y: text(x + 2, y + 4, "✕", 11, fill="#D55E00")))
    for ev in events:
        shape, colour = EVENT_STYLE[ev]
        items.append((EVENT_LABEL[ev], lambda x, y, s=shape, c=colour: marker(s, x + 10, y, 4.6, c)))
    items.append(("suspected / provisional (?)", lambda x, y: marker("circle", x + 10, y, 4.6, "#0072B2",
                                                                     hollow=True, dashed=True)))
    items.append(("negated (no …)", lambda x, y: marker("circle", x + 10, y, 4.6, GREY, hollow=True)))
    if any(lab.value is not None for lab in course.labs):
        child = course.patient.age_years is not None and course.patient.age_years < ADULT_AGE
        items.append(("no adult reference interval drawn for a child" if child else "typical adult reference interval",
                      lambda x, y: el("rect", x=x, y=y - 6, width=22.0, height=12.0, fill="#009E73",
                                      fill_opacity=0.0 if child else 0.13)))
        items.append(("high", lambda x, y: marker("circle", x + 10, y, 4.2, "#D55E00")))
        items.append(("low", lambda x, y: marker("circle", x + 10, y, 4.2, "#0072B2")))
    if any(lab.value is None for lab in course.labs):
        items.append(("positive / abnormal result", lambda x, y: marker("square", x + 10, y, 4.6, "#D55E00")))
        items.append(("negative / normal result", lambda x, y: marker("square", x + 10, y, 4.6, "#333333")))
    parts = [text(10, y0 + 14, "Legend", 12, weight="bold")]
    x, y = 80.0, y0 + 10
    for label, draw in items:
        w = 28 + text_width(label, 10.5) + 18
        if x + w > fr.width - 10:
            x, y = 80.0, y + 20
        parts.append(draw(x, y))  # type: ignore[operator]
        parts.append(text(x + 28, y + 4, label, 10.5, fill="#333"))
        x += w
    return el("g", "".join(parts), class_="legend"), y - y0 + 14
