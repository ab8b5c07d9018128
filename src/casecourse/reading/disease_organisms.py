"""Micro-organisms named as the patient's infection: "Klebsiella pneumoniae", "infected with herpes simplex virus",
"E. coli bacteraemia". A genus and its species epithet, or an organism after "infection caused by / due to", is an
infection (`diseases.find` types it); a word of an institution's name ("Shock Trauma Center") is not."""
from __future__ import annotations

import re
from functools import lru_cache

from casecourse.model import Mention
from casecourse.reading.disease_index import (
    DiseaseIndex,
    _new,
)
from casecourse.reading.organisms import misspelled_binomial
from casecourse.reading.rx_first import finditer

_NOT_NAMES = frozenset({"the", "this", "that", "his", "her", "their", "our", "a", "an", "in", "of", "no", "and",
                        "or", "with", "for", "other", "such", "any", "its", "both", "was", "is", "which"})


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


_TITLE_BEFORE = re.compile(r"\b[A-Z][a-z]+[ \t]+(?:for|on|against)[ \t]+(?:[A-Z][A-Za-z]*[-– \t]+)*$")


# capitalised words up to the noun of a body: "Shock Trauma Center", "Cancer Institute", "Stroke Unit", "Hemophilia
# Diagnosis and Treatment Centre" ("and" or "&" between two capitalised words), on one line (not a list's next items:
# "- Gout\n- Asthma\n\nBrief Hospital Course")
_BODY_AFTER = re.compile(r"(?:(?:[ \t]+(?:and|&))?[- \t]+[A-Z][a-z]+){0,4}[ \t]+"
                         r"(?:Center|Centre|Hospital|Institute|Clinic|"
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
