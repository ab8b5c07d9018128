"""Put every sentence of the story on its calendar (or on a day axis from day 0).

The narrative is read in order; a calendar date sets the story's current time ("In August 2020"),
a relative expression moves it from the current time ("shortly after", "fourteen months later"),
and a sentence without a time expression carries the current time forward. A story without any
calendar date lives on a relative axis whose day 0 is the first presentation or admission; no
calendar date is invented for it.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from casecourse.assembly.positions import ByType
from casecourse.assembly.record_sections import LIST_MARK
from casecourse.assembly.timeline_anchor import (
    EventIndex,
    day_count_anchor,
    find_anchor,
    our_admission,
    told_before,
    unit_admission,
)
from casecourse.assembly.timeline_birth import birth_date, from_birth
from casecourse.assembly.timeline_sections import after_stay_headings
from casecourse.knowledge import table
from casecourse.model import Mention, TimeRef
from casecourse.reading.demographics import of_a_relative
from casecourse.reading.pipeline import Reading
from casecourse.reading.rx_first import finditer
from casecourse.reading.timex_lexicon import (
    EXAMINATION_RETURNS,
    HISTORY_AGE_SUBJECTS,
    HISTORY_CONTINUATIONS,
    LAB_PROCESS_WORDS,
    NUMBER_WORDS,
    PRESENTATION_CLAUSE_VERBS,
    PRESENTATION_REFERENCES,
    PRESENTATION_RETURNS,
    alternation,
)
from casecourse.reading.timex_resolve import fmt, parse_iso, resolve
from casecourse.reading.zoning import PATIENT_ZONES
from casecourse.spans import Covers, in_parentheses

_TIME_TYPES = ("date", "time", "time_relation", "prepost")
_AGAIN = re.compile(r"\s+(?:once\s+)?again\b", re.I)
# how far back a day count of the stay may take a story dated by the calendar ("on day 20 ... in the third month ...
# on day 5 the culture grew") before it is taken for a day of a later course the story did not name
_STAY_RETURN_DAYS = 90.0
_OPENS_SENTENCE = re.compile(r"\W*(?:\w+\W+){0,3}$")  # at most three words before
# how far past day 0 a story may be for "On admission" to take it back to day 0 when it told no admission
_FIRST_DAYS = 3.0
_AT_THE_TIME = re.compile(r"at (?:the|that) time$", re.I)
_DAY_WORD = re.compile(r"\bday\b", re.I)
_FRONTED = re.compile(r"\W*(?:\w+\W+){0,2}$")  # at most two words before the expression in its sentence
_PRIOR_TO_PRESENTATION = re.compile(
    r"\s+(?:prior to|before|preceding)\s+(?:(?:the|this|her|his|their|current|index|initial)\s+)*"
    rf"(?:{alternation(PRESENTATION_REFERENCES, escape=False)})\b", re.I)

# "Several days before the patient presented to the emergency department": the presentation told as a clause (lexicon
# presentation_references clause_verbs), not one at a local or another hospital: counted back from day 0 (timeqa13)
_BEFORE_PRESENTED = re.compile(
    rf"\s+(?:prior to|before)\s+(?:{alternation(HISTORY_AGE_SUBJECTS, escape=False)})\s+"
    rf"(?:{alternation(PRESENTATION_CLAUSE_VERBS, escape=False)})\b"
    r"(?!\s+(?:to|at|in)\s+(?:a|an|another|the\s+(?:local|outside|referring|other)|his|her|their)\b)", re.I)

# "The patient presented to the emergency department with ...", "He presented for the current admission": the story
# comes back to the presentation after its history (lexicon presentation_returns; timeqa9)
_RETURNS_TO_PRESENTATION = re.compile(
    rf"\b(?:{alternation(PRESENTATION_RETURNS['verbs'], escape=False)})\s+(?:again\s+)?(?:"
    rf"to\s+(?:the|our)\s+(?:{alternation(PRESENTATION_RETURNS['places'], escape=False)})\b"
    r"(?!\s+(?:of|at|in)\s+(?:a|an|another|the\s+(?:local|outside|referring|other)|his|her|their)\b)|"
    rf"(?:to\s+\w+\s+)?for\s+(?:the\s+)?(?:{alternation(PRESENTATION_RETURNS['current'], escape=False)})\s+"
    r"(?:admission|presentation|hospitali[sz]ation|episode|illness)\b)", re.I)
# "On physical examination, ...", "Examination showed ..." after history told since the presentation: back at the
# presentation (lexicon examination_returns; timeqa11)
_EXAMINATION_RETURNS = re.compile(rf"\W*(?:{alternation(EXAMINATION_RETURNS, escape=False)})", re.I)


@dataclass
class SentenceTime:
    time: TimeRef
    timex: Mention | None  # the expression that set it, when the sentence has one
    # later times the sentence moves on to, from a position on: "In January she stopped X, and two months later
    # she relapsed" (position of "two months later", its time)
    shifts: tuple[tuple[int, TimeRef], ...] = ()
    # for a sentence with no time of its own, the expression that set the time it carries (None when the story's time
    # was reset without one: day 0, the admission's): the exposure reader asks whether that time may date a drug start
    origin: Mention | None = None

    def __post_init__(self) -> None:
        # the shifts' positions, when in order (as placed, `place_sentences`): found by bisection, not a scan of them
        # all for each mention of a long sentence
        if not self.shifts:  # (most sentences)
            self._starts: list[int] | None = []
            return
        starts = [start for start, _ in self.shifts]
        self._starts = starts if all(a <= b for a, b in zip(starts, starts[1:], strict=False)) else None

    def at(self, pos: int) -> TimeRef:
        """The time that governs the text at `pos`: the sentence's, or the last shift before it."""
        if self._starts is not None:
            i = bisect.bisect_right(self._starts, pos)
            return self.shifts[i - 1][1] if i else self.time
        t = self.time
        for start, later in self.shifts:
            if start <= pos:
                t = later
        return t

    def shift_after(self, pos: int, gap: int) -> TimeRef | None:
        """The first shift after `pos`, at most `gap` characters after it."""
        if self._starts is not None:
            i = bisect.bisect_right(self._starts, pos)
            return self.shifts[i][1] if i < len(self.shifts) and self._starts[i] <= pos + gap else None
        return next((later for start, later in self.shifts if pos < start <= pos + gap), None)

    def shifts_at(self, pos: int) -> bool:
        """Whether a shift starts at `pos`."""
        if self._starts is not None:
            i = bisect.bisect_left(self._starts, pos)
            return i < len(self._starts) and self._starts[i] == pos
        return any(start == pos for start, _ in self.shifts)


def _midpoint(lo: str, hi: str) -> str:
    a, _, _ = parse_iso(lo)
    _, b, _ = parse_iso(hi)
    return fmt(a + (b - a) / 2, "month")


def _soon_after(lo: str) -> str:
    """A month after the middle of `lo` ("2018-03" -> "2018-04")."""
    a, b, _ = parse_iso(lo)
    return fmt(a + (b - a) / 2 + timedelta(days=30), "month")


def calendar_time(tx: Mention) -> TimeRef | None:
    """The time of a calendar date on its own ("in May 2019"), or None when it needs a story time to be placed."""
    return _from_calendar(tx, None)


def _from_calendar(tx: Mention, current: TimeRef | None) -> TimeRef | None:
    anchor = (current.point or current.earliest) if current else None
    kind = tx.attrs.get("kind")
    if kind != "absolute" and not anchor:
        return None
    try:
        lo, hi, point, prec = resolve(tx, anchor or str(tx.attrs.get("value")))
    except (ValueError, TypeError, KeyError, OverflowError):
        return None  # an expression the calendar cannot place leaves the current time as it is
    if point is None:
        point = hi if tx.attrs.get("rel_direction") == "within" else _midpoint(lo, hi)
    derivation = "stated" if kind == "absolute" else ("estimated" if tx.attrs.get("vague") else "relative")
    if kind == "absolute" and isinstance(alt := tx.attrs.get("value_alt"), str):
        # "03/04/2024" in a text whose dates settle no day-month order: 3 April (day-first) is the estimate, and the
        # interval holds 4 March too; the date is not stated, only estimated
        lo, hi, derivation = min(lo, alt), max(hi, alt), "estimated"
    return TimeRef(earliest=lo, latest=hi, point=point, precision=prec, derivation=derivation,
                   text=tx.text, anchor=None if kind == "absolute" else "previous")


def _open_after(tx: Mention, current: TimeRef | None, next_date: str | None) -> TimeRef | None:
    """ "After discharge": later than the current time and, when the story states a later date, before it.

    The point is an estimate: a month after the current time ("after discharge" reads as the next
    follow-up), or the middle of the interval when that is earlier; with no later date the interval stays
    open and the point is the current time, so no later date is invented."""
    start = (current.point or current.latest or current.earliest) if current else None
    if not start:
        return None
    point = min(_midpoint(start, next_date), _soon_after(start)) if next_date else start
    return TimeRef(earliest=start, latest=next_date, point=point, precision="month", derivation="estimated",
                   text=tx.text, anchor="previous")


_PRESENTED_BEFORE = re.compile(r"\b(?:presented|admitted|referred|hospitali[sz]ed|attended)\b", re.I)


def _presented_on(text: str, sentence_start: int, tx: Mention) -> bool:
    """ "We report the case of a patient who presented to our hospital in July 2021 with ...": a calendar date told
    after the presentation, in a summary sentence that opens a story with no time yet, is the story's own date (as an
    aside it left every fact of the story undated, timeqa6)."""
    return tx.attrs.get("kind") == "absolute" and _PRESENTED_BEFORE.search(text, sentence_start, tx.start) is not None


def _before_presentation(text: str, tx: Mention) -> bool:
    """A time counted back from the presentation ("seven years prior to the presenting complaints",
    "2 years before this admission", "3 years ago"), or vaguely back ("years ago"), dates its own sentence,
    a piece of history; the story stays where it was."""
    if tx.attrs.get("rel_direction") != "before":
        return False
    return bool(tx.attrs.get("vague") or tx.attrs.get("dct_relative")) \
        or _PRIOR_TO_PRESENTATION.match(text, tx.end) is not None or _BEFORE_PRESENTED.match(text, tx.end) is not None


# "after 84 h of incubation", "after 5 days of culture" (knowledge/timex_lexicon.json lab_process_lengths)
_LAB_PROCESS = re.compile(rf"\s+of\s+(?:{alternation(LAB_PROCESS_WORDS)})\b", re.I)
# the text's own day 0 of a course it counts as "day +N" ("a transplant on 3 May (day 0)", "day 0 was the surgery")
# ("(day zero)" written out, timeqa12)
_DAY_ZERO = re.compile(r"\bday\s*(?:0|zero)\b", re.I)
# a day count written "day 13", "hospital day 5": of the stay, counted from day 0 even when the story is past it
_DAY_COUNT = re.compile(r"(?:(?:hospital|illness|admission|post-?operative|treatment)\s+)?day\s+\d+$", re.I)


_DAY_NUMBER_WORDS = [w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an", "single", "dozen")]
# the mark in brackets, "(day 0)", "(day zero)": a schedule's "rituximab 375 mg/m2 day 0" or a table's "between day
# 0 and day 1" marks no day of the story (timeqa12)
_DAY_ZERO_MARK = re.compile(r"\(\s*day\s*(?:0|zero)\s*\)", re.I)
# a bare day count, "day 18", "day nine" (not "hospital day 5", "day +22")
_BARE_DAY = re.compile(rf"day\s+(?:\d+|{alternation(_DAY_NUMBER_WORDS)})$", re.I)


def _writing_day(text: str, sentences: list[tuple[int, int]]) -> Container[int]:
    """The sentences that write the word "day" (in any case): only they may mark a day 0 (`_DAY_ZERO`,
    `_DAY_ZERO_MARK`), and the timeline searches no other for one. One scan of the text for the three letters
    (`_DAY_LETTERS`), not a case-insensitive search of each sentence (which tried every position of nearly every
    sentence of the story)."""
    days = [m.start() for m in _DAY_LETTERS.finditer(text)]
    if not days:
        return ()
    out: set[int] = set()
    for i, (s0, s1) in enumerate(sentences):
        j = bisect.bisect_left(days, s0)
        if j < len(days) and days[j] + 3 <= s1:
            out.add(i)
    return out


# "day" in any case, as re.IGNORECASE reads it (no other letter folds to d, a or y), without its per-character folding
_DAY_LETTERS = re.compile("[dD][aA][yY]")


def _day_zero_before_a_day(text: str, sentence: tuple[int, int], timexes: list[Mention]) -> int | None:
    """Where the mark ends when the sentence marks its day 0 in brackets ("(day 0)", "(day zero)") before any time,
    with a bare day count after the mark ("received the vaccine (day zero) and on day seven developed fever"): day 0
    is then the sentence's time before that later day, not the day it tells. None otherwise."""
    m = _DAY_ZERO_MARK.search(text, *sentence)
    if m is None or any(tx.start < m.start() for tx in timexes):
        return None
    if any(tx.start >= m.end() and _BARE_DAY.match(tx.text) and tx.attrs.get("day_count") for tx in timexes):
        return m.end()
    return None


def _from_marked_day_zero(tx: Mention, day: tuple[TimeRef, str] | None) -> TimeRef | None:
    """ "On day 18" in a text that marks its own day 0 ("admitted to the ICU (day 0)"): 18 days after that day, not the
    17 of a stay's day count whose day 1 is the admission (timeqa10); None for any other time."""
    if day is None or day[1] != "day 0" or not _BARE_DAY.match(tx.text) or not tx.attrs.get("day_count"):
        return None
    return days_after(day[0], float(tx.attrs["day_count"]), tx.text, "day 0")  # type: ignore[arg-type]


def _of_a_later_first_stay(tx: Mention, now: TimeRef | None, first_stay: TimeRef) -> bool:
    """Relative axis: whether a day count is a day of the story's first stay when that stay began after day 0 (a story
    that opens with the history: "treated with minocycline. Four weeks later, she was admitted"): one of the admission
    ("on the second day of admission", "hospital day 4"), or a bare one ("On day 8") told during the stay that, counted
    from day 0, would fall before it began (timeqa13)."""
    if first_stay.offset_days is None:
        return False
    if tx.attrs.get("rel_anchor") == "admission":
        return True
    return _BARE_DAY.match(tx.text) is not None and now is not None and now.offset_days is not None \
        and float(tx.attrs.get("rel_amount_min") or 0) < first_stay.offset_days[0] <= now.offset_days[0]


def _day_count(tx: Mention, base: tuple[float, float]) -> bool:
    """A count of days of the stay counted from day 0, never on from the time told before it: "day 13", "hospital day
    5" always; "on the 16th day of ICU stay", "POD 3" when that is not before the story's time `base` (timeqa6: "the
    16th day of ICU stay" after "the next week" was read as 15 days after that week; "he died on the second day" after
    a birth the story told months after its day 0 is the second day of the baby's life)."""
    if not tx.attrs.get("day_count") or tx.attrs.get("rel_unit") != "day":
        return False
    return _DAY_COUNT.match(tx.text) is not None or float(tx.attrs.get("rel_amount_max") or 0) >= base[0] - 1


def _offset(tx: Mention, current: TimeRef | None, counted_on: bool = False) -> TimeRef | None:
    """Relative axis: shift the current offset by the expression's amount in days. A day count of the
    stay ("on day 13", "hospital day 5") counts from day 0, not from the previous time, unless `counted_on` (a day
    count of an operation the story did not name, "POD 1" of a second operation: counted on from the story's time)."""
    lo_d = tx.attrs.get("rel_amount_min")
    hi_d = tx.attrs.get("rel_amount_max")
    if lo_d is None:
        return None
    lo_d, hi_d = float(lo_d), float(hi_d if hi_d is not None else lo_d)
    base = current.offset_days if current and current.offset_days else (0.0, 0.0)
    direction = tx.attrs.get("rel_direction") or "after"
    if direction == "before" and tx.attrs.get("rel_anchor") in ("admission", "presentation"):
        base = (0.0, 0.0)  # "3 years ago", "2 days before admission": counted back from day 0, not the current time
    if direction == "before":
        lo, hi = base[0] - hi_d, base[1] - lo_d
    elif direction == "within":
        lo, hi = base[0], base[1] + hi_d
    elif direction == "at":
        lo, hi = base
    else:
        lo, hi = base[0] + lo_d, base[1] + hi_d
    if (tx.attrs.get("rel_anchor") in ("admission", "presentation") or _day_count(tx, base) and not counted_on) \
            and direction != "before":
        lo, hi = lo_d, hi_d
    elif _follow_up_mark(tx) and lo_d >= base[0]:
        lo, hi = lo_d, hi_d  # "at 6 months", "at the 12-month follow-up": counted from day 0, not from the last time
    # "last year" (a past or future reference of the writing time): the span the unit allows, an estimate
    estimated = tx.attrs.get("vague") or tx.attrs.get("value") in ("PAST_REF", "FUTURE_REF")
    return TimeRef(offset_days=(lo, hi), derivation="estimated" if estimated else "relative",
                   precision="day", text=tx.text, anchor="day0")


# a time of the patient's own life ("on day 28 of life", "in the 14th month of life"), not one after a delivery or a
# birth the patient (a mother) gave
_OF_LIFE = re.compile(r"\s*of\s+(?:(?:his|her|the\s+(?:infant|baby|child|neonate|newborn)['’]s)\s+)?life\b", re.I)


# "5 days after birth" in an infant's story (timeqa6: counted on from the time told before, "discharged 17 days after
# birth" was day 32); not "after delivery", which in a mother's story is her own delivery
_AFTER_BIRTH = re.compile(r"\s*(?:after|following|post)\s+(?:(?:his|her|the)\s+)?birth\b", re.I)


def _after_birth(text: str, tx: Mention, age_now: float | None) -> TimeRef | None:
    """Relative axis: a time of an infant's life ("on day 28 of life", "5 days after birth") counted from the birth:
    day 0 less the patient's age at day 0 when it is under a year; with no age told, a newborn's story whose day 0 is
    the birth (an estimate). None otherwise (an older patient's "day 2 of life" is mostly a mother's baby's)."""
    a = tx.attrs
    if a.get("rel_anchor") != "birth" or a.get("rel_direction") != "after" or a.get("age_span") \
            or a.get("rel_amount_min") is None or age_now is not None and age_now >= 1 \
            or not a.get("of_life") and not _OF_LIFE.match(text, tx.end, int(a.get("phrase_end") or tx.end) + 1) \
            and not _OF_LIFE.search(text, tx.start, tx.end) and not _AFTER_BIRTH.match(text, tx.end):
        return None
    lo_d, hi_d = float(a["rel_amount_min"]), float(a.get("rel_amount_max") or a["rel_amount_min"])
    born = -age_now * 365.25 if age_now is not None else 0.0
    return TimeRef(offset_days=(born + lo_d, born + hi_d), derivation="estimated" if age_now is None else "relative",
                   precision="day", text=tx.text, anchor="birth")


def _unanchored_pod(tx: Mention, day: tuple[TimeRef, str] | None, chained: bool) -> bool:
    """A postoperative day count ("POD 4") whose operation the timeline did not find (`day` is None)."""
    a = tx.attrs
    return not chained and day is None and a.get("rel_anchor") == "surgery" and bool(a.get("day_count")) \
        and a.get("rel_direction") == "after" and a.get("rel_amount_min") is not None


def _length_after_event(tx: Mention) -> bool:
    """ "Hospitalized for 25 days after birth", "treated for 6 weeks after discharge": how long something lasted from an
    event, not a time that many days after it (timeqa7: a 2-month-old's neonatal stay moved the whole story 25 days
    on). The story keeps its time; "for 3 days" alone, counted from the time just told, is not one."""
    a = tx.attrs
    return a.get("signal") == "for" and a.get("rel_direction") == "after" \
        and a.get("rel_anchor") not in (None, "previous")


def _after_the_stay(tx: Mention) -> bool:
    """An amount after the admission ("10 days after admission", "after 2 weeks of hospitalization"), not a day count
    of it (read by the day-count rules) nor a vague one."""
    a = tx.attrs
    return a.get("rel_anchor") == "admission" and a.get("rel_direction") == "after" and not a.get("day_count") \
        and a.get("rel_amount_min") is not None and not a.get("vague") and not a.get("open_after")


def _follow_up_mark(tx: Mention) -> bool:
    """ "At 6 months", "by the 12-month follow-up", "at 1 year": a mark of the follow-up the case counts from its
    start, unlike "6 months later" (which counts on from the time just told)."""
    a = tx.attrs
    return a.get("rel_direction") == "after" and a.get("signal") in ("at", "by") \
        and a.get("rel_anchor") in ("previous", "treatment") and not a.get("vague") and "later" not in tx.text.lower()


def _after_event(tx: Mention, event: TimeRef) -> TimeRef | None:
    """Relative axis: an amount after an event the story placed earlier ("2 weeks after the surgery"),
    counted from that event's offset (a day count after it, "day 12 post-transplant", too)."""
    lo_d, hi_d = tx.attrs.get("rel_amount_min"), tx.attrs.get("rel_amount_max")
    if lo_d is None or not event.offset_days:
        return None
    lo_d, hi_d = float(lo_d), float(hi_d if hi_d is not None else lo_d)
    return TimeRef(offset_days=(event.offset_days[0] + lo_d, event.offset_days[1] + hi_d),
                   derivation="estimated" if tx.attrs.get("vague") else "relative", precision="day", text=tx.text)


# "she was 5 months postpartum", "he is 2 years post-transplant": an amount after an event told as the patient's state
_COPULA_BEFORE = re.compile(r"\b(?:was|is|were|being)\s+$", re.I)


def _state_since(text: str, tx: Mention) -> bool:
    """An amount after an event (not the story's own time) told as the patient's state with a copula right before it
    ("she presented three months postpartum, after a caesarean section")."""
    a = tx.attrs
    return a.get("rel_direction") == "after" and not a.get("vague") and a.get("rel_amount_min") is not None \
        and a.get("rel_anchor") not in (None, "previous", "admission", "presentation") \
        and _COPULA_BEFORE.search(text, max(0, tx.start - 12), tx.start) is not None


def _counts_from_event(tx: Mention) -> bool:
    """An amount after something other than day 0 or birth ("3 weeks after surgery", "2 days after it"), or
    the time of an event ("at the time of the transplant")."""
    a = tx.attrs
    after = a.get("rel_direction") == "after" or a.get("rel_direction") == "at" and _AT_THE_TIME.match(tx.text)
    return bool(after) and a.get("rel_amount_min") is not None and not a.get("open_after") \
        and not a.get("age_span") and a.get("rel_anchor") not in ("admission", "presentation", "birth")


def _at_age(tx: Mention, age_now: float | None) -> TimeRef | None:
    """Relative axis: "at the age of 28 years" in the story of a patient aged 40 at day 0 is 11 to 13 years
    before day 0; without the patient's present age, or for an age above it, the expression is not placed."""
    then = tx.attrs.get("age_years")
    if then is None or age_now is None or float(then) > age_now:
        return None
    lo, hi = (float(then) - age_now - 1) * 365.25, min(0.0, (float(then) - age_now + 1) * 365.25)
    return TimeRef(offset_days=(lo, hi), derivation="relative", precision="year", text=tx.text, anchor="day0")


def days_after(start: TimeRef, days: float, text: str, anchor: str = "exposure start") -> TimeRef:
    """The time a stated length after `start`, at no finer precision than the start's."""
    if start.offset_days is not None:
        lo, hi = start.offset_days
        return TimeRef(offset_days=(lo + days, hi + days), precision=start.precision, derivation="relative",
                       anchor=anchor, text=text)
    if not (start.point or start.earliest):
        return TimeRef(derivation="relative", anchor=anchor, text=text)
    precision = start.precision if start.precision in ("day", "month", "year") else "month"
    lo, _, _ = parse_iso(start.earliest or start.point or "")
    _, hi, _ = parse_iso(start.latest or start.point or "")
    mid, _, _ = parse_iso(start.point or start.earliest or "")
    shift = timedelta(days=round(days))
    return TimeRef(earliest=fmt(lo + shift, precision), latest=fmt(hi + shift, precision),
                   point=fmt(mid + shift, precision), precision=precision, derivation="relative",
                   anchor=anchor, text=text)


_WEEKS = re.compile(r"P(\d+(?:\.\d+)?)W(?:(\d)D)?$")
_AT_BEFORE = re.compile(r"\bat\s+$", re.I)


def _gestational_ages(reading: Reading, age_now: float | None, types: ByType) -> dict[int, tuple[Mention, float]]:
    """sentence -> the first gestational age its story part tells ("at 22 weeks of gestation"), in weeks: the clock of
    a pregnancy. None for a child's story, where "born at 38 weeks" is the patient's own age at birth."""
    told = types.of("age")
    ages = [m.attrs.get("years", m.attrs.get("age_years")) for m in told
            if not m.attrs.get("gestational") and m.zone in PATIENT_ZONES]
    if age_now is not None and age_now < 12 or any(isinstance(a, int | float) and a < 12 for a in ages[:1]):
        return {}
    out: dict[int, tuple[Mention, float]] = {}
    ends = [e for _s, e in reading.sentences]
    for m in told:
        if not m.attrs.get("gestational") or m.zone not in PATIENT_ZONES:
            continue
        w = _WEEKS.match(str(m.attrs.get("value") or ""))
        if w is None or not 4 <= float(w.group(1)) <= 44:
            continue
        i = bisect.bisect_right(ends, m.start)
        out.setdefault(i, (m, float(w.group(1)) + int(w.group(2) or 0) / 7))
    return out


def _bare_weeks(text: str, tx: Mention) -> float | None:
    """The weeks of "at 26 weeks" (a time counted on from the last one), which in a pregnancy dated by gestational
    age is one more gestational age; None for any other expression."""
    w = _WEEKS.match(str(tx.attrs.get("value") or ""))
    if w is None or tx.attrs.get("rel_anchor") != "previous" or tx.attrs.get("rel_direction") != "after" \
            or not _AT_BEFORE.search(text, max(0, tx.start - 4), tx.start) or not 4 <= float(w.group(1)) <= 44:
        return None
    return float(w.group(1)) + int(w.group(2) or 0) / 7


def _anchor_of(t: TimeRef) -> str:
    return "day0" if t.offset_days is not None else "previous"


def _at_age_calendar(tx: Mention, age_now: float | None, first: TimeRef | None) -> TimeRef | None:
    """Calendar axis: "at the age of 37 years" in the story of a patient aged 47 at its first date (2016) is 2005 to
    2007 (birth 1968-1969); never counted on from the current date. Not placed without both ages and a first date,
    or for an age above the present one."""
    then = tx.attrs.get("age_years")
    year = (first.point or first.earliest or "")[:4] if first is not None else ""
    if then is None or age_now is None or float(then) > age_now or not year.isdigit():
        return None
    born_lo, born_hi = int(year) - int(age_now) - 1, int(year) - int(age_now)
    return TimeRef(earliest=str(born_lo + int(float(then))), latest=str(born_hi + int(float(then)) + 1),
                   precision="year", derivation="relative", text=tx.text, anchor="birth")


def _age_now(reading: Reading, types: ByType) -> float | None:
    """The patient's age at day 0: the first age the patient's story states ("a 40-year-old woman"), not a relative's
    ("an infant born to a 37-year-old mother": "at 3 months of age" is the infant's)."""
    for m in types.of("age"):
        if m.zone in PATIENT_ZONES and isinstance(m.attrs.get("years"), int | float) \
                and not of_a_relative(reading.text, m):
            return float(m.attrs["years"])  # type: ignore[arg-type]
    return None


def place_one(tx: Mention, current: TimeRef | None) -> TimeRef | None:
    """One calendar expression placed from the current time (None when it cannot be placed)."""
    return _from_calendar(tx, current)


def place_sentences(reading: Reading, types: ByType | None = None) -> list[SentenceTime | None]:
    """The time governing each sentence (None outside the patient's story or before any time). `types`: the reading's
    mentions by type, when the caller has them."""
    if types is None:
        types = ByType(reading.mentions)
    by_sentence: dict[int, list[Mention]] = {}
    at_admission: set[int] = set()  # sentences that refer to the admission ("On admission", "after admission")
    admission_starts: set[int] = set()  # where those references start ("At the time of admission")
    si = 0
    # sentences that tell an admission ("was admitted on 3 May 2021"), with where the admission is told
    admitted_in: dict[int, int] = {}
    readmitted_in: dict[int, int] = {}
    at_role: set[int] = set()  # sentences dated by the admission itself ("On admission", "on arrival")
    # those that open with it ("On admission, ...", "Vital signs at admission were"), not "cultures obtained on
    # admission revealed X" (told days later)
    opens_at_admission: set[int] = set()
    # a text that marks its own day 0 ("admitted to the ICU (day 0)") and counts its days from it (timeqa10)
    marks_day_zero = any(m.attrs.get("day_count") == 0 and m.zone in PATIENT_ZONES for m in types.of("time"))
    restating: set[int] = set()  # where a parenthesised day count of such a text restates its sentence's time
    # sentences opening a section of the stay ("Investigations", "Hospital course"): back from a history there
    stay_sections = after_stay_headings(reading.text, reading.zones, reading.sentences)
    glued = _glued_legends(reading.text)  # legends glued to a paragraph's last sentence (timeqa13)
    # where the story tells a stay begin or end ("was admitted", "discharged"): a stay told as a range of dates
    stay_told = sorted((m.start, m.norm) for m in types.of("event") if m.attrs.get("role") == "occurrence"
                       and m.norm in ("admission", "readmission", "discharge") and m.zone in PATIENT_ZONES)
    glued_at = Covers(glued)
    glued_times: dict[int, Mention] = {}  # sentence -> the first time of the legend glued to it
    for m in types.of("event", *_TIME_TYPES, "duration", "age"):  # (the loop reads no other)
        if m.type in ("age", "duration"):
            m = _history_span(reading.text, m) or m  # noqa: PLW2901 - read as the time it tells
        if m.type == "event" and m.norm in ("admission", "readmission") and m.attrs.get("role") == "occurrence" \
                and m.zone in PATIENT_ZONES:
            j = si
            while j < len(reading.sentences) and reading.sentences[j][1] <= m.start:
                j += 1
            again = m.norm == "readmission" or _AGAIN.match(reading.text, m.end) is not None \
                or reading.text.startswith("re-", m.start)  # "hospitalized again", "re-presented"
            (readmitted_in if again else admitted_in).setdefault(j, m.start)
        if m.type == "event" and m.norm == "admission" and m.attrs.get("role") in ("at", "reference") \
                and m.zone in PATIENT_ZONES:
            while si < len(reading.sentences) and reading.sentences[si][1] <= m.start:
                si += 1
            at_admission.add(si)
            if m.attrs.get("role") == "at":
                at_role.add(si)
                if _OPENS_SENTENCE.match(reading.text, reading.sentences[si][0] if si < len(reading.sentences) else 0,
                                         m.start) and not _TO_A_UNIT.match(reading.text, m.end):
                    opens_at_admission.add(si)
            admission_starts.add(m.start)
            continue
        timed = m.type in _TIME_TYPES or (m.type == "duration" and m.attrs.get("kind") == "relative")
        if not timed or m.zone not in PATIENT_ZONES or m.attrs.get("gestational"):
            continue  # ("the 26th week of her pregnancy": how far the pregnancy had gone, not the story's time)
        while si < len(reading.sentences) and reading.sentences[si][1] <= m.start:
            si += 1
        if glued and si < len(reading.sentences) and glued_at.holds(m.start, m.start + 1) \
                and not glued_at.holds(reading.sentences[si][0], reading.sentences[si][0] + 1):
            # "... skin sinus.Fig 1 A, Bleeding 5 years after the repair": a glued legend's time dates the legend (from
            # where it is glued on), not the story
            glued_times.setdefault(si, m)
            continue
        if m.type == "date" and DOB_BEFORE.search(reading.text, max(0, m.start - 20), m.start):
            continue  # "Re: Jane Doe, DOB 11/06/1958": the birth (course.py reads it), not the story's time
        if si < len(reading.sentences) and in_parentheses(reading.text, reading.sentences[si][0], m.start) \
                and not _label_dated_in_brackets(reading.text, m):
            if not (marks_day_zero and m.attrs.get("day_count") and _BARE_DAY.match(m.text)):
                continue  # "(stent placed 4 years before admission)" dates an aside, not the story
            # "A month later (day 77), she was admitted" in a text that marks its day 0: the day restates the time
            restating.add(m.start)
        if si < len(reading.sentences) and _LAB_PROCESS.match(reading.text, int(m.attrs.get("phrase_end") or m.end)) \
                and _FRONTED.match(reading.text, reading.sentences[si][0], m.start) is None:
            # "cultures remained negative after 5 days of incubation": the laboratory's time, not the story's (a
            # fronted one, "After 5 days of incubation, the culture grew X and Y was started", moves the story)
            continue
        if _length_after_event(m):
            continue  # "hospitalized for 25 days after birth": a length from the event, not a time after it
        by_sentence.setdefault(si, []).append(m)
    for ms in by_sentence.values():
        if restating and any(m.start in restating for m in ms):
            ms.sort(key=lambda m: m.start not in restating)  # the restated day sets the sentence's time
    # a story with no date the calendar can place ("in late April" of a year the text hides, "201X") lives on the
    # relative axis, as one without any date: on the calendar axis none of its facts would be placed at all
    has_calendar = any(m.attrs.get("kind") == "absolute" and m.type == "date" and _calendar(m.attrs.get("value"))
                       for ms in by_sentence.values() for m in ms)
    current: TimeRef | None = None if has_calendar else TimeRef(offset_days=(0.0, 0.0), derivation="stated",
                                                               precision="day", anchor="day0")
    today = _today(reading, types) if has_calendar else None
    born = birth_date(types.of("date"), DOB_BEFORE, reading.text) if has_calendar else None
    stated = sorted((i, str(m.attrs["value"])) for i, ms in by_sentence.items() for m in ms
                    if m.type == "date" and m.attrs.get("kind") == "absolute" and _calendar(m.attrs.get("value")))
    out: list[SentenceTime | None] = []
    aside: TimeRef | None = None
    history: tuple[int, TimeRef] | None = None  # the last piece of history dated aside, and its sentence
    age_now = _age_now(reading, types)
    carried: tuple[TimeRef | None, TimeRef | None] = (None, None)  # (a time, its carried copy)
    # each time a sentence set (or moved on to), with the expression that set it: what a carried copy comes from
    set_by: dict[int, tuple[TimeRef, Mention]] = {}
    admitted: TimeRef | None = None  # the calendar time of the first admission told
    presented: TimeRef | None = None  # the first presentation told, where no admission is: day 1 of "day 5"
    # the calendar time of the last admission (or, before any, of the presentation) told: what "on admission"
    # dates in a story that has meanwhile told a piece of history ("in remission since 2018. On arrival, ...")
    last_admitted: TimeRef | None = None
    last_stay: TimeRef | None = None  # on the relative axis, the time of the last admission (or referral) told
    # on the relative axis, the first stay told when the story told it after its day 0 (not in the history): the story
    # opened with the history, and the stay's days count from the stay (timeqa13)
    first_stay: TimeRef | None = None
    presented_in = _presentation_sentences(reading) if has_calendar else {}
    events = EventIndex.build(reading, types)
    events.legends = frozenset(i for i, (start, _) in enumerate(reading.sentences)
                               if _in_legend(reading.text, start, glued_at))
    arrived_in = {} if has_calendar else _arrivals(reading, events)
    first_arrival = None if has_calendar else min((*admitted_in, *readmitted_in, *arrived_in), default=None)
    asides: set[int] = set()  # sentences dated as a piece of history the story does not move to
    gestation = _gestational_ages(reading, age_now, types)
    ga_ref: tuple[float, TimeRef] | None = None  # the last gestational age told, and the time it held
    later_stays = _later_stays(admitted_in, readmitted_in, events.discharges)
    day_counted: set[int] = set()  # sentences dated by a day count ("on postoperative day 7 she underwent ...")
    course_day0: TimeRef | None = None  # day 1 of a later course the story counts days of without naming it
    # the day of an operation the story counts postoperative days of without the timeline finding it ("extubated on
    # POD 1. ... On POD4 ... On POD5"): each later POD counts from it, not on from the POD told before (timeqa10)
    op_day0: TimeRef | None = None

    day0_marked: list[TimeRef] = []  # the time of the sentence that marks its event "day 0", when the text does
    writes_day = _writing_day(reading.text, reading.sentences)  # the sentences that may mark it

    def day_base(tx: Mention, i: int, now: TimeRef | None) -> tuple[TimeRef, str] | None:
        """The time a day count of sentence `i` counts from when it names a later event than day 0 (a
        readmission, an operation, a drug's start), with that event's label; None for the first stay's days. "Day +22"
        counts from the event the text marked "day 0" ("a pancreaticoduodenectomy on 23 April 2014 (day 0)")."""
        if day0_marked and ("+" in tx.text or _BARE_DAY.match(tx.text)):
            return day0_marked[0], "day 0"
        anchor = day_count_anchor(events, i, tx, asides, later_stays, day_counted)
        if anchor is None and first_stay is not None and _of_a_later_first_stay(tx, now, first_stay):
            # "Four weeks later, she was admitted ... on the second day of admission", "On day 8, she died": the story
            # opened before its first stay, whose days count from its own day 1, not from the story's day 0 (timeqa13)
            return first_stay, "admission"
        if anchor is None or anchor.sentence in asides:
            return None
        if anchor.sentence == i:
            t = now
        else:
            st = out[anchor.sentence]
            t = None if st is None else _told_at(st, anchor.pos) if anchor.pos is not None else st.time
        if t is None or not (t.point or t.earliest if has_calendar else t.offset_days is not None):
            return None
        if t.offset_days is not None and t.offset_days[1] < 0:
            return None  # an event of the history (or a story the axis placed there): day 0 as before
        if anchor.label == "readmission":
            since = t.offset_days[0] if t.offset_days is not None else _days_between(admitted or presented, t)
            # a readmission not after the first stay is a stay of the history or one the calendar cannot order;
            # a day count as high as the readmission's own day ("readmitted on day 12 ... on day 37") goes on
            # counting from the first day
            if since is None or since <= 0 or float(tx.attrs.get("rel_amount_min") or 0) >= since:
                return None
        return t, anchor.label
    before_legend: tuple[TimeRef | None] | None = None  # the story's time when a figure legend began
    for i in range(len(reading.sentences)):
        # a figure legend tells its images' times in its own order ("CT at the 6-month follow-up"; a timeline figure's
        # "(2) On the 3rd day ... (7) On the 47th day"); after it the story goes on from where it was
        if i - 1 in glued_times and out[i - 1] is not None:
            # the legend glued to the sentence just placed is dated from where it is glued on, and the legend's
            # sentences after it go on in its time; the story resumes after the legend (below)
            st, tx = out[i - 1], glued_times[i - 1]
            start = next(a for a, b in glued if a <= tx.start < b)
            legend_time = _from_calendar(tx, st.at(start)) if has_calendar else _offset(tx, st.at(start))
            if legend_time is not None:
                out[i - 1] = SentenceTime(time=st.time, timex=st.timex, shifts=(*st.shifts, (start, legend_time)),
                                          origin=st.origin)
                if i in events.legends:
                    before_legend, current = before_legend or (current,), legend_time
        if i in events.legends:
            before_legend = before_legend or (current,)
        elif before_legend is not None:
            current, before_legend = before_legend[0], None
        setter = None
        restated: tuple[int, TimeRef] | None = None  # after "today, three weeks after": the event's time, from there
        zero_at = None if day0_marked or current is None or not current.known or i not in writes_day else \
            _day_zero_before_a_day(reading.text, reading.sentences[i], by_sentence.get(i, []))
        if zero_at is not None:
            # "received the first dose (day 0) and on day 7 developed fever": day 0 is the time the sentence opens
            # at, not the day 7 told after it (timeqa12)
            day0_marked.append(current.model_copy(update={"derivation": "carried"}))  # type: ignore[union-attr]
        for tx in by_sentence.get(i, []):
            if tx.start in admission_starts and tx.attrs.get("rel_direction") == "at":
                continue  # "At the time of admission" is the admission's time, not the current time
            if tx.attrs.get("history_span") and (i in admitted_in or i in readmitted_in or i in arrived_in):
                continue  # "Over the last 3 years, her liver tests rose, until she was admitted with jaundice"
            if tx.attrs.get("vague") and tx.attrs.get("rel_anchor") == "admission" \
                    and _discharged_since(i, admitted_in, readmitted_in, events.discharges):
                # "shortly after admission" after a discharge: a later stay the story tells as it goes ("came to the
                # emergency room"), counted on from the time told, not from the first admission (timeqa10)
                tx = tx.model_copy(update={"attrs": {**tx.attrs, "rel_anchor": "previous"}})
            if tx.attrs.get("rel_direction") == "before" and tx.attrs.get("rel_anchor") == "previous" \
                    and _BEFORE_PRESENTED.match(reading.text, tx.end):
                # "Several days before the patient presented, ..." after a piece of history: counted back from day 0
                tx = tx.model_copy(update={"attrs": {**tx.attrs, "rel_anchor": "presentation"}})
            weeks = _bare_weeks(reading.text, tx) if gestation and ga_ref is not None else None
            if weeks is not None and ga_ref is not None:
                # "At 26 weeks she developed proteinuria" in a pregnancy dated by its gestational age
                current, setter = days_after(ga_ref[1], (weeks - ga_ref[0]) * 7, tx.text, _anchor_of(ga_ref[1])), tx
                ga_ref = (weeks, current)
                break
            if tx.attrs.get("open_after") and has_calendar:
                new = _open_after(tx, current, next((v for j, v in stated if j > i), None))
                if new is not None:
                    current, setter = new, tx
                    break
            elif tx.type == "date" or tx.attrs.get("rel_direction"):
                # "Two years ago, X. Six months later, Y.": the next sentence counts on from a piece of history
                # that opened its sentence (one dated in passing, "X 4 years ago", is an aside)
                chained = history is not None and history[0] == i - 1 and tx.attrs.get("rel_anchor") == "previous"
                base = history[1] if chained and history else current
                if not chained and not has_calendar and (back_from := _history_told_before(
                        reading.text, reading.sentences[i][0], tx, i, out, asides, current)) is not None:
                    # "She was well until two weeks earlier, when a cough began. Five days later, a rash appeared."
                    # told at the presentation: counted on from the history just told, not from day 0 (timeqa11)
                    chained, base = True, back_from
                # "hospital day 4" after a readmission, "postoperative day 2", "day 5 of vancomycin": counted from
                # the event it names
                day = day_base(tx, i, current) if not chained and tx.attrs.get("day_count") else None
                # "on day 5", "hospital day 8" in a story dated by the calendar: a day of the admission it told
                admission_day = has_calendar and admitted is not None and not chained and \
                    tx.attrs.get("day_count") and tx.attrs.get("rel_anchor") in ("previous", "admission")
                if day is not None:
                    admission_day, base = True, day[0]
                elif admission_day:
                    base = course_day0 or admitted
                elif has_calendar and admitted is None and presented is not None and not chained and \
                        tx.attrs.get("day_count") and tx.attrs.get("rel_anchor") in ("previous", "admission"):
                    # "presented on 15 January ... weaned off on day 5": the days of the stay count from the
                    # presentation when the story tells no admission
                    admission_day, base = True, course_day0 or presented
                # "2 weeks after the surgery": counted from the surgery when the story told it earlier
                event = None
                if not chained and not admission_day and _counts_from_event(tx):
                    event = find_anchor(events, i, tx, asides, _DAY_WORD.search(tx.text) is not None)
                elif not chained and not admission_day and tx.attrs.get("rel_anchor") == "admission" and \
                        tx.attrs.get("rel_direction") == "after":
                    # "2 days after admission to the ICU", "9 days after his admission to our facility"
                    event = unit_admission(events, i, tx, asides) or our_admission(events, i, tx, asides)
                if event is None and not has_calendar and not chained and not admission_day and _counts_from_event(tx) \
                        and _first_presentation(i, current, last_stay, admitted_in, arrived_in) \
                        and not told_before(events, i, tx):
                    # "referred with fever 4 weeks after a dental extraction", "admitted 3 days after the onset of
                    # fever": the story's first presentation is its day 0, the event named (told nowhere before) lies
                    # that long before it; the story does not move (timeqa10: a whole stay was dated weeks late)
                    continue
                if not has_calendar and not chained and current is not None and current.offset_days == (0.0, 0.0) \
                        and _state_since(reading.text, tx):
                    # "She was 5 months postpartum at the time of presentation": the patient's state at day 0; the
                    # amount dates the delivery that long before, the story does not move (timeqa13)
                    continue
                at = out[event.sentence] if event is not None else None
                stay_length = False
                if at is not None and at.time.known:
                    base = at.time
                else:
                    event = None
                    if has_calendar and not chained and not admission_day and last_admitted is not None and \
                            _after_the_stay(tx):
                        # "10 days after admission", "after 26 days of hospitalization" in a story dated by the
                        # calendar: counted from the admission told last, not from the story's time (timeqa6)
                        base = last_admitted
                    elif not has_calendar and not chained and last_stay is not None and tx.attrs.get("stay_length"):
                        # "discharged after 11 days": the length of the stay told last, not of the first (timeqa8)
                        base, stay_length = last_stay, True
                if (marked := _from_marked_day_zero(tx, day)) is not None:
                    new = marked
                elif born is not None and (aged := from_birth(reading.text, tx, born, today)) is not None:
                    # "at 6 months of age", "walked at 20 months" in a letter stating the child's birth; after the
                    # sentence's "today" a look back ("His weight today is X, down from Y at 12 months of age")
                    if today is not None and _TODAY.search(reading.text, reading.sentences[i][0], tx.start):
                        continue
                    new = aged
                elif today is not None and tx.attrs.get("kind") == "relative" \
                        and _TODAY_RESTATED.search(reading.text, max(0, tx.start - 12), tx.start):
                    # "I saw her today, three weeks after her final cycle": the time restates today; what it counts
                    # from ("her final cycle") lies that long before today
                    new = today
                    lo_days, hi_days = tx.attrs.get("rel_amount_min"), tx.attrs.get("rel_amount_max")
                    if tx.attrs.get("rel_direction") == "after" and isinstance(lo_days, float) \
                            and isinstance(hi_days, float):
                        restated = (int(tx.attrs.get("phrase_end") or tx.end),
                                    days_after(today, -(lo_days + hi_days) / 2, tx.text, "today"))
                elif has_calendar and tx.attrs.get("age_span"):
                    new = _at_age_calendar(tx, age_now, next((o.time for o in out if o is not None and (
                        o.time.point or o.time.earliest)), None))
                elif has_calendar:
                    new = _from_calendar(tx, base)
                elif tx.attrs.get("age_span"):
                    new = _at_age(tx, age_now)
                else:
                    pod = _unanchored_pod(tx, day, chained)
                    if pod and op_day0 is not None and not _went_back(
                            counted := days_after(op_day0, float(tx.attrs["rel_amount_min"]), tx.text, "surgery"),
                            current):
                        new = counted
                    else:
                        new = _after_event(tx, base) if event or day or stay_length else \
                            _after_birth(reading.text, tx, age_now) or _offset(tx, base)
                    if pod and new is not None:
                        op_day0 = days_after(new, -float(tx.attrs["rel_amount_min"]), tx.text, "surgery")
                if new is not None and tx.attrs.get("stay_length") and (_went_back(new, current) or has_calendar and (
                        (gap := _days_between(new, current)) is not None and gap > 1)):
                    # "discharged after 10 days" told after the story passed day 10 of that stay (a later operation's
                    # stay, a stay the story did not tell): not the length of the stay told; counted on (timeqa8)
                    new = _from_calendar(tx, current) if has_calendar else _after_event(tx, current)
                if new is not None and admission_day and day is None and course_day0 is None and \
                        _went_back(new, current, _STAY_RETURN_DAYS):
                    # "At day 21" two years after the admission the story counted from: a day of a later course
                    # the story did not name (a transplant's, a new stay's); counted on from the story's time. (On
                    # the relative axis a story told topic by topic goes back to "day 142 of illness" after
                    # "day 266": day counts there keep counting from day 0.)
                    new = _from_calendar(tx, current)
                    if new is not None:  # that course's day 1, which its later day counts count from
                        course_day0 = days_after(new, -float(tx.attrs.get("rel_amount_min") or 0), tx.text, "previous")
                if new is not None and event is not None:
                    new = new.model_copy(update={"anchor": event.label})
                elif new is not None and day is not None:
                    new = new.model_copy(update={"anchor": day[1]})
                    if day[1] != "day 0" and _went_back(new, current):
                        # "On the sixth postoperative day" after a stay told at length: an earlier operation than the
                        # one meant was found (the story's own goes unnamed); counted on from the story's time
                        new = _from_calendar(tx, current) if has_calendar else _offset(tx, current, counted_on=True)
                # an amount after a piece of history is history too when the story is past day 0
                back = event is not None and new is not None and not has_calendar and new.offset_days is not None \
                    and current.offset_days is not None and new.offset_days[1] < 0 <= current.offset_days[0]
                # "He had stopped his insulin three days earlier": a look back in passing from the story's time, which
                # stays (a fronted one, "Three years earlier, he had tuberculosis.", opens a piece of history)
                looks_back = tx.attrs.get("rel_direction") == "before" and tx.attrs.get("rel_anchor") == "previous" \
                    and _FRONTED.match(reading.text, reading.sentences[i][0], tx.start) is None
                # a summary ("we report a complication occurring several years after X") tells the whole course at
                # once: its times date its own sentence, not the story that follows
                summary = tx.zone == "summary" and not (
                    current is None and _presented_on(reading.text, reading.sentences[i][0], tx))
                if new is not None and (chained or back or tx.attrs.get("age_span") or looks_back or summary
                                        or new.anchor == "birth" and has_calendar  # (a child's age: timeline_birth)
                                        or _before_presentation(reading.text, tx)
                                        or _dated_label(reading.text, reading.sentences[i], tx)
                                        or _bulleted_item(reading.text, reading.sentences[i][0])):
                    aside, setter = new, tx  # "stopped seven years prior to the presenting complaints"
                    fronted = _FRONTED.match(reading.text, reading.sentences[i][0], tx.start) is not None
                    history = (i, new) if fronted or chained else None
                    break
                if new is not None:
                    current, setter = new, tx
                    break
        if i in gestation and current is not None and aside is None:
            ga, weeks = gestation[i]
            if setter is None and ga_ref is not None:
                # "She delivered at 30 weeks' gestation": as many weeks after the last gestational age told
                current, setter = days_after(ga_ref[1], (weeks - ga_ref[0]) * 7, ga.text, _anchor_of(ga_ref[1])), ga
            if setter is None or setter is ga or setter.end <= ga.start:
                ga_ref = (weeks, current)  # the first one told labels the story's time ("presented at 22 weeks")
        shifts: list[tuple[int, TimeRef]] = []
        stay_end: tuple[int, TimeRef] | None = None  # the discharge of a stay told as a range of dates, and its date
        set_time = current
        if setter is not None and aside is None:
            told_to = setter.end  # where the time told last ends: a later clause opens after it
            for tx in by_sentence.get(i, []):
                if tx.start <= setter.end or not _moves_on(tx, reading.text) or _restates_day(setter, tx, reading.text):
                    continue
                stay = admitted or presented
                day_of_stay = has_calendar and stay is not None and tx.attrs.get("day_count") \
                    and tx.attrs.get("rel_anchor") in ("previous", "admission")
                if not day0_marked and current.known and tx.attrs.get("day_count") and  \
                        _DAY_ZERO_MARK.search(reading.text, setter.end, tx.start) is not None:
                    # "a transplant on 3 May (day 0) and on day 9 a fever": day 0 is the time told before the mark
                    day0_marked.append(current)
                # "... by day 4, and X was stopped on day 5": each day of the stay counts from its first day
                day = day_base(tx, i, current) if tx.attrs.get("day_count") else None
                if tx.start in restating:
                    continue  # "(from day 301 to day 378)": a span restated, not a later step of the sentence
                if (marked := _from_marked_day_zero(tx, day)) is not None:
                    new = marked.model_copy(update={"anchor": day[1]})  # type: ignore[index]
                elif born is not None and (aged := from_birth(reading.text, tx, born, today)) is not None:
                    new = aged  # "sat at 10 months and walked at 20 months": each an age, not a step on
                elif day is not None:
                    new = _from_calendar(tx, day[0]) if has_calendar else _after_event(tx, day[0])
                    new = new.model_copy(update={"anchor": day[1]}) if new is not None else None
                else:
                    new = _from_calendar(tx, stay if day_of_stay else current) if has_calendar else \
                        _offset(tx, current)
                if new is not None and tx.attrs.get("rel_anchor") == "admission" and _went_back(new, current):
                    continue  # "..., which was absent on the first hospital day": a look back, no step
                if new is not None and (end_at := _stay_range_end(reading.text, reading.sentences[i], tx,
                                                                   stay_told)) is not None:
                    # "admitted from 14/12 to 20/12 with a fall, ..., and discharged home": the range's end is the
                    # discharge's date, the words between are the stay's
                    stay_end = (end_at, new)
                    continue
                if new is not None and _dated_label(reading.text, reading.sentences[i], tx):
                    # "Admission Date: X   Discharge Date: Y": the field's date dates its field, the story stays at X
                    shifts.append((_clause_start(reading.text, told_to, tx.start), new))
                    told_to = max(told_to, tx.end)
                elif new is not None:
                    current = new
                    set_by[id(new)] = (new, tx)
                    shifts.append((_clause_start(reading.text, told_to, tx.start), new))
                    told_to = max(told_to, tx.end)
        if stay_end is not None:
            shifts = sorted((*shifts, stay_end), key=lambda shift: shift[0])
            current = shifts[-1][1]
        if restated is not None and setter is not None and aside is None:
            shifts.insert(0, restated)  # (the sentence's later times come after it)
        if current is None and (aside is None or not _bulleted_item(reading.text, reading.sentences[i][0])):
            out.append(None)  # (a list item's own date dates its item even before the story has a time)
            continue
        if setter is None and aside is None and current is not None and current.offset_days \
                and current.offset_days[1] < 0 and _RETURNS_TO_PRESENTATION.search(reading.text, *reading.sentences[i]):
            # "Ten years earlier, X. ... The patient presented to the emergency department with ...": back from the
            # history to the presentation, day 0 (timeqa9)
            current = TimeRef(offset_days=(0.0, 0.0), derivation="carried", precision="day", anchor="day0")
        if setter is None and aside is None and not has_calendar and current.offset_days is not None \
                and current.offset_days[1] < 0 and i not in asides \
                and (_EXAMINATION_RETURNS.match(reading.text, reading.sentences[i][0]) or i in stay_sections):
            # "She had been well until 10 days before admission, when fever began. On physical examination, she
            # looked ill.": the presentation's examination, back from the history told after it (as the calendar
            # axis does below); to the stay told last when one was
            at = last_stay.offset_days if last_stay is not None and last_stay.offset_days is not None else (0.0, 0.0)
            current = TimeRef(offset_days=at, derivation="carried", precision="day", anchor="day0")
        if setter is None and i in at_admission and current.offset_days and current.offset_days[1] < 0:
            # back from a piece of history to the admission the story counts from ("After admission, ...")
            current = TimeRef(offset_days=(0.0, 0.0), derivation="stated", precision="day", anchor="day0")
        if setter is None and not has_calendar and i in opens_at_admission and current.offset_days is not None:
            # "Vital signs at admission were ...", "On arrival, ..." after the story moved past it ("24 h after the
            # onset of symptoms, she developed fever"): back to the admission told last (timeqa7); with none told, to
            # day 0 (the presentation) only from the story's first days: "When examined on admission" after "Seventeen
            # days later, he developed ARDS" may be a later stay the story did not tell
            at = last_stay.offset_days if last_stay is not None and last_stay.offset_days is not None else (0.0, 0.0)
            if current.offset_days != at and (last_stay is not None or current.offset_days[1] <= _FIRST_DAYS):
                current = TimeRef(offset_days=at, derivation="carried", precision="day", anchor="day0")
        if setter is None and today is not None and _TODAY.search(reading.text, *reading.sentences[i]):
            current = today  # "Today he is well" in a letter that dated its "today" ("seen in clinic today, 13 May")
        if setter is None and aside is None and born is not None and _BORN.search(reading.text, *reading.sentences[i]):
            # "He was born at 34 weeks with a birth weight of 2.1 kg" in a letter stating the date of birth
            # (a look back: the story's time does not move)
            aside = TimeRef(earliest=born, latest=born, point=born, precision="day", derivation="carried",
                            anchor="birth")
        if setter is None and today is not None and last_admitted is None and current is not None \
                and (i in stay_sections or _AT_PRESENTATION.match(reading.text, reading.sentences[i][0])) \
                and _before(current, today):
            # a letter's or a progress note's examination and results ("On examination", "O:") in a document that
            # tells no stay: at the visit, the document's date, not at the history told before them
            current = today
        if setter is None and has_calendar and last_admitted is not None and (i in at_role or _before(
                current, last_admitted) and (_AT_PRESENTATION.match(reading.text, reading.sentences[i][0])
                                             or i in stay_sections)):
            # "On admission, ...": back to the admission, whatever was told since; "He had diarrhoea three weeks
            # earlier. On examination ...": back from the history to the presentation
            current = last_admitted
        if setter is None and aside is None and _goes_on_in_history(reading, i, out, asides) \
                and i not in admitted_in and i not in readmitted_in and i not in arrived_in and i not in at_admission:
            # "Five months before admission, he had migraines. These were accompanied by nausea.": the history's time
            aside = out[i - 1].time.model_copy(update={"derivation": "carried"})  # type: ignore[union-attr]
            if history is not None and history[0] == i - 1:
                history = (i, aside)
        if aside is not None:
            asides.add(i)
            back_to = None if history is not None and history[0] == i or current is None or setter is None else \
                not setter.attrs.get("vague") and setter.type != "time_relation" and \
                _RESUMES_RIGHT_AFTER.match(reading.text, int(setter.attrs.get("phrase_end") or setter.end)) or \
                _STORY_RESUMES.search(reading.text, int(setter.attrs.get("phrase_end") or setter.end),
                                      reading.sentences[i][1])
            # "a man operated for a hernia 20 years ago, admitted for abdominal pain": the story resumes its own time
            # at the admission told after the aside
            resumes = ((back_to.start(), current.model_copy(update={"derivation": "carried"})),) if back_to else ()
            if setter is not None and (clause := _BEFORE_PRESENTED.match(reading.text, setter.end)) is not None:
                # "Several days before the patient presented to the ED, he had X": the presentation told in the clause
                # is day 0's, what follows it the history's (timeqa13)
                resumes = ((clause.start(), TimeRef(offset_days=(0.0, 0.0), derivation="carried", precision="day",
                                                    anchor="day0")), (clause.end(), aside)) if not has_calendar else ()
            if setter is not None and i in by_sentence and current is not None:
                # "hypertension for 18 years, a subarachnoid haemorrhage 17 years ago, tuberculosis 14 years ago": each
                # item of a list of history dated by its own time counted back (timeqa13)
                items = _history_items(reading.text, setter, by_sentence[i], current, has_calendar)
                resumes = tuple(sorted((*resumes, *items), key=lambda shift: shift[0])) if items else resumes
            out.append(SentenceTime(time=aside, timex=setter, shifts=resumes))
            aside = None
            continue
        origin = None
        if setter:
            t = set_time
            set_by.setdefault(id(set_time), (set_time, setter))
            if setter.attrs.get("day_count"):
                day_counted.add(i)
        else:  # one carried copy per time carried (nothing changes a TimeRef once placed)
            if carried[0] is not current:
                carried = (current, current.model_copy(update={"derivation": "carried"}))
            t = carried[1]
            by = set_by.get(id(current))
            origin = by[1] if by is not None and by[0] is current else None
        if zero_at is not None and setter is not None and setter.start >= zero_at:
            # the words before the later day are day 0's: "received the first dose (day 0)" is not on day 7
            shifts.insert(0, (_clause_start(reading.text, zero_at, setter.start), t))
            t, setter, origin = day0_marked[0], None, None
        out.append(SentenceTime(time=t, timex=setter, shifts=tuple(shifts), origin=origin))
        if not day0_marked and t.known and i in writes_day and _DAY_ZERO.search(reading.text, *reading.sentences[i]):
            day0_marked.append(t)  # "... on April 23rd 2014 (day 0)": what "day +22" counts from
        told = admitted_in.get(i, readmitted_in.get(i))
        arrival = (told, True) if told is not None else arrived_in.get(i)
        if i == first_arrival and i not in asides and setter is not None and not setter.attrs.get("day_count") \
                and setter.attrs.get("rel_anchor") == "previous" and setter.attrs.get("rel_direction") == "after" \
                and _FRONTED.match(reading.text, reading.sentences[i][0], setter.start) is not None:
            # the first stay (or presentation) told, when the story steps on to it after day 0 ("Four weeks later,
            # she was admitted")
            when = _told_at(out[-1], arrival[0])  # type: ignore[index]
            first_stay = when if when.offset_days is not None and when.offset_days[0] > 0 else None
        if not has_calendar and arrival is not None and (arrival[1] or last_stay is None) and i not in asides:
            when = _told_at(out[-1], arrival[0])
            if when.offset_days is not None and when.offset_days[0] >= 0:
                last_stay = when  # (not a stay of the history)
        if told is not None or (last_admitted is None and i in presented_in):
            # the time where the admission (or presentation) is told: "diagnosed in 2019, was admitted on 3 May
            # 2022" is admitted in 2022
            when = _told_at(out[-1], told if told is not None else presented_in[i])
            if when.known and (when.point or when.earliest):
                last_admitted = when
                if admitted is None and i in admitted_in:
                    admitted = when
                elif presented is None and told is None:
                    presented = when
    return out


# a presentation or referral that starts a stay the story may not tell as an admission ("He was referred on the 18th
# day of life. On admission, ...")
# ("On day 5 he presented with a rash" tells a finding, not a new stay: a bare "presented" counts only as the first)
_ARRIVES = re.compile(r"\b(?:(?:presented|arrived)(?P<to>\s+(?:again\s+)?(?:to|at|in)\b)?|"
                      # "... and referred to our facility" (timeqa10: its discharge "after 8 days" counts from it)
                      r"(?P<ref>(?:was|were)\s+referred|referred\s+to\s+(?:our|this)\b)|"
                      # "transferred to our hospital's ICU on day 5": the stay at our hospital begins (timeqa8)
                      r"(?P<tr>transferred\s+to\s+(?:our|this)\s+(?:[\w-]+\s+){0,2}(?:hospital|institution|facility|"
                      r"cent(?:er|re)|department|clinic)))\b", re.I)
# "On arrival in the operating room", "on admission to the ICU": a unit's admission, not the stay's
_TO_A_UNIT = re.compile(r"\s+(?:to|in|at|into)\s+(?:the\s+|our\s+)?(?:\w+\s+)?(?:ICU|PICU|NICU|CCU|intensive|critical|"
                        r"high\s+dependency|operating|operation|theat(?:re|er)|ward|recovery|PACU|cath|labou?r|delivery|"
                        r"endoscopy|(?-i:OR))\b", re.I)  # ("OR": the operating room, timeqa10)


def _arrivals(reading: Reading, events: EventIndex) -> dict[int, tuple[int, bool]]:
    """sentence -> where it tells the patient presenting, referred or arriving (in the patient's story), and whether
    it names where to ("presented to our hospital", "was referred"), not only "presented with"."""
    out: dict[int, tuple[int, bool]] = {}
    ends = [e for _s, e in reading.sentences]
    # (a scan of the whole text for words any case may write: by the pattern's lowered twin over the lower-cased text,
    # rx_first.finditer, the same matches in half the time)
    for m in finditer(_ARRIVES, reading.text):
        j = bisect.bisect_right(ends, m.start())
        if j < len(ends) and events.in_story(j) and not (j in out and out[j][1]):
            out[j] = (m.start(), bool(m.group("to") or m.group("ref") or m.group("tr")))
    return out


_CONTINUES = re.compile(
    rf"\W*(?:(?:however|then)\s*,?\s+)?(?:(?:{alternation(HISTORY_CONTINUATIONS['openers'])})\s+"
    rf"(?:{alternation(HISTORY_CONTINUATIONS['verbs'])})|(?:after|following)\s+(?:\w+ing\s+)?"
    rf"(?:{alternation(HISTORY_CONTINUATIONS['refers'])}))\b", re.I)


def _discharged_since(i: int, admitted_in: dict[int, int], readmitted_in: dict[int, int],
                      discharges: list[int]) -> bool:
    """Whether a discharge was told after the last admission told before sentence `i` (or since the story began)."""
    last = max((j for j in (*admitted_in, *readmitted_in) if j < i), default=-1)
    return any(last < d < i for d in discharges)


# "When the boy was 7 years old, he had a rash": an age told as the time of a piece of history (timeqa10)
_WHEN_AGED = re.compile(rf"\bwhen\s+(?:{alternation(HISTORY_AGE_SUBJECTS, escape=False)})\s+"
                        r"was\s+(?:about\s+|approximately\s+|only\s+)?$", re.I)
# "Over the past 6 months, he had noticed ...": a sentence opening with the span before the story's time
_OPENS_WITH_SPAN = re.compile(r"(?:\A|[.!?:]\s+|\n\s*)(?:during|over|in|throughout)\s+$", re.I)
_SPAN_DAYS = {"D": 1.0, "W": 7.0, "M": 30.44, "Y": 365.25}
_SPAN = re.compile(r"P(\d+(?:\.\d+)?)([DWMY])$")


def _history_span(text: str, m: Mention) -> Mention | None:
    """An age or a span the timeline reads as the time of a piece of history, as a time mention; None otherwise.

    "When the boy was 7 years old, he had a rash" is at that age, as "at the age of 7 years" is (the story of a
    15-year-old: 8 years before day 0); "Over the past 6 months, he had noticed joint aches" opens a piece of history
    spanning them before the story's time (the sentence after it, "At that time, he was diagnosed with X", goes on in
    it). A span told later in a sentence ("fever for the past 3 days") is the presentation's own."""
    a = m.attrs
    if m.type == "age":
        if not isinstance(a.get("age_years"), int | float) or a.get("gestational") \
                or not _WHEN_AGED.search(text, max(0, m.start - 40), m.start):
            return None
        return m.model_copy(update={"type": "time", "attrs": {
            **a, "age_span": True, "rel_direction": "after", "rel_anchor": "birth", "kind": "relative"}})
    span = _SPAN.match(str(a.get("value") or ""))
    if span is None or a.get("rel_direction") != "before" or a.get("rel_anchor") != "presentation" \
            or a.get("kind") != "duration" or not _OPENS_WITH_SPAN.search(text, max(0, m.start - 40), m.start):
        return None
    days = float(span.group(1)) * _SPAN_DAYS[span.group(2)]
    return m.model_copy(update={"type": "time", "attrs": {
        **a, "kind": "relative", "rel_anchor": "previous", "rel_amount_min": 0.0, "rel_amount_max": days,
        "rel_unit": "day", "dct_relative": True, "history_span": True}})


def _first_presentation(i: int, current: TimeRef | None, last_stay: TimeRef | None, admitted_in: dict[int, int],
                        arrived_in: dict[int, tuple[int, bool]]) -> bool:
    """Whether sentence `i` tells the story's first presentation, admission or referral while the story is still at
    its day 0 (relative axis)."""
    return current is not None and current.offset_days == (0.0, 0.0) and last_stay is None \
        and (i in admitted_in or i in arrived_in) and not any(j < i for j in admitted_in)


_LATER = re.compile(r"\blater\b", re.I)
# how far back a piece of history told in passing may lie and still be the present illness a "later" goes on from
_PRESENT_ILLNESS_DAYS = 90.0


def _history_told_before(text: str, sentence_start: int, tx: Mention, i: int, out: list[SentenceTime | None],
                         asides: set[int], current: TimeRef | None) -> TimeRef | None:
    """The time of the piece of history sentence `i - 1` told in passing ("until two weeks earlier, when ..."), when
    the story is still at its day 0 and sentence `i` opens with an amount later than it ("Five days later, ...") that
    stays before day 0: what that amount counts from (relative axis; None otherwise). Past day 0, or after history
    older than the present illness (months back), an amount later counts from the story's time, as before."""
    if i - 1 not in asides or current is None or current.offset_days != (0.0, 0.0) \
            or tx.attrs.get("rel_anchor") != "previous" or tx.attrs.get("rel_direction") != "after" \
            or tx.attrs.get("day_count") or tx.attrs.get("vague") or not _LATER.search(tx.text) \
            or _FRONTED.match(text, sentence_start, tx.start) is None:
        return None  # ("Shortly after her fourth presentation, ..." names what it counts from)
    before = out[i - 1]
    if before is None or before.time.offset_days is None or before.time.offset_days[1] >= 0 \
            or before.time.offset_days[0] < -_PRESENT_ILLNESS_DAYS:
        return None  # ("diagnosed with gout 4 years ago. Three days later he developed a rash": the story's step)
    counted = _offset(tx, before.time)
    return before.time if counted is not None and counted.offset_days is not None \
        and counted.offset_days[1] <= 0 else None


def _goes_on_in_history(reading: Reading, i: int, out: list[SentenceTime | None], asides: set[int]) -> bool:
    """Whether sentence `i` (with no time of its own) goes on telling the piece of history the sentence before it told
    ("These were accompanied by nausea", "After eating this, he developed diarrhoea"), which did not resume the
    story within itself."""
    if i == 0 or i - 1 not in asides:
        return False
    before = out[i - 1]
    return before is not None and not before.shifts \
        and _CONTINUES.match(reading.text, reading.sentences[i][0]) is not None


def _went_back(new: TimeRef, current: TimeRef | None, slack: float = 1.0) -> bool:
    """Whether `new` lies wholly before the story's current time by more than `slack` days."""
    if current is None:
        return False
    if new.offset_days is not None and current.offset_days is not None:
        return new.offset_days[1] < current.offset_days[0] - slack
    gap = _days_between(new.model_copy(update={"point": new.latest or new.point}), current)
    return _before(new, current) and (gap is None or gap > slack)


def _days_between(a: TimeRef | None, b: TimeRef) -> float | None:
    """Days from calendar time `a` to `b` (their points), None when either has no calendar point."""
    x, y = (a.point or a.earliest) if a else None, b.point or b.earliest
    if not (x and y):
        return None
    try:
        return float((parse_iso(y)[0] - parse_iso(x)[0]).days)
    except (ValueError, TypeError):
        return None


def _later_stays(admitted_in: dict[int, int], readmitted_in: dict[int, int],
                 discharges: list[int]) -> list[tuple[int, int]]:
    """(sentence, position) of each stay that may be later than the first: a readmission, or an admission told after
    an earlier one and a discharge (one without a discharge between, "admitted to the ICU", is the same stay). The
    caller keeps those whose time lies after day 0 (a readmission that is the story's own day 0 is not later)."""
    told = sorted([(j, p, False) for j, p in admitted_in.items()] + [(j, p, True) for j, p in readmitted_in.items()])
    out: list[tuple[int, int]] = []
    for k, (j, p, again) in enumerate(told):
        if again or k and any(told[k - 1][0] <= d < j for d in discharges):
            out.append((j, p))
    return out


# a header line that dates one thing ("Discharge date: 14/02/2022", "Date of letter: 3 May 2021"): the story
# below it is not at that date; only the admission or presentation date starts the story. A record's header may set
# several fields on one line, apart by a wide gap ("Admission Date: 2022-04-02     Discharge Date: 2022-04-11").
_LABEL_LINE = re.compile(r"\s*(?P<label>[A-Za-z][A-Za-z /'()-]{2,40}?)\s*:\s*$")
_STORY_START_LABEL = re.compile(r"\b(?:admission|admitted|presentation|presented|onset|arrival)\b", re.I)
_FIELD_GAP = re.compile(r"[ \t]{3,}|\t")


# the label of a date of birth before its date ("DOB 11/06/1958", "Date of birth: ...", "born on ...")
DOB_BEFORE = re.compile(r"\b(?:DOB|D\.O\.B\.?|date of birth|born on)\s*[:.-]?\s*$", re.I)


@cache
def _encounter_labels() -> frozenset[str]:
    """Labels of the encounter's date ("Clinic date", "Date of visit"), `knowledge/encounter_date_labels.csv`."""
    return frozenset(r["label"] for r in table("encounter_date_labels.csv"))


def _field_label(text: str, sentence: tuple[int, int], tx: Mention) -> str | None:
    """The label of the record field whose whole value `tx` is ("Discharge Date: Y", one field of a line of several
    apart by a wide gap), lower-cased; None when `tx` is no field's value."""
    field = max((g.end() for g in _FIELD_GAP.finditer(text, sentence[0], tx.start)), default=sentence[0])
    m = _LABEL_LINE.fullmatch(text, field, tx.start)
    rest = text[tx.end:sentence[1]]
    if m is None or rest.strip(" .") and _FIELD_GAP.match(rest) is None:
        return None
    return " ".join(m.group("label").lower().split())


def _dated_label(text: str, sentence: tuple[int, int], tx: Mention) -> bool:
    """A field's date that dates its field only, not the story (the story starts at the admission's or the
    encounter's date: "Admission Date: X", "Clinic date: X")."""
    label = _field_label(text, sentence, tx)
    return label is not None and not _STORY_START_LABEL.search(label) and label not in _encounter_labels()


# an item of a bulleted or numbered list ("- Lupus nephritis (2016), mycophenolate stopped 2019"): the items are told
# side by side, so a date one item gives dates that item only, not the next ("- Hypertension")
_BULLETED_ITEM = re.compile(rf"[ \t]*{LIST_MARK}[ \t]+")


def _bulleted_item(text: str, start: int) -> bool:
    """Whether the sentence at `start` opens a list item (at its bullet or right after it). A number opens one only
    after a line that ended (a sentence, a heading's colon, a blank line): "FiO\n2. The next day" is a subscript
    the page broke."""
    line = text.rfind("\n", 0, start) + 1
    m = _BULLETED_ITEM.match(text, line)
    if m is None or start > m.end():
        return False
    if not text[line:m.end()].strip()[:1].isdigit():
        return True
    previous = text[text.rfind("\n", 0, max(0, line - 1)) + 1:max(0, line - 1)].strip()
    return not previous or previous[-1] in ".:;!?)" or _BULLETED_ITEM.match(previous) is not None


# the patient's first presentation ("presented on 7 March 2024 with", "was referred in May 2021"): what "on
# admission" dates when the story tells no admission
_PRESENTED = re.compile(r"\b(?:presented|was referred|were referred)\b(?! again)", re.I)


def _told_at(st: SentenceTime, pos: int) -> TimeRef:
    """The time of what is told at `pos`: the sentence's time there, or the date its clause gives right after it
    ("diagnosed in 2019, was admitted on 3 October 2022")."""
    return st.shift_after(pos, _CLAUSE_DATE_GAP) or st.at(pos)


_CLAUSE_DATE_GAP = 30  # characters between "was admitted" and its date ("was admitted to our hospital on ...")


def _presentation_sentences(reading: Reading) -> dict[int, int]:
    """The first sentence of the patient's story telling a presentation, with where it is told."""
    for i, (start, end) in enumerate(reading.sentences):
        m = _PRESENTED.search(reading.text, start, end)
        if m is None:
            continue
        zone = next((x.zone for x in reading.mentions if start <= x.start < end), None)
        if zone in PATIENT_ZONES:
            return {i: m.start()}
    return {}


_TODAY = re.compile(r"\btoday\b", re.I)
# "admitted from 14/12/2025 to ", "hospitalized from March 3 until ": the end of a stay told as a range of dates
_RANGE_TO = re.compile(r"\bfrom\s+[^.;,]{1,30}?\s+(?:to|until|till|through)\s+$", re.I)


def _stay_range_end(text: str, sentence: tuple[int, int], tx: Mention, stay_told: list[tuple[int, str]]) -> int | None:
    """Where the discharge that date `tx` ends lies in its sentence, if `tx` ends a range of dates of a stay the
    sentence tells and later discharges ("He was admitted from 14/12/2025 to 20/12/2025 ... and discharged to a
    rehabilitation unit"); None for any other date (a range with no discharge told, "hospitalized from January to July
    2013 and treated for X", is read as before: its end's year may be its start's)."""
    if not _RANGE_TO.search(text, max(sentence[0], tx.start - 45), tx.start):
        return None
    lo = bisect.bisect_left(stay_told, (sentence[0], ""))
    hi = bisect.bisect_left(stay_told, (sentence[1], ""))
    told = stay_told[lo:hi]
    if not any(start < tx.start and norm != "discharge" for start, norm in told):
        return None
    return next((start for start, norm in told if start > tx.start and norm == "discharge"), None)


_TODAY_RESTATED = re.compile(r"\btoday\s*,\s*$", re.I)  # "today, three weeks after X": a time restating today
_BORN = re.compile(r"\b(?:was|were)\s+born\b", re.I)  # the birth told ("He was born at 34 weeks")
# the date a letter gives its "today": "today, 13 October 2023", "today (13/10/2023)", "13/10/2023 (today)"
_TODAY_BEFORE = re.compile(r"\btoday\s*[,(:]\s*$", re.I)
_TODAY_AFTER = re.compile(r"\s*\(\s*today\s*\)", re.I)


def _encounter_date(reading: Reading, m: Mention) -> bool:
    """Whether `m` is the date of the encounter a letter records ("Clinic date: 14/02/2023"): its "today"."""
    text = reading.text
    end = text.find("\n", m.end)
    return _field_label(text, (text.rfind("\n", 0, m.start) + 1, len(text) if end < 0 else end), m) \
        in _encounter_labels()


def _today(reading: Reading, types: ByType) -> TimeRef | None:
    """The calendar date the text says is today, if it says so once next to a full date."""
    found = [m for m in types.of("date") if m.attrs.get("kind") == "absolute"
             and (_TODAY_BEFORE.search(reading.text, max(0, m.start - 12), m.start)
                  or _TODAY_AFTER.match(reading.text, m.end) or _encounter_date(reading, m))]
    times = {t.point for t in (calendar_time(m) for m in found) if t is not None and t.precision == "day"}
    if len(times) != 1:
        return None
    return next(t for t in (calendar_time(m) for m in found) if t is not None and t.precision == "day")


# a line's label dated in brackets before its colon: "Blood cultures (02/09/2025): Streptococcus pneumoniae",
# "- Echocardiogram (14/03/2024): EF 35%": the date is the line's (the sample's or the test's), no aside
_LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-\u2022*][ \t]*)?[A-Za-z][\w ./-]{0,40}\(\s*\Z")
_LABEL_AFTER = re.compile(r"\s*\)\s*:")


def _label_dated_in_brackets(text: str, m: Mention) -> bool:
    """Whether the date `m` in brackets dates the label opening its line, before the label's colon (documents QA
    round docqa5: an ICU summary's microbiology)."""
    return m.type == "date" and _LABEL_AFTER.match(text, m.end) is not None \
        and _LABEL_BEFORE.search(text, max(0, m.start - 50), m.start) is not None


def letter_date(reading: Reading, types: ByType) -> TimeRef | None:
    """The document's own date, its "today" ("Clinic date: 14/02/2023", "today (3 May 2021)"), if it states one."""
    return _today(reading, types)


# a new clause of the sentence: ", and", ", but", ", then", ";", "and" before a past participle ("held on day 2 and
# restarted ... on day 5"), "then", "but"
_CLAUSE = re.compile(r",\s*(?:and|but|then|and then)\b|;|\band\s+(?:then\s+)?(?=[a-z]+ed\b)|\bthen\b|\bbut\b")


# where an item of a list begins: after its comma, semicolon or "and"
_LIST_ITEM = re.compile(r"[,;]\s*(?:and\s+)?|\band\s+")


def _history_items(text: str, setter: Mention, timexes: list[Mention], current: TimeRef | None,
                   has_calendar: bool) -> list[tuple[int, TimeRef]]:
    """The later items of a list of history whose sentence a time counted back set ("She had hypertension for 18 years,
    a subarachnoid haemorrhage 17 years ago and tuberculosis 14 years ago"): each item from its start (after the comma
    or "and" before it) to the next, dated by its own time counted back from the presentation."""
    items: list[tuple[int, TimeRef]] = []
    lo = setter.end
    for tx in timexes:
        if tx.start <= lo or tx.attrs.get("rel_direction") != "before" or tx.attrs.get("vague") \
                or not _before_presentation(text, tx):
            continue
        t = _from_calendar(tx, current) if has_calendar else _offset(tx, current)
        if t is None:
            continue
        start = lo
        for m in _LIST_ITEM.finditer(text, lo, tx.start):
            start = m.end()
        items.append((start, t))
        lo = tx.end
        back = _RESUMES_RIGHT_AFTER.match(text, int(tx.attrs.get("phrase_end") or tx.end))
        if current is not None and back is not None:
            # "... and a cholecystectomy 10 years ago presented to the emergency department with ...": the story's time
            items.append((back.start(), current.model_copy(update={"derivation": "carried"})))
            break
    return items


def _clause_start(text: str, lo: int, at: int) -> int:
    """Where the time told at `at` starts to govern: at the start of its own clause, the last new clause after the
    time told before it (ending at `lo`), when the expression ends that clause ("held on day 2 and restarted at 2.5 mg
    on day 5": the restart is on day 5), else at the expression itself ("on day 2 ..., and two days later she
    relapsed")."""
    start = at
    for clause in _CLAUSE.finditer(text, lo, at):
        start = clause.start()
    return start


# the story's present told after a piece of history in passing: an admission, a presentation or a referral
_STORY_RESUMES = re.compile(r"(?:[,;]|\band\b)\s+(?:(?:he|she|was|were|is|then|subsequently|now|later|finally)\s+)*"
                            r"(?:admitted|presented|referred|hospitali[sz]ed|came|attended)\b", re.I)


# "A 66-year-old man with a cholecystectomy 10 years ago presented to the emergency department with ...": the
# presentation told right after the history's time (no comma) is the story's own time, as after ", and" (timeqa9); not
# after a vague one ("was recently hospitalized for X": the history's own stay)
_RESUMES_RIGHT_AFTER = re.compile(r"\s+(?:(?:was|were)\s+)?(?:presented|admitted|transferred|referred|brought|"
                                  r"hospitali[sz]ed|attended)\b", re.I)


def _moves_on(tx: Mention, text: str) -> bool:
    """A later time in a sentence that already has one moves the story on: a calendar date, or an amount counted
    forward from the time just told ("two months later", "after 10 days"); not a length ("for 2 weeks"), nor an
    amount counted from another event the text brings in untimed ("presented on 14 August, two weeks after an
    upper respiratory tract infection": the infection came two weeks before, the story stays)."""
    if tx.type == "date" and tx.attrs.get("kind") == "absolute":
        return True
    end = int(tx.attrs.get("phrase_end") or tx.end)
    if _FROM_UNTIMED_EVENT.match(text, end) and re.search(r"(?:after|following)\s*$", text[tx.start:end], re.I):
        return False
    # "... and died on the 7th ICU day", "... and was discharged on hospital day 9": a day count of the stay later in
    # the sentence is a later step too (timeqa10: the death stayed at the sentence's "In the meantime", five days
    # early). (Not yet "POD 7": which operation it counts from is the setter's reading, `day_count_anchor`.)
    counted = tx.attrs.get("rel_anchor") == "previous" or tx.attrs.get("day_count") \
        and tx.attrs.get("rel_anchor") == "admission"
    return tx.attrs.get("rel_direction") == "after" and bool(counted) \
        and not tx.attrs.get("vague") and not tx.attrs.get("age_span")


_FROM_UNTIMED_EVENT = re.compile(r"\s+(?:an?|another)\s+[a-z]", re.I)
_COMMA_ONLY = re.compile(r"\s*,\s*")


def _restates_day(setter: Mention, tx: Mention, text: str) -> bool:
    """ "On DOL 29, two weeks after resuming feeds, ...": an amount told right after a day count, a comma between,
    says how that day relates to an earlier event; it is the same day, not two weeks after it (timeqa8)."""
    return bool(setter.attrs.get("day_count")) and tx.attrs.get("rel_direction") == "after" \
        and _COMMA_ONLY.fullmatch(text, setter.end, tx.start) is not None


# a figure's legend, a line of its own opening with the figure's label ("Figure 2. CT at the 6-month follow-up ...",
# "Fig. 3 A: ..."): it describes images taken at some time of the course and tells no step of the story
_LEGEND_LINE = re.compile(r"[ \t]*(?:supplementary\s+)?(?:figure|fig\.?)\s*S?\d+", re.I)


def _in_legend(text: str, sentence_start: int, glued: Covers | None = None) -> bool:
    """True when the sentence starting at `sentence_start` lies on a figure legend's line (exposure QA, expqa5: the
    follow-up times of a legend moved the story on, and the drugs told after it were dated months late), or in a legend
    glued to the end of a paragraph's sentence (`glued`, from `_glued_legends`)."""
    return _LEGEND_LINE.match(text, text.rfind("\n", 0, sentence_start) + 1) is not None \
        or bool(glued) and glued.holds(sentence_start, sentence_start + 1)


# a legend the text glued to the last sentence of a paragraph, with no space after its full stop ("... to the infected
# skin sinus.Fig 1 Patient with a fistula. A, Bleeding 5 years after the repair."), as full texts flattened from PMC
# write them (in about 330 of the 2,139 T2S2 reports): the legend runs to the end of its line (timeqa13)
_GLUED_LEGEND = re.compile(r"(?<=[.)])(?:figure|fig\.?)[ \t\xa0]*S?\d+", re.I)


def _glued_legends(text: str) -> list[tuple[int, int]]:
    """The spans of the legends glued to a sentence (`_GLUED_LEGEND`), each to the end of its line."""
    spans: list[tuple[int, int]] = []
    for m in _GLUED_LEGEND.finditer(text):
        end = text.find("\n", m.start())
        spans.append((m.start(), end if end >= 0 else len(text)))
    return spans


def _calendar(value: object) -> bool:
    try:
        parse_iso(str(value))
    except ValueError:
        return False
    return True


def add_months_iso(iso: str, months: int) -> str:
    a, _, _ = parse_iso(iso)
    y, m = a.year, a.month + months
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return fmt(date(y, m, 1), "month")


_AT_PRESENTATION = re.compile(r"\W*(?:on|at|upon)\s+(?:(?:the\s+)?(?:physical|clinical|initial|admission)\s+)?"
                              r"(?:examination|presentation|arrival)\b", re.I)


def _before(a: TimeRef, b: TimeRef) -> bool:
    """Whether calendar time `a` ends before calendar time `b` begins (False when either has no calendar time)."""
    x, y = a.latest or a.point, b.earliest or b.point
    if not (x and y):
        return False
    try:
        return parse_iso(x)[1] < parse_iso(y)[0]
    except (ValueError, TypeError):
        return False

