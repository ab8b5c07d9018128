"""The drugs of a letter's or a record's plan ("Plan:" heading or label, `knowledge/plan_headings.csv`): an item that
opens with an imperative verb (`knowledge/plan_drug_verbs.csv`) tells what the writer intends from the document's
time on. "Start X 10 mg daily": X is not taken yet, only intended (status `not-taken`, assertion `hypothetical`);
"Continue X", "Increase X to 40 mg": X is taken now (`active`; the dose change's own segment is the exposure
assembly's). "Stop X" is read by the exposure cues already. Only a course the story left `unknown` is changed."""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Assertion, Exposure, Mention
from casecourse.reading.zoning import Zone

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*")
# where a plan's item or clause opens: a line, a sentence, a label's colon, a list's comma or semicolon, "and"
_CLAUSE_START = re.compile(r"(?:^|[.;:,]|\band\b|\bthen\b)(?!.*(?:[.;:,]|\band\b|\bthen\b))", re.I | re.S)


@cache
def _headings() -> frozenset[str]:
    return frozenset(r["heading"] for r in table("plan_headings.csv"))


@cache
def _label_rx() -> re.Pattern[str]:
    words = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(_headings(), key=len, reverse=True))
    return re.compile(rf"^[ \t]*(?:{words})[ \t]*:[ \t]*\S[^\n]*$", re.I | re.M)


@cache
def _verbs() -> dict[str, str]:
    return {r["verb"]: r["action"] for r in table("plan_drug_verbs.csv")}


@cache
def _opening_rx() -> re.Pattern[str]:
    """A clause that opens with a plan verb and reaches the drug within three words ("Start", "Continue on",
    "Reduce the dose of"), after a list mark."""
    words = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(_verbs(), key=len, reverse=True))
    return re.compile(rf"^\s*(?:[-•*·]|\d{{1,2}}[.)])?\s*(?:please\s+)?({words})\b(?:\s+[\w-]+){{0,3}}\s*$", re.I)


def _sections(text: str, zones: list[Zone]) -> list[tuple[int, int]]:
    """(start, end) of the text under each plan heading, to the next heading, and of each line a plan label opens."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for z in zones:
        if z.zone != "title":
            continue
        if start is not None:
            out.append((start, z.start))
            start = None
        if _NUMBERING.sub("", text[z.start:z.end].strip()).rstrip(":. ").lower() in _headings():
            start = z.end
    if start is not None:
        out.append((start, len(text)))
    if ":" in text:
        out.extend(m.span() for m in _label_rx().finditer(text))
    return out


def _action(text: str, m: Mention) -> str | None:
    """What the plan's clause holding drug mention `m` says of it, by the verb that opens the clause."""
    line = text.rfind("\n", 0, m.start) + 1
    before = text[line:m.start]
    cut = _CLAUSE_START.search(before)
    clause = before[cut.end():] if cut else before
    hit = _opening_rx().match(clause)
    return _verbs()[" ".join(hit.group(1).lower().split())] if hit else None


def mark_plan(text: str, zones: list[Zone], mentions: list[Mention], exposures: list[Exposure]) -> None:
    """Set what a plan says on the courses of the drugs it names, where the story left their status unknown."""
    lower = text.lower()
    if "plan" not in lower and "recommendation" not in lower:
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
        if last and last[-1].status == "unknown":
            last[-1].status = "active"
