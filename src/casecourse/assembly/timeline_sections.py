"""Where the text is back at the stay after a heading: the first sentence under a heading of the stay's sections
("Investigations", "Hospital course"; `knowledge/stay_section_headings.csv`). The timeline returns there from a
history told before the admission or presentation, as it does at "On examination"."""
from __future__ import annotations

import bisect
import csv
import re
from functools import cache
from importlib import resources

from casecourse.reading.zoning import Zone

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*")


@cache
def _rows() -> dict[str, bool]:
    """heading -> whether its section tells the stay's treatment and course."""
    with resources.files("casecourse.knowledge").joinpath("stay_section_headings.csv").open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {r["heading"]: r["course"] == "1" for r in rows}


def _headings() -> frozenset[str]:
    return frozenset(_rows())


def _heading(text: str, z: Zone) -> str:
    return _NUMBERING.sub("", text[z.start:z.end].strip()).rstrip(":. ").lower()


def course_sections(text: str, zones: list[Zone]) -> list[tuple[int, int]]:
    """(start, end) of each section under a heading of the stay's course ("Hospital course", "Treatment"), to the next
    heading."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for z in zones:
        if z.zone != "title":
            continue
        if start is not None:
            out.append((start, z.start))
            start = None
        if _rows().get(_heading(text, z)):
            start = z.end
    if start is not None:
        out.append((start, len(text)))
    return out


def after_stay_headings(text: str, zones: list[Zone], sentences: list[tuple[int, int]]) -> set[int]:
    """Indices of the sentences that open a section under a heading of the stay."""
    starts = [s for s, _ in sentences]
    out: set[int] = set()
    for z in zones:
        if z.zone == "title" and _heading(text, z) in _headings():
            i = bisect.bisect_left(starts, z.end)
            if i < len(sentences):
                out.add(i)
    return out
