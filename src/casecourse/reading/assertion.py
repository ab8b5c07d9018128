"""Assertion of each mention (present, negated, suspected, historical, hypothetical, family).

This is a port of medspaCy's ConText: it loads the English rule file that the installed
medspaCy package ships (resources/en/context_rules.json) plus our additions
(knowledge/context_rules_extra.json), compiles all cues into one ordered alternation (matched
per first character, see `_Cues`) and applies them per sentence that holds a target: a FORWARD cue
governs mentions after it, a BACKWARD cue mentions before it, until a TERMINATE cue, the sentence
end, or `MAX_SCOPE_WORDS`. Why a port rather than medspaCy's component: on 1,800-word case reports
medspaCy's ConText takes ~20 ms per document here, twice the whole pipeline's budget; the port
does the same rules in ~1.5 ms (`make bench`, stage "assertion (ConText)").
"""
from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from re import _compiler, _parser
from re import _constants as _c  # the sre opcode names

from casecourse.knowledge import table
from casecourse.model import Assertion, Mention, set_field
from casecourse.reading import rx_first, rx_store
from casecourse.reading.timex_lexicon import alternation

MAX_SCOPE_WORDS = 10
_FEW_CUES = 8  # cues of a sentence read without the position index (`_Scope`)
LIST_REACH = 60  # words: how far a cue reaches through a list of diagnoses or findings (a longer list is cut there)
_CATEGORY = {"NEGATED_EXISTENCE": Assertion.negated, "POSSIBLE_EXISTENCE": Assertion.suspected,
             "HISTORICAL": Assertion.historical, "HYPOTHETICAL": Assertion.hypothetical,
             "FAMILY": Assertion.family}
# assertion priority when several cues govern one mention
_RANK = {Assertion.negated: 5, Assertion.family: 4, Assertion.hypothetical: 3, Assertion.suspected: 2,
         Assertion.historical: 1}
_ASSERTED_TYPES = {"finding", "condition", "drug", "lab_value", "lab_finding", "lab_test", "event"}


def _medspacy_rules_path() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("medspacy")
    if not spec or not spec.origin:
        return None
    path = Path(spec.origin).parent.parent / "resources" / "en" / "context_rules.json"
    return path if path.exists() else None


def _token_core(tok: dict) -> str:
    spec = tok.get("LOWER", tok.get("TEXT", tok.get("ORTH")))
    if isinstance(spec, dict) and "IN" in spec:
        return "(?:" + "|".join(re.escape(str(w).lower()) for w in spec["IN"]) + ")"
    if isinstance(spec, str):
        return re.escape(spec.lower())
    return r"\S+"


def _rule_regex(rule: dict) -> str:
    """A medspaCy token pattern (LOWER / IN / OP), regex string, or literal as one regular expression."""
    if isinstance(rule.get("pattern"), str):
        return rule["pattern"]
    if not (rule.get("pattern") and isinstance(rule["pattern"], list)):
        return r"\s+".join(re.escape(w) for w in rule["literal"].lower().split())
    out = ""
    leading = True  # still in the optional tokens a pattern may open with
    for tok in rule["pattern"]:
        core = _token_core(tok)
        op = tok.get("OP")
        if leading and op in ("?", "*"):
            # an optional opening token carries its own trailing space, so the match starts at a word either way:
            # "(may) rule out" matches "done to rule out X" (a match starting at the space before 'rule' sat behind
            # the 'o' of 'to' and failed the no-word-character look-behind)
            out += f"(?:{core}\\s+){op}"
            continue
        sep = "" if leading else r"\s+"
        leading = False
        out += f"(?:{sep}{core}){op}" if op in ("?", "*", "+") else f"{sep}{core}"
    return out


@dataclass(frozen=True)
class _Cues:
    """All cue rules as one ordered alternation, split by the first character a match can start with.

    Python's `re` tries every alternative of a big alternation at every position, which cost ~10 ms
    per case report. Here a cheap character-class search finds the positions where some cue can
    start, and only the alternatives that can start with that character (in their original order)
    are tried there, so the matches are exactly those of `finditer` over the whole alternation.
    `combined` does the same in one C scan: behind no word character or hyphen, one branch per first
    character (the character, then what its alternatives match after it, in order; see `_literal_branches`),
    so no Python runs per position. `spans` then names each cue's rule from its words where they always take
    one rule (`_always`), instead of matching the cue again (~96% of cues; assertion 2.1 -> 1.9 ms/doc).
    """

    start: re.Pattern  # a position where some cue may start
    parts: tuple[tuple[str, frozenset[str] | None, bool], ...]  # (regex, first chars or None = any, may start with \s)
    meta: dict[int, tuple[str, str]]
    marks: dict[int, str] = field(default_factory=dict)  # rule -> the attribute its targets get (`mark` in the rules)
    by_char: dict[str, re.Pattern] = field(default_factory=dict)
    # the whole alternation behind one character that is not a word character (its match in group 1), so `re`
    # skips letters and digits in C (`rx_first.word_led`); None: some alternative may match the empty string
    combined: re.Pattern | None = None
    # whether `combined` over the text behind a space finds a cue wherever one opens the text (`_pad_safe`): then the
    # first character's alternatives are tried there (`at`, four times slower, at most sentences' first word all
    # failing) only where it finds one
    pad_safe: bool = False
    # per first character, its alternatives' rules in the order `re` tries them, each with whether it reads nothing
    # outside its match (`_context_free`); the rule of a cue's words once that order shows it is theirs anywhere
    order_by_char: dict[str, tuple[tuple[int, bool], ...]] = field(default_factory=dict)
    rule_of: dict[str, int] = field(default_factory=dict)
    part_of: dict[int, str] = field(default_factory=dict)  # rule -> its alternative

    def at(self, ch: str) -> re.Pattern:
        rx = self.by_char.get(ch)
        if rx is None:
            ws = ch.isspace()
            alts = [p for p, first, sp in self.parts if first is None or ch in first or (sp and ws)]
            rx = rx_store.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])") if alts else _NEVER
            self.by_char[ch] = rx
            self.order_by_char[ch] = tuple((_rule_number(p), _context_free(p)) for p in alts)
        return rx

    def _always(self, ch: str, rule: int, words: str) -> bool:
        """Whether the cue `words` (starting with `ch`), matched by `rule`, is matched by that rule wherever
        `combined` matches these words: the rule reads nothing outside its match, and no alternative tried before it
        could match these words in any context (one that reads nothing outside did not match them here; another, with
        its lookarounds and anchors dropped, does not match them). An earlier alternative that matched other words
        there would have made `combined` match those."""
        for r, free in self.order_by_char[ch]:
            if r == rule:
                return free
            if not free and _relaxed(self.part_of[r]).fullmatch(words) is not None:
                return False
        return False

    def _may_open(self, lower: str) -> bool:
        """Whether a cue may open `lower` (nothing before it, which `combined` needs): `combined` over `lower` behind a
        space, where `pad_safe` says that finds every such cue (one C match of its branches, and no second copy of the
        big alternation in memory); else True (the alternatives are tried)."""
        return not self.pad_safe or self.combined.match(" " + lower) is not None  # type: ignore[union-attr]

    def spans(self, lower: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, rule) of each match of `finditer`. A cue's words seen before under a rule whose alternatives
        read nothing outside the match (`free_by_char`) take that rule again without a second match: the first of
        the alternatives tried there that matches is the one that matched these words before (one that matched
        other words would have made `combined` match those), and none reads the context."""
        if self.combined is None:
            for m in self.finditer(lower):
                yield m.start(), m.end(), int(m.lastgroup[1:])  # type: ignore[index]
            return
        at, rule_of = self.at, self.rule_of
        last = 0
        first = at(lower[:1]).match(lower) if self._may_open(lower) else None  # a cue at the very start
        if first is not None:
            last = first.end()
            yield 0, last, int(first.lastgroup[1:])  # type: ignore[index]
        for c in self.combined.finditer(lower):  # where the matches are; `at` names their rule
            p = c.start(1)
            if p < last:
                continue  # inside the last cue (`finditer` goes on from its end)
            words = c.group(1)
            rule = rule_of.get(words)
            if rule is None:
                ch = lower[p:p + 1]
                m = at(ch).match(lower, p)  # the same match
                last = m.end()  # type: ignore[union-attr]
                rule = int(m.lastgroup[1:])  # type: ignore[union-attr, index]
                if last == c.end(1) and self._always(ch, rule, words):
                    if len(rule_of) >= _RULES_KEPT:
                        rule_of.clear()
                    rule_of[words] = rule
                yield p, last, rule
            else:
                last = c.end(1)
                yield p, last, rule

    def finditer(self, lower: str) -> Iterator[re.Match]:
        """Exactly `re.finditer` of the whole alternation over `lower`: the alternatives are tried at
        each position `start` finds (one C scan), skipping positions inside the last match."""
        if self.combined is not None:
            at = self.at
            last = 0
            first = at(lower[:1]).match(lower) if self._may_open(lower) else None  # a cue at the very start
            if first is not None:
                last = first.end()
                yield first
            for c in self.combined.finditer(lower):  # where the matches are; `at` names their rule
                p = c.start(1)
                if p >= last:  # not inside the last cue (`finditer` goes on from its end)
                    m = at(lower[p:p + 1]).match(lower, p)  # the same match
                    last = m.end()  # type: ignore[union-attr]
                    yield m  # type: ignore[misc]
            return
        pos = 0
        at = self.at
        for c in self.start.finditer(lower):
            p = c.start()
            if p < pos:
                continue
            m = at(lower[p:p + 1]).match(lower, p)
            if m is not None:
                yield m
                pos = m.end() if m.end() > p else p + 1


_NEVER = re.compile(r"(?!)")
_RULES_KEPT = 4096  # cue words whose rule is kept (`_Cues.rule_of`; cleared when full)
# what lets an alternative's match depend on more than the characters it matched: a lookaround, an anchor (a
# pattern that holds one of these is taken to depend on them; `\b` is read alike everywhere a cue matches)
_CONTEXT = ("(?=", "(?!", "(?<=", "(?<!", "^", "$", "\\A", "\\Z")


def _rule_number(part: str) -> int:
    """N of an alternative `(?P<rN>...)`."""
    return int(part[len("(?P<r"):part.index(">")])


def _context_free(part: str) -> bool:
    """Whether the alternative `part` matches a string or not by its characters alone: no lookaround or anchor in
    it. A cue starts behind no word character or hyphen and ends before none, so `\\b` and `\\B` at its edges are
    read from its own characters too."""
    return not any(c in part for c in _CONTEXT)


_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # a back-reference or a conditional group
_ANY_TEXT = re.compile(r"(?s:.*)")


@cache
def _relaxed(part: str) -> re.Pattern:
    """`part` without its lookarounds and anchors (`\\b`, `\\B` kept): it matches every string `part` matches in
    some context, and maybe more. A part with a back-reference (whose group may sit in a dropped lookaround) is taken
    to match anything."""
    if _BACKREF.search(part):
        return _ANY_TEXT
    tree = _parser.parse(part)
    _drop_context(tree)
    return _compiler.compile(tree)


def _drop_context(sub: _parser.SubPattern) -> None:
    """Remove the lookarounds and anchors but `\\b`, `\\B` from a parsed pattern, in place (all are zero-width)."""
    sub.data = [(op, av) for op, av in sub.data
                if op not in (_c.ASSERT, _c.ASSERT_NOT)
                and not (op is _c.AT and av not in (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY))]
    for op, av in sub.data:
        if op is _c.SUBPATTERN:
            _drop_context(av[-1])
        elif op is _c.BRANCH:
            for branch in av[1]:
                _drop_context(branch)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            _drop_context(av[2])
        elif op is _c.ATOMIC_GROUP:
            _drop_context(av)
        elif op is _c.GROUPREF_EXISTS:
            _drop_context(av[1])
            if av[2] is not None:
                _drop_context(av[2])


_COMMON = "tsaocpwbmfhdinrlegyuvk"  # English words' commonest first letters, most common first


def _first_chars(rule: dict) -> tuple[frozenset[str] | None, bool]:
    """The characters a match of `rule` can start with (None: unknown, any) and whether it can start
    with whitespace (no token pattern can: a leading optional token carries its own trailing `\\s+`, see
    `_rule_regex`, so its characters and the next token's are the first ones). A regex-string rule names its first
    characters in `first`."""
    if isinstance(rule.get("pattern"), str):
        return (frozenset(rule["first"]) if rule.get("first") else None), False
    if not (rule.get("pattern") and isinstance(rule["pattern"], list)):
        words = rule["literal"].lower().split()
        return (frozenset(words[0][0]), False) if words else (None, False)
    chars: set[str] = set()
    for tok in rule["pattern"]:
        spec = tok.get("LOWER", tok.get("TEXT", tok.get("ORTH")))
        if isinstance(spec, dict) and "IN" in spec:
            words = [str(w).lower() for w in spec["IN"]]
        elif isinstance(spec, str):
            words = [spec.lower()]
        else:
            return None, False  # \S+
        if not words or not all(words):
            return None, False
        chars.update(w[0] for w in words)
        if tok.get("OP") not in ("?", "*"):
            return frozenset(chars), False
    return None, False  # every token optional


@cache
def _extra() -> dict:
    return json.loads(resources.files("casecourse.knowledge").joinpath("context_rules_extra.json")
                      .read_text(encoding="utf-8"))


_ABSENT_RESULT = re.compile(r"(?:was|were|is|are)\s+(?:completely\s+|totally\s+)?absent", re.I)


@cache
def _not_for_drugs() -> frozenset[str]:
    return frozenset(_extra().get("not_for_drugs", []))


@cache
def _not_for_diagnoses() -> frozenset[str]:
    return frozenset(_extra().get("not_for_diagnoses", []))


@cache
def _treatment_only() -> re.Pattern:
    """Cues said only of a treatment or a step of care (context_rules_extra.json `treatment_only`): 'X was advised',
    'X is not recommended' judge the treatment, never the disease or finding named with it."""
    return re.compile("|".join(f"(?:{p})" for p in _extra().get("treatment_only", [])) or "(?!)", re.I)


_JUDGED_BY_TREATMENT_CUES = frozenset({"condition", "finding", "lab_value", "lab_finding", "lab_test"})


@cache
def _name_part() -> frozenset[str]:
    return frozenset(_extra().get("name_part", []))


_NAMED_TYPES = frozenset({"lab_test", "drug", "finding", "condition"})


def _inside_a_name(a: int, b: int, cue: str, names: _Holders) -> bool:
    """The cue word is part of a longer name the reader found ('free' in 'free T4', 'free fluid')."""
    return cue in _name_part() and names.reaches(a, b + 1)


class _Holders:
    """The targets of a sentence of some types, to ask whether one holds a span by bisection over their starts (with
    the furthest end so far) instead of a scan of them all; built on the first question."""

    def __init__(self, targets: list[Mention], types: frozenset[str]) -> None:
        self.targets, self.types = targets, types
        self.starts: list[int] | None = None
        self.reach: list[int] = []

    def reaches(self, a: int, b: int) -> bool:
        """Whether one starts at or before `a` and ends at or after `b`."""
        if self.starts is None:
            held = sorted((m.start, m.end) for m in self.targets if m.type in self.types)
            self.starts, self.reach = [x for x, _ in held], list(accumulate((e for _, e in held), max))
        i = bisect_right(self.starts, a)
        return i > 0 and self.reach[i - 1] >= b


@cache
def _not_done() -> re.Pattern:
    """A verb of doing right after a cue ("was not performed", "were not requested", "not done")."""
    alts = alternation(_extra().get("not_done", []))
    return re.compile(rf"(?:\s+(?:be|been|yet|ever))?\s+(?:{alts})\b", re.I)


@cache
def search_phrases() -> tuple[str, ...]:
    """The words of a search right before what it looks for ('screening for', 'work-up for'; context_rules_extra.json
    `searched_for`)."""
    return tuple(_extra().get("searched_for", []))


@cache
def searched_for() -> re.Pattern:
    """A screen's or test's 'for' right before what it looks for ('screening for latent tuberculosis'), or before a
    drug's harm it looks for ('screening for hydroxychloroquine retinopathy', 'for steroid-induced osteoporosis')."""
    alts = alternation(search_phrases())
    return re.compile(rf"\b(?:{alts})\s+(?:(?:an?|the|any)\s+)?"
                      r"(?:(?!(?:his|her|their|its|this|that|these|those|our|my)\s)[a-z]+"
                      r"(?:-induced|-related|-associated)?\s+)?$", re.I)


@cache
def _list_openers() -> re.Pattern:
    """What opens a list of what was looked for: a search's 'for' (`searched_for`) or `list_openers` ('including',
    'such as', 'checked for'; context_rules_extra.json)."""
    phrases = [*_extra().get("searched_for", []), *_extra().get("list_openers", [])]
    alts = alternation(phrases)
    return re.compile(rf"\b(?:{alts})\b", re.I)


def _after_list_opener(text: str, s0: int, start: int, cue: int) -> bool:
    """Whether a target at `start` stands after the last list opener of its sentence (from `s0`) before a cue
    'all (of which) were negative' at `cue`: the cue's 'all' is that list's, however long ("evaluation for causes
    including A, atypical B, C-associated D, and E, and all were negative"; "checked for A, B and C serology, all of
    which were normal"). What stands before the opener (the head "evaluation for movement disorders including")
    is not in the list."""
    last = None
    for last in _list_openers().finditer(text, s0, cue):  # noqa: B007 (the last one)
        pass
    return last is not None and last.end() <= start


@cache
def comma_judgements() -> frozenset[str]:
    """Suspicion cues that, after a comma, judge the clause before them (context_rules_extra.json)."""
    return frozenset(_extra().get("comma_judgements", ()))


@cache
def noun_denial() -> re.Pattern:
    """A denial told as a noun ('absence of', 'lack of'; context_rules_extra.json `noun_denials`), matched at a cue."""
    alts = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in _extra().get("noun_denials", []))
    return re.compile(rf"(?:{alts})\b", re.I)


@cache
def _rules() -> _Cues:
    rules: list[dict] = []
    path = _medspacy_rules_path()
    if path:
        rules += json.loads(path.read_text(encoding="utf-8"))["context_rules"]
    extra = resources.files("casecourse.knowledge").joinpath("context_rules_extra.json").read_text(encoding="utf-8")
    rules += json.loads(extra)["context_rules"]
    parts: list[tuple[str, frozenset[str] | None, bool]] = []
    meta: dict[int, tuple[str, str]] = {}
    marks: dict[int, str] = {}
    for i, r in enumerate(rules):
        if isinstance(r.get("pattern"), str) and not r.get("first"):
            continue  # a regex-string rule must name its first characters (none in medspaCy's English file)
        parts.append((rf"(?P<r{i}>{_rule_regex(r)})", *_first_chars(r)))
        meta[i] = (r["category"], r["direction"])
        if r.get("mark"):
            marks[i] = r["mark"]
    parts.sort(key=lambda p: len(p[0]), reverse=True)  # longest alternatives first: "no evidence of" beats "no"
    start = _start([p for p, _, _ in parts])
    combined = _combined(start, parts)
    return _Cues(start=start, parts=tuple(parts), meta=meta, marks=marks, combined=combined,
                 pad_safe=combined is not None and _pad_safe_kept([p for p, _, _ in parts]),
                 part_of={_rule_number(p): p for p, _, _ in parts})


def _pad_safe_kept(parts: list[str]) -> bool:
    """`_pad_safe(parts)`, kept on disk (rx_store, by a hash of the alternatives): parsing them all took ~20 ms of
    every process's start."""
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    return rx_store.derived("pad_safe", (key,), lambda: _pad_safe(parts))


def _pad_safe(parts: list[str]) -> bool:
    """Whether every alternative that matches at a text's start matches the same there behind a space: none anchors at
    the start (`^`, `\\A`), and no look-behind that refuses what it sees may see a space (its first character is never
    white space: "(?<!sign\\si)" sees no more there than at the start). A positive look-behind, `\\b` and `\\B` read a
    space as they read the start."""
    try:
        return all(_pad_safe_items(list(_parser.parse(p, 0))) for p in parts)
    except (re.error, RecursionError):
        return False


def _pad_safe_items(items: list) -> bool:
    for op, av in items:
        if op is _c.AT and av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
            return False
        if op is _c.ASSERT_NOT and av[0] == -1:
            first, nullable = rx_first._seq(list(av[1]))
            if first is None or nullable or any(_may_be_space(a) for a in first):
                return False
        if not all(_pad_safe_items(sub) for sub in _nested(op, av)):
            return False
    return True


def _may_be_space(atom: tuple) -> bool:
    if atom[0] == "lit":
        return atom[1].isspace()
    if atom[0] == "range":
        return any(chr(c).isspace() for c in range(ord(atom[1]), ord(atom[2]) + 1))
    return atom == ("cat", "s")


def _nested(op: object, av: object) -> list[list]:
    """The item lists a parse item holds (groups, branches, repeats, look-arounds)."""
    if op is _c.SUBPATTERN:
        return [list(av[3])]  # type: ignore[index]
    if op is _c.BRANCH:
        return [list(b) for b in av[1]]  # type: ignore[index]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return [list(av[2])]  # type: ignore[index]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [list(av[1])]  # type: ignore[index]
    if op is _c.ATOMIC_GROUP:
        return [list(av)]  # type: ignore[arg-type]
    if op is _c.GROUPREF_EXISTS:
        return [list(x) for x in av[1:] if x]  # type: ignore[index]
    return []


def _combined(start: re.Pattern, parts: list[tuple[str, frozenset[str] | None, bool]]) -> re.Pattern | None:
    """Where `_Cues.finditer` matches, as one pattern: at a position `start` admits, the branch of the
    position's character holds exactly the alternatives `_Cues.at` would try there, in the same order
    (without their named groups, which cost `re` about half its time). None when an alternative may
    match the empty string or has no known first characters, or the whole does not compile (then the
    per-position loop keeps its exact semantics). Where every alternative can be rewritten, the branches
    begin with their character (`_literal_branches`), else with a lookahead of their characters."""
    if any(first is None or rx_first._first_atoms(p, 0) is None for p, first, _ in parts):
        return None
    bodies = [re.sub(r"^\(\?P<r\d+>", "(?:", p) for p, _, _ in parts]
    literal = _literal_branches(parts, bodies)
    if literal is not None:
        try:
            return _led(r"(?<![\w-])(?:" + "|".join(literal) + r")(?![\w-])")
        except re.error:
            pass
    chars = sorted(set().union(*(first for _, first, _ in parts)))
    groups: dict[tuple[int, ...], list[str]] = {}  # alternatives (indexes into parts) -> characters
    for ch in chars:
        alts = tuple(k for k, (_, first, sp) in enumerate(parts) if ch in first or (sp and ch.isspace()))
        groups.setdefault(alts, []).append(ch)
    # the branches' characters are disjoint, so their order changes nothing but speed: common first letters first
    order = sorted(groups.items(), key=lambda g: min(_COMMON.find(c) % 99 for c in g[1]))
    branches = [("[" + "".join(re.escape(c) for c in cs) + "]", alts) for alts, cs in order]
    spaced = tuple(k for k, (_, _, sp) in enumerate(parts) if sp)
    if spaced:  # any other whitespace character: only the alternatives that may start with \s
        branches.append((r"\s", spaced))
    out = []
    for head, alts in branches:
        body = "|".join(bodies[k] for k in alts)
        out.append(f"(?={head})(?:{body})")
    try:
        return _led(start.pattern + "(?:" + "|".join(out) + r")(?![\w-])")
    except re.error:  # e.g. a rule's own named group, repeated across branches
        return None


def _led(pattern: str) -> re.Pattern:
    """`pattern` (which begins `(?<![\\w-])`: a cue follows no word character) behind one character outside
    [0-9A-Z_a-z], captured in a lookahead: `rx_first.word_led` without parsing the big pattern again."""
    return rx_store.compile(r"[^0-9A-Z_a-z](?=(" + pattern + "))")


def _literal_branches(parts: list[tuple[str, frozenset[str] | None, bool]], bodies: list[str]) -> list[str] | None:
    """One branch per character a cue may start with: the character, then what each alternative `_Cues.at`
    tries there matches after it (`rx_first.after_first`), in their order; the alternatives that may start
    with whitespace after `\\s`, when what they match after it is the same for every whitespace character.
    Every branch begins with what it consumes, so `re` passes over the others at once instead of testing a
    chain of lookaheads (0.65 against 1.2 ms/doc). None when some alternative is not rewritten."""
    firsts = set().union(*(first for _, first, _ in parts if first is not None))
    if any(c.isspace() for c in firsts):
        return None
    out = []
    for ch in sorted(firsts, key=lambda c: (_COMMON.find(c) % 99, c)):
        rests = [rx_first.after_first(bodies[k], ch) for k, (_, first, _) in enumerate(parts)
                 if first is not None and ch in first]
        if None in rests:
            return None
        rests = [r for r in rests if r != "(?!)"]
        if rests:
            out.append(re.escape(ch) + "(?:" + "|".join(rests) + ")")  # type: ignore[arg-type]
    spaced = [bodies[k] for k, (_, _, sp) in enumerate(parts) if sp]
    if spaced:
        if not all(_same_after_any_space(b) for b in spaced):
            return None
        rests = [rx_first.after_first(b, " ") for b in spaced]
        if None in rests:
            return None
        rests = [r for r in rests if r != "(?!)"]
        if rests:
            out.append(r"\s(?:" + "|".join(rests) + ")")  # type: ignore[arg-type]
    return out


def _same_after_any_space(body: str) -> bool:
    """Does `body` read every whitespace character alike at its start (a `\\s`, or characters that are
    none), so that what it matches after one is what it matches after any?"""
    atoms = rx_first._first_atoms(body, 0)
    return atoms is not None and all(a == ("cat", "s") or a[0] == "cat" and a[1] in ("w", "d")
                                     or a[0] == "lit" and not a[1].isspace() for a in atoms)


def _start(parts: list[str]) -> re.Pattern:
    """Where some cue may start: behind no word character or hyphen, and looking at the first two
    characters one of the alternatives can begin with (a superset, read from their parse trees by
    `rx_first`; an alternative whose first two characters are not known admits its first one)."""
    pairs: dict[str, set[str]] = {}  # first character class -> second character classes ("" = any)
    for part in parts:
        try:
            two = rx_first._positions(list(_parser.parse(part)), 2)
        except RecursionError:
            two = None
        if two is None:
            first = rx_first._first_atoms(part, 0)
            if first is None:
                return re.compile(r"(?<![\w-])")
            two = [first, set()]
        head = "[" + "".join(sorted(rx_first._class_item(a) for a in two[0])) + "]"
        pairs.setdefault(head, set()).add("[" + "".join(sorted(rx_first._class_item(a) for a in two[1])) + "]"
                                          if two[1] else "")
    alts = [head + ("" if "" in seconds else "(?:" + "|".join(sorted(seconds)) + ")")
            for head, seconds in sorted(pairs.items())]
    return re.compile(r"(?<![\w-])(?=" + "|".join(alts) + ")")


# event kinds that are a clause's verb, not a list item
_NUMBER_SIGN = re.compile(r"\.\s?\d")  # "no." before a number
# a new clause: "the absence of X, having Y", "because of suspected X, he was given Y", "due to the suspicion of X, the
# patient received Y" (the patient as the subject of a giving: exposure QA, expqa5)
# "he had no history of surgery, his only medication was X": a possessive subject with its own verb opens one too
# the grounds a sentence opens with, told as a noun phrase ("Given the fever", "Because of the high amylase", "In view
# of her history"); a clause ("Because X was not observed, ...", "Given that he was ...") holds verbs and commas of
# its own and is left alone
_GROUNDS_FIRST = re.compile(r"\s*(?:given(?!\s+that\b)|in\s+view\s+of|in\s+light\s+of|because\s+of|owing\s+to|"
                            r"based\s+on|on\s+the\s+basis\s+of|considering(?!\s+that\b))\s[^,;.]{1,200}?,")
_FINITE_VERB = re.compile(r"\b(?:was|were|is|are|had|has|have|did|does|do|could|would|may|might)\b")
# a comma that goes on with a list rather than closing a clause: ", and", ", or", or a short item before the next
# comma or conjunction ("A, B, or C, ...")
_LIST_GOES_ON = re.compile(r",\s*(?:(?:and|or)\b|[^,;.]{1,40}?(?:,|\s(?:and|or)\b))")


def _grounds_end(lower: str, s0: int, first_comma: int) -> tuple[int, int]:
    """The comma that ends the grounds a sentence opens with ("Given the fever and cough, pneumonia was suspected"):
    the first that does not go on with a list of the grounds ("Given the history of A, B, and C, the differential
    diagnosis included ..."), else its first comma (the main clause may open with a list of its own: "Because X could
    not be excluded, A, B, and C were given")."""
    at = first_comma
    while at >= 0:
        if _LIST_GOES_ON.match(lower, at) is None:
            return s0 + at, s0 + at + 1
        at = lower.find(",", at + 1)
    return s0 + first_comma, s0 + first_comma + 1


_COMMA_SUBJECT = re.compile(r",\s+(?:she|he|having|the\s+patient\s+(?:was\s+|were\s+)?(?:received|given|treated|"
                            r"started|administered|underwent)|(?:his|her|their)(?=(?:\s+[\w'-]+){1,5}?\s+"
                            r"(?:was|were|is|are|had|has)\b)|"
                            # an examination or a study with its verb of finding ("not oriented, lung exam revealed
                            # crackles": documents QA round docqa13)
                            r"(?:(?:the|an?|his|her|their)\s+)?(?:[\w-]+\s+){0,2}?(?:exam|examination|auscultation|"
                            r"palpation|inspection|x-ray|radiograph|ultrasound|ultrasonography|sonography|scan|ct|mri|"
                            r"echocardiogram|echocardiography|ecg|electrocardiogram|endoscopy)\s+(?:also\s+)?"
                            r"(?:revealed|showed|demonstrated|disclosed|detected|found|was\s+notable\s+for))\b")
# a denial whose scope names the patient's history ("no history of X", "no known history of X")
_HISTORY_WORD = re.compile(r"\b(?:history|known|previous|prior|past)\b", re.I)
_CLAUSE_EVENTS = frozenset({"recovery", "improvement", "sequela"})
# a denial written right before an outcome's own word: "no (further) improvement", "without any recovery"
_OWN_DENIAL = re.compile(
    r"\b(?:no|without(?:\s+any)?|not\s+any|lack\s+of|absence\s+of)\s+"
    r"(?:(?:clinical|further|significant|meaningful|marked|obvious|apparent|definite)\s+)*\Z", re.I)
_LIST_WORDS = frozenset({"and", "or", "nor", "the", "a", "an", "any", "other", "either", "both", "also", "all"})


def _only_a_list(text: str, m: Mention, b: int, cue_end: int, targets: list[Mention], starts: list[int]) -> bool:
    """Between a target `m` and a BACKWARD_LIST cue (at b..cue_end) stand only other targets, punctuation and list
    words: "fever, cough and rash were not present" reaches fever; "he presented with fever and weight loss, and
    lymphoma was not detected" does not (a singular verb has one subject, the last), nor does "she presented with
    fever, and vegetations were not seen" (one comma before "and", the target not itself in a comma list).
    `starts`: where each target starts (the targets, in order of start, are found between by bisection)."""
    a = m.end
    chunk = list(text[a:b])
    # an outcome told between ("her fever resolved and the workup was unremarkable") is a clause
    for t in targets[bisect_left(starts, a):bisect_left(starts, b)]:
        if t.end <= b and not (t.type == "event" and t.norm in _CLAUSE_EVENTS):
            chunk[t.start - a:t.end - a] = " " * (t.end - t.start)
    gap = "".join(chunk)
    words = re.findall(r"[A-Za-z]+", gap.lower())
    if "and" in words and _SINGULAR_CUE.match(text, b, cue_end):
        return False
    if _new_clause_between(text, m, gap):
        return False
    return all(w in _LIST_WORDS for w in words)


_SINGULAR_CUE = re.compile(r"(?:was|is|has)\b", re.I)
#: the target opens a clause of its own after ", and": a determiner right before it ("..., and the swelling worsened")
_NEW_SUBJECT_AFTER_AND = re.compile(r",\s*and\s+(?:the|his|her|their|its|this|these)\s+\Z", re.I)
_COMMA_AND = re.compile(r",\s*and\b")
#: between a forward denial and an event, an "and" that opens another clause or noun phrase: a determiner or a verb
#: in the past after it ("no tumour and showed a good response"); "no fever or improvement" stays denied
_EVENT_AFTER_AND = re.compile(r"\band\s+(?:(?:the|his|her|their|its|this|these|a|an)\b|[a-z]+ed\b)", re.I)
# a diagnosis after a comma, its clause's subject, that a verb of judgement follows: "In the absence of other causes
# such as A, drug-induced B was considered" (a forward cue before the comma does not reach B; condqa10); not a list
# ("no A, B or C was diagnosed": an "or" after the comma)
_CLAUSE_AFTER_COMMA = re.compile(r",\s+(?:(?!(?:or|and|nor)\b)[\w'-]+\s+){0,3}\Z", re.I)
_JUDGED_SUBJECT = re.compile(
    r"\s+(?:was|were)\s+(?:(?:then|therefore|thus|also|initially|finally|eventually)\s+)?"
    r"(?:considered|suspected|diagnosed|attributed|thought|presumed|deemed|established)\b", re.I)


_REPEATED_NO = re.compile(r"\bno\s+[^,;]{1,80},\s*\Z", re.I)  # the text before a repeated "no": "no A, "
_NO_AGAIN = re.compile(r",\s*no\s", re.I)  # a repeated "no" after the cue: "no A, no B"
# the end of the gap before an item the repeated "no" leaves out: "and" and a qualifier of the item ("and
# occasional", "and mild"), one to three words that are no list word or denial
_QUALIFIED_AND = re.compile(
    r"(?:,\s*|\s+)and\s+(?!(?:no|not|any|other|the|a|an|nor|or)\b)[^\W\d_][\w'-]*\s+(?:[\w'-]+\s+){0,2}\Z", re.I)


# a cue that opens a list of diagnoses ("the differential diagnoses included", "possibilities included")
_LIST_CUE = re.compile(r"differential|\binclud(?:ed|es|e|ing)\b", re.I)
_CAUSE_TERM = re.compile(r"(?:(?:due|secondary)\s+to|with)\Z", re.I)


def _cause_in_list(text: str, ta: int, tb: int, hi: int) -> bool:
    """A cause named inside a list of diagnoses ("the differential diagnoses included septic shock due to colitis,
    haemolytic uraemic syndrome and malignancy") ends the scope of the list's cue only up to the next comma: the
    cause has its own assertion, the items after it are the list's. So does a 'with' inside one item ("the
    differential included pneumonia with septic shock, a tick-borne illness and myocarditis": condqa13)."""
    return _CAUSE_TERM.match(text, ta, tb) is not None and text.find(",", tb, hi) >= 0


def _contrasted_after_repeated_no(text: str, s0: int, a: int, b: int, start: int) -> bool:
    """A list that repeats its "no" before each item ("no malignancy, no granulomas, and occasional
    hemophagocytosis") denies each item it repeats it for: a last item after "and" with a qualifier of its own and
    no "no" is found, not denied. Without the repetition ("no A, B and mild C") the list stays denied."""
    if b - a != 2 or text[a:b].lower() != "no" or _QUALIFIED_AND.search(text, b, start) is None:
        return False
    return _NO_AGAIN.search(text, b, start) is not None or _REPEATED_NO.search(text, max(s0, a - 90), a) is not None


def _new_clause_between(text: str, m: Mention, gap: str) -> bool:
    """One ", and" in the `gap` between a target and a backward cue, the target not itself in a comma list: a new
    clause with its own subject ("he had pneumonia, and meningitis was excluded"; not "fever, cough, and rash were
    absent"); nor when a list closed by its own "and" / "or" stands before the ", and" ("she had hypertension, asthma
    and gout, and sepsis was excluded": condqa9) and the cue's verb is singular, of one subject (not "hepatitis A, B and
    C, and HIV serologies were negative"). The `gap` ends where the cue starts."""
    return _CLOSED_LIST_AND.search(gap) is not None and _SINGULAR_CUE.match(text, m.end + len(gap)) is not None \
        or gap.count(",") == 1 and _COMMA_AND.search(gap) is not None \
        and re.search(r",\s*$", text[max(0, m.start - 4):m.start]) is None


_CLOSED_LIST_AND = re.compile(r"\b(?:and|or)\b[^,;]*,\s*and\b")


_AND_NEXT = re.compile(r"\s+and\s+\S")
_CONSEQUENCE = re.compile(r"(?:leading|resulting)\s+(?:to|in)", re.I)  # a terminator of what would follow
_SINGULAR_CUE = re.compile(r"(?:was|is|has\s+been|had\s+been)\b", re.I)
# a verb that makes the diagnosis after it its object: "he developed pneumonia", "the CT showed an abscess"
_HAVING_VERB_BEFORE = re.compile(
    r"\b(?:developed|develops|had|has|showed|shows|revealed|reveals|demonstrated|presented\s+with|diagnosed\s+with|"
    r"suffered\s+from|experienced|complicated\s+by)\s+(?:[\w-]+\s+){0,3}$", re.I)


def _found_then_tested(text: str, m: Mention, a: int, s0: int) -> bool:
    """A diagnosis one test found, then, after a comma or "and", another test's negative result: "the duplex was
    suggestive of popliteal vein thrombosis (Fig. 2), thrombophilia work-up was negative" denies the thrombophilia the
    work-up looked for, not the thrombosis (condition QA round condqa10); "CT showed ground-glass opacities, ..., and
    cultures were negative" leaves the opacities (lead, twelfth session)."""
    return _TEST_AFTER_COMMA.search(text, m.end, a) is not None \
        and _FOUND_BEFORE.search(text, max(s0, m.start - 60), m.start) is not None


# the subject of a result after a comma or "and": a test (and what it looked for), named last before the result's verb
_TEST_AFTER_COMMA = re.compile(
    r"(?:,\s+(?:and\s+)?|\s+and\s+)(?:(?!(?:and|or)\b)[\w-]+\s+){0,4}?"
    r"(?:work[- ]?ups?|screens?|screening|panels?|tests?|testing|"
    r"serolog(?:y|ies)|cultures?|assays?|studies|evaluations?)\b(?:\s+(?:for|of)\b[^,]{0,60})?\s*\Z", re.I)
# what a test found: a verb or a judgement that makes the diagnosis after it its object
_FOUND_BEFORE = re.compile(
    r"\b(?:showed|shows|revealed|reveals|demonstrated|demonstrates|confirmed|confirms|suggestive\s+of|consistent\s+with|"
    r"compatible\s+with|indicative\s+of)\s+(?:[\w-]+\s+){0,3}\Z", re.I)


def _object_before_singular(text: str, m: Mention, a: int, s0: int) -> bool:
    """A diagnosis that is the object of its own verb, joined by "and" to the singular subject of a backward cue
    ("he developed pneumonia and meningitis was excluded", "the patient developed organ dysfunction and sepsis was a
    diagnostic hypothesis"): the cue's subject is the one after "and" alone. ("Pneumonia and meningitis were ruled
    out" and "A and B was excluded" without a verb before A still deny both.)"""
    return _AND_NEXT.match(text, m.end) is not None and _SINGULAR_CUE.match(text, a) is not None \
        and _HAVING_VERB_BEFORE.search(text, max(s0, m.start - 60), m.start) is not None


class _Scope:
    """The cues of a sentence that may reach a target: a cue reaches over at most MAX_SCOPE_WORDS words
    (`_words_between`), so one before the target ends after the start of the (MAX_SCOPE_WORDS + 1)-th word before it,
    and one after it starts at or before the start of the (MAX_SCOPE_WORDS + 1)-th word from its end (each word
    ending after the gap's start and starting before its end is a word of it). The others are never read: a long
    sentence of many targets and cues stays linear. A diagnosis, sign or symptom reads the cues within LIST_REACH
    words instead: a cue reaches it through a list of others. In the order of the cues (sorted, not overlapping)."""

    def __init__(self, text: str, s0: int, s1: int, cues: list[tuple[int, int, str, str]]) -> None:
        words = [(w.start(), w.end()) for w in _WORD.finditer(text, s0, s1)]
        self.word_starts = [a for a, _ in words]
        self.word_ends = [b for _, b in words]
        self.cues = cues
        self.a_of = [c[0] for c in cues]
        self.b_of = [c[1] for c in cues]

    def near(self, m: Mention) -> list[tuple[int, int, str, str]]:
        # a list of diagnoses, signs and symptoms is reached through (`_words_outside`, `_tested_list`) up to its
        # LIST_REACH words
        n = (LIST_REACH if m.type in _LISTED_TYPES else MAX_SCOPE_WORDS) + 1
        j = bisect_left(self.word_starts, m.start)  # words starting before the target
        lo = self.word_starts[j - n] if j >= n else -1  # a cue ending at or before this has n words to the target
        k = bisect_right(self.word_ends, m.end)  # words ending after the target's end
        hi = self.word_starts[k + n - 1] if k + n - 1 < len(self.word_starts) else 1 << 62
        before = range(bisect_right(self.b_of, lo), bisect_right(self.b_of, m.start))
        after = range(bisect_left(self.a_of, m.end), bisect_right(self.a_of, hi))
        return [self.cues[i] for i in (*before, *after)]


_TESTS = frozenset({"lab_test", "lab_value", "examination"})


def _tested_between(targets: list[Mention], starts: list[int], a: int, b: int) -> bool:
    """Whether a test or its result stands in [a, b): a denial after it is the test's result, not an episode's."""
    return any(t.type in _TESTS for t in targets[bisect_left(starts, a):bisect_left(starts, b)])


_WORD = re.compile(r"\S+")  # a word of `_words_between` (str.split)


def _words_between(text: str, a: int, b: int) -> int:
    return len(text[a:b].split())


def _words_outside(text: str, a: int, b: int, targets: list[Mention], starts: list[int]) -> int:
    """The words between a and b that are no other target's: a list of targets a forward cue reaches through counts
    by its commas and conjunctions only ("no risk factors such as asplenia, diabetes mellitus, alcoholism, chronic
    liver disease, or structural heart disease"; "she denied fever, chills, ..., dysuria, or rash"). A backward cue
    keeps the plain count (its lists are `BACKWARD_LIST` cues), and so does any target but a condition or finding
    (a test's result after a list of what it tested for)."""
    return len(_gap_words(text, a, b, targets, starts))


def _gap_words(text: str, a: int, b: int, targets: list[Mention], starts: list[int],
               kinds: frozenset[str] | None = None) -> list[str]:
    """The words of text[a:b] outside the targets of `kinds` there (diagnoses, signs and symptoms: `_LISTED_TYPES`)."""
    kinds = _LISTED_TYPES if kinds is None else kinds
    chunk = list(text[a:b])
    for t in targets[bisect_left(starts, a):bisect_right(starts, b)]:
        if t.end <= b and t.type in kinds:
            chunk[t.start - a:t.end - a] = " " * (t.end - t.start)
    return _LIST_WORD.findall("".join(chunk))


_LISTED_TYPES = frozenset({"condition", "finding", "finding_part"})  # a list of diagnoses, signs and symptoms
_DIAGNOSES = frozenset({"condition"})
# what may stand between the diseases a negative result lists and its verb: "malaria, enteric fever, hepatitis A, B,
# C and HIV tests were all negative"
_TEST_LIST_WORDS = _LIST_WORDS | frozenset({
    "test", "tests", "testing", "serology", "serologies", "antibody", "antibodies", "pcr", "pcrs", "culture",
    "cultures", "screen", "screening", "panel", "panels", "assay", "assays", "titer", "titers", "titre", "titres",
    "igm", "igg", "antigen", "antigens", "smear", "smears", "virus", "viruses", "infection", "infections",
    "hepatitis", "a", "b", "c", "d", "e"})  # "hepatitis A, B and C"


def _tested_list(text: str, a: int, b: int, targets: list[Mention], starts: list[int]) -> bool:
    """Between a listed disease and a negative result after it (a..b) stand only other listed diseases, list words
    and the test's name: the result denies them all, however long the list."""
    return all(w.lower() in _TEST_LIST_WORDS for w in _gap_words(text, a, b, targets, starts))


_LIST_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")  # a word of a list's gap: punctuation is not one
_LIST_JUDGEMENTS = frozenset({"NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE"})
# between two listed diagnoses: a separator, then at most three qualifiers of the next ("polymyositis, undifferentiated
# arthritis, aseptic systemic abscess or other connective tissue disease appeared unlikely")
_QUALIFIED_SEP = re.compile(r"\s*(?:,\s*(?:(?:or|and|nor)\s+)?|(?:or|and|nor)\s+)(?:[^\W_][\w'’-]*\s+){0,3}", re.I)
_LAST_GAP = re.compile(r"\s*(?:[^\W_][\w'’-]*\s+){0,3}", re.I)  # the verb before the cue: "appeared", "were all"


def _qualified_list(text: str, a: int, b: int, targets: list[Mention], starts: list[int]) -> bool:
    """Between a listed diagnosis (ending at a) and a backward judgement (at b) stand only other listed diagnoses,
    each after a comma or a conjunction and at most three qualifiers, and at most three words before the cue: the
    judgement reaches the list's first item past the ten-word reach (found by condition QA round condqa9)."""
    pos = a
    for t in targets[bisect_left(starts, a):bisect_left(starts, b)]:
        if t.type not in _LISTED_TYPES or t.start < pos or t.end > b:
            continue
        if _QUALIFIED_SEP.fullmatch(text, pos, t.start) is None:
            return False
        pos = t.end
    return pos > a and _LAST_GAP.fullmatch(text, pos, b) is not None
_WITH_LIST_WORDS = _LIST_WORDS | frozenset({"with", "of"})  # "a differential diagnosis of A with B, C"


def _diagnoses_with(text: str, a: int, b: int, targets: list[Mention], starts: list[int]) -> bool:
    """Between a suspicion and a diagnosis (a..b) stand only other diagnoses joined by 'with' and list words: the
    suspicion reaches past the 'with' that ends other forward scopes ("suspecting pneumonia with sepsis and
    myocarditis" suspects all three; "no rash with fever" still leaves the fever, and so does a suspicion of a
    diagnosis with a sign: "suspected pneumonia with cough"). In a list told with commas, past a sign that 'with' joins,
    a comma opens the list's next diagnosis: "a differential of A, sepsis with delirium, hepatic encephalopathy and B"
    suspects the encephalopathy and B (the delirium, a sign, stays as read)."""
    if all(w.lower() in _WITH_LIST_WORDS for w in _gap_words(text, a, b, targets, starts, _DIAGNOSES)):
        return True
    # the list before the 'with' is the suspicion's as any list is; it must be a list itself (a comma), else the items
    # after the 'with' are what the diagnosis came with: "possible rheumatic fever with pyrexia, polyserositis and
    # tamponade" suspects no tamponade
    w = text.find(" with ", a, b)
    if w < 0 or "," not in text[a:w] or not all(
            x.lower() in _WITH_LIST_WORDS for x in _gap_words(text, w, b, targets, starts)):
        return False
    if "," in text[w:b]:
        return True
    # a diagnosis right after the 'with' is the list item's own when that item is a diagnosis after the list's comma
    # with at most two other words: "A, community-acquired pneumonia with septic shock, B" suspects the shock; not a
    # clause after a comma ("after excluding other possible causes, we diagnosed the patient with X"; condqa13)
    c = text.rfind(",", a, w) + 1
    return any(t.type in _DIAGNOSES and t.end <= w for t in targets[bisect_left(starts, c):bisect_left(starts, w)]) \
        and len(_gap_words(text, c, w, targets, starts, _DIAGNOSES)) <= 2


# a new subject between a relative's cue and a coordinated predicate: the predicate is not the relative's
_NEW_SUBJECT = re.compile(
    r"\b(?:but|however|although|whereas|while|she|he|they|the\s+patient|our\s+patient)\b|;", re.I)


# the patient's predicate that ends a history's scope ("... with a history of gout developed fever"), not a perfect
# or an infinitive ("was suspected to have developed")
_STORY_PREDICATE = re.compile(r"developed", re.I)
_PERFECT_BEFORE = re.compile(r"\b(?:have|has|had|having|to|been)\s+$", re.I)


def _chained(text: str, cues: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A predicate that shares the subject of its clause ("... and died of", "..., who had X, died because of Y") after
    a relative's cue ("her sister had X and died because of Y") is the relative's too, a FAMILY cue of its own; after
    none, or across a new subject ("... but the patient developed", "..., she developed"), it is no cue, and after a
    history cue it ends that history's scope (the patient's own predicate)."""
    out: list[tuple[int, int, str, str]] = []
    for a, b, cat, d in cues:
        if cat == "FAMILY_CHAIN":
            rel = [x for x in out if x[2] == "FAMILY" and x[1] <= a]
            if not rel or _NEW_SUBJECT.search(text, rel[-1][1], a):
                if any(x[2] == "HISTORICAL" for x in out) and _STORY_PREDICATE.fullmatch(text, a, b) \
                        and not _PERFECT_BEFORE.search(text, max(0, a - 12), a):
                    # the patient's own predicate after the history ("a man with a history of HIV and gout developed
                    # fever"): the history's scope ends there
                    out.append((a, b, "TERMINATE", "TERMINATE"))
                continue
            cat = "FAMILY"
        out.append((a, b, cat, d))
    return out


# a cycle or a course given without a drug of its regimen: the drug is held (exposure_cues.csv), not denied
_HELD_FROM = re.compile(r"(?:given|administered|delivered|continued)\b.*\bwithout", re.I | re.S)


def assign(text: str, sentences: list[tuple[int, int]], mentions: list[Mention],
           quiet: frozenset[str] = frozenset(), witness: frozenset[str] = frozenset()) -> list[Mention]:
    """Set `assertion` on each mention of an asserted type, in place; return the negation cues
    found (mentions of type `negation_cue`) in all sentences. Mentions of a `quiet` type take
    their assertion too, but are seen by no other target (a list of targets). Mentions of a `witness` type are
    quiet targets that keep their assertion: they only tell what a cue denies ("an echocardiogram was not
    performed" denies an examination, no finding)."""
    quiet = quiet | witness
    types = _ASSERTED_TYPES | quiet if quiet else _ASSERTED_TYPES
    found: list[Mention] = []
    cues_rx = _rules()
    not_for = (_not_for_drugs(), _not_for_diagnoses())
    by_sentence = _targets_by_sentence(sentences, mentions, types)
    marked: dict[tuple[int, int], str] = {}  # cue span -> the attribute it gives its targets
    negated_by: dict[tuple[int, int], set[str]] = {}  # cue span -> the types of the targets it negated
    # every sentence: a denial is a cue even when the reader found nothing it denies ("he denied foreign travel",
    # "the trachea was not compressed"); its mention then says `negates` nothing (`_cued_sentences`)
    for s0, s1, lower, targets, loud, cues in _cued_sentences(text, sentences, by_sentence, quiet, cues_rx, marked,
                                                             found):
        sc = _SentenceCues(text, s0, s1, lower, cues, targets, loud, marked)
        for m in targets:
            best, best_cue = _best_cue(text, m, sc, quiet, not_for)
            if best is None and m.type in _DENIED_OTHERWISE:
                best, best_cue = _denied_otherwise(text, m, sc)
            if best is not None:
                _record(text, m, best, best_cue, witness, marked, negated_by)
    _cues_negate(text, found, negated_by)
    return found


def _targets_by_sentence(sentences: list[tuple[int, int]], mentions: list[Mention],
                         types: frozenset[str]) -> dict[int, list[Mention]]:
    """The mentions of the asserted types by the index of their sentence, in order of start."""
    by_sentence: dict[int, list[Mention]] = {}
    si = 0
    for m in sorted((m for m in mentions if m.type in types), key=lambda m: m.start):
        while si < len(sentences) and sentences[si][1] <= m.start:
            si += 1
        if si < len(sentences):
            by_sentence.setdefault(si, []).append(m)
    return by_sentence


_EVENT_TYPE = frozenset({"event"})


def _cued_sentences(text: str, sentences: list[tuple[int, int]], by_sentence: dict[int, list[Mention]],
                    quiet: frozenset[str], cues_rx: _Cues, marked: dict[tuple[int, int], str],
                    found: list[Mention]) -> Iterator[tuple[int, int, str, list[Mention], list[Mention], list[tuple]]]:
    """Each sentence with ConText cues: (start, end, its text lower-cased, its targets, those other targets see, its
    cues as (start, end, category, direction)). Not a cue inside a drug's or a diagnosis's name, nor "No." of a
    number. Records the attribute a cue gives its targets (`marked`) and each denial as a `negation_cue` mention
    (`found`), unless an event's own word: in every sentence, even one with no target."""
    meta = cues_rx.meta
    for si, (s0, s1) in enumerate(sentences):
        targets = by_sentence.get(si, [])
        lower = text[s0:s1].lower()
        loud = [m for m in targets if m.type not in quiet] if quiet else targets
        cues = []
        names = _Holders(targets, _NAMED_TYPES)
        events = _Holders(loud, _EVENT_TYPE)
        for ca, cb, rule in cues_rx.spans(lower):
            category, direction = meta[rule]
            a, b = ca + s0, cb + s0
            if _inside_a_name(a, b, lower[ca:cb], names):
                continue
            if cb - ca == 2 and lower[ca:cb] == "no" and _NUMBER_SIGN.match(lower, cb):
                continue  # "Vol. 12 No. 3", "case no.2": the abbreviation of "number", no denial
            cues.append((a, b, category, direction))
            if rule in cues_rx.marks:
                marked[(a, b)] = cues_rx.marks[rule]
            if category == "NEGATED_EXISTENCE" and not direction.startswith("TERMINATE"):
                if events.reaches(a, b):
                    continue  # the denial an event cue carries ("no response to"): the event's own word
                found.append(Mention.model_construct(type="negation_cue", start=a, end=b, text=text[a:b],
                                                     norm=category.lower()))
        if cues:
            yield s0, s1, lower, targets, loud, cues


class _SentenceCues:
    """A sentence's cues and the terminators that end their scopes, with its targets (`loud`: those other targets
    see), as each target of the sentence reads them (`_best_cue`)."""

    __slots__ = ("s0", "s1", "cues", "marked", "terms", "term_starts", "kept_terms", "kept_starts", "forward_terms",
                 "forward_starts", "noun_terms", "targets", "loud", "starts", "scope")

    def __init__(self, text: str, s0: int, s1: int, lower: str, cues: list[tuple[int, int, str, str]],
                 targets: list[Mention], loud: list[Mention], marked: dict[tuple[int, int], str]) -> None:
        if any(cat == "FAMILY_CHAIN" for _, _, cat, _ in cues):
            cues = _chained(text, cues)
        # (one pass over the cues for the terminators)
        terms: list[tuple[int, int]] = []
        # a terminator of forward scopes only: "no rash with fever" ends at 'with', "fever with chills was not
        # present" denies both
        forward_terms: list[tuple[int, int]] = []
        # a participle of judgement ends a denial told as a noun ("absence of gas indicating atresia"), or any denial
        # after a comma ("no gas beyond the stomach, indicating atresia"); "no pain suggesting X" denies X too
        noun_terms: list[tuple[int, int]] = []
        # so does a suspicion cue after a comma ("no granulomas, suggestive of lymphoma"): context_rules_extra.json
        judged: list[tuple[int, int]] = []
        prevented = False  # whether a cue tells what a treatment prevents
        for a, b, cat, d in cues:
            if d == "TERMINATE":
                terms.append((a, b))
            elif d == "TERMINATE_FORWARD":
                forward_terms.append((a, b))
            elif d == "TERMINATE_NOUN_DENIAL":
                noun_terms.append((a, b))
            if cat == "POSSIBLE_EXISTENCE" and text[a - 2:a] == ", " \
                    and " ".join(text[a:b].lower().split()) in comma_judgements():
                judged.append((a, b))
            if not prevented and marked.get((a, b)) == "prevented":
                prevented = True
        if forward_terms:
            # a 'with' inside a diagnosis's name ("granulomatosis with polyangiitis") ends no scope: the list goes on
            diagnoses = _Holders(targets, _DIAGNOSES)
            forward_terms = [(ta, tb) for ta, tb in forward_terms if not diagnoses.reaches(ta, tb)]
        noun_terms += judged
        # a semicolon ends a clause: "no lymphadenopathy; the spleen was palpable" negates only the first
        semi = lower.find(";")
        while semi >= 0:
            terms.append((s0 + semi, s0 + semi + 1))
            semi = lower.find(";", semi + 1)
        # so does a comma before the patient's pronoun ("because her mother had lupus, she developed anxiety") or a
        # participle clause ("the absence of pharyngitis, having lymphopenia")
        if ", " in lower:
            terms += [(s0 + c.start(), s0 + c.end()) for c in _COMMA_SUBJECT.finditer(lower)]
            # and the comma that ends the grounds a sentence opens with ("Given the fever and cough, pneumonia was
            # suspected"): the grounds are stated facts, the judgement after it is not theirs
            if (grounds := _GROUNDS_FIRST.match(lower)) is not None:
                end = _grounds_end(lower, s0, grounds.end() - 1)
                if not _FINITE_VERB.search(lower, 0, end[0] - s0):
                    terms.append(end)
        terms.sort()
        self.terms, self.term_starts = terms, [ta for ta, _ in terms]  # terminators of any scope, sorted
        # what a treatment prevents goes on through what that would lead to ("heparin to prevent thrombosis leading to
        # embolism" prevents the embolism too): a prevention's scope ends at no consequence terminator
        self.kept_terms, self.kept_starts = self.terms, self.term_starts
        if prevented:
            self.kept_terms = [(ta, tb) for ta, tb in terms if _CONSEQUENCE.fullmatch(text, ta, tb) is None]
            self.kept_starts = [ta for ta, _ in self.kept_terms]
        forward_terms.sort()
        self.forward_terms, self.forward_starts = forward_terms, [ta for ta, _ in forward_terms]
        self.noun_terms = noun_terms
        self.s0, self.s1, self.cues, self.marked, self.targets, self.loud = s0, s1, cues, marked, targets, loud
        # id(targets), id(loud) -> their starts
        self.starts = {id(targets): [t.start for t in targets], id(loud): [t.start for t in loud]}
        # a sentence of a few cues reads them all (each is checked for its reach below); a long one finds the cues
        # near each target by bisection, so that it stays linear
        self.scope = _Scope(text, s0, s1, cues) if len(cues) > _FEW_CUES else None


def _best_cue(text: str, m: Mention, sc: _SentenceCues, quiet: frozenset[str],
              not_for: tuple[frozenset[str], frozenset[str]]) -> tuple[Assertion | None, tuple[int, int]]:
    """The assertion of the strongest cue (`_RANK`) that reaches target `m` over its gap, and that cue's span: a cue
    that points at the target (forward, backward, back over a list) with no new clause or subject between them, and
    whose scope does not end before it (`_scope_ends`)."""
    best: Assertion | None = None
    best_cue = (0, 0)
    not_for_drugs, not_for_diagnoses = not_for
    targets = sc.targets
    for a, b, cat, d in (sc.scope.near(m) if sc.scope is not None else sc.cues):
        if cat not in _CATEGORY or (a < m.end and m.start < b):
            if cat == "NEGATED_EXISTENCE" and a < m.start and b == m.end \
                    and m.attrs.get("source") == "predicate" and _NOT_BEFORE_STATE.search(text, a, m.start):
                # "the liver was not palpable": the cue's own state, denied ("bowel sounds were absent" states the
                # finding)
                best, best_cue = Assertion.negated, (a, b)
            continue
        if m.type == "drug" and (text[a:b].lower() in not_for_drugs or _HELD_FROM.fullmatch(text, a, b)):
            continue  # the drug given as the prophylaxis is given; one a cycle is given without is held
        if m.type == "lab_test" and a >= m.end and _ABSENT_RESULT.fullmatch(text, a, b) \
                and not m.text.lower().endswith("pulse"):
            continue  # "NK-cell activity was absent", "haptoglobin was absent": the test's result, none measured
        if cat == "HYPOTHETICAL" and m.type in _DIAGNOSES and text[a:b].lower() in not_for_diagnoses:
            continue  # "excision of the tumour was planned": the plan is the excision's
        if m.type in _JUDGED_BY_TREATMENT_CUES and _treatment_only().fullmatch(text, a, b):
            continue  # "dialysis for CRF was recommended", "not recommended in endocarditis": the treatment's
        if m.type == "event" and a >= m.end and cat == "NEGATED_EXISTENCE" and _tested_between(
                targets, sc.starts[id(targets)], m.end, a):
            continue  # "improvement was observed, and blood cultures were negative": the tests' result
        # the gap between the target and a cue that points at it, with no new clause or subject between them
        if d in ("FORWARD", "BIDIRECTIONAL") and b <= m.start:
            if _NEW_SUBJECT_AFTER_AND.search(text, b, m.start) and text.count(",", b, m.start) == 1:
                continue  # "the fever did not decrease, and the swelling worsened": a clause of its own
            if m.attrs.get("source") == "predicate" and _COMMA_AND.search(text, b, m.start):
                continue  # "no tenderness, and bowel sounds were absent": the part's own clause
            if m.type == "event" and _EVENT_AFTER_AND.search(text, b, m.start):
                continue  # "no fever and the rash improved", "no tumour and a good response": not denied
            if _JUDGED_SUBJECT.match(text, m.end) and _CLAUSE_AFTER_COMMA.search(text, b, m.start):
                continue  # "in the absence of causes such as A, drug-induced B was considered": B's clause
            if cat == "NEGATED_EXISTENCE" and _contrasted_after_repeated_no(text, sc.s0, a, b, m.start):
                continue  # "no A, no B, and occasional C": each denial is told, C has none
            lo, hi = b, m.start
        elif d in ("BACKWARD", "BIDIRECTIONAL") and a >= m.end:
            if _new_clause_between(text, m, text[m.end:a]) or _object_before_singular(text, m, a, sc.s0) \
                    or _found_then_tested(text, m, a, sc.s0):
                continue  # "he had pneumonia, and meningitis was excluded": the cue's subject is meningitis
            lo, hi = m.end, a
        elif d == "BACKWARD_LIST" and a >= m.end and _only_a_list(
                text, m, a, b, seen := targets if m.type in quiet else sc.loud, sc.starts[id(seen)]):
            lo, hi = m.end, a
        elif d == "BACKWARD_ALL" and a >= m.end and m.type in _LISTED_TYPES and _after_list_opener(
                text, sc.s0, m.start, a):
            lo, hi = m.end, a
        else:
            continue
        if _scope_ends(text, m, a, b, cat, d, lo, hi, sc):
            continue
        value = _CATEGORY[cat]
        if best is None or _RANK[value] > _RANK[best]:
            best, best_cue = value, (a, b)
    return best, best_cue


def _scope_ends(text: str, m: Mention, a: int, b: int, cat: str, d: str, lo: int, hi: int,
                sc: _SentenceCues) -> bool:
    """Whether the scope of cue (a, b) ends in the gap (lo, hi) before it reaches target `m`: at a terminator in the
    gap, or one the target opens with ("no history presented to the ED": the event 'presented to the ED' begins at
    the terminator 'presented'), or because the gap is longer than a scope reaches (a list reaches further)."""
    loud, starts = sc.loud, sc.starts
    tl, ts = (sc.kept_terms, sc.kept_starts) if sc.marked.get((a, b)) == "prevented" else (sc.terms, sc.term_starts)
    listed = cat == "POSSIBLE_EXISTENCE" and hi == m.start and _LIST_CUE.search(text, a, b) is not None
    if hi == m.start and _closes_bracket(text, lo, hi):
        return True  # "isoniazid (with pyridoxine to avoid neuropathy), rifampicin": the aside's cue stays in it
    return bool(
        any((tb <= hi or ta == hi == m.start) and not (listed and _cause_in_list(text, ta, tb, hi))
            for ta, tb in tl[bisect_left(ts, lo):bisect_right(ts, hi)])
        or hi == m.start and any(
            (tb <= hi or ta == hi) and not (listed and _cause_in_list(text, ta, tb, hi)) for ta, tb in
            sc.forward_terms[bisect_left(sc.forward_starts, lo):bisect_right(sc.forward_starts, hi)])
        and not (cat == "POSSIBLE_EXISTENCE" and m.type == "condition"
                 and _diagnoses_with(text, lo, hi, loud, starts[id(loud)]))
        or sc.noun_terms and cat == "NEGATED_EXISTENCE" and any(
            lo <= ta and tb <= hi and (text[ta - 2:ta] == ", " or noun_denial().match(text, a))
            for ta, tb in sc.noun_terms)
        or (words := _words_between(text, lo, hi)) > MAX_SCOPE_WORDS
        and (m.type not in _LISTED_TYPES or words > LIST_REACH
             or d != "BACKWARD_ALL"
             and (_words_outside(text, lo, hi, loud, starts[id(loud)]) > MAX_SCOPE_WORDS
                  if hi == m.start else not (
                      cat == "NEGATED_EXISTENCE" and _tested_list(text, lo, hi, loud, starts[id(loud)])
                      or d == "BACKWARD" and cat in _LIST_JUDGEMENTS
                      and _qualified_list(text, lo, hi, loud, starts[id(loud)])))))


def _closes_bracket(text: str, lo: int, hi: int) -> bool:
    """Whether the gap (lo, hi) after a forward cue closes a bracket it did not open: the cue stands in an aside
    ("no fever (without chills), cough" denies no cough), and its scope ends with the aside."""
    if ")" not in text[lo:hi] and "]" not in text[lo:hi]:
        return False
    depth = 0
    for i in range(lo, hi):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if depth == 0 and not _item_mark(text, i):
                return True  # (a list's item mark, "2) fever", closes no aside)
            depth = max(0, depth - 1)
    return False


_ITEM_MARK = re.compile(r"\d{1,2}|[a-zA-Z]|[ivx]{1,4}")


def _item_mark(text: str, i: int) -> bool:
    """Whether the closing bracket at `i` ends a list's item mark ("...: 1) fever, 2) rash", "b)"), one that opens
    its item after a list's punctuation (not "(see Figure 2)")."""
    j = i
    while j > 0 and i - j < 4 and text[j - 1].isalnum():
        j -= 1
    if j == i or _ITEM_MARK.fullmatch(text, j, i) is None:
        return False
    k = j - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in ",;:.\n"


_DENIED_OTHERWISE = frozenset({"condition", "finding", "event"})  # the types `_denied_otherwise` reads


def _denied_otherwise(text: str, m: Mention, sc: _SentenceCues) -> tuple[Assertion | None, tuple[int, int]]:
    """A denial no cue's scope gave target `m`: the negative result of a search for it, or an event's own "no"."""
    if m.type in ("condition", "finding") and searched_for().search(text, max(0, m.start - 24), m.start):
        # "screening for X with an IGRA was negative": the search's negative result, past the 'with'
        semi = text.find(";", m.end, sc.s1)
        stop = semi if semi >= 0 else sc.s1
        # (a SEARCH_RESULT cue, "showed normal", judges only what a search looked for)
        cue = next(((a, b) for a, b, cat, d in sc.cues if cat in ("NEGATED_EXISTENCE", "SEARCH_RESULT")
                    and d == "BACKWARD" and m.end <= a and b <= stop), None)
        if cue is not None:
            return Assertion.negated, cue
    if m.type == "event" and m.norm in _CLAUSE_EVENTS and (
            own := _OWN_DENIAL.search(text, max(sc.s0, m.start - 40), m.start)) is not None:
        # "no improvement of the rash": the PSEUDO cue that keeps the rash there hides the "no" from the event
        return Assertion.negated, own.span()
    return None, (0, 0)


def _record(text: str, m: Mention, best: Assertion, best_cue: tuple[int, int], witness: frozenset[str],
            marked: dict[tuple[int, int], str], negated_by: dict[tuple[int, int], set[str]]) -> None:
    """Set target `m`'s assertion (a witness keeps its own) and the attribute its cue gives; note what a denial
    denied."""
    if m.type not in witness:
        set_field(m, "assertion", best)
    if best_cue in marked:
        set_field(m, "attrs", {**m.attrs, marked[best_cue]: True})
    if best == Assertion.negated:
        negated_by.setdefault(best_cue, set()).add(m.type)
        if m.type == "condition" and _HISTORY_WORD.search(text, best_cue[0], m.start):
            # "no (family) history of X", "did not have a history of X": the denial is of the past
            set_field(m, "attrs", {**m.attrs, "denied_history": True})


def _cues_negate(text: str, found: list[Mention], negated_by: dict[tuple[int, int], set[str]]) -> None:
    """Tell on each negation cue what it denies (`negates`): an action not done, or the first kind of
    _NEGATES_ORDER among its targets (a finding before a drug)."""
    not_done = _not_done()
    for cue_mention in found:
        if not_done.match(text, cue_mention.end):
            cue_mention.attrs["negates"] = "action"  # "the PCR was not performed": nothing found is denied
            continue
        kinds = negated_by.get((cue_mention.start, cue_mention.end))
        if kinds:
            # what the cue denies: the first kind of _NEGATES_ORDER among its targets (a finding before a drug)
            cue_mention.attrs["negates"] = min(kinds, key=_NEGATES_ORDER.index)


_NOT_BEFORE_STATE = re.compile(r"\b(?:not|never|no)\b", re.I)
_COMMA_AND = re.compile(r",\s+(?:and|but)\s", re.I)


# what stands between two diagnoses of one list: a comma, or the "or" of alternatives ("thymoma or thymic carcinoma"),
# or "versus" ("sepsis versus drug fever"); an eponym's possessive the reader leaves out of the name may stand before
# the next ("transient ischaemic attack or Todd's paralysis": condqa13)
_LIST_GAP = re.compile(
    r"\s*(?:,\s*)?(?:(?:or|and/or|versus|vs\.?)\s+(?:[a-z]+(?:['’]s)?\s+){0,2}?)?(?:(?:an?|the|either)\s+)?", re.I)
_OR = re.compile(r"\b(?:or|and/or|versus|vs\b)", re.I)
_OPEN = frozenset({Assertion.present, Assertion.suspected})
# a condition's own text of two qualifiers as alternatives before one head: "duodenal or jejunal atresia"
_ELLIPTIC_OR = re.compile(r"[A-Za-z][\w-]*\s+(?:or|and/or)\s+[A-Za-z][\w-]*\s+\w", re.I)
# the judgement right before such alternatives: what a finding points to, or a diagnosis made
_JUDGED_BEFORE = re.compile(
    r"\b(?:consistent\s+with|compatible\s+with|indicating|indicative\s+of|suggesting|suggestive\s+of|"
    r"diagnos(?:is|es)\s+of|diagnosed\s+(?:with|as)|either)\s+(?:(?:an?|the)\s+)?$", re.I)


@cache
def _empty_field() -> re.Pattern[str]:
    """The rest of a field's line after its label when it holds nothing (": None", ": NKDA"),
    knowledge/empty_field_values.csv."""
    alt = alternation(r["value"] for r in table("empty_field_values.csv"))
    return re.compile(rf"[ \t]*:[ \t]*(?:{alt})[ \t.]*(?:\n|$)", re.I)


def mark_empty_fields(text: str, mentions: list[Mention]) -> None:
    """A finding or diagnosis that is the label of a record's field holding nothing ("Allergies: None",
    "Allergies: NKDA") is denied: the field says the patient has none."""
    if ":" not in text:
        return
    for m in mentions:
        if m.type in ("finding", "condition") and m.assertion == Assertion.present \
                and not text[text.rfind("\n", 0, m.start) + 1:m.start].strip() and _empty_field().match(text, m.end):
            set_field(m, "assertion", Assertion.negated)


def mark_alternatives(text: str, mentions: list[Mention]) -> None:
    """Diagnoses told as alternatives ("consistent with thymoma or thymic carcinoma", "lymphoma, sarcoidosis or
    tuberculosis", "sepsis versus drug fever") are each suspected, not confirmed: a list of diagnoses asserted present
    (or already suspected: the backward "versus" suspects the first), joined by commas, with an "or" or a "versus"
    before its last item. (A denial already reaches every item: "no diabetes or hypertension".)"""
    conds = sorted((m for m in mentions if m.type == "condition"), key=lambda m: m.start)
    # one head shared by alternatives a judgement names ("indicating duodenal or jejunal atresia", "a diagnosis of
    # acute or chronic pancreatitis"): the mention of the whole and the ones inside it are each suspected (condition
    # QA round condqa10); a description is no judgement ("microvesicular or macrovesicular steatosis in 50% of cells")
    for m in conds:
        if m.assertion == Assertion.present and _ELLIPTIC_OR.match(m.text) is not None \
                and _JUDGED_BEFORE.search(text, max(0, m.start - 30), m.start) is not None:
            for x in conds:
                if m.start <= x.start and x.end <= m.end and x.assertion == Assertion.present:
                    set_field(x, "assertion", Assertion.suspected)
    group: list[Mention] = []
    for m in [*conds, None]:
        if m is not None and group and m.start - group[-1].end < 24 and \
                _LIST_GAP.fullmatch(text, group[-1].end, m.start):
            group.append(m)
            continue
        if len(group) > 1 and _OR.search(text, group[-2].end, group[-1].start) and \
                all(x.assertion in _OPEN for x in group):
            for x in group:
                set_field(x, "assertion", Assertion.suspected)
        group = [m] if m is not None else []


_RESULT_TYPES = frozenset({"lab_value", "test_result"})


def mark_result_words(cues: list[Mention], mentions: list[Mention]) -> None:
    """A cue whose words are those of a normal or negative result ("the serology was negative", "revealed no
    abnormality") is that result's own word: `attrs["result_word"]`, so that one denial is not counted twice (the
    result already says it)."""
    results = [(m.start, m.end) for m in mentions
               if m.type in _RESULT_TYPES and m.attrs.get("interpretation") in ("N", "NEG")]
    if not results:
        return
    results.sort()  # (the furthest end so far, for a bisection over the starts instead of a scan of them all)
    starts, reach = [a for a, _ in results], list(accumulate((b for _, b in results), max))
    for c in cues:
        if (i := bisect_left(starts, c.end)) and reach[i - 1] > c.start:
            c.attrs["result_word"] = True


_NEGATES_ORDER = ("finding", "condition", "lab_finding", "lab_value", "lab_test", "event", "drug", "procedure",
                  "examination")


@cache
def _other_cause_frame() -> re.Pattern[str]:
    """'other (possible) causes / sources of (the)' right before a diagnosis (knowledge/other_cause_frames.csv)."""
    alt = alternation(r["word"] for r in table("other_cause_frames.csv"))
    return re.compile(rf"\bother\s+(?:[\w-]+\s+)?(?:{alt})\s+(?:of|for)\s+(?:(?:the|his|her|their|this|an?)\s+)?\Z",
                      re.I)


def mark_other_causes(text: str, mentions: list[Mention]) -> None:
    """A diagnosis named only as what 'other causes / sources' are of keeps its own assertion where a denial reaches
    it: "other sources of infection had been excluded" denies the other sources, not the patient's infection."""
    if "other" not in text and "Other" not in text and "OTHER" not in text:
        return
    for m in mentions:
        if m.type == "condition" and m.assertion == Assertion.negated \
                and _other_cause_frame().search(text, max(0, m.start - 60), m.start):
            set_field(m, "assertion", Assertion.present)


# the causal link of a diagnosis that "cannot be excluded" ("the causal relationship of agranulocytosis cannot be
# excluded", "a role of the infection could not be ruled out"): the cause is in doubt, not the diagnosis (docqa7)
_CAUSAL_FRAME = re.compile(r"\b(?:causal\s+)?(?:relationship|relation|association|link|role|causality|contribution|"
                           r"involvement)\s+(?:of|between|with)\s+(?:(?:the|his|her|this|an?)\s+)?\Z", re.I)
_NOT_EXCLUDED_AFTER = re.compile(r"[^.;]{0,60}?\b(?:cannot|can\s+not|could\s+not|couldn't|can't)\s+be\s+"
                                 r"(?:\w+ly\s+)?(?:excluded|ruled\s+out)\b", re.I)


# a test's purpose: "(done) so that the possibility of a stroke could be excluded" looks for the stroke (docqa7)
_PURPOSE_BEFORE = re.compile(r"\b(?:so\s+that|in\s+order\s+that)\s+[^.;]{0,60}\Z", re.I)
_COULD_BE_EXCLUDED_AFTER = re.compile(r"[^.;]{0,30}?\b(?:could|can|would|might|may)\s+be\s+(?:excluded|ruled\s+out)\b",
                                      re.I)


def mark_causal_doubt(text: str, mentions: list[Mention]) -> None:
    """A diagnosis named as what a causal link is of, which 'cannot be excluded' after it, is there: the doubt is
    the link's ("the causal relationship of agranulocytosis cannot be excluded"). One a test is done 'so that' it
    'could be excluded' is looked for, not denied."""
    if "xclude" not in text and "uled out" not in text:
        return
    for m in mentions:
        if m.type == "condition" and m.assertion == Assertion.negated \
                and _PURPOSE_BEFORE.search(text, max(0, m.start - 70), m.start) \
                and _COULD_BE_EXCLUDED_AFTER.match(text, m.end):
            set_field(m, "assertion", Assertion.suspected)
            continue
        if m.type in ("condition", "finding") and m.assertion == Assertion.suspected \
                and _CAUSAL_FRAME.search(text, max(0, m.start - 50), m.start) \
                and _NOT_EXCLUDED_AFTER.match(text, m.end):
            set_field(m, "assertion", Assertion.present)

