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
from functools import lru_cache

from casecourse.assembly.positions import ByStart
from casecourse.model import Assertion, Mention
from casecourse.reading.assertion import search_phrases, searched_for
from casecourse.reading.timex_lexicon import alternation

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
                            r"(?:unremarkable|normal|negative|within\s+normal\s+limits|"
                            r"(?:notable|significant|remarkable)\s+only\s+for)\b", re.I)


def searched(text: str, m: Mention, sent: tuple[int, int], items: ByStart[Mention] | None = None) -> str | None:
    """"provisional" for a diagnosis its sentence names only as what a work-up looks for ("a work-up for malignancy",
    "evaluated for endocarditis", "a malignancy work-up", or a later item of the list it looks for: "serologies for
    hepatitis B, hepatitis C and syphilis"), "refuted" where the search found nothing ("the work-up for sepsis was
    unremarkable", "tests for A and B were done; all were negative"); None where the search found it, or where no
    search names it. `items`: the sentence's diagnoses and findings by start (`Answers.index`), for the list."""
    if not (searched_for().search(text, max(sent[0], m.start - _SEARCH_REACH), m.start)
            or _WORKED_UP.match(text, m.end)
            or items is not None and _listed_search(text, m, sent, items)):
        return None
    semi = text.find(";", m.end, sent[1])
    stop = semi if semi >= 0 else sent[1]
    if _FOUND.search(text, m.end, stop):
        return None
    if _NOTHING_FOUND.search(text, m.end, stop) or semi >= 0 and _ALL_NEGATIVE_AFTER.match(text, semi + 1):
        return "refuted"
    return "provisional"


_LIST_SEARCH_REACH = 200  # characters before a listed diagnosis where its search's words may end
# a list item's separator: a comma (with its "and"/"or"), or "and", "or", "and/or"
_ITEM_SEP = re.compile(r",|\band/or\b|\band\b|\bor\b", re.I)
# ", and" (or ", or") right before a diagnosis, with at most two qualifiers of it
_COMMA_AND_END = re.compile(r",\s*(?:and|or)\s+(?:[^\W_][\w'’-]*\s+){0,2}\Z", re.I)
_GAP_WORD = re.compile(r"[^\W_][\w'’/-]*")
# words that make the text between a search and a diagnosis a clause, not a list of what was looked for ("tested for
# HIV, and diabetes was managed")
_CLAUSE_WORDS = frozenset({
    "was", "were", "is", "are", "be", "been", "had", "has", "have", "with", "which", "who", "that", "but", "then",
    "showed", "revealed", "performed", "done", "sent", "negative", "positive", "normal", "found", "diagnosed",
    "started", "treated", "given", "he", "she", "they", "we", "it", "his", "her", "their"})
# a denial of the whole list in the clause after a semicolon: "tests for A and B were done; (however,) all were
# negative"
_ALL_NEGATIVE_AFTER = re.compile(
    r"\s*(?:however,?\s+)?(?:all|both|each)\s+(?:of\s+(?:which|them|these|those)\s+)?(?:were|was|came\s+back|"
    r"returned|proved)\s+(?:(?:all|also)\s+)?(?:negative|normal|unremarkable|non-?reactive)\b", re.I)


@lru_cache(maxsize=1)
def _search_opener() -> re.Pattern:
    """A search's words anywhere before the list it looks for (`searched_for` without its anchor)."""
    return re.compile(rf"\b(?:{alternation(search_phrases())})\s+(?:(?:an?|the|any)\s+)?", re.I)


def _listed_search(text: str, m: Mention, sent: tuple[int, int], items: ByStart[Mention]) -> bool:
    """`m` is a later item of a list of what a search looks for: between the search's words and `m` stand only other
    diagnoses or findings and short pieces (at most three words: qualifiers, names the reader does not hold) joined by
    commas, "and", "or", with no verb or pronoun (condition QA round condqa13)."""
    lo = max(sent[0], m.start - _LIST_SEARCH_REACH)
    hits = list(_search_opener().finditer(text, lo, m.start))
    if not hits:
        return False
    a = hits[-1].end()
    chunk = list(text[a:m.start])
    for x in items.window(a, m.start):
        if x.type in _STATED and x.end <= m.start:
            chunk[x.start - a:x.end - a] = " " * (x.end - x.start)
    gap = "".join(chunk)
    seps = [x.group().lower() for x in _ITEM_SEP.finditer(gap)]
    if not seps:
        return False
    if _COMMA_AND_END.search(text, a, m.start) and (len(seps) == 2 or any(x != "," for x in seps[:-2])):
        # ", and" after a list closed by its own "and" ("tested for HIV and hepatitis B, and diabetes was managed"),
        # or after a single item ("screened for tuberculosis, and pneumonia was treated"): a new clause
        return False
    pieces = _ITEM_SEP.split(gap)
    for i, piece in enumerate(pieces):
        words = _GAP_WORD.findall(piece)
        if len(words) > (2 if i == len(pieces) - 1 else 3) or any(w.lower() in _CLAUSE_WORDS for w in words) \
                or any(c in piece for c in ".;:()"):
            return False
    return True
