"""A time told by a drug's dose count: "after the fourth dose of rituximab", "following the third infusion", "after two
cycles of bendamustine", "before the second dose", "during the third cycle".

The Nth dose of a drug given at a known interval ("rituximab 375 mg/m2 weekly", "every 3 weeks", "21-day cycles",
"the fourth weekly dose") falls (N - 1) intervals after the drug's start, the first time the story named the drug.
What is told after it lies from that dose to the next ((N - 1) to N intervals after the start), what is told before
it from the dose before to it, what is told during the Nth cycle within that cycle: an estimate (`derivation`
"estimated", the window its interval), counted from the start (`anchor` "start of <drug>"). When the text gives no
interval, no time is placed: the fact lies after the drug's start, which the story's time (not earlier than the start)
already says, and no point is invented.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from casecourse.assembly.timeline import days_after
from casecourse.assembly.timeline_anchor import EventIndex, _kind
from casecourse.model import Mention, TimeRef
from casecourse.reading.timex_lexicon import NUMBER_WORDS, ORDINAL_WORDS, alternation

_DOSE_UNITS = r"doses?|infusions?|injections?|administrations?|pulses?|shots?"
_CYCLE_UNITS = r"cycles?|courses?|rounds?"
_SCHEDULE = r"weekly|daily|monthly|fortnightly|biweekly|(?:\d+|two|three|four|six)[- ]weekly"
_COUNT_WORDS = [w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an", "single", "dozen", "one", "few",
                                                                      "several", "many")]
DOSE_COUNT = re.compile(
    r"\b(?P<prep>after|following|post|before|prior\s+to|during|at)\s+(?:"
    rf"(?:(?:the|her|his|their)\s+)(?P<ord>\d+\s?(?:st|nd|rd|th)|{alternation(list(ORDINAL_WORDS))})|"
    rf"(?P<num>\d+|{alternation(_COUNT_WORDS)}))"
    rf"\s+(?:(?P<sched>{_SCHEDULE})\s+)?(?P<unit>{_DOSE_UNITS}|{_CYCLE_UNITS})\b"
    r"(?P<of>\s+of\s+(?:(?:the|his|her|their|intravenous|IV|oral|subcutaneous|high-dose)\s+)*)?", re.I)
# a cycle's length as written: "21-day cycles", "cycles of 28 days", "every 3 weeks", "q3w", "3-weekly"
_CYCLE_LENGTH = re.compile(
    r"\b(?P<d>\d+)[- ]?days?\s+cycles?\b|\bcycles?\s+(?:of|every)\s+(?P<d2>\d+)\s+days\b|"
    r"\b(?P<w>\d+)[- ]?weeks?\s+cycles?\b|\bcycles?\s+(?:of|every)\s+(?P<w2>\d+)\s+weeks\b|"
    r"\bq\s?(?P<qw>\d+)\s?w(?:ks?)?\b|\bq\s?(?P<qd>\d+)\s?d\b", re.I)
# "after two cycles of chemotherapy": the treatment the story told last, not named again
_GENERIC_THERAPY = re.compile(r"(?:chemo(?:therapy)?|immuno(?:therapy)?|chemo-?immunotherapy|treatment|therapy)\b",
                              re.I)
_SCHEDULE_DAYS = {"weekly": 7.0, "daily": 1.0, "monthly": 30.0, "fortnightly": 14.0, "biweekly": 14.0}
_UNIT_DAYS = {"d": 1.0, "wk": 7.0, "mo": 30.0, "h": 1 / 24}


@dataclass
class DoseCount:
    """A dose count of sentence `i`: its words, which dose (`n`), how the time relates to it, and the drug named."""

    start: int
    end: int
    n: int
    relation: str  # "after", "before" or "during"
    cycle: bool  # a cycle or course (a stretch of time), not a single dose
    per_days: float | None  # an interval the phrase itself gives ("the fourth weekly dose")
    drug: Mention | None


def dose_count(text: str, sentence: tuple[int, int], named: list[Mention]) -> DoseCount | None:
    """The first dose count of the sentence (`named`: its drugs and other named mentions), or None."""
    m = DOSE_COUNT.search(text, *sentence)
    if m is None:
        return None
    if m.group("ord"):
        o = m.group("ord").lower()
        n = int(re.sub(r"\D", "", o)) if o[0].isdigit() else ORDINAL_WORDS[o]
    else:
        num = m.group("num").lower()
        if m.group("prep").lower() not in ("after", "following", "post"):
            return None  # "during two cycles", "at 3 doses": no one dose
        n = int(num) if num.isdigit() else int(NUMBER_WORDS[num])
    prep = m.group("prep").lower()
    if prep == "at" and not m.group("ord"):
        return None
    relation = "before" if prep.startswith(("before", "prior")) else "during" if prep == "during" else "after"
    if prep == "at":
        relation = "at"
    sched = (m.group("sched") or "").lower()
    per = _SCHEDULE_DAYS.get(sched) or (float(7 * _count(sched.split("-")[0].split()[0])) if sched else None)
    if n < 2:
        return None  # "after the first dose" is the drug's start, which the story's time already tells
    drug = None
    if m.group("of"):
        drug = next((d for d in named if d.start == m.end() and d.type == "drug"), None)
        if drug is None and not _GENERIC_THERAPY.match(text, m.end()):
            return None  # "after the second dose of vaccine": a thing the reader does not know as a drug
    cycle = re.match(_CYCLE_UNITS, m.group("unit"), re.I) is not None
    return DoseCount(m.start(), m.end("unit"), n, relation, cycle, per, drug)


def _count(word: str) -> float:
    return float(word) if word.isdigit() else float(NUMBER_WORDS.get(word, 0))


# a course told started again or anew ("MMF was resumed", "treated with intrathecal methotrexate"): the start of the
# course its doses count from, when the drug was named before (an earlier course)
_STARTED = re.compile(r"\b(?:start\w*|initiat\w*|commenc\w*|begun|began|resum\w*|restart\w*|re-?introduc\w*|"
                      r"treated|received|given|administered|switched)\b", re.I)


def course_start(idx: EventIndex, schedules: list[Mention], norm: str, told: list[int],
                 cycle: bool) -> tuple[int, Mention, float | None] | None:
    """Where the course of drug `norm` (named in sentences `told`, in order) that a later dose count counts began: the
    last of those sentences that gives its schedule or tells it started (else the first naming it), the drug's mention
    there, and the interval the text gives (the last schedule told; None when none)."""
    text = idx.reading.text
    start: tuple[int, Mention] | None = None
    every: float | None = None
    for j in told:
        for d, nxt in _mentions_of(idx, j, norm):
            days = _interval_after(text, schedules, d, nxt, cycle)
            if days is not None:
                every = days
            if start is None or days is not None or _STARTED.search(text, *idx.reading.sentences[j]):
                start = (j, d)
            break
    return (*start, every) if start is not None else None


def _mentions_of(idx: EventIndex, j: int, norm: str) -> list[tuple[Mention, int]]:
    """The mentions of drug `norm` in sentence `j`, each with where the next drug of the sentence starts (after the
    list of drugs it opens)."""
    e = idx.reading.sentences[j][1]
    drugs = sorted((d for d in idx.named.get(j, []) if _kind(d.type) == "drug" and d.norm), key=lambda d: d.start)
    text = idx.reading.text
    out = []
    for k, d in enumerate(drugs):
        if str(d.norm).lower() != norm:
            continue
        end = d.end
        later = [x for x in drugs[k + 1:] if x.start > d.start]
        for x in later:  # "cisplatin and etoposide every 3 weeks": the schedule of a list is each drug's
            if not _LIST_GAP.fullmatch(text, end, x.start):
                break
            end = max(end, x.end)
        out.append((d, next((x.start for x in later if x.start >= end), e)))
    return out


_LIST_GAP = re.compile(r"\s*(?:,|and|or|plus|,\s*and)\s*", re.I)


_OF_NEXT = re.compile(r"\s*of\b", re.I)


def _interval_after(text: str, schedules: list[Mention], d: Mention, nxt: int, cycle: bool) -> float | None:
    """The interval (days) a schedule written after drug mention `d` and before the next drug (at `nxt`) gives:
    "weekly", "every 3 weeks", "q3w", "21-day cycles". A cycle's length only from a schedule of once per period of at
    least a week or a cycle's length as written (a daily drug's cycles are longer than its doses); not a dose of the
    next drug ("1 mg/kg/day of prednisolone"). None when none, or two different ones."""
    found: set[float] = set()
    for m in schedules:
        if not d.end <= m.start < nxt or _OF_NEXT.match(text, m.end) and nxt - m.end < 40:
            continue
        a = m.attrs
        f, p, u = a.get("frequency"), a.get("period"), a.get("period_unit")
        if not isinstance(f, int | float) or not isinstance(p, int | float) or u not in _UNIT_DAYS or f <= 0:
            continue
        days = float(p) * _UNIT_DAYS[str(u)] / float(f)
        if not cycle or f == 1 and days >= 7:
            found.add(days)
    length = _CYCLE_LENGTH.search(text, d.end, nxt)
    if length is not None:
        g = length.groupdict()
        days_ = next((float(g[k]) for k in ("d", "d2", "qd") if g[k]), None)
        weeks = next((float(g[k]) for k in ("w", "w2", "qw") if g[k]), None)
        found.add(days_ if days_ is not None else 7 * weeks)  # type: ignore[operator]
    found = {f for f in found if f > 0}
    return found.pop() if len(found) == 1 else None


def dose_time(start: TimeRef, dc: DoseCount, every: float, drug: str, text: str) -> TimeRef | None:
    """The time told by dose count `dc` of a drug started at `start` and given every `every` days."""
    nth = (dc.n - 1) * every
    if dc.relation == "before":
        lo, hi, point = nth - every, nth, nth
    elif dc.relation == "at":
        lo, hi, point = nth, nth, nth
    else:  # after or during: from the Nth dose to the next; a cycle's middle, a dose's own day
        lo, hi, point = nth, nth + every, nth + every / 2 if dc.cycle or dc.relation == "during" else nth
    lo = max(lo, 0.0)
    a, b, p = (days_after(start, d, text) for d in (lo, hi, point))
    label = f"start of {drug}"
    if start.offset_days is not None and a.offset_days is not None and b.offset_days is not None:
        return TimeRef(offset_days=(round(a.offset_days[0], 2), round(b.offset_days[1], 2)), precision=start.precision,
                       derivation="estimated", anchor=label, text=text)
    if not (a.earliest and b.latest and p.point):
        return None
    return TimeRef(earliest=a.earliest, latest=b.latest, point=p.point, precision=a.precision,
                   derivation="estimated", anchor=label, text=text)
