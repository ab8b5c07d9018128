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
not stated)" when within RESPONSE_DAYS (or later when its sentence names the line's drug); never past the next line's
start, nor when its sentence names another treatment only (another drug, a procedure, a kind of treatment the line is
not: "responded to antibiotics", "after plasma exchange"; knowledge/response_credit.csv), nor when it responded "to"
something else. A response told on the start's day(s) counts only when told after the start in the text ("commenced,
with improvement within 2 days"; not "once recovered, he was started on"). The same window gives "no improvement" for
a denied improvement, and "inadequate response" for a denial that names the drug ("no response to IVIG"); after such a
denial a later response is the line's only when its sentence names it. A relapse or progression told within
RESPONSE_DAYS of a start whose end is not told is one "after the start (end not stated)".
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import BEFORE_ADMISSION, Assertion, Assessment, AssessmentItem, Course, Event, Exposure, Mention
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
_NOT_TOLD = (Assertion.negated, Assertion.hypothetical, Assertion.family, Assertion.ruled_out)
_FAILURE = ("refractory", "failure", "inefficac", "no response", "unresponsive", "insufficient")


def _start(axis: Axis, x: Exposure) -> Span | None:
    if x.time.text == BEFORE_ADMISSION:
        return None  # taken when the story begins, started at a time the text does not give
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


@cache
def _credit_words() -> tuple[dict[str, str], frozenset[str]]:
    """(treatment-kind norm -> 'any' | 'cytotoxic', the reader's drug classes that are cytotoxic)."""
    words, cytotoxic = {}, set()
    for r in table("response_credit.csv"):
        if r["norm"].startswith("class:"):
            cytotoxic.add(r["norm"][6:])
        else:
            words[r["norm"]] = r["refers_to"]
    return words, frozenset(cytotoxic)


_TREATMENT_MENTIONS = ("drug", "drug_class", "therapy", "procedure")
_RESPONDED_TO = re.compile(r"\brespon(?:ded|ding|se|sive)\b[^.;:]{0,25}?\bto\b", re.I)


class _Sentences:
    """The treatment mentions of each sentence, to tell which treatment a response sentence credits. Indexed on the
    first question: most courses have no line of therapy, and sorting the mentions of every course took a sixth of
    the rules' time."""

    def __init__(self, course: Course):
        self.course = course
        self._index: tuple[list[Mention], list[int]] | None = None

    def within(self, lo: int, hi: int) -> list[Mention]:
        if self._index is None:
            mentions = sorted((m for m in self.course.mentions if m.type in _TREATMENT_MENTIONS), key=lambda m: m.start)
            self._index = mentions, [m.start for m in mentions]
        mentions, starts = self._index
        return mentions[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


def _is_mine(m: Mention, group: list[Exposure]) -> bool:
    words, cytotoxic = _credit_words()
    if m.type == "drug":
        c = canonical(m.norm) or norm(m.norm or m.text)
        return any((canonical(x.drug) or norm(x.drug)) == c for x in group)
    if m.type == "procedure":
        return False
    refers = words.get(norm(m.norm or m.text))
    if refers == "any":
        return True
    return refers == "cytotoxic" and any(
        x.regimen or drug_class(x) == "cytotoxic" or (x.drug_class or "").lower() in cytotoxic for x in group)


def _credit(ev: Event, group: list[Exposure], sents: _Sentences) -> tuple[bool, bool]:
    """(the sentence names the line's treatment, it names another treatment only or the response is 'to' another)."""
    sent = ev.provenance.sentence if ev.provenance else None
    if sent is None:
        return False, False
    ms = sents.within(sent.start, sent.end)
    mine, other = [], []
    for m in ms:
        (mine if _is_mine(m, group) else other).append(m)
    cue = ev.provenance.spans[0] if ev.provenance.spans else None
    if cue is not None:
        to = _RESPONDED_TO.match(sent.text, cue.start - sent.start)
        if to and not any(to.end() + sent.start <= m.start <= to.end() + sent.start + 40 for m in mine):
            return bool(mine), True  # "which responded to acetaminophen", "responded to diuresis"
    return bool(mine), bool(other) and not mine


def _told_at(f: Exposure | Event) -> int:
    return f.provenance.spans[0].start if f.provenance and f.provenance.spans else -1


def _responses(axis: Axis, events: list[Event], start: Span | None, until: float | None, group: list[Exposure],
               sents: _Sentences, named_until: float | None, kinds: tuple[str, ...] = ("remission", "recovery",
                                                                                          "improvement")
               ) -> list[tuple[Event, bool]]:
    """Events of `kinds` told after the line's start and before `until` (its end, the next line's start, or
    RESPONSE_DAYS after its start when its end is not told; `named_until` for one whose sentence names the line's
    drug), unless their sentence credits another treatment and not this one ("from the fourth day of defibrotide her
    condition improved", "the fever responded to acetaminophen"). One told on the start's day(s) counts when told
    after the start in the text. Each with whether its sentence names the line's drug."""
    if start is None:
        return []
    told = min((_told_at(x) for x in group if _told_at(x) >= 0), default=-1)
    out = []
    for ev in events:
        s = axis.span(ev.time) if ev.type in kinds else None
        if s is None or s[0] < start[0]:
            continue
        if s[0] < start[1] or s == start:  # not certainly after the start: the text's order decides
            if told < 0 or _told_at(ev) <= told:
                continue
        mine, elsewhere = _credit(ev, group, sents)
        if elsewhere:
            continue
        bound = named_until if mine else until
        if bound is not None and s[1] > bound:
            continue
        out.append((ev, mine))
    return out


def _no_start(x: Exposure) -> str:
    return "taken before admission (start not stated)" if x.time.text == BEFORE_ADMISSION else "start not stated"


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
    sents = _Sentences(course)
    firsts = [min((s for m in g if (s := _start(axis, m))), default=None) for g in groups]
    for n, group in enumerate(groups, 1):
        x = max(group, key=lambda m: (_end(axis, m) or (float("inf"), float("inf")))[1])
        start, end = _start(axis, x), _end(axis, x)
        later = [f[0] for f in firsts[n:] if f is not None and start is not None and f[0] > start[1]]
        outcomes, facts = [], [m.id for m in group]
        told = [e for e in course.events if e.assertion not in _NOT_TOLD]  # "no relapse" is none
        denied = [e for e in course.events if e.assertion == Assertion.negated and e.type in _RESPONSE]
        for ev, how in _relapses(axis, x, told):
            outcomes.append("relapse on withdrawal" if how != "trigger names the drug" else "relapse")
            facts.append(ev.id)
        for ev in _on_treatment(axis, x, told, start, end):
            if ev.id not in facts:
                outcomes.append("relapse on treatment")
                facts.append(ev.id)
        # still taken at the end of the story: active, with no stated end before it ("for 5 days" is over)
        ongoing = x.status == "active" and (end is None or eos is not None and end[0] > eos)
        known = end is not None or ongoing  # the drug is known to be taken up to then
        open_end = [] if known or start is None else [start[1] + RESPONSE_DAYS]
        cut = min([*later, *([end[0]] if end else []), *open_end], default=None)
        named_cut = min([*later, *([end[0]] if end else [])], default=None)
        when = "on treatment" if known else "after the start (end not stated)"
        # a denial that names the drug ("no response to IVIG", "refractory to rituximab"): inadequate response
        denials = [(ev, mine) for ev, mine in _responses(axis, denied, start, cut, group, sents, named_cut)]
        denied_by_name = [ev for ev, mine in denials if mine]
        for ev in denied_by_name:
            outcomes.append("inadequate response")
            facts.append(ev.id)
        for ev, mine in denials:
            if not mine and ev.id not in facts:
                outcomes.append(f"no {ev.type} {when}")
                facts.append(ev.id)
        for ev, mine in _responses(axis, told, start, cut, group, sents, named_cut):
            if denied_by_name and not mine:
                continue  # after "no response to X", a later response is X's only when its sentence names X
            outcomes.append(f"{ev.type} {when}")
            facts.append(ev.id)
        if not known:  # a relapse or progression soon after a start whose end is not told
            for ev, _mine in _responses(axis, told, start, cut, group, sents, named_cut,
                                        kinds=("relapse", "progression")):  # a flare may be another disease's
                if ev.id not in facts:
                    outcomes.append(f"{ev.type} after the start (end not stated)")
                    facts.append(ev.id)
        stop = norm(x.stop_reason or "")
        if any(w in stop for w in _INTOLERANCE):
            outcomes.append("intolerance")
        if any(w in stop for w in _FAILURE):
            outcomes.append("inadequate response")
        if ongoing and not any(o.startswith("relapse") for o in outcomes):
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
                detail=f"{axis.label(start[0]) if start else _no_start(x)} to "
                f"{axis.label(end[1]) if end else 'ongoing' if ongoing else 'end not stated'}; "
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
