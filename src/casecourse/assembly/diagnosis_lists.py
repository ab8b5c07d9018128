"""The lines of a letter's or a record's list of diagnoses ("Diagnoses:" above numbered items, "Diagnosis: X",
"Discharge Diagnosis:"), `knowledge/diagnosis_list_headings.csv`: an item (a short line, not a paragraph of the story
under a "Diagnosis" heading) names a diagnosis, not when it began, so one
without a date on its own line is not dated by the story's time around the list (a header list sits at the admission
date, a discharge-diagnosis list after the story's last date); the story's own mention dates it."""
from __future__ import annotations

import bisect
import re
from functools import cache

from casecourse.assembly.record_sections import LIST_MARK, sections
from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading.zoning import Zone
from casecourse.spans import in_parentheses


@cache
def _headings() -> frozenset[str]:
    return frozenset(r["heading"] for r in table("diagnosis_list_headings.csv"))


_MAX_ITEM_WORDS = 12  # "2. Acute kidney injury, resolved": an item; a paragraph under "Diagnosis" tells a story
_SENTENCES = re.compile(r"[.!?]\s+\S")


# "1. ", "2) ", "- ", "• ", a death certificate's "1a. ", "1b. " (record_sections.LIST_MARK)
_MARKED = re.compile(rf"\s*{LIST_MARK}\s")


def _item(line: str, labelled: bool) -> bool:
    """A list item, not prose: a short line of one sentence at most, numbered or bulleted under a heading (or the
    rest of a label's line)."""
    marked = _MARKED.match(line)
    body = line[marked.end():] if marked else line
    # "(diagnosed 2017)", "(biopsy 2019)": notes on the item, not prose; a label's line may hold its items one after
    # another, split by semicolons ("Final diagnoses: X caused by Y; Z; W, resolved": documents QA round docqa7)
    parts = _BRACKETED.sub(" ", body).rstrip(" .").split(";") if labelled else [_BRACKETED.sub(" ", body)]
    return bool(body.strip()) and all(len(p.split()) <= _MAX_ITEM_WORDS for p in parts) \
        and _SENTENCES.search(body) is None and (labelled or marked is not None)


_BRACKETED = re.compile(r"\([^()]*\)")


def _in_brackets(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` stands inside a parenthesis opened and closed on its line."""
    line_end = text.find("\n", end)
    return in_parentheses(text, text.rfind("\n", 0, start) + 1, start) \
        and text.find(")", end, len(text) if line_end < 0 else line_end) >= 0


def undated_items(text: str, zones: list[Zone], dates: list[Mention]) -> list[tuple[int, int]]:
    """(start, end) of each line of a diagnosis list that holds no date, sorted. A date in brackets dates only the
    name right before it ("Cholecystectomy (2008)"; "Coronary artery disease, s/p PCI (2019)": the intervention's, the
    disease still undated), which the course reads as that name's own date: such a line is undated here."""
    spans = sections(text, zones, _headings())  # (start, end, a label's own line)
    if not spans:
        return []
    starts = sorted(d.start for d in dates if not _in_brackets(text, d.start, d.end))
    lines: list[tuple[int, int]] = []
    for lo, hi, labelled in spans:
        pos = lo
        while pos < hi:
            end = text.find("\n", pos, hi)
            end = hi if end < 0 else end
            i = bisect.bisect_left(starts, pos)
            if _item(text[pos:end], labelled) and not (i < len(starts) and starts[i] < end):
                lines.append((pos, end))
            pos = end + 1
    return sorted(lines)
