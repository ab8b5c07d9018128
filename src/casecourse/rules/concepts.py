"""Name a fact's concept robustly: fold case and spelling, then look it up in data/concepts.csv.

The reader writes fact names as free text ("haemophagocytosis on node biopsy", "Anti-dsDNA",
"leuconeutropenia"); the rules ask for concepts ("hemophagocytosis", "anti_dsdna", "neutrophils").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

_SPELLING = [  # British -> American, applied on whole text after lower-casing
    (r"haem", "hem"),
    (r"aemia", "emia"),
    (r"oedema", "edema"),
    (r"leuc", "leuk"),
    (r"oesophag", "esophag"),
    (r"tumour", "tumor"),
    (r"ciclosporin", "cyclosporine"),
    (r"\bcyclosporin\b", "cyclosporine"),
    (r"isation", "ization"),
]
_FILLER = {
    "serum",
    "plasma",
    "level",
    "levels",
    "blood",
    "elevated",
    "raised",
    "high",
    "low",
    "increased",
    "decreased",
    "reduced",
    "the",
    "of",
    "on",
    "in",
    "s",
}
_KEEP_FILLER_CONCEPTS = {"fever"}  # "high fever" is a synonym, not a filler case


_SPELLING_RX = [(re.compile(p), r) for p, r in _SPELLING]
_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)  # pure in `text`; asked for the same fact names by every rule
def norm(text: str) -> str:
    """Lower-case, fold British spelling and punctuation to single spaces."""
    t = text.lower().replace("β", "beta").replace("ß", "beta")
    for rx, rep in _SPELLING_RX:
        t = rx.sub(rep, t)
    t = _NON_WORD.sub(" ", t)
    return " ".join(t.split())


def _strip_filler(t: str) -> str:
    return " ".join(w for w in t.split() if w not in _FILLER)


def _singular(t: str) -> str:
    return " ".join(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w for w in t.split())


@dataclass(frozen=True)
class Concept:
    key: str
    kind: str
    synonyms: tuple[str, ...]
    codes: frozenset[str]
    implies: tuple[tuple[str, str], ...]  # (concept, interpretation or "same")


def _data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("casecourse.rules").joinpath("data", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


data_rows = _data_rows


@cache
def concepts() -> dict[str, Concept]:
    out: dict[str, Concept] = {}
    for row in _data_rows("concepts.csv"):
        implies = tuple(tuple(p.split(":", 1)) for p in row["implies"].split("|") if p)
        out[row["concept"]] = Concept(
            key=row["concept"],
            kind=row["kind"],
            synonyms=tuple(norm(s) for s in row["synonyms"].split("|") if s),
            codes=frozenset(c.upper() for c in row["codes"].split("|") if c),
            implies=implies,
        )  # type: ignore[arg-type]
    return out


def _code_keys(codings) -> set[str]:
    return {_code_key(c.system, c.code) for c in codings or []}


@lru_cache(maxsize=4096)
def _code_key(system: str, code: str) -> str:
    """A coding as the concept table writes its codes ("HP:0001945", "LOINC:2276-4", "D69.6"): the same few codes
    come back in every course."""
    system = system.lower()
    prefix = "LOINC:" if "loinc" in system else ("HP:" if "hpo" in system or code.startswith("HP:") else "")
    code = code.upper()
    return code if code.startswith("HP:") else prefix + code


@cache
def _whole_words(phrase: str) -> re.Pattern:
    """`phrase` as whole words, compiled once (rules ask the same synonyms for every fact)."""
    return re.compile(rf"\b{re.escape(phrase)}\b")


@cache
def _synonym_index() -> dict[str, list[tuple[int, str]]]:
    """synonym -> (table position, concept key) of every concept listing it, in table order."""
    out: dict[str, list[tuple[int, str]]] = {}
    pos = 0
    for c in concepts().values():
        for syn in c.synonyms:
            out.setdefault(syn, []).append((pos, c.key))
            pos += 1
    return out


def _word_runs(variants: set[str]) -> set[str]:
    """Every run of whole words of the variants. A normalised synonym (words of [a-z0-9] joined by
    single spaces) matches `\bsyn\b` in a normalised variant exactly when it is one of these runs."""
    runs: set[str] = set()
    for v in variants:
        if not v:
            continue
        runs.add("")  # the empty pattern matches at any word boundary
        words = v.split(" ")
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                runs.add(" ".join(words[i:j]))
    return runs


@cache
def _classify_name(name: str) -> str | None:
    """The longest synonym equal to a variant of the name wins, else the longest found in one as whole
    words; on a tie, the first in table order."""
    n = norm(name)
    variants = {n, _strip_filler(n), _singular(n), _singular(_strip_filler(n))}
    index = _synonym_index()
    best: tuple[int, int, str] | None = None  # (score, -position, key)
    for run in _word_runs(variants) | variants:
        for pos, key in index.get(run, ()):
            cand = (1000 + len(run) if run in variants else len(run), -pos, key)
            if best is None or cand[:2] > best[:2]:
                best = cand
    return best[2] if best else None


def classify(name: str | None, codings=None) -> str | None:
    """The concept key of a fact name (codes first, then the longest matching synonym), or None."""
    keys = _code_keys(codings)
    if keys:
        by_code = _first_concept_by_code()
        hits = [by_code[k] for k in keys if k in by_code]
        if hits:
            return min(hits)[1]  # the first concept, in table order, holding any of the codes
    return _classify_name(name) if name else None


@cache
def _first_concept_by_code() -> dict[str, tuple[int, str]]:
    """code -> (table position, key) of the first concept listing it."""
    out: dict[str, tuple[int, str]] = {}
    for i, c in enumerate(concepts().values()):
        for code in c.codes:
            out.setdefault(code, (i, c.key))
    return out


def mentions(text: str | None, word: str) -> bool:
    """True when `word` (already normalised) occurs as whole words in `text` after folding."""
    return bool(text) and _whole_words(norm(word)).search(norm(text)) is not None
