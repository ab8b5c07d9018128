"""Value panels under the lanes: the glucocorticoid curve and small multiples of lab trends."""
from __future__ import annotations

import math
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Course, LabResult
from casecourse.reading.labs_catalogue import catalogue
from casecourse.report.frame import GREY, Frame, marker
from casecourse.report.lanes import Item, is_negated, is_suspected, marker_lane
from casecourse.report.provenance import lab_label
from casecourse.report.steroids import SteroidCurve
from casecourse.report.summary import sentence_case
from casecourse.report.svg import Rows, el, esc, fmt_value, n, nice_ticks, text, text_width, wrap_label
from casecourse.units import convert

ORANGE = "#E69F00"
PULSE_DAYS = 14
ADULT_AGE = 18.0  # below it, no adult reference interval is drawn or read (reference_range)


def norm_unit(unit: str | None) -> str:
    u = (unit or "").strip().lower().replace("µ", "u").replace("μ", "u").replace(" ", "")
    u = u.replace("iu/l", "u/l").replace("ng/ml", "ug/l").replace("×", "x").replace("⁹", "^9")
    for alias in ("x10^9/l", "x10e9/l", "10*9/l", "x109/l", "10^3/ul", "x10^3/ul", "k/ul", "10^3/mm3"):
        if u == alias:
            return "10^9/l"
    return u


def reference_range(lab: LabResult, sex: str, age_years: float | None = None) -> tuple[float, float] | None:
    """The typical adult interval of the lab's test (the catalogue's, `knowledge/labs.csv`; by sex where
    `knowledge/reference_by_sex.csv` has one and the sex is known) in the unit the result is written in; None where the
    catalogue has none or the units do not convert. An interval with only an upper limit starts at 0. None for a
    patient under 18: an adult interval would mark an infant's pulse of 150/min high and a normal haemoglobin of
    11 g/dL low; the text's own flags are still shown."""
    if age_years is not None and age_years < ADULT_AGE:
        return None
    test = catalogue().get(lab.test)
    if test is None or test.ref_high is None or not test.ref_unit or not lab.ucum:
        return None
    low, high, unit = test.ref_low or 0.0, test.ref_high, test.ref_unit
    by_sex = _by_sex().get((lab.test, sex))
    if by_sex is not None:
        low, high, unit = by_sex
    lo = convert(low, unit, lab.ucum, test.molar_mass, test.valence)
    hi = convert(high, unit, lab.ucum, test.molar_mass, test.valence)
    if lo is None or hi is None:
        return None
    # a converted limit to three significant digits, as a laboratory prints it (creatinine 0.6 mg/dL: 53.0 umol/L)
    return (float(f"{lo:.3g}"), float(f"{hi:.3g}")) if unit != lab.ucum else (lo, hi)


@cache
def _by_sex() -> dict[tuple[str, str], tuple[float, float, str]]:
    return {(r["test"], r["sex"]): (float(r["ref_low"]), float(r["ref_high"]), r["ref_unit"])
            for r in table("reference_by_sex.csv")}


def steroid_panel(fr: Frame, curve: SteroidCurve, y0: float) -> tuple[str, float]:
    if not curve.steps:
        return "", 0.0
    h, top = 112.0, y0 + 30
    bottom = y0 + h - 8
    # Pulses (a few days of e.g. 1 g methylprednisolone) would flatten the maintenance curve:
    # the axis is scaled to the longer steps and a pulse is drawn clipped, with its value written.
    long_steps = [s[2] for s in curve.steps if s[1] - s[0] >= PULSE_DAYS]
    scale_to = max(long_steps, default=curve.peak)
    scale_to = curve.peak if curve.peak <= 1.5 * scale_to else scale_to
    ticks = nice_ticks(0, scale_to * 1.05, 4)
    ymax = ticks[-1] or 1.0

    def y(v: float) -> float:
        return bottom - min(v, ymax * 1.08) / ymax * (bottom - top)

    parts = [text(fr.left - 52, y0 + 36, "Glucocorticoid", 12, "end", weight="bold"),
             text(fr.left - 52, y0 + 50, "prednisone-eq.", 10.5, "end", fill="#555"),
             text(fr.left - 52, y0 + 63, "mg/day", 10.5, "end", fill="#555")]
    for t in ticks:
        parts.append(el("line", x1=fr.plot_x0, y1=y(t), x2=fr.plot_x1, y2=y(t), stroke="#e3e3e3"))
        parts.append(text(fr.plot_x0 - 4, y(t) + 3.5, fmt_value(t), 9.5, "end", fill="#555"))
    pts: list[tuple[float, float]] = []
    for x0, x1, mg, _ in curve.steps:
        if pts and abs(pts[-1][0] - fr.x(x0)) > 0.05:
            pts += [(pts[-1][0], y(0)), (fr.x(x0), y(0))]
        pts += [(fr.x(x0), y(mg)), (fr.x(x1), y(mg))]
    line = "M" + "L".join(f"{n(a)},{n(b)}" for a, b in pts)
    area = line + f"L{n(pts[-1][0])},{n(y(0))}L{n(pts[0][0])},{n(y(0))}Z"
    parts.append(el("path", d=area, fill=ORANGE, fill_opacity=0.18))
    parts.append(el("path", d=line, fill="none", stroke=ORANGE, stroke_width=2.2))
    labels = Rows(1)
    prev = None
    for x0, x1, mg, ids in curve.steps:
        xa, xb = fr.x(x0), fr.x(x1)
        hit = el("rect", x=xa, y=top - 4, width=max(xb - xa, 2.0), height=bottom - top + 4, fill="#ffffff",
                 fill_opacity=0.0)
        parts.append(el("g", hit, class_="fact steroid-step", data_fact=ids[0]) if ids else hit)
        label = fmt_value(round(mg, 1))
        if mg > ymax * 1.08:
            label = f"▲ pulse {label}"
        if mg > 0 and mg != prev and labels.place(xa, xa + text_width(label, 10)) is not None:
            parts.append(text(xa + 2, y(mg) - 4, label, 10, fill="#8a5a00", weight="bold"))
        prev = mg
    if curve.source != "computed":
        parts.append(text(fr.plot_x1, y0 + 12, f"from {curve.source}", 9.5, "end", fill="#777"))
    return el("g", "".join(parts), class_="panel steroid-panel"), h


def _lab_groups(course: Course, fr: Frame) -> list[tuple[str, str, list[LabResult]]]:
    groups: dict[tuple[str, str], list[LabResult]] = {}
    for lab in course.labs:
        if lab.value is not None and fr.scale.span(lab.time):
            groups.setdefault((lab.test.strip().lower(), norm_unit(lab.unit)), []).append(lab)
    return [((labs[0].display or labs[0].test).strip(), labs[0].unit or "", labs) for _, labs in sorted(groups.items())]


def _interp(lab: LabResult, ref: tuple[float, float] | None) -> str | None:
    if lab.implausible:
        return None  # a value outside the physiological range as written is shown, but not as high or low
    if lab.interpretation or ref is None or lab.value is None:
        return lab.interpretation
    return "H" if lab.value > ref[1] else "L" if lab.value < ref[0] else "N"


def lab_panel(fr: Frame, course: Course, test: str, unit: str, labs: list[LabResult],
              y0: float) -> tuple[str, float]:
    h, top = 84.0, y0 + 14
    bottom = y0 + h - 12
    ref = reference_range(labs[0], course.patient.sex, course.patient.age_years)
    values = [lab.value for lab in labs if lab.value is not None] + (list(ref) if ref else [])
    lo, hi = min(values), max(values)
    log = lo > 0 and hi / lo >= 20
    if log:
        a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        b = b if b > a else a + 1
        ticks = [10.0 ** k for k in range(a, b + 1)]

        def y(v: float) -> float:
            return bottom - (math.log10(max(v, 1e-9)) - a) / (b - a) * (bottom - top)
    else:
        ticks = nice_ticks(min(0.0, lo), hi * 1.1 if hi > 0 else 1.0, 3)

        def y(v: float) -> float:
            return bottom - (v - ticks[0]) / ((ticks[-1] - ticks[0]) or 1) * (bottom - top)

    lines = wrap_label(sentence_case(test), fr.left - 60, 12, bold=True)
    top_line = y0 + 26 - 7 * (len(lines) - 1)
    parts = [text(fr.left - 52, top_line + 14 * k, line, 12, "end", weight="bold") for k, line in enumerate(lines)]
    parts.append(text(fr.left - 52, top_line + 14 * len(lines), unit + (" (log)" if log else ""), 10.5, "end",
                      fill="#555"))
    if ref:
        parts.append(el("rect", x=fr.plot_x0, y=y(ref[1]), width=fr.plot_x1 - fr.plot_x0,
                        height=max(y(ref[0]) - y(ref[1]), 1.0), fill="#009E73", fill_opacity=0.13))
        parts.append(text(fr.plot_x1 + 6, (y(ref[0]) + y(ref[1])) / 2 + 3.5,
                          f"ref. {fmt_value(ref[0])}–{fmt_value(ref[1])}", 9.5, fill="#2e7d5b"))
    for t in ticks:
        parts.append(el("line", x1=fr.plot_x0, y1=y(t), x2=fr.plot_x1, y2=y(t), stroke="#e3e3e3"))
        parts.append(text(fr.plot_x0 - 4, y(t) + 3.5, fmt_value(t), 9.5, "end", fill="#555"))
    placed = sorted(((fr.scale.span(lab.time), lab) for lab in labs), key=lambda p: (p[0].mid, p[1].id))
    if len(placed) > 1:
        d = "M" + "L".join(f"{n(fr.x(s.mid))},{n(y(lab.value))}" for s, lab in placed)
        parts.append(el("path", d=d, fill="none", stroke="#888", stroke_width=1.2))
    labels = Rows(2)
    for span, lab in placed:
        cx, cy = fr.x(span.mid), y(lab.value)
        interp = _interp(lab, ref)
        colour = {"H": "#D55E00", "L": "#0072B2"}.get(interp or "", "#333333")
        neg, sus = is_negated(lab.assertion), is_suspected(lab.assertion)
        g = [fr.soft_band(span, cy, 6, GREY if neg else colour),
             marker("circle", cx, cy, 4.2, GREY if neg else colour, hollow=neg or sus, dashed=sus)]
        label = f"{lab.comparator or ''}{fmt_value(lab.value)}" + (
            f"/{fmt_value(lab.diastolic)}" if lab.diastolic is not None else "") + (" (!)" if lab.implausible else "")
        row = labels.place(cx + 6, cx + 8 + text_width(label, 10))
        if row is not None:
            g.append(text(cx + 7, cy - 5 + row * 15, label, 10, fill=colour, weight="bold"))
        if lab.implausible:  # the reason on hover, also in the fact's detail (report/provenance.py)
            g.append(el("title", esc(lab.implausible)))
        parts.append(el("g", "".join(g), class_="fact lab implausible" if lab.implausible else "fact lab",
                        data_fact=lab.id))
    return el("g", "".join(parts), class_="panel lab-panel", data_test=test.lower()), h


def qualitative_items(course: Course, fr: Frame) -> list[Item]:
    items = []
    for lab in course.labs:
        span = fr.scale.span(lab.time)
        if lab.value is not None or span is None:
            continue
        # the panels' colours: high or abnormal orange, low blue, normal or negative dark (blue is "low" there)
        colour = {"L": "#0072B2", "N": "#333333", "NEG": "#333333"}.get(lab.interpretation or "", "#D55E00") \
            if lab.interpretation else "#333333"
        items.append(Item(span, "square", colour, lab_label(lab), lab.id, lab.assertion, "lab"))
    return items


def lab_panels(fr: Frame, course: Course, y0: float) -> tuple[str, float]:
    out, y = [], y0
    for test, unit, labs in _lab_groups(course, fr):
        svg, h = lab_panel(fr, course, test, unit, labs, y)
        out.append(svg)
        y += h
    svg, h = marker_lane(fr, "Other results", qualitative_items(course, fr), y, rows=4,
                         lane_class="qual-lane")
    out.append(svg)
    return "".join(out), y + h - y0
