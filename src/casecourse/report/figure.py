"""The whole timeline figure as one SVG: the same drawing serves the page and the paper.

Top to bottom: time axis, events, assessments, diagnoses, findings, procedures, one lane per drug, the
glucocorticoid curve, lab trends, qualitative results, time axis, legend. Every fact-bearing
element is a <g class="fact" data-fact=ID> so the page can show its source on hover/click.
"""
from __future__ import annotations

from dataclasses import dataclass

from casecourse.model import Course
from casecourse.report.bars import course_end
from casecourse.report.episodes import assessment_id, assessment_label, episode, episode_group_id
from casecourse.report.frame import EVENT_STYLE, Frame
from casecourse.report.lanes import (
    DRUG_CLASSES,
    OTHER_CLASS,
    Item,
    condition_items,
    drug_class,
    drug_groups,
    drug_lanes,
    event_items,
    finding_items,
    guides,
    marker_lane,
    procedure_items,
)
from casecourse.report.legend import legend
from casecourse.report.panels import lab_panels, steroid_panel
from casecourse.report.steroids import SteroidCurve, steroid_curve
from casecourse.report.svg import FONT, el, text
from casecourse.report.timescale import TimeScale, course_times


@dataclass
class Figure:
    svg: str
    scale: TimeScale
    end_x: float | None
    curve: SteroidCurve
    width: float
    height: float


def _domain(course: Course, scale: TimeScale) -> tuple[float, float]:
    spans = [s for s in (scale.span(t) for t in course_times(course)) if s]
    if not spans:
        return 0.0, 1.0
    lo, hi = min(s.lo for s in spans), max(s.hi for s in spans)
    pad = max((hi - lo) * 0.02, 1.0)
    return lo - pad, hi + pad


def _axis(fr: Frame, y: float, top: bool) -> str:
    parts = [el("line", x1=fr.plot_x0, y1=y, x2=fr.plot_x1, y2=y, stroke="#444")]
    for x, label, major in fr.scale.ticks(fr.dmin, fr.dmax):
        px = fr.x(x)
        tick = 6 if major else 3
        parts.append(el("line", x1=px, y1=y, x2=px, y2=y - tick if top else y + tick, stroke="#444"))
        ty = y - 9 if top else y + 17
        parts.append(text(px, ty, label, 11 if major else 10, "middle", fill="#222" if major else "#666",
                          weight="bold" if major else None))
    return "".join(parts)


def _grid(fr: Frame, y0: float, y1: float) -> str:
    return "".join(el("line", x1=fr.x(x), y1=y0, x2=fr.x(x), y2=y1, stroke="#e6e6e6" if major else "#f1f1f1")
                   for x, _, major in fr.scale.ticks(fr.dmin, fr.dmax))


def _section(fr: Frame, y: float, title: str) -> str:
    return (el("line", x1=8.0, y1=y, x2=fr.width - 8, y2=y, stroke="#c9c9c9") +
            text(10, y + 13, title.upper(), 10, fill="#777", weight="bold", letter_spacing="0.08em"))


def assessment_items(course: Course, fr: Frame) -> list[Item]:
    """One marker per episode; several assessments of one episode share it (listed on hover)."""
    groups: dict[str, list[int]] = {}
    spans = {}
    for i, a in enumerate(course.assessments):
        label, span = episode(course, a, fr.scale)
        if span is not None:
            groups.setdefault(label, []).append(i)
            spans[label] = span
    items = []
    for label, idx in groups.items():
        if len(idx) == 1:
            a = course.assessments[idx[0]]
            items.append(Item(spans[label], "square-open", "#555555", assessment_label(a),
                              assessment_id(idx[0]), extra_class="assessment"))
        else:
            items.append(Item(spans[label], "square-open", "#555555", f"{len(idx)} assessments",
                              episode_group_id(label), extra_class="assessment"))
    return items


def build_figure(course: Course, title: str | None = None) -> Figure:
    scale = TimeScale(course)
    end_x = course_end(course, scale)
    dmin, dmax = _domain(course, scale)
    fr = Frame(scale, dmin, dmax)
    body: list[str] = []
    y = 8.0
    if title:
        body.append(text(10, y + 16, title, 15, weight="bold"))
        y += 34
    y += 22
    axis_top = y
    body.append(_axis(fr, y, top=True))
    y += 6
    content_top = y
    body.append(_section(fr, y, "Course"))
    y += 18
    for lane_title, items, rows in (("Events", event_items(course, fr), 6),
                                    ("Assessments", assessment_items(course, fr), 2),
                                    ("Diagnoses", condition_items(course, fr), 3),
                                    ("Findings", finding_items(course, fr), 4),
                                    ("Procedures", procedure_items(course, fr), 3)):
        svg, h = marker_lane(fr, lane_title, items, y, rows=rows, lane_class=lane_title.lower())
        body.append(svg)
        y += h + (4 if h else 0)
    if course.exposures:
        body.append(_section(fr, y, "Treatment"))
        y += 18
        svg, h = drug_lanes(course, fr, y, end_x)
        body.append(svg)
        y += h + 4
    curve = steroid_curve(course, scale, end_x)
    if curve.steps:
        body.append(_section(fr, y, "Glucocorticoids"))
    svg, h = steroid_panel(fr, curve, y)
    body.append(svg)
    y += h
    if course.labs:
        body.append(_section(fr, y, "Laboratory"))
        y += 16
        svg, h = lab_panels(fr, course, y)
        body.append(svg)
        y += h
    y += 6
    body.append(_axis(fr, y, top=False))
    body.append(text((fr.plot_x0 + fr.plot_x1) / 2, y + 36, scale.axis_title(), 12, "middle", weight="bold"))
    y += 52
    used_classes = sorted({drug_class(exps[0]) for _, exps, _ in drug_groups(course, fr, end_x)},
                          key=lambda c: [d[0] for d in DRUG_CLASSES + [OTHER_CLASS]].index(c[0]))
    used_events = sorted({e.type for e in course.events if e.type in EVENT_STYLE})
    svg, h = legend(fr, y, used_classes, used_events, course)
    body.append(svg)
    y += h + 8
    back = [el("rect", x=0.0, y=0.0, width=fr.width, height=y, fill="#ffffff"),
            _grid(fr, axis_top, y - h - 60), guides(course, fr, content_top, y - h - 60)]
    defs = el("defs", "".join(fr.defs))
    svg = el("svg", defs + "".join(back) + "".join(body), xmlns="http://www.w3.org/2000/svg",
             width=fr.width, height=y, viewBox=f"0 0 {fr.width:g} {y:g}", font_family=FONT,
             class_="course-figure", role="img")
    return Figure(svg, scale, end_x, curve, fr.width, y)
