"""How the story ended: one course-level outcome, read by a fixed rule (OUTCOME_RULE) from the course's events.

The outcome is one of OUTCOMES; "unknown" when no event states one. The evidence is the deciding event (with a death,
the death). The time of last information is the latest time the course places any of its events.
"""
from __future__ import annotations

import re

from casecourse.model import Assertion, Assessment, AssessmentItem, Course, Event
from casecourse.rules.evidence import course_axis
from casecourse.rules.timeaxis import Axis

OUTCOMES = ("died", "alive with disease", "recovered", "improved", "remission", "relapse", "unknown")
OUTCOME_RULE = (
    "'died' if the course holds a death; else the last event in the text that states a state decides: recovery -> "
    "recovered, improvement -> improved, remission -> remission, relapse / flare / progression -> relapse, sequela "
    "(still present at the end) -> alive with disease; negated: no relapse / flare / progression -> remission, no "
    "recovery or improvement -> alive with disease (not a treatment's failure: 'did not respond to X'), no "
    "sequelae -> recovered; a discharge in a stated condition -> "
    "recovered (asymptomatic, symptom-free, with no deficit), improved (good, stable, satisfactory, improved), alive "
    "with disease (poor, critical, serious), but a discharge in good condition right after a recovery or remission "
    "keeps that; else 'unknown'. An event of a date the text states that is later than the deciding event's stated "
    "date decides instead (the latest such: a letter's list of diagnoses above its story tells the present state, "
    "'relapse March 2022; in remission since September 2022'). Last information: the latest time of any event (a "
    "letter's clinic date is a follow-up).")

# the state an outcome event states, and the one its denial states ("no relapse": remission)
STATE_OF_EVENT = {"recovery": "recovered", "improvement": "improved", "remission": "remission", "relapse": "relapse",
                  "flare": "relapse", "progression": "relapse", "sequela": "alive with disease"}
STATE_IF_DENIED = {"relapse": "remission", "flare": "remission", "progression": "remission",
                   "recovery": "alive with disease", "improvement": "alive with disease", "sequela": "recovered"}
_DISCHARGE = ((re.compile(r"asymptomatic|symptom-free|with no ", re.I), "recovered"),
              (re.compile(r"\b(?:good|stable|satisfactory|improved|excellent|better|well|afebrile)\b", re.I),
               "improved"),
              (re.compile(r"\b(?:poor|critical|serious)\b", re.I), "alive with disease"))


_TO_A_TREATMENT = re.compile(r"\brespon", re.I)


def _state(e: Event) -> str | None:
    if e.assertion == Assertion.negated:
        cue = e.provenance.spans[0].text if e.provenance and e.provenance.spans else ""
        if e.type == "improvement" and _TO_A_TREATMENT.search(cue):
            return None  # "did not respond to analgesics", "no response to IVIG": a treatment failed, not the end
        return STATE_IF_DENIED.get(e.type)
    if e.type == "discharge" and e.detail:
        return next((o for rx, o in _DISCHARGE if rx.search(e.detail)), None)
    return STATE_OF_EVENT.get(e.type)


def _label(e: Event) -> str:
    neg = "no " if e.assertion == Assertion.negated else ""
    return f"{neg}{e.type}" + (f": {e.detail}" if e.detail else "")


def _days(x: float) -> str:
    return "0" if round(x) == 0 else f"{round(x):+d}"


def _when(axis: Axis, e: Event) -> tuple[float, str] | None:
    """(sort key: the latest day, the time as a date or as days from day 0: "day +11", "day +548..+913")."""
    s = axis.span(e.time)
    if s is not None:
        lo, hi = axis.label(s[0]), axis.label(s[1])
        return s[1], lo if lo == hi else f"{lo}..{hi.removeprefix('day ')}"
    t = e.time
    if axis.day0 is None and t.offset_days is not None and t.anchor in (None, "day0"):
        lo, hi = _days(t.offset_days[0]), _days(t.offset_days[1])  # days from an undated day 0, beside dated facts
        return t.offset_days[1], f"day {lo}" if lo == hi else f"day {lo}..{hi}"
    return None


def _stated_date(e: Event) -> bool:
    """Whether the event's time is a calendar date the text states (not carried over, not counted from another)."""
    return e.time.derivation == "stated" and bool(e.time.point or e.time.earliest)


def _latest_stated(axis: Axis, decided: Event, stated: list[Event]) -> Event:
    """The deciding event, or the state told at the latest stated date after its own stated date (documents QA round
    docqa16: a letter's heading list of diagnoses, "relapse March 2022; in remission since September 2022", precedes
    the story it sums up, whose last state told is of 2020). Times counted or carried in the story (days from
    admission, "3 months later") are too loose to overrule the order of the text, and an undated event keeps it."""
    own = axis.span(decided.time) if _stated_date(decided) else None
    if own is None:
        return decided
    later = [(s[1], i) for i, e in enumerate(stated)
             if _stated_date(e) and (s := axis.span(e.time)) is not None and s[0] > own[1]]
    return stated[max(later)[1]] if later else decided


def outcome(course: Course) -> list[Assessment]:
    events = [e for e in course.events if e.assertion in (Assertion.present, Assertion.negated)]
    axis = course_axis(course)
    death = next((e for e in events if e.type == "death" and e.assertion == Assertion.present), None)
    if death is not None:
        result, decided = "died", death
    else:
        stated = [e for e in events if _state(e)]
        decided = stated[-1] if stated else None
        if len(stated) > 1 and decided.type == "discharge" and _state(decided) == "improved" and _state(
                stated[-2]) in ("recovered", "remission"):
            decided = stated[-2]  # "made a full recovery and was discharged in good condition": recovered
        if decided is not None:
            decided = _latest_stated(axis, decided, stated)
        result = _state(decided) if decided else "unknown"
    times = [(t, e) for e in events if (t := _when(axis, e))]
    last = max(times, key=lambda p: p[0][0]) if times else None
    data: dict = {"outcome": result, "evidence": [decided.id] if decided else [],
                  "last_information": last[0][1] if last else None,
                  "last_information_event": last[1].id if last else None}
    lost = next((e for e in events if e.type == "follow_up" and e.detail == "lost to follow-up"), None)
    if lost is not None:
        data["lost_to_follow_up"] = lost.id
    items = [AssessmentItem(name=_label(decided), value=True, facts=[decided.id])] if decided else []
    at = _when(axis, decided) if decided else None
    return [Assessment(rule="outcome", status="computed", at=at[1] if at else None,
                       items=items, data=data, notes=[OUTCOME_RULE],
                       unknown=[] if decided else ["no event states how the story ended"])]
