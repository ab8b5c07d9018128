"""A dose changed by a percentage ("the capecitabine dose was reduced to 75%", "dose-reduced by 25%", "a 20% dose
reduction", "at 80% of the full dose"): a dose mention relative to the drug's dose before it, in percent of that
dose, never an absolute amount the text does not give (documents QA round docqa5: chemotherapy cycles).

Only where the words speak of a dose ("dose", "dosage", "dose-reduced"): "HbA1c decreased to 7%" is no dose."""
from __future__ import annotations

import re

from casecourse.model import Mention

_N = r"(?P<n>\d{1,3}(?:\.\d+)?)\s*%"
_CHANGE = r"(?P<verb>reduced|decreased|lowered|cut|increased|escalated|de-escalated)"
_WHEN = r"(?:(?:then|subsequently|further|later|again|empirically|also)\s+)?"
# "dose was reduced to 75%", "was dose-reduced by 25%"; "reduced the dose of X by 20%"
_VERBED = (
    re.compile(rf"\b(?:dos(?:e|es|age)\s+(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+|is\s+)?{_WHEN}|dose[- ])"
               rf"{_CHANGE}\s+(?P<prep>to|by)\s+(?:about\s+|approximately\s+)?{_N}", re.I),
    re.compile(rf"\b{_CHANGE}\s+(?:the\s+|its\s+|his\s+|her\s+|their\s+)?dos(?:e|es|age)\s+(?:of\s+[\w-]+\s+)?"
               rf"(?P<prep>to|by)\s+(?:about\s+|approximately\s+)?{_N}", re.I),
)
# "a 25% dose reduction"; "at 80% of the full dose", "at 75% dose"
_NOUNED = (
    re.compile(rf"\b{_N}\s+dose\s+(?P<kind>reduction|decrease|increase|escalation)\b", re.I),
    re.compile(rf"\b(?:at|to)\s+{_N}\s+(?:of\s+(?:the\s+|its\s+)?)?"
               r"(?:(?:full|standard|original|planned|previous|initial|usual|normal|recommended)\s+)?dos(?:e|es|ing)\b",
               re.I),
)
_LOWER = ("reduced", "decreased", "lowered", "cut", "de-escalated", "reduction", "decrease")


def find(text: str) -> list[Mention]:
    """Dose mentions of a percentage change, in percent of the dose before (unit "%", attr `relative`)."""
    if "%" not in text:
        return []
    if "dos" not in text and "Dos" not in text and "DOS" not in text:
        return []
    out: list[Mention] = []
    runs = _runs_with_percent(text)
    for rx in _VERBED:
        for m in (m for lo, hi in runs for m in rx.finditer(text, lo, hi)):
            pct = float(m.group("n"))
            start = m.start("n")
            if m.group("prep") == "by":
                pct = 100 - pct if m.group("verb").lower() in _LOWER else 100 + pct
                start = m.start("prep")
            out.append(_new(text, start, m.end(), pct))
    for rx in _NOUNED:
        for m in (m for lo, hi in runs for m in rx.finditer(text, lo, hi)):
            pct = float(m.group("n"))
            if "kind" in rx.groupindex:
                pct = 100 - pct if m.group("kind").lower() in _LOWER else 100 + pct
            out.append(_new(text, m.start("n"), m.end(), pct))
    return [m for m in out if 0 < m.attrs["value"] <= 300]


# what a match of the patterns above is made of (word characters, spaces, ".", "-", "%"), and anything else
_RUN_BACK = re.compile(r"[\w\s.%-]*")
_NOT_RUN = re.compile(r"[^\w\s.%-]")


def _runs_with_percent(text: str) -> list[tuple[int, int]]:
    """The runs of the characters a match is made of that hold a "%", in order: every match lies in one run and holds
    a "%", so the patterns scan these runs only (a few short stretches, where each had tried every position of the
    text). The same matches in the same order: at a run's end stands a character no match holds (a word boundary
    there, as at the end of the text), and `finditer`'s `pos` lets a match's leading `\b` see the character before."""
    runs: list[tuple[int, int]] = []
    rev: str | None = None
    p = text.find("%")
    while p >= 0:
        if rev is None:
            rev = text[::-1]
        back = len(text) - p  # the character before `p`, in the reversed text
        lo = p - (_RUN_BACK.match(rev, back).end() - back)
        stop = _NOT_RUN.search(text, p)
        hi = len(text) if stop is None else stop.start()
        runs.append((lo, hi))
        p = text.find("%", hi)
    return runs


def _new(text: str, start: int, end: int, pct: float) -> Mention:
    words = text[start:end]
    return Mention.model_construct(type="dose", start=start, end=end, text=words, norm=words.lower(),
                                   attrs={"value": pct, "unit": "%", "unit_text": "% of the previous dose",
                                          "relative": True})
