"""Drugs listed under a heading of the medications at discharge ("Discharge Medications:", "Medications on
discharge") or of the current medications ("Current medications:", "Medications: X, Y" in a letter): the patient
leaves hospital (or is, when the letter is written) taking them, so each such drug's course is active at the end of
the story unless the story has stopped or completed it (`knowledge/discharge_medication_headings.csv`,
`knowledge/current_medication_headings.csv`). A listed drug whose own line says it was stopped ("Aspirin 75 mg -
stopped") is stopped, not active (`knowledge/medication_list_stops.csv`)."""
from __future__ import annotations

import re
from functools import cache

from casecourse.assembly.record_sections import sections
from casecourse.knowledge import table
from casecourse.model import Exposure, Mention
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


def _sections(text: str, zones: list[Zone]) -> list[tuple[int, int]]:
    """(start, end) of each part of the text under a medication-list heading, to the next heading, and of each line
    a medication label opens."""
    return [(lo, hi) for lo, hi, _ in sections(text, zones, _headings())]


def _stopped_on_its_line(text: str, m: Mention) -> bool:
    """Whether the listed drug's own line says it was stopped, after the drug ("Aspirin 75 mg - stopped")."""
    end = text.find("\n", m.end)
    return _stop_rx().search(text, m.end, len(text) if end < 0 else end) is not None


def mark_discharge_medications(text: str, zones: list[Zone], mentions: list[Mention],
                               exposures: list[Exposure]) -> None:
    """Set `active` on the last course of each drug a medication list names, where the story left its status
    unknown; `stopped` where the list's line says so."""
    sections = _sections(text, zones)
    if not sections:
        return
    listed: dict[str, bool] = {}  # drug -> its list line says stopped
    stopped_at: dict[str, int] = {}  # drug -> where a list line saying it was stopped names it
    for m in mentions:
        if m.type == "drug" and m.norm and m.assertion.value == "present" \
                and any(lo <= m.start < hi for lo, hi in sections):
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
