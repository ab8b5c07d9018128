"""The characters a compiled regex's match can begin with, read from its parse tree.

Used to skip `Pattern.match` calls at positions whose character cannot begin a match: the set is
a superset (letters in both cases, lookarounds and anchors ignored, any non-ASCII character
always tried), so filtering by it never changes the matches, only saves the calls.
"""
from __future__ import annotations

import re
import string
from functools import cache
from re import _constants as C  # noqa: N812 - the sre opcode names
from re import _parser

_ALL = None  # "any character may begin a match"
_DIGITS = frozenset(string.digits)
_SPACE = frozenset(" \t\n\r\f\v")
_WORDISH = frozenset(string.ascii_letters + string.digits + "_")


def _both_cases(chars: set[str]) -> set[str]:
    return chars | {c.lower() for c in chars} | {c.upper() for c in chars}


def _in_set(items: list) -> frozenset[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE:
            lo, hi = av
            if hi - lo > 512:
                return _ALL
            out.update(chr(c) for c in range(lo, hi + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            out |= _DIGITS
        elif op is C.CATEGORY and av is C.CATEGORY_SPACE:
            out |= _SPACE
        elif op is C.CATEGORY and av is C.CATEGORY_WORD:
            out |= _WORDISH
        else:  # NEGATE, NOT_ categories, anything unusual
            return _ALL
    return frozenset(out)


def _seq(items: list) -> tuple[frozenset[str] | None, bool]:
    """(first characters, nullable) of a sequence of parse items."""
    out: set[str] = set()
    for item in items:
        first, nullable = _item(item)
        if first is _ALL:
            return _ALL, False
        out |= first
        if not nullable:
            return frozenset(out), False
    return frozenset(out), True


def _item(item: tuple) -> tuple[frozenset[str] | None, bool]:
    op, av = item
    if op is C.LITERAL:
        return frozenset({chr(av)}), False
    if op is C.IN:
        return _in_set(av), False
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return frozenset(), True  # zero-width: constrains, consumes nothing
    if op is C.SUBPATTERN:
        return _seq(av[-1])
    if op is C.ATOMIC_GROUP:
        return _seq(av)
    if op is C.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            first, null = _seq(alt)
            if first is _ALL:
                return _ALL, False
            out |= first
            nullable = nullable or null
        return frozenset(out), nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        first, null = _seq(sub)
        return first, null or lo == 0
    return _ALL, False  # ANY, NOT_LITERAL, group references, conditionals ...


@cache
def first_chars(rx: re.Pattern) -> frozenset[str] | None:
    """Characters (ASCII, both cases) a match of `rx` may start with; None when any may, or the
    pattern may match the empty string. A non-ASCII character must always be tried."""
    first, nullable = _seq(list(_parser.parse(rx.pattern, rx.flags)))
    if first is _ALL or nullable:
        return None
    chars = _both_cases(set(first))
    if any(c >= "\x80" for c in chars):
        chars |= set(string.ascii_letters)  # case folding may map a sign to a letter (KELVIN SIGN ~ k)
    return frozenset(chars)


def may_start(rx: re.Pattern, text: str, starts: list[int]) -> list[int]:
    """The positions of `starts` where a match of `rx` may begin (a superset, in order)."""
    first = first_chars(rx)
    if first is None:
        return starts
    return [s for s in starts if text[s] in first or text[s] >= "\x80"]
