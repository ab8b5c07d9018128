"""A suspicion the story answers right away: "tuberculosis was suspected, but sputum cultures were negative" (not
supported: refuted), "pulmonary embolism was suspected, and CT angiography confirmed it" (confirmed).

A suspicion followed, in its sentence or at the head of the next one ("X was suspected. However, ..."), by a
contrast (or a semicolon: "an angio-CT was performed to exclude pulmonary embolism; the findings were negative") and
then only normal or negative results is one the work-up did not bear out: a case report tells a
suspicion it then confirms with the positive result, not with "but ... negative". Left as a suspicion when the
contrast's clause also holds an abnormal result or a present finding or diagnosis ("but the CT was normal and the
lumbar puncture showed pleocytosis"), a condition ("when", "if", "unless": "X is suspected when the PT is long but
the aPTT normal" is a textbook rule), or a result about something else ("negative for malignancy").

A diagnosis a sentence names only as what a work-up looks for ("a work-up for malignancy", "evaluated for
endocarditis", "a malignancy work-up") is a suspicion, and refuted where the search found nothing ("the work-up for
sepsis was unremarkable"): `searched` (diagnoses only; a symptom "evaluated" is still the patient's).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from casecourse.assembly.positions import ByStart
from casecourse.model import Assertion, Mention
from casecourse.reading.assertion import searched_for

_CONTRAST = re.compile(r"(?:^|[,;]?\s+)(?:but|however|although|though|yet)\b|;", re.I)  # or a clause after ";"
_NEXT_CONTRAST = re.compile(r"\s*(?:However|But)\b")
_CONDITIONAL = re.compile(r"\b(?:when|whenever|if|unless)\b", re.I)
_CONFIRMED_IT = re.compile(r"\b(?:confirmed|proved|established|verified)\s+(?:it|this|the\s+(?:diagnosis|suspicion)|"
                           r"our\s+suspicion|the\s+clinical\s+suspicion)\b", re.I)
_NEGATIVE = frozenset({"N", "NEG"})
_ABNORMAL = frozenset({"H", "L", "A", "POS"})
_RESULTS = frozenset({"lab_value", "test_result"})
_STATED = frozenset({"finding", "condition", "lab_finding"})
# the types of the mentions `Answers` reads (a negation cue only as a result word)
ANSWER_TYPES = (*sorted(_RESULTS), *sorted(_STATED), "negation_cue")
_FOR_AFTER = re.compile(r"\s+for\b")
# a test named by another diagnosis, after a comma between the suspicion and the contrast ("thrombophilia work-up"):
# the contrast's results answer that test (condition QA round condqa10)
_ITS_TEST = re.compile(r"\s+(?:work[- ]?ups?|screens?|screening|panels?|tests?|testing|serolog(?:y|ies)|assays?)\b",
                       re.I)


# what settles a suspicion right after the suspected disease ("suspected X (abbreviation) was later confirmed"), not a
# denial ("X was confirmed negative", "confirmed to be absent")
_CONFIRMED_AFTER = re.compile(
    r"(?:\s+\([^()]{1,15}\))?\s+(?:was|were|had\s+been|has\s+been)\s+"
    r"(?:(?:later|subsequently|finally|then|eventually|ultimately|indeed|definitively)\s+)?(?:confirmed|proven|proved)\b"
    r"(?!\s+(?:negative|absent|not|unlikely)\b|\s+to\s+be\s+(?:negative|absent|unlikely)\b)", re.I)


def confirmed_after(text: str, end: int) -> bool:
    """Whether the suspicion ending at `end` is settled in its own clause: "the suspected diagnosis of X (XYZ) was
    later confirmed by biopsy" (not "confirmed negative")."""
    return _CONFIRMED_AFTER.match(text, end) is not None


class Answers:
    """The mentions that can answer a suspicion (results, result words, findings, lab findings and diagnoses), by
    start, and each sentence's cue positions, found once per sentence: a long sentence of many suspicions is read
    in linear time, not once per suspicion to its end."""

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.index = ByStart([m for m in mentions if m.type in _RESULTS or m.type in _STATED
                              or m.type == "negation_cue" and m.attrs.get("result_word")])
        self._cues: dict[tuple[int, int], tuple[list[int], list[tuple[int, int]], list[int]]] = {}
        self._verdicts: dict[tuple[int, int], str | None] = {}

    def _sentence(self, sent: tuple[int, int]) -> tuple[list[int], list[tuple[int, int]], list[int]]:
        got = self._cues.get(sent)
        if got is None:
            text, (a, b) = self.text, sent
            got = ([c.start() for c in _CONFIRMED_IT.finditer(text, a, b)],
                   [c.span() for c in _CONTRAST.finditer(text, a, b)],
                   [c.start() for c in _CONDITIONAL.finditer(text, a, b)])
            self._cues[sent] = got
        return got

    def answer(self, m: Mention, sent: tuple[int, int], nxt: tuple[int, int] | None) -> str | None:
        """"confirmed" or "refuted" where the story answers the suspicion `m` right after it; else None."""
        confirmed, contrasts, conditionals = self._sentence(sent)
        if confirmed and confirmed[-1] >= m.end:
            return "confirmed"
        i = bisect_left(contrasts, (m.end, -1))
        lo, hi = (contrasts[i][1], sent[1]) if i < len(contrasts) else (0, 0)
        if i >= len(contrasts) and nxt is not None and _NEXT_CONTRAST.match(self.text, nxt[0]):
            lo, hi = nxt
        if lo == hi or (conditionals and conditionals[0] < lo):
            return None
        if i < len(contrasts) and any(
                x.type == "condition" and _ITS_TEST.match(self.text, x.end) and "," in self.text[m.end:x.start]
                for x in self.index.window(m.end + 1, contrasts[i][0])):
            return None  # "suggestive of X (Fig. 2), thrombophilia work-up for A; B was negative": the work-up's answer
        if (lo, hi) not in self._verdicts:
            self._verdicts[(lo, hi)] = self._verdict(lo, hi)
        return self._verdicts[(lo, hi)]

    def _verdict(self, lo: int, hi: int) -> str | None:
        """"refuted" when the clause [lo, hi) holds only normal or negative results; else None."""
        negative = False
        for x in self.index.window(lo, hi):
            if x.type in _STATED:
                if x.assertion not in (Assertion.negated, Assertion.ruled_out):
                    return None
            elif x.type == "negation_cue" or x.attrs.get("interpretation") in _NEGATIVE:
                if _FOR_AFTER.match(self.text, x.end):
                    return None  # "negative for malignancy": an answer about something else
                negative = True
            elif x.attrs.get("interpretation") in _ABNORMAL:
                return None
        return "refuted" if negative else None


_SEARCH_REACH = 40  # characters before a diagnosis where its search's words end ("examined thoroughly for evidence of")
# a diagnosis named before the work-up's word: "a malignancy work-up", "neoplasm surveys", "a sepsis evaluation"
_WORKED_UP = re.compile(r"\s+(?:work-?ups?|surveys?|evaluations?)\b", re.I)
# what a search that found its target says ("screening for HIV was positive", "tested for TB, which was confirmed")
_FOUND = re.compile(r"\b(?:positive|confirm\w*|revealed|showed|detected|diagnosed|isolated|grew|"
                    r"consistent\s+with|compatible\s+with|found)\b", re.I)
# what a search that found nothing says ("the work-up for sepsis was unremarkable", "which returned negative")
_NOTHING_FOUND = re.compile(r"\b(?:was|were|returned|came\s+back|proved|remained)\s+"
                            r"(?:all\s+|entirely\s+|completely\s+)?"
                            r"(?:unremarkable|normal|negative|within\s+normal\s+limits)\b", re.I)


def searched(text: str, m: Mention, sent: tuple[int, int]) -> str | None:
    """"provisional" for a diagnosis its sentence names only as what a work-up looks for ("a work-up for malignancy",
    "evaluated for endocarditis", "a malignancy work-up"), "refuted" where the search found nothing ("the work-up for
    sepsis was unremarkable"); None where the search found it, or where no search names it."""
    if not (searched_for().search(text, max(sent[0], m.start - _SEARCH_REACH), m.start)
            or _WORKED_UP.match(text, m.end)):
        return None
    semi = text.find(";", m.end, sent[1])
    stop = semi if semi >= 0 else sent[1]
    if _FOUND.search(text, m.end, stop):
        return None
    return "refuted" if _NOTHING_FOUND.search(text, m.end, stop) else "provisional"
