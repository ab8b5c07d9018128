"""A drug course cannot go on past the patient's death.

A report that ends with the death ("he died of respiratory failure 11 days later") rarely says that the drugs stopped.
A course whose end the story never gives ended at some time between its start and the death: an estimated end with
those bounds, not a date (the brief: an estimated date carries its uncertainty); one the story told as ongoing is
stopped, with no reason given (it may have been stopped before: "treatment was stopped and the patient died 4 months
later"). Only a death the text dates itself, and courses that started before it.
"""
from __future__ import annotations

from casecourse.model import Event, Exposure, TimeRef


def _death(events: list[Event]) -> Event | None:
    """The patient's death, when the text gives its time (its own words, a date or a time after something): not a
    time only carried to it from the sentences before ("and eventually passed away")."""
    return next((e for e in events if e.type == "death" and e.assertion.value == "present" and e.time.known
                 and e.time.derivation in ("stated", "relative")), None)


def _bounded(start: TimeRef | None, death: TimeRef) -> TimeRef | None:
    """From the course's start to the death: on the story's day axis, or in calendar dates (both ends known)."""
    if start is None:
        return None
    if start.offset_days is not None and death.offset_days is not None:
        lo, hi = start.offset_days[0], death.offset_days[1]
        return TimeRef(offset_days=(lo, hi), derivation="estimated", text="before the death") if lo <= hi else None
    lo, hi = start.earliest or start.point, death.latest or death.point
    if not (lo and hi) or lo[:min(len(lo), len(hi))] > hi[:min(len(lo), len(hi))]:
        return None
    return TimeRef(earliest=lo, latest=hi, derivation="estimated", text="before the death")


def end_at_death(events: list[Event], exposures: list[Exposure]) -> None:
    death = _death(events)
    if death is None:
        return
    for e in exposures:
        if e.end is not None or e.status not in ("active", "unknown") or not e.segments:
            continue
        start = e.segments[0].start
        end = _bounded(start, death.time)
        if end is None:
            continue  # undated, or started after the death (another clock, a misread): left as told
        if e.status == "active":
            e.status = "stopped"  # told as going on, and over by the death (whether at it, the text may not say)
        e.end = end
        if e.segments[-1].end is None:
            e.segments[-1].end = end
