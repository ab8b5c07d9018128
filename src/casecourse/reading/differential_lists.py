"""The bare list under a "Differential diagnosis" heading names diagnoses considered, not found.

Structured case reports (BMJ Case Reports, Medicine) give a section "Differential diagnosis" whose line is a list
("Infective colitis, vasculitis, ischaemic bowel."): each diagnosis there, unless already denied or suspected, is a
differential (`Assertion.hypothetical`), however the sentence cues read it. A line under the heading that is a
sentence of its own (a verb of `knowledge/differential_headings.csv`: "A diagnosis of X was made.") is left as read.
So are the sentences of the section that tell what may cause the problem ("Desaturation can be due to anaemia,
tamponade or sepsis"): their diagnoses are possibilities; a sentence that states a finding of the patient is read as
written.
"""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Assertion, Mention, set_field

_OPEN = frozenset({Assertion.present, Assertion.historical})


@cache
def _vocabulary() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words: dict[str, list[str]] = {}
    for r in table("differential_headings.csv"):
        words.setdefault(r["kind"], []).append(r["text"])
    for kind in words:
        words[kind].sort(key=len, reverse=True)
    # the heading as a whole line (a numbering before it, a colon after it), and the line under it
    heading = re.compile(r"^[ \t]*(?:\d+(?:\.\d+)*\.?[ \t]*)?(?:" + "|".join(map(re.escape, words["heading"]))
                         + r")[ \t]*:?[ \t]*\n+([^\n]+)", re.I | re.M)
    clause = re.compile(r"\b(?:" + "|".join(map(re.escape, words["clause"])) + r")\b", re.I)
    # "causes of <the patient's problem> ... as <the differentials>": the differentials start after the example word
    cause = re.compile(r"\b(?:" + "|".join(map(re.escape, words["cause"])) + r")\b.*?(?:"
                       + "|".join(re.escape(w) if not w[0].isalpha() else rf"\b{re.escape(w)}\b"
                                  for w in words["example"]) + ")", re.I)
    return heading, clause, cause


def _listed(text: str, start: int, end: int, cause: re.Pattern[str]) -> tuple[int, int] | None:
    """The part of a bare list line that names the differentials (None: the line names none after its cause)."""
    if (c := re.search(r"\bcauses?\b", text[start:end], re.I)) is None:
        return start, end
    m = cause.search(text, start + c.start(), end)
    return (m.end(), end) if m else None


# a sentence of the section that tells what may cause the problem ("X can be caused by A, B or C", "the differential
# of X includes A and B"): each diagnosis it names is a possibility, however far from the modal word
_POSSIBILITIES = re.compile(r"\b(?:can|may|might|could)\s+(?:also\s+|typically\s+|usually\s+)?(?:be|include|result|"
                            r"arise|present|cause|lead)\b|\bincludes?\b|\binclude\b", re.I)
# the end of a sentence, and a heading line (short, no full stop) that opens the next section
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_NEXT_HEADING = re.compile(r"\n[ \t]*[A-Z][^\n.:;]{0,60}\n")


def _section_sentences(text: str, start: int) -> list[tuple[int, int]]:
    """The sentences of the section a heading opens at `start` (to the next heading line or the end), each a span."""
    nxt = _NEXT_HEADING.search(text, start + 1)
    end = nxt.start() if nxt else len(text)
    out, at = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((at, m.end()))
        at = m.end()
    if at < end:
        out.append((at, end))
    return out


def mark(text: str, mentions: list[Mention]) -> None:
    """Diagnoses asserted present on the bare list right under a differential-diagnosis heading, and in the sentences
    of that section that tell what may cause the problem: differentials."""
    if "ifferential" not in text and "IFFERENTIAL" not in text:
        return  # (the cheap test first: most texts have no such heading)
    heading, clause, cause = _vocabulary()
    spans: list[tuple[int, int]] = []
    for h in heading.finditer(text):
        if not clause.search(h.group(1)) and (span := _listed(text, h.start(1), h.end(1), cause)) is not None:
            spans.append(span)
        spans.extend((a, b) for a, b in _section_sentences(text, h.start(1)) if _POSSIBILITIES.search(text, a, b))
    if not spans:
        return
    for m in mentions:
        if m.type == "condition" and m.assertion in _OPEN and any(a <= m.start and m.end <= b for a, b in spans):
            set_field(m, "assertion", Assertion.hypothetical)
