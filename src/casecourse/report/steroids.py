"""The glucocorticoid curve in prednisone-equivalent mg/day.

A `steroid_exposure` assessment carrying a curve in `data` (from the rules engine) wins; without
one the curve is computed here from the exposures with a small potency table (CLINICAL_RULES §7).
Each step uses the best estimate (`mid`) of its start and end. Doses that cannot be turned into
mg/day (per kg, unknown unit) are left out and listed in `skipped`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from casecourse.model import Assertion, Course, TimeRef
from casecourse.report.bars import daily_mg, exposure_bars
from casecourse.report.timescale import TimeScale, iso_bounds

PRED_EQ = {"prednisone": 1.0, "prednisolone": 1.0, "methylprednisolone": 1.25,
           "dexamethasone": 6.667, "hydrocortisone": 0.25}
_TIME_KEYS = ("date", "point", "start", "time", "at", "from")
_DAY_KEYS = ("offset_days", "day", "days")
_VALUE_KEYS = ("pred_eq_mg", "prednisone_eq_mg", "prednisone_mg", "mg_per_day", "mg", "dose", "value")


def pred_eq_factor(drug: str) -> float | None:
    name = drug.strip().lower()
    # longest name first: "methylprednisolone" also contains "prednisolone"
    for key in sorted(PRED_EQ, key=len, reverse=True):
        if key in name:
            return PRED_EQ[key]
    return None


@dataclass
class SteroidCurve:
    # (x0, x1, mg/day, ids of the exposure segments that contribute)
    steps: list[tuple[float, float, float, tuple[str, ...]]] = field(default_factory=list)
    source: str = "computed"
    skipped: list[str] = field(default_factory=list)

    @property
    def peak(self) -> float:
        return max((s[2] for s in self.steps), default=0.0)


Step = tuple[float, float, float, tuple[str, ...]]


def _sum_steps(intervals: list[Step]) -> list[Step]:
    cuts = sorted({x for a, b, _, _ in intervals for x in (a, b)})
    steps: list[Step] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        live = [(v, ids) for x0, x1, v, ids in intervals if x0 <= a and b <= x1]
        mg = round(sum(v for v, _ in live), 3)
        ids = tuple(sorted({i for _, group in live for i in group}))
        if steps and steps[-1][2] == mg and steps[-1][1] == a and steps[-1][3] == ids:
            steps[-1] = (steps[-1][0], b, mg, ids)
        else:
            steps.append((a, b, mg, ids))
    while steps and steps[-1][2] == 0:
        steps.pop()
    return steps


def computed_curve(course: Course, scale: TimeScale, end_x: float | None) -> SteroidCurve:
    curve = SteroidCurve()
    intervals: list[Step] = []
    for exp in course.exposures:
        factor = pred_eq_factor(exp.drug)
        if factor is None or exp.assertion not in (Assertion.present, Assertion.historical):
            continue
        for bar in exposure_bars(exp, scale, end_x):
            seg = bar.segment
            mg = daily_mg(seg.dose if seg else None, seg.timing if seg else None)
            if mg is None:
                curve.skipped.append(f"{exp.drug}: dose not convertible to mg/day")
                continue
            # a course shorter than the text's precision (a pulse) still counts for a day
            x1 = max(bar.end.mid if bar.end else bar.start.hi, bar.start.mid + 1)
            if x1 > bar.start.mid:
                intervals.append((bar.start.mid, x1, mg * factor, (bar.fact_id,)))
    curve.steps = _sum_steps(intervals)
    return curve


def _point_x(item: object, scale: TimeScale) -> float | None:
    if isinstance(item, dict):
        for key in _DAY_KEYS:
            if isinstance(item.get(key), int | float):
                span = scale.span(TimeRef(offset_days=(item[key], item[key])))
                return span.mid if span else None
        for key in _TIME_KEYS:
            if isinstance(item.get(key), str):
                b = iso_bounds(item[key])
                return (b[0] + b[1]) / 2 if b and scale.mode == "calendar" else None
    return None


def _point_mg(item: object) -> float | None:
    if isinstance(item, dict):
        for key in _VALUE_KEYS:
            if isinstance(item.get(key), int | float):
                return float(item[key])
    return None


def assessed_curve(course: Course, scale: TimeScale, end_x: float | None) -> SteroidCurve | None:
    """The curve of a `steroid_exposure` assessment, if it has one this report can read.

    Accepted shapes of `data["curve"]`: a list of {date|point|start: ISO or day|offset_days: n,
    pred_eq_mg|mg_per_day|mg|value: n} or of [ISO-or-day, mg] pairs.
    """
    for a in course.assessments:
        if a.rule != "steroid_exposure" or not isinstance(a.data.get("curve"), list):
            continue
        points = []
        for item in a.data["curve"]:
            if isinstance(item, list | tuple) and len(item) == 2:
                t, v = item
                item = {"day" if isinstance(t, int | float) else "date": t, "value": v}
            x, mg = _point_x(item, scale), _point_mg(item)
            if x is not None and mg is not None:
                points.append((x, mg))
        if not points:
            continue
        points.sort()
        last = end_x if end_x is not None and end_x > points[-1][0] else points[-1][0]
        bounds = [p[0] for p in points[1:]] + [last]
        steps = [(x, nx, mg, ()) for (x, mg), nx in zip(points, bounds, strict=True) if nx > x]
        return SteroidCurve(steps=steps, source="steroid_exposure assessment")
    return None


def steroid_curve(course: Course, scale: TimeScale, end_x: float | None) -> SteroidCurve:
    return assessed_curve(course, scale, end_x) or computed_curve(course, scale, end_x)
