"""Lines of therapy: non-glucocorticoid treatments in order, with why they stopped and what followed.

The drugs of a named regimen (exposures carrying its name, "R-CHOP") started together are one line, named by
the regimen with its members; a disease progression counts as a relapse does.

A relapse or flare certainly between a drug's start and its end (or while it is still taken) is a relapse on
treatment.

A relapse or flare is linked to a drug's withdrawal when its trigger names the drug (any synonym)
with a withdrawal word, or, failing that, when it certainly follows the drug's end by at most
RELAPSE_DAYS and the stop reason speaks of tapering or withdrawal. The prednisone-equivalent dose is
read off the steroid curve at the start, +3 and +6 months (ranges where dates are imprecise).

A remission, recovery or improvement told after a line's start is credited to it "on treatment" when the drug is
known to be taken then (before its stated end, or still taken at the end of the story), else "after the start (end
not stated)" when within RESPONSE_DAYS; never past the next line's start, nor when its sentence names another drug
only.
"""

from __future__ import annotations

from casecourse.model import Assertion, Assessment, AssessmentItem, Course, Event, Exposure
from casecourse.rules.concepts import norm
from casecourse.rules.drugs import THERAPY_LINE_CLASSES, canonical, drug_class, names_drug
from casecourse.rules.evidence import course_axis
from casecourse.rules.steroids import dose_over, pieces
from casecourse.rules.timeaxis import Axis, Span

RELAPSE_DAYS = 90.0
RESPONSE_DAYS = 90.0  # a response told within three months of a start whose end is not told is credited to it
_WITHDRAWAL = (
    "withdraw",
    "discontinu",
    "stop",
    "taper",
    "cessation",
    "suspen",
    "interrupt",
    "switch",
    "attempt",
)
_INTOLERANCE = ("intoleran", "adverse", "side effect", "toxicit", "allerg", "not tolerated")
_RESPONSE = ("remission", "recovery", "improvement")
_FAILURE = ("refractory", "failure", "inefficac", "no response", "unresponsive", "insufficient")


def _start(axis: Axis, x: Exposure) -> Span | None:
    return axis.span(x.time) or (axis.span(x.segments[0].start) if x.segments else None)


def _end(axis: Axis, x: Exposure) -> Span | None:
    return axis.span(x.end) or (axis.span(x.segments[-1].end) if x.segments and x.segments[-1].end else None)


def _relapses(axis: Axis, x: Exposure, events: list[Event]) -> list[tuple[Event, str]]:
    end = _end(axis, x)
    stop = norm(x.stop_reason or "")
    out = []
    for ev in events:
        if ev.type not in ("relapse", "flare", "readmission", "progression"):
            continue
        trig = norm(ev.trigger or "")
        if names_drug(ev.trigger, x.drug):
            how = "withdrawal" if any(w in trig for w in _WITHDRAWAL) else "trigger names the drug"
            out.append((ev, how))
            continue
        s = axis.span(ev.time)
        if (
            end
            and s
            and (end[1] - end[0]) <= 62
            and end[1] <= s[0] <= end[0] + RELAPSE_DAYS
            and any(w in stop for w in _WITHDRAWAL)
        ):
            out.append((ev, "follows the drug's withdrawal in time"))
    return out


def _on_treatment(axis: Axis, x: Exposure, events: list[Event], start: Span | None, end: Span | None) -> list[Event]:
    """Relapses and flares certainly within the drug's course: after its start and before its stated end (or while
    it is still taken at the end of the story) - the line did not hold the disease."""
    if start is None or (end is None and x.status != "active"):
        return []
    out = []
    for ev in events:
        s = axis.span(ev.time) if ev.type in ("relapse", "flare", "progression") else None
        if s is not None and s[0] >= start[1] and (end is None or s[1] <= end[0]):
            out.append(ev)
    return out


def _sentence(ev: Event) -> str:
    return ev.provenance.sentence.text if ev.provenance and ev.provenance.sentence else ""


def _responses(axis: Axis, events: list[Event], start: Span | None, until: float | None,
               mine: list[Exposure], others: list[Exposure]) -> list[Event]:
    """Remissions, recoveries and improvements told after the line's start and before `until` (its end, the next
    line's start, or RESPONSE_DAYS after its start when its end is not told), unless their sentence credits another
    drug and not this one ("from the fourth day of defibrotide her condition improved")."""
    if start is None:
        return []
    out = []
    for ev in events:
        s = axis.span(ev.time) if ev.type in _RESPONSE else None
        if s is None or s[0] < start[1] or (until is not None and s[1] > until):
            continue
        text = _sentence(ev)
        if any(names_drug(text, o.drug) for o in others) and not any(names_drug(text, m.drug) for m in mine):
            continue
        out.append(ev)
    return out


def _shift(span: Span | None, days: float) -> Span | None:
    return (span[0] + days, span[1] + days) if span else None


def lines_of_therapy(course: Course) -> list[Assessment]:
    axis = course_axis(course)
    eos = axis.end_of_story()
    gc = pieces(course, axis, eos)
    xs = [x for x in course.exposures
          if (x.regimen or drug_class(x) in THERAPY_LINE_CLASSES) and x.status != "not-taken"]
    xs.sort(key=lambda x: (*(_start(axis, x) or (float("inf"), float("inf"))), x.id))
    # the drugs of a named regimen started together are one line ("R-CHOP"), told by the member given longest (its
    # end and stop reason end the line; the others' own stops are listed), but a member that is a line by its class
    # and stopped for its own reason is its own line; a regimen's drug alone is a line only if its class makes it one
    groups: list[list[Exposure]] = []
    def own(x: Exposure) -> bool:  # stopped for its own reason: its own line
        return bool(x.stop_reason) and drug_class(x) in THERAPY_LINE_CLASSES

    for x in xs:
        same = next((g for g in groups if x.regimen and not own(x) and not own(g[0]) and g[0].regimen == x.regimen
                     and _start(axis, x) is not None and _start(axis, g[0]) == _start(axis, x)), None)
        if same is not None:
            same.append(x)
        else:
            groups.append([x])
    groups = [g for g in groups if len(g) > 1 or drug_class(g[0]) in THERAPY_LINE_CLASSES]
    lines, items = [], []
    firsts = [min((s for m in g if (s := _start(axis, m))), default=None) for g in groups]
    for n, group in enumerate(groups, 1):
        x = max(group, key=lambda m: (_end(axis, m) or (float("inf"), float("inf")))[1])
        start, end = _start(axis, x), _end(axis, x)
        later = [f[0] for f in firsts[n:] if f is not None and start is not None and f[0] > start[1]]
        outcomes, facts = [], [m.id for m in group]
        told = [e for e in course.events if e.assertion != Assertion.negated]  # "no relapse" is none
        for ev, how in _relapses(axis, x, told):
            outcomes.append("relapse on withdrawal" if how != "trigger names the drug" else "relapse")
            facts.append(ev.id)
        for ev in _on_treatment(axis, x, told, start, end):
            if ev.id not in facts:
                outcomes.append("relapse on treatment")
                facts.append(ev.id)
        open_end = [] if end or x.status == "active" or start is None else [start[1] + RESPONSE_DAYS]
        cut = min([*later, *([end[0]] if end else []), *open_end], default=None)
        others = [o for o in course.exposures if not any(o is m for m in group)]
        for ev in _responses(axis, told, start, cut, group, others):
            known = end is not None or x.status == "active"  # the drug was still taken then
            outcomes.append(f"{ev.type} {'on treatment' if known else 'after the start (end not stated)'}")
            facts.append(ev.id)
        stop = norm(x.stop_reason or "")
        if any(w in stop for w in _INTOLERANCE):
            outcomes.append("intolerance")
        if any(w in stop for w in _FAILURE):
            outcomes.append("inadequate response")
        if x.status == "active" and not any(o.startswith("relapse") for o in outcomes):
            outcomes.append("response (ongoing at the end of the story)")
        elif "replaced" in stop or "switch" in stop:
            outcomes.append("replaced")
        steroid = {
            label: dose_over(gc, _shift(start, d)) if start else None
            for label, d in (("at_start", 0), ("plus_3_months", 91), ("plus_6_months", 182))
        }
        if eos is not None:
            for label, d in (("plus_3_months", 91), ("plus_6_months", 182)):
                if start and start[0] + d > eos:
                    steroid[label] = None
        line = {
            "line": n,
            "drug": x.regimen if len(group) > 1 else canonical(x.drug) or x.drug,
            "class": "regimen" if len(group) > 1 else drug_class(x),
            **({"members": [canonical(m.drug) or m.drug for m in group],
                "member_stops": {canonical(m.drug) or m.drug: m.stop_reason for m in group
                                 if m is not x and m.stop_reason}} if len(group) > 1 else {}),
            "start": [axis.label(start[0]), axis.label(start[1])] if start else None,
            "stop": [axis.label(end[0]), axis.label(end[1])] if end else None,
            "status": x.status,
            "start_reason": x.start_reason,
            "stop_reason": x.stop_reason,
            "outcomes": sorted(set(outcomes)),
            "prednisone_eq_mg_day": steroid,
            "facts": facts,
        }
        lines.append(line)
        items.append(
            AssessmentItem(
                name=f"line {n}: {line['drug']}",
                value=None,
                facts=facts,
                detail=f"{axis.label(start[0]) if start else 'start not stated'} to "
                f"{axis.label(end[1]) if end else 'ongoing' if x.status == 'active' else 'end not stated'}; "
                f"stop: {x.stop_reason or '-'}; outcome: {', '.join(line['outcomes']) or 'not stated'}",
            )
        )
    biologic_order = [canonical(m.drug) or m.drug for g in groups for m in g
                      if drug_class(m) in ("biologic", "targeted synthetic")]
    return [
        Assessment(
            rule="lines_of_therapy",
            at=axis.label(eos) if eos is not None else None,
            status="computed" if lines else "not applicable",
            items=items,
            unknown=[f"{ln['drug']} start" for ln in lines if ln["start"] is None],
            notes=[
                "order: " + " -> ".join(ln["drug"] for ln in lines),
                "biologics: " + (" -> ".join(biologic_order) or "none"),
                f"relapse linked by trigger text, or within {RELAPSE_DAYS:g} days of a withdrawal",
            ],
            data={"lines": lines, "biologic_order": biologic_order},
        )
    ]
