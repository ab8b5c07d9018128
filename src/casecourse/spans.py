"""Spans asked about by bisection instead of a scan of them all, so that a question asked once per mention stays
linear in a long sentence: used by the reader (pipeline) and the assembly (course)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence


class Covers:
    """Spans (start, end), sorted by start with the furthest end so far (a prefix maximum): whether one of them holds
    a given span, or meets it."""

    __slots__ = ("starts", "reach")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def holds(self, start: int, end: int) -> bool:
        """Whether some span has a <= start and end <= b."""
        i = bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end

    def meets(self, start: int, end: int) -> bool:
        """Whether some span overlaps start..end (a < end and start < b)."""
        i = bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start


def in_parentheses(text: str, start: int, pos: int) -> bool:
    """True when `pos` lies inside a parenthesis opened in `text[start:pos]` and not yet closed."""
    before = text[start:pos]
    return before.rfind("(") > before.rfind(")")
