"""Compare a course's timed facts with a SILVER (LLM-written) timeline: coverage, order, distance.

Silver (LLM), not gold: nothing here calls a reading right or wrong; it shows where our day offsets and an
LLM's hours disagree, to be read against the text.

Rules (deterministic, documented in docs/evaluation.md):
- Timed facts: conditions, findings, lab results, exposures (their start) and events whose time is known (not the
  outcome states recovery / improvement / sequela: see OUTCOME_STATES), in days
  from day 0: the midpoint of `offset_days` on a story's relative axis; on a calendar story, the midpoint of the
  `point` date (else the `earliest`..`latest` interval) minus day 0, the course `anchor` (first admission). A
  calendar story with no anchor keeps the days from its first placed fact: it counts for order only (`aligned`).
- Text match: a word is its first 5 lower-case letters/digits, after a final "s" of a longer word is dropped
  ("cells" = "cell", "diabetes" = "diabetic"); a fact matches a silver line when every word of
  its surface as written (or of its name) is among the line's words. Matching is one-to-one: pairs with more
  words first, then those whose relative places (the fact's character position in the text, the line's position
  in the timeline) are closest, then by line and position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from casecourse.evaluation.readers.t2s2 import SilverEvent
from casecourse.model import Course, Event, Fact, TimeRef
from casecourse.reading.timex_resolve import parse_iso

_WORD = re.compile(r"[a-z0-9]+")
# outcome states (model.Event: a problem gone, better, or still present at the end) are left out: they were added
# after these figures were fixed, and with them the figures move (coverage 0.428 -> 0.438, within 7 d 0.687 -> 0.683 on
# the 400 ids): docs/evaluation.md
OUTCOME_STATES = frozenset({"recovery", "improvement", "sequela"})


@dataclass(frozen=True)
class TimedFact:
    kind: str
    name: str
    surface: str
    days: float
    start: int
    sentence: str
    time_text: str | None
    derivation: str


def words(text: str) -> frozenset[str]:
    return frozenset((w[:-1] if len(w) > 3 and w.endswith("s") else w)[:5] for w in _WORD.findall(text.lower()))


def _mid(iso: str) -> date:
    a, b, _ = parse_iso(iso)
    return a + (b - a) / 2


def _calendar(t: TimeRef) -> date | None:
    try:
        if t.point:
            return _mid(t.point)
        if t.earliest and t.latest:
            return parse_iso(t.earliest)[0] + (parse_iso(t.latest)[1] - parse_iso(t.earliest)[0]) / 2
        if t.earliest:
            return _mid(t.earliest)
    except ValueError:
        return None
    return None


def _name(f: Fact) -> tuple[str, str]:
    kind = type(f).__name__.lower().replace("labresult", "lab")
    name = getattr(f, "name", None) or getattr(f, "drug", None) or getattr(f, "test_text", None) \
        or getattr(f, "test", None) or getattr(f, "type", None) or ""
    return kind, str(name)


def timed_facts(course: Course) -> tuple[list[TimedFact], bool]:
    """The course's facts with a known day on the story axis, and whether day 0 is aligned to an admission."""
    day0 = _calendar(course.anchor) if course.anchor and not course.anchor.offset_days else None
    raw: list[tuple[Fact, float | date]] = []
    for f in course.facts():
        if isinstance(f, Event) and f.type in OUTCOME_STATES:
            continue
        t = f.time
        if t.offset_days:
            raw.append((f, (t.offset_days[0] + t.offset_days[1]) / 2))
        elif (d := _calendar(t)) is not None:
            raw.append((f, d))
    dated = sorted(d for _, d in raw if isinstance(d, date))
    ref = day0 or (dated[0] if dated else None)
    aligned = bool(day0) or not dated
    out = []
    for f, when in raw:
        days = float((when - ref).days) if isinstance(when, date) and ref else float(when)  # type: ignore[operator]
        span = f.provenance.spans[0] if f.provenance.spans else None
        sent = f.provenance.sentence.text if f.provenance.sentence else ""
        kind, name = _name(f)
        out.append(TimedFact(kind=kind, name=name, surface=span.text if span else name, days=days,
                             start=span.start if span else 0, sentence=" ".join(sent.split())[:400],
                             time_text=f.time.text, derivation=f.time.derivation))
    return out, aligned


def match(facts: list[TimedFact], events: list[SilverEvent], text_len: int) -> list[tuple[SilverEvent, TimedFact]]:
    """One-to-one text matches (module docstring), in silver line order."""
    n = max(len(events), 1)
    fact_words = [(words(f.surface), words(f.name)) for f in facts]
    cands = []
    for e in events:
        ew = words(e.text)
        for j, (sw, nw) in enumerate(fact_words):
            size = max((len(w) for w in (sw, nw) if w and w <= ew), default=0)
            if size:
                dist = abs(facts[j].start / max(text_len, 1) - e.line / n)
                cands.append((-size, dist, e.line, facts[j].start, j, e))
    cands.sort(key=lambda c: c[:5])
    used_e: set[int] = set()
    used_f: set[int] = set()
    pairs = []
    for *_, j, e in cands:
        if e.line in used_e or j in used_f:
            continue
        used_e.add(e.line)
        used_f.add(j)
        pairs.append((e, facts[j]))
    return sorted(pairs, key=lambda p: p[0].line)


def order_counts(pairs: list[tuple[SilverEvent, TimedFact]], min_hours: float = 24.0) -> tuple[int, int, int]:
    """(concordant, discordant, tied-in-ours) over matched pairs whose silver times differ by more than
    `min_hours`; silver ties are never counted."""
    c = d = t = 0
    for i in range(len(pairs)):
        ei, fi = pairs[i]
        for k in range(i + 1, len(pairs)):
            ek, fk = pairs[k]
            ds = ek.hours - ei.hours
            if abs(ds) <= min_hours:
                continue
            do = fk.days - fi.days
            if do == 0:
                t += 1
            elif (do > 0) == (ds > 0):
                c += 1
            else:
                d += 1
    return c, d, t
