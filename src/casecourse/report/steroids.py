"""The glucocorticoid curve in prednisone-equivalent mg/day.

A `steroid_exposure` assessment carrying a curve in `data` (from the rules engine) wins; without
one the curve is computed here from the exposures with a small potency table (CLINICAL_RULES §7).
Each step uses the best estimate (`mid`) of its start and end. Doses that cannot be turned into
mg/day (per kg, unknown unit) are left out and listed in `skipped`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from casecourse.model import Assertion, Course, TimeRef
from casecourse.report.bars import PRED_EQ, PULSE_DAYS, PULSE_MG, daily_mg, exposure_bars, pred_eq_factor
from casecourse.report.timescale import TimeScale, iso_bounds

_TIME_KEYS = ("date", "point", "start", "time", "at", "from")
_DAY_KEYS = ("offset_days", "day", "days")
_VALUE_KEYS = ("prednisone_eq_mg_day", "pred_eq_mg", "prednisone_eq_mg", "prednisone_mg", "mg_per_day",
               "mg", "dose", "value")


__all__ = ["PRED_EQ", "SteroidCurve", "pred_eq_factor", "steroid_curve"]


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


def _x(value: object, scale: TimeScale, latest: object = None) -> float | None:
    """An ISO date (best estimate: the middle of what it allows) or a day offset, on the axis."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        span = scale.span(TimeRef(offset_days=(value, value)))
        return span.mid if span else None
    if isinstance(value, str) and scale.mode == "calendar":
        lo, hi = iso_bounds(value), iso_bounds(latest if isinstance(latest, str) else value)
        return (lo[0] + hi[1]) / 2 if lo and hi else None
    return None


def _mg(item: dict) -> float | None:
    for key in _VALUE_KEYS:
        v = item.get(key)
        if isinstance(v, dict) and all(isinstance(v.get(k), int | float) for k in ("min", "max")):
            return (v["min"] + v["max"]) / 2  # a range (unknown dose detail): its middle
        if isinstance(v, int | float) and not isinstance(v, bool):
            return float(v)
    return None


def _first(item: dict, keys: tuple[str, ...]) -> object:
    return next((item[k] for k in keys if item.get(k) is not None), None)


def _read_curve(curve: list, scale: TimeScale, end_x: float | None) -> list[Step]:
    """Steps from either intervals ({start, start_latest, end, value, fact}) or points ({date, value})."""
    intervals: list[Step] = []
    points: list[tuple[float, float]] = []
    for item in curve:
        if isinstance(item, list | tuple) and len(item) == 2:
            item = {"date": item[0], "value": item[1]}
        if not isinstance(item, dict) or (mg := _mg(item)) is None:
            continue
        x0 = _x(_first(item, _TIME_KEYS + _DAY_KEYS), scale, item.get("start_latest"))
        if x0 is None:
            continue
        if "end" not in item:
            points.append((x0, mg))
            continue
        x1 = _x(item["end"], scale, item.get("end_latest")) if item["end"] is not None else None
        days = item.get("days")
        if isinstance(days, int | float) and not isinstance(days, bool) and days > 0:
            # a stated length ("1 g daily for three days") whose dates are only known to the month: drawn that long
            # from its best start, not across the whole month its dates allow (625 mg/day for eight weeks)
            x1 = x0 + float(days)
        if x1 is None:  # no end: a pulse lasts its usual few days, anything else to the story's end
            x1 = x0 + PULSE_DAYS if mg >= PULSE_MG or end_x is None else end_x
        fact = item.get("fact")
        intervals.append((x0, max(x1, x0 + 1), mg, (fact,) if isinstance(fact, str) else ()))
    intervals = _one_dose_at_a_time(intervals)
    points.sort()
    for k, (x, mg) in enumerate(points):
        nx = points[k + 1][0] if k + 1 < len(points) else max(end_x or x, x)
        if nx > x:
            intervals.append((x, nx, mg, ()))
    return _sum_steps(intervals)


def _one_dose_at_a_time(intervals: list[Step]) -> list[Step]:
    """The doses of one course follow each other, in the order they end: each starts where the one before ended.
    Imprecise dates could let one dose's end pass the next one's best start ("40 mg daily until August, 7.5 mg daily
    from August": 47.5 mg), or a dose reached by a taper begin before the taper (a month-precise "three days" after a
    pulse), with nothing drawn between."""
    out = list(intervals)
    by_fact: dict[str, list[int]] = {}
    for i, (_, _, _, facts) in enumerate(out):
        if len(facts) == 1:
            by_fact.setdefault(facts[0], []).append(i)
    for steps in by_fact.values():
        steps.sort(key=lambda i: (out[i][1], out[i][0]))
        for prev, i in zip(steps, steps[1:], strict=False):
            x0, x1, mg, facts = out[i]
            start = out[prev][1]
            out[i] = (start, max(x1, start + 1), mg, facts)
    return out


def assessed_curve(course: Course, scale: TimeScale, end_x: float | None) -> SteroidCurve | None:
    """The curve of a `steroid_exposure` assessment, if it has one this report can read.

    `data["curve"]` may hold intervals — {start, start_latest?, end (null: not stated), end_latest?,
    prednisone_eq_mg_day: n or {min, max}, fact?} as the rules engine writes them — or points
    ({date|day: ..., pred_eq_mg|value: n}, or [date-or-day, mg] pairs) meaning "from here on".
    """
    for a in course.assessments:
        if a.rule == "steroid_exposure" and isinstance(a.data.get("curve"), list):
            steps = _read_curve(a.data["curve"], scale, end_x)
            if steps:
                return SteroidCurve(steps=steps, source="steroid_exposure assessment")
    return None


def steroid_curve(course: Course, scale: TimeScale, end_x: float | None) -> SteroidCurve:
    return assessed_curve(course, scale, end_x) or computed_curve(course, scale, end_x)
