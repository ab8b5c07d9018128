"""Drugs listed under a heading of the medications at discharge ("Discharge Medications:", "Medications on
discharge") or of the current medications ("Current medications:", "Medications: X, Y" in a letter): the patient
leaves hospital (or is, when the letter is written) taking them, so each such drug's course is active at the end of
the story unless the story has stopped or completed it (`knowledge/discharge_medication_headings.csv`,
`knowledge/current_medication_headings.csv`). A listed drug whose own line says it was stopped ("Aspirin 75 mg -
stopped") is stopped, not active (`knowledge/medication_list_stops.csv`); one whose line tells its start ("(started
02/07/2025)", "(since 06/06/2025)") began then (documents QA round docqa5)."""
from __future__ import annotations

import re
from functools import cache

from casecourse.assembly.medication_plan import plan_sections
from casecourse.assembly.record_sections import LIST_MARK, sections
from casecourse.assembly.timeline import _before, calendar_time
from casecourse.knowledge import table
from casecourse.model import Exposure, Mention, TimeRef
from casecourse.reading.timex_lexicon import alternation
from casecourse.reading.zoning import Zone


def _rows(name: str, column: str) -> list[str]:
    return [r[column] for r in table(name)]


@cache
def _headings() -> frozenset[str]:
    return frozenset(_rows("discharge_medication_headings.csv", "heading")
                     + _rows("current_medication_headings.csv", "heading"))


@cache
def _stop_rx() -> re.Pattern[str]:
    words = alternation([re.escape(w) for w in _rows("medication_list_stops.csv", "word")], escape=False)
    return re.compile(rf"\b(?:{words})\b", re.I)


# a paragraph of prose after a blank line: a line of 60 characters or more that no list mark opens (a letter's story
# told after its "Current medications:" list without a heading of its own)
_PROSE_AFTER = re.compile(rf"\n[ \t]*\n(?=[ \t]*(?!{LIST_MARK}\s)[^\n]{{60}})")


def _sections(text: str, zones: list[Zone]) -> list[tuple[int, int]]:
    """(start, end) of each part of the text under a medication-list heading, to the next heading or to the first
    paragraph of prose after the list (documents QA round docqa7: "Pyridostigmine was withheld ..." in the story after
    a letter's list is no line of the list), and of each line a medication label opens."""
    out = []
    for lo, hi, labelled in sections(text, zones, _headings()):
        prose = None if labelled else _PROSE_AFTER.search(text, lo, hi)
        out.append((lo, prose.start() if prose is not None and text[lo:prose.start()].strip() else hi))
    return out


def _stopped_on_its_line(text: str, m: Mention) -> bool:
    """Whether the listed drug's own line says it was stopped, after the drug ("Aspirin 75 mg - stopped")."""
    end = text.find("\n", m.end)
    return _stop_rx().search(text, m.end, len(text) if end < 0 else end) is not None


# a start told on a listed drug's own line, right before its date: "Duloxetine 30 mg daily (started 02/07/2025)",
# "Tocilizumab 162 mg weekly (since 06/06/2025)"
_START_BEFORE = re.compile(r"\b(?:since|started(?:\s+on)?|start(?:\s+date)?:?|commenced(?:\s+on)?|begun(?:\s+on)?|"
                           r"from|initiated(?:\s+on)?)\s+$", re.I)


def _started_on_its_line(text: str, m: Mention, dates: list[Mention]) -> TimeRef | None:
    """The day, month or year a listed drug's own line says it was started (after the drug, before the line's end)."""
    end = text.find("\n", m.end)
    end = len(text) if end < 0 else end
    for d in dates:
        if m.end < d.start < end and _START_BEFORE.search(text, max(m.end, d.start - 20), d.start):
            return calendar_time(d)
    return None


def _undate_carried_starts(sections: list[tuple[int, int]], exposures: list[Exposure]) -> None:
    """A course first named by a list's line took the time the story had reached there ("day 4" of the progress
    told above "Discharge medications: paracetamol 1 g"); the list tells the drug is taken, not when it began."""
    for e in exposures:
        spans = e.provenance.spans
        if not spans or not e.segments or e.time.derivation != "carried" or e.segments[0].start != e.time \
                or not any(lo <= spans[0].start < hi for lo, hi in sections):
            continue
        e.time = TimeRef(derivation="unknown")
        e.segments[0].start = e.time


def _date_starts(text: str, listed_at: dict[str, list[Mention]], dates: list[Mention],
                 exposures: list[Exposure]) -> None:
    """A listed drug's start its line tells dates the first dose of the course it names, where nothing else did."""
    for e in exposures:
        if not e.segments or e.segments[0].start.known or e.status == "not-taken":
            continue
        for m in listed_at.get(e.drug, ()):
            when = _started_on_its_line(text, m, dates)
            if when is not None:
                e.segments[0].start = when
                if not e.time.known:
                    e.time = when
                break


def current_dose_last(text: str, zones: list[Zone], mentions: list[Mention], exposures: list[Exposure],
                      today: TimeRef | None) -> None:
    """A listed drug's line (its dose now, undated) read before the story that dates its courses: the line's dose is
    the one taken at the list's time, the last, not the first course's first ("Prednisolone 10 mg on alternate days"
    above a history of courses of 60 mg/m2 daily): the segment moves to the end of the drug's last course, which goes
    on (its end, told by a stated length, is not the drug's); dropped where that course's last dose is the same
    (docqa8). Only in a letter that dates its visit (`today`), where every dose the story dates after the line began
    before the visit: a change made at the visit ("I have increased furosemide to 80 mg") follows the listed dose.
    After the plan's reading (`medication_plan.mark_plan`), which drops a dose a plan defers."""
    sections = _sections(text, zones) if today is not None else []
    if not sections or today is None:
        return
    plans = plan_sections(text, zones)
    listed: dict[str, bool] = {}  # drug -> its list line says stopped
    for m in mentions:
        if m.type == "drug" and m.norm and m.assertion.value == "present" \
                and any(lo <= m.start < hi for lo, hi in sections):
            listed[m.norm] = listed.get(m.norm, False) or _stopped_on_its_line(text, m)
    first: dict[str, Exposure] = {}
    last: dict[str, Exposure] = {}
    for e in exposures:
        if e.status != "not-taken" and e.segments:
            first.setdefault(e.drug, e)
            last[e.drug] = e
    for name, stops in sorted(listed.items()):
        e, tail = first.get(name), last.get(name)
        if stops or e is None or tail is None or len(e.segments) + (len(tail.segments) if tail is not e else 0) < 2:
            continue
        seg = e.segments[0]
        spans = seg.provenance.spans if seg.provenance else []
        if seg.start.known or not spans or not any(lo <= spans[0].start < hi for lo, hi in sections):
            continue
        later = [g for x in exposures if x.drug == name for g in x.segments if g is not seg]
        dated = [g for g in later if g.start.known and g.provenance and g.provenance.spans
                 and g.provenance.spans[0].start > spans[0].start]
        if not dated or not all(_before(g.start, today) for g in dated):
            continue  # the story dates nothing after the line, or a change at the visit: the line's dose came first
        e.segments.pop(0)
        if e.segments and e.segments[0].start.known:
            e.time = e.segments[0].start
        end = tail.segments[-1]
        if not (end.dose and seg.dose and end.dose.value == seg.dose.value and end.dose.unit == seg.dose.unit
                and end.dose.per == seg.dose.per):
            seg.start, seg.end = TimeRef(), None
            # before a plan's doses, which are to come ("Reduce prednisolone ... to 10 mg once daily")
            at = next((k for k, g in enumerate(tail.segments) if g.provenance and g.provenance.spans
                       and any(lo <= g.provenance.spans[0].start < hi for lo, hi in plans)), len(tail.segments))
            tail.segments.insert(at, seg)
        if tail.status in ("completed", "unknown", "active"):
            tail.end, tail.status = None, "active"
        if not e.segments and e is not tail:
            # the line made a course of its own that the story's first dated course closed ("Rituximab 500 mg every 6
            # months" listed above "rituximab 1 g on 22/03/2022 ... then 500 mg every six months"): it was no course
            # stopped at a time not told, only the last course's dose now (docqa15)
            exposures.remove(e)


def mark_discharge_medications(text: str, zones: list[Zone], mentions: list[Mention],
                               exposures: list[Exposure]) -> None:
    """Set `active` on the last course of each drug a medication list names, where the story left its status
    unknown; `stopped` where the list's line says so."""
    sections = _sections(text, zones)
    if not sections:
        return
    listed: dict[str, bool] = {}  # drug -> its list line says stopped
    stopped_at: dict[str, int] = {}  # drug -> where a list line saying it was stopped names it
    listed_at: dict[str, list[Mention]] = {}  # drug -> its mentions in the lists
    for m in mentions:
        if m.type == "drug" and m.norm and m.assertion.value == "present" \
                and any(lo <= m.start < hi for lo, hi in sections):
            listed_at.setdefault(m.norm, []).append(m)
            stops = _stopped_on_its_line(text, m)
            listed[m.norm] = listed.get(m.norm, False) or stops
            if stops:
                stopped_at.setdefault(m.norm, m.start)
    last: dict[str, Exposure] = {}
    named: dict[tuple[str, int], Exposure] = {}  # (drug, where a course's first mention is) -> the course
    for e in exposures:
        if e.status != "not-taken":
            last[e.drug] = e
        if e.provenance.spans:
            named.setdefault((e.drug, e.provenance.spans[0].start), e)
    for name in sorted(listed):
        # the stopped line's own course ("Furosemide 40 mg daily (not taking)" before the plan's new IV course)
        e = named.get((name, stopped_at[name]), last.get(name)) if listed[name] else last.get(name)
        if e is not None and e.status == "unknown":
            e.status = "stopped" if listed[name] else "active"
    _undate_carried_starts(sections, exposures)
    dates = [m for m in mentions if m.type == "date" and m.attrs.get("kind") == "absolute"]
    if dates:
        _date_starts(text, listed_at, dates, exposures)
    for e in exposures:
        # a listed drug's line (its current dose, undated) read before the story that tells when the course began
        # ("Levamisole 48 mg on alternate days" above "levamisole was started on 01/09/2025"): the course began then
        if e.drug in listed_at and not e.time.known and e.segments and not e.segments[0].start.known:
            first = next((g.start for g in e.segments[1:] if g.start.known), None)
            if first is not None:
                e.time = first
