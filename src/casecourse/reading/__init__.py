"""Reading: one spaCy pipeline of small components over a narrative, producing typed mentions.

Each component module exposes a finder `find(text) -> list[Mention]` (see `casecourse.model.Mention`)
over the whole text with character offsets; `pipeline.read` runs them once and zones the result.
"""
from __future__ import annotations

from typing import TypeVar

_Span = TypeVar("_Span", bound=tuple)


def leftmost_longest(found: list[_Span]) -> list[_Span]:
    """Dictionary hits `(start, end, ...)` as one reading: from the left, the longest hit at a position wins and any
    hit overlapping a kept one is dropped ("plasma exchange" inside "therapeutic plasma exchange")."""
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[_Span] = []
    last_end = -1
    for c in found:
        if c[0] >= last_end:
            kept.append(c)
            last_end = c[1]
    return kept
