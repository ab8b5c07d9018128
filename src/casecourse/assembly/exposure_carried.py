"""Which narrative time carried from an earlier sentence may date a drug's start (exposure QA, expqa10).

A drug told in a sentence with no time of its own starts at the story's current time, the time the last time
expression set. That time is the drug's only when it is the story's: not when it was set by a table caption or a
figure legend ("Table 1 Laboratory studies at baseline and 48 h after X"), by what happened to a relative ("a
sibling who had died 1 day after admission"), by a culture's incubation ("after 4 days of incubation, the bottle
turned turbid": the laboratory's clock, expqa11), by a date of something expected ("her expected delivery date was 9
June"), or by an expression told before a section heading the story has since passed ("Treatment", "Outcome",
"Discussion", "Lung cancer diagnosis and staging"): a section tells its part of the story from its own beginning, so
the last time of the section before is not its time. The distance alone decides nothing: a drug told two paragraphs
of examination after "presented on 3 May" starts on 3 May. An undated start is better than a wrong one.
"""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading.demographics import relatives_alternation
from casecourse.reading.timex_lexicon import alternation

# a line that is a table's or a figure's caption, or a table's row
_CAPTION = re.compile(r"[ \t]*(?:supplementary\s+)?(?:table|figure|fig\.?)\s*S?\d+|[^\n]*\t", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# a paragraph's first line that heads a section: short, opening with a capital or a number, no sentence's end nor comma
# ("Treatment", "FINAL DIAGNOSIS", "Lung cancer diagnosis and staging", "2.3 Outcome and follow-up:"; not a legend's key
# to its abbreviations, "LICA, left internal carotid artery")
_HEADING_LINE = re.compile(r"[ \t]*[A-Z0-9][^\n.,;!?]{0,58}[^\n.,;!?\s][ \t]*:?[ \t]*(?:\n|$)")


@cache
def _relative_subject() -> re.Pattern:
    """A relative who is the subject of what the time dates: "a sibling who had died", "her brother was diagnosed".
    Not a donor: "a transplant from a sibling donor was performed in May" dates the patient's transplant."""
    words = relatives_alternation(frozenset({"donor"}))
    return re.compile(rf"\b(?:{words})\s+(?:who|that|had|has|was|were|died|passed)\b", re.I)


@cache
def _planned_date() -> re.Pattern:
    """ "expected delivery date was on", "estimated date of confinement:", "due date" right before the time."""
    words = alternation([re.escape(r["word"]) for r in table("planned_time_words.csv")], escape=False)
    return re.compile(rf"\b(?:{words})\s+(?:[\w-]+\s+){{0,2}}date\b[^.;\n]{{0,30}}$", re.I)


@cache
def _incubation_time() -> re.Pattern:
    """"after 48 h of incubation", "incubated for 5 days": its clause tells the laboratory's clock, not the story's."""
    words = alternation([re.escape(r["word"]) for r in table("incubation_time_words.csv")], escape=False)
    return re.compile(rf"\b(?:{words})\b", re.I)


def _clause_end(text: str, at: int) -> int:
    """Where the clause running on at `at` ends: its sentence's stop, a semicolon or the line's end."""
    ends = [i for i in (text.find(". ", at), text.find(";", at), text.find("\n", at)) if i >= 0]
    return min(ends, default=len(text))


def _section_between(text: str, lo: int, hi: int) -> bool:
    """Whether a paragraph opening between `lo` and `hi` is headed by a section heading (figure legends and table
    captions left out): the story told again under it, a treatment or an outcome section, a discussion."""
    for m in _PARAGRAPH_BREAK.finditer(text, lo, hi):
        if _HEADING_LINE.match(text, m.end()) and not _CAPTION.match(text, m.end()):
            return True
    return False


def carried_barred(text: str, origin: Mention, at: int) -> str | None:
    """Why the time set by `origin` and carried to the sentence starting at `at` may not date a drug start told
    there ("caption", "relative", "planned", "culture", "section"), or None when it may."""
    line = text.rfind("\n", 0, origin.start) + 1
    if _CAPTION.match(text, line, origin.start) and text.find("\n", origin.end, at) >= 0:
        return "caption"
    clause = max(line, text.rfind(". ", line, origin.start) + 1, text.rfind(";", line, origin.start) + 1)
    if _relative_subject().search(text, clause, origin.start):
        return "relative"
    if _planned_date().search(text, max(clause, origin.start - 80), origin.start):
        return "planned"
    if _incubation_time().search(text, clause, _clause_end(text, origin.end)):
        return "culture"
    if _section_between(text, origin.end, at):
        return "section"
    return None
