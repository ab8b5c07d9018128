"""Drug mentions: ingredients and brand names from DrugBank, classes, generic therapies, regimens.

The dictionary is the DrugBank-derived one that the drug-named-entity-recognition package ships
(107k names and brands of ~20k ingredients). An entry with a DrugBank id (or a MedlinePlus drug
monograph) is a drug; one without, under the MeSH Pharmacologic Action tree (D27.505, "Anti-Bacterial
Agents"), is a `drug_class`; other MeSH chemicals without a DrugBank id (proteins, enzymes, receptors)
are not medication mentions and are dropped. knowledge/therapy_terms.csv adds classes as clinicians
write them ("beta-blockers") and generic therapies (`therapy`: "chemotherapy", "sedation");
knowledge/regimens.csv adds named regimens ("R-CHOP"), each read as one `drug` mention per ingredient
on the regimen's span. Classes, therapies and regimen names never become exposures by themselves.
The lexicon is compiled once into an Aho-Corasick automaton and cached on disk (see casecourse.cache).
"""
from __future__ import annotations

import ast
import bisect
import bz2
import importlib.util
import pickle
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

from casecourse.cache import cached, file_key
from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import drug_context
from casecourse.reading.rx_first import lower_of

_BUILDER_VERSION = "8"
_KNOWLEDGE = ("drug_overrides.csv", "drugs.csv", "therapy_terms.csv", "regimens.csv", "labs.csv")
# salt and formulation words that belong to the name: "landiolol hydrochloride", "paclitaxel liposome"
_SUFFIX = re.compile(r"(?:[ \u00a0](?:hydrochloride|hydrobromide|sodium|potassium|phosphate|sulfate|sulphate|"
                     r"hydrate|fumarate|maleate|mesylate|besylate|tartrate|citrate|succinate|dipropionate|"
                     r"propionate|liposome|liposomal|hyclate|bromide|disodium|betadex)(?![\w-])){1,2}", re.I)
# MeSH trees whose entries without a DrugBank id are drug classes: Pharmacologic Actions and the
# chemical families of organic and heterocyclic compounds ("Penicillins", "Fluoroquinolones")
_CLASS_TREES = ("D27.505", "D02", "D03", "D04")
_NUMERAL_PREFIX = re.compile(r"(?<![\w-])\d{1,2}-$")
_LEFTOVER = re.compile(r"[\s/+,-]*(?:(?:and|plus|[A-Za-z])(?![\w-])[\s/+,-]*)?")
_COMBINATION = re.compile(r"\s?[/+-]\s?")
# the head noun written after a regimen acronym belongs to its name: "GP chemotherapy", "MAP regimen"
_REGIMEN_HEAD = re.compile(r"[\s-](?:chemotherapy|regimen|protocol)(?![\w-])", re.I)
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)")


@dataclass(frozen=True)
class DrugEntry:
    ingredient: str
    kind: str  # "drug", "class", "therapy" or "regimen"
    drugbank: str | None
    brand: bool
    analyte: bool = False  # also a laboratory analyte: a drug only where the text speaks of giving it
    ingredients: tuple[str, ...] = ()  # a regimen's ingredients
    context: bool = False  # a regimen name that counts only next to a treatment word


def _dictionary_path() -> Path:
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    assert spec and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "drug_ner_dictionary.pkl.bz2"


def _package_stopwords() -> set[str]:
    """The package's own stop list (`util.stopwords`), read from its source: importing the package runs its
    `__init__`, which builds its finder's structures (~350 MB) that casecourse never uses."""
    source = (_dictionary_path().parent / "util.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "stopwords" for t in node.targets):
            return set(ast.literal_eval(node.value))
    raise RuntimeError("drug_named_entity_recognition/util.py has no stopwords list")


def _kind(data: dict) -> str | None:
    if data.get("drugbank_id"):
        return "drug"
    if any(t.startswith(_CLASS_TREES) for t in data.get("mesh_tree") or ()):
        return "class"
    return "drug" if data.get("medline_plus_id") else None


def _lab_names() -> set[str]:
    """Names and synonyms of the laboratory catalogue: such a name is an analyte unless given."""
    out: set[str] = set()
    for r in table("labs.csv"):
        out.update(s.strip().lower() for s in [r["name"], *r["synonyms"].split("|")] if s.strip())
    return out


def _build() -> tuple[dict[str, DrugEntry], ahocorasick.Automaton]:
    with bz2.open(_dictionary_path(), "rb") as f:
        d = pickle.load(f)  # the package's own shipped file, read the way the package reads it
    stopwords = _package_stopwords()
    overrides = table("drug_overrides.csv")
    rename = {r["variant"]: r["target"] for r in overrides if r["action"] == "rename"}
    ignore = {r["variant"] for r in overrides if r["action"] == "ignore"}
    classes = {r["variant"] for r in overrides if r["action"] == "class"}
    analytes = {r["variant"] for r in overrides if r["action"] == "analyte"} | _lab_names()
    v2c, c2d, vdata = d["drug_variant_to_canonical"], d["drug_canonical_to_data"], d["drug_variant_to_variant_data"]
    lex: dict[str, DrugEntry] = {}
    for variant, canon in v2c.items():
        if len(variant) < 4 or variant in stopwords or variant in ignore or not canon or \
                not (variant[0].isalnum() and variant[-1].isalnum()):
            continue
        data = c2d.get(canon[0], {})
        kind = _kind(data)
        if kind is None and canon[0] not in rename:
            continue
        name = rename.get(canon[0], canon[0])
        kind = "class" if name in classes else kind or "drug"
        brand = variant != canon[0] and bool((vdata.get(variant) or {}).get("is_brand", True))
        lex[variant] = DrugEntry(name, kind, data.get("drugbank_id"), brand, variant in analytes)
    for r in overrides:
        known = lex.get(r["variant"])
        if r["action"] == "analyte" and known and known.kind == "drug":
            lex[r["variant"]] = DrugEntry(known.ingredient, "drug", known.drugbank, known.brand, True)
        elif r["action"] in ("add", "analyte"):
            base = lex.get(r["target"])
            kind = "class" if r["target"] in classes else "drug"
            lex[r["variant"]] = DrugEntry(base.ingredient if base and r["action"] == "analyte" else r["target"], kind,
                                          base.drugbank if base else None, False, r["action"] == "analyte")
    for r in table("therapy_terms.csv"):
        kind = "class" if r["kind"] == "class" else "therapy"
        forms = [r["written"]] + ([r["written"] + "s"] if kind == "class" and r["written"][-1] not in "sy" else [])
        for form in forms:
            lex.setdefault(form.lower(), DrugEntry(r["norm"], kind, None, False, r.get("context") == "yes"))
    for r in table("regimens.csv"):
        ingredients = tuple(i.strip() for i in r["ingredients"].split(";"))
        for form in r["variants"].split("|"):
            lex[form.lower()] = DrugEntry(r["regimen"], "regimen", None, False, False, ingredients,
                                          r["context"] == "yes")
    pool: dict[DrugEntry, DrugEntry] = {}  # one object per distinct entry (61k names, 23k entries)
    lex = {variant: pool.setdefault(entry, entry) for variant, entry in lex.items()}
    auto = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)  # the matched name is the text's slice
    for variant in lex:
        auto.add_word(variant)
    auto.make_automaton()
    return lex, auto


def _knowledge_paths() -> list[Path]:
    base = resources.files("casecourse.knowledge")
    return [Path(str(base.joinpath(n))) for n in _KNOWLEDGE]


@cache
def lexicon() -> tuple[dict[str, DrugEntry], ahocorasick.Automaton]:
    return cached("drug_lexicon", file_key(_dictionary_path(), *_knowledge_paths()) + _BUILDER_VERSION, _build)


@cache
def drug_facts() -> dict[str, dict[str, str]]:
    """ingredient -> {drug_class, mechanism, atc} from knowledge/drugs.csv."""
    return {r["ingredient"]: r for r in table("drugs.csv")}


@cache
def table_abbreviations() -> dict[str, str]:
    return {r["abbreviation"]: r["expansion"] for r in table("abbreviations.csv") if r["type"] == "drug"}


@cache
def _table_resolved() -> dict[str, list[DrugEntry]]:
    """The table's abbreviations whose long form is a drug the lexicon knows, with that drug (callers copy it)."""
    return {sf: [e] for sf, lf in table_abbreviations().items() if (e := lookup(lf))}


def lookup(name: str) -> DrugEntry | None:
    """The drug a written name denotes, or None."""
    lex, _ = lexicon()
    return lex.get(name.lower().strip())


def _resolve(long_form: str) -> list[DrugEntry]:
    """The drugs a defined long form names: itself ("hydroxychloroquine"), or the names inside it
    ("cyclosporine A", "tazobactam/piperacillin" -> two drugs)."""
    whole = lookup(long_form)
    if whole:
        return [whole]
    lex, auto = lexicon()
    hits = [(s, e, lex[v]) for s, e, v in _longest_bounded(long_form, long_form.lower(), auto) if lex[v].kind == "drug"]
    rest = long_form
    for s, e, _ in hits:
        rest = rest[:s] + " " * (e - s) + rest[e:]
    # only a name made of drugs ("tazobactam/piperacillin", "cyclosporine A"), not a disease named after
    # one ("valproate hyperammonaemic encephalopathy"); a combination product's two ingredients are the product
    if not hits or not _LEFTOVER.fullmatch(rest):
        return []
    product = _product_pairs().get(frozenset(h[2].ingredient for h in hits)) if len(hits) == 2 else None
    return [product] if product is not None else [h[2] for h in hits]


def _mention(start: int, end: int, text: str, entry: DrugEntry, via: str | None = None,
             ingredient: str | None = None) -> Mention:
    name = ingredient or entry.ingredient
    facts = drug_facts().get(name, {})
    drugbank = entry.drugbank
    if ingredient:  # one ingredient of a regimen
        base = lookup(ingredient)
        drugbank = base.drugbank if base else None
    attrs: dict = {"drugbank": drugbank, "brand": entry.brand}
    if facts:
        attrs |= {"drug_class": facts["drug_class"], "mechanism": facts["mechanism"] or None,
                  "atc": facts["atc"] or None}
    if via:
        attrs["abbreviation_of"] = via
    if ingredient:
        attrs["regimen"] = entry.ingredient
    kind = {"drug": "drug", "regimen": "drug", "therapy": "therapy"}.get(entry.kind, "drug_class")
    return Mention.model_construct(type=kind, start=start, end=end, text=text[start:end], norm=name, attrs=attrs)


def _longest_bounded(text: str, lower: str, auto: ahocorasick.Automaton, joiners: str = "",
                     hyphened: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int, str]]:
    """Whole-word matches, longest first at each place, never overlapping. (The automaton's own
    leftmost-longest scan would let "l carnitine" inside "oral carnitine" hide "carnitine".) A name right after a
    hyphen is no whole word; with `hyphened` given, such names are put there (see `_hyphen_pairs`)."""
    hits = []
    n = len(text)
    # a whole word: no word character on either side (one character's `\w` is `isalnum() or == "_"`), no hyphen
    # before, no joiner after; tested inline, for this loop sees every name the automaton finds inside a word too
    for end_idx, length in auto.iter(lower):  # automata with STORE_LENGTH
        end = end_idx + 1
        if end < n:
            after = text[end]
            if after.isalnum() or after == "_" or after in joiners:
                continue
        start = end - length
        variant = lower[start:end]
        if start > 0 and text[start - 1] == "-":
            prefix = _NUMERAL_PREFIX.search(text, max(0, start - 3), start)
            if prefix:  # "6-mercaptopurine", "5-fluorouracil": the locant belongs to the name
                start = prefix.start()
        if start > 0:
            before = text[start - 1]
            if before == "-" and hyphened is not None:
                hyphened.append((start, end, variant))
                continue
            if before.isalnum() or before == "_" or before == "-":
                continue
        hits.append((start, end, variant))
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    out: list[tuple[int, int, str]] = []
    for h in hits:
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


def _hyphen_pairs(found: list[_Hit], hyphened: list[tuple[int, int, str]],
                  lex: dict[str, DrugEntry]) -> list[_Hit]:
    """A drug written right after another drug and a hyphen is the second ingredient of a combination
    ("sacubitril-valsartan 49/51 mg", "levodopa-carbidopa"), read as the slash form is: each ingredient its own
    mention on the joint span (`_combine`). Only two plain drugs, neither also an analyte: a name after a hyphen is
    otherwise part of a word ("non-steroidal"); a combination product of `combination_products.csv` stays one, and a
    product after one of its own ingredients ("trimethoprim-cotrimoxazole") is no second drug."""
    within = product_ingredients()
    ends = {e: entry for _, e, entry, via in found if via is None and entry.kind == "drug" and not entry.analyte}
    taken = {s for s, _, _, _ in found}
    out: list[_Hit] = []
    for s, e, variant in hyphened:
        entry = lex[variant]
        first = ends.get(s - 1)
        if first is not None and entry.kind == "drug" and not entry.analyte and s not in taken and \
                first.ingredient != entry.ingredient and first.ingredient not in within.get(entry.ingredient, ()):
            out.append((s, e, entry, None))
    return out


def _keep(text: str, start: int, end: int, entry: DrugEntry) -> bool | None:
    """Whether this name is a medication mention here (see reading/drug_context.py); None for a name
    that is also an analyte with no treatment word near it: kept only inside a list of kept drugs."""
    if entry.kind == "regimen":
        written = text[start:end]
        if sum(ch.isalpha() for ch in written) <= 5 and sum(ch.isupper() for ch in written) < 2:
            return False  # "map", "ice", "Bep": an ordinary word, not the acronym
        return not entry.context or drug_context.regimen_context(text, start, end)
    if drug_context.analyte_context(text, start, end, entry.analyte) or drug_context.list_context(text, start) \
            or drug_context.allergy_list(text, start):
        return False  # (an allergy list names what the patient must not take)
    if not entry.analyte or drug_context.treatment_context(text, start, end):
        return True
    return None


def _coordinated(text: str, found: list[_Hit], keep: list[bool | None]) -> list[bool]:
    """A name that is also an analyte counts when it is coordinated with a kept drug or therapy
    ("carnitine, thiamine, pyridoxine and folate were supplemented"): the decision spreads along the list."""
    order = sorted(range(len(found)), key=lambda i: found[i][0])
    changed = True
    while changed:
        changed = False
        for a, b in zip(order, order[1:], strict=False):
            pair = {keep[a], keep[b]}
            if pair == {True, None} and _COORDINATION.fullmatch(text, found[a][1], found[b][0]):
                keep[a] = keep[b] = True
                changed = True
    return [k is True for k in keep]


_Hit = tuple[int, int, DrugEntry, "str | None"]


def _combine(text: str, found: list[_Hit]) -> list[_Hit]:
    """Attach salt words to the name ("landiolol hydrochloride") and read a combination written
    "A/B", "A-B" or "A+B" as one span naming two drugs."""
    out: list[list] = []
    for s, e, entry, via in found:
        if entry.kind == "drug":
            m = _SUFFIX.match(text, e)
            e = m.end() if m else e
        out.append([s, e, entry, via])
    out = _products(text, out)
    run: list[list] = []  # "A/B/C": every ingredient of a combination shares the one span
    for a, b in zip(out, out[1:], strict=False):
        if a[2].kind == b[2].kind == "drug" and _COMBINATION.fullmatch(text, a[1], b[0]):
            run = run or [a]
            run.append(b)
            continue
        _share_span(run)
        run = []
    _share_span(run)
    return [(s, e, entry, via) for s, e, entry, via in out]


# what joins the two ingredients of a combination product: "A/B", "A - B", "A and B", "A plus B", "A with B", "A B"
_PRODUCT_JOIN = re.compile(r"\s*[/+\u2013-]\s*|\s+(?:and|plus|with|&)\s+|\s+", re.I)


@cache
def _product_pairs() -> dict[frozenset[str], DrugEntry]:
    """{first, second} -> the product's entry (knowledge/combination_products.csv)."""
    out = {}
    for r in table("combination_products.csv"):
        entry = lookup(r["product"])
        if entry is not None:
            out[frozenset((r["first"], r["second"]))] = entry
    return out


@cache
def product_ingredients() -> dict[str, frozenset[str]]:
    """A combination product's name -> its two ingredients (knowledge/combination_products.csv, by `_product_pairs`)."""
    return {entry.ingredient: pair for pair, entry in _product_pairs().items()}


def _products(text: str, hits: list[list]) -> list[list]:
    """Two ingredients of a fixed-dose combination product written next to each other, in either order
    ("piperacillin and tazobactam", "tazobactam/piperacillin", "amoxicillin with clavulanic acid"), are that one
    product, on their joint span: not two drugs, one of which would take the product's dose."""
    pairs = _product_pairs()
    out: list[list] = []
    for h in hits:
        if out and (a := out[-1])[2].kind == h[2].kind == "drug" and a[3] is None and h[3] is None and \
                (p := pairs.get(frozenset((a[2].ingredient, h[2].ingredient)))) is not None and \
                _PRODUCT_JOIN.fullmatch(text, a[1], h[0]):
            out[-1] = [a[0], h[1], p, None]
            continue
        out.append(h)
    return out


def _share_span(run: list[list]) -> None:
    if run:
        s, e = run[0][0], run[-1][1]
        for h in run:
            h[0], h[1] = s, e


def find(text: str, abbreviations: dict[str, str] | None = None) -> list[Mention]:
    """Drug, drug-class and therapy mentions; `abbreviations` (short form -> long form) are those the
    text defines, which take precedence over the table of common ones."""
    lex, auto = lexicon()
    lower = lower_of(text)
    if "\u2013" in lower:  # "piperacillin–tazobactam": an en dash joins a combination's names as a hyphen does
        lower = lower.replace("\u2013", "-")
    found: list[_Hit] = []
    hyphened: list[tuple[int, int, str]] = []
    for start, end, variant in _longest_bounded(text, lower, auto, hyphened=hyphened):
        found.append((start, end, lex[variant], None))
    if hyphened:
        found.extend(_hyphen_pairs(found, hyphened, lex))
    abbr = dict(table_abbreviations())
    resolved = dict(_table_resolved())
    for sf, lf in (abbreviations or {}).items():
        entries = _resolve(lf)
        if entries:
            abbr[sf], resolved[sf] = lf, entries
        else:  # the text says what it means ("endomyocardial biopsy (EMB)"): not the table's drug
            resolved.pop(sf, None)
    if resolved:
        taken = bytearray(len(text) + 1)
        for s, e, _, _ in found:
            taken[s:e] = b"\x01" * (e - s)
        for s, e, form in _longest_bounded(text, text, _abbreviation_automaton(tuple(sorted(resolved))), "-"):
            if not any(taken[s:e]):
                found.extend((s, e, entry, abbr[form]) for entry in resolved[form])
    keep = _coordinated(text, found, [_keep(text, h[0], h[1], h[2]) for h in found])
    found = sorted((h for h, k in zip(found, keep, strict=True) if k), key=lambda x: (x[0], -x[1]))
    found_starts = [h[0] for h in found]
    out: list[Mention] = []
    covered = 0
    for s, e, entry, via in _combine(text, found):
        if s < covered and entry.kind == "therapy":
            continue  # the head noun of a regimen's name ("R-CHOP chemotherapy")
        if entry.kind == "regimen":
            head = _REGIMEN_HEAD.match(text, e)
            e = covered = head.end() if head else e
            listed = _listed_after(text, e, found, found_starts)
            out.extend(_mention(s, e, text, entry, via, ingredient) for ingredient in entry.ingredients
                       if not _substituted(ingredient, listed))
        else:
            out.append(_mention(s, e, text, entry, via))
    return out


_LIST_AFTER = re.compile(r"\s*\(([^()]{3,200})\)")


def _listed_after(text: str, end: int, found: list[_Hit], starts: list[int]) -> set[str]:
    """The drugs a regimen's name lists in parentheses right after it: "R-CHOP (rituximab, ..., prednisolone)".
    `found`: the hits in order of start, `starts` theirs (those in the brackets found by bisection)."""
    m = _LIST_AFTER.match(text, end)
    if m is None:
        return set()
    inside = found[bisect.bisect_left(starts, m.start(1)):bisect.bisect_left(starts, m.end(1))]
    return {entry.ingredient for _, _, entry, _ in inside if entry.kind == "drug"}


def _substituted(ingredient: str, listed: set[str]) -> bool:
    """The regimen's own list names another member of the ingredient's class in its place: R-CHOP given with
    prednisolone (as British protocols write it) has no prednisone."""
    if not listed or ingredient in listed:
        return False
    facts = drug_facts()
    cls = (facts.get(ingredient) or {}).get("drug_class")
    return bool(cls) and any((facts.get(d) or {}).get("drug_class") == cls for d in listed)


@lru_cache(maxsize=256)
def _abbreviation_automaton(forms: tuple[str, ...]) -> ahocorasick.Automaton:
    """Short forms are matched as written (case-sensitive)."""
    auto = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for form in forms:
        auto.add_word(form)
    auto.make_automaton()
    return auto
