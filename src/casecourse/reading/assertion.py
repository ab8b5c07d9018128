"""Assertion of each mention (present, negated, suspected, historical, hypothetical, family).

This is a port of medspaCy's ConText: it loads the English rule file that the installed
medspaCy package ships (resources/en/context_rules.json) plus our additions
(knowledge/context_rules_extra.json), compiles all cues into one regular expression and applies
them per sentence: a FORWARD cue governs mentions after it, a BACKWARD cue mentions before it,
until a TERMINATE cue, the sentence end, or `MAX_SCOPE_WORDS`. Why a port rather than
medspaCy's component: on 1,800-word case reports medspaCy's ConText takes ~20 ms per document
here, twice the whole pipeline's budget; the port does the same rules in well under 1 ms.
"""
from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

from casecourse.model import Assertion, Mention

MAX_SCOPE_WORDS = 10
_CATEGORY = {"NEGATED_EXISTENCE": Assertion.negated, "POSSIBLE_EXISTENCE": Assertion.suspected,
             "HISTORICAL": Assertion.historical, "HYPOTHETICAL": Assertion.hypothetical,
             "FAMILY": Assertion.family}
# assertion priority when several cues govern one mention
_RANK = {Assertion.negated: 5, Assertion.family: 4, Assertion.hypothetical: 3, Assertion.suspected: 2,
         Assertion.historical: 1}
_ASSERTED_TYPES = {"finding", "condition", "drug", "lab_value", "lab_test", "event"}


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
    """A medspaCy token pattern (LOWER / IN / OP) or literal as one regular expression."""
    if not (rule.get("pattern") and isinstance(rule["pattern"], list)):
        return r"\s+".join(re.escape(w) for w in rule["literal"].lower().split())
    out = ""
    for i, tok in enumerate(rule["pattern"]):
        core = _token_core(tok)
        sep = "" if i == 0 else r"\s+"
        op = tok.get("OP")
        out += f"(?:{sep}{core}){op}" if op in ("?", "*", "+") else f"{sep}{core}"
    return out


@cache
def _rules() -> tuple[re.Pattern, dict[int, tuple[str, str]]]:
    rules: list[dict] = []
    path = _medspacy_rules_path()
    if path:
        rules += json.loads(path.read_text(encoding="utf-8"))["context_rules"]
    extra = resources.files("casecourse.knowledge").joinpath("context_rules_extra.json").read_text(encoding="utf-8")
    rules += json.loads(extra)["context_rules"]
    parts: list[str] = []
    meta: dict[int, tuple[str, str]] = {}
    for i, r in enumerate(rules):
        if r.get("pattern") and not isinstance(r["pattern"], list):
            continue  # regex-string patterns: none in the English file
        parts.append(rf"(?P<r{i}>{_rule_regex(r)})")
        meta[i] = (r["category"], r["direction"])
    parts.sort(key=len, reverse=True)  # longest alternatives first: "no evidence of" beats "no"
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"), meta


def _words_between(text: str, a: int, b: int) -> int:
    return len(text[a:b].split())


def assign(text: str, sentences: list[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
    """Set `assertion` on each mention of an asserted type, in place; return the negation cues
    found (mentions of type `negation_cue`) in the sentences that hold targets."""
    found: list[Mention] = []
    regex, meta = _rules()
    by_sentence: dict[int, list[Mention]] = {}
    si = 0
    for m in sorted((m for m in mentions if m.type in _ASSERTED_TYPES), key=lambda m: m.start):
        while si < len(sentences) and sentences[si][1] <= m.start:
            si += 1
        if si < len(sentences):
            by_sentence.setdefault(si, []).append(m)
    for si, targets in by_sentence.items():
        s0, s1 = sentences[si]
        lower = text[s0:s1].lower()
        cues = []
        for c in regex.finditer(lower):
            category, direction = meta[int(c.lastgroup[1:])]
            cues.append((c.start() + s0, c.end() + s0, category, direction))
            if category == "NEGATED_EXISTENCE" and direction != "TERMINATE":
                a, b = c.start() + s0, c.end() + s0
                found.append(Mention(type="negation_cue", start=a, end=b, text=text[a:b], norm=category.lower()))
        if not cues:
            continue
        terms = [(a, b) for a, b, cat, d in cues if d == "TERMINATE"]
        for m in targets:
            best: Assertion | None = None
            for a, b, cat, d in cues:
                if cat not in _CATEGORY or (a < m.end and m.start < b):
                    continue
                if d in ("FORWARD", "BIDIRECTIONAL") and b <= m.start:
                    lo, hi = b, m.start
                elif d in ("BACKWARD", "BIDIRECTIONAL") and a >= m.end:
                    lo, hi = m.end, a
                else:
                    continue
                if any(lo <= ta and tb <= hi for ta, tb in terms) or _words_between(text, lo, hi) > MAX_SCOPE_WORDS:
                    continue
                value = _CATEGORY[cat]
                if best is None or _RANK[value] > _RANK[best]:
                    best = value
            if best is not None:
                m.assertion = best
    return found
