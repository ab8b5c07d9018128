"""A result word and the value it qualifies are one result: "ferritin was elevated at 1399 ng/mL", "elevated lipase 1830
U/L", "hypoalbuminaemia (serum albumin 1.5 g/dL)", "pancytopenia with WBC 0.8 k/uL, Hb 9.3 g/dL, platelets 90 k/uL",
"93% neutrophilia". The reader finds the word (a qualitative result, no value) and the number (a value) apart; the
course keeps one result: the value, with the word's interpretation (the text's own: no interval is applied) and both
spans. A word is the statement of the first value of its test after it in its sentence only when nothing between them
starts another statement: a change from an earlier value ("a drop in temperature from 38.9 to 37.3 °C"), a contrast,
another time, a verb of the value's own or a clause break; and only when the value carries no other interpretation of
its own. A word that tells a change ("CRP decreased (2.6 mg/dL)", "a decrease in INR to 1.9", "rose to 8 mmol/L")
still states that value, but gives it no flag: a value that fell may still be high.
"""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import LabResult

# between a result word and its value: words that start another statement (the value is then not the word's)
_STOP = re.compile(
    r"[;]|\b(?:from|but|however|whereas|while|although|though|later|then|after|before|previously|since|until|"
    r"baseline|initially|subsequently|respectively|compared|versus|vs|prior|despite|except|"
    # a verb of the value's own: "MuSK antibodies were negative and AChR antibodies were 12.4 nmol/L"
    r"was|were|is|are|showed|revealed|measured|remained)\b", re.I)
_MAX_GAP = 100  # characters from the word's end to its value's start
# result words that tell a change: a noun ("a decrease in"), or a verb when its value follows at once or after "to"
_CHANGE_NOUN = re.compile(r"\b(?:increase|decrease|rise|fall|drop|decline|reduction)$", re.I)
_CHANGE_VERB = re.compile(r"\b(?:increased|decreased|reduced|ris(?:ing|en)|rose|f[ae]ll(?:en|ing)?|dropped|"
                          r"declin(?:ed|ing)|lowered)$", re.I)
_TO = re.compile(r"\bto\b", re.I)
# after a change word, what makes it a change between two times rather than a level: "reduced after the second course",
# "increased compared to admission", "decreased from 519 to 330 mg/L", "a drop in temperature from 38.9 °C"
_CHANGE_AFTER = re.compile(
    r"(?:\s+(?:\w+ly|again|further))*\s+(?:after|following|compared|in contrast|from|to|since|over|by)\b"
    r"|\s+(?:in|of)\s+(?:[\w-]+\s+){1,4}?(?:from|by)\b", re.I)
_LETTER = re.compile(r"[A-Za-z]")
# between a value and a result word right after it: "93% neutrophilia"
_VALUE_WORD_GAP = frozenset({"", " "})


class StatedWords:
    """The qualitative results of the sentence being assembled, each open until a value of its test is read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._open: dict[str, tuple[LabResult, int, tuple[int, int]]] = {}  # test -> word result, word end, sentence

    def word(self, test: str, lab: LabResult, end: int, sent: tuple[int, int]) -> None:
        """A qualitative result read (H, L, N, A, POS, NEG): the next value of its test may be the one it states."""
        self._open[test] = (lab, end, sent)

    def value(self, test: str, start: int, sent: tuple[int, int], interp: str | None) -> LabResult | None:
        """The word result a value of `test` starting at `start` states, if any (taken: a word states one value)."""
        held = self._open.pop(test, None)
        if held is None:
            return None
        lab, end, where = held
        if where != sent or not 0 <= start - end <= _MAX_GAP or interp not in (None, lab.interpretation) \
                or _STOP.search(self.text, end, start):
            return None
        return lab

    def after_value(self, test: str, last: LabResult | None, start: int, sent: tuple[int, int]) -> bool:
        """Whether a result word at `start` flags the value read right before it ("93% neutrophilia")."""
        if last is None or last.value is None or last.test != test or not last.provenance.spans:
            return False
        end = last.provenance.spans[0].end
        return sent[0] <= end <= start and self.text[end:start] in _VALUE_WORD_GAP


def tells_change(text: str, word: LabResult, start: int) -> bool:
    """Whether the result word tells a change of the value written at `start` rather than its level."""
    spans = word.provenance.spans
    if not spans:
        return False
    written, end = spans[0].text, spans[0].end
    if _CHANGE_NOUN.search(written):
        return True
    return _CHANGE_VERB.search(written) is not None and (
        _TO.search(text, end, start) is not None or _LETTER.search(text, end, start) is None)


def only_change(text: str, lab: LabResult) -> bool:
    """Whether a result word with no value tells only a change between two times, no level: "CRP and ESR were
    significantly reduced after the second course", "a drop in body temperature from 38.9 °C to 37.3 °C". A value
    that fell may still be high: no low (or high) result is read from it."""
    spans = lab.provenance.spans
    if lab.value is not None or lab.interpretation not in ("H", "L") or not spans:
        return False
    written, end = spans[0].text, spans[0].end
    return (_CHANGE_NOUN.search(written) is not None or _CHANGE_VERB.search(written) is not None) \
        and _CHANGE_AFTER.match(text, end) is not None


def merged(value: LabResult, word: LabResult, flag: bool = True) -> LabResult:
    """The value with the word's id and span (after the value's) and, where `flag`, its interpretation."""
    prov = value.provenance.model_copy(update={"spans": [*value.provenance.spans, *word.provenance.spans]})
    interp = value.interpretation or (word.interpretation if flag else None)
    return value.model_copy(update={"id": word.id, "interpretation": interp, "provenance": prov})


def value_before(labs: list[LabResult], word: LabResult, after: int, word_start: int) -> int | None:
    """The index of the value a result word after it states ("potassium (2.9 mmol/L) was low"; the reader checked
    the words between): the first value of the word's test written after `after` (the end of the test's name) and
    before the word, if it has no interpretation of its own (a bound of an interval after it is no such value)."""
    first = None
    for i in range(len(labs) - 1, -1, -1):
        spans = labs[i].provenance.spans
        if not spans or spans[0].start < after:
            break
        if labs[i].test == word.test and labs[i].value is not None and spans[0].end <= word_start:
            first = i
    if first is None or labs[first].interpretation is not None:
        return None
    return first


@cache
def settings() -> frozenset[str]:
    """Tests that are a ventilator's or oxygen therapy's settings (knowledge/ventilator_settings.csv): "low tidal
    volume ventilation" is a strategy, no low result."""
    return frozenset(r["test"] for r in table("ventilator_settings.csv"))
