"""Organisms named in the text: "cultures grew Klebsiella pneumoniae", "negative for adenovirus", "Staphylococcus
aureus was isolated" (the organism rows of `knowledge/workup_terms.csv`, which the work-up reader uses too).

One `organism` mention per name (the longest written form where forms overlap), `norm` the organism. Left out:
adjectives ("viral", "parasitic", "pneumococcal", "mycobacterial"), which name no organism; the generic nouns
("bacteria", "parasites", "fungi") are kept ("no parasites were seen"). A name inside a longer mention gives way
to it in the pipeline ("Aspergillus pneumonia" is a diagnosis, "HIV serology" a test), and a form that is also a
disease ("tuberculosis", "syphilis") is read as the disease there. The course does not use them.
"""
from __future__ import annotations

import re
from functools import cache

import ahocorasick

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import dict_scan, leftmost_longest
from casecourse.reading.rx_first import lower_of


@cache
def _automaton() -> ahocorasick.Automaton:
    keys: dict[str, tuple[str, str | None]] = {}
    for r in table("workup_terms.csv"):
        if r["kind"] != "organism":
            continue
        for form in r["synonyms"].split("|"):
            form = form.strip()
            if not form or form.endswith(("al", "ic")):
                continue
            exact = form if sum(c.isupper() for c in form) >= 2 else None  # "CMV", "MRSA", "HIV-1"
            keys.setdefault(form.lower(), (r["canonical"], exact))
    auto = ahocorasick.Automaton()
    for key, (name, exact) in keys.items():
        auto.add_word(key, (len(key), name, exact))
    auto.make_automaton()
    return auto


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def find(text: str) -> list[Mention]:
    found: list[tuple[int, int, str]] = []
    for end_idx, (length, name, exact) in dict_scan.hits(_automaton(), lower_of(text)):
        end = end_idx + 1
        start = end - length
        if _word_char(text, end) or _word_char(text, start - 1):
            continue
        if exact is None or text[start:end] == exact:
            found.append((start, end, name))
    return [Mention.model_construct(type="organism", start=start, end=end, text=text[start:end], norm=name)
            for start, end, name in leftmost_longest(found)]


@cache
def _forms() -> frozenset[str]:
    """Every written form of an organism (knowledge/workup_terms.csv), in lower case."""
    return frozenset(f.strip().lower() for r in table("workup_terms.csv") if r["kind"] == "organism"
                     for f in r["synonyms"].split("|") if f.strip())


@cache
def _result_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A result word before a name ("cultures grew X", "positive for X") and one told after it ("X was isolated"),
    from the pos and pos_verb rows of knowledge/workup_terms.csv."""
    words = sorted({w.strip() for r in table("workup_terms.csv") if r["kind"] in ("pos", "pos_verb")
                    for w in r["synonyms"].split("|") if w.strip()}, key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    before = re.compile(rf"\b(?:{alt})(?:\s+for)?\b[^.;:]{{0,40}}$", re.I)
    after = re.compile(rf"\s+(?:type\s+b\b|(?:was|were)\s+(?:\w+\s+)?(?:{alt}|identified|recovered|cultured)\b)", re.I)
    return before, after


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


def known_binomial(text: str, start: int) -> bool:
    """Whether the word at `start` (a species epithet: "pneumoniae") completes, with the word before it, an organism's
    binomial of knowledge/workup_terms.csv however cased ("mycoplasma pneumoniae"): the organism, not a disease."""
    genus = _WORD_BEFORE.search(text, max(0, start - 30), start)
    epithet = re.match(r"[A-Za-z]+", text[start:start + 40])
    return bool(genus and epithet) and f"{genus.group(1)} {epithet.group()}".lower() in _forms()


@cache
def _strain_rx() -> re.Pattern[str]:
    """A strain's resistance or product told before its name ("ESBL-producing", "methicillin-resistant"): only an
    organism is so qualified (knowledge/workup_terms.csv `strain_qualifier`)."""
    words = sorted({w.strip() for r in table("workup_terms.csv") if r["kind"] == "strain_qualifier"
                    for w in r["synonyms"].split("|") if w.strip()}, key=len, reverse=True)
    return re.compile(rf"[\w-]-(?:{'|'.join(map(re.escape, words))})\s+$", re.I)


def misspelled_binomial(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` ("Streptococcus pneumonia", "Haemophilus influenza") is an organism's binomial
    written without its epithet's last letter, told as what a test found ("cultures grew Streptococcus pneumonia",
    "Haemophilus influenza type b"): the organism, not the disease its epithet resembles. Without such a result
    ("a child with Mycoplasma pneumonia") the words name the infection; a strain's qualifier ("ESBL-producing
    Klebsiella pneumonia") makes them the organism too."""
    if " ".join(text[start:end].lower().split()) + "e" not in _forms():
        return False
    before, after = _result_rx()
    return (before.search(text, max(0, start - 80), start) is not None or after.match(text, end) is not None
            or _strain_rx().search(text, max(0, start - 40), start) is not None)
