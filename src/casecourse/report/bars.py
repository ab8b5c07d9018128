"""Resolve exposures into the bars the report draws: one bar per dose segment.

A segment's end is what the text says, else the next segment's start, else the exposure's end.
With no end at all the bar runs to the end of the story: with an arrow when the exposure is
active ("ongoing"), faded when nothing is known ("end not stated") — except a glucocorticoid at
pulse dose (≥ 250 mg prednisone-eq./day), drawn as the usual 3-day pulse.
"""
from __future__ import annotations

from dataclasses import dataclass

from casecourse.model import Course, Dose, DoseSegment, Exposure, Provenance, Timing
from casecourse.report.timescale import Span, TimeScale, course_times

PERIOD_DAYS = {"h": 1 / 24, "d": 1.0, "wk": 7.0, "mo": 30.4, "a": 365.25}
PRED_EQ = {"prednisone": 1.0, "prednisolone": 1.0, "methylprednisolone": 1.25,
           "dexamethasone": 6.667, "hydrocortisone": 0.25}  # CLINICAL_RULES §7
PULSE_MG = 250.0  # prednisone-eq. mg/day from which a glucocorticoid course with no end is a pulse
PULSE_DAYS = 3.0
MASS_MG = {"mg": 1.0, "g": 1000.0, "gram": 1000.0, "grams": 1000.0, "mcg": 0.001, "µg": 0.001,
           "ug": 0.001}


@dataclass(frozen=True)
class Bar:
    fact_id: str
    exposure: Exposure
    segment: DoseSegment | None
    start: Span
    end: Span | None
    end_kind: str  # "stated" | "ongoing" | "unknown" | "pulse"
    provenance: Provenance

    @property
    def x0(self) -> float:
        return self.start.lo

    @property
    def x1(self) -> float:
        return self.end.hi if self.end else self.start.hi


def pred_eq_factor(drug: str) -> float | None:
    name = drug.strip().lower()
    # longest name first: "methylprednisolone" also contains "prednisolone"
    for key in sorted(PRED_EQ, key=len, reverse=True):
        if key in name:
            return PRED_EQ[key]
    return None


def _is_pulse(exp: Exposure, seg: DoseSegment | None) -> bool:
    """A glucocorticoid at pulse dose whose end the text does not give (e.g. '500 mg for 3 days')."""
    factor = pred_eq_factor(exp.drug)
    mg = daily_mg(seg.dose, seg.timing) if seg is not None else None
    return factor is not None and mg is not None and mg * factor >= PULSE_MG


def course_end(course: Course, scale: TimeScale) -> float | None:
    """The last moment the story reaches (e.g. the last follow-up)."""
    spans = [s for s in (scale.span(t) for t in course_times(course)) if s]
    return max((s.hi for s in spans), default=None)


def _sorted_segments(exp: Exposure, scale: TimeScale) -> list[tuple[int, DoseSegment, Span | None]]:
    rows = []
    for i, seg in enumerate(exp.segments):
        span = scale.span(seg.start)
        if span is None and i == 0:
            span = scale.span(exp.time)
        rows.append((i, seg, span))
    return sorted(rows, key=lambda r: (r[2].mid if r[2] else float("inf"), r[0]))


def exposure_bars(exp: Exposure, scale: TimeScale, end_x: float | None) -> list[Bar]:
    """The bars of one exposure; segments that cannot be placed in time are left out."""
    exp_end = scale.span(exp.end)
    ongoing = exp.status == "active"
    rows = _sorted_segments(exp, scale) if exp.segments else [(0, None, scale.span(exp.time))]
    bars: list[Bar] = []
    for k, (i, seg, start) in enumerate(rows):
        if start is None:
            continue
        end = scale.span(seg.end) if seg is not None and seg.end else None
        if end is None and k + 1 < len(rows) and rows[k + 1][2] is not None:
            end = rows[k + 1][2]  # a dose change: this dose fades out where the next fades in
        kind = "stated"
        if end is None and exp_end is not None:
            end = exp_end
        if end is None and _is_pulse(exp, seg):
            kind = "pulse"  # drawn as the usual 3-day pulse rather than to the end of the story
            end = Span(start.lo + PULSE_DAYS, start.hi + PULSE_DAYS, start.mid + PULSE_DAYS, True)
        elif end is None:
            kind = "ongoing" if ongoing else "unknown"
            if end_x is not None and end_x > start.hi:
                end = Span(end_x, end_x, end_x)
        fid = exp.id if seg is None or len(exp.segments) == 1 else f"{exp.id}#s{i}"
        prov = (seg.provenance if seg is not None and seg.provenance else None) or exp.provenance
        bars.append(Bar(fid, exp, seg, start, end, kind, prov))
    return bars


def _num(v: float) -> str:
    return f"{v:g}"


def dose_label(dose: Dose | None, timing: Timing | None) -> str:
    """A compact label like '400 mg/d', '162 mg weekly', '10–20 mg/kg/d'."""
    if dose is None or dose.value is None:
        return (dose.text if dose and dose.text else "") or (timing.text if timing and timing.text else "")
    amount = _num(dose.value) + (f"–{_num(dose.value_high)}" if dose.value_high else "")
    unit = (dose.unit or "").strip()
    if dose.per:
        unit = f"{unit}/{dose.per.replace('m2', 'm²')}"
    label = f"{amount} {unit}".strip()
    return f"{label} {timing_label(timing)}".strip().replace(" /", "/")


def timing_label(timing: Timing | None) -> str:
    if timing is None:
        return ""
    if timing.period and timing.period_unit:
        freq = timing.frequency or 1
        if freq == 1 and timing.period == 1:
            return {"d": "/d", "wk": "weekly", "mo": "monthly", "h": "hourly",
                    "a": "yearly"}.get(timing.period_unit, f"/{timing.period_unit}")
        if freq == 1:
            return f"every {_num(timing.period)} {timing.period_unit}"
        if timing.period == 1 and timing.period_unit == "d":
            return f"{freq}×/d"
        return f"{freq}× per {_num(timing.period)} {timing.period_unit}"
    return timing.text or ""


def daily_mg(dose: Dose | None, timing: Timing | None) -> float | None:
    """Milligrams per day, or None when the text does not allow it (per kg, unknown unit)."""
    if dose is None or dose.value is None or dose.per:
        return None
    factor = MASS_MG.get((dose.unit or "mg").strip().lower())
    if factor is None:
        return None
    per_day = 1.0
    if timing and timing.period and timing.period_unit:
        per_day = (timing.frequency or 1) / (timing.period * PERIOD_DAYS[timing.period_unit])
    elif timing and timing.frequency:
        per_day = float(timing.frequency)
    return dose.value * factor * per_day
