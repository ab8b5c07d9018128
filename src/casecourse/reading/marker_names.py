"""Markers, stains, antibodies and genes named after a disease ("human melanoma black 45", "anaplastic lymphoma
kinase", "tumour necrosis factor alpha"): the disease word inside such a name is no diagnosis of the patient
(knowledge/marker_names.csv; documents QA round docqa5)."""
from __future__ import annotations

import re
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention

_SEP = r"(?:['\u2019]s?)?[\s\-\u2010\u2011\u2013/]+"  # between two words of a name: "Wilms' tumour-1", "black 45"
# a unit of time or size after a final number makes the number a quantity, not part of the name ("B-cell lymphoma 2
# years ago", "Wilms tumour 1 cm")
_NOT_A_UNIT = r"(?![\s\-\u2013]*(?:years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|hrs?|cm|mm|times|cycles?)\b)"
_NAMED = ("condition", "finding")


@cache
def _marker_rx() -> re.Pattern[str]:
    alts = []
    for row in table("marker_names.csv"):
        words = row["name"].split()
        body = _SEP.join(re.escape(w) for w in words)
        alts.append(body + (_NOT_A_UNIT if words[-1].isdigit() else ""))
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")\b", re.I)


@cache
def _disease_words() -> tuple[str, ...]:
    return tuple(sorted({w for row in table("marker_names.csv") for w in row["disease"].lower().split("|")}))


@cache
def _disease_word_rx() -> re.Pattern[str]:
    """Any of `_disease_words` inside a string: one C search where a test of each word was run per mention."""
    return re.compile("|".join(re.escape(w) for w in _disease_words()))


def inside_a_marker_name(text: str, m: Mention) -> bool:
    """Whether the condition or finding `m` is a word of a marker's, stain's or gene's name around it."""
    if m.type not in _NAMED:
        return False
    if _disease_word_rx().search(m.text.lower()) is None:
        return False
    for hit in _marker_rx().finditer(text, max(0, m.start - 40), min(len(text), m.end + 60)):
        if hit.start() <= m.start and m.end <= hit.end():
            return True
    return False
