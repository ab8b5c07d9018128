"""Findings stated as an examined part and its state after a copula: "the abdomen was soft, distended",
"both pupils were dilated", "deep tendon reflexes were brisk", "the liver and spleen were enlarged".

The part nouns, their states and the finding each pair names are the table
`knowledge/predicate_findings.csv` (general clinical examination language); the copulas, adverbs and
lead words are in `knowledge/hpo_variants.json` (`predicate_*`). The scan is kept to one clause: the
part ends right before the copula, and is led by an article, a punctuation mark or a lead word
("corneal reflexes were absent" is no areflexia); after the copula come at most a few adjectives,
separated by commas or "and", with adverbs between them; a table state is read only where its
phrase ends (not "was distended loops"). A mention spans the state adjective (as case reports'
annotations do) and is named by the finding ("abdominal distension").

Copulas are the tokens whose key is a copula's, picked out by set lookups in C (no joined string of the
keys, no regex), so the Python work is per copula (a set lookup of the word before it, mostly), not per token.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import compress, count

from ..knowledge import table
from ..model import Assertion, Mention
from .lexicon_norm import Tokens, norm_phrase, norm_word, variants

RULE = "predicate"
_MAX_STATES = 5  # adjectives read after one copula
_MAX_PART = 3  # words of a part
_HYPHENS = frozenset("-\u2010\u2011\u2013")


@dataclass(frozen=True)
class Pred:
    """What one part in one state names."""

    finding: str
    hpo: str | None


@dataclass(frozen=True)
class Words:
    parts: dict[str, dict[str, Pred]]  # part key -> state key -> finding
    tails: frozenset[str]  # "found to be", as keys
    adverbs: frozenset[str]
    leads: frozenset[str]
    followers: frozenset[str]
    copulas: frozenset[str]  # the copulas' keys ("was", "remain")
    last_words: frozenset[str]  # the keys parts end in


def state_key(state: str) -> str:
    """A state as the scan sees it: its word keys, hyphenated parts joined by "-" ("broad-based")."""
    return "-".join(norm_word(w) for w in re.split(r"[-\u2010\u2011\u2013 ]+", state) if norm_word(w))


def rows() -> list[tuple[list[str], list[str], Pred]]:
    """(parts, states, finding) of each row of the table, as written."""
    return [([p.strip() for p in r["part"].split("|")], [s.strip() for s in r["state"].split("|")],
             Pred(r["finding"].strip(), (r.get("hpo") or "").strip() or None))
            for r in table("predicate_findings.csv")]


@cache
def words() -> Words:
    v = variants()
    parts: dict[str, dict[str, Pred]] = {}
    for ps, states, pred in rows():
        for p in ps:
            slot = parts.setdefault(norm_phrase(p), {})
            for s in states:
                slot.setdefault(state_key(s), pred)
    followers = frozenset(v["predicative_followers"]) | {"but", "and", "or", "on", "in", "at", "below", "above",
                                                         "throughout", "to", "over", "under", "around", "near",
                                                         "along", "upon", "within", "across"}
    return Words(parts, frozenset(norm_phrase(t) for t in v["predicate_copula_tails"]),
                 frozenset(norm_word(w) for w in v["predicate_adverbs"]),
                 frozenset(norm_word(w) for w in v["predicate_leads"]), frozenset(norm_word(w) for w in followers),
                 frozenset(norm_word(c) for c in v["predicate_copulas"]) - {""},
                 frozenset(p.rsplit(" ", 1)[-1] for p in parts))


def _gap(toks: Tokens, text: str, i: int) -> str:
    """The text between token i and token i + 1."""
    return text[toks.ends[i]:toks.starts[i + 1]]


def _part_before(toks: Tokens, text: str, end: int, w: Words) -> tuple[int, str] | None:
    """(first token, key) of the longest part ending right before token `end` (its words joined by spaces)."""
    keys = toks.keys
    for n in range(min(_MAX_PART, end), 0, -1):
        a = end - n
        if any(_gap(toks, text, k).strip() for k in range(a, end - 1)):
            continue
        key = " ".join(keys[a:end])
        if key in w.parts:
            return a, key
    return None


def _parts(toks: Tokens, text: str, cop: int, w: Words) -> list[str]:
    """The part keys a copula at token `cop` states something of: the part right before it and the
    parts coordinated with it ("the liver and spleen were", "liver, spleen and nodes were"); [] if
    no part stands there, or one stands inside a longer noun phrase ("corneal reflexes were")."""
    if cop == 0 or _gap(toks, text, cop - 1).strip():
        return []
    hit = _part_before(toks, text, cop, w)
    out: list[str] = []
    while hit is not None:
        a, key = hit
        out.append(key)
        if a == 0:
            return out
        gap = _gap(toks, text, a - 1).strip()
        if gap == "," and len(out) > 1:  # a listed part before "X and Y": "liver, spleen and nodes"
            hit = _part_before(toks, text, a, w) if a >= 1 else None
            if hit is None:
                return out
            continue
        if gap:
            return out  # an article or a clause mark leads the part
        prev = toks.keys[a - 1]
        if prev in ("and", "or", "nor") and a >= 2 and not _gap(toks, text, a - 2).strip():
            hit = _part_before(toks, text, a - 1, w)
            if hit is None:
                return []
            continue
        if prev in ("and", "but") and a >= 2 and _gap(toks, text, a - 2).strip() == ",":
            # ", and lymph nodes were": a clause of its own, unless a part stands before the comma (a list)
            hit = _part_before(toks, text, a - 1, w)
            if hit is None:
                return out
            continue
        return out if prev in w.leads else []
    return out


def _states(toks: Tokens, text: str, cop: int, w: Words) -> list[tuple[int, int, str, bool]]:
    """(first token, last token + 1, state key, ends its phrase) of the adjectives after the copula:
    one, or a list joined by commas and "and" ("soft, distended and tender"); adverbs between."""
    keys, n = toks.keys, len(toks)
    i = cop + 1
    for tail in w.tails:  # "was found to be"
        k = tail.count(" ") + 1
        if " ".join(keys[i:i + k]) == tail:
            i += k
            break
    if i >= n or _gap(toks, text, i - 1).strip():
        return []  # a clause mark or a dropped article after the copula: no adjective of it
    out: list[tuple[int, int, str, bool]] = []
    while i < n and len(out) < _MAX_STATES:
        while i < n - 1 and keys[i] in w.adverbs and not _gap(toks, text, i).strip():
            i += 1
        if keys[i] == "but":
            break
        j = i + 1  # an element runs over hyphenated words ("non-tender", "broad-based")
        while j < n and _gap(toks, text, j - 1) in _HYPHENS:
            j += 1
        key = "-".join(keys[i:j])
        if j >= n:
            out.append((i, j, key, True))
            break
        gap = _gap(toks, text, j - 1).strip()
        nxt = keys[j]
        out.append((i, j, key, bool(gap) or nxt in w.followers or nxt.isdigit() or nxt in w.adverbs))
        if gap == ",":
            i = j
        elif gap:
            break
        elif nxt not in ("and", "or"):
            break
        else:
            i = j + 1
        if i < n and i == j and keys[i] in ("and", "or"):
            i += 1  # ", and"
        if i >= n or i > j and _gap(toks, text, i - 1).strip():
            break  # "and the spleen was": an article after "and" starts a new clause
    return out


def find(text: str, toks: Tokens) -> list[Mention]:
    """Predicate findings of `text` (its `tokens`), sorted by start."""
    w = words()
    out: list[Mention] = []
    seen: set[tuple[int, int, str]] = set()
    keys, last = toks.keys, w.last_words
    taken = -2  # the last copula read
    for cop in compress(count(), map(w.copulas.__contains__, keys)):  # the copulas' tokens
        if cop == taken + 1:
            continue  # a copula right after one read is not read (as when a regex over the keys joined by spaces found
            # them, each match taking the space before the next key): kept so, for the same output
        taken = cop
        if cop == 0 or keys[cop - 1] not in last:
            continue
        parts = _parts(toks, text, cop, w)
        if not parts:
            continue
        for a, b, key, ends in _states(toks, text, cop, w):
            if not ends:
                continue
            for part in parts:
                pred = w.parts[part].get(key)
                if pred is None:
                    continue
                s, e = toks.starts[a], toks.ends[b - 1]
                if (s, e, pred.finding) in seen:
                    continue
                seen.add((s, e, pred.finding))
                out.append(_mention(text, s, e, pred))
                for gs, ge, other in _elided(text, e, key, w):
                    if (gs, ge, other.finding) not in seen:
                        seen.add((gs, ge, other.finding))
                        out.append(_mention(text, gs, ge, other))
    out.sort(key=lambda m: (m.start, m.end, m.norm))
    return out


# "the liver was palpable 4 cm and the spleen 5 cm below the costal margin": a second part in the same state, its
# copula and state left out, told by its own measure
_ELIDED = re.compile(r"[^.;]{0,40}?\band\s+(?:the\s+|her\s+|his\s+)?(?P<part>[a-z]+(?:\s+[a-z]+)?)\s+"
                     r"(?P<measure>\d+(?:\.\d+)?\s*(?:cm|mm|fingerbreadths?|finger\s*breadths?|fingers?)\b)", re.I)


def _elided(text: str, end: int, state: str, w: Words) -> list[tuple[int, int, Pred]]:
    """The parts coordinated after a state with their measure only, each in that state (its span: part and
    measure)."""
    m = _ELIDED.match(text, end)
    if m is None:
        return []
    pred = w.parts.get(norm_phrase(m["part"]), {}).get(state)
    return [(m.start("part"), m.end("measure"), pred)] if pred is not None else []


@cache
def _labels() -> dict[str, str]:
    from .lexicon_index import load_index

    return {e.hpo: e.label for e in load_index().entries if e.hpo and e.kind == "finding"}


def _mention(text: str, s: int, e: int, pred: Pred) -> Mention:
    attrs: dict[str, str | float | int | bool | None] = {"label": pred.finding, "source": RULE}
    if pred.hpo:
        attrs["hpo"] = pred.hpo
        attrs["label"] = _labels().get(pred.hpo, pred.finding)
    return Mention.model_construct(type="finding", start=s, end=e, text=text[s:e], norm=pred.finding,
                                   zone="narrative", assertion=Assertion.present, attrs=attrs)
