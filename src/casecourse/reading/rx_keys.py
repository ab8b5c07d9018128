"""Regex scans run only where a keyword of the pattern occurs (same matches as `finditer`).

A `finditer` scan tries its pattern at every position of a document; `str.find` passes it in C at
memory speed. For a pattern each of whose matches holds one of a few literal words ("disease",
"syndrome", a diagnosis cue), the literal's occurrences are found first and the pattern is tried
only there:

- `starting_with`: every match begins with a literal; the pattern is matched at each occurrence
  in turn, skipping those inside the last match (what `finditer` does);
- `at_run_starts`: every match begins where a run of characters (e.g. a word) begins, and the run
  holds a literal; the pattern is matched once at the start of each such run;
- `in_runs`: every match lies inside one run of characters (e.g. no punctuation) holding a
  literal, and the characters around a run leave the pattern's lookarounds undecided by the run's
  ends; the pattern scans each such run alone.

The caller states the premise; each helper then gives exactly `rx.finditer(text)`'s matches. A module
that scans one document for several literal sets in turn may pass a `KeySet` of them all: their
occurrences then come from one Aho-Corasick pass over the document, not a `str.find` pass per literal.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick

from casecourse.reading.rx_first import deferred_twin, lower_text

_LAST_REV: tuple[str | None, str] = (None, "")
#: a text shorter than this (a table cell, a phrase) is scanned by the pattern itself: finding keywords first
#: costs more than it spares there
SHORT = 256


def reversed_text(text: str) -> str:
    """`text[::-1]`, kept for the last text (the scans of one document share it)."""
    global _LAST_REV
    last = _LAST_REV
    if last[0] is not text:
        last = _LAST_REV = (text, text[::-1])
    return last[1]


def occurrences(text: str, literals: Iterable[str]) -> list[int]:
    """Sorted start positions of every occurrence of each literal (overlapping ones too)."""
    out: set[int] = set()
    for lit in literals:
        find = text.find
        p = find(lit)
        while p >= 0:
            out.add(p)
            p = find(lit, p + 1)
    return sorted(out)


class KeySet:
    """Where each of a fixed set of lower-case literals occurs in a document, from one pass of a
    pyahocorasick automaton over its lower-cased text (`rx_first.lower_text`), kept for the last document.
    Forty literals cost forty `str.find` passes over a document; this is one automaton pass (about as dear
    as twenty of them) and one Python step per occurrence."""

    def __init__(self, literals: Iterable[str]) -> None:
        lits = sorted({lit for lit in literals if lit and lit == lit.lower()})
        self.literals = frozenset(lits)
        self._auto = ahocorasick.Automaton()
        for lit in lits:
            self._auto.add_word(lit, (lit, len(lit) - 1))
        self._auto.make_automaton()
        self._last: tuple[str | None, dict[str, list[int]] | None] = (None, None)

    def _found(self, text: str) -> dict[str, list[int]] | None:
        last = self._last
        if last[0] is not text:
            low = lower_text(text)
            found: dict[str, list[int]] | None = None
            if low is not None and self.literals:
                found = {}
                for end, (lit, back) in self._auto.iter(low):
                    if lit in found:
                        found[lit].append(end - back)
                    else:
                        found[lit] = [end - back]
            last = self._last = (text, found)
        return last[1]

    def occurrences(self, text: str, literals: Iterable[str], lower: bool = False) -> list[int] | None:
        """`occurrences(lower_text(text) if lower else text, literals)`, or None when a literal is not in the
        set or the text has no exact lower case. A literal's places in the lower-cased text are its places in
        `text` where `text` itself holds it (a lower-case literal lower-cases to itself)."""
        lits = tuple(literals)
        if not self.literals.issuperset(lits):
            return None
        found = self._found(text)
        if found is None:
            return None
        out: set[int] = set()
        for lit in lits:
            at = found.get(lit)
            if at:
                out.update(at if lower else [p for p in at if text.startswith(lit, p)])
        return sorted(out)


def _places(text: str, hay: str, literals: Iterable[str], lower: bool, keys: KeySet | None) -> list[int]:
    """`occurrences(hay, literals)`, from `keys` when it holds them."""
    found = keys.occurrences(text, literals, lower) if keys is not None else None
    return occurrences(hay, literals) if found is None else found


def _haystack(text: str, lower: bool) -> str | None:
    return lower_text(text) if lower else text


def starting_with(rx: re.Pattern[str], text: str, literals: Iterable[str], lower: bool = False, pos: int = 0,
                  keys: KeySet | None = None) -> Iterator[re.Match[str]]:
    """`rx.finditer(text, pos)` for a pattern whose every match begins with one of `literals` (non-empty).
    With `lower`, the literals are lower case and found in the lower-cased text (for a case-insensitive
    pattern: a superset of the places it may match). A pattern that begins with a word boundary
    (r"\bHLH\b") has no literal prefix for `re` to skip to: its own scan tries every position."""
    hay = _haystack(text, lower) if len(text) >= SHORT else None
    if hay is None:
        yield from rx.finditer(text, pos)
        return
    done = pos
    match = rx.match
    for p in _places(text, hay, literals, lower, keys):
        if p < done:
            continue
        m = match(text, p)
        if m is not None:
            done = m.end()
            yield m


def at_run_starts(rx: re.Pattern[str], text: str, literals: Iterable[str], back: re.Pattern[str],
                  keys: KeySet | None = None) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)` for a pattern whose every match begins where a run of `back`'s characters
    begins (`back` is such a class, starred: r"\\w*") and holds an occurrence of a literal, one match per
    run at most (e.g. a whole word)."""
    rev = reversed_text(text)
    n = len(text)
    done = -1
    for p in _places(text, text, literals, False, keys):
        a = n - back.match(rev, n - p).end()  # the match's end in `rev` is the run's start
        if a <= done:
            continue
        done = a
        m = rx.match(text, a)
        if m is not None:
            yield m


def in_runs(rx: re.Pattern[str], text: str, literals: Iterable[str], run: re.Pattern[str],
            keys: KeySet | None = None) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)` for a pattern whose every match lies inside one maximal run of `run`'s characters
    (a class, starred) that holds an occurrence of a literal, where the character after a run (outside the
    class) decides the pattern's end assertions as the run's end does."""
    rev = reversed_text(text)
    n = len(text)
    done = -1
    for p in _places(text, text, literals, False, keys):
        if p < done:
            continue
        a = n - run.match(rev, n - p).end()
        done = run.match(text, p).end()
        yield from rx.finditer(text, a, done)


def near(rx: re.Pattern[str], text: str, literals: Iterable[str], lo: int, hi: int) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)` for a pattern whose every match begins `lo` to `hi` characters (inclusive) before an
    occurrence of a literal ("120/80": the "/" two or three digits, perhaps a space, after the start)."""
    if len(text) < SHORT:
        yield from rx.finditer(text)
        return
    starts: set[int] = set()
    for p in occurrences(text, literals):
        starts.update(range(max(0, p - hi), max(0, p - lo + 1)))
    done = 0
    match = rx.match
    for s in sorted(starts):
        if s < done:
            continue
        m = match(text, s)
        if m is not None:
            done = m.end()
            yield m


def may_hold(low: str | None, lo: int, hi: int, literals: Iterable[str]) -> bool:
    """False only when the lower-cased text (`rx_first.lower_text`; None: unknown) holds none of the
    lower-case `literals` within [lo, hi): a case-insensitive pattern every match of which holds one cannot
    match there. Cheaper than the search it spares, which tries the pattern at each position."""
    if low is None:
        return True
    find = low.find
    return any(find(lit, lo, hi) >= 0 for lit in literals)


#: searches a case-insensitive pattern runs before `search_lowered` compiles its twin
TWIN_AFTER_SEARCHES = 200


def search_lowered(rx: re.Pattern[str], s: str, low: str | None, pos: int = 0,
                   endpos: int | None = None) -> re.Match[str] | None:
    """`rx.search(s, pos, endpos)`, run by its `rx_first.lowered` twin over `low` (= lower_text of `s`, or None) once
    `rx` has been searched TWIN_AFTER_SEARCHES times: the twin finds the same leftmost start, where `rx` itself is
    then matched (its own match object, groups as written)."""
    end = len(s) if endpos is None else endpos
    twin = deferred_twin(rx, 1, TWIN_AFTER_SEARCHES)
    if twin is None or low is None:
        return rx.search(s, pos, end)
    t = twin.search(low, pos, end)
    if t is None:
        return None
    m = rx.match(s, t.start(), end)
    if m is None or m.end() != t.end():  # cannot happen (`lowered` is exact); the plain search decides then
        return rx.search(s, pos, end)
    return m


def match_lowered(rx: re.Pattern[str], s: str, low: str | None, pos: int = 0,
                  endpos: int | None = None) -> re.Match[str] | None:
    """`rx.match(s, pos, endpos)`, tried first by its `rx_first.lowered` twin over `low` (as `search_lowered`): where
    the twin fails `rx` does too, and that case-sensitive try is the cheaper one (most tries fail)."""
    end = len(s) if endpos is None else endpos
    twin = deferred_twin(rx, 1, TWIN_AFTER_SEARCHES)
    if twin is not None and low is not None and twin.match(low, pos, end) is None:
        return None
    return rx.match(s, pos, end)


__all__ = ["KeySet", "at_run_starts", "in_runs", "match_lowered", "may_hold", "near", "occurrences", "reversed_text",
           "search_lowered", "starting_with"]
