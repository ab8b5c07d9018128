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
from datetime import timedelta
from functools import cache

from casecourse.assembly.positions import ByType
from casecourse.assembly.record_sections import LIST_MARK
from casecourse.knowledge import table
from casecourse.model import Mention, TimeRef
from casecourse.reading.demographics import of_a_relative
from casecourse.reading.pipeline import Reading
from casecourse.reading.timex_lexicon import (
    HISTORY_AGE_SUBJECTS,
    NUMBER_WORDS,
    PRESENTATION_CLAUSE_VERBS,
    PRESENTATION_REFERENCES,
    alternation,
)
from casecourse.reading.timex_resolve import fmt, parse_iso, resolve
from casecourse.reading.zoning import PATIENT_ZONES

_AT_THE_TIME = re.compile(r"at (?:the|that) time$", re.I)
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
        """The first shift after `pos`, at most `gap` characters after it; none where the time turns unknown (a figure
        legend glued to the sentence, which dates nothing before it: left14)."""
        if self._starts is not None:
            i = bisect.bisect_right(self._starts, pos)
            later = self.shifts[i][1] if i < len(self.shifts) and self._starts[i] <= pos + gap else None
        else:
            later = next((later for start, later in self.shifts if pos < start <= pos + gap), None)
        return later if later is None or later.derivation != "unknown" else None

    def dated_right_after(self, text: str, end: int) -> TimeRef | None:
        """The date a result's own clause gives right after it ("ferritin fell to 3,100 ug/L by 16 April"), when the
        sentence's time before it came from another clause ("fever settled within 48 hours and ...")."""
        if not self.shifts:
            return None
        i = bisect.bisect_right(self._starts, end) if self._starts is not None else None
        later = [(p, t) for p, t in self.shifts if p >= end] if i is None else self.shifts[i:i + 1]
        if later and _DATE_RIGHT_AFTER.fullmatch(text, end, later[0][0]):
            return later[0][1]
        return None

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


def _within_point(anchor: str, tx: Mention, precision: str) -> str:
    """ "Within 72 hours" of a time known to the month: by the middle of that month plus the amount (the interval's
    end, a month on, would date a fever gone in March to April); of a day, that day plus the amount."""
    a, b, _ = parse_iso(anchor)
    amount = float(tx.attrs.get("rel_amount_max") or tx.attrs.get("rel_amount_min") or 0)
    return fmt(a + (b - a) / 2 + timedelta(days=amount), precision)


def _soon_after(lo: str) -> str:
    """A month after the middle of `lo` ("2018-03" -> "2018-04")."""
    a, b, _ = parse_iso(lo)
    return fmt(a + (b - a) / 2 + timedelta(days=30), "month")


def calendar_time(tx: Mention) -> TimeRef | None:
    """The time of a calendar date on its own ("in May 2019"), or None when it needs a story time to be placed."""
    return _from_calendar(tx, None)


def _whole_month(current: TimeRef | None) -> bool:
    """Whether the story's time is a month as the text told it ("in March 2019"), not a month-wide estimate of a day
    counted from one (a count from that would lose the days it was moved by)."""
    return current is not None and current.precision == "month" and current.point is not None \
        and len(current.point) == 7 and current.earliest in (None, current.point) \
        and current.latest in (None, current.point)


def _from_calendar(tx: Mention, current: TimeRef | None) -> TimeRef | None:
    anchor = (current.point or current.earliest) if current else None
    kind = tx.attrs.get("kind")
    if kind != "absolute" and not anchor:
        return None
    try:
        lo, hi, point, prec = resolve(tx, anchor or str(tx.attrs.get("value")), _whole_month(current))
    except (ValueError, TypeError, KeyError, OverflowError):
        return None  # an expression the calendar cannot place leaves the current time as it is
    if point is None:
        point = _within_point(anchor, tx, prec) if tx.attrs.get("rel_direction") == "within" and anchor \
            else hi if tx.attrs.get("rel_direction") == "within" else _midpoint(lo, hi)
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


# the text's own day 0 of a course it counts as "day +N" ("a transplant on 3 May (day 0)", "day 0 was the surgery")
# ("(day zero)" written out, timeqa12)
_DAY_ZERO = re.compile(r"\bday\s*(?:0|zero)\b", re.I)
# a day count written "day 13", "hospital day 5": of the stay, counted from day 0 even when the story is past it
_DAY_COUNT = re.compile(r"(?:(?:hospital|illness|admission|post-?operative|treatment)\s+)?day\s+\d+$", re.I)
_WEEK_COUNT = re.compile(r"(?:treatment\s+)?week\s+\d+$", re.I)


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
    if not tx.attrs.get("day_count"):
        return False
    if tx.attrs.get("rel_unit") == "week":  # "at week 8", "by week 6": the week of the course, from day 0
        return _WEEK_COUNT.match(tx.text) is not None and not tx.attrs.get("gestational")
    if tx.attrs.get("rel_unit") != "day":
        return False
    return _DAY_COUNT.match(tx.text) is not None or bool(tx.attrs.get("day_list")) \
        or float(tx.attrs.get("rel_amount_max") or 0) >= base[0] - 1


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
    # (and a week of the pregnancy told as a time: "during gestational week 28", "in the 26th week of her pregnancy")
    weeks = [m for m in types.of("time") if m.attrs.get("gestational")]
    for m in sorted([*told, *weeks], key=lambda m: m.start) if weeks else told:
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


# a header line that dates one thing ("Discharge date: 14/02/2022", "Date of letter: 3 May 2021"): the story
# below it is not at that date; only the admission or presentation date starts the story. A record's header may set
# several fields on one line, apart by a wide gap ("Admission Date: 2022-04-02     Discharge Date: 2022-04-11").
_LABEL_LINE = re.compile(r"\s*(?P<label>[A-Za-z][A-Za-z /'()-]{2,40}?)\s*:\s*$")
_STORY_START_LABEL = re.compile(r"\b(?:admission|admitted|presentation|presented|onset|arrival)\b", re.I)
_FIELD_GAP = re.compile(r"[ \t]{3,}|\t")
# another labelled field after two spaces: "Date: 09/14/2023  Time: 03:40" (a note's header; documents QA round docqa11)
_NEXT_FIELD = re.compile(r"[ \t]{2}[A-Z][A-Za-z /]{1,25}:\s")


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
    if m is None or rest.strip(" .") and _FIELD_GAP.match(rest) is None and _NEXT_FIELD.match(rest) is None:
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


# between a result and the date it was measured: a preposition only ("3,100 ug/L by 16 April", "5 mg/L on day 9")
_DATE_RIGHT_AFTER = re.compile(r"\s*,?\s*(?:by|on|at)\s+(?:the\s+)?", re.I)


def _told_at(st: SentenceTime, pos: int, text: str | None = None) -> TimeRef:
    """The time of what is told at `pos`: the sentence's time there, or the date its clause gives right after it
    ("diagnosed in 2019, was admitted on 3 October 2022"); given the `text`, also a date further on in the same
    clause ("presented to the emergency department of a hospital in Bronx, NY in October 2016")."""
    near = st.shift_after(pos, _CLAUSE_DATE_GAP)
    if near is None and text is not None and (far := st.shift_after(pos, _CLAUSE_DATE_REACH)) is not None:
        start = next(p for p, t in st.shifts if t is far and p > pos)
        near = far if not _CLAUSE_BREAK.search(text, pos, start) else None
    return near or st.at(pos)


_CLAUSE_DATE_GAP = 30  # characters between "was admitted" and its date ("was admitted to our hospital on ...")
_CLAUSE_DATE_REACH = 90  # ... and the most a clause with no break may hold before its date
# (", NY in October 2016": a state after its city, no break)
_CLAUSE_BREAK = re.compile(r"[;:.(]|,\s+(?![A-Z]{2}\b)|\b(?i:and|but|with|after|before|when|while|for|because)\b")


_TODAY = re.compile(r"\btoday\b", re.I)


# the date a letter gives its "today": "today, 13 October 2023", "today (13/10/2023)", "13/10/2023 (today)"
_TODAY_BEFORE = re.compile(r"\btoday\s*[,(:]\s*$", re.I)
_TODAY_AFTER = re.compile(r"\s*\(\s*today\s*\)", re.I)


def _encounter_date(reading: Reading, m: Mention) -> bool:
    """Whether `m` is the date of the encounter a letter records ("Clinic date: 14/02/2023"): its "today"."""
    text = reading.text
    end = text.find("\n", m.end)
    return _field_label(text, (text.rfind("\n", 0, m.start) + 1, len(text) if end < 0 else end), m) \
        in _encounter_labels()


def _today_mention(reading: Reading, types: ByType) -> Mention | None:
    """The first date the text says is today, if it names one calendar day so (next to "today" or as the
    encounter's date, "Clinic date: 14/02/2023")."""
    found = [m for m in types.of("date") if m.attrs.get("kind") == "absolute"
             and (_TODAY_BEFORE.search(reading.text, max(0, m.start - 12), m.start)
                  or _TODAY_AFTER.match(reading.text, m.end) or _encounter_date(reading, m))]
    days = [m for m in found if (t := calendar_time(m)) is not None and t.precision == "day"]
    if len({t.point for m in days if (t := calendar_time(m)) is not None}) != 1:
        return None
    return days[0]


def _today(reading: Reading, types: ByType) -> TimeRef | None:
    """The calendar date the text says is today, if it says so once next to a full date."""
    m = _today_mention(reading, types)
    return calendar_time(m) if m is not None else None


# a line's label dated in brackets before its colon: "Blood cultures (02/09/2025): Streptococcus pneumoniae",
# "- Echocardiogram (14/03/2024): EF 35%": the date is the line's (the sample's or the test's), no aside
# (not a figure's or table's legend, "Figure 2 Chest radiograph. Left (December 10, 2014):", nor a sentence's end)
_LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-\u2022*][ \t]*)?(?!(?:fig|figure|table|supplementa\w*)\b)"
                           r"[A-Za-z](?:[\w /-]|\.(?!\s)){0,40}\(\s*\Z", re.I)
_LABEL_AFTER = re.compile(r"\s*\)\s*:")


def _label_dated_in_brackets(text: str, m: Mention) -> bool:
    """Whether the date `m` in brackets dates the label opening its line, before the label's colon (documents QA
    round docqa5: an ICU summary's microbiology)."""
    return m.type == "date" and _LABEL_AFTER.match(text, m.end) is not None \
        and _LABEL_BEFORE.search(text, max(0, m.start - 50), m.start) is not None


def letter_date_mention(reading: Reading, types: ByType) -> Mention | None:
    """The date mention that gives the document its own date (see `letter_date`)."""
    return _today_mention(reading, types)


def letter_date(reading: Reading, types: ByType) -> TimeRef | None:
    """The document's own date, its "today" ("Clinic date: 14/02/2023", "today (3 May 2021)"), if it states one."""
    return _today(reading, types)


def _before(a: TimeRef, b: TimeRef) -> bool:
    """Whether calendar time `a` ends before calendar time `b` begins (False when either has no calendar time)."""
    x, y = a.latest or a.point, b.earliest or b.point
    if not (x and y):
        return False
    try:
        return parse_iso(x)[1] < parse_iso(y)[0]
    except (ValueError, TypeError):
        return False

