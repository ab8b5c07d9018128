"""What the timeline reads of a text before it walks the story (`timeline_story.place_sentences`).

One pass over the event, time, duration and age mentions sorts them out: which sentences tell an admission or a
readmission, which refer to the admission ("On admission", "after admission"), and which time expressions may set the
time of their sentence (`StoryScan.by_sentence`), leaving out those that date something else (a figure legend glued to
a sentence, a date of birth, an aside in brackets, a laboratory's incubation time, a length from an event). Scans of
the whole text for arrivals, the first presentation and figure legends are here too.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from casecourse.assembly.positions import ByType
from casecourse.assembly.timeline import (
    _BARE_DAY,
    _FRONTED,
    DOB_BEFORE,
    _label_dated_in_brackets,
    _length_after_event,
)
from casecourse.assembly.timeline_anchor import EventIndex
from casecourse.model import Mention
from casecourse.reading.pipeline import Reading
from casecourse.reading.rx_first import finditer, lower_text
from casecourse.reading.timex_lexicon import HISTORY_AGE_SUBJECTS, LAB_PROCESS_WORDS, alternation
from casecourse.reading.zoning import PATIENT_ZONES
from casecourse.spans import Covers, in_parentheses

_TIME_TYPES = ("date", "time", "time_relation", "prepost")


_AGAIN = re.compile(r"\s+(?:once\s+)?again\b", re.I)


_OPENS_SENTENCE = re.compile(r"\W*(?:\w+\W+){0,3}$")  # at most three words before


# "after 84 h of incubation", "after 5 days of culture" (knowledge/timex_lexicon.json lab_process_lengths)
_LAB_PROCESS = re.compile(rf"\s+of\s+(?:{alternation(LAB_PROCESS_WORDS)})\b", re.I)


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


# the patient's first presentation ("presented on 7 March 2024 with", "was referred in May 2021"): what "on
# admission" dates when the story tells no admission
_PRESENTED = re.compile(r"\b(?:presented|was referred|were referred)\b(?! again)", re.I)


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
    for m in _glued_legend_matches(text):
        end = text.find("\n", m.start())
        spans.append((m.start(), end if end >= 0 else len(text)))
    return spans


def _glued_legend_matches(text: str) -> Iterator[re.Match[str]]:
    """`_GLUED_LEGEND.finditer(text)`, tried only where the lower-cased text (`lower_text`, exact) holds "fig": every
    match starts with those letters and holds them once, so the matches are the same (the pattern had tried every
    position of the text)."""
    low = lower_text(text)
    if low is None:
        yield from _GLUED_LEGEND.finditer(text)
        return
    p = low.find("fig")
    while p >= 0:
        m = _GLUED_LEGEND.match(text, p)
        if m is not None:
            yield m
        p = low.find("fig", p + 3)


@dataclass(slots=True)
class StoryScan:
    """The mentions and sentences the placement reads, by sentence index."""

    glued: list[tuple[int, int]]  # legends glued to a paragraph's last sentence (timeqa13)
    glued_at: Covers
    # where the story tells a stay begin or end ("was admitted", "discharged"): a stay told as a range of dates
    stay_told: list[tuple[int, str]]
    # a text that marks its own day 0 ("admitted to the ICU (day 0)") and counts its days from it (timeqa10)
    marks_day_zero: bool
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)  # the time expressions that may set its time
    at_admission: set[int] = field(default_factory=set)  # sentences that refer to the admission ("On admission")
    admission_starts: set[int] = field(default_factory=set)  # where those references start ("At the time of ...")
    # sentences that tell an admission ("was admitted on 3 May 2021"), with where the admission is told
    admitted_in: dict[int, int] = field(default_factory=dict)
    readmitted_in: dict[int, int] = field(default_factory=dict)
    at_role: set[int] = field(default_factory=set)  # sentences dated by the admission itself ("On admission")
    # those that open with it ("On admission, ...", "Vital signs at admission were"), not "cultures obtained on
    # admission revealed X" (told days later)
    opens_at_admission: set[int] = field(default_factory=set)
    restating: set[int] = field(default_factory=set)  # where a parenthesised day count restates its sentence's time
    glued_times: dict[int, Mention] = field(default_factory=dict)  # sentence -> the first time of its glued legend


def scan_story(reading: Reading, types: ByType) -> StoryScan:
    """Sort the reading's event, time, duration and age mentions (in the reading's order) into a `StoryScan`."""
    glued = _glued_legends(reading.text)
    scan = StoryScan(
        glued=glued, glued_at=Covers(glued),
        stay_told=sorted((m.start, m.norm) for m in types.of("event") if m.attrs.get("role") == "occurrence"
                         and m.norm in ("admission", "readmission", "discharge") and m.zone in PATIENT_ZONES),
        marks_day_zero=any(m.attrs.get("day_count") == 0 and m.zone in PATIENT_ZONES for m in types.of("time")))
    si = 0  # the sentence of the mention read last (the mentions come in the text's order)
    for m in types.of("event", *_TIME_TYPES, "duration", "age"):  # (the placement reads no other)
        if m.type in ("age", "duration"):
            m = _history_span(reading.text, m) or m  # noqa: PLW2901 - read as the time it tells
        if m.type == "event":
            si = _admission_told(reading, scan, m, si)
            continue
        timed = m.type in _TIME_TYPES or (m.type == "duration" and m.attrs.get("kind") == "relative")
        if not timed or m.zone not in PATIENT_ZONES or m.attrs.get("gestational"):
            continue  # ("the 26th week of her pregnancy": how far the pregnancy had gone, not the story's time)
        si = _sentence_from(reading.sentences, si, m.start)
        if _dates_the_story(reading, scan, m, si):
            scan.by_sentence.setdefault(si, []).append(m)
    if scan.restating:
        for ms in scan.by_sentence.values():
            if any(m.start in scan.restating for m in ms):
                ms.sort(key=lambda m: m.start not in scan.restating)  # the restated day sets the sentence's time
    return scan


def _sentence_from(sentences: list[tuple[int, int]], si: int, pos: int) -> int:
    """The index of the sentence holding `pos`, searched on from sentence `si` (len(sentences) past the last)."""
    while si < len(sentences) and sentences[si][1] <= pos:
        si += 1
    return si


def _admission_told(reading: Reading, scan: StoryScan, m: Mention, si: int) -> int:
    """Record an admission event of the patient's story: one that happened ("was admitted", "readmitted"), or a
    reference to it ("On admission", "after admission"). Returns the sentence read last (only a reference moves it)."""
    if m.norm in ("admission", "readmission") and m.attrs.get("role") == "occurrence" and m.zone in PATIENT_ZONES:
        j = _sentence_from(reading.sentences, si, m.start)
        again = m.norm == "readmission" or _AGAIN.match(reading.text, m.end) is not None \
            or reading.text.startswith("re-", m.start)  # "hospitalized again", "re-presented"
        (scan.readmitted_in if again else scan.admitted_in).setdefault(j, m.start)
    if m.norm == "admission" and m.attrs.get("role") in ("at", "reference") and m.zone in PATIENT_ZONES:
        si = _sentence_from(reading.sentences, si, m.start)
        scan.at_admission.add(si)
        if m.attrs.get("role") == "at":
            scan.at_role.add(si)
            if _OPENS_SENTENCE.match(reading.text, reading.sentences[si][0] if si < len(reading.sentences) else 0,
                                     m.start) and not _TO_A_UNIT.match(reading.text, m.end):
                scan.opens_at_admission.add(si)
        scan.admission_starts.add(m.start)
    return si


_TODAY_OPEN = re.compile(r"\btoday\s*\(\s*$", re.I)


def _dates_the_story(reading: Reading, scan: StoryScan, m: Mention, si: int) -> bool:
    """Whether time expression `m` of sentence `si` may set its sentence's time; not one that dates something else
    (recorded as such where the placement reads it later: a glued legend's time, a day count restating its time)."""
    text, sentences = reading.text, reading.sentences
    if scan.glued and si < len(sentences) and scan.glued_at.holds(m.start, m.start + 1) \
            and not scan.glued_at.holds(sentences[si][0], sentences[si][0] + 1):
        # "... skin sinus.Fig 1 A, Bleeding 5 years after the repair": a glued legend's time dates the legend (from
        # where it is glued on), not the story
        scan.glued_times.setdefault(si, m)
        return False
    if m.type == "date" and DOB_BEFORE.search(text, max(0, m.start - 20), m.start):
        return False  # "Re: Jane Doe, DOB 11/06/1958": the birth (course.py reads it), not the story's time
    if si < len(sentences) and in_parentheses(text, sentences[si][0], m.start) \
            and not _label_dated_in_brackets(text, m) and not _TODAY_OPEN.search(text, max(0, m.start - 10), m.start):
        # ("seen in clinic today (14/10/2025)": the date of today, the letter's visit, not an aside)
        if not (scan.marks_day_zero and m.attrs.get("day_count") and _BARE_DAY.match(m.text)):
            return False  # "(stent placed 4 years before admission)" dates an aside, not the story
        # "A month later (day 77), she was admitted" in a text that marks its day 0: the day restates the time
        scan.restating.add(m.start)
    if si < len(sentences) and _LAB_PROCESS.match(text, int(m.attrs.get("phrase_end") or m.end)) \
            and _FRONTED.match(text, sentences[si][0], m.start) is None:
        # "cultures remained negative after 5 days of incubation": the laboratory's time, not the story's (a
        # fronted one, "After 5 days of incubation, the culture grew X and Y was started", moves the story)
        return False
    # "hospitalized for 25 days after birth": a length from the event, not a time after it
    return not _length_after_event(m)
