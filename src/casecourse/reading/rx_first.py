"""The characters a compiled regex's match can begin with, read from its parse tree.

Two uses, neither of which can change what a pattern matches:
- `may_start` skips `Pattern.match` calls at positions whose character cannot begin a match (a
  superset: letters in both cases, lookarounds and anchors ignored, a non-ASCII character always
  tried);
- `anchored` prefixes a pattern with a lookahead of its first-character class, which lets `re`
  pass the other positions of a `finditer` scan at once (measured 30-70% faster scans of big
  alternations; the lookahead holds exactly the pattern's own first items, under its own flags).
"""
from __future__ import annotations

import re
import string
from collections.abc import Iterator
from functools import cache
from re import _constants as C  # noqa: N812 - the sre opcode names
from re import _parser

from casecourse.reading import rx_store

Atom = tuple  # ("lit", char) | ("range", lo, hi) | ("cat", "d" | "s" | "w")
_ALL = None  # "any character may begin a match"
_CATS = {C.CATEGORY_DIGIT: "d", C.CATEGORY_SPACE: "s", C.CATEGORY_WORD: "w"}
_CAT_CHARS = {"d": string.digits, "s": " \t\n\r\f\v", "w": string.ascii_letters + string.digits + "_"}


def _in_set(items: list) -> frozenset[Atom] | None:
    out: set[Atom] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(("lit", chr(av)))
        elif op is C.RANGE:
            out.add(("range", chr(av[0]), chr(av[1])))
        elif op is C.CATEGORY and av in _CATS:
            out.add(("cat", _CATS[av]))
        else:  # NEGATE, NOT_ categories, anything unusual
            return _ALL
    return frozenset(out)


def _seq(items: list) -> tuple[frozenset[Atom] | None, bool]:
    """(first atoms, nullable) of a sequence of parse items."""
    out: set[Atom] = set()
    for item in items:
        first, nullable = _item(item)
        if first is _ALL:
            return _ALL, False
        out |= first
        if not nullable:
            return frozenset(out), False
    return frozenset(out), True


def _item(item: tuple) -> tuple[frozenset[Atom] | None, bool]:
    op, av = item
    if op is C.LITERAL:
        return frozenset({("lit", chr(av))}), False
    if op is C.IN:
        return _in_set(av), False
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return frozenset(), True  # zero-width: constrains, consumes nothing
    if op is C.SUBPATTERN:
        if av[1] or av[2]:
            return _ALL, False  # local flags ("(?i:...)"): keep it simple
        return _seq(av[-1])
    if op is C.ATOMIC_GROUP:
        return _seq(av)
    if op is C.BRANCH:
        out: set[Atom] = set()
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
def _first_atoms(pattern: str, flags: int) -> frozenset[Atom] | None:
    first, nullable = _seq(list(_parser.parse(pattern, flags)))
    return _ALL if first is _ALL or nullable else first


@cache
def first_chars(rx: re.Pattern) -> frozenset[str] | None:
    """ASCII characters (both cases) a match of `rx` may start with; None when any may, or the
    pattern may match the empty string. A non-ASCII character must always be tried."""
    atoms = _first_atoms(rx.pattern, rx.flags)
    if atoms is _ALL:
        return None
    chars: set[str] = set()
    for atom in atoms:
        if atom[0] == "lit":
            chars.add(atom[1])
        elif atom[0] == "range":
            if ord(atom[2]) - ord(atom[1]) > 512:
                return None
            chars.update(chr(c) for c in range(ord(atom[1]), ord(atom[2]) + 1))
        else:
            chars.update(_CAT_CHARS[atom[1]])
    chars |= {c.lower() for c in chars} | {c.upper() for c in chars}
    if any(c >= "\x80" for c in chars):
        chars |= set(string.ascii_letters)  # case folding may map a sign to a letter (KELVIN SIGN ~ k)
    return frozenset(chars)


# id(pattern) -> (pattern, first_chars): hashing a compiled pattern hashes its whole code, so `first_chars`'
# own cache costs microseconds per call; the entry holds the pattern, so its id cannot be reused
_BY_ID: dict[int, tuple[re.Pattern, frozenset[str] | None]] = {}


def may_start(rx: re.Pattern, text: str, starts: list[int]) -> list[int]:
    """The positions of `starts` where a match of `rx` may begin (a superset, in order)."""
    entry = _BY_ID.get(id(rx))
    if entry is None or entry[0] is not rx:
        entry = _BY_ID[id(rx)] = (rx, first_chars(rx))
    first = entry[1]
    if first is None:
        return starts
    return [s for s in starts if text[s] in first or text[s] >= "\x80"]


def _class_item(atom: Atom) -> str:
    if atom[0] == "lit":
        return re.escape(atom[1])
    if atom[0] == "range":
        return re.escape(atom[1]) + "-" + re.escape(atom[2])
    return "\\" + atom[1]


_MAX_DEPTH = 60


def _positions(seq: list, k: int, depth: int = 0) -> list[set[Atom]] | None:
    """The atoms each of the first `k` characters of a match of `seq` may be; None when a match may be
    shorter than `k` or a construct is not understood."""
    if k == 0:
        return []
    if not seq or depth > _MAX_DEPTH:
        return None
    (op, av), rest = seq[0], seq[1:]
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return _positions(rest, k, depth)
    if op is C.LITERAL or op is C.IN:
        first = {("lit", chr(av))} if op is C.LITERAL else _in_set(av)
        tail = _positions(rest, k - 1, depth)
        return None if first is _ALL or tail is None else [set(first), *tail]
    if op is C.SUBPATTERN:
        return None if av[1] or av[2] else _positions([*av[-1], *rest], k, depth + 1)
    if op is C.ATOMIC_GROUP:
        return _positions([*av, *rest], k, depth + 1)
    if op is C.BRANCH:
        options = [[*alt, *rest] for alt in av[1]]
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        options = [rest] if lo == 0 else []
        if hi != 0:
            again = (op, (max(lo - 1, 0), hi if hi is C.MAXREPEAT else hi - 1, sub))
            options.append([*sub, again, *rest])
    else:
        return None  # ANY, NOT_LITERAL, group references, conditionals ...
    out: list[set[Atom]] = [set() for _ in range(k)]
    for option in options:
        got = _positions(option, k, depth + 1)
        if got is None:
            return None
        for have, new in zip(out, got, strict=True):
            have |= new
    return out


def anchored(pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern` compiled behind a lookahead of the classes of its first two characters, or of its
    first character when a match may be one character long (same matches)."""
    flags = int(flags)
    return rx_store.compile(rx_store.derived("anchored", (pattern, flags), lambda: _anchored_source(pattern, flags)),
                            flags)


def _anchored_source(pattern: str, flags: int) -> str:
    """The source `anchored` compiles."""
    try:
        two = _positions(list(_parser.parse(pattern, flags)), 2)
    except RecursionError:
        two = None
    if two is not None:
        head = "".join("[" + "".join(sorted(_class_item(a) for a in atoms)) + "]" for atoms in two)
    else:
        atoms = _first_atoms(pattern, flags)
        if atoms is _ALL:
            return pattern
        head = "[" + "".join(sorted(_class_item(a) for a in atoms)) + "]"
    try:
        rx_store.compile(f"(?={head})(?:{pattern})", flags)
    except re.error:  # e.g. global inline flags, which must stay at the start
        return pattern
    return f"(?={head})(?:{pattern})"


# `lowered`: a case-insensitive pattern as a case-sensitive one over the lower-cased text
_AT = {C.AT_BEGINNING: "^", C.AT_BEGINNING_STRING: r"\A", C.AT_END: "$", C.AT_END_STRING: r"\Z",
       C.AT_BOUNDARY: r"\b", C.AT_NON_BOUNDARY: r"\B"}
_CAT = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
        C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}

class _Cased(Exception):
    """A construct `lowered` does not rewrite (the pattern is then kept as it is)."""


def _low(c: str) -> str:
    """`c` in the lower-cased pattern; raises for a cased non-ASCII character (its re.IGNORECASE
    partners are not all its lower case)."""
    if c.isascii():
        return c.lower()
    if c.lower() != c or c.upper() != c:
        raise _Cased(c)
    return c


def _set(items: list) -> str:
    out: list[str] = []
    negate = False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            out.append(re.escape(_low(chr(av))))
        elif op is C.RANGE:
            lo, hi = av
            if hi - lo > 4096:
                raise _Cased("range")
            low = {_low(chr(c)) for c in range(lo, hi + 1)}
            out.append(re.escape(chr(lo)) + "-" + re.escape(chr(hi)))
            out.extend(re.escape(c) for c in sorted(low) if not lo <= ord(c) <= hi)
        elif op is C.CATEGORY and av in _CAT:
            out.append(_CAT[av])
        else:
            raise _Cased(str(op))
    return ("[^" if negate else "[") + "".join(out) + "]"


def _emit(seq: list, names: dict[int, str]) -> str:
    out: list[str] = []
    for op, av in seq:
        if op is C.LITERAL:
            out.append(re.escape(_low(chr(av))))
        elif op is C.NOT_LITERAL:
            out.append("[^" + re.escape(_low(chr(av))) + "]")
        elif op is C.IN:
            out.append(_set(av))
        elif op is C.ANY:
            out.append(".")
        elif op is C.AT and av in _AT:
            out.append(_AT[av])
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(_emit(list(alt), names) for alt in av[1]) + ")")
        elif op is C.SUBPATTERN:
            group, add, drop, sub = av
            if add or drop:
                raise _Cased("inline flags")
            inner = _emit(list(sub), names)
            out.append("(?:" + inner + ")" if group is None else
                       f"(?P<{names[group]}>{inner})" if group in names else "(" + inner + ")")
        elif op is C.ATOMIC_GROUP:
            out.append("(?>" + _emit(list(av), names) + ")")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            count = f"{{{lo},}}" if hi is C.MAXREPEAT else f"{{{lo},{hi}}}"
            suffix = "?" if op is C.MIN_REPEAT else "+" if op is C.POSSESSIVE_REPEAT else ""
            out.append("(?:" + _emit(list(sub), names) + ")" + count + suffix)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            direction, sub = av
            kind = ("=" if op is C.ASSERT else "!") if direction == 1 else ("<=" if op is C.ASSERT else "<!")
            out.append("(?" + kind + _emit(list(sub), names) + ")")
        elif op is C.GROUPREF:  # re.IGNORECASE compares a back reference's lower case: so does this
            out.append(f"(?P={names[av]})" if av in names else f"(?:\\{av})")
        else:  # conditionals and anything unusual: keep the pattern as it is
            raise _Cased(str(op))
    return "".join(out)


_LOWERED: dict[int, tuple[re.Pattern, re.Pattern | None]] = {}


def lowered(rx: re.Pattern) -> re.Pattern | None:
    """A case-insensitive `rx` as a case-sensitive pattern that matches `lower_text(text)` exactly where `rx`
    matches `text` (same spans and groups), or None when `rx` is not case-insensitive or holds a construct
    this does not rewrite. Python's `re` folds every character a case-insensitive literal reads and cannot
    skip an alternative by its first character, so the twin over the lower-cased text runs about twice as fast.
    Under re.IGNORECASE an ASCII letter matches a character whose (simple) lower case is its own, and its case
    twins (which `lower_text` writes as that letter); a non-ASCII cased letter in the pattern is not rewritten."""
    entry = _LOWERED.get(id(rx))
    if entry is not None and entry[0] is rx:
        return entry[1]
    twin = None
    if rx.flags & re.IGNORECASE and isinstance(rx.pattern, str):
        source = rx_store.derived("lowered", (rx.pattern, rx.flags), lambda: _lowered_source(rx))
        twin = rx_store.compile(*source) if source is not None else None
    _LOWERED[id(rx)] = (rx, twin)
    return twin


def _lowered_source(rx: re.Pattern) -> tuple[str, int] | None:
    """The source and flags of `lowered(rx)` (a case-insensitive `rx`), None when there is no twin."""
    names = {i: n for n, i in rx.groupindex.items()}
    try:
        source = (_emit(list(_parser.parse(rx.pattern, rx.flags)), names), rx.flags & ~(re.IGNORECASE | re.VERBOSE))
        twin = rx_store.compile(*source)
    except (_Cased, re.error, RecursionError, KeyError):
        return None
    return source if twin.groups == rx.groups and twin.groupindex == rx.groupindex else None


_LAST: tuple[str | None, str | None] = (None, None)  # the last text asked for and its lower case
_LOWER: tuple[str | None, str] = (None, "")  # the last text given to `lower_of` and its `str.lower()`


def lower_of(text: str) -> str:
    """`text.lower()`, kept for the last text asked: eight components of the reader lower the same document."""
    global _LOWER
    last = _LOWER
    if last[0] is not text:
        last = _LOWER = (text, text.lower())
    return last[1]


# Letters that re.IGNORECASE takes for an ASCII letter although their lower case is another (a Turkish keyboard's
# dotless i, a long s, the Kelvin sign, a dotted capital I): "infusıon" matches "infusion".
_CASE_TWINS = str.maketrans({"ı": "i", "ſ": "s", "\u212a": "K", "İ": "I"})


def fold_case_twins(text: str) -> str:
    """`text` with the letters re.IGNORECASE equates with an ASCII letter written as that letter: same length, so
    offsets still index the input, and a reader that looks a match up by its lower case finds the entry."""
    return text.translate(_CASE_TWINS) if any(c in text for c in "ıſ\u212aİ") else text


def lower_text(text: str) -> str | None:
    """`text` lower-cased character by character (for `lowered` patterns), or None when that is not exact (the
    lower case of 'İ' is two characters). 'ı' and 'ſ' are written as the i and s re.IGNORECASE takes them for
    (`fold_case_twins`; the pipeline reads a folded text already). The last answer is kept: the components of the
    reader ask for the same document in turn."""
    global _LAST
    last = _LAST
    if last[0] is not text:
        low: str | None = lower_of(text)
        low = None if len(low) != len(text) else fold_case_twins(low)  # type: ignore[arg-type]
        last = _LAST = (text, low)
    return last[1]


_DEFERRED: dict[int, list] = {}  # id(rx) -> [rx, work done so far, its twin (None: not yet; False: none)]


def deferred_twin(rx: re.Pattern[str], work: int, after: int) -> re.Pattern[str] | None:
    """`lowered(rx)`, compiled only once `rx` has done more than `after` units of `work` in this process
    (characters scanned, positions tried, searches: each caller counts its own): a process reading one
    document does not pay the milliseconds of compiling a big twin, one reading many does after a few
    documents. None before then, or when `rx` has no twin."""
    use = _DEFERRED.get(id(rx))
    if use is None or use[0] is not rx:
        use = _DEFERRED[id(rx)] = [rx, 0, None]
    if use[2] is None:
        use[1] += work
        if use[1] <= after and not rx_store.EAGER[0] and not rx_store.has("lowered", (rx.pattern, rx.flags)):
            return None  # (a twin derived before, kept on disk, costs no more than its loading)
        use[2] = lowered(rx) or False
    return use[2] or None


#: characters a case-insensitive pattern scans (`finditer`) before its twin is compiled
TWIN_AFTER_CHARS = 40_000


def finditer(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)`, the scan run by its `lowered` twin over the lower-cased text once `rx` has
    scanned TWIN_AFTER_CHARS characters (by the twin's `literal_scan` where there is one: the same spans). Each
    place the twin matches, `rx` itself matches at the same start (the same span: `lowered` is exact), so the
    matches given are `rx`'s own, groups read from the text as written."""
    twin = deferred_twin(rx, len(text), TWIN_AFTER_CHARS)
    low = lower_text(text) if twin is not None else None
    if low is None:
        return matches(rx, text)
    return _twin_scan(rx, _scan_of(twin), text, low)  # type: ignore[arg-type]


def matches(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)`, the places found by its `literal_scan` where it has one (the same spans), each
    match then `rx`'s own at that place (with its groups). The scan is built once `rx` has scanned
    TWIN_AFTER_CHARS characters (as a twin is): a process reading one document does not pay its milliseconds."""
    scan = _SCANS.get(id(rx))
    if scan is None or scan[0] is not rx:
        use = _SCAN_WORK.get(id(rx))
        if use is None or use[0] is not rx:
            use = _SCAN_WORK[id(rx)] = [rx, 0]
        use[1] += len(text)
        if use[1] <= TWIN_AFTER_CHARS and not rx_store.EAGER[0] and not rx_store.has("literal_scan",
                                                                                     (rx.pattern, rx.flags)):
            return rx.finditer(text)
    found = _scan_of(rx)
    return rx.finditer(text) if found[0] is rx and found[1] is None else _twin_scan(rx, found, text, text)


_SCAN_WORK: dict[int, list] = {}  # id(pattern) -> [pattern, characters scanned before its scan is built]


_Scan = tuple[re.Pattern[str], "re.Pattern[str] | None"]  # a pattern with the same spans, its `word_led` candidates
_SCANS: dict[int, tuple[re.Pattern[str], _Scan]] = {}  # id(pattern) -> (pattern, its scan)


def _scan_of(rx: re.Pattern[str]) -> _Scan:
    """The pattern's `literal_scan` (the same spans, faster; the pattern itself when there is none) and that
    scan's `word_led` candidates, built once."""
    entry = _SCANS.get(id(rx))
    if entry is None or entry[0] is not rx:
        scan = literal_scan(rx) or rx
        entry = _SCANS[id(rx)] = (rx, (scan, word_led(scan)))
    return entry[1]


def word_led(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """Where every match of `rx` after the text's first character follows a character that is not a word
    character (its leading assertions say so: a `\\b` before word characters, or a lookbehind that refuses
    `\\w`): `rx` behind one character outside [0-9A-Z_a-z], its match captured in a lookahead (group 1). That
    first character class lets `re` skip the letters and digits in C, so `rx` is tried after spaces and signs
    only (`spans`). None otherwise."""
    if rx.flags & ~(re.UNICODE | re.IGNORECASE) or not isinstance(rx.pattern, str):
        return None
    source = rx_store.derived("word_led", (rx.pattern, rx.flags), lambda: _word_led_source(rx))
    return rx_store.compile(*source) if source is not None else None


def _word_led_source(rx: re.Pattern[str]) -> tuple[str, int] | None:
    """The source and flags of `word_led(rx)`, None when there is none."""
    try:
        items = list(_parser.parse(rx.pattern, rx.flags))
    except (re.error, RecursionError):
        return None
    k = 0
    while k < len(items) and items[k][0] in (C.AT, C.ASSERT, C.ASSERT_NOT):
        k += 1
    prefix, rest = items[:k], items[k:]
    refused = any(op is C.ASSERT_NOT and av[0] == -1 and len(av[1]) == 1 and av[1][0][0] is C.IN and
                  (C.CATEGORY, C.CATEGORY_WORD) in av[1][0][1] and (C.NEGATE, None) not in av[1][0][1]
                  for op, av in prefix)
    if not refused and any(op is C.AT and av is C.AT_BOUNDARY for op, av in prefix):
        first, nullable = _seq(rest)
        refused = first is not _ALL and not nullable and bool(first) and all(
            a[0] == "lit" and re.match(r"\w", a[1]) or a[0] == "cat" and a[1] in ("w", "d") or
            a[0] == "range" and all(re.match(r"\w", chr(c)) for c in range(ord(a[1]), ord(a[2]) + 1)) for a in first)
    if not refused:
        return None
    source = (r"[^0-9A-Z_a-z](?=(" + rx.pattern + "))", rx.flags)
    try:
        rx_store.compile(*source)
    except re.error:
        return None
    return source


def spans(scan: _Scan, text: str) -> Iterator[tuple[int, int]]:
    """The spans of `scan[0].finditer(text)`: by its `word_led` candidates `scan[1]` where it has them (a match
    at the text's start, then each candidate's match unless it begins inside the last one, as `finditer`)."""
    rx, led = scan
    if led is None:
        for m in rx.finditer(text):
            yield m.span()
        return
    last = 0
    m = rx.match(text, 0)
    if m is not None:
        last = m.end()
        yield 0, last
    for c in led.finditer(text):
        s = c.start(1)
        if s >= last:
            last = c.end(1)
            yield s, last


def _twin_scan(rx: re.Pattern[str], twin: _Scan, text: str, low: str) -> Iterator[re.Match[str]]:
    done = 0  # where the plain scan would go on from
    for start, end in spans(twin, low):
        m = rx.match(text, start)
        if m is None or m.end() != end:  # cannot happen (`lowered` is exact); the plain scan decides then
            yield from rx.finditer(text, done)
            return
        done = end
        yield m


# `after_first`: what a pattern matches after a given first character (its derivative), for big alternations
class _Underived(Exception):
    """A construct `after_first` does not rewrite."""


def _plain_set(items: list) -> str:
    out: list[str] = []
    for op, av in items:
        if op is C.NEGATE:
            out.insert(0, "^")
        elif op is C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is C.RANGE:
            out.append(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
        elif op is C.CATEGORY and av in _CAT:
            out.append(_CAT[av])
        else:
            raise _Underived(str(op))
    return "[" + "".join(out) + "]"


def _plain(seq: list, bare: bool = False) -> str:
    """A parse sequence as a pattern again, exactly; `bare`: capturing groups as plain ones (the same matches,
    without their groups), else a capturing group is not rewritten."""
    out: list[str] = []
    for op, av in seq:
        if op is C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is C.NOT_LITERAL:
            out.append("[^" + re.escape(chr(av)) + "]")
        elif op is C.IN:
            out.append(_plain_set(av))
        elif op is C.ANY:
            out.append(".")
        elif op is C.AT and av in _AT:
            out.append(_AT[av])
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(_plain(list(alt), bare) for alt in av[1]) + ")")
        elif op is C.SUBPATTERN and (av[0] is None or bare) and not av[1] and not av[2]:
            out.append("(?:" + _plain(list(av[3]), bare) + ")")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            count = f"{{{lo},}}" if hi is C.MAXREPEAT else f"{{{lo},{hi}}}"
            out.append("(?:" + _plain(list(sub), bare) + ")" + count + ("?" if op is C.MIN_REPEAT else ""))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            direction, sub = av
            kind = ("=" if op is C.ASSERT else "!") if direction == 1 else ("<=" if op is C.ASSERT else "<!")
            out.append("(?" + kind + _plain(list(sub), bare) + ")")
        else:
            raise _Underived(str(op))
    return "".join(out)


def _nullable(seq: list) -> bool:
    """May `seq` match the empty string? (True for anything not understood: the caller then does not rewrite.)"""
    for op, av in seq:
        if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
            return False
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.SUBPATTERN:
            if not _nullable(list(av[-1])):
                return False
        elif op is C.BRANCH:
            if not any(_nullable(list(alt)) for alt in av[1]):
                return False
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            if av[0] > 0 and not _nullable(list(av[2])):
                return False
        else:
            return True
    return True


def _derive(seq: list, c: str, depth: int = 0, bare: bool = False, boundary: bool = False) -> list[list]:
    """The sequences that match what `seq` matches after its first character `c`, in the order `re` tries
    them ([]: no match of `seq` starts with `c`). `bare`: capturing groups read as plain ones; `boundary`:
    the position is known to be a word boundary (a `\\b` before the first character holds, `\\B` does not)."""
    if not seq or depth > _MAX_DEPTH:
        raise _Underived("empty or deep")  # a match without a first character: not rewritten
    (op, av), rest = seq[0], seq[1:]
    if op is C.LITERAL:
        return [rest] if chr(av) == c else []
    if op is C.NOT_LITERAL:
        return [rest] if chr(av) != c else []
    if op is C.IN:
        return [rest] if re.fullmatch(_plain_set(av), c) else []
    if op is C.ANY:
        return [rest] if c != "\n" else []
    if op is C.AT and boundary and av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
        return _derive(rest, c, depth + 1, bare, boundary) if av is C.AT_BOUNDARY else []
    if op is C.SUBPATTERN:
        if (av[0] is not None and not bare) or av[1] or av[2]:
            raise _Underived("group or flags")
        return _derive([*av[3], *rest], c, depth + 1, bare, boundary)
    if op is C.BRANCH:
        return [d for alt in av[1] for d in _derive([*alt, *rest], c, depth + 1, bare, boundary)]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, sub = av
        if hi == 0 or _nullable(list(sub)):
            raise _Underived("repeat of a possibly empty item")
        again = [] if hi == 1 else [(op, (max(lo - 1, 0), hi if hi is C.MAXREPEAT else hi - 1, sub))]
        take = _derive([*sub, *again, *rest], c, depth + 1, bare, boundary)
        if lo > 0:
            return take
        skip = _derive(rest, c, depth + 1, bare, boundary)
        return take + skip if op is C.MAX_REPEAT else skip + take  # greedy: one more first; lazy: one fewer
    raise _Underived(str(op))  # an assertion before the first character, a group reference, ...


@cache
def _parse_plain(pattern: str) -> list | None:
    """The parse items of a pattern without global flags (None with them); read, never changed, by `_derive`."""
    parsed = _parser.parse(pattern)
    return None if parsed.state.flags & ~re.UNICODE else list(parsed)


def after_first(pattern: str, c: str) -> str | None:
    """A pattern that matches, right after a character `c`, exactly what `pattern` matches from that `c`
    on (without it), trying the possibilities in the same order: so `c` + it matches where `pattern`
    matches from a `c` (the same span). "(?!)" when no match of `pattern` starts with `c`; None when
    `pattern` holds a construct this does not rewrite (capturing groups, an assertion or anchor before
    the first character, possessive or atomic parts, inline flags, a repeat of a possibly empty item)."""
    return rx_store.derived("after_first", (pattern, c), lambda: _after_first(pattern, c))


def _after_first(pattern: str, c: str) -> str | None:
    try:
        items = _parse_plain(pattern)
        if items is None:
            return None  # inline global flags
        options = _derive(items, c)
        return "(?:" + "|".join(_plain(o) for o in options) + ")" if options else "(?!)"
    except (_Underived, RecursionError):
        return None


# a category whose characters a pattern may read alike, with one of them to derive by
_CAT_REPRESENTATIVE = {"d": "0", "s": " "}
_CAT_RX = {"d": r"\d", "s": r"\s"}


def literal_scan(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern with `rx`'s matches (the same spans, in a scan the same matches; no groups): one branch per
    character a match may start with, that character followed by what `rx` matches after it (`_derive`), in
    `rx`'s order. `re` passes over branches that begin with another literal at once, so a big alternation
    costs a branch per position instead of a test per alternative. A `\\d` or `\\s` start is one branch when
    every alternative reads all its characters alike. `rx`'s leading assertions stay in front where letters
    begin matches (they turn most positions away faster than a branch would); where only digits, signs or
    spaces do, they move behind each branch's character (`_moved`), so the scan begins with a character
    class and `re` skips in C to the positions that hold one. Case-insensitive only where no branch begins
    with a letter. None where `_derive` does not rewrite the pattern."""
    if rx.flags & ~(re.UNICODE | re.IGNORECASE) or not isinstance(rx.pattern, str):
        return None
    source = rx_store.derived("literal_scan", (rx.pattern, rx.flags), lambda: _literal_scan_source(rx))
    return rx_store.compile(*source) if source is not None else None


def _literal_scan_source(rx: re.Pattern[str]) -> tuple[str, int] | None:
    """The source and flags of `literal_scan(rx)`, None when there is none."""
    try:
        items = list(_parser.parse(rx.pattern, rx.flags))
        k = 0
        while k < len(items) and items[k][0] in (C.AT, C.ASSERT, C.ASSERT_NOT):
            k += 1
        prefix, rest = items[:k], items[k:]
        boundary = any(op is C.AT and av is C.AT_BOUNDARY for op, av in prefix)
        first, nullable = _seq(rest)
        if first is _ALL or nullable or not first:
            return None
        chars: set[str] = set()
        cats: set[str] = set()
        for atom in first:
            if atom[0] == "lit":
                chars.add(atom[1])
            elif atom[0] == "range" and ord(atom[2]) - ord(atom[1]) <= 256:
                chars.update(chr(c) for c in range(ord(atom[1]), ord(atom[2]) + 1))
            elif atom[0] == "cat" and atom[1] in _CAT_REPRESENTATIVE:
                cats.add(atom[1])
            else:
                return None
        # every character of a category read alike: none named alone (\\d and \\s share none; \\w is not taken)
        if any(re.match(_CAT_RX[cat], c) for cat in cats for c in chars):
            return None
        cased = any(c.lower() != c or c.upper() != c for c in chars)
        if rx.flags & re.IGNORECASE and cased:
            return None
        into = not any(c.isalpha() for c in chars)
        branches = []
        for head, c in [*((re.escape(c), c) for c in sorted(chars)),
                        *((_CAT_RX[cat], _CAT_REPRESENTATIVE[cat]) for cat in sorted(cats))]:
            options = _derive(rest, c, 0, True, boundary)
            after = _moved(prefix, head, c) if into else ""
            if options and after is not None:
                branches.append(head + after + "(?:" + "|".join(_plain(o, True) for o in options) + ")")
        if not branches:
            return None
        source = (("" if into else _plain(prefix, True)) + "(?:" + "|".join(branches) + ")", rx.flags)
        rx_store.compile(*source)
        return source
    except (_Underived, RecursionError, re.error):
        return None


def _moved(prefix: list, head: str, c: str) -> str | None:
    """Leading assertions (at a match's start) read one character later, behind that first character `c`
    (matched by `head`): a lookbehind takes the character in; a lookahead becomes what it matches after `c`;
    `\\b` and `\\B` a lookbehind of a word character before it. "" when they all hold; None when one cannot."""
    out = []
    for op, av in prefix:
        if op is C.AT and av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
            word = re.match(r"\w", c) is not None
            word_before = (not word) if av is C.AT_BOUNDARY else word  # what the character before must be
            out.append(("(?<=\\w" if word_before else "(?<!\\w") + head + ")")
        elif op in (C.ASSERT, C.ASSERT_NOT) and av[0] == 1:
            options = _derive(list(av[1]), c, 0, True, False)
            always = any(not o for o in options)
            if op is C.ASSERT and not options or op is C.ASSERT_NOT and always:
                return None
            if options and not always:
                out.append(("(?=" if op is C.ASSERT else "(?!") + "|".join(_plain(o, True) for o in options) + ")")
        elif op in (C.ASSERT, C.ASSERT_NOT):
            out.append(("(?<=" if op is C.ASSERT else "(?<!") + _plain(list(av[1]), True) + head + ")")
        else:
            raise _Underived(str(op))
    return "".join(out)
