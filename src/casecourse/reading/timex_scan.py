"""Where to look: trigger words found in one Aho-Corasick pass (plus two digit regexes), and the word
starts just before each trigger at which the detailed grammar is tried with `Pattern.match`.

Scanning every detailed pattern over the whole text with `finditer` cost ~40 ms per 1,600-word
report (Python's `re` tries each optional prefix at every position); matching only at the few
word starts near a trigger gives the same candidates for a fraction of that.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache
from itertools import compress
from operator import itemgetter

import ahocorasick

from casecourse.reading import dict_scan
from casecourse.reading.rx_first import deferred_twin, first_chars, lower_text
from casecourse.reading.timex_lexicon import (
    DAY_COUNT_ABBREVIATIONS,
    LIFE_DAY_ABBREVIATIONS,
    MILITARY_SUFFIXES,
    MONTHS,
    SEASONS,
    UNITS,
)

#: family -> how many words before the trigger a match may start
BACK = {"cal": 4, "amt": 6, "day": 3, "vague": 4, "age": 4, "cyc": 4, "dct": 1, "pp": 0, "freq": 5}
_WEEKDAYS = [f"{d}{end}" for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
             for end in ("", "s")] + ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
_FREQ = [
    "daily",
    "nightly",
    "weekly",
    "fortnightly",
    "monthly",
    "yearly",
    "annually",
    "annual",
    "biannual",
    "biannually",
    "biweekly",
    "bimonthly",
    "hourly",
    "quarterly",
    "times",
    "every",
    "each",
    "per",
    "alternate",
    "once",
    "twice",
    "thrice",
    "qd",
    "q.d",
    "bid",
    "b.i.d",
    "tid",
    "t.i.d",
    "qid",
    "q.i.d",
    "qod",
    "q.o.d",
    "qhs",
    "q.h.s",
    "basis",
    "night",
    "bedtime",
]
_VAGUE = [
    "after",
    "afterwards",
    "afterward",
    "following",
    "thereafter",
    "before",
    "prior",
    "recently",
    "night",
    "evening",
    "morning",
    "time",
    "meanwhile",
    "meantime",
    "later",
    "ago",
    "earlier",
    "previously",
]
_CYC = [
    "cycle",
    "cycles",
    "course",
    "courses",
    "session",
    "sessions",
    "dose",
    "doses",
    "infusion",
    "infusions",
    "round",
    "rounds",
]
_CALENDAR_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years"}
# every alternative begins with a digit or q: the lookahead lets `re` skip other positions at once
_DIGIT_TRIGGERS = re.compile(
    r"(?=[\dqQ])(?:(?:1[89]|20)\d\d|\d[/.]\d|\d\s?-?\s?(?:d|h|y|mo|hrs?|yrs?|mins?)\b|"
    r"\d0['’]?s\b|q\.?\s?\d|\d:\d\d|\d\s?[ap]\.?m\b)",
    re.I,
)
# the same scan for lower-cased text (`rx_first.lower_text`), case-sensitive and beginning with a real character class:
# `re` then skips in C to the next digit or q instead of trying the whole pattern at every position
_DIGIT_TRIGGERS_LOW = re.compile(
    r"[\dq](?:(?<=1)[89]\d\d|(?<=2)0\d\d|(?<=\d)[/.]\d|(?<=\d)\s?-?\s?(?:d|h|y|mo|hrs?|yrs?|mins?)\b|"
    r"(?<=\d)0['’]?s\b|(?<=q)\.?\s?\d|(?<=\d):\d\d|(?<=\d)\s?[ap]\.?m\b)"
)
_WORD_START = re.compile(r"\b\w")


@cache
def _automaton() -> ahocorasick.Automaton:
    words: dict[str, set[str]] = {}

    def add(word: str, *families: str) -> None:
        words.setdefault(word.lower(), set()).update(families)

    for m in MONTHS:
        add(m, "cal")
    for s in SEASONS:
        add(s, "cal")
    for u in UNITS:
        if len(u) > 2:
            add(u, "amt", "freq")
    for u in _CALENDAR_UNITS:
        add(u, "day", "vague", "dct", "cal")
    for u in MILITARY_SUFFIXES:  # "at 1530 hours": a four-digit clock time ("0400 h" has its digit trigger)
        if len(u) > 1:
            add(u, "cal")
    add("pod", "day", "glued")
    for abbr in (*DAY_COUNT_ABBREVIATIONS, *LIFE_DAY_ABBREVIATIONS):  # "HD 14", "DOL 29"
        add(abbr, "day", "glued")
    for w in _FREQ:
        add(w, "freq")
    for w in _WEEKDAYS:  # "on Mondays, Wednesdays and Fridays": a dose's days of the week
        add(w, "freq")
    for w in _VAGUE:
        add(w, "vague")
    for w in ("age", "aged", "ages", "old", "teens"):
        add(w, "age", "amt")
    for w in _CYC:
        add(w, "cyc")
    add("postop", "pp")
    a = ahocorasick.Automaton()
    for w, fams in words.items():
        a.add_word(w, (len(w), frozenset(fams)))
    for p in ("pre", "post", "intra", "peri"):
        if p not in words:
            a.add_word(p, (len(p), frozenset({"pp", "prefix"})))
    a.make_automaton()
    return a


@cache
def _plan(fams: frozenset) -> tuple[int, tuple[tuple[str, int], ...]]:
    """How many words back to look for a trigger of these families, and (family, starts kept) pairs."""
    back = max(BACK.get(f, 0) for f in fams if f in BACK) if fams - {"prefix"} else 0
    return back, tuple((f, BACK[f] + 1) for f in fams if f in BACK)


def starts_by_family(text: str) -> dict[str, list[int]]:
    """Sorted candidate start offsets for each rule family."""
    exact = lower_text(text)
    low = text.lower() if exact is None else exact
    n = len(text)
    trig: list[tuple[int, frozenset]] = []
    for end, (length, fams) in dict_scan.hits(_automaton(), low):
        start = end - length + 1
        if start > 0 and low[start - 1].isalnum():
            continue
        if "prefix" not in fams and end + 1 < n and low[end + 1].isalnum() \
                and not (low[end + 1].isdigit() and "glued" in fams):  # "POD58", "DOL3": the count written on
            continue
        trig.append((start, fams))
    every = frozenset(BACK) - {"pp"}
    for m in _DIGIT_TRIGGERS.finditer(text) if exact is None else _DIGIT_TRIGGERS_LOW.finditer(exact):
        trig.append((m.start(), every))
    if not trig:
        return {f: [] for f in BACK}
    # each trigger looks back over the word starts in a window of characters [lo, pos]; the windows overlap
    # (triggers cluster), so their union is scanned once (`\b` reads the character before a scan's start, so
    # a word start found in the union is one of every window holding it) and each window is a slice of it
    wins = [(max(0, pos - 12 * back - 2), pos, keep) for pos, fams in trig for back, keep in (_plan(fams),)]
    ws: list[int] = []
    word_start = _WORD_START.finditer
    spans = sorted((lo, pos) for lo, pos, _ in wins)
    cur_lo, cur_hi = spans[0]
    for lo, hi in spans:
        if lo > cur_hi + 1:
            ws += [m.start() for m in word_start(text, cur_lo, cur_hi + 1)]
            cur_lo, cur_hi = lo, hi
        elif hi > cur_hi:
            cur_hi = hi
    ws += [m.start() for m in word_start(text, cur_lo, cur_hi + 1)]
    marks = {f: bytearray(len(ws)) for f in BACK}  # the word starts kept for each family
    for lo, pos, keep in wins:
        i, j = bisect_right(ws, pos), bisect_left(ws, lo)
        for f, k in keep:  # the last k word starts of the window
            a = max(j, i - k)
            marks[f][a:i] = _ONES[:i - a]
    return {f: list(compress(ws, m)) for f, m in marks.items()}


_ONES = b"\x01" * (max(BACK.values()) + 1)


#: positions a case-insensitive pattern is tried at before its twin over the lower-cased text
#: (`rx_first.lowered`: same matches, about twice as fast) is compiled: a process reading one document does
#: not pay the milliseconds of compiling the twins, one reading many does after a few documents
TWIN_AFTER = 2000


# id(pattern) -> (pattern, the bytes `may_start` translates the characters at the starts by: b"\x01" for each ASCII
# character that may begin a match, `rx_first.first_chars`; None: any may). Hashing a compiled pattern for
# `first_chars`' own cache hashes its whole code; the entry holds the pattern, so its id cannot be reused
_FIRST: dict[int, tuple[re.Pattern, bytes | None]] = {}
# the last document, and per starts list given for it (by id; the entry holds the list): the characters at the starts
_AT: list = [None, {}]


def _first_table(rx: re.Pattern) -> bytes | None:
    """`rx_first.first_chars(rx)` as a `bytes.translate` table: 1 where an ASCII character may begin a match, and
    at "?", the stand-in of every non-ASCII character (`_chars_at`), which may always begin one (as in
    `rx_first.may_start`; a "?" itself is then tried too: a superset of the starts, the same matches)."""
    entry = _FIRST.get(id(rx))
    if entry is None or entry[0] is not rx:
        first = first_chars(rx)
        table = None if first is None else bytes(chr(b) in first or chr(b) == "?" for b in range(256))
        entry = _FIRST[id(rx)] = (rx, table)
    return entry[1]


def _chars_at(text: str, starts: list[int]) -> bytes:
    """The characters of `text` at `starts` as ASCII bytes, each non-ASCII one as "?", computed once per document and
    starts list: every pattern of a family is tried at the family's starts."""
    if _AT[0] is not text:
        _AT[0], _AT[1] = text, {}
    got = _AT[1].get(id(starts))
    if got is None or got[0] is not starts:
        chars = itemgetter(*starts)(text) if len(starts) > 1 else (text[starts[0]],)
        got = _AT[1][id(starts)] = (starts, "".join(chars).encode("ascii", "replace"))
    return got[1]


def may_start(rx: re.Pattern, text: str, starts: list[int]) -> list[int]:
    """`rx_first.may_start(rx, text, starts)` (the starts whose character may begin a match, and those at a "?"),
    its filter run in C: one `bytes.translate` of the characters at the starts by the pattern's table (~40 patterns
    are tried at one family's starts); `starts` is not changed once made (its characters are kept per document)."""
    table = _first_table(rx)
    if table is None or not starts:
        return starts
    return list(compress(starts, _chars_at(text, starts).translate(table)))


def matches(rx: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """`rx.match` at each start; a match is reported once even if several starts find it."""
    if not starts:  # most short texts (table cells) trigger no family at all
        return
    seen: set[tuple[int, int]] = set()
    starts = may_start(rx, text, starts)
    twin = deferred_twin(rx, len(starts), TWIN_AFTER)
    low = lower_text(text) if twin is not None else None
    if low is not None:  # the twin says where `rx` matches; `rx` itself gives the match (its groups read the text)
        tried = twin.match  # type: ignore[union-attr]
        starts = [s for s in starts if tried(low, s)]
    match = rx.match
    for s in starts:
        m = match(text, s)
        if m and (span := m.span()) not in seen:
            seen.add(span)
            yield m
