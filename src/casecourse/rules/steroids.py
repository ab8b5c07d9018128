"""Glucocorticoid exposure as a prednisone-equivalent daily curve (equivalences: data/glucocorticoids.csv).

Every dose and date stays a range: a segment whose dates are only known to the month contributes
[0, dose] on the days it may or may not cover, and an unknown dose makes the upper bound infinite.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from casecourse.model import PERIOD_DAYS, Assessment, Course, DoseSegment, Exposure
from casecourse.rules.concepts import data_rows
from casecourse.rules.drugs import canonical, drug_class
from casecourse.rules.evidence import course_axis
from casecourse.rules.timeaxis import Axis, Span

INF = math.inf


@cache
def equivalents() -> dict[str, float]:
    return {r["drug"]: float(r["equivalent_to_prednisone_5mg"]) for r in data_rows("glucocorticoids.csv")}


def factor(drug: str | None, betamethasone_mg: float = 0.6) -> float | None:
    c = canonical(drug)
    if c == "betamethasone":
        return 5.0 / betamethasone_mg
    eq = equivalents().get(c or "")
    return 5.0 / eq if eq else None


@dataclass
class Piece:
    """One dose segment on the axis."""

    exposure: Exposure
    drug: str
    start: Span | None
    end: Span | None  # None = open (no end known)
    pred: tuple[float, float] | None  # prednisone-equivalent mg/day, None = unknown dose
    note: str = ""
    length: float | None = None  # days, when the text states the stretch's length ("1 g daily for 3 days")

    def active(self, day: float) -> bool | None:
        if self.start is None:
            return None
        if day < self.start[0] or (self.end is not None and day > self.end[1]):
            return False
        if day >= self.start[1] and (self.end is not None and day <= self.end[0]):
            return True
        return None


def body_size(course: Course) -> tuple[float | None, float | None]:
    """The patient's body weight (kg) and surface area (m², Mosteller, from height and weight) as the text states
    them (the first reading; a birth weight is not the weight of an older patient); None where not stated."""
    weight = height = None
    for lab in course.labs:
        si = lab.value_si if lab.value_si is not None else lab.value
        if si is None or lab.implausible or "birth" in (lab.test_text or "").lower():
            continue
        if weight is None and lab.test == "body weight" and (lab.unit_si or lab.unit or "").lower() == "kg":
            weight = float(si)
        elif height is None and lab.test == "body height" and (lab.unit_si or lab.unit or "").lower() == "cm":
            height = float(si)
    bsa = math.sqrt(weight * height / 3600) if weight and height else None
    return weight, bsa


def daily_mg(seg: DoseSegment, weight: float | None = None, bsa: float | None = None
             ) -> tuple[tuple[float, float] | None, str]:
    d = seg.dose
    if d is None or d.value is None:
        return None, "dose not given"
    body = weight if d.per == "kg" else bsa if d.per == "m2" else None
    eq = seg.equivalent
    if d.per and body is None and eq is not None and eq.value is not None and not eq.per:
        # "prednisone 0.5 mg/kg/day (30 mg daily)": the text restates the dose in mg; that is the patient's dose
        mg, note = daily_mg(DoseSegment(start=seg.start, timing=seg.timing, dose=eq))
        return mg, "; ".join(x for x in (f"dose per {d.per} restated in the text as {eq.text or eq.value}", note) if x)
    if d.per and body is None:
        return None, f"dose per {d.per}: needs body {'weight' if d.per == 'kg' else 'surface area'}"
    if d.per and body is not None:
        per_body = DoseSegment(start=seg.start, timing=seg.timing, dose=d.model_copy(update={
            "value": d.value * body, "value_high": d.value_high * body if d.value_high is not None else None,
            "per": None}))
        mg, note = daily_mg(per_body)
        size = f"body weight {body:g} kg" if d.per == "kg" else f"body surface area {body:.2f} m2 (Mosteller)"
        return mg, "; ".join(x for x in (f"dose per {d.per} x {size}", note) if x)
    unit = (d.unit or "mg").lower().replace(" ", "")
    mult = {
        "mg": 1.0,
        "g": 1000.0,
        "ug": 0.001,
        "µg": 0.001,
        "mcg": 0.001,
        "mg/d": 1.0,
        "mg/day": 1.0,
        "g/d": 1000.0,
        "g/day": 1000.0,
    }.get(unit)
    if mult is None:
        return None, f"unit {d.unit} not a mass"
    lo, hi = d.value * mult, (d.value_high or d.value) * mult
    t, note = seg.timing, ""
    if t and t.period and t.period_unit:
        per_day = (t.frequency or 1) / (t.period * PERIOD_DAYS[t.period_unit])
    else:
        per_day, note = 1.0, "timing not given, assumed daily"
    return (lo * per_day, hi * per_day), note


@cache
def _local_routes(kind: str = "written") -> re.Pattern[str]:
    words = sorted((r["route"] for r in data_rows("local_routes.csv") if r["kind"] == kind), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def local(course: Course, x: Exposure, starts: list[int] | None = None) -> bool:
    """Given where it acts (topical, inhaled, eye drops, intra-articular: rules/data/local_routes.csv): its route, or
    a route word before it in its sentence with no other route word between ("topical miconazole, prednisolone
    acetate and polymyxin B"). `starts`: where each of the course's mentions starts, when they are in that order
    (those between are then found by bisection)."""
    if x.route:
        return bool(_local_routes("route").fullmatch(x.route))
    sent = x.provenance.sentence if x.provenance else None
    at = x.provenance.spans[0].start if x.provenance and x.provenance.spans else None
    if sent is None or at is None:
        return False
    n = min(max(0, at - sent.start), len(sent.text))  # the text before the drug: sent.text[:n]
    last = _last_route_word(sent.text, n)
    if last is None or n - last.end() > 100 or _CLAUSE.search(sent.text, last.end(), n):
        return False  # "she had used topical steroids and was started on prednisone": a new clause
    lo = last.start() + sent.start
    between = course.mentions[bisect_right(starts, lo):bisect_left(starts, at)] if starts is not None else \
        [m for m in course.mentions if sent.start <= m.start < at and m.start > lo]
    return not any(m.type == "route" and not _local_routes().fullmatch(m.text) and
                   not _local_routes("route").fullmatch(m.norm or "") for m in between)


def _last_route_word(text: str, n: int) -> re.Match | None:
    """The last local route word `finditer` finds in text[:n], read only within the last 100 characters (and a
    word's length) when no match starts in the window's first word's length: one straddling the window's start ends
    there, and the scans from either start agree after it. An earlier one is too far to count (`local`)."""
    rx, longest = _local_routes(), _longest_route_word()
    lo = max(0, n - 101 - longest)
    found = list(rx.finditer(text, lo, n))
    if lo and found and found[0].start() < lo + longest:
        found = list(rx.finditer(text, 0, n))
    return found[-1] if found else None


@cache
def _longest_route_word() -> int:
    return max(len(r["route"]) for r in data_rows("local_routes.csv") if r["kind"] == "written")


_CLAUSE = re.compile(r"\b(?:was|were|is|are|had|has|then|started|given|received|treated|switched|changed|began)\b|[;.]",
                     re.I)


def _named_later(course: Course, x: Exposure, seg: DoseSegment) -> bool:
    """Whether the text names the drug again after the sentence that told this dose (without a dose the course took
    up: "... at last follow-up, on low-dose prednisolone")."""
    told = seg.provenance.sentence if seg.provenance and seg.provenance.sentence else None
    if told is None:
        return False
    after = told.start + len(told.text)
    name = x.drug.lower()
    return any(m.type == "drug" and m.start >= after and str(m.norm or m.text).lower() == name for m in course.mentions)


def _lowered(seg: DoseSegment) -> bool:
    """A segment told only as lower than the one before ("on low-dose X", "maintenance X"): words, no amount."""
    return seg.dose is not None and seg.dose.value is None and bool(seg.dose.text) and \
        _LOWER_WORDS.search(seg.dose.text) is not None


_LOWER_WORDS = re.compile(r"\b(?:low|lower|reduced|minimal|maintenance)\b", re.I)


def _prednisone(mg: tuple[float, float] | None, f: float | None) -> tuple[float, float] | None:
    """Daily mg of the drug as prednisone-equivalent mg (None where either is unknown)."""
    return (mg[0] * f, mg[1] * f) if mg and f else None


# prednisone-equivalent mg/day above which a dose told only at its start is not assumed to go on unchanged to the end
# of the story: the low-dose band of EULAR's 2013 recommendations on glucocorticoid dose terms (<= 7.5 mg/day)
TAPERED_ABOVE = 7.5


def _ordered_starts(course: Course, axis: Axis) -> list[int] | None:
    """Where each mention of the course starts, when they are in that order (else None): for `local`, listed once per
    course (on its shared axis), and only for a course with a glucocorticoid (three rules read its pieces)."""
    if "mention starts" not in axis.memo:
        starts = [m.start for m in course.mentions]
        ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))
        axis.memo["mention starts"] = starts if ordered else None
    return axis.memo["mention starts"]  # type: ignore[return-value]


def pieces(course: Course, axis: Axis, end_of_story: float | None) -> list[Piece]:
    out = []
    weight, bsa = body_size(course)
    for x in course.exposures:
        if drug_class(x) != "glucocorticoid" or x.status == "not-taken" or \
                local(course, x, _ordered_starts(course, axis)):
            continue
        f = factor(x.drug)
        segs = x.segments or [DoseSegment(start=x.time)]
        for i, seg in enumerate(segs):
            start = axis.span(seg.start) or (axis.span(x.time) if i == 0 else None)
            end = axis.span(seg.end) if seg.end else None
            if end is None and i + 1 < len(segs):
                nxt = axis.span(segs[i + 1].start)
                end = (nxt[0] - 1, nxt[1] - 1) if nxt else None
            carried = False  # the course is told as going on, and this dose was last told at its start
            if end is None and i + 1 == len(segs):
                end = axis.span(x.end)
                if end is None and x.status == "active" and end_of_story is not None:
                    end, carried = (end_of_story, end_of_story), True
            mg, note = daily_mg(seg, weight, bsa)
            pred = _prednisone(mg, f)
            if mg and not f:
                note = f"no prednisone equivalence for {x.drug}"
            if pred is None and i > 0 and _lowered(seg) and \
                    (before := _prednisone(daily_mg(segs[i - 1], weight, bsa)[0], f)):
                # "60 mg daily ... at last follow-up, on low-dose prednisolone": below the dose before, which one the
                # text does not give
                pred, note = (0.0, before[1]), "told as lower than the dose before it, no dose given"
            name = canonical(x.drug) or x.drug
            lowered_next = i + 1 < len(segs) and _lowered(segs[i + 1]) and end is not None and \
                (seg.end is None or not seg.end.known)
            if (carried and _named_later(course, x, seg) or lowered_next) and pred is not None and \
                    pred[0] > TAPERED_ABOVE and start is not None and start[1] + 1 <= end[0] and \
                    seg.length_days is None:
                # "prednisolone 2 mg/kg/day ... at last follow-up, on low-dose prednisolone": a dose above the low-dose
                # band, told at its start and the drug named again later without a dose, may have been tapered to any
                # lower dose by the end of the story, which the text does not give (a range, not the dose for years)
                out.append(Piece(x, name, start, (start[1], start[1]), pred, note, None))
                start, pred = (start[0] + 1, start[1] + 1), (0.0, pred[1])
                note = "; ".join(filter(None, [note, "no end or taper stated: after its start, up to the stated dose"]))
            out.append(Piece(x, name, start, end, pred, note, seg.length_days))
    out.sort(key=lambda p: (*(p.start or (INF, INF)), p.drug))
    return out


def dose_on(ps: list[Piece], day: float) -> tuple[float, float]:
    """Prednisone-equivalent mg/day on a day: [lo, hi] (hi may be inf). Courses add up; the segments of one
    course follow each other, so where imprecise dates let two of them overlap the day has one or the other
    ("10 mg/day until 2021, then 5 mg/day from 2021": at most 10 in 2021, not 15)."""
    return _dose_on(ps, _by_course(ps), day)


def _by_course(ps: list[Piece]) -> dict[int, list[Piece]]:
    """Each course's pieces (by its exposure's id), in order."""
    mine: dict[int, list[Piece]] = {}
    for p in ps:
        mine.setdefault(id(p.exposure), []).append(p)
    return mine


def doses_on(ps: list[Piece], days: list[int]) -> list[tuple[float, float]]:
    """`dose_on(ps, day)` for each of `days` (in increasing order), reading on each day only the pieces that may be
    taken then (started by then and not ended before), in their order: a sweep over the days, not every piece on
    every day (many courses on many days took (pieces) x (days))."""
    mine = _by_course(ps)
    always, dated = [], []  # undated pieces (or of a start that cannot be ordered) are read on every day
    for i, p in enumerate(ps):
        (dated if p.start is not None and not math.isnan(p.start[0]) else always).append(i)
    dated.sort(key=lambda i: ps[i].start[0])  # type: ignore[index]
    ending: list[tuple[float, int]] = []  # (last day a piece may be taken, its index): a heap
    active: set[int] = set(always)
    k, out = 0, []
    for day in days:
        while k < len(dated) and ps[dated[k]].start[0] <= day:  # type: ignore[index]
            end = ps[dated[k]].end
            last = end[1] if end is not None and not math.isnan(end[1]) else INF
            heapq.heappush(ending, (last, dated[k]))
            active.add(dated[k])
            k += 1
        while ending and ending[0][0] < day:
            active.discard(heapq.heappop(ending)[1])
        out.append(_dose_on([ps[i] for i in sorted(active)], mine, day))
    return out


def _dose_on(candidates: list[Piece], mine: dict[int, list[Piece]], day: float) -> tuple[float, float]:
    """`dose_on` of the pieces `candidates` (in order: all those of the list that may be taken on the day)."""
    by_course: dict[int, tuple[float, float]] = {}
    possible: dict[int, float] = {}  # the smallest dose a course may be at on the day
    for p in candidates:
        a = p.active(day)
        if a is False:
            continue
        p_lo, p_hi = p.pred if p.pred else (0.0, INF)
        lo, hi = by_course.get(id(p.exposure), (0.0, 0.0))
        by_course[id(p.exposure)] = (max(lo, p_lo) if a else lo, max(hi, p_hi))
        possible[id(p.exposure)] = min(possible.get(id(p.exposure), INF), p_lo)
    for key, (lo, hi) in by_course.items():
        if _course_on(mine[key], day):
            # a course surely taken that day is at one of the doses its segments may have then, whichever it is
            # ("60 mg from September, 50 mg from week 3, ...": at least the smallest of those that may apply)
            by_course[key] = (max(lo, possible[key]), hi)
    return sum(v[0] for v in by_course.values()), sum(v[1] for v in by_course.values())


def _course_on(mine: list[Piece], day: float) -> bool:
    """Whether the course of the pieces `mine` surely runs on `day`: after its first segment's latest start and
    before its last segment's earliest end (its segments follow each other without gaps)."""
    first, last = mine[0], mine[-1]
    if first.start is None or last.end is None or any(p.length is not None for p in mine):
        return False
    return first.start[1] <= day <= last.end[0]


def _steady_runs(ps: list[Piece], first: int, stop: int) -> list[tuple[int, int]]:
    """The days first..stop-1 cut into runs [a, b) on which `dose_on` of `ps` (or of any subset) cannot change:
    it compares a day only with the pieces' span bounds (<, <=, >, >=), and on whole days such a comparison
    with x changes only at ceil(x) or floor(x) + 1. The curve is walked run by run, not day by day."""
    if stop <= first:
        return []
    cuts = {first, stop}
    for p in ps:
        for span in (p.start, p.end):
            if span is None:
                continue
            for x in span:
                if x is not None and math.isfinite(x):
                    for c in (math.ceil(x), math.floor(x) + 1):
                        if first < c < stop:
                            cuts.add(c)
    bounds = sorted(cuts)
    return list(zip(bounds, bounds[1:], strict=False))


def dose_over(ps: list[Piece], span: Span | None) -> dict[str, float | None] | None:
    """The range of daily doses the curve allows anywhere in a span (e.g. a line's start month)."""
    if span is None or span[0] is None or span[1] is None:
        return None
    vals = doses_on(ps, [a for a, _ in _steady_runs(ps, int(span[0]), int(span[1]) + 1)])
    lo, hi = min(v[0] for v in vals), max(v[1] for v in vals)
    return {"min": lo, "max": None if hi == INF else hi}


def _fmt(p: tuple[float, float] | None) -> str:
    if p is None:
        return "?"
    return f"{p[0]:g}" if p[0] == p[1] else f"{p[0]:g}-{p[1]:g}"


def steroid_exposure(course: Course) -> list[Assessment]:
    axis = course_axis(course)
    eos = axis.end_of_story()
    ps = pieces(course, axis, eos)
    if not ps:
        return [
            Assessment(
                rule="steroid_exposure",
                status="not applicable",
                notes=["no glucocorticoid exposure in the course"],
            )
        ]
    curve = [
        {
            "drug": p.drug,
            "start": axis.value(p.start[0]) if p.start else None,
            "start_latest": axis.value(p.start[1]) if p.start else None,
            "end": axis.value(p.end[1]) if p.end else None,
            "prednisone_eq_mg_day": None if p.pred is None else {"min": p.pred[0], "max": p.pred[1]},
            "factor": factor(p.drug),
            "days": p.length,
            "fact": p.exposure.id,
            "note": p.note,
        }
        for p in ps
    ]
    cum_lo, cum_hi, le5, le75 = 0.0, 0.0, [0, 0], [0, 0]
    first = min((p.start[0] for p in ps if p.start), default=None)
    # a stretch of stated length adds its length times its dose, wherever imprecise dates let it fall: a pulse
    # "1 g daily for 3 days" in a month known only to the month is 3 days of 1 g, not a month of them
    counted = [p for p in ps if p.length is not None and p.pred is not None]
    for p in counted:
        cum_lo += p.length * p.pred[0] if p.start is not None else 0.0
        cum_hi += p.length * p.pred[1]
    counted_ids = {id(c) for c in counted}
    daily = [p for p in ps if id(p) not in counted_ids]
    if first is not None and eos is not None:
        runs = _steady_runs(ps, int(first), int(eos) + 1)
        for (a, b), (lo, hi), whole in zip(runs, doses_on(daily, [a for a, _ in runs]),
                                          doses_on(ps, [a for a, _ in runs]), strict=True):
            for _ in range(b - a):  # day by day, so the sums are the same floats as a daily walk's
                cum_lo, cum_hi = cum_lo + lo, cum_hi + hi
            lo, hi = whole
            for cnt, cut in ((le5, 5.0), (le75, 7.5)):
                cnt[0] += (b - a) * (hi <= cut)
                cnt[1] += (b - a) * (lo <= cut)
    open_ended = any(p.start is None for p in ps)
    undated = sorted({p.drug for p in ps if p.start is None and p.length is None})
    if undated:  # taken at some time the text does not place: any length of it may fall in the period
        cum_hi = INF
    notes = [
        "equivalence: anti-inflammatory, oral/IV (CLINICAL_RULES.md section 7)",
        "ranges follow date precision; an unknown dose leaves the maximum open",
    ]
    notes += sorted({f"{p.drug}: {p.note}" for p in ps if p.note})
    notes += [f"{d}: when it was taken is not stated: the cumulative maximum is open" for d in undated]
    return [
        Assessment(
            rule="steroid_exposure",
            at=axis.label(eos) if eos is not None else None,
            status="computed",
            unknown=sorted(
                {f"{p.drug} dose" for p in ps if p.pred is None} | ({"start dates"} if open_ended else set())
            ),
            notes=notes,
            data={
                "curve": curve,
                "sequence": [_fmt(p.pred) for p in ps],
                "cumulative_mg": {
                    "min": round(cum_lo, 1),
                    "max": None if cum_hi == INF else round(cum_hi, 1),
                },
                "days_at_or_below_5": {"min": le5[0], "max": le5[1]},
                "days_at_or_below_7_5": {"min": le75[0], "max": le75[1]},
                "period": [None if first is None else axis.value(first), None if eos is None else axis.value(eos)],
            },
        )
    ]
