"""Read the course as evidence for a concept inside a window: true, false or unknown, with fact ids.

Polarity: a present (or historical) finding or confirmed condition is positive; a negated, ruled-out or
refuted one is negative; suspected, hypothetical, family and provisional facts settle nothing.
Lab values are intervals (a comparator, a range, or a bare flag read against a typical reference
interval), so a threshold test is true when the whole interval passes, false when none of it does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache

from casecourse.model import Assertion, Condition, Course, Fact, Finding, LabResult
from casecourse.rules.concepts import classify, concepts, data_rows
from casecourse.rules.timeaxis import Axis, Window
from casecourse.rules.units import assumed_unit, convert, estimate, norm_unit

INF = float("inf")


@dataclass
class Ev:
    """One item's verdict with the facts behind it."""

    value: bool | None
    facts: list[str] = field(default_factory=list)
    detail: str = ""


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False
    note: str = ""


def check(iv: Interval, op: str, thr: float) -> bool | None:
    """Does every / no value in the interval satisfy `value op thr`? None when it straddles."""
    lo, hi = iv.lo, iv.hi
    if op == "<":
        return True if (hi < thr or (hi == thr and iv.hi_open)) else (False if lo >= thr else None)
    if op == "<=":
        return True if hi <= thr else (False if (lo > thr or (lo == thr and iv.lo_open)) else None)
    if op == ">":
        return True if (lo > thr or (lo == thr and iv.lo_open)) else (False if hi <= thr else None)
    if op == ">=":
        return True if lo >= thr else (False if (hi < thr or (hi == thr and iv.hi_open)) else None)
    raise ValueError(op)


@cache
def _ref() -> dict[str, dict[str, float | str]]:
    return {
        r["analyte"]: {k: (v if k in ("analyte", "unit") else float(v)) for k, v in r.items()}
        for r in data_rows("reference_intervals.csv")
    }


def flag_interval(analyte: str, flag: str | None, unit: str) -> Interval | None:
    """A bare L/N/H flag as a value interval in `unit` (typical adult limits, unverified)."""
    ref = _ref().get(analyte)
    if not ref or flag not in ("L", "N", "H"):
        return None
    f = convert(analyte, 1.0, str(ref["unit"]), unit)
    if f is None:
        return None
    note = f"flag {flag} read with a typical reference interval (unverified)"
    if flag == "L":
        return Interval(0, float(ref["low_max"]) * f, hi_open=True, note=note)
    if flag == "H":
        return Interval(float(ref["high_min"]) * f, INF, lo_open=True, note=note)
    return Interval(float(ref["low_min"]) * f, float(ref["high_max"]) * f, note=note)


@dataclass
class LabReading:
    fact: Fact
    analyte: str
    value: float | None = None
    value_high: float | None = None
    comparator: str | None = None
    unit: str | None = None
    flag: str | None = None
    implied: bool = False
    implausible: str | None = None  # LabResult.implausible: the value as written is no evidence

    def interval(self, unit: str) -> Interval | None:
        if self.implausible:
            return None
        if self.value is not None:
            src, note = self.unit, ""
            if src is None:
                src = assumed_unit(self.analyte, self.value)
                note = f"unit not written, assumed {src}" if src else ""
            v = convert(self.analyte, self.value, src, unit)
            if v is not None:
                vh = convert(self.analyte, self.value_high, src, unit) if self.value_high is not None else v
                lo, hi, below, above = min(v, vh), max(v, vh), v, v
            elif (est := estimate(self.analyte, self.value, src, unit)) is not None:
                # an estimated conversion gives a range ("280 mg/mmol" protein-to-creatinine: about 2.0-5.0 g/24 h)
                lo, hi, why = est
                if self.value_high is not None and (top := estimate(self.analyte, self.value_high, src, unit)):
                    hi = top[1]
                below, above, note = hi, lo, "; ".join(filter(None, [note, why]))
            else:
                return None
            c = self.comparator
            if c in ("<", "<="):
                return Interval(-INF, below, hi_open=c == "<", note=note)
            if c in (">", ">="):
                return Interval(above, INF, lo_open=c == ">", note=note)
            return Interval(lo, hi, note=note)
        return flag_interval(self.analyte, self.flag, unit)


def polarity(f: Fact) -> bool | None:
    if f.assertion in (Assertion.negated, Assertion.ruled_out):
        return False
    if f.assertion not in (Assertion.present, Assertion.historical):
        return None
    if isinstance(f, Condition):
        return {"confirmed": True, "refuted": False}.get(f.status)
    return True


@cache
def _implied_by() -> dict[str, list[tuple[str, str]]]:
    """analyte -> (concept key, interpretation) of the summary concepts implying it, in table order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for c in concepts().values():
        for target, interp in c.implies:
            out.setdefault(target, []).append((c.key, interp))
    return out


# inside `shared_views()` (one `assess_course` call) every rule's View of the same course shares one axis
# and concept index: rules only read them, and the course does not change while they run
_SHARED: ContextVar[dict[int, tuple[Course, Axis, dict[str, list[Fact]]]] | None] = ContextVar(
    "casecourse_shared_views", default=None)


@contextmanager
def shared_views() -> Iterator[None]:
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def course_axis(course: Course) -> Axis:
    """The course's day axis: inside `shared_views` the one every rule shares (built once per course, its spans
    memoised), else a new one."""
    return Axis(course) if _SHARED.get() is None else View(course).axis


class View:
    """Concept-indexed access to one course."""

    def __init__(self, course: Course):
        self.course = course
        self._readings: dict[str, list[LabReading]] = {}  # analyte -> readings (the course does not change)
        shared = _SHARED.get()
        got = shared.get(id(course)) if shared is not None else None
        if got is not None and got[0] is course:
            self.axis, self.index = got[1], got[2]
            return
        self.axis = Axis(course)
        self.index: dict[str, list[Fact]] = {}
        for f in [*course.findings, *course.conditions, *course.labs]:
            name = f.test if isinstance(f, LabResult) else f.name  # type: ignore[union-attr]
            key = classify(name, getattr(f, "codings", None))
            # a test is not what it tests for: "HIV serology" (negative or not) is no HIV infection; a lab result
            # stands only for a lab concept
            if key and (not isinstance(f, LabResult) or concepts()[key].kind == "lab"):
                self.index.setdefault(key, []).append(f)
        if shared is not None:
            shared[id(course)] = (course, self.axis, self.index)

    def facts(self, *keys: str) -> list[Fact]:
        return [f for k in keys for f in self.index.get(k, [])]

    def readings(self, analyte: str) -> list[LabReading]:
        """Lab results for the analyte, plus flags implied by summary terms ("pancytopenia")."""
        got = self._readings.get(analyte)
        if got is None:
            got = self._readings[analyte] = self._read(analyte)
        return list(got)

    def _read(self, analyte: str) -> list[LabReading]:
        out: list[LabReading] = []
        for f in self.index.get(analyte, []):
            if isinstance(f, LabResult):
                unit, value, high = f.unit, f.value, f.value_high
                if f.value_si is not None and f.unit_si and (
                        value is None or norm_unit(unit) is None
                        or f.unit_si.startswith("10*") and convert(analyte, value, unit, f.unit_si) is None):
                    # a count the reader converted in a notation the rules' table does not know ("5.0×104/μL", a
                    # flattened 10^4; "45 k/cmm"); a concentration in a unit outside the table stays unsettled
                    # (a ferritin in "ng/dL" in an HLH report is the authors' ng/mL more often than a normal level)
                    if high is not None and value:
                        high = high * f.value_si / value
                    unit, value = f.unit_si, f.value_si
                flag = f.interpretation
                if f.assertion in (Assertion.negated, Assertion.ruled_out) and value is None:
                    flag = "N" if flag in (None, "L", "H") else flag
                if f.implausible:  # "haemoglobin 9 mg/dL": neither its value nor a flag read from it settles anything
                    flag = None
                out.append(LabReading(f, analyte, value, high, f.comparator, unit, flag,
                                      implausible=f.implausible))
        for key, interp in _implied_by().get(analyte, ()):
            for f in self.index.get(key, []):
                pol = polarity(f)
                if pol is None:
                    continue
                own = getattr(f, "interpretation", None)
                if interp == "normal":  # "complement levels were normal": each member normal; "low complement"
                    # says one of them is low, not which (the rule reads it as the group's own result)
                    if pol and own != "N":
                        continue
                    flag = "N"
                else:
                    flag = own if interp == "same" else interp
                if flag in (None, "A") or (not pol and flag in ("L", "H")):
                    flag = "N" if not pol else None
                if flag:
                    out.append(LabReading(f, analyte, flag=flag, implied=True))
        return out

    def present(self, keys: tuple[str, ...], win: Window, accept=None) -> Ev:
        """Is any of the concepts documented inside the window? (accept: extra filter on facts)."""
        pos, maybe, neg, outside = [], [], [], []
        for f in self.facts(*keys):
            if accept is not None and not accept(f):
                continue
            pol = polarity(f)
            if pol is None:
                continue
            inside = win.contains(self.axis, f.time)
            if inside is False:
                (outside if pol else []).append(f.id)
            elif pol and inside:
                pos.append(f.id)
            elif pol:
                maybe.append(f.id)
            elif inside:
                neg.append(f.id)
        if pos:
            return Ev(True, pos, "documented")
        if maybe:
            return Ev(None, maybe, "documented, but not certainly inside the window")
        if neg:
            return Ev(False, neg, "documented absent")
        if outside:
            return Ev(None, outside, "documented only outside the window")
        return Ev(None, [], "not documented")

    def threshold(self, analyte: str, op: str, thr: dict[str, float], win: Window, accept=None) -> Ev:
        """Does any reading inside the window meet `value op thr`? thr maps unit -> cut-off as
        published; a reading in one of those units is compared there, else converted to the first."""
        hits, maybe, fails, notes = [], [], [], []
        for r in self.readings(analyte):
            if accept is not None and not accept(r.fact):
                continue
            inside = win.contains(self.axis, r.fact.time)
            if inside is False:
                continue
            unit = norm_unit(r.unit) if r.unit else None
            target = next((u for u in thr if norm_unit(u) == unit), next(iter(thr)))
            iv = r.interval(target)
            verdict = None if iv is None else check(iv, op, thr[target])
            if iv and iv.note:
                notes.append(iv.note)
            if r.implausible:
                notes.append(r.implausible)
            elif iv is None and r.unit and r.value is not None:
                notes.append(f"{r.unit} not convertible to {target}")
            if verdict and inside:
                hits.append(r.fact.id)
            elif verdict is False and inside:
                fails.append(r.fact.id)
            else:
                maybe.append(r.fact.id)
        cut = f"{op} {next(iter(thr.values()))} {next(iter(thr))}"
        extra = ("; " + "; ".join(sorted(set(notes)))) if notes else ""
        if hits:
            return Ev(True, hits, f"{cut}: met{extra}")
        if maybe:
            return Ev(None, maybe, f"{cut}: not settled by the readings{extra}")
        if fails:
            return Ev(False, fails, f"{cut}: not met{extra}")
        return Ev(None, [], f"{cut}: no reading in the window")

    def fever(self, win: Window, op: str, cutoff_c: float, accept=None) -> Ev:
        """A measured temperature beyond the cut-off, or a documented fever when none was measured.

        A documented fever without a value counts as meeting the cut-off (callers say so in notes).
        """
        temp = self.threshold("temperature", op, {"degc": cutoff_c}, win, accept=accept)
        stated = self.present(("fever",), win, accept=accept)
        if not temp.facts:
            return stated
        if temp.value or stated.value:
            return Ev(
                True,
                temp.facts + stated.facts if stated.value else temp.facts,
                temp.detail if temp.value else "fever documented; " + temp.detail,
            )
        if temp.value is None or stated.value is None and stated.facts:
            return Ev(None, temp.facts + stated.facts, temp.detail)
        return temp

    def flagged(self, analyte: str, flags: tuple[str, ...], win: Window) -> Ev:
        """A qualitative result (POS/NEG, L/H) inside the window."""
        hits, fails, maybe, notes = [], [], [], []
        for r in self.readings(analyte):
            inside = win.contains(self.axis, r.fact.time)
            if inside is False:
                continue
            flag = r.flag
            if flag is None and r.value is not None and analyte in _ref() and not r.implausible:
                iv = r.interval(str(_ref()[analyte]["unit"]))
                lo_ref = _ref()[analyte]
                if iv and "L" in flags:
                    flag = (
                        "L"
                        if iv.hi < float(lo_ref["low_min"])
                        else ("N" if iv.lo >= float(lo_ref["low_max"]) else None)
                    )
                elif iv and "H" in flags:
                    flag = (
                        "H"
                        if iv.lo > float(lo_ref["high_max"])
                        else ("N" if iv.hi <= float(lo_ref["high_min"]) else None)
                    )
            if flag is None:
                maybe.append(r.fact.id)
                if r.implausible:
                    notes.append(r.implausible)
            elif flag in flags and inside:
                hits.append(r.fact.id)
            elif flag not in flags and inside and flag != "A":
                fails.append(r.fact.id)
            else:
                maybe.append(r.fact.id)
        if hits:
            return Ev(True, hits, "/".join(flags))
        if maybe:
            return Ev(None, maybe, "; ".join(["result not settled", *sorted(set(notes))]))
        if fails:
            return Ev(False, fails, "normal or negative")
        return Ev(None, [], "no result in the window")


def name_of(f: Fact) -> str:
    if isinstance(f, LabResult):
        return f.test
    if isinstance(f, Finding | Condition):
        return f.name
    return f.id
