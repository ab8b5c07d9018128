"""Word-level normalisation shared by the lexicon builder and the matcher.

Text is cut into word tokens; each token is lower-cased, folded to ASCII, singularised and put into
American spelling by the data-driven rules in `knowledge/hpo_variants.json`. The same function is
applied to lexicon terms and to the text, so a rule only has to make variants *collide*, never to
produce a real word ("seizures" and "seizure" both become "seizur").
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources
from itertools import accumulate, compress, count
from operator import add
from re import _constants as _c  # the sre opcode names
from re import _parser
from typing import overload

# letters and digits are separate words, so "type A1", "type A-1" and "NF 2" meet "NF2"
# a possessive's apostrophe may be typed as a grave or acute accent ("Gower`s sign", "Crohn´s disease")
WORD = re.compile(r"[^\W\d_]+(?:['’`´][sS]\b)?|\d+")
_SPLIT = re.compile(f"({WORD.pattern})")
_APOSTROPHES = frozenset("'’`´")


@cache
def variants() -> dict:
    return json.loads(resources.files("casecourse.knowledge").joinpath("hpo_variants.json").read_text())


@cache
def _rules() -> tuple[dict[str, str], list[tuple[re.Pattern, str]], frozenset[str]]:
    v = variants()
    rules = [(re.compile(p), r) for p, r in v["plural_rules"] + v["spelling_rules"]]
    return {**v["irregular"], **v["word_synonyms"]}, rules, frozenset(v["drop_words"])


def fold(word: str) -> str:
    """Lower-case and strip accents ("Sjögren's" -> "sjogren's")."""
    w = word.lower()
    if not w.isascii():
        w = unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode()
    return w


@cache
def norm_word(word: str) -> str:
    """The matching key of one word token ('' for words that are dropped, such as articles)."""
    if word == "A":  # "hepatitis A" keeps its capital A; the article is lower-case mid-sentence
        return "a"
    irregular, _, drop = _rules()
    if word[-1:] in "sS" and word[-2:-1] in _APOSTROPHES:  # before folding, which splits "´" off
        word = word[:-2]
    w = fold(word)
    if w in drop:
        return ""
    w = irregular.get(w) or _irregular_end(w)  # then the rules, exactly as if the singular had been written
    if len(w) <= 3 or not w.isalpha():
        return w
    # (an alphabetic word holds no newline, before which `$` would match too)
    checks = _rule_checks()
    for i in _rules_for_last().get(w[-1], _rules_for_any()):
        pat, rep, literal, at_end = checks[i]
        if literal and not (w.endswith(literal) if at_end else literal in w):
            continue
        new = pat.sub(rep, w)
        if new != w:  # its last letter may differ now: every later rule is tried
            return _apply_rules(new, checks[i + 1:])
    return w


def _apply_rules(w: str, checks: Sequence[tuple[re.Pattern, str, str, bool]]) -> str:
    """`w` through the rules `checks` in turn."""
    for pat, rep, literal, at_end in checks:
        if literal and not (w.endswith(literal) if at_end else literal in w):
            continue  # the word lacks a literal every match of the rule holds: the rule changes nothing
        w = pat.sub(rep, w)
    return w


@cache
def _rules_for_last() -> dict[str, tuple[int, ...]]:
    """Last letter -> the rules (numbers in `_rule_checks`, in order) a word ending in it may match: all but those whose
    literal ends every match and ends in another letter. While no rule changes a word, the others change nothing (a
    new word ~2.3 -> ~1.2 us with `_irregular_end`'s own test)."""
    checks = _rule_checks()
    letters = {lit[-1] for _, _, lit, at_end in checks if lit and at_end}
    return {c: tuple(i for i, (_, _, lit, at_end) in enumerate(checks) if not (lit and at_end) or lit.endswith(c))
            for c in letters}


@cache
def _rules_for_any() -> tuple[int, ...]:
    """The rules a word may match whose last letter ends no rule's end literal."""
    return tuple(i for i, (_, _, lit, at_end) in enumerate(_rule_checks()) if not (lit and at_end))


@cache
def _irregular_ends() -> tuple[tuple[int, dict[str, str]], ...]:
    """The irregular forms of four letters or more that may end a longer word ("antihelices", "clubfeet",
    "leptomeninges", "micrometastases"), by length, longest first: (length, form -> singular); "men" is left out
    ("abdomen", "specimen")."""
    by_length: dict[int, dict[str, str]] = {}
    for k, v in _rules()[0].items():
        if len(k) >= 4 and k != v:
            by_length.setdefault(len(k), {}).setdefault(k, v)
    return tuple(sorted(by_length.items(), reverse=True))


def _irregular_end(w: str) -> str:
    """`w` with the longest irregular form it ends in replaced by its singular ("antihelices" -> "antihelix"),
    when at least three letters stand before that form."""
    if w[-3:] not in _irregular_tails():
        return w  # no form ends in its last three letters (each has four or more)
    n = len(w)
    for k, forms in _irregular_ends():
        if n > k + 2 and (v := forms.get(w[-k:])) is not None:
            return w[:-k] + v
    return w


@cache
def _irregular_tails() -> frozenset[str]:
    """The last three letters of the forms `_irregular_ends` holds."""
    return frozenset(k[-3:] for _, forms in _irregular_ends() for k in forms)


@cache
def _rule_checks() -> tuple[tuple[re.Pattern, str, str, bool], ...]:
    """Each plural and spelling rule with a literal every match of it holds, its longest run of plain characters at
    the pattern's top level ('' when it has none: the rule is always tried), and whether that literal ends every
    match at the end of the word (the pattern ends in it and `$`). A word without the literal (or, at the end, not
    ending in it) is one the rule does not match, so it changes nothing there: most rules are skipped by a
    `str.endswith` or `in` test instead of a regex substitution (a new word ~11 -> ~2 us)."""
    out = []
    for pat, rep in _rules()[1]:
        literal, at_end = "", False
        if not pat.flags & re.IGNORECASE:
            items = list(_parser.parse(pat.pattern, pat.flags))
            run: list[str] = []
            for i, (op, av) in enumerate([*items, (None, None)]):
                if op is _c.LITERAL:
                    run.append(chr(av))
                    continue
                ends = op is _c.AT and av is _c.AT_END and i == len(items) - 1
                if len(run) > len(literal) or run and len(run) == len(literal) and ends:
                    literal, at_end = "".join(run), ends
                run = []
        out.append((pat, rep, literal, at_end))
    return tuple(out)


@cache
def is_plural(word: str) -> bool:
    """Whether a word is a plural by the plural rules and irregular forms ("lipomas", "teeth", "nevi")."""
    w = fold(word)
    if len(w) <= 3 or not w.isalpha():
        return False
    irregular = _rules()[0]
    if w in irregular:  # "teeth", "feet" (a spelling pair such as "grey" never ends an HPO "X" of "Multiple X")
        return irregular[w] != w
    return any(re.search(p, w) for p, _r in variants()["plural_rules"])


class _WordKeys(dict):
    """word -> `norm_word(word)` for the words of documents, filled on first sight: `Tokens` maps a document's words
    through `__getitem__`, a plain dict lookup in C at about half the cost of calling the cached function per word."""

    def __missing__(self, word: str) -> str:
        key = self[word] = norm_word.__wrapped__(word)  # type: ignore[attr-defined]
        return key


_WORD_KEYS = _WordKeys()


class Tokens(Sequence[tuple[int, int, str]]):
    """The kept word tokens of a text as (start, end, key), computed without a per-word Python loop:
    the text is split once, offsets come from a running sum and keys from the words' keys seen before
    (`_WORD_KEYS`)."""

    def __init__(self, text: str):
        parts = _SPLIT.split(text)  # separator, word, separator, word, ..., separator
        offs = list(accumulate(map(len, parts)))  # word j runs from offs[2j] to offs[2j + 1]
        all_keys = list(map(_WORD_KEYS.__getitem__, parts[1::2]))
        self.keys: list[str] = list(filter(None, all_keys))
        self.starts: list[int] = list(compress(offs[0::2], all_keys))  # of the kept tokens
        self.ends: list[int] = list(compress(offs[1::2], all_keys))
        self._joined: tuple[str, list[int]] | None = None

    def joined(self) -> tuple[str, list[int]]:
        """The keys as one string " k1 k2 ... " and, in token order, the position of each key's first
        character in it (sorted: `bisect` finds a token by position; built once per document)."""
        if self._joined is None:
            joined = " " + " ".join(self.keys) + " "
            # key i starts after the leading space, i separators and the keys before it
            self._joined = joined, list(map(add, accumulate(map(len, self.keys), initial=1), count()))[:-1]
        return self._joined

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int, str]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int, str]]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(zip(self.starts[i], self.ends[i], self.keys[i], strict=True))
        return self.starts[i], self.ends[i], self.keys[i]


_last_tokens: tuple[str, Tokens] | None = None  # phenotypes and diseases both tokenize the same document


def tokens(text: str) -> Tokens:
    """(start, end, key) of every kept word token in `text` (read-only; the last text's are reused)."""
    global _last_tokens
    last = _last_tokens
    if last is not None and last[0] is text:
        return last[1]
    toks = Tokens(text)
    _last_tokens = (text, toks)
    return toks


def norm_phrase(phrase: str) -> str:
    """The space-joined keys of a phrase, as the matcher sees it."""
    return " ".join(Tokens(phrase).keys)
