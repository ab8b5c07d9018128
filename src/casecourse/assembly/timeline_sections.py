"""Where the text is back at the stay after a heading: the first sentence under a heading of the stay's sections
("Investigations", "Hospital course"; `knowledge/stay_section_headings.csv`). The timeline returns there from a
history told before the admission or presentation, as it does at "On examination"."""
from __future__ import annotations

import bisect
from functools import cache

from casecourse.assembly.record_sections import heading_text, sections
from casecourse.knowledge import table
from casecourse.reading.zoning import Zone


@cache
def _rows() -> dict[str, bool]:
    """heading -> whether its section tells the stay's treatment and course."""
    return {r["heading"]: r["course"] == "1" for r in table("stay_section_headings.csv")}


@cache
def _headings(course_only: bool) -> frozenset[str]:
    return frozenset(h for h, course in _rows().items() if course or not course_only)


def course_sections(text: str, zones: list[Zone]) -> list[tuple[int, int]]:
    """(start, end) of each section under a heading of the stay's course ("Hospital course", "Treatment"), to the next
    heading."""
    return [(lo, hi) for lo, hi, _ in sections(text, zones, _headings(True), labels=False)]


def after_stay_headings(text: str, zones: list[Zone], sentences: list[tuple[int, int]]) -> set[int]:
    """Indices of the sentences that open a section under a heading of the stay."""
    starts = [s for s, _ in sentences]
    out: set[int] = set()
    for z in zones:
        if z.zone == "title" and heading_text(text, z) in _headings(False):
            i = bisect.bisect_left(starts, z.end)
            if text[z.end:z.end + 1] not in ("\n", "") and i > 0 and sentences[i - 1][1] > z.end:
                i -= 1  # "O: BP 138/84, ...": a label on its section's first line, in that line's sentence
            if i < len(sentences):
                out.add(i)
    return out
