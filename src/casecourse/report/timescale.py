"""Put every `TimeRef` of a course on one horizontal axis.

Two modes. *calendar*: x is a day number (proleptic ordinal) and ISO partial dates become the
whole interval they allow ("2020-08" is Aug 1 .. Aug 31); offsets are converted through the
course anchor when it has a date. *day*: the story has no calendar date, x is days from day 0
(`offset_days`). Nothing is invented: a time the mode cannot place is returned as None.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from casecourse.model import Course, TimeRef

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Span:
    """Where a time lies on the axis: [lo, hi] and a best single estimate `mid`."""

    lo: float
    hi: float
    mid: float
    estimated: bool = False

    @property
    def uncertain(self) -> bool:
        return self.estimated or self.hi - self.lo > 1.5


def iso_bounds(value: str) -> tuple[float, float] | None:
    """First day and the day after the last day an ISO partial date allows, as ordinals."""
    parts = value.strip()[:10].split("-")
    try:
        nums = [int(p) for p in parts if p]
    except ValueError:
        return None
    if not nums:
        return None
    year = nums[0]
    if not 1 <= year <= 9999:
        return None
    try:
        if len(nums) == 1:
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1
        month = nums[1]
        if len(nums) == 2:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).toordinal(), date(year, month, last).toordinal() + 1
        day = date(year, month, nums[2]).toordinal()
        return day, day + 1
    except ValueError:
        return None


def _has_calendar(t: TimeRef | None) -> bool:
    return bool(t and (t.earliest or t.latest or t.point))


def course_times(course: Course) -> list[TimeRef]:
    """Every TimeRef the report may draw, in a stable order."""
    out: list[TimeRef] = []
    for fact in course.facts():
        out.append(fact.time)
    for proc in course.procedures:
        out.append(proc.time)
        if proc.end:
            out.append(proc.end)
    for exp in course.exposures:
        if exp.end:
            out.append(exp.end)
        for seg in exp.segments:
            out.append(seg.start)
            if seg.end:
                out.append(seg.end)
    return out


class TimeScale:
    """Maps TimeRefs to axis units (days) and formats ticks for the chosen mode."""

    def __init__(self, course: Course):
        times = course_times(course)
        self.anchor_day: float | None = None
        if course.anchor and _has_calendar(course.anchor):
            a = course.anchor
            bounds = iso_bounds(a.point or a.earliest or a.latest or "")
            self.anchor_day = bounds[0] if bounds else None
        self.mode = "calendar" if (self.anchor_day is not None
                                   or any(_has_calendar(t) for t in times)) else "day"
        self.anchor_text = course.anchor.text if course.anchor else None

    def span(self, t: TimeRef | None) -> Span | None:
        if t is None:
            return None
        estimated = t.derivation == "estimated"
        if self.mode == "calendar" and _has_calendar(t):
            lo_b = iso_bounds(t.earliest or t.point or t.latest or "")
            hi_b = iso_bounds(t.latest or t.point or t.earliest or "")
            if not lo_b or not hi_b:
                return None
            lo, hi = lo_b[0], max(hi_b[1], lo_b[0] + 1)
            pt = iso_bounds(t.point) if t.point else None
            mid = (pt[0] + pt[1]) / 2 if pt else (lo + hi) / 2
            return Span(lo, hi, min(max(mid, lo), hi), estimated)
        if t.offset_days is not None:
            a, b = sorted(t.offset_days)
            base = 0.0 if self.mode == "day" else self.anchor_day
            if base is None:
                return None
            return Span(base + a, base + b, base + (a + b) / 2, estimated)
        return None

    def ticks(self, lo: float, hi: float) -> list[tuple[float, str, bool]]:
        """(x, label, major) ticks covering [lo, hi]."""
        if self.mode == "day":
            return _day_ticks(lo, hi)
        return _calendar_ticks(lo, hi)

    def axis_title(self) -> str:
        if self.mode == "day":
            anchor = f" ({self.anchor_text})" if self.anchor_text else ""
            return f"Days from day 0{anchor}"
        return "Date"

    def fmt(self, x: float) -> str:
        if self.mode == "day":
            return f"day {x:g}"
        d = date.fromordinal(int(x))
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _day_ticks(lo: float, hi: float) -> list[tuple[float, str, bool]]:
    span = max(hi - lo, 1.0)
    step = 1.0
    for cand in (1, 2, 5, 7, 10, 14, 30, 60, 90, 180, 365, 730):
        step = float(cand)
        if span / cand <= 10:
            break
    start = int(lo // step) * step
    out = []
    x = start
    while x <= hi:
        if x >= lo:
            out.append((x, f"{x:g}", True))
        x += step
    return out


def _calendar_ticks(lo: float, hi: float) -> list[tuple[float, str, bool]]:
    d0, d1 = date.fromordinal(int(lo)), date.fromordinal(int(hi))
    years = (hi - lo) / 365.25
    out: list[tuple[float, str, bool]] = []
    if years > 1.5:
        month_step = 3 if years < 6 else 12
        for y in range(d0.year, d1.year + 2):
            for m in range(1, 13, month_step):
                x = date(y, m, 1).toordinal()
                if lo <= x <= hi:
                    major = m == 1
                    out.append((x, str(y) if major else MONTHS[m - 1], major))
        return out
    if hi - lo > 60:
        for y in range(d0.year, d1.year + 1):
            for m in range(1, 13):
                x = date(y, m, 1).toordinal()
                if lo <= x <= hi:
                    major = m == 1 or not out
                    out.append((x, f"{MONTHS[m - 1]} {y}" if major else MONTHS[m - 1], major))
        return out
    step = 7 if hi - lo > 14 else 1
    x = float(int(lo))
    while x <= hi:
        d = date.fromordinal(int(x))
        out.append((x, f"{d.day} {MONTHS[d.month - 1]}", not out or d.day <= step))
        x += step
    return out
