"""Put every sentence of the story on its calendar (or on a day axis from day 0): `place_sentences`.

The narrative is read in order (`timeline` explains the clock); what the text tells of admissions, arrivals and
legends is read first (`timeline_scan`), then `_StoryPlacer` walks the sentences, carrying the story's current time.
"""
from __future__ import annotations

import math
import re
from collections.abc import Container

from casecourse.assembly.positions import ByType
from casecourse.assembly.timeline import (
    _BARE_DAY,
    _BEFORE_PRESENTED,
    _DAY_ZERO,
    _DAY_ZERO_MARK,
    _FRONTED,
    _TODAY,
    DOB_BEFORE,
    SentenceTime,
    _after_birth,
    _after_event,
    _after_the_stay,
    _age_now,
    _anchor_of,
    _at_age,
    _at_age_calendar,
    _bare_weeks,
    _before,
    _before_presentation,
    _bulleted_item,
    _counts_from_event,
    _dated_label,
    _day_zero_before_a_day,
    _days_between,
    _field_label,
    _follow_up_mark,
    _from_calendar,
    _from_marked_day_zero,
    _gestational_ages,
    _of_a_later_first_stay,
    _offset,
    _open_after,
    _presented_on,
    _state_since,
    _today,
    _told_at,
    _unanchored_pod,
    _went_back,
    _writing_day,
    calendar_time,
    days_after,
)
from casecourse.assembly.timeline_anchor import (
    Anchor,
    EventIndex,
    day_count_anchor,
    find_anchor,
    our_admission,
    told_before,
    unit_admission,
)
from casecourse.assembly.timeline_birth import birth_date, from_birth
from casecourse.assembly.timeline_clauses import (
    _NAMES_THE_STAY,
    _RESUMES_RIGHT_AFTER,
    _STORY_RESUMES,
    PRESENTED_THEN_LOOKS_BACK,
    _clause_start,
    _history_items,
    _moves_on,
    _restates_day,
    _stay_range_end,
)
from casecourse.assembly.timeline_doses import DOSE_COUNT, course_start, dose_count, dose_time
from casecourse.assembly.timeline_scan import (
    _LEGEND_LINE,
    _arrivals,
    _discharged_since,
    _in_legend,
    _later_stays,
    _presentation_sentences,
    scan_story,
)
from casecourse.assembly.timeline_sections import after_stay_headings
from casecourse.model import Mention, TimeRef
from casecourse.reading.pipeline import Reading
from casecourse.reading.timex_lexicon import (
    EXAMINATION_RETURNS,
    HISTORY_CONTINUATIONS,
    PRESENTATION_RETURNS,
    alternation,
)
from casecourse.reading.timex_resolve import parse_iso

# how far back a day count of the stay may take a story dated by the calendar ("on day 20 ... in the third month ...
# on day 5 the culture grew") before it is taken for a day of a later course the story did not name
_STAY_RETURN_DAYS = 90.0


# how far past day 0 a story may be for "On admission" to take it back to day 0 when it told no admission
_FIRST_DAYS = 3.0


_DAY_WORD = re.compile(r"\bday\b", re.I)


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


def place_sentences(reading: Reading, types: ByType | None = None) -> list[SentenceTime | None]:
    """The time governing each sentence (None outside the patient's story or before any time). `types`: the reading's
    mentions by type, when the caller has them."""
    if types is None:
        types = ByType(reading.mentions)
    placer = _StoryPlacer(reading, types)
    for i in range(len(reading.sentences)):
        placer.place(i)
    return placer.out


# a new clause with a subject or verb of its own: ", and", ", but", ", then", ", followed", ";", "but", "then" (not
# "and" alone: "was extubated and transferred on day 5" tells both on day 5)
_NEW_CLAUSE = re.compile(r",\s*(?:and|but|then|and then|followed)\b|;|\bbut\b|\bthen\b", re.I)
# a verb or participle, so that a clause is told on each side of the boundary (not the items of one list)
_VERB = re.compile(r"\b(?:was|were|is|are|had|has|have|did|does|became|began|grew|went|took|gave|underwent|"
                   r"[a-z]{2,}ed)\b", re.I)
_SEPARATOR = re.compile(r"[,;]")


# the date of a diagnosis told in passing ("with lupus diagnosed in 2018", "with diabetes (since 2011)") and the story's
# presentation told after it in the sentence (docqa6)
_DIAGNOSED_AT = re.compile(r"\b(?:diagnosed|since)\s+(?:(?:in|on|at)\s+)?(?:(?:early|late|mid-?)\s+)?$", re.I)
_PRESENTS = re.compile(r"\b(?:presented|admitted|referred|hospitali[sz]ed|attended)\b", re.I)
# a sentence that opens with the patient: "A 60-year-old man", "The patient", "Our patient, a 3-year-old girl,"
_PATIENT_OPENING = re.compile(r"\s*(?:an?|the|our|this)\s+(?:[\w-]+\s+){0,4}?(?:man|woman|boy|girl|male|female|"
                              r"patient|infant|child|gentleman|lady|neonate|adolescent)\b", re.I)
# the patient described at the opening of a sentence, up to a "with" or "who" that tells what he has or had: "A
# 60-year-old man with ...", "An infant who had ..." (docqa14)
_PATIENT_DESCRIBED = re.compile(_PATIENT_OPENING.pattern + r"[^.;]*?\b(?:with|who)\b", re.I)


# a sentence of the patient's history: "His medical history included ...", "He had a history of ...", "previously"
_HISTORY_SENTENCE = re.compile(r"\b(?:history|previous(?:ly)?|prior\s+to\s+this|past)\b", re.I)
# a look back told in the past perfect after the presentation: "She had stopped levothyroxine in 2010" (docqa13)
_PAST_PERFECT = re.compile(r"\b(?:had|having)\s+(?:(?:already|previously|also|then|never|not)\s+)*"
                           r"(?:(?:chosen|decided|elected)\s+to\s+\w+|been|stopped|discontinued|ceased|quit|undergone|received|taken|started|begun|"
                           r"had|suffered|developed|travell?ed|moved|lived|worked)\b", re.I)
# a date told as a bound of a state before it: "smoking prior to 2014", "took X until 2012"
_BOUND_BEFORE = re.compile(r"\b(?:prior\s+to|before|until)\s+(?:the\s+)?(?:year\s+)?$", re.I)


def _diagnosed_before_presenting(text: str, sentence: tuple[int, int], tx: Mention) -> int | None:
    """Where the presentation is told, when calendar date `tx` dates a diagnosis told in passing before the story's
    presentation in the same sentence ("A 31-year-old woman with SLE, diagnosed in 2018 and maintained on
    hydroxychloroquine, presented with ..."), or a piece of history in the description of the patient that opens it
    ("A 60-year-old man with a renal transplant in 2009 presented with ...", "A woman who had a splenectomy in 1995
    was admitted ..."): the date is the history's, not the presentation's; None otherwise."""
    if tx.type != "date" or tx.attrs.get("kind") != "absolute" \
            or not (_DIAGNOSED_AT.search(text, max(sentence[0], tx.start - 25), tx.start)
                    or (opening := _PATIENT_DESCRIBED.match(text, sentence[0], tx.start)) is not None
                    and _PRESENTS.search(text, opening.end(), tx.start) is None):
        return None
    end = int(tx.attrs.get("phrase_end") or tx.end)
    m = _PRESENTS.search(text, end, sentence[1])
    return m.start() if m is not None else None


# a piece of history told after the presentation, in its sentence: "presented with pain on a background of diabetes and
# a splenectomy in 1995", "admitted with fever, with a past history of a valve replacement in 2012"
_HISTORY_AFTER_PRESENTING = re.compile(r"\b(?:(?:on\s+a\s+)?background\s+of|(?:past\s+|previous\s+|prior\s+)?"
                                       r"(?:medical\s+)?history\s+of)\b", re.I)


def _history_after_presenting(text: str, sentence: tuple[int, int], tx: Mention) -> int | None:
    """Where a piece of history begins, when calendar date `tx` dates it in the sentence that opens the story after
    the presentation ("A 70-year-old woman presented with abdominal pain on a background of diabetes and a
    splenectomy in 1995"): the date is the history's, the presentation's time is not told; None otherwise."""
    if tx.type != "date" or tx.attrs.get("kind") != "absolute" \
            or (verb := _PRESENTS.search(text, sentence[0], tx.start)) is None:
        return None
    cue = _HISTORY_AFTER_PRESENTING.search(text, verb.end(), tx.start)
    return cue.start() if cue is not None and _PATIENT_OPENING.match(text, sentence[0], verb.start()) else None


def _after_or_same(now: TimeRef | None, before: TimeRef) -> bool:
    """The step's time is not earlier than the time told before it (a step back dates the whole sentence, as before)."""
    if now is None:
        return False
    if now.offset_days is not None and before.offset_days is not None:  # (days from day 0, whatever they count from)
        return now.offset_days[0] >= before.offset_days[0]
    a, b = now.earliest or now.point, before.earliest or before.point
    return a is None or b is None or a >= b


# an item of a hospital course told by problem, opening its line: "#1 Sepsis ...:", "# 2. Acute kidney injury:"
_PROBLEM_ITEM = re.compile(r"(?<![^\n])#\s?\d{1,2}\b")

class _StoryPlacer:
    """Walks the story sentence by sentence, carrying its current time (`current`) and what the story told so far
    (admissions, stays, day 0 marks, pieces of history); `out` holds each sentence's time as placed.

    One sentence (`place`) goes: back from a figure legend (`_after_legend`); its own time, set by the first of its
    time expressions that places it (`_own_time`, `_told_time`), or a piece of history told aside (`aside`); its
    later times (`_later_steps`); back to the presentation, the admission or the visit when it returns there with no
    time of its own (`_back_to_story`); then a history sentence (`_history_sentence`) or a sentence of the story
    (`_story_sentence`), and what it tells of day 0 and the stays for the sentences after it (`_note_stays`).
    """

    def __init__(self, reading: Reading, types: ByType) -> None:
        self.reading = reading
        self.text = reading.text
        self.sentences = reading.sentences
        self.scan = scan = scan_story(reading, types)
        # sentences opening a section of the stay ("Investigations", "Hospital course"): back from a history there
        self.stay_sections = after_stay_headings(reading.text, reading.zones, reading.sentences)
        # a story with no date the calendar can place ("in late April" of a year the text hides, "201X") lives on the
        # relative axis, as one without any date: on the calendar axis none of its facts would be placed at all
        self.has_calendar = has_calendar = any(
            m.attrs.get("kind") == "absolute" and m.type == "date" and _calendar(m.attrs.get("value"))
            for ms in scan.by_sentence.values() for m in ms)
        self.current: TimeRef | None = None if has_calendar else TimeRef(
            offset_days=(0.0, 0.0), derivation="stated", precision="day", anchor="day0")
        self.today = _today(reading, types) if has_calendar else None
        self.born = birth_date(types.of("date"), DOB_BEFORE, reading.text) if has_calendar else None
        self.stated = sorted((i, str(m.attrs["value"])) for i, ms in scan.by_sentence.items() for m in ms
                             if m.type == "date" and m.attrs.get("kind") == "absolute"
                             and _calendar(m.attrs.get("value")))
        self.out: list[SentenceTime | None] = []
        self.aside: TimeRef | None = None  # the time of a piece of history the sentence tells aside
        self.history: tuple[int, TimeRef] | None = None  # the last piece of history dated aside, and its sentence
        self.age_now = _age_now(reading, types)
        self.carried: tuple[TimeRef | None, TimeRef | None] = (None, None)  # (a time, its carried copy)
        # each time a sentence set (or moved on to), with the expression that set it: what a carried copy comes from
        self.set_by: dict[int, tuple[TimeRef, Mention]] = {}
        self.admitted: TimeRef | None = None  # the calendar time of the first admission told
        self.presented: TimeRef | None = None  # the first presentation told, where no admission is: day 1 of "day 5"
        # the calendar time of the last admission (or, before any, of the presentation) told: what "on admission"
        # dates in a story that has meanwhile told a piece of history ("in remission since 2018. On arrival, ...")
        self.last_admitted: TimeRef | None = None
        self.last_stay: TimeRef | None = None  # on the relative axis, the time of the last admission (or referral) told
        # on the relative axis, the first stay told when the story told it after its day 0 (not in the history): the
        # story opened with the history, and the stay's days count from the stay (timeqa13)
        self.first_stay: TimeRef | None = None
        self.presented_in = _presentation_sentences(reading) if has_calendar else {}
        self.events = events = EventIndex.build(reading, types)
        events.legends = frozenset(i for i, (start, _) in enumerate(reading.sentences)
                                   if _in_legend(reading.text, start, scan.glued_at))
        self.arrived_in = {} if has_calendar else _arrivals(reading, events)
        self.first_arrival = None if has_calendar else min(
            (*scan.admitted_in, *scan.readmitted_in, *self.arrived_in), default=None)
        self.asides: set[int] = set()  # sentences dated as a piece of history the story does not move to
        self.gestation = _gestational_ages(reading, self.age_now, types)
        self.ga_ref: tuple[float, TimeRef] | None = None  # the last gestational age told, and the time it held
        self.later_stays = _later_stays(scan.admitted_in, scan.readmitted_in, events.discharges)
        self.day_counted: set[int] = set()  # sentences dated by a day count ("on postoperative day 7 she underwent")
        self.course_day0: TimeRef | None = None  # day 1 of a later course the story counts days of without naming it
        # the day of an operation the story counts postoperative days of without the timeline finding it ("extubated
        # on POD 1. ... On POD4 ... On POD5"): each later POD counts from it, not on from the POD told before (timeqa10)
        self.op_day0: TimeRef | None = None
        # the time of the sentence that marks its event "day 0", when the text does
        self.day0_marked: list[TimeRef] = []
        self.writes_day = _writing_day(reading.text, reading.sentences)  # the sentences that may mark it
        self.before_legend: tuple[TimeRef | None] | None = None  # the story's time when a figure legend began
        self.legend_time: TimeRef | None = None  # the time the legend being read names, if any (left14)
        # of the sentence being placed: the expression that set its time, and after "today, three weeks after" the
        # event's time from there on
        self.setter: Mention | None = None
        self.restated: tuple[int, TimeRef] | None = None
        # where the story's presentation is told after the date of a diagnosis that opened the story, in its sentence
        self.opening_aside: int | None = None
        # where a piece of history told after the presentation begins, in the sentence that opens the story (its date
        # is the history's, the presentation's time is not told)
        self.history_aside: int | None = None
        # sentences that tell a dose count ("after the fourth dose of X", "after two cycles"), and the schedules the
        # text gives (frequencies, doses with one): the time of a dose of a drug given at an interval (timeq)
        self.dose_counts = _sentences_of(reading.sentences, [m.start() for m in DOSE_COUNT.finditer(reading.text)])
        self.schedules = [m for m in types.of("frequency", "dose") if m.attrs.get("period") is not None] \
            if self.dose_counts else []
        # sentences that tell something done at the discharge ("X was restarted at discharge"), and where each
        # discharge the story tells is told (sentence -> position)
        self.at_discharge = _sentences_of(reading.sentences, [m.start() for m in _AT_DISCHARGE.finditer(reading.text)])
        self.discharged_at = {} if not self.at_discharge else _discharge_positions(reading, types)
        # a treatment's stated length ("for two years"): what a drug told on in a piece of history lasted (docqa16)
        self.stepped: set[int] = set()  # pieces of history whose later times are steps within them, not the story's
        self.lengths = [m for m in types.of("duration") if m.attrs.get("signal") == "for"] if has_calendar else []
        # the last day the document tells of (its discharge date, else its own date): no time counted on in a piece
        # of history passes it
        self.written = _written_date(reading, types) if has_calendar else None

    def place(self, i: int) -> None:
        """Place sentence `i` (appends its time, or None, to `out`). (Most sentences tell no time, no legend, no day 0
        and no stay: the steps that would do nothing for them are not called.)"""
        scan = self.scan
        if i - 1 in scan.glued_times or i in self.events.legends or self.before_legend is not None:
            self._after_legend(i)
        self.setter = None
        self.restated = None
        zero_at = self._day_zero_opening(i) if i in self.writes_day else None
        before = self.current
        if i in self.events.legends and self.current is None and self.before_legend is not None:
            self.current = self.before_legend[0]  # a time the legend names counts from the story's (`_legend_time`)
        if i in scan.by_sentence and self.lengths and (told_on := self._drug_told_on(i)) is not None:
            self.asides.add(i)
            self.out.append(told_on)
            return
        if i in scan.by_sentence:
            self._own_time(i)
        if i in self.events.legends:
            self._legend_time(i)
        if i in self.dose_counts and self.setter is None and self.aside is None and self.current is not None:
            self._dose_count(i)
        if i in self.at_discharge and self.setter is None and self.aside is None and self.current is not None:
            self._at_discharge(i)
        if i in self.gestation:
            self._gestational_age(i)
        set_time = self.current
        shifts = self._later_steps(i) if self.setter is not None else []
        if self.current is None and (self.aside is None or not (_bulleted_item(self.text, self.sentences[i][0])
                                                                or self.opening_aside is not None
                                                                or self.history_aside is not None)):
            self.out.append(None)  # (a list item's own date dates its item even before the story has a time)
            return
        self._back_to_story(i)
        if self.aside is not None:
            self.asides.add(i)
            self.out.append(self._history_sentence(i))
            self.aside = None
            return
        st = self._story_sentence(i, set_time, shifts, zero_at, before)  # type: ignore[arg-type]
        if scan.glued and i not in scan.glued_times:
            st = self._glued_legend_undated(i, st)
        self.out.append(st)
        if not self.day0_marked and st.time.known and i in self.writes_day \
                and _DAY_ZERO.search(self.text, *self.sentences[i]):
            self.day0_marked.append(st.time)  # "... on April 23rd 2014 (day 0)": what "day +22" counts from
        if i in scan.admitted_in or i in scan.readmitted_in or i in self.arrived_in or i in self.presented_in:
            self._note_stays(i)

    def _after_legend(self, i: int) -> None:
        """A figure legend tells its images' times in its own order ("CT at the 6-month follow-up"; a timeline
        figure's "(2) On the 3rd day ... (7) On the 47th day"); after it the story goes on from where it was."""
        glued_times = self.scan.glued_times
        if i - 1 in glued_times and self.out[i - 1] is not None:
            # the legend glued to the sentence just placed is dated from where it is glued on, and the legend's
            # sentences after it go on in its time; the story resumes after the legend (below)
            self.legend_time = None
            st, tx = self.out[i - 1], glued_times[i - 1]
            start = next(a for a, b in self.scan.glued if a <= tx.start < b)
            legend_time = _from_calendar(tx, st.at(start)) if self.has_calendar else _offset(tx, st.at(start))
            if legend_time is not None:
                self.out[i - 1] = SentenceTime(time=st.time, timex=st.timex, shifts=(*st.shifts, (start, legend_time)),
                                               origin=st.origin)
                if i in self.events.legends:
                    self.before_legend, self.current = self.before_legend or (self.current,), legend_time
                    self.legend_time = legend_time
        if i in self.events.legends:
            self.before_legend = self.before_legend or (self.current,)
        elif self.before_legend is not None:
            self.current, self.before_legend = self.before_legend[0], None

    def _glued_legend_undated(self, i: int, st: SentenceTime) -> SentenceTime:
        """A legend glued to the end of sentence `i` that names no time of its own takes none from the sentence: from
        where it is glued on, the sentence's time is unknown (left14)."""
        a, b = self.sentences[i]
        if b <= a or not self.scan.glued_at.holds(b - 1, b) or self.scan.glued_at.holds(a, a + 1):
            return st
        g = next((x for x, y in self.scan.glued if a < x < b), None)
        if g is None:
            return st
        shifts = tuple(sorted([*((p, t) for p, t in st.shifts if p < g), (g, TimeRef())], key=lambda x: x[0]))
        return SentenceTime(time=st.time, timex=st.timex, shifts=shifts, origin=st.origin)

    def _legend_time(self, i: int) -> None:
        """A figure legend's sentence takes no time from the story where the legend stands (its images were taken at a
        time the legend may not tell: docqa14 saw a first CT's pseudoaneurysm and a stenting dated with the follow-up
        told before the legend); only a time the legend names dates it ("Figure 3. CT on day 5 ..."), and its sentences
        after that time (left14)."""
        if _LEGEND_LINE.match(self.text, self.sentences[i][0]) is not None \
                or i - 1 not in self.events.legends and i - 1 not in self.scan.glued_times:
            self.legend_time = None  # a new legend begins (one glued to the sentence before: `_after_legend`)
        if self.setter is not None:
            self.legend_time = self.current
        elif i in self.scan.at_admission and self.legend_time is None:
            # "Figure 1. ECG at admission showing ...": the story's admission, the first told (day 0); a legend does not
            # say which later stay it would be
            stay = self.admitted if self.has_calendar else None
            self.current = self.legend_time = stay or (None if self.has_calendar else TimeRef(
                offset_days=(0.0, 0.0), derivation="carried", precision="day", anchor="day0"))
        else:
            self.current = self.legend_time

    def _day_zero_opening(self, i: int) -> int | None:
        """Where a day-0 mark of sentence `i` ends when it marks the time the sentence opens at before a later day
        ("received the first dose (day 0) and on day 7 developed fever": day 0 is not the day 7 told after it,
        timeqa12); that time becomes the text's day 0. None otherwise."""
        current = self.current
        if self.day0_marked or current is None or not current.known or i not in self.writes_day:
            return None
        zero_at = _day_zero_before_a_day(self.text, self.sentences[i], self.scan.by_sentence.get(i, []))
        if zero_at is not None:
            self.day0_marked.append(current.model_copy(update={"derivation": "carried"}))
        return zero_at

    def _own_time(self, i: int) -> None:
        """The sentence's own time: the first of its time expressions that places it sets `current` (or, for a piece
        of history told in passing, `aside`), and `setter`."""
        for told in self.scan.by_sentence.get(i, []):
            tx = self._as_read(told, i)
            if tx is None:
                continue
            weeks = _bare_weeks(self.text, tx) if self.gestation and self.ga_ref is not None else None
            if weeks is not None and self.ga_ref is not None:
                # "At 26 weeks she developed proteinuria" in a pregnancy dated by its gestational age
                ga_ref = self.ga_ref
                self.current = days_after(ga_ref[1], (weeks - ga_ref[0]) * 7, tx.text, _anchor_of(ga_ref[1]))
                self.setter = tx
                self.ga_ref = (weeks, self.current)
                return
            if tx.attrs.get("open_after") and self.has_calendar:
                operation = self._operation_before(tx, i)
                # after an operation, the first date the sentence itself states later bounds it ("After the
                # operation he developed AF ...; amiodarone was stopped on 25/03")
                later = next((str(m.attrs["value"]) for m in self.scan.by_sentence.get(i, [])
                              if operation is not None and m.start > tx.end and m.type == "date"
                              and m.attrs.get("kind") == "absolute" and _calendar(m.attrs.get("value"))), None)
                new = _open_after(tx, operation or self.current,
                                  later or next((v for j, v in self.stated if j > i), None))
                if new is not None:
                    self.current, self.setter = new, tx
                    return
            elif (tx.type == "date" or tx.attrs.get("rel_direction")) and self._told_time(tx, i):
                return

    def _dose_count(self, i: int) -> None:
        """ "After the fourth dose of rituximab" (weekly from its start), "after two cycles" of a drug given every 3
        weeks: the time of that dose counted from the drug's start, the first sentence of the story naming it
        (`timeline_doses`); nothing when the drug, its start or its interval is not told."""
        events, text = self.events, self.text
        if not events.in_story(i):
            return
        dc = dose_count(text, self.sentences[i], events.named.get(i, []))
        if dc is None or any(not (tx.start < dc.end and tx.end > dc.start) for tx in self.scan.by_sentence.get(i, [])):
            return  # (a sentence with a time of its own the story did not take: the dose count does not date it)
        drug = dc.drug or self._drug_before(i, dc.start)
        if drug is None or not drug.norm:
            return
        norm = str(drug.norm).lower()
        told = [j for j in events.by_norm.get(("drug", norm), []) if j < i and j not in events.legends]
        found = course_start(events, self.schedules, norm, told, dc.cycle) if told else None
        if found is None or self.out[found[0]] is None:
            return  # (a drug first named in this sentence: its start is this sentence's time)
        j, first, every = found
        start = _told_at(self.out[j], first.start)  # type: ignore[arg-type]
        every = dc.per_days or every
        if not start.known or every is None:
            return
        new = dose_time(start, dc, every, norm, text[dc.start:dc.end].strip())
        if new is None:
            return
        self.current = new
        self.setter = Mention.model_construct(
            type="time", start=dc.start, end=dc.end, text=text[dc.start:dc.end], zone="narrative",
            attrs={"kind": "relative", "dose_count": dc.n, "vague": True, "rel_direction": dc.relation})

    def _at_discharge(self, i: int) -> None:
        """ "Warfarin was restarted at discharge", "upon discharge, she was prescribed X": the time of the discharge the
        story told last (before this sentence), or, told after it, the calendar date of the next one; not a discharge
        earlier than the story's time (a later stay's discharge the story has not told yet)."""
        text, sentence = self.text, self.sentences[i]
        m = _AT_DISCHARGE.search(text, *sentence)
        if m is None or not self.events.in_story(i) or i in self.discharged_at:
            return  # (a sentence telling the discharge itself: its own time, as before)
        told = [j for j in self.discharged_at if j < i and j not in self.asides and self.out[j] is not None]
        t: TimeRef | None = None
        if told:
            j = max(told)
            t = _told_at(self.out[j], self.discharged_at[j])  # type: ignore[arg-type]
        elif self.has_calendar:
            later = min((j for j in self.discharged_at if j > i), default=None)
            if later is None or later > i + 3:
                return
            dates = [calendar_time(tx) for tx in self.scan.by_sentence.get(later, []) if tx.type == "date"
                     and tx.attrs.get("kind") == "absolute"]
            t = next((d for d in dates if d is not None), None)
        if t is None or not t.known:
            return
        t = t.model_copy(update={"derivation": "carried" if told else t.derivation, "anchor": "discharge",
                                 "text": m.group(0)})
        if _went_back(t, self.current):
            return  # ("At discharge, her counts had improved" after a later stay: this stay's discharge, not told yet)
        self.current = t
        self.setter = Mention.model_construct(type="time", start=m.start(), end=m.end(), text=m.group(0),
                                              zone="narrative", attrs={"kind": "relative", "rel_direction": "at",
                                                                       "rel_anchor": "discharge", "vague": True})

    def _drug_before(self, i: int, pos: int) -> Mention | None:
        """The drug a dose count that names none counts ("after the third cycle"): the last one the story named
        before it (in its sentence or the sentences before)."""
        events = self.events
        for j in range(i, -1, -1):
            if not events.in_story(j):
                continue
            drugs = [m for m in events.named.get(j, []) if m.type == "drug" and m.norm and (j < i or m.start < pos)]
            if drugs:
                return max(drugs, key=lambda m: m.start)
        return None

    def _operation_before(self, tx: Mention, i: int) -> TimeRef | None:
        """ "After the operation he developed AF": the operation the story told as done before sentence `i` (the last
        one, or the one named: "after the transplantation"), when its sentence has a calendar day; the time "after"
        counts on from, not the date told last (repeat cultures of two days before it) (docqa8)."""
        if tx.attrs.get("rel_anchor") != "surgery":
            return None
        anchor = find_anchor(self.events, i, tx, self.asides)
        if anchor is None or anchor.sentence in self.asides or anchor.sentence >= i:
            return None
        placed = self.out[anchor.sentence]
        if placed is None:
            return None  # the operation's sentence has no time the story gave
        at = placed.time
        return at if at.precision == "day" and (at.point or at.earliest) else None

    def _as_read(self, tx: Mention, i: int) -> Mention | None:
        """Time expression `tx` of sentence `i` as the placement reads it: None for one that does not set the
        sentence's time; one counted from another event than the one it names when the story says so."""
        scan = self.scan
        if tx.start in scan.admission_starts and tx.attrs.get("rel_direction") == "at":
            return None  # "At the time of admission" is the admission's time, not the current time
        if tx.attrs.get("history_span") and (i in scan.admitted_in or i in scan.readmitted_in or i in self.arrived_in):
            return None  # "Over the last 3 years, her liver tests rose, until she was admitted with jaundice"
        if tx.attrs.get("vague") and tx.attrs.get("rel_anchor") == "admission" \
                and _discharged_since(i, scan.admitted_in, scan.readmitted_in, self.events.discharges):
            # "shortly after admission" after a discharge: a later stay the story tells as it goes ("came to the
            # emergency room"), counted on from the time told, not from the first admission (timeqa10)
            tx = tx.model_copy(update={"attrs": {**tx.attrs, "rel_anchor": "previous"}})
        if tx.attrs.get("rel_direction") == "before" and tx.attrs.get("rel_anchor") == "previous" \
                and _BEFORE_PRESENTED.match(self.text, tx.end):
            # "Several days before the patient presented, ..." after a piece of history: counted back from day 0
            tx = tx.model_copy(update={"attrs": {**tx.attrs, "rel_anchor": "presentation"}})
        return tx

    def _told_time(self, tx: Mention, i: int) -> bool:
        """Place a date or a relative time `tx` of sentence `i`: what it counts from (the story's time, a piece of
        history just told, an event it names, the admission, a day 0), the time it gives, and whether that time is the
        story's (`current`) or a piece of history's told aside (`aside`). False when `tx` places nothing."""
        current, has_calendar = self.current, self.has_calendar
        # "Two years ago, X. Six months later, Y.": the next sentence counts on from a piece of history
        # that opened its sentence (one dated in passing, "X 4 years ago", is an aside)
        chained = self.history is not None and self.history[0] == i - 1 and tx.attrs.get("rel_anchor") == "previous"
        base = self.history[1] if chained and self.history else current
        if not chained and not has_calendar and (back_from := _history_told_before(
                self.text, self.sentences[i][0], tx, i, self.out, self.asides, current)) is not None:
            # "She was well until two weeks earlier, when a cough began. Five days later, a rash appeared."
            # told at the presentation: counted on from the history just told, not from day 0 (timeqa11)
            chained, base = True, back_from
        # "hospital day 4" after a readmission, "postoperative day 2", "day 5 of vancomycin": counted from
        # the event it names
        day = self._day_base(tx, i, current) if not chained and tx.attrs.get("day_count") else None
        admission_day, base = self._admission_day(tx, chained, day, base)
        event = self._event_counted_from(tx, i, chained, admission_day)
        if event is None and not has_calendar and not chained and not admission_day and _counts_from_event(tx) \
                and _first_presentation(i, current, self.last_stay, self.scan.admitted_in, self.arrived_in) \
                and not told_before(self.events, i, tx):
            # "referred with fever 4 weeks after a dental extraction", "admitted 3 days after the onset of
            # fever": the story's first presentation is its day 0, the event named (told nowhere before) lies
            # that long before it; the story does not move (timeqa10: a whole stay was dated weeks late)
            return False
        if not has_calendar and not chained and current is not None and current.offset_days == (0.0, 0.0) \
                and _state_since(self.text, tx):
            # "She was 5 months postpartum at the time of presentation": the patient's state at day 0; the
            # amount dates the delivery that long before, the story does not move (timeqa13)
            return False
        at = self.out[event.sentence] if event is not None else None
        stay_length = False
        if at is not None and at.time.known:
            base = at.time
        else:
            event = None
            if has_calendar and not chained and not admission_day and self.last_admitted is not None and \
                    _after_the_stay(tx):
                # "10 days after admission", "after 26 days of hospitalization" in a story dated by the
                # calendar: counted from the admission told last, not from the story's time (timeqa6)
                base = self.last_admitted
            elif not has_calendar and not chained and self.last_stay is not None and tx.attrs.get("stay_length"):
                # "discharged after 11 days": the length of the stay told last, not of the first (timeqa8)
                base, stay_length = self.last_stay, True
            elif not has_calendar and not chained and not admission_day and _after_an_admission(tx) and \
                    (stay := self._later_stay_before(i, tx.start)) is not None:
                # "shortly after admission" in a later stay (on the 18th postoperative day she came to the emergency
                # room): counted from that admission, not from the first (day 0)
                base, stay_length = stay, True
        new = self._time_given(tx, i, base, day, event, chained, stay_length)
        if new is None:
            return False
        new = self._checked(tx, new, day, event, admission_day)
        if new is None:
            return False
        if event is not None and event.stop and _went_back(new, current, 0.0):
            return False  # "Vancomycin was discontinued after two days" told on day 5: its stop, the story stays
        if self._told_aside(tx, i, new, chained, event):
            self.aside, self.setter = new, tx  # "stopped seven years prior to the presenting complaints"
            fronted = _FRONTED.match(self.text, self.sentences[i][0], tx.start) is not None
            self.history = (i, new) if fronted or chained else None
            return True
        self.current, self.setter = new, tx
        return True

    def _admission_day(self, tx: Mention, chained: bool, day: tuple[TimeRef, str] | None,
                       base: TimeRef | None) -> tuple[bool, TimeRef | None]:
        """Whether `tx` is a day count of the stay (or of the event `day` names), and the time it counts from."""
        has_calendar = self.has_calendar
        # "on day 5", "hospital day 8" in a story dated by the calendar: a day of the admission it told
        admission_day = has_calendar and self.admitted is not None and not chained and \
            tx.attrs.get("day_count") and tx.attrs.get("rel_anchor") in ("previous", "admission")
        if day is not None:
            admission_day, base = True, day[0]
        elif admission_day:
            base = self.course_day0 or self.admitted
        elif has_calendar and self.admitted is None and self.presented is not None and not chained and \
                tx.attrs.get("day_count") and tx.attrs.get("rel_anchor") in ("previous", "admission"):
            # "presented on 15 January ... weaned off on day 5": the days of the stay count from the
            # presentation when the story tells no admission
            admission_day, base = True, self.course_day0 or self.presented
        return admission_day, base  # type: ignore[return-value]

    def _later_stay_before(self, i: int, pos: int) -> TimeRef | None:
        """On the relative axis, the time of the latest later stay (a readmission, an admission after a discharge)
        told before position `pos` of sentence `i`, or of a first stay the story told after its day 0, when it lies
        after day 0."""
        told = [(j, p) for j, p in self.later_stays if j < i or j == i and p < pos]
        st = self.out[told[-1][0]] if told and told[-1][0] < i else None
        t = _told_at(st, told[-1][1]) if st is not None else self.first_stay  # else the first, told after day 0
        return t if t is not None and t.offset_days is not None and t.offset_days[0] > 0 else None

    def _event_counted_from(self, tx: Mention, i: int, chained: bool, admission_day: bool) -> Anchor | None:
        """The event told earlier that `tx` counts from: "2 weeks after the surgery", "2 days after admission to
        the ICU"."""
        if chained or admission_day:
            return None
        if _counts_from_event(tx):
            return find_anchor(self.events, i, tx, self.asides, _DAY_WORD.search(tx.text) is not None)
        if tx.attrs.get("rel_anchor") == "admission" and tx.attrs.get("rel_direction") == "after":
            # "2 days after admission to the ICU", "9 days after his admission to our facility"
            return unit_admission(self.events, i, tx, self.asides) or our_admission(self.events, i, tx, self.asides)
        return None

    def _time_given(self, tx: Mention, i: int, base: TimeRef | None, day: tuple[TimeRef, str] | None,
                    event: Anchor | None, chained: bool, stay_length: bool) -> TimeRef | None:
        """The time `tx` gives, counted from `base` (a day 0 the text marked, the child's birth, the letter's today,
        an age, the calendar or the relative axis); None when it gives none the story takes."""
        has_calendar, today, current = self.has_calendar, self.today, self.current
        if (marked := _from_marked_day_zero(tx, day)) is not None:
            return marked
        if tx.attrs.get("kind") == "absolute" and _LOOK_BACK.search(self.text, max(0, tx.start - 60), tx.start):
            # "The score was 3, down from 17 in June": the date is the earlier value's, a look back; the story
            # stays where it was (documents QA round docqa7)
            return None
        if self.born is not None and (aged := from_birth(self.text, tx, self.born, today)) is not None:
            # "at 6 months of age", "walked at 20 months" in a letter stating the child's birth; after the
            # sentence's "today" a look back ("His weight today is X, down from Y at 12 months of age")
            if today is not None and _TODAY.search(self.text, self.sentences[i][0], tx.start):
                return None
            return aged
        if today is not None and tx.attrs.get("kind") == "relative" \
                and _TODAY_RESTATED.search(self.text, max(0, tx.start - 12), tx.start):
            # "I saw her today, three weeks after her final cycle": the time restates today; what it counts
            # from ("her final cycle") lies that long before today
            lo_days, hi_days = tx.attrs.get("rel_amount_min"), tx.attrs.get("rel_amount_max")
            if tx.attrs.get("rel_direction") == "after" and isinstance(lo_days, float) \
                    and isinstance(hi_days, float):
                self.restated = (int(tx.attrs.get("phrase_end") or tx.end),
                                 days_after(today, -(lo_days + hi_days) / 2, tx.text, "today"))
            return today
        if has_calendar and tx.attrs.get("age_span"):
            return _at_age_calendar(tx, self.age_now, next((o.time for o in self.out if o is not None and (
                o.time.point or o.time.earliest)), None))
        if has_calendar and base is current and _follow_up_mark(tx) and (day0 := self.admitted or self.presented) \
                is not None and (marked := _from_calendar(tx, day0)) is not None and not _went_back(marked, current):
            return marked  # "at the six-week review", "stopped at eight weeks": counted from the stay's start
        if has_calendar and base is current and (stay := self._stay_counted_back_from(tx)) is not None:
            return _from_calendar(tx, stay)
        if has_calendar:
            return _from_calendar(tx, base)
        if tx.attrs.get("age_span"):
            return _at_age(tx, self.age_now)
        pod = _unanchored_pod(tx, day, chained)
        if pod and self.op_day0 is not None and not _went_back(
                counted := days_after(self.op_day0, float(tx.attrs["rel_amount_min"]), tx.text, "surgery"), current):
            new = counted
        else:
            new = _after_event(tx, base) if event or day or stay_length else \
                _after_birth(self.text, tx, self.age_now) or _offset(tx, base)
        if pod and new is not None:
            self.op_day0 = days_after(new, -float(tx.attrs["rel_amount_min"]), tx.text, "surgery")
        return new

    def _stay_counted_back_from(self, tx: Mention) -> TimeRef | None:
        """The calendar time of the last admission (or presentation) told that "six years before admission", "two
        days prior to this admission" counts back from, or None: in a story that has moved on ("two years later",
        "on day 9"), such a time counts back from the stay, not from the story's time, as on the relative axis
        (docqa15: "Etanercept was started six years before admission" after a piece of history two years after a
        diagnosis nine years before it was placed four years back from that history). Not one before an admission
        to a unit ("two days before admission to the ICU"), whose day the story may have moved to."""
        if tx.attrs.get("rel_direction") != "before" or self.last_admitted is None \
                or tx.attrs.get("rel_anchor") not in ("admission", "presentation"):
            return None
        end = int(tx.attrs.get("phrase_end") or tx.end)
        if _TO_A_UNIT.match(self.text, end) or not _NAMES_THE_STAY.search(self.text, tx.end, end):
            return None  # ("6 months ago" in a later follow-up's figure legend: before that follow-up)
        return self.last_admitted

    def _checked(self, tx: Mention, new: TimeRef, day: tuple[TimeRef, str] | None, event: Anchor | None,
                 admission_day: bool) -> TimeRef | None:
        """`new` checked against the story's time: a stay's length or a day count that would take the story back
        counts on from it instead; labelled with the event it counts from."""
        has_calendar, current = self.has_calendar, self.current
        if new is not None and tx.attrs.get("stay_length") and (_went_back(new, current) or has_calendar and (
                (gap := _days_between(new, current)) is not None and gap > 1)):  # type: ignore[arg-type]
            # "discharged after 10 days" told after the story passed day 10 of that stay (a later operation's
            # stay, a stay the story did not tell): not the length of the stay told; counted on (timeqa8)
            new = _from_calendar(tx, current) if has_calendar else _after_event(tx, current)
        if new is not None and admission_day and day is None and self.course_day0 is None and \
                _went_back(new, current, _STAY_RETURN_DAYS):
            # "At day 21" two years after the admission the story counted from: a day of a later course
            # the story did not name (a transplant's, a new stay's); counted on from the story's time. (On
            # the relative axis a story told topic by topic goes back to "day 142 of illness" after
            # "day 266": day counts there keep counting from day 0.)
            new = _from_calendar(tx, current)
            if new is not None:  # that course's day 1, which its later day counts count from
                self.course_day0 = days_after(new, -float(tx.attrs.get("rel_amount_min") or 0), tx.text, "previous")
        if new is not None and event is not None:
            new = new.model_copy(update={"anchor": event.label})
        elif new is not None and day is not None:
            new = new.model_copy(update={"anchor": day[1]})
            if day[1] != "day 0" and _went_back(new, current):
                # "On the sixth postoperative day" after a stay told at length: an earlier operation than the
                # one meant was found (the story's own goes unnamed); counted on from the story's time
                new = _from_calendar(tx, current) if has_calendar else _offset(tx, current, counted_on=True)
        return new

    def _told_aside(self, tx: Mention, i: int, new: TimeRef | None, chained: bool, event: Anchor | None) -> bool:
        """Whether time `new` of `tx` dates a piece of history told aside (the story's time stays)."""
        current, has_calendar, text = self.current, self.has_calendar, self.text
        # an amount after a piece of history is history too when the story is past day 0
        back = event is not None and new is not None and not has_calendar and new.offset_days is not None \
            and current.offset_days is not None and new.offset_days[1] < 0 <= current.offset_days[0]  # type: ignore[union-attr]
        # "He had stopped his insulin three days earlier": a look back in passing from the story's time, which
        # stays (a fronted one, "Three years earlier, he had tuberculosis.", opens a piece of history)
        looks_back = tx.attrs.get("rel_direction") == "before" and tx.attrs.get("rel_anchor") == "previous" \
            and _FRONTED.match(text, self.sentences[i][0], tx.start) is None
        # a summary ("we report a complication occurring several years after X") tells the whole course at
        # once: its times date its own sentence, not the story that follows
        summary = tx.zone == "summary" and not (
            current is None and _presented_on(text, self.sentences[i][0], tx))
        if new is not None and current is None and len(self.scan.by_sentence.get(i, [])) == 1 and (
                opening := _diagnosed_before_presenting(text, self.sentences[i], tx)) is not None:
            # (only the sentence's one time: a later date in it, "presented on 3 May 2021", dates the presentation)
            self.opening_aside = opening
            return True
        if new is not None and current is None and len(self.scan.by_sentence.get(i, [])) == 1 and (
                history := _history_after_presenting(text, self.sentences[i], tx)) is not None:
            # (docqa14)
            self.history_aside = history
            return True
        if new is not None and current is None and has_calendar and self._stay_told_before(i) \
                and (_HISTORY_SENTENCE.search(text, *self.sentences[i]) is not None
                     or _PAST_PERFECT.search(text, *self.sentences[i]) is not None):
            # "A man was admitted with abdominal pain. His medical history included a bypass in 2013.": the undated
            # story's history; its date is the bypass's, and the story after it stays undated
            self.opening_aside = self.sentences[i][1]
            return True
        if new is not None and current is not None and has_calendar and self.last_admitted is not None \
                and _before(new, self.last_admitted) and (
                    _HISTORY_SENTENCE.search(text, *self.sentences[i]) is not None
                    or _BOUND_BEFORE.search(text, max(0, tx.start - 16), tx.start)):
            # "admitted in May 2020 ... He had a history of bypass surgery in 2013.", "He reported smoking prior to
            # 2014.": the story stays
            return True
        return new is not None and bool(chained or back or tx.attrs.get("age_span") or looks_back or summary
                                        or new.anchor == "birth" and has_calendar  # (a child's age: timeline_birth)
                                        or _before_presentation(text, tx)
                                        or _dated_label(text, self.sentences[i], tx)
                                        or _bulleted_item(text, self.sentences[i][0])
                                        or self._since_at_visit(tx, new))

    def _stay_told_before(self, i: int) -> bool:
        """Whether the story told its admission, arrival or presentation before sentence `i`."""
        return any(j < i for j in (*self.scan.admitted_in, *self.presented_in, *self.arrived_in))

    def _since_at_visit(self, tx: Mention, new: TimeRef) -> bool:
        """ "It has been negative since 20/08/2025" told at a letter's visit, "she had been on steroids since 2018"
        told after her admission in June 2020: the date starts a state that lasts to the story's time, told in
        passing; the story stays where it was (docqa8)."""
        current = self.current
        return current is not None and tx.attrs.get("kind") == "absolute" and _before(new, current) \
            and _SINCE_BEFORE.search(self.text, max(0, tx.start - 8), tx.start) is not None

    def _day_base(self, tx: Mention, i: int, now: TimeRef | None) -> tuple[TimeRef, str] | None:
        """The time a day count of sentence `i` counts from when it names a later event than day 0 (a
        readmission, an operation, a drug's start), with that event's label; None for the first stay's days. "Day +22"
        counts from the event the text marked "day 0" ("a pancreaticoduodenectomy on 23 April 2014 (day 0)")."""
        if self.day0_marked and ("+" in tx.text or _BARE_DAY.match(tx.text)):
            return self.day0_marked[0], "day 0"
        anchor = day_count_anchor(self.events, i, tx, self.asides, self.later_stays, self.day_counted)
        first_stay = self.first_stay
        if anchor is None and first_stay is not None and _of_a_later_first_stay(tx, now, first_stay):
            # "Four weeks later, she was admitted ... on the second day of admission", "On day 8, she died": the story
            # opened before its first stay, whose days count from its own day 1, not from the story's day 0 (timeqa13)
            return first_stay, "admission"
        if anchor is None or anchor.sentence in self.asides:
            return None
        if anchor.sentence == i:
            t = now
        else:
            st = self.out[anchor.sentence]
            t = None if st is None else _told_at(st, anchor.pos) if anchor.pos is not None else st.time
        if t is None or not (t.point or t.earliest if self.has_calendar else t.offset_days is not None):
            return None
        if t.offset_days is not None and t.offset_days[1] < 0:
            return None  # an event of the history (or a story the axis placed there): day 0 as before
        if anchor.label == "readmission":
            since = t.offset_days[0] if t.offset_days is not None else _days_between(self.admitted or self.presented, t)
            # a readmission not after the first stay is a stay of the history or one the calendar cannot order;
            # a day count as high as the readmission's own day ("readmitted on day 12 ... on day 37") goes on
            # counting from the first day
            if since is None or since <= 0 or float(tx.attrs.get("rel_amount_min") or 0) >= since:
                return None
        return t, anchor.label

    def _gestational_age(self, i: int) -> None:
        """A gestational age told in sentence `i` ("She delivered at 30 weeks' gestation"): the story's time as many
        weeks after the last one told, when the sentence has no time of its own; the first labels the story's time."""
        if i not in self.gestation or self.current is None or self.aside is not None:
            return
        ga, weeks = self.gestation[i]
        if self.setter is None and self.ga_ref is not None:
            # "She delivered at 30 weeks' gestation": as many weeks after the last gestational age told
            ga_ref = self.ga_ref
            self.current = days_after(ga_ref[1], (weeks - ga_ref[0]) * 7, ga.text, _anchor_of(ga_ref[1]))
            self.setter = ga
        setter = self.setter
        if setter is None or setter is ga or setter.end <= ga.start:
            self.ga_ref = (weeks, self.current)  # the first one told labels the story's time ("presented at 22 weeks")

    def _later_steps(self, i: int) -> list[tuple[int, TimeRef]]:
        """The later times sentence `i` moves on to after the time that set it ("In January she stopped X, and two
        months later she relapsed"), each from the start of its clause; `current` ends at the last."""
        shifts: list[tuple[int, TimeRef]] = []
        stay_end: tuple[int, TimeRef] | None = None  # the discharge of a stay told as a range of dates, and its date
        setter = self.setter
        if setter is not None and self.aside is None:
            text, sentence = self.text, self.sentences[i]
            told_to = setter.end  # where the time told last ends: a later clause opens after it
            for tx in self.scan.by_sentence.get(i, []):
                if tx.start <= setter.end or not _moves_on(tx, text) or _restates_day(setter, tx, text):
                    continue
                new = self._later_time(tx, i)
                if new is None:
                    continue
                if (end_at := _stay_range_end(text, sentence, tx, self.scan.stay_told)) is not None:
                    # "admitted from 14/12 to 20/12 with a fall, ..., and discharged home": the range's end is the
                    # discharge's date, the words between are the stay's
                    stay_end = (end_at, new)
                    continue
                if _dated_label(text, sentence, tx) or _SERIES_LAST.search(text, max(0, tx.start - 50), tx.start):
                    # "Admission Date: X   Discharge Date: Y": the field's date dates its field, the story stays at X;
                    # "X was started on D1 and she received nine sessions, the last on D2": the date of a series'
                    # last session dates that aside, the story stays at the series' start (docqa8)
                    shifts.append((_clause_start(text, told_to, tx.start), new))
                    told_to = max(told_to, tx.end)
                else:
                    self.current = new
                    self.set_by[id(new)] = (new, tx)
                    shifts.append((_clause_start(text, told_to, tx.start), new))
                    told_to = max(told_to, tx.end)
        if stay_end is not None:
            shifts = sorted((*shifts, stay_end), key=lambda shift: shift[0])
            self.current = shifts[-1][1]
        if self.restated is not None and setter is not None and self.aside is None:
            shifts.insert(0, self.restated)  # (the sentence's later times come after it)
        return shifts

    def _later_time(self, tx: Mention, i: int) -> TimeRef | None:
        """The time a later expression `tx` of sentence `i` moves the story on to (None when it takes none: a span
        restated, a look back to the first hospital day)."""
        current, text, setter = self.current, self.text, self.setter
        stay = self.admitted or self.presented
        day_of_stay = self.has_calendar and stay is not None and tx.attrs.get("day_count") \
            and tx.attrs.get("rel_anchor") in ("previous", "admission")
        if not self.day0_marked and current.known and tx.attrs.get("day_count") and \
                _DAY_ZERO_MARK.search(text, setter.end, tx.start) is not None:  # type: ignore[union-attr]
            # "a transplant on 3 May (day 0) and on day 9 a fever": day 0 is the time told before the mark
            self.day0_marked.append(current)  # type: ignore[arg-type]
        # "... by day 4, and X was stopped on day 5": each day of the stay counts from its first day
        day = self._day_base(tx, i, current) if tx.attrs.get("day_count") else None
        if tx.start in self.scan.restating:
            return None  # "(from day 301 to day 378)": a span restated, not a later step of the sentence
        if (marked := _from_marked_day_zero(tx, day)) is not None:
            new = marked.model_copy(update={"anchor": day[1]})  # type: ignore[index]
        elif self.born is not None and (aged := from_birth(text, tx, self.born, self.today)) is not None:
            new = aged  # "sat at 10 months and walked at 20 months": each an age, not a step on
        elif day is not None:
            new = _from_calendar(tx, day[0]) if self.has_calendar else _after_event(tx, day[0])
            new = new.model_copy(update={"anchor": day[1]}) if new is not None else None
        else:
            new = _from_calendar(tx, stay if day_of_stay else current) if self.has_calendar else \
                _offset(tx, current)
        if new is not None and tx.attrs.get("rel_anchor") == "admission" and _went_back(new, current):
            return None  # "..., which was absent on the first hospital day": a look back, no step
        return new

    def _back_to_story(self, i: int) -> None:
        """A sentence with no time of its own that returns to the story's present: to the presentation or the
        admission after a piece of history, to the visit of a letter; or goes on in the piece of history before it."""
        if self.setter is None:
            current = self.current  # (the steps below read only a story back in its history, or one at the calendar)
            if current is None or current.offset_days is not None and (
                    current.offset_days[0] < 0 or i in self.scan.opens_at_admission):
                self._back_to_presentation(i)
            if self.today is not None or self.born is not None or self.last_admitted is not None:
                self._back_to_visit(i)
        if self.setter is None and self.aside is None and _goes_on_in_history(self.reading, i, self.out, self.asides,
                                                                              self.stepped) \
                and i not in self.scan.admitted_in and i not in self.scan.readmitted_in and i not in self.arrived_in \
                and i not in self.scan.at_admission:
            # "Five months before admission, he had migraines. These were accompanied by nausea.": the history's time
            told = self.out[i - 1]
            last = told.shifts[-1][1] if told.shifts and i - 1 in self.stepped else told.time  # type: ignore[union-attr]
            self.aside = last.model_copy(update={"derivation": "carried"})
            if self.history is not None and self.history[0] == i - 1 or _treats_diagnosis(self.reading, i):
                # "... arthritis diagnosed nine years before this admission. Methotrexate was started at 10 mg weekly.
                # Two years later ...": the history told on, counted on from (docqa15)
                self.history = (i, self.aside)

    def _back_to_presentation(self, i: int) -> None:
        """Back from a piece of history to the presentation or the admission (day 0 or the stay told last) when
        sentence `i` returns there (no time of its own)."""
        text, sentence, current = self.text, self.sentences[i], self.current
        if self.aside is None and current is not None and current.offset_days and current.offset_days[0] < 0 \
                and _RETURNS_TO_PRESENTATION.search(text, *sentence):
            # "Ten years earlier, X. ... The patient presented to the emergency department with ...": back from the
            # history to the presentation, day 0 (timeqa9); also from a time estimated to reach day 0 ("Three weeks
            # after the procedure (four weeks earlier) he developed fever. He presented to the hospital with ...",
            # docqa14)
            current = TimeRef(offset_days=(0.0, 0.0), derivation="carried", precision="day", anchor="day0")
        last_stay = self.last_stay
        if self.aside is None and not self.has_calendar and current.offset_days is not None \
                and current.offset_days[1] < 0 and i not in self.asides \
                and (_EXAMINATION_RETURNS.match(text, sentence[0]) or i in self.stay_sections
                     or _workup_opens_paragraph(text, sentence[0])):  # type: ignore[union-attr]
            # "She had been well until 10 days before admission, when fever began. On physical examination, she
            # looked ill.": the presentation's examination, back from the history told after it (as the calendar
            # axis does below); to the stay told last when one was
            at = last_stay.offset_days if last_stay is not None and last_stay.offset_days is not None else (0.0, 0.0)
            current = TimeRef(offset_days=at, derivation="carried", precision="day", anchor="day0")
        if i in self.scan.at_admission and current.offset_days and current.offset_days[1] < 0:  # type: ignore[union-attr]
            # back from a piece of history to the admission the story counts from ("After admission, ...")
            current = TimeRef(offset_days=(0.0, 0.0), derivation="stated", precision="day", anchor="day0")
        if not self.has_calendar and i in self.scan.opens_at_admission and current.offset_days is not None:  # type: ignore[union-attr]
            # "Vital signs at admission were ...", "On arrival, ..." after the story moved past it ("24 h after the
            # onset of symptoms, she developed fever"): back to the admission told last (timeqa7); with none told, to
            # day 0 (the presentation) only from the story's first days: "When examined on admission" after "Seventeen
            # days later, he developed ARDS" may be a later stay the story did not tell
            at = last_stay.offset_days if last_stay is not None and last_stay.offset_days is not None else (0.0, 0.0)
            if current.offset_days != at and (last_stay is not None or current.offset_days[1] <= _FIRST_DAYS):  # type: ignore[union-attr]
                current = TimeRef(offset_days=at, derivation="carried", precision="day", anchor="day0")
        self.current = current

    def _back_to_visit(self, i: int) -> None:
        """Back to the visit of a letter (its "today"), the birth told in passing, or the admission told last, when
        sentence `i` (no time of its own) returns there."""
        text, sentence, today = self.text, self.sentences[i], self.today
        if today is not None and (_TODAY.search(text, *sentence) or _AT_THE_VISIT.search(text, *sentence)
                                  or any(not _NOT_THE_PRESENT.search(text, max(sentence[0], m.start() - 12), m.start())
                                         for m in _NOW.finditer(text, *sentence))):
            # "Today he is well" in a letter that dated its "today" ("seen in clinic today, 13 May"); "He now reports
            # ...", "In clinic the urine ratio was ...", "He is currently well": the visit, not the history told
            # before (documents QA round docqa7); "he was now able to walk" tells the story's own time
            self.current = today
        if self.aside is None and self.born is not None and _BORN.search(text, *sentence):
            # "He was born at 34 weeks with a birth weight of 2.1 kg" in a letter stating the date of birth
            # (a look back: the story's time does not move)
            self.aside = TimeRef(earliest=self.born, latest=self.born, point=self.born, precision="day",
                                 derivation="carried", anchor="birth")
        current, last_admitted = self.current, self.last_admitted
        if today is not None and last_admitted is None and current is not None \
                and (i in self.stay_sections or _AT_PRESENTATION.match(text, sentence[0])) \
                and _before(current, today):
            # a letter's or a progress note's examination and results ("On examination", "O:") in a document that
            # tells no stay: at the visit, the document's date, not at the history told before them
            self.current = current = today
        if self.has_calendar and last_admitted is not None and (i in self.scan.at_role or _PROBLEM_ITEM.match(
                text, sentence[0]) or _before(current, last_admitted) and (  # type: ignore[arg-type]
                _AT_PRESENTATION.match(text, sentence[0]) or i in self.stay_sections)):
            # "On admission, ...": back to the admission, whatever was told since; "He had diarrhoea three weeks
            # earlier. On examination ...": back from the history to the presentation; a hospital course told by
            # problem ("#4 Type 2 diabetes mellitus: HbA1c 8.9%"): each problem's story from the admission, not from
            # the discharge the problem before reached (documents QA round docqa11)
            self.current = last_admitted

    def _history_sentence(self, i: int) -> SentenceTime:
        """Sentence `i` dated as a piece of history told aside (`aside`), with where the story resumes its own time
        within it, and the items of a list of history each at its own time."""
        setter, current, text, has_calendar = self.setter, self.current, self.text, self.has_calendar
        aside: TimeRef = self.aside  # type: ignore[assignment]
        back_to = None if self.history is not None and self.history[0] == i or current is None or setter is None else \
            not setter.attrs.get("vague") and setter.type != "time_relation" and \
            _RESUMES_RIGHT_AFTER.match(text, int(setter.attrs.get("phrase_end") or setter.end)) or \
            _STORY_RESUMES.search(text, int(setter.attrs.get("phrase_end") or setter.end), self.sentences[i][1])
        # "a man operated for a hernia 20 years ago, admitted for abdominal pain": the story resumes its own time
        # at the admission told after the aside
        resumes = ((back_to.start(), current.model_copy(update={"derivation": "carried"})),) if back_to else ()  # type: ignore[union-attr]
        if setter is not None and (clause := _BEFORE_PRESENTED.match(text, setter.end)) is not None:
            # "Several days before the patient presented to the ED, he had X": the presentation told in the clause
            # is day 0's, what follows it the history's (timeqa13)
            resumes = ((clause.start(), TimeRef(offset_days=(0.0, 0.0), derivation="carried", precision="day",
                                                anchor="day0")), (clause.end(), aside)) if not has_calendar else ()
        if setter is not None and i in self.scan.by_sentence and current is not None:
            # "hypertension for 18 years, a subarachnoid haemorrhage 17 years ago, tuberculosis 14 years ago": each
            # item of a list of history dated by its own time counted back (timeqa13)
            items = _history_items(text, setter, self.scan.by_sentence[i], current, has_calendar,
                                   self.last_admitted)
            resumes = tuple(sorted((*resumes, *items), key=lambda shift: shift[0])) if items else resumes
        if setter is not None and not resumes and has_calendar and setter.attrs.get("rel_direction") == "before":
            resumes = self._later_in_history(i, setter, aside)
            if resumes:
                self.stepped.add(i)
        if setter is not None and not resumes and setter.attrs.get("rel_direction") == "before" and \
                (told := PRESENTED_THEN_LOOKS_BACK.search(text, self.sentences[i][0], setter.start)) is not None:
            # "presented with fever and dark urine after starting atorvastatin six weeks earlier": the presentation is
            # the story's time, the look back dates its clause
            now = current.model_copy(update={"derivation": "carried"}) if current is not None else None if \
                has_calendar else TimeRef(offset_days=(0.0, 0.0), derivation="carried", precision="day", anchor="day0")
            if now is not None:
                return SentenceTime(time=now, timex=None, shifts=((told.start("clause"), aside),))
        if self.opening_aside is not None:
            # "A woman with lupus, diagnosed in 2018, presented with ...": the presentation's time is not told
            resumes, self.opening_aside = ((self.opening_aside, TimeRef(derivation="unknown")),), None
        if self.history_aside is not None:
            # "A woman presented with pain on a background of a splenectomy in 1995": the presentation's time is not
            # told, the history's is from where it begins
            history, self.history_aside = self.history_aside, None
            return SentenceTime(time=TimeRef(derivation="unknown"), timex=setter, shifts=((history, aside),))
        return SentenceTime(time=aside, timex=setter, shifts=resumes)

    def _drug_told_on(self, i: int) -> SentenceTime | None:
        """Sentence `i` going on with the drug the piece of history before it started ("Etanercept was started six
        years before admission. It controlled her disease for two years, then she was switched to adalimumab; this
        was stopped eighteen months later"): at that history's time, the drug's stated length ("for two years") ends
        where the sentence goes on ("then"), and an amount "later" counts on from there, not from the story's time
        (docqa16: adalimumab's stop in the year after the discharge). Only a sentence opened by a word pointing back
        ("It", "This drug") that tells the length; nothing counted on past the document's last day."""
        text, (lo, hi) = self.text, self.sentences[i]
        before = self.out[i - 1] if i > 0 and i - 1 in self.asides else None
        if before is None or before.shifts or not (before.time.point or before.time.earliest) \
                or _POINTS_BACK.match(text, lo) is None:
            return None
        length = next((m for m in self.lengths if lo <= m.start < hi), None)
        days = _length_days(str(length.attrs.get("value"))) if length is not None else None
        then = _THEN.search(text, length.end, min(hi, length.end + 40)) if length is not None else None
        if days is None or then is None:
            return None
        aside = before.time.model_copy(update={"derivation": "carried"})
        after = days_after(before.time, days, length.text, "previous")
        shifts: list[tuple[int, TimeRef]] = [(then.start(), after)]
        for tx in self.scan.by_sentence.get(i, []):
            if tx.start > then.end() and tx.attrs.get("rel_anchor") == "previous" \
                    and tx.attrs.get("rel_direction") == "after" and not tx.attrs.get("vague") \
                    and not tx.attrs.get("day_count") and _LATER.search(tx.text):
                new = _from_calendar(tx, after)
                if new is not None and not (self.written is not None and _before(self.written, new)):
                    shifts.append((_clause_start(text, then.end(), tx.start), new))
                break
        if self.written is not None and _before(self.written, after):
            return None
        self.history = (i, aside)
        self.stepped.add(i)
        return SentenceTime(time=aside, timex=None, shifts=tuple(shifts))

    def _later_in_history(self, i: int, setter: Mention, aside: TimeRef) -> tuple[tuple[int, TimeRef], ...]:
        """A later step told within a piece of history a time counted back dated ("Tocilizumab was started three
        years before admission and stopped fourteen months later"): counted on from that history, from the start of
        its clause, not from the story's time, which stays (docqa15: the stop had no time). Only an amount told with
        "later" and counted from the time before it."""
        text = self.text
        for tx in self.scan.by_sentence.get(i, []):
            if tx.start <= setter.end or tx.attrs.get("rel_anchor") != "previous" \
                    or tx.attrs.get("rel_direction") != "after" or tx.attrs.get("vague") \
                    or tx.attrs.get("day_count") or not _LATER.search(tx.text):
                continue
            new = _from_calendar(tx, aside)
            if new is not None:
                return ((_clause_start(text, setter.end, tx.start), new),)
        return ()

    def _story_sentence(self, i: int, set_time: TimeRef, shifts: list[tuple[int, TimeRef]],
                        zero_at: int | None, before: TimeRef | None = None) -> SentenceTime:
        """Sentence `i` at the story's time: the time its expression set, or the story's time carried (one carried
        copy per time carried: nothing changes a TimeRef once placed), with the expression that set it (`origin`)."""
        origin = None
        current = self.current
        if self.setter:
            t = set_time
            self.set_by.setdefault(id(set_time), (set_time, self.setter))
            if self.setter.attrs.get("day_count"):
                self.day_counted.add(i)
        else:
            if self.carried[0] is not current:
                self.carried = (current, current.model_copy(update={"derivation": "carried"}))  # type: ignore[union-attr]
            t = self.carried[1]  # type: ignore[assignment]
            by = self.set_by.get(id(current))
            origin = by[1] if by is not None and by[0] is current else None
        if zero_at is not None and self.setter is not None and self.setter.start >= zero_at:
            # the words before the later day are day 0's: "received the first dose (day 0)" is not on day 7
            shifts.insert(0, (_clause_start(self.text, zero_at, self.setter.start), t))
            t, self.setter, origin = self.day0_marked[0], None, None
        elif (opens := self._later_clause(i, before)) is not None:
            # "Dexamethasone was started, and on day 3 anakinra was added": a step on from the time told before
            # governs its own clause; the words before it are still at that time (the sentence's time stays the step's:
            # an event told later counts from it)
            if self.carried[0] is not before:
                self.carried = (before, before.model_copy(update={"derivation": "carried"}))  # type: ignore[union-attr]
            shifts[:0] = [(self.sentences[i][0], self.carried[1]), (opens, t)]  # type: ignore[list-item]
        return SentenceTime(time=t, timex=self.setter, shifts=tuple(shifts), origin=origin)

    def _later_clause(self, i: int, before: TimeRef | None) -> int | None:
        """Where the clause opens whose time steps on from the time told before ("two days later", "on day 3"), when
        a clause of the sentence precedes it (after ", and", ", but", ", followed", "; ", "then"); None otherwise. A
        calendar date or a time counted from elsewhere dates the whole sentence, as before."""
        setter = self.setter
        if setter is None or before is None or not before.known or before is self.current \
                or setter.attrs.get("rel_direction") != "after" or setter.attrs.get("vague") \
                or not (setter.attrs.get("rel_anchor") == "previous" or setter.attrs.get("day_count")):
            return None
        lo, hi = self.sentences[i]
        opens = None
        for clause in _NEW_CLAUSE.finditer(self.text, lo, setter.start):
            opens = clause.start()
        if opens is None or not _after_or_same(self.current, before):
            return None
        items = _SEPARATOR.split(self.text[lo:opens])
        if not _VERB.search(self.text, opens, hi) or not any(_VERB.search(x) for x in items[-2:]):
            return None  # "fatigue, anemia, and depression progressed at week 30": the last items of one list
        return opens

    def _note_stays(self, i: int) -> None:
        """What story sentence `i` tells of the stays for the sentences after it: the first stay when the story steps on
        to it after day 0, the last stay (relative axis), the first admission or presentation and the last one."""
        scan, out, setter = self.scan, self.out, self.setter
        told = scan.admitted_in.get(i, scan.readmitted_in.get(i))
        arrival = (told, True) if told is not None else self.arrived_in.get(i)
        if i == self.first_arrival and i not in self.asides and setter is not None \
                and not setter.attrs.get("day_count") and setter.attrs.get("rel_anchor") == "previous" \
                and setter.attrs.get("rel_direction") == "after" \
                and _FRONTED.match(self.text, self.sentences[i][0], setter.start) is not None:
            # the first stay (or presentation) told, when the story steps on to it after day 0 ("Four weeks later,
            # she was admitted")
            when = _told_at(out[-1], arrival[0])  # type: ignore[arg-type,index]
            self.first_stay = when if when.offset_days is not None and when.offset_days[0] > 0 else None
        if not self.has_calendar and arrival is not None and (arrival[1] or self.last_stay is None) \
                and i not in self.asides:
            when = _told_at(out[-1], arrival[0])  # type: ignore[arg-type]
            if when.offset_days is not None and when.offset_days[0] >= 0:
                self.last_stay = when  # (not a stay of the history)
        if told is not None or (self.last_admitted is None and i in self.presented_in):
            # the time where the admission (or presentation) is told: "diagnosed in 2019, was admitted on 3 May
            # 2022" is admitted in 2022
            when = _told_at(out[-1], told if told is not None else self.presented_in[i],  # type: ignore[arg-type]
                            self.text)
            if when.known and (when.point or when.earliest):
                self.last_admitted = when
                if self.admitted is None and i in scan.admitted_in:
                    self.admitted = when
                elif self.presented is None and told is None:
                    self.presented = when


# "before admission to the ICU": an admission to a unit of the hospital, not the stay's own
_TO_A_UNIT = re.compile(r"\s*(?:to|in|into)\s+(?:the\s+|our\s+)?(?:\w+\s+)?(?:ICU|PICU|NICU|CCU|intensive\s+care|"
                        r"critical\s+care|high\s+dependency)", re.I)


_CONTINUES = re.compile(
    rf"\W*(?:(?:however|then)\s*,?\s+)?(?:(?:{alternation(HISTORY_CONTINUATIONS['openers'])})\s+"
    rf"(?:{alternation(HISTORY_CONTINUATIONS['verbs'])})|(?:after|following)\s+(?:\w+ing\s+)?"
    rf"(?:{alternation(HISTORY_CONTINUATIONS['refers'])}))\b", re.I)


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


def _goes_on_in_history(reading: Reading, i: int, out: list[SentenceTime | None], asides: set[int],
                        stepped: Container[int] = ()) -> bool:
    """Whether sentence `i` (with no time of its own) goes on telling the piece of history the sentence before it told
    ("These were accompanied by nausea", "After eating this, he developed diarrhoea"; the first treatment of a
    diagnosis it dated, "Methotrexate was started at 10 mg weekly"), which did not resume the story within itself."""
    if i == 0 or i - 1 not in asides:
        return False
    before = out[i - 1]
    if before is not None and before.shifts and i - 1 in stepped:
        # a piece of history that stepped on within itself ("started three years before admission and stopped
        # fourteen months later"): the next treatment told "then" or "followed" goes on after its last step (docqa16)
        return _NEXT_TREATMENT.match(reading.text, reading.sentences[i][0]) is not None
    return before is not None and not before.shifts \
        and (_CONTINUES.match(reading.text, reading.sentences[i][0]) is not None or _treats_diagnosis(reading, i))


# a sentence that opens by starting a treatment, with no time of its own ("Methotrexate was started at 10 mg weekly",
# "She was started on azathioprine"), after a sentence that dated a diagnosis aside ("rheumatoid arthritis diagnosed
# nine years before this admission"): the treatment of that diagnosis, told on in its time (docqa15)
_TREATMENT_OPENS = re.compile(
    r"\W*(?:(?:initial\s+)?treatment\s+(?:was|consisted)\b|[A-Z][\w-]+(?:\s+[\w-]+)?\s+(?:was|were)\s+"
    r"(?:started|commenced|begun|initiated|introduced)\b|(?:she|he|they|the\s+patient)\s+(?:was|were)\s+"
    r"(?:started|commenced|initiated|begun)\s+on\b)", re.I)
_DIAGNOSED = re.compile(r"\bdiagnosed\b", re.I)

# a sentence opened by a word pointing back at the treatment just told ("It controlled her disease ...", "This drug
# was effective ...", "The treatment worked ..."), and where it goes on after that treatment's length ("for two
# years, then ...", "for a year, after which ...") (docqa16)
_POINTS_BACK = re.compile(r"\s*(?:it|this|this\s+(?:drug|agent|treatment|therapy|medication|regimen)|"
                          r"the\s+(?:drug|agent|treatment|therapy|medication|regimen))\s+(?!is\b|was\s+not\b)\w+",
                          re.I)
_THEN = re.compile(r"[,;]?\s*(?:and\s+)?(?:then|after\s+which|thereafter)\b", re.I)
_LENGTH = re.compile(r"P(\d+(?:\.\d+)?)([YMWD])")
_UNIT_DAYS = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0}


def _length_days(value: str) -> float | None:
    """The days of a length told as an ISO duration ("P2Y"), None for another form (a range, a vague one)."""
    m = _LENGTH.fullmatch(value)  # (whole days up: two years from 1 January reach the next 1 January, not 31 December)
    return float(math.ceil(float(m.group(1)) * _UNIT_DAYS[m.group(2)])) if m else None


def _written_date(reading: Reading, types: ByType) -> TimeRef | None:
    """The last day a document tells of: its discharge date ("Discharge date: 03/19/2025"), else its own date."""
    text = reading.text
    for m in types.of("date"):
        if m.attrs.get("kind") != "absolute":
            continue
        end = text.find("\n", m.end)
        label = _field_label(text, (text.rfind("\n", 0, m.start) + 1, len(text) if end < 0 else end), m)
        if label is not None and "discharge" in label and (t := calendar_time(m)) is not None \
                and t.precision == "day":
            return t
    return _today(reading, types)


def _treats_diagnosis(reading: Reading, i: int) -> bool:
    """Whether sentence `i` opens by starting a treatment right after sentence `i - 1` told a diagnosis, or opens by
    giving the next treatment "then" ("Leflunomide was then given for one year", docqa16)."""
    return i > 0 and (_TREATMENT_OPENS.match(reading.text, reading.sentences[i][0]) is not None
                      and _DIAGNOSED.search(reading.text, *reading.sentences[i - 1]) is not None
                      or _NEXT_TREATMENT.match(reading.text, reading.sentences[i][0]) is not None)


# a sentence opening by giving the next treatment of a history: "Leflunomide 20 mg daily was then given", "She was
# then started on X" (docqa16)
_NEXT_TREATMENT = re.compile(
    r"\W*(?:(?:[A-Z][\w-]+(?:\s+[\w./-]+){0,5}?|(?:she|he|they|the\s+patient))\s+(?:was|were)\s+then\s+"
    r"(?:given|started|commenced|begun|initiated|introduced|treated|switched|changed)\b|"
    # "Abatacept 125 mg weekly followed for one year": the next treatment, after the last step told
    r"[A-Z][\w-]+(?:\s+[\w./-]+){0,5}?\s+(?:then\s+)?followed\b(?!\s+by\b))", re.I)


# the visit a letter records, told without "today" (docqa7): "in clinic", "at this visit", "currently", "now"
# (a note's "overnight", "this morning", "last night": the night before the note or its day, not the admission told
# before; documents QA round docqa11); what the patient "reports" or "denies" in the present tense (lead, fourteenth
# session)
_AT_THE_VISIT = re.compile(r"\b(?:in (?:the )?clinic(?! (?:letter|note)s?\b)|at (?:this|today's|the present) "
                           r"(?:visit|appointment|review)|currently|at present|overnight|this morning|last night|"
                           r"(?:she|he|they|the patient) (?:reports|denies|describes|complains of|feels)|"
                           # a result's change told in the present perfect, up to now: "her IgG has drifted down to
                           # 5.6 g/L", "the creatinine has risen to 180" (docqa16)
                           r"(?:has|have)\s+(?:\w+ly\s+)?(?:drifted|fallen|dropped|declined|decreased|risen|"
                           r"increased|climbed|crept|improved|worsened|stabili[sz]ed))\b", re.I)
_NOW = re.compile(r"\bnow\b", re.I)
_NOT_THE_PRESENT = re.compile(r"\b(?:was|were|had|by|until|till|from|since|up to|and)\s+(?:\w+\s+)?$", re.I)
# a change told against an earlier value and its date: "down from 17 in June", "up from 3.1 L in March 2025"
_LOOK_BACK = re.compile(r"\b(?:down|up|fallen|risen|improved|reduced|decreased|increased|dropped|rose|fell|compared\s+"
                        r"(?:with|to))\s+(?:from\s+)?[\d.,]+(?:\s*[^\s\d,;.()]{1,10})?\s+(?:in|on)\s+\Z", re.I)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?\Z", re.I)
# an aside dating the last of a series just told: "..., the last on 10 May", "..., the final one on day 9"
_SERIES_LAST = re.compile(r",\s*(?:the|its|her|his|their)\s+(?:last|final)(?:\s+(?:one|dose|session|exchange|"
                          r"cycle|course|infusion|treatment|run)s?)?\s+(?:on|at)\s+\Z", re.I)
_TODAY_RESTATED = re.compile(r"\btoday\s*,\s*$", re.I)  # "today, three weeks after X": a time restating today


_BORN = re.compile(r"\b(?:was|were)\s+born\b", re.I)  # the birth told ("He was born at 34 weeks")


def _calendar(value: object) -> bool:
    try:
        parse_iso(str(value))
    except ValueError:
        return False
    return True


_AT_PRESENTATION = re.compile(r"\W*(?:on|at|upon)\s+(?:(?:the\s+)?(?:physical|clinical|initial|admission)\s+)?"
                              r"(?:examination|presentation|arrival)\b", re.I)


def _after_an_admission(tx: Mention) -> bool:
    """An amount after the admission, vague ones too ("shortly after admission"), not a day count of the stay."""
    a = tx.attrs
    return a.get("rel_anchor") == "admission" and a.get("rel_direction") == "after" and not a.get("day_count") \
        and a.get("rel_amount_min") is not None


def _sentences_of(sentences: list[tuple[int, int]], positions: list[int]) -> set[int]:
    """The indexes of the sentences holding `positions` (sorted)."""
    out: set[int] = set()
    j = 0
    for pos in positions:
        while j < len(sentences) and sentences[j][1] <= pos:
            j += 1
        if j < len(sentences) and sentences[j][0] <= pos:
            out.add(j)
    return out


# something done at the time of the discharge: "at discharge", "upon discharge", "on discharge", "at the time of (her)
# discharge", "at hospital discharge" (not "after discharge", "since discharge", "discharge summary")
_AT_DISCHARGE = re.compile(r"\b(?:at|upon|on)\s+(?:the\s+time\s+of\s+)?(?:(?:his|her|their|the)\s+)?(?:hospital\s+)?"
                           r"discharge\b(?!\s+(?:summary|letter|planning|criteria|instructions|diagnos\w+))", re.I)


def _discharge_positions(reading: Reading, types: ByType) -> dict[int, int]:
    """sentence -> where the first discharge it tells (an event of the story) is told."""
    starts = [m.start for m in types.of("event") if m.norm == "discharge" and m.attrs.get("role") == "occurrence"]
    out: dict[int, int] = {}
    j = 0
    sentences = reading.sentences
    for pos in starts:
        while j < len(sentences) and sentences[j][1] <= pos:
            j += 1
        if j < len(sentences):
            out.setdefault(j, pos)
    return out


# the presentation's imaging or tests opening a paragraph after the history ("On CT of her abdomen, there was ...", "CT
# of the abdomen showed ...", "Laboratory tests revealed ..."): back at the presentation (timeq)
_WORKUP_OPENS = re.compile(
    r"(?:(?:on|at|upon)\s+(?:(?:an?|the|his|her|their)\s+)?(?:(?:urgent|emergency|admission|initial)\s+)?"
    r"(?:CT|computed\s+tomography|MRI|magnetic\s+resonance|ultrasound|ultrasonography|sonography|radiograph\w*|"
    r"X-?ray|imaging|laboratory|blood\s+tests?)\b|(?:(?:an?|the)\s+)?(?:(?:urgent|emergency|initial)\s+)?"
    r"(?:CT|computed\s+tomography|MRI|ultrasound|ultrasonography|imaging|laboratory\s+(?:tests?|investigations?|"
    r"studies|workup|work-up)|blood\s+tests?)\b[^.;]{0,60}?\b(?:revealed|showed|demonstrated|disclosed))", re.I)


def _workup_opens_paragraph(text: str, start: int) -> bool:
    """Whether the sentence at `start` opens a paragraph with imaging or tests (`_WORKUP_OPENS`)."""
    return "\n" in text[max(0, start - 3):start] and _WORKUP_OPENS.match(text, start) is not None
