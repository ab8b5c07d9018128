"""The bare list under a "Differential diagnosis" heading names diagnoses considered, not found.

Structured case reports (BMJ Case Reports, Medicine) give a section "Differential diagnosis" whose line is a list
("Infective colitis, vasculitis, ischaemic bowel."): each diagnosis there, unless already denied or suspected, is a
differential (`Assertion.hypothetical`), however the sentence cues read it. A line under the heading that is a
sentence of its own (a verb of `knowledge/differential_headings.csv`: "A diagnosis of X was made.") is left as read.
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


def mark(text: str, mentions: list[Mention]) -> None:
    """Diagnoses asserted present on the bare list right under a differential-diagnosis heading: differentials."""
    if "ifferential" not in text and "IFFERENTIAL" not in text:
        return  # (the cheap test first: most texts have no such heading)
    heading, clause, cause = _vocabulary()
    spans = [span for h in heading.finditer(text) if not clause.search(h.group(1))
             and (span := _listed(text, h.start(1), h.end(1), cause)) is not None]
    if not spans:
        return
    for m in mentions:
        if m.type == "condition" and m.assertion in _OPEN and any(a <= m.start and m.end <= b for a, b in spans):
            set_field(m, "assertion", Assertion.hypothetical)
