"""A drug the course of a dated stay tells without a date of its own started during that stay.

A discharge summary dates its stay in its header ("Admission Date: X   Discharge Date: Y") and tells the treatment under
"Hospital course" without dates ("He was started on anakinra"). Such a start is neither unknown nor the admission day:
it lies from the admission to the discharge, an estimate (the brief: an estimated date carries its uncertainty).
Only starts the story left undated, under a heading of the stay's course, in a course with one dated stay.
"""
from __future__ import annotations

import re

from casecourse.assembly.timeline_sections import course_sections
from casecourse.model import Event, Exposure, TimeRef
from casecourse.reading.zoning import Zone


def _day(t: TimeRef, end: str) -> str | None:
    """The day `t` names, or where its day-month order is unsettled ("03/02/2021", an estimate between two days) its
    earliest (`end` "earliest") or latest possible day: the stay then holds both readings."""
    day = getattr(t, end) or t.point
    return day if day and len(day) == 10 and t.precision == "day" else None


def _one_dated_stay(events: list[Event]) -> tuple[str, str] | None:
    admissions = [e for e in events if e.type == "admission" and e.assertion.value == "present"]
    discharges = [e for e in events if e.type == "discharge" and e.assertion.value == "present"]
    if len(admissions) != 1 or len(discharges) != 1:
        return None
    lo, hi = _day(admissions[0].time, "earliest"), _day(discharges[0].time, "latest")
    return (lo, hi) if lo and hi and lo <= hi else None


def date_starts_within_the_stay(text: str, zones: list[Zone], events: list[Event], exposures: list[Exposure]) -> None:
    stay = _one_dated_stay(events)
    sections = course_sections(text, zones) if stay else []
    if not stay or not sections:
        return
    lo, hi = stay
    for e in exposures:
        if e.status == "not-taken" or not e.segments or not e.provenance.spans:
            continue
        first = e.segments[0]
        # (where the course's start is told: its first segment's sentence, when the drug was named before it began)
        told = (first.provenance or e.provenance).spans[0].start
        if (first.start is not None and first.start.known) or not any(a <= told < b for a, b in sections):
            continue
        if _TAKEN_BEFORE.search(_sentence_of(text, told)):
            continue  # "Lisinopril and metformin were held", "on home metoprolol": taken before the stay
        first.start = TimeRef(earliest=lo, latest=hi, precision="day", derivation="estimated",
                              text="during the stay")
        if not e.time.known:
            e.time = first.start  # the course begins with its first segment (docqa16)


# a drug the stay's course holds, stops, continues or resumes, or names as the patient's own ("home", "usual"), was
# taken before the stay: its start is not within it (documents QA round docqa11)
_TAKEN_BEFORE = re.compile(r"\b(?:held|withheld|holding|stopped|discontinued|continued|continuing|resumed|restarted|"
                           r"home|usual|regular|chronic|long-term|maintenance)\b", re.I)


def _sentence_of(text: str, at: int) -> str:
    """The sentence holding position `at`, roughly: from the last full stop or line break before it to the next."""
    lo = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    hi = min((i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0), default=len(text))
    return text[lo:hi]


# the drug's own sentence says it (re)started when the stay ended: "Metformin was withheld because of the kidney injury
# and restarted at discharge", "aspirin was resumed on discharge"
_AT_DISCHARGE_AFTER = re.compile(r"[^.;\n]{0,90}?\b(?:re)?(?:started|resumed|commenced|introduced|initiated|"
                                 r"prescribed)\s+(?:again\s+)?(?:at|on|upon)\s+(?:the\s+time\s+of\s+)?(?:hospital\s+)?discharge\b",
                                 re.I)


def date_starts_at_discharge(text: str, events: list[Event], exposures: list[Exposure]) -> None:
    """A course its sentence says (re)started at discharge began on the discharge day, in a course with one dated
    stay (the discharge summary's header dates it)."""
    stay = _one_dated_stay(events)
    if not stay:
        return
    day = stay[1]
    for e in exposures:
        if e.status == "not-taken" or not e.segments or not e.provenance.spans \
                or not _AT_DISCHARGE_AFTER.match(text, e.provenance.spans[0].end):
            continue
        when = TimeRef(earliest=day, latest=day, point=day, precision="day", derivation="carried", text="at discharge")
        e.time = e.segments[0].start = when
