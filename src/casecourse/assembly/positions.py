"""Mentions of one sentence found by position (bisection over their sorted starts) instead of a scan of them all.

A question asked once per mention ("the first dose after this drug", "the next other drug") answered by a scan
of the whole sentence costs (mentions) x (sentence length): one long sentence of repeated doses or values took
quadratic time. Each answer here is the one the scan gave, in the list's order, for lists sorted by start (the
reader's mentions are, `pipeline.read`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from typing import Generic, Protocol, TypeVar


class Spanned(Protocol):
    start: int
    end: int


T = TypeVar("T", bound=Spanned)


class ByStart(Generic[T]):
    """Items sorted by start (ties in list order), with their starts and the longest item's length."""

    __slots__ = ("items", "starts", "maxlen", "memo", "_runs")

    def __init__(self, items: Sequence[T]) -> None:
        self.items = items
        self.starts = [m.start for m in items]
        self.maxlen = max((m.end - m.start for m in items), default=0)
        self._runs: list[int] | None = None
        self.memo: dict = {}  # what a caller derives once from the items

    def first_from(self, pos: int) -> T | None:
        """The first item starting at or after `pos`."""
        i = bisect_left(self.starts, pos)
        return self.items[i] if i < len(self.items) else None

    def at(self, pos: int) -> T | None:
        """The first item starting at `pos`."""
        i = bisect_left(self.starts, pos)
        return self.items[i] if i < len(self.items) and self.starts[i] == pos else None

    def after(self, i: int) -> Iterator[T]:
        """The items from index `i` on, one by one (not a copy of the rest, nor a walk from the first)."""
        items = self.items
        return (items[k] for k in range(i, len(items)))

    def window(self, lo: int, hi: int) -> Sequence[T]:
        """The items starting in [lo, hi), in order."""
        return self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def ending_in(self, lo: int, hi: int) -> list[T]:
        """The items ending in [lo, hi], in order (an item starts at most `maxlen` before its end)."""
        return [m for m in self.window(lo - self.maxlen, hi + 1) if lo <= m.end <= hi]

    def within(self, lo: int, hi: int) -> list[T]:
        """The items lying wholly in [lo, hi], in order."""
        return [m for m in self.window(lo, hi + 1) if m.end <= hi]

    def next_start(self, pos: int, default: int) -> int:
        """The first start after `pos` (`default` when none)."""
        i = bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default

    def next_other(self, m: Spanned, default: int) -> int:
        """The first start after the end of `m` of an item of another `norm` (`default` when none)."""
        i = bisect_right(self.starts, m.end)
        if i < len(self.items) and self.items[i].norm == m.norm:  # type: ignore[attr-defined]
            i = self._run_end()[i]
        return self.starts[i] if i < len(self.starts) else default

    def _run_end(self) -> list[int]:
        """For each item, the index of the first later item of another norm (a run of one name skipped at once)."""
        if self._runs is None:
            n = len(self.items)
            runs = [n] * n
            for i in range(n - 2, -1, -1):
                same = self.items[i + 1].norm == self.items[i].norm  # type: ignore[attr-defined]
                runs[i] = runs[i + 1] if same else i + 1
            self._runs = runs
        return self._runs


def span_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span of sorted, disjoint spans (a sentence's clauses) holding `pos`, None when none does."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return spans[i] if i >= 0 and spans[i][0] <= pos < spans[i][1] else None


class Forward:
    """The leftmost match of one pattern at or after a position, up to one fixed end, for positions asked in
    (mostly) growing order: a match found from an earlier position is still the answer while it starts at or after
    the later one (a match at a place does not depend on where the search began), so the text is read about once.
    """

    __slots__ = ("pattern", "text", "endpos", "_pos", "_match")

    def __init__(self, pattern: re.Pattern, text: str, endpos: int) -> None:
        self.pattern, self.text, self.endpos = pattern, text, endpos
        self._pos: int | None = None
        self._match: re.Match | None = None

    def search(self, pos: int) -> re.Match | None:
        """`pattern.search(text, pos, endpos)`."""
        if self._pos is None or pos < self._pos or (self._match is not None and self._match.start() < pos):
            self._pos, self._match = pos, self.pattern.search(self.text, pos, self.endpos)
        return self._match



class ByType:
    """The mentions of one reading by type, each list in the reading's order, sorted out in one pass. The assembly
    asks about a few types at a time (the ages, the dates, the diagnoses) in a dozen places: a scan of every mention
    for each of them took about a tenth of the assembly's instructions."""

    __slots__ = ("mentions", "_at")

    def __init__(self, mentions: Sequence[T]) -> None:
        self.mentions = mentions
        at: dict[str, list[int]] = {}
        for i, m in enumerate(mentions):
            at.setdefault(m.type, []).append(i)  # type: ignore[attr-defined]
        self._at = at

    def of(self, *types: str) -> list:
        """The mentions of these types, in the reading's order."""
        if len(types) == 1:
            return [self.mentions[i] for i in self._at.get(types[0], ())]
        return [self.mentions[i] for i in sorted(i for t in types for i in self._at.get(t, ()))]
