"""Drug mentions: ingredients and brand names from DrugBank, plus abbreviations.

The dictionary is the DrugBank-derived one that the drug-named-entity-recognition package ships
(107k names and brands of ~20k ingredients). Its entries without a DrugBank id are MeSH class
headings ("Anti-Bacterial Agents"), which become `drug_class` mentions, never exposures.
It is compiled once into an Aho-Corasick automaton and cached on disk (see casecourse.cache).
"""
from __future__ import annotations

import bz2
import importlib.util
import pickle
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

from casecourse.cache import cached, file_key
from casecourse.knowledge import table
from casecourse.model import Mention

_BUILDER_VERSION = "4"
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class DrugEntry:
    ingredient: str
    kind: str  # "drug" or "class"
    drugbank: str | None
    brand: bool


def _dictionary_path() -> Path:
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    assert spec and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "drug_ner_dictionary.pkl.bz2"


def _build() -> tuple[dict[str, DrugEntry], ahocorasick.Automaton]:
    with bz2.open(_dictionary_path(), "rb") as f:
        d = pickle.load(f)  # the package's own shipped file, read the way the package reads it
    from drug_named_entity_recognition.util import stopwords

    overrides = table("drug_overrides.csv")
    rename = {r["variant"]: r["target"] for r in overrides if r["action"] == "rename"}
    ignore = {r["variant"] for r in overrides if r["action"] == "ignore"}
    classes = {r["variant"] for r in overrides if r["action"] == "class"}
    v2c, c2d, vdata = d["drug_variant_to_canonical"], d["drug_canonical_to_data"], d["drug_variant_to_variant_data"]
    lex: dict[str, DrugEntry] = {}
    for variant, canon in v2c.items():
        if len(variant) < 4 or variant in stopwords or variant in ignore or not canon:
            continue
        data = c2d.get(canon[0], {})
        name = rename.get(canon[0], canon[0])
        kind = "drug" if data.get("drugbank_id") and name not in classes else "class"
        brand = variant != canon[0] and bool((vdata.get(variant) or {}).get("is_brand", True))
        lex[variant] = DrugEntry(name, kind, data.get("drugbank_id"), brand)
    for r in overrides:
        if r["action"] == "add":
            base = lex.get(r["target"])
            kind = "class" if r["target"] in classes else "drug"
            lex[r["variant"]] = DrugEntry(r["target"], kind, base.drugbank if base else None, False)
    auto = ahocorasick.Automaton()
    for variant in lex:
        auto.add_word(variant, variant)
    auto.make_automaton()
    return lex, auto


@cache
def lexicon() -> tuple[dict[str, DrugEntry], ahocorasick.Automaton]:
    return cached("drug_lexicon", file_key(_dictionary_path()) + _BUILDER_VERSION, _build)


@cache
def drug_facts() -> dict[str, dict[str, str]]:
    """ingredient -> {drug_class, mechanism, atc} from knowledge/drugs.csv."""
    return {r["ingredient"]: r for r in table("drugs.csv")}


@cache
def table_abbreviations() -> dict[str, str]:
    return {r["abbreviation"]: r["expansion"] for r in table("abbreviations.csv") if r["type"] == "drug"}


def lookup(name: str) -> DrugEntry | None:
    """The drug a written name denotes, or None."""
    lex, _ = lexicon()
    return lex.get(name.lower().strip())


def _mention(start: int, end: int, text: str, entry: DrugEntry, via: str | None = None) -> Mention:
    facts = drug_facts().get(entry.ingredient, {})
    attrs: dict = {"drugbank": entry.drugbank, "brand": entry.brand}
    if facts:
        attrs |= {"drug_class": facts["drug_class"], "mechanism": facts["mechanism"] or None,
                  "atc": facts["atc"] or None}
    if via:
        attrs["abbreviation_of"] = via
    kind = "drug" if entry.kind == "drug" else "drug_class"
    return Mention(type=kind, start=start, end=end, text=text[start:end], norm=entry.ingredient, attrs=attrs)


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _WORD.match(before) and not _WORD.match(after) and before != "-"


def find(text: str, abbreviations: dict[str, str] | None = None) -> list[Mention]:
    """Drug and drug-class mentions; `abbreviations` (short form -> long form) are those the
    text defines, which take precedence over the table of common ones."""
    lex, auto = lexicon()
    lower = text.lower()
    found: list[tuple[int, int, DrugEntry, str | None]] = []
    for end_idx, variant in auto.iter_long(lower):
        start, end = end_idx - len(variant) + 1, end_idx + 1
        if _bounded(text, start, end):
            found.append((start, end, lex[variant], None))
    abbr = dict(table_abbreviations())
    abbr.update(abbreviations or {})
    resolved = {sf: lookup(lf) for sf, lf in abbr.items()}
    resolved = {sf: e for sf, e in resolved.items() if e}
    if resolved:
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(resolved, key=len, reverse=True)))
                             + r")(?![\w-])")
        taken = [(s, e) for s, e, _, _ in found]
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.append((m.start(), m.end(), resolved[m.group(1)], abbr[m.group(1)]))
    found.sort(key=lambda x: (x[0], -x[1]))
    return [_mention(s, e, text, entry, via) for s, e, entry, via in found]
