"""Put every TimeRef on one day axis and decide whether a fact falls inside a rule's window.

Calendar dates become proleptic ordinals; offsets from day 0 are added to the anchor's calendar day
when the story has one. A story told without any calendar date (most case reports: "on day 3", "two
weeks later") is put on its own relative axis, day 0 = 0; its days are labelled "day +N", never given
a made-up date. A partial date ("2020-08") is the whole interval it allows. A fact is *in* a window
when its whole interval is, *out* when none of it is, and *maybe* (None) otherwise: the rules then
treat its evidence as unknown, never as absent.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache

from pydantic import BaseModel

from casecourse.model import Course, TimeRef

Span = tuple[float, float]


@lru_cache(maxsize=8192)  # pure in its argument; rules ask the same dates many times
def parse_partial(text: str | None) -> Span | None:
    """'2020' / '2020-08' / '2020-08-15' (time ignored) -> (first ordinal, last ordinal)."""
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return float(date(y, 1, 1).toordinal()), float(date(y, 12, 31).toordinal())
        m = int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(y, m)[1]
            return float(date(y, m, 1).toordinal()), float(date(y, m, last).toordinal())
        d = date(y, m, int(parts[2])).toordinal()
        return float(d), float(d)
    except (ValueError, IndexError):
        return None


def iso(ordinal: float) -> str:
    return date.fromordinal(int(round(ordinal))).isoformat()


@lru_cache(maxsize=8192)
def _calendar_span(earliest: str | None, point: str | None, latest: str | None) -> Span | None:
    lo = parse_partial(earliest) or parse_partial(point)
    hi = parse_partial(latest) or parse_partial(point)
    if lo and hi:
        return lo[0], max(hi[1], lo[0])
    one = lo or hi
    return one


_UNSET = object()


class Axis:
    """Resolves TimeRefs of one course, following `anchor` links to other facts."""

    def __init__(self, course: Course):
        self.course = course
        self.by_id = {f.id: f for f in course.facts()}
        self.day0 = self._calendar(course.anchor) if course.anchor else None
        # no calendar date anywhere: offsets from day 0 are the axis itself (with one, an undated day 0 stays unknown)
        self.relative = self.day0 is None and not any(self._calendar(t) for t in _times(course))
        if self.relative:
            self.day0 = (0.0, 0.0)
        # id(t) -> (t, its span), and the story's end: like `by_id`, they assume the course does not change
        self._memo: dict[int, tuple[TimeRef, Span | None]] = {}
        self._eos: float | None | object = _UNSET
        self.memo: dict[str, object] = {}  # what a rule derives once from the course (steroids: the mention starts)

    @staticmethod
    def _calendar(t: TimeRef) -> Span | None:
        return _calendar_span(t.earliest, t.point, t.latest)

    def span(self, t: TimeRef | None, _depth: int = 0) -> Span | None:
        if t is None or _depth > 5:
            return None
        if _depth == 0:
            got = self._memo.get(id(t))
            if got is None or got[0] is not t:
                got = self._memo[id(t)] = (t, self._span(t, 0))
            return got[1]
        return self._span(t, _depth)

    def _span(self, t: TimeRef, _depth: int) -> Span | None:
        cal = self._calendar(t)
        if cal:
            return cal
        if t.offset_days is not None:
            base = self.day0
            if t.anchor and t.anchor in self.by_id:
                base = self.span(self.by_id[t.anchor].time, _depth + 1)
            if base is None:
                return (t.offset_days[0], t.offset_days[1]) if self.day0 is None and not t.anchor else None
            return base[0] + t.offset_days[0], base[1] + t.offset_days[1]
        if t.anchor and t.anchor in self.by_id:
            return self.span(self.by_id[t.anchor].time, _depth + 1)
        return None

    def label(self, day: float) -> str:
        """A day of the axis as text: its ISO date, or "day +N" on a relative axis."""
        if self.relative:
            n = round(day)
            return "day 0" if n == 0 else f"day {n:+d}"
        return iso(day)

    def value(self, day: float) -> str | float:
        """A day as data: its ISO date, or on a relative axis the number of days from day 0."""
        return float(round(day)) if self.relative else iso(day)

    def end_of_story(self) -> float | None:
        if self._eos is _UNSET:
            self._eos = self._end_of_story()
        return self._eos  # type: ignore[return-value]

    def _end_of_story(self) -> float | None:
        his = [s[1] for f in self.course.facts() if (s := self.span(f.time))]
        for e in self.course.exposures:
            for seg in e.segments:
                for t in (seg.start, seg.end):
                    if s := self.span(t):
                        his.append(s[1])
        return max(his) if his else None


def _times(course: Course) -> Iterator[TimeRef]:
    """Every time of the course, one by one (`Axis` stops at the first calendar one)."""
    yield from (t for t in (course.anchor, course.patient.age_at) if t is not None)
    for f in [*course.facts(), *course.procedures]:
        yield from (t for t in (f.time, f.end if _has_end(type(f)) else None) if t is not None)
    for x in course.exposures:
        yield from (t for seg in x.segments for t in (seg.start, seg.end) if t is not None)


@cache
def _has_end(cls: type[BaseModel]) -> bool:
    """Whether facts of this kind have an `end` (exposures, procedures): asked of the class, since `getattr(f, "end",
    None)` on a model without the field goes through pydantic's `__getattr__` and a raised AttributeError, which took
    a tenth of the rules' time."""
    return "end" in cls.model_fields


@dataclass
class Window:
    """A rule's time window: an interval on the axis plus the episode ids facts may be anchored to."""

    label: str | None
    lo: float | None
    hi: float | None
    episode: str | None = None
    other_episodes: frozenset[str] = field(default_factory=frozenset)

    def contains(self, axis: Axis, t: TimeRef | None) -> bool | None:
        if t is not None and t.anchor and self.episode:
            if t.anchor == self.episode:
                return True
            if t.anchor in self.other_episodes:
                return False
        if self.lo is None and self.hi is None:
            return True  # "ever"
        s = axis.span(t)
        if s is None:
            return None
        lo = self.lo if self.lo is not None else float("-inf")
        hi = self.hi if self.hi is not None else float("inf")
        if s[0] >= lo and s[1] <= hi:
            return True
        if s[1] < lo or s[0] > hi:
            return False
        return None
