"""The parts of a letter or a record that a section heading or a field label names: the text under a heading (a
`title` zone of `reading/zoning.py`) up to the next heading, and a line that a label opens ("Medications: A, B").
One reading of headings for every list the course reads (medications, plans, diagnoses, the stay's sections)."""
from __future__ import annotations

import re
from functools import cache

from casecourse.reading.timex_lexicon import alternation
from casecourse.reading.zoning import Zone, soap_labels

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*")

# the mark that opens an item of a list: a bullet or dash ("- ", "• ", "▪ ", "– ") or a number ("1. ", "2) ", and a
# death certificate's "1a. ", "1b. ")
LIST_MARK = r"(?:[-•*·▪–]|\d{1,2}[a-e]?[.)])"


def heading_text(text: str, z: Zone) -> str:
    """A heading's words, lower-cased, without its numbering and its closing colon ("2. Plan:" -> "plan"); a SOAP
    note's label is its part's name ("P:" -> "plan")."""
    raw = text[z.start:z.end].strip()
    words = _NUMBERING.sub("", raw).rstrip(":. ").lower()
    return soap_labels().get(words, words) if raw.endswith(":") and len(words) <= 3 else words


@cache
def label_rx(headings: frozenset[str]) -> re.Pattern[str]:
    """A line that opens with one of `headings` as a field label and holds something after its colon."""
    return re.compile(rf"^[ \t]*(?:{alternation(headings)})[ \t]*:[ \t]*\S[^\n]*$", re.I | re.M)


def sections(text: str, zones: list[Zone], headings: frozenset[str],
             labels: bool = True) -> list[tuple[int, int, bool]]:
    """(start, end, labelled) of each part of the text under one of `headings`, to the next heading, and, with
    `labels`, of each line such a label opens (labelled True)."""
    out: list[tuple[int, int, bool]] = []
    start: int | None = None
    for z in zones:
        if z.zone != "title":
            continue
        if start is not None:
            out.append((start, z.start, False))
            start = None
        if heading_text(text, z) in headings:
            start = z.end
    if start is not None:
        out.append((start, len(text), False))
    if labels and ":" in text:
        out.extend((m.start(), m.end(), True) for m in label_rx(headings).finditer(text))
    return out
