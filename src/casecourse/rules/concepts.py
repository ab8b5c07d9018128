"""Name a fact's concept robustly: fold case and spelling, then look it up in data/concepts.csv.

The reader writes fact names as free text ("haemophagocytosis on node biopsy", "Anti-dsDNA",
"leuconeutropenia"); the rules ask for concepts ("hemophagocytosis", "anti_dsdna", "neutrophils").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
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


def norm(text: str) -> str:
    """Lower-case, fold British spelling and punctuation to single spaces."""
    t = text.lower().replace("β", "beta").replace("ß", "beta")
    for pat, rep in _SPELLING:
        t = re.sub(pat, rep, t)
    t = re.sub(r"[^a-z0-9]+", " ", t)
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
    keys = set()
    for c in codings or []:
        system = c.system.lower()
        prefix = "LOINC:" if "loinc" in system else ("HP:" if "hpo" in system or c.code.startswith("HP:") else "")
        code = c.code.upper()
        keys.add(code if code.startswith("HP:") else prefix + code)
    return keys


@cache
def _whole_words(phrase: str) -> re.Pattern:
    """`phrase` as whole words, compiled once (rules ask the same synonyms for every fact)."""
    return re.compile(rf"\b{re.escape(phrase)}\b")


@cache
def _classify_name(name: str) -> str | None:
    n = norm(name)
    variants = {n, _strip_filler(n), _singular(n), _singular(_strip_filler(n))}
    best: tuple[int, str] | None = None
    for c in concepts().values():
        for syn in c.synonyms:
            if syn in variants:
                score = 1000 + len(syn)
            elif any(_whole_words(syn).search(v) for v in variants):
                score = len(syn)
            else:
                continue
            if best is None or score > best[0]:
                best = (score, c.key)
    return best[1] if best else None


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
