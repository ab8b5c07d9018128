"""The drugs of a letter's or a record's plan ("Plan:" heading or label, `knowledge/plan_headings.csv`): an item that
opens with an imperative verb (`knowledge/plan_drug_verbs.csv`) tells what the writer intends from the document's
time on. "Start X 10 mg daily": X is not taken yet, only intended (status `not-taken`, assertion `hypothetical`);
"Continue X", "Increase X to 40 mg": X is taken now (`active`; the dose change's own segment is the exposure
assembly's). "Stop X" is read by the exposure cues already. Only a course the story left `unknown` is changed. Where
the letter states its own date ("Clinic date: 10/05/2023") a plan's stop, or its new dose, left undated is from that
date on: the plan is written then."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from casecourse.assembly.exposure_courses import _stopped_before_start
from casecourse.assembly.record_sections import LIST_MARK, sections
from casecourse.knowledge import table
from casecourse.model import Assertion, Exposure, Mention, TimeRef
from casecourse.reading.timex_lexicon import alternation
from casecourse.reading.zoning import Zone

# where a plan's item or clause opens: a line, a sentence, a label's colon, a list's comma or semicolon, "and"
_CLAUSE_START = re.compile(r"(?:^|[.;:,]|\band\b|\bthen\b)(?!.*(?:[.;:,]|\band\b|\bthen\b))", re.I | re.S)

# a SOAP note's plan label opening a line ("P:", "A/P:"; knowledge/soap_labels.csv): a plan without the word
_SOAP_PLAN = re.compile(r"^[ \t]*(?:a[ \t]*[/&][ \t]*)?p[ \t]*:", re.M)


@cache
def _headings() -> frozenset[str]:
    return frozenset(r["heading"] for r in table("plan_headings.csv"))


@cache
def _verbs() -> dict[str, str]:
    return {r["verb"]: r["action"] for r in table("plan_drug_verbs.csv")}


@cache
def _opening_rx() -> re.Pattern[str]:
    """A clause that opens with a plan verb and reaches the drug within three words ("Start", "Continue on",
    "Reduce the dose of"), after a list mark."""
    words = alternation(_verbs())
    # (a verb of trying before it: "Attempt to reduce", "Try to wean", "Aim to stop")
    return re.compile(rf"^\s*{LIST_MARK}?\s*(?:please\s+)?(?:(?:attempt|try|aim|plan|consider)\s+to\s+)?({words})\b"
                      rf"(?:\s+[\w-]+){{0,3}}\s*$", re.I)


@cache
def _deferred_rx() -> re.Pattern[str]:
    """A later time for a plan's stop, after the drug in its clause (`knowledge/plan_deferrals.csv`)."""
    rows = table("plan_deferrals.csv")
    timed = alternation(r["word"] for r in rows if r["time"] == "1")
    other = alternation(r["word"] for r in rows if r["time"] != "1")
    unit = r"(?:days?|weeks?|months?|years?|cycles?|doses?)"
    # ("once" of a schedule defers nothing: "reduce X to 5 mg once daily", "once a week"; documents QA round docqa11)
    return re.compile(rf"\b(?:(?:{timed})\s+(?:[\w-]+\s+){{1,3}}?{unit}\b|(?:{other})\b"
                      rf"(?!\s+(?:daily|a\s+day|per\b|every\b|weekly|a\s+week|monthly|a\s+month|nightly|only\b)))",
                      re.I)


# the end of a plan's clause: a full stop or semicolon before a space, or the line's end
_CLAUSE_END = re.compile(r"[.;](?=\s|$)|\n")


def _deferred(text: str, m: Mention) -> bool:
    """Whether the plan's stop of drug mention `m` is set for later ("Stop X and Y in one month")."""
    end = _CLAUSE_END.search(text, m.end)
    return _deferred_rx().search(text, m.end, end.start() if end else len(text)) is not None


# where a plan's sentence or item opens: a line, a full stop, a semicolon or a label's colon
_SENTENCE_START = re.compile(r"(?:^|[.;:])(?!.*[.;:])", re.S)


@cache
def _list_opening_rx() -> re.Pattern[str]:
    """A plan verb opening a list of single words, each a drug, up to the drug after the list's comma or "and"."""
    words = alternation(_verbs())
    sep = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    return re.compile(rf"^\s*(?:[-•*·]|\d{{1,2}}[.)])?\s*(?:please\s+)?({words})\s+[\w-]+(?:{sep}[\w-]+)*{sep}$", re.I)


def _sections(text: str, zones: list[Zone]) -> list[tuple[int, int]]:
    """(start, end) of the text under each plan heading, to the next heading, and of each line a plan label opens."""
    return [(lo, hi) for lo, hi, _ in sections(text, zones, _headings())]


def plan_sections(text: str, zones: list[Zone]) -> list[tuple[int, int]]:
    """(start, end) of each part of the text under a plan heading (none where the text names no plan)."""
    lower = text.lower()
    if "plan" not in lower and "recommendation" not in lower and _SOAP_PLAN.search(lower) is None:
        return []
    return _sections(text, zones)


def _action(text: str, m: Mention) -> str | None:
    """What the plan's clause holding drug mention `m` says of it, by the verb that opens the clause."""
    line = text.rfind("\n", 0, m.start) + 1
    before = text[line:m.start]
    cut = _CLAUSE_START.search(before)
    clause = before[cut.end():] if cut else before
    hit = _opening_rx().match(clause)
    if hit is None:
        # "Stop aciclovir and co-trimoxazole": the later drugs of a list the verb opens
        cut = _SENTENCE_START.search(before)
        hit = _list_opening_rx().match(before[cut.end():] if cut else before)
    return _verbs()[" ".join(hit.group(1).lower().split())] if hit else None


# a start the writer tells as to come, right before the drug in its clause: "we plan to start X", "she will be started
# on X", "rheumatology will start X", "X is to be commenced" is not read (the drug first) (left16)
_FUTURE_START = re.compile(
    r"\b(?:will|shall|(?:plan|plans|planned|intend|intends|are\s+planning|is\s+planned)\s+to|(?:is|are)\s+(?:due\s+)?to)"
    r"\s+(?:be\s+)?(?:start|begin|commence|initiate|introduce)(?:ed|d)?(?:\s+(?:on|with))?"
    r"(?:\s+(?:treatment|therapy|her|him|the\s+patient)(?:\s+(?:on|with))?)?\s+(?:[\w-]+\s+){0,2}$", re.I)


def _future_start(text: str, m: Mention) -> bool:
    """Whether drug mention `m` is told as started only in time to come (`_FUTURE_START`) in its sentence."""
    lo = max(text.rfind("\n", 0, m.start), text.rfind(". ", 0, m.start), text.rfind(";", 0, m.start), m.start - 80)
    return _FUTURE_START.search(text, max(lo, 0), m.start) is not None


def _mark_future_starts(text: str, mentions: list[Mention], exposures: list[Exposure]) -> None:
    """A drug the text tells only as to be started ("we plan to start X", "she will be started on X"), its course
    opened there and left `unknown` by the story: intended, not taken yet (as a plan's "Start X")."""
    for m in mentions:
        if m.type != "drug" or not m.norm or m.assertion != Assertion.present or not _future_start(text, m):
            continue
        for e in exposures:
            if e.drug == m.norm and e.status == "unknown" and e.provenance.spans and \
                    e.provenance.spans[0].start == m.start:
                e.status, e.assertion = "not-taken", Assertion.hypothetical


def mark_plan(text: str, zones: list[Zone], mentions: list[Mention], exposures: list[Exposure],
              letter_date: Callable[[], TimeRef | None]) -> None:
    """Set what a plan says on the courses of the drugs it names, where the story left their status unknown;
    `letter_date()`: the document's own date, if it states one (read only for a plan's stop or dose change)."""
    _mark_future_starts(text, mentions, exposures)
    lower = text.lower()
    if "plan" not in lower and "recommendation" not in lower and _SOAP_PLAN.search(lower) is None:
        return
    sections = _sections(text, zones)
    if not sections:
        return
    for m in mentions:
        if m.type != "drug" or not m.norm or m.assertion != Assertion.present or \
                not any(lo <= m.start < hi for lo, hi in sections):
            continue
        action = _action(text, m)
        if action is None:
            continue
        if action == "start":
            # the course this item opened (its first words are the item's): intended, not taken yet
            for e in exposures:
                if e.drug == m.norm and e.status == "unknown" and e.provenance.spans and \
                        e.provenance.spans[0].start == m.start:
                    e.status, e.assertion = "not-taken", Assertion.hypothetical
            continue
        last = [e for e in exposures if e.drug == m.norm and e.status != "not-taken"]
        if not last:
            continue
        if action == "stop" and _deferred(text, m):
            # "Stop X in one month": taken now, its stop only planned; no end is invented
            if last[-1].status in ("stopped", "unknown"):
                last[-1].status, last[-1].stop_reason = "active", None
                if last[-1].end is not None and last[-1].end.derivation != "stated":
                    last[-1].end = None
                    if last[-1].segments and last[-1].segments[-1].end is not None \
                            and last[-1].segments[-1].end.derivation != "stated":
                        last[-1].segments[-1].end = None
            continue
        if action == "change" and _deferred(text, m) and _drop_planned_dose(text, m, last[-1]):
            continue  # "reduce X to 2.5 mg daily from next month": taken at its dose now, the change only planned
        if last[-1].status == "unknown" and action in ("continue", "change"):
            last[-1].status = "active"
        elif last[-1].status in ("unknown", "active") and action == "stop":
            last[-1].status = "stopped"  # "Hold X given acute kidney injury": the plan stops X
        _date_from_letter(text, m, last[-1], action, letter_date)
        _planned_end(last[-1], action, letter_date)


def _drop_planned_dose(text: str, m: Mention, e: Exposure) -> bool:
    """Remove the dose segment a plan's deferred change on drug mention `m`'s line opened (the dose before it goes
    on: its end, unless stated, is reopened); whether one was removed."""
    line_end = text.find("\n", m.start)
    line_end = len(text) if line_end < 0 else line_end
    if len(e.segments) < 2:
        return False
    seg = e.segments[-1]
    if seg.provenance is None or not seg.provenance.spans or not m.start <= seg.provenance.spans[0].start < line_end:
        return False
    e.segments.pop()
    before = e.segments[-1]
    if before.end is not None and before.end.derivation != "stated":
        before.end = None
    return True


def _date_from_letter(text: str, m: Mention, e: Exposure, action: str,
                      letter_date: Callable[[], TimeRef | None]) -> None:
    """A plan's stop of `e` or its new dose, on the line of drug mention `m`, left undated: from the letter's date (the
    stopped or replaced dose ends there), unless the dose it ends began after it."""
    line_end = text.find("\n", m.start)
    line_end = len(text) if line_end < 0 else line_end
    if action == "stop" and e.status == "stopped" and (e.end is None or not e.end.known):
        ended = e.segments[-1] if e.segments else None
    elif action == "change" and len(e.segments) > 1 and not (seg := e.segments[-1]).start.known and \
            seg.provenance is not None and seg.provenance.spans and m.start <= seg.provenance.spans[0].start < line_end:
        ended = e.segments[-2]
    else:
        return
    when = letter_date()
    if when is None or ended is None or ended.end is not None and ended.end.known or \
            ended.start.known and _stopped_before_start(when, ended.start):
        return
    when = when.model_copy(update={"derivation": "carried"})
    ended.end = when
    if action == "stop":
        e.end = when
    else:
        e.segments[-1].start = when


def _planned_end(e: Exposure, action: str, letter_date: Callable[[], TimeRef | None]) -> None:
    """A course the plan changes or continues whose stated length ends after the letter's date ("Reduce X to 5 mg
    daily for four weeks, then stop") is taken now: active, its end only planned (kept: the plan states it). Before:
    `completed`, as if the patient had already stopped it (documents QA round docqa11)."""
    if action not in ("change", "continue") or e.status != "completed" or e.end is None:
        return
    when = letter_date()
    now = when.point or when.latest if when is not None else None
    ends = e.end.earliest or e.end.point
    if now and ends and len(now) == len(ends) == 10 and ends > now:
        e.status = "active"
