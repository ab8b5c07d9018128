"""How long a drug was given and when it ended: stated lengths ("for 7 days", "a 10-day course", "over a period of"),
counted doses and cycles, date ranges and "until" dates, tapers, holds, stops told after the start, and the lists of
drugs that share one course ("A and B for 6 weeks"). Pure functions of the text and its mentions, for
`exposures.ExposureBuilder`."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from casecourse.assembly.exposure_text import (
    _HELD_FOR,
    _LENGTH_OF,
    _Mentions,
)
from casecourse.assembly.positions import ByStart
from casecourse.assembly.timeline import SentenceTime, days_after
from casecourse.knowledge import table
from casecourse.model import (
    PERIOD_DAYS,
    Mention,
    TimeRef,
    Timing,
)
from casecourse.reading.drugs import product_ingredients
from casecourse.reading.timex_lexicon import NUMBER_WORDS, UNIT_DAYS

_DURATION = re.compile(r"^P(?:(?P<n>\d+(?:\.\d+)?)(?P<u>[DWMY])|T(?P<h>\d+(?:\.\d+)?)H)$")


_ISO_UNIT = {"D": "day", "W": "week", "M": "month", "Y": "year"}


# between the drug and "after N days": the verb of its stop ("was stopped", "had been discontinued", "was completed")
_STOPPED_AFTER = re.compile(
    r"(?:\s*,?\s+(?:which|that))?\s+(?:was|were|had been|has been|have been)\s+(?:\w+ly\s+)?"
    r"(?:stopped|discontinued|ceased|completed|withdrawn|"
    r"tapered off|weaned off|tapered and (?:stopped|discontinued))\s+(?:after\s+)?(?:a total of\s+)?", re.I)


# a day count in brackets right after a drug: the day it was given ("rituximab (hospital day 18)"); the timeline reads
# no time in brackets, so it is counted here from the day count the story placed last, of the same kind (expqa8)
_DAY_KIND = r"(?P<kind>(?:hospital|postoperative|post-operative|ICU|illness)\s+)?day\s*\+?(?P<n>\d{1,3})"


_BRACKETED_DAY = re.compile(r"\s*\((?:on\s+|from\s+)?" + _DAY_KIND + r"\s*\)", re.I)


_PLACED_DAY = re.compile(r"(?:(?:on|by|at|from)\s+)?(?:the\s+)?" + _DAY_KIND, re.I)


def _bracketed_day(text: str, d: Mention, now: TimeRef) -> TimeRef | None:
    """The day written in brackets right after `d`, placed by the day count the story's time `now` was told as."""
    m = _BRACKETED_DAY.match(text, d.end)
    if m is None or not now.known or not now.text:
        return None
    placed = _PLACED_DAY.fullmatch(now.text.strip())
    if placed is None or (placed["kind"] or "").strip().lower() != (m["kind"] or "").strip().lower():
        return None
    return days_after(now, int(m["n"]) - int(placed["n"]), m.group(0).strip(" ()"), now.anchor or "day0")


_DIED_AT = re.compile(r"\b(?:died|expired|passed\s+away|succumbed)\b[^.;,]{0,25}$", re.I)  # "died on DATE"


# a later drug of a stop's sentence told with its own length only, the verb left out: "X was discontinued after 7
# days, Y after 14 days" (exposure QA, expqa8: Y was read as started 14 days later)
_GAPPED_AFTER = re.compile(r"\s+(?:after|at)\s+(?:a\s+total\s+of\s+)?", re.I)


_GAPPED_END = re.compile(r"\s*(?:[.;]|,\s*(?:and\s+)?(?=[^\d\s])|\s+and\b|\s+respectively\b|$)", re.I)


_GAPPED_LINK = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", re.I)


_GAPPED_LENGTH = re.compile(r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)\s+"
                            r"(?:days?|weeks?|months?|doses?)", re.I)


def _gapped_stops(text: str, drugs: list[Mention], actions: dict[int, str], s1: int) -> list[Mention]:
    """The drugs of a sentence whose stop is told by gapping: after "X was stopped after N days", ", Y after M days"
    (each a name and its own length, nothing else) stops Y as X was stopped."""
    out: list[Mention] = []
    prev: Mention | None = None
    prev_end = 0  # where the previous stop's length ends
    for d in drugs:
        gap = _GAPPED_AFTER.match(text, d.end, s1)
        length = _GAPPED_LENGTH.match(text, gap.end(), s1) if gap is not None else None
        own = length is not None and _GAPPED_END.match(text, length.end(), s1) is not None
        if own and prev is not None and actions.get(id(d)) == _UNCUED and \
                _GAPPED_LINK.fullmatch(text, prev_end, d.start):
            out.append(d)
            prev, prev_end = d, length.end()  # type: ignore[union-attr]
            continue
        stop = _STOPPED_AFTER.match(text, d.end, s1) if actions.get(id(d)) == "stop" else None
        after = _GAPPED_LENGTH.match(text, stop.end(), s1) if stop is not None else None
        prev, prev_end = (d, after.end()) if after is not None else (None, 0)
    return out


# the words that join a clause to the one before it, where the sentence's timeline moves a clause's own time
_CLAUSE_LINK = re.compile(r"[\s,;]*(?:(?:and|but|then)\s+)?", re.I)


def _own_time(st: SentenceTime, d: Mention, drugs: ByStart, clause: tuple[int, int],
              told: list[tuple[int, TimeRef]], text: str = "") -> TimeRef:
    """The time of what the sentence tells of `d`: a later time of the drug's own clause, before any other drug,
    dates it ("lactate normalised by day 4, and norepinephrine was weaned off on day 5"; "after 48 hours the sodium
    was 120 mmol/L, so tolvaptan was started on 17 October"); else the time governing its position. Not a time that
    opens the next clause ("caspofungin was added on ICU day 4 and on ICU day 6, hydrocortisone was given";
    timeqa10)."""
    stop = min(drugs.next_start(d.end, clause[1]), clause[1])
    i = bisect_left(told, d.end, key=lambda x: x[0])  # `told`: the sentence's time and shifts, by position
    if i and told[i - 1][0] <= d.start and st.shifts_at(told[i - 1][0]) and (
            clause[0] <= told[i - 1][0] or _CLAUSE_LINK.fullmatch(text, told[i - 1][0], clause[0])):
        # the clause's own time, moved to its start, already dates the drug: "..., and received rituximab 1 g on
        # 22/03/2022 and 05/04/2022" began on the first date, not the second (docqa15)
        return st.at(d.start)
    if i < len(told) and told[i][0] < stop \
            and not _OPENS_NEXT_CLAUSE.search(text, max(d.end, told[i][0] - 16), told[i][0]) \
            and not _FOLLOWED_AT.match(text, told[i][0]):
        return told[i][1]
    return st.at(d.start)


def _length_then(text: str, d: Mention, durations: ByStart) -> tuple[float, str] | None:
    """The length told right before "followed by" ahead of `d` when no drug's course there ends it: "received
    dual intravenous antibiotics for 2 weeks, followed by 4 weeks of oral X" (X begins that long after the
    sentence's time); its days and text (expqa10)."""
    m = _FOLLOWED_BY.search(text, max(0, d.start - 60), d.start)
    if m is None or not m.group(0).lstrip().startswith((",", "followed", "and", "then")):
        return None
    for x in durations.window(m.start() - 40, m.start()):
        end = int(x.attrs.get("phrase_end") or x.end)
        if x.attrs.get("signal") == "for" and 0 <= m.start() - end <= 1 and \
                (n := _days(str(x.attrs.get("value") or ""))) is not None:
            return n, x.text
    return None


# "rifampicin was reintroduced, followed one week later by isoniazid": the later time is the next drug's
_FOLLOWED_AT = re.compile(r",\s*followed\b", re.I)
_OPENS_NEXT_CLAUSE = re.compile(r"(?:\band|;)\s+(?:then\s+)?(?:on|at|by|from|after)\s+$", re.I)


def _days(value: str) -> float | None:
    """Days in an ISO 8601 duration of one unit ("P3D", "P4W", "PT48H"); None for anything else."""
    m = _DURATION.match(value)
    if not m:
        return None
    if m["h"]:
        return float(m["h"]) * UNIT_DAYS["hour"]
    return float(m["n"]) * UNIT_DAYS[_ISO_UNIT[m["u"]]]


_COUNT = r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


_COUNTED = r"(?:pulses?|boluses|doses|infusions|injections|administrations)"


# "three (daily) pulses of (intravenous) methylprednisolone" before the drug; "... weekly for four doses" after it
_COUNT_BEFORE = re.compile(rf"\b{_COUNT}\s+(?:(?:daily|consecutive|weekly|monthly|intravenous|iv|oral|high-dose)\s+)*"
                           rf"{_COUNTED}\s+of\s+(?:(?:intravenous|iv|oral|high-dose|pulse)\s+)?$", re.I)


_COUNT_AFTER = re.compile(rf"\s*,?\s*(?:for|x|×)\s+(?:a total of\s+)?{_COUNT}\s+{_COUNTED}\b", re.I)


# "one dose (of) IVIG", "a single (intravenous) dose of dexamethasone", "a one-time infusion of": a course of one day
_SINGLE_BEFORE = re.compile(r"\b(?:one|a\s+single|single|a\s+one-time|one-time|a\s+stat|stat)\s+(?:(?:intravenous|iv|"
                            r"oral|high-dose|intramuscular|im)\s+)*(?:dose|bolus|infusion|injection|pulse|shot)\s+(?:of\s+)?"
                            r"(?:(?:intravenous|iv|oral|high-dose|intramuscular|im)\s+)?$", re.I)


# a number of cycles, a course's length only with its cycle's length written ("every 21 days")
_CYCLES_BEFORE = re.compile(rf"\b{_COUNT}\s+(?:(?:further|more|additional)\s+)?(?:cycles|courses)\s+of\s+"
                            rf"(?:(?:the|intravenous|iv|oral)\s+)?$", re.I)


# "after 6 doses", "after six cycles": a course's length by its number of doses (with its schedule known)
_AFTER_DOSES = re.compile(rf"(?:after\s+)?(?:a total of\s+)?{_COUNT}\s+(?:{_COUNTED}|cycles|courses)\b", re.I)


# a later step of the story told after a drug in its sentence, before the sentence's date
_LATER_STEP = re.compile(r"\bfollowed\s+by\b|,\s*(?:and\s+)?then\b|\band\s+then\b|"
                         r",\s*(?:and\s+)?(?:later\s+)?(?:switched|changed|converted|stepped\s+down)\s+to\b", re.I)


# a stop told as a length from the drug's own start: "was discontinued 2 days after administration / after its start"
_STOPPED_SINCE_START = re.compile(
    r"\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:stopped|discontinued|ceased|withdrawn|tapered off|weaned off)"
    r"\s+(?:after\s+)?(?P<t>" + _COUNT + r"\s+(?P<u>hours?|days?|weeks?|months?)\s+(?:after|following|from)\s+"
    r"(?:its\s+|the\s+|his\s+|her\s+)?(?:administration|initiation|start|starting|introduction|commencement))\b",
    re.I)


_FOLLOWED_BY = re.compile(r"(?:,?\s+(?:and\s+)?(?:then\s+)?followed\s+by"
                          # "followed by 11 days of oral C": its length told between (expqa10)
                          r"(?:\s+(?:a\s+)?[\w.]+[\s-](?:days?|weeks?|months?)(?:\s+(?:course|period))?\s+of)?|"
                          # "A and B for 7 days then C for 5 days": C after a course of told length (expqa8)
                          r"\b(?:days?|weeks?|months?)\s*,?\s+(?:and\s+)?then)"
                          r"\s+(?:(?:oral|intravenous|iv|the|a|an)\s+)*$", re.I)


# a course's length told with its completion before the drug: "completed 6 weeks of (intravenous) X"
# (the later drugs of one list share it: "he completed nine months of rifampicin and isoniazid")
_COMPLETED_LENGTH = re.compile(r"\bcomplet(?:ed|ing)\s+(?:a\s+total\s+of\s+)?" + _LENGTH_OF.pattern +
                               r"\s+(?:(?:intravenous|iv|oral|the|high-dose)\s+)*"
                               r"(?:[\w-]+(?:\s*,\s*(?:and\s+)?|\s+and\s+))*$", re.I)


def _counted_course(text: str, drug: Mention, last: Mention, timing: Timing | None,
                    before: bool = True) -> tuple[float, str] | None:
    """A course told by its number of doses: (its length in days, the words), one dose per day unless the timing
    says otherwise ("weekly for four doses": four weeks). `before`: the count may stand before the drug."""
    m = (_COUNT_BEFORE.search(text, max(0, drug.start - 60), drug.start) if before else None) \
        or _COUNT_AFTER.match(text, last.end)
    if m is None and before and (one := _SINGLE_BEFORE.search(text, max(0, drug.start - 40), drug.start)) is not None:
        return 1.0, one.group(0).strip(" ,")  # "one dose of IVIG", "a single dose of dexamethasone": one day
    if m is None and timing is not None and timing.period:  # "six cycles of R-CHOP every 21 days"
        m = _CYCLES_BEFORE.search(text, max(0, drug.start - 60), drug.start)
    if m is None:
        return None
    n = int(NUMBER_WORDS.get(m["n"].lower(), m["n"]))
    per_day = _per_day(timing) if timing is not None and timing.period else None
    if per_day is None:  # "six monthly doses of X": the schedule written among the counted words
        per_day = next((p for w in m.group(0).lower().split() if (p := _schedule_words().get(w))), None)
    return (n / per_day if per_day else float(n), m.group(0).strip(" ,")) if n > 0 else None


# a sentence that opens from the end of a course: "After completion of cyclophosphamide, ...", "Following the
# end of induction with rituximab, ..."
_AFTER_COURSE = re.compile(r"\s*(?:after|following|upon|on)\s+(?:the\s+)?(?:completion|end|cessation|"
                           r"discontinuation|withdrawal|termination)\s+of\s+(?:the\s+)?", re.I)


# what may stand between a drug (or its dose) and the length of its course: "ceftriaxone 2 g daily was given for 7 days"
_COURSE_GAP = re.compile(r"(?:\s|,|\)|\b(?:was|were|which|then|and|given|administered|continued|maintained|used|"
                         r"infused|taken|prescribed|as|outpatient|inpatient|home|"
                         # "octreotide was introduced for a period of 7 days": a start told with its length
                         r"started|initiated|introduced|commenced|added|"
                         # the next treatment told "followed for one year" (docqa16; not "followed by": another drug)
                         r"followed(?!\s+by\b)|"
                         r"orally|intravenously|subcutaneously|daily|intravenous|oral|pulses?|pulse therapy|therapy|"
                         # a time of day the dose is taken at: "80 mg each morning for one week" (docqa6)
                         r"each|every|in the|at|morning|evening|night|bedtime|mane|nocte|"
                         r"treatment)\b|"
                         # the start told before the length: "was administered from the fourth day of
                         # hospitalization for 7 days", "given starting on hospital day 3 for 10 days" (exposure QA,
                         # expqa7)
                         r"\b(?i:(?:from|starting(?:\s+(?:on|from))?|beginning(?:\s+on)?)\s+(?:the\s+)?"
                         r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|following|"
                         r"\d{1,3}(?:st|nd|rd|th))\s+)?(?:(?:hospital|postoperative|post-operative|admission)\s+)?"
                         r"day(?:\s+\d{1,3})?(?:\s+of\s+(?:the\s+)?(?:hospitali[sz]ation|admission|hospital\s+stay|"
                         r"illness|treatment))?)\b|"
                         # the start told as a day or an event before the length: "A and B on day 1 for 7 days", "at
                         # birth for 7 days" (exposure QA, expqa8)
                         r"\b(?i:(?:on|at)\s+(?:(?:hospital|postoperative|post-operative)\s+)?day\s+\d{1,3}|"
                         r"at\s+birth|(?:at|on|upon)\s+admission)\b|"
                         # what it was given for, in a few words: "was given for pulmonary oedema for 3 days"
                         r"\bfor\s+(?!(?:a|an|the|about|another|further|up|over|\d|one|two|three|four|five|six|"
                         r"seven|eight|nine|ten)\b)[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3})*")


# between one step of a dose sequence and its own time: "20 mg/day in July 2023", "40 mg daily from week 5"
_STEP_TIME_GAP = re.compile(r"\s*,?\s*(?:in|on|from|by|at|since|starting(?:\s+(?:in|on|from|at))?)\s+(?:the\s+)?",
                            re.I)


_WEEK_OF_COURSE = re.compile(r"week\s+(\d{1,2})", re.I)


# "tapered to 7.5 mg", "reduced over 6 months to 5 mg": the dose a taper reaches
_TAPER_TO = re.compile(r"\bto\s*$", re.I)


def _taper_length(text: str, dose: Mention, durations: ByStart, clause: tuple[int, int]
                  ) -> tuple[float, str] | None:
    """The length over which a taper reached `dose` ("tapered to 7.5 mg daily over six months", "tapered over
    6 months to 5 mg daily"): the dose's segment begins that long after the sentence's time."""
    if not _TAPER_TO.search(text, max(0, dose.start - 12), dose.start):
        return None
    reach = _reach(durations)
    for d in durations.window(dose.start - 6 - durations.maxlen - reach, dose.end + 13 + reach):
        start = int(d.attrs.get("phrase_start") or d.start)
        if d.attrs.get("signal") != "over" or d.attrs.get("vague") or not clause[0] <= start < clause[1]:
            continue
        days = _days(str(d.attrs.get("duration") or ""))
        if days is not None and (0 <= start - dose.end <= 12 or 0 <= dose.start - d.end <= 6):
            return days, d.text
    return None


# "tapered by 10 mg every two weeks to 20 mg", "reduced by 5 mg each week", "by 2.5 mg/week", "by 5 mg weekly": the
# step of a taper and how often it is taken
_TAPER_STEP = re.compile(
    r"\bby\s+(?P<step>\d+(?:\.\d+)?)\s*(?P<unit>mg|g|mcg|µg|μg)\b\s*(?:(?:/|per\s+|every\s+|each\s+|a\s+)"
    r"(?:(?P<n>\d{1,2}|one|two|three|four|five|six)\s+)?(?P<u>day|week|fortnight|month)s?\b|"
    r"(?P<adv>daily|weekly|fortnightly|monthly)\b)", re.I)
_ADVERB_UNIT = {"daily": "day", "weekly": "week", "fortnightly": "fortnight", "monthly": "month"}


def _step_taper_length(text: str, dose: Mention, clause: tuple[int, int], before: float | None, unit: str | None
                       ) -> tuple[float, float, str] | None:
    """The time a step taper takes to reach `dose` from the dose taken before (`before`, in `unit`): "tapered by
    10 mg every two weeks to 20 mg daily" from 60 mg is four steps, six to eight weeks (the first step may be taken
    when the taper begins or one interval later). None when the step, its interval or
    the dose before is not told, the units differ, or the target is not below the dose before."""
    if before is None or not _TAPER_TO.search(text, max(0, dose.start - 12), dose.start):
        return None
    target = dose.attrs.get("value")
    step = max(_TAPER_STEP.finditer(text, clause[0], dose.start), key=lambda m: m.start(), default=None)
    if step is None or target is None or unit is None or step["unit"].lower() != unit.lower() \
            or str(dose.attrs.get("unit") or "").lower() != unit.lower():
        return None
    size, target = float(step["step"]), float(target)
    if size <= 0 or not target < before:
        return None
    u = (step["u"] or _ADVERB_UNIT[step["adv"].lower()]).lower()
    n = (step["n"] or "1").lower()
    every = (2 * UNIT_DAYS["week"] if u == "fortnight" else UNIT_DAYS[u]) * int(NUMBER_WORDS.get(n, n))
    steps = -(-(before - target) // size)  # a last step may be smaller: ceil
    return (steps - 1) * every, steps * every, step.group(0)


def _held_for(text: str, drug: Mention, durations: list[Mention], clause: tuple[int, int]
              ) -> tuple[float, str] | None:
    """ "X was held for 2 weeks": the stated length of a hold told right after the drug."""
    for d in durations:
        start = int(d.attrs.get("phrase_start") or d.start)
        if d.attrs.get("signal") == "for" and not d.attrs.get("vague") and drug.end <= start < clause[1] and \
                _HELD_FOR.fullmatch(text, drug.end, d.start):
            days = _days(str(d.attrs.get("duration") or d.norm or ""))
            if days is not None:
                return days, d.text
    return None


def _stop_length(text: str, drug: Mention, ms: _Mentions, clause: tuple[int, int]) -> tuple[float, str] | None:
    """ "X was tapered and discontinued over four weeks", "weaned off over 4 weeks": a gradual stop's length (whether
    the clause tells a taper is read once per clause)."""
    if not ms.tapered(text, clause):
        return None
    durations = ms.index(ms.durations)
    drugs = ms.index(ms.drugs)
    for d in durations.window(drug.end - _reach(durations), clause[1] + _reach(durations)):
        start = int(d.attrs.get("phrase_start") or d.start)
        if d.attrs.get("signal") == "over" and not d.attrs.get("vague") and drug.end <= start < clause[1] \
                and not drugs.window(drug.end, start):  # ("X was stopped and Y given, tapered over 8 weeks": Y's)
            days = _days(str(d.attrs.get("duration") or ""))
            if days is not None:
                return days, d.text
    return None


def _ended_before(end: TimeRef, when: TimeRef) -> bool:
    """Whether a course's stated end lies before a later time the text stops it at."""
    if end.offset_days is not None and when.offset_days is not None:
        return end.offset_days[1] < when.offset_days[0]
    a, b = end.latest or end.point, when.earliest or when.point
    if not (a and b):
        return False
    # dates of two precisions ("2020-02-15" and a stop in "2022-03"): the end lies before when the shorter's
    # precision already tells them apart (docqa15: a three-day pulse of 2020 was stopped by "the withdrawal of
    # steroids" of 2022)
    n = min(len(a), len(b))
    return a < b if len(a) == len(b) else a[:n] < b[:n]


def _told_later(start: TimeRef, when: TimeRef) -> bool:
    """Whether `when` lies wholly after a course's known start (on one clock: both calendar or both days from day 0)."""
    if not (start.known and when.known):
        return False
    if (start.offset_days is None) != (when.offset_days is None):
        return False
    if start.offset_days is not None and when.offset_days is not None:
        return start.offset_days[1] < when.offset_days[0]
    a, b = start.latest or start.point, when.earliest or when.point
    k = min(len(a or ""), len(b or ""))
    return bool(a and b and a[:k] < b[:k])  # calendar times compared on what both state ("2010" before "2018-05")


def _stopped_before_start(end: TimeRef, start: TimeRef) -> bool:
    """Whether a stop lies wholly before the start of the course it ends (calendar times of unlike precision compared
    on what both state: a stop in 2011 of a course begun on 2018-06-06)."""
    if _ended_before(end, start):
        return True
    a, b = end.latest or end.point, start.earliest or start.point
    if not (a and b) or end.offset_days is not None and start.offset_days is not None:
        return False
    k = min(len(a), len(b))
    return a[:k] < b[:k]


# a perfect aspect before the drug: the 'for N' that follows is how long it has been taken so far
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?been\b|\b(?:is|are|remains|remained)\s+on\b", re.I)


# "for a total of 12 weeks", "for 6 months in total": a whole course's length
_TOTAL_OF = re.compile(r"\ba\s+total\s+of\b|\bin\s+total\b", re.I)


# a length fronted at the sentence's start: "For 4 months, the patient had been given X", "Over the next 3 weeks, ..."
_FRONTED_FOR = re.compile(r"\s*(?:for|over|during)\s", re.I)


def _fronted_course(text: str, d: Mention, durations: ByStart, s0: int) -> Mention | None:
    """A length that opens the sentence of `d`, in the clause of `d` ("For the next 10 days, X was continued", "Over
    the next 3 weeks, treatment with A, B and C was continued"): "for N", or "over / during the next N"."""
    if not _FRONTED_FOR.match(text, s0):
        return None
    for t in durations.window(s0, d.start):
        if int(t.attrs.get("phrase_start") or t.start) > s0 + 4 or t.end > d.start:
            continue
        if t.attrs.get("signal") == "for" or t.attrs.get("rel_direction") == "after" and \
                t.attrs.get("signal") in ("over", "during"):
            return None if _NEW_CLAUSE.search(text, t.end, d.start) else t
    return None


# a new clause between a fronted length and a drug ("For 3 days she had fever; X was started"), not the ", and" of a
# list ("treatment with A, B, and C was continued")
_NEW_CLAUSE = re.compile(r";|,\s*(?:but|while|whereas|although|then|and then|and later)\s", re.I)


def to_now(course: Mention | None) -> bool:
    """A length told as a span back from the story's day ("on baclofen for the last 2 years", "for the past 5
    years"): the time taken so far, as the perfect tells it, not a course that ends that long after its start
    (docqa10: such a course had run two years into the future)."""
    return course is not None and course.attrs.get("rel_direction") == "before" \
        and course.attrs.get("rel_anchor") == "presentation"


def _taken_for(text: str, d: Mention, dose: Mention | None, ms: _Mentions, drugs: ByStart,
               s0: int) -> tuple[float, str] | None:
    """How long a drug told in the perfect had been taken at the story's time: "for three years" after it (or after
    the list it ends: "A, B and C for 3 years"), or a "For N," that opens its sentence; (days, words) or None."""
    durations = ms.index(ms.durations)
    last = dose if dose is not None and dose.start >= d.end else d
    told = _course_after(text, last, durations, drugs) or _fronted_course(text, d, durations, s0)
    days = _days(str(told.attrs.get("duration") or told.attrs.get("value"))) if told is not None else None
    return (days, told.text) if told is not None and days else None


def _since(now: TimeRef, days: float, words: str) -> TimeRef:
    """The start of a course taken for `days` up to `now`: that long before, at the precision a length of that size
    gives (a day for a few weeks, a month beyond), derived from the text's length."""
    start = days_after(now, -days, words, "story time")
    if start.offset_days is None and days > 60 and start.precision == "day":
        start = start.model_copy(update={"earliest": (start.earliest or "")[:7] or None,
                                         "latest": (start.latest or "")[:7] or None,
                                         "point": (start.point or "")[:7] or None, "precision": "month"})
    return start


_LEAD_GAP = re.compile(r"(?:\s*-?\s*(?:long\s+)?(?:courses?|cycles?|treatment|therapy|trial)\b)?\s*(?:of|in|with)\s+"
                       r"(?:(?:courses?|treatment|therapy)\s+(?:of|in|with)\s+)?(?:(?:intravenous|oral|iv|i\.v\.|po|"
                       r"high[- ]dose|low[- ]dose|pulsed?|daily|a|an|"
                       # the class the drugs are named under: "7 days of IV antibiotics (A and B)" (expqa7)
                       r"antibiotics?|antimicrobials?|antifungals?)\s+)*(?:\(\s*|:\s*)?"
                       # the dose told between: "a 10-day course of 500 mg metronidazole"
                       r"(?:\d+(?:[.,]\d+)?\s*(?:mg|g|gm|grams?|mcg|µg|μg|IU|units?|mL)\s+(?:of\s+)?"
                       r"(?:(?:intravenous|oral|iv|i\.v\.|po)\s+)?)?", re.I)


def _course_before(text: str, drug: Mention, leads: ByStart, drugs: ByStart) -> Mention | None:
    """The length told right before the drug: "5 days of intravenous methylprednisolone", "a 6-day course of
    dexamethasone", "six weeks of treatment with prednisone" (no other drug between). A later member of a list of
    names only has the length told before its first ("a 1-week course of cefuroxime and fluconazole"; exposure QA,
    expqa7), unless a verb of its own follows it ("5 days of A, and B was started")."""
    head = drug
    for _ in range(8):
        for d in leads.window(head.start - 45 - _reach(leads) - leads.maxlen, head.start + 1 + _reach(leads)):
            end = int(d.attrs.get("phrase_end") or d.end)
            if end > head.start or head.start - end > 45 or drugs.window(end, head.start):
                continue
            if _LEAD_GAP.fullmatch(text, end, head.start):
                return d
        before = [p for p in drugs.ending_in(head.start - 40, head.start)
                  if p.type == "drug" and _NAMES_LINK.fullmatch(text, p.end, head.start)]
        if not before or _OWN_VERB.match(text, drug.end):
            return None
        head = before[-1]
    return None


_OWN_VERB = re.compile(r"\s+(?:was|is|has|had)\b", re.I)  # a list member that is its own clause's subject


# a length told between a verb of giving and the drug: "she was treated for 5 days with intravenous gentamicin"
# (exposure QA, expqa6)
_GIVEN_FOR = re.compile(r"\b(?:treated|managed|given|received|continued)\s+$", re.I)


_FOR_WITH_GAP = re.compile(r"\s+with\s+(?:(?:intravenous|oral|iv|i\.v\.|subcutaneous|high[- ]dose|low[- ]dose|the|a|an)"
                           r"\s+)*", re.I)


def _course_for_with(text: str, drug: Mention, durations: ByStart, drugs: ByStart) -> Mention | None:
    """The length of "treated for N days with X": a 'for' length right after a verb of giving, then "with" the drug."""
    reach = _reach(durations)
    for d in durations.window(drug.start - 60 - reach, drug.start):
        start, end = int(d.attrs.get("phrase_start") or d.start), int(d.attrs.get("phrase_end") or d.end)
        if d.attrs.get("signal") != "for" or end > drug.start or drugs.window(end, drug.start):
            continue
        if _FOR_WITH_GAP.fullmatch(text, end, drug.start) and _GIVEN_FOR.search(text, max(0, start - 20), start):
            return d
    return None


_BRACKET_GAP = re.compile(r"(?:\s*\([^()]{1,15}\))?\s*(?:(?:pulse|pulses|pulse therapy|therapy|treatment|intravenous|"
                          r"oral|iv|i\.v\.)\s*)*\(\s*(?:an?\s+)?", re.I)


_BRACKET_KIND = re.compile(r"\s*-?\s*(?:schedule|course|regimen|protocol)\s*\)", re.I)


def _course_in_brackets(text: str, last: Mention, leads: ByStart, drugs: ByStart) -> Mention | None:
    """The length a parenthesis after the drug gives: "methylprednisolone (mPSL) pulse therapy (3-day schedule)",
    "dexamethasone (a 10-day course)"."""
    for d in leads.window(last.end, last.end + 46):
        if drugs.window(last.end, d.start):
            continue
        if _BRACKET_GAP.fullmatch(text, last.end, d.start) and _BRACKET_KIND.match(text, d.end):
            return d
    return None


_OVER_PERIOD = re.compile(r"over\s+(?:a|the)\s+(?:period|course)\s+of\b", re.I)


# what stands between a drug and "over N days" when the length is its course's: its dose, or a verb of giving ("an
# incremental dose of lithium over 2 months" is a titration, no course length)
_GIVEN_OVER = re.compile(r"\b(?:given|administered|maintained|continued|infused|received|delivered)\b", re.I)


def _over_days(d: Mention) -> bool:
    """ "IVIG 2 g/kg over five days": a dose spread over two days or more is given for that long (docqa7); one given
    "over 12 hours" is one infusion's rate, no course length."""
    duration = str(d.attrs.get("duration") or "")
    days = _days(duration) if duration.startswith("P") and "T" not in duration else None
    return days is not None and days >= 2 and not d.attrs.get("vague")


def _course_after(text: str, last: Mention, durations: ByStart, drugs: ByStart) -> Mention | None:
    """The 'for N days' that states how long the drug written at `last` was given, with only a verb of giving
    between them and no other drug."""
    reach = _reach(durations)
    # "co-amoxiclav and clarithromycin for 48 hours", "co-amoxiclav 1.2 g tds and clarithromycin 500 mg bd for 48
    # hours": the list's course, each drug's
    nxt = drugs.first_from(last.end)
    end = last.end
    while nxt is not None and nxt.type == "drug" and _NAMES_LINK.fullmatch(text, end, nxt.start):
        nxt, end = drugs.first_from(nxt.end), _DOSE_OF_LAST.match(text, nxt.end).end()  # type: ignore[union-attr]
    for d in durations.window(end - reach, end + 61 + reach):
        start = int(d.attrs.get("phrase_start") or d.start)
        # "over the next 10 days", "over a period of 50 weeks"
        # ("IVIG 2 g/kg over five days", "maintained over six weeks": docqa7)
        given_over = _over_days(d) and (last.type != "drug" or _GIVEN_OVER.search(text, end, start) is not None)
        over = d.attrs.get("signal") == "over" and (d.attrs.get("rel_direction") == "after" or
                                                    _OVER_PERIOD.match(text, start) is not None or given_over)
        if d.attrs.get("signal") != "for" and not over or start < end or start - end > 60:
            continue
        if drugs.window(end, start) or not _COURSE_GAP.fullmatch(text, end, start):
            continue
        return d
    return None


# the link between two drugs of a list: a comma, "and", "+", after the first drug's own dose and frequency if it has
# them ("co-amoxiclav 1.2 g three times daily and clarithromycin 500 mg twice daily for 48 hours")
_DOSE_CORE = (r"\d[\d.,]*\s*(?:mg|g|mcg|µg|ug|iu|units?|ml)(?:/(?:kg|m2|day|d|h))*"
              r"(?:\s+(?:once|twice|three\s+times|four\s+times|daily|a\s+day|per\s+day|bid|tid|qid|od|bd|tds|qds|"
              r"every\s+\d+\s*(?:h|hours)|q\d+h|\d+/\d+\s*h)){0,2}")


# the dose written plainly or in brackets: "dantrolene (160 mg/day) and bromocriptine (7.5 mg/day) for 7 days"
# (exposure QA, expqa7)
_OWN_DOSE_PATTERN = r"(?:\s+" + _DOSE_CORE + r"|\s*\(\s*" + _DOSE_CORE + r"\s*\))?"


_NAMES_LINK = re.compile(_OWN_DOSE_PATTERN + r"\)?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*\+\s*)", re.I)


_DOSE_OF_LAST = re.compile(_OWN_DOSE_PATTERN, re.I)  # the last drug's own dose, before the list's course


_SHARED_TAIL = re.compile(r"\s*,?\s*(?:(?:was|were)\s+)?(?:administered|given|infused|delivered|injected)\b", re.I)


_NAME_LINK = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)  # names only: no dose between


def _names_list_last(text: str, drug: Mention, drugs: ByStart) -> Mention | None:
    """The last member of a list of drug names only that `drug` opens or belongs to ("A, B, and C"), when `drug` is
    not it and no member has a dose of its own right after it; else None."""
    end, last = drug.end, None
    while (nxt := drugs.first_from(end)) is not None and nxt.type == "drug" and _NAME_LINK.fullmatch(text, end,
                                                                                                     nxt.start):
        end, last = nxt.end, nxt
    if last is None or _OWN_DOSE.match(text, last.end):
        return None
    return last


_OPEN_BRACKET = re.compile(r"\s*\(\s*")


def _form_in_brackets(text: str, drugs: list[Mention], forms: dict[str, tuple[str, ...]]) -> list[Mention]:
    """"amphotericin B (AmBisome)": a form of the drug named in brackets right after its general name is that one
    drug, by its more exact name (knowledge/drug_forms.csv); it was two courses (exposure QA, expqa6)."""
    out: list[Mention] = []
    for d in drugs:
        prev = out[-1] if out else None
        if prev is not None and d.norm in forms.get(str(prev.norm), ()) and \
                _OPEN_BRACKET.fullmatch(text, prev.end, d.start):
            out[-1] = prev.model_copy(update={"norm": d.norm})
            continue
        out.append(d)
    return out


# the amount a combination is dosed by, written before one of its ingredients: "320 mg trimethoprim", "(5 mg/kg of
# trimethoprim iv q6h)"
_AMOUNT_OF = re.compile(r"\d[\d.,]*\s*(?:mg|g|mcg|µg|μg)(?:/(?:kg|m2))?\s+(?:of\s+)?$", re.I)


def _dose_basis(text: str, drugs: list[Mention]) -> list[Mention]:
    """Without an ingredient named after its amount right after the combination product it belongs to
    ("co-trimoxazole (5 mg/kg of trimethoprim) iv q6h", "sulfamethoxazole/trimethoprim with 320 mg trimethoprim
    every 6 h"): the product's dose is told by that ingredient, it is no second drug (exposure QA, expqa6)."""
    if len(drugs) < 2:
        return drugs
    out: list[Mention] = []
    for d in drugs:
        prev = out[-1] if out else None
        if prev is not None and d.norm in product_ingredients().get(str(prev.norm), ()) and d.start - prev.end <= 80 \
                and _AMOUNT_OF.search(text, max(prev.end, d.start - 25), d.start):
            continue
        out.append(d)
    return out


def _reach(items: ByStart) -> int:
    """How far a phrase of a time expression (its signal word: "for 3 days") reaches beyond the expression itself, at
    most, over a sentence's list: a window by the expressions' starts widened by it finds every phrase in a window."""
    if "reach" not in items.memo:
        items.memo["reach"] = max((max(abs(int(m.attrs.get("phrase_start") or m.start) - m.start),
                                       abs(int(m.attrs.get("phrase_end") or m.end) - m.end)) for m in items.items),
                                  default=0)
    return items.memo["reach"]


_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.I)


_RANGE_LINK = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s+(?:the\s+)?", re.I)


def _date_range_after(text: str, last: Mention, times: ByStart, drugs: ByStart
                      ) -> tuple[Mention, Mention] | None:
    """Two calendar dates that bound the course of the drug written at `last`: "from 11 January to 15 January
    2024", "between 3 and 9 May" (the second a date of its own), within 60 characters and no other drug between."""
    i = bisect_left(times.starts, last.end)
    near = [k for k in range(i, bisect_left(times.starts, last.end + 61)) if _absolute_date(times.items[k])]
    for k in near:  # each date with the one after it (a date too far from the drug opens no range)
        a = times.items[k]
        if drugs.window(last.end, a.start):
            return None
        if not _RANGE_OPEN.search(text, max(0, a.start - 14), a.start):
            continue
        b = next((t for t in times.after(k + 1) if _absolute_date(t)), None)
        if b is None:
            return None
        if _RANGE_LINK.fullmatch(text, a.end, b.start):
            return a, b
    return None


_UNTIL = re.compile(r"\b(?:until|till|up to|through)\s+(?:the\s+)?$", re.I)


_WHEN_AFTER = re.compile(r"[^,;.]{0,30}?,?\s*(?:when|at which|after which|then)\b", re.I)


_NOT_UNTIL = re.compile(r"\b(?:not|never)\s+(?:\S+\s+){0,3}(?:until|till)\s+(?:the\s+)?$", re.I)


def _until_at(text: str, t: Mention) -> bool:
    """Whether the time `t` is written "until / till DATE" (the last day of something; not "not started until")."""
    return _UNTIL.search(text, max(0, t.start - 12), t.start) is not None and \
        _NOT_UNTIL.search(text, max(0, t.start - 50), t.start) is None


# a calendar range "from DATE to DATE" (also "through", "till", a dash): its second date ends the course
_RANGE_JOIN = re.compile(r"\s*(?:to|through|till|[-\u2013])\s*", re.I)
_RANGE_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)


def _range_end(text: str, prev: Mention | None, t: Mention) -> bool:
    """Whether the date `t` closes a range of two calendar dates, or of two days or weeks of the course, opened by
    "from" ("noradrenaline from 02/09/2025 to 06/09/2025": documents QA round docqa5; "from week 3 to week 8")."""
    return prev is not None and (_absolute_date(prev) and _absolute_date(t) or _counted(prev) and _counted(t)) \
        and _RANGE_JOIN.fullmatch(text, prev.end, t.start) is not None \
        and _RANGE_FROM.search(text, max(0, prev.start - 12), prev.start) is not None


def _counted(t: Mention) -> bool:
    """A day or week of the course ("day 3", "week 8"): "from week 3 to week 8" is a range too."""
    return t.attrs.get("day_count") is not None and not t.attrs.get("gestational")


def _until_date(text: str, drug: Mention, times: ByStart, drugs: ByStart, end: int) -> Mention | None:
    """A time written "until / till DATE" after the drug, within its dosage (60 characters, no other drug between),
    or the second date of "from DATE to DATE": the last day of its course."""
    i = bisect_left(times.starts, drug.end)
    prev: Mention | None = None
    for t in times.items[i:]:
        if t.start > min(end, drug.end + 60) or drugs.window(drug.end, t.start):
            return None
        if _until_at(text, t) or _range_end(text, prev, t):
            # "continued until day 25, when the dose was reduced": a change there, no end; but "X until 11/09/2025,
            # then Y" switches to another drug there, and X ends (documents QA round docqa5)
            after = _WHEN_AFTER.match(text, t.end)
            return t if after is None or drugs.window(after.end(), after.end() + 12) else None
        prev = t
    return None


def _absolute_date(t: Mention) -> bool:
    return t.type == "date" and t.attrs.get("kind") == "absolute"


@cache
def _schedule_words() -> dict[str, float]:
    """Doses per day of the one-word schedules of knowledge/frequencies.csv ("daily", "weekly", "monthly")."""
    out = {}
    for r in table("frequencies.csv"):
        if r["written"].isalpha() and r["written"].islower() and r["frequency"].isdigit() and r["period"].isdigit():
            t = Timing(frequency=int(r["frequency"]), period=float(r["period"]), period_unit=r["period_unit"])
            if (p := _per_day(t)) is not None:
                out[r["written"]] = p
    return out


def _per_day(t: Timing) -> float | None:
    days = PERIOD_DAYS.get(t.period_unit or "")
    return float(t.frequency) / (float(t.period or 1) * days) if days and t.frequency else None


_OWN_DOSE = re.compile(r"\s*(?:\(\s*)?\d")  # a number right after a drug's name: its own dose


_UNCUED = "start-uncued"  # what `_action` returns for a drug no cue speaks of (a start, `ExposureBuilder.sentence`)
