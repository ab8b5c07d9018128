"""Diagnoses named by a short form or a gene: a short form the text defines ("leptomeningeal metastases (LM)", or
the long form in brackets after it), its later uses, initials of a diagnosis found ("CMT"), named short forms of the
index (knowledge/abbreviations.csv) and gene or protein variants before a disease noun ("JAK2V617F-positive")."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from casecourse.model import Mention
from casecourse.reading.disease_index import (
    DiseaseIndex,
    _cue_words,
    _keys,
    _new,
)
from casecourse.reading.phenotypes import _fits
from casecourse.reading.rx_keys import starting_with

_DEFINED = re.compile(r"[”’\"']?\s*\(([A-Z][A-Za-z0-9-]{1,9})\)")  # also after a closing quote: “X” (XS)


# a short form written in lower case ("medullary thyroid carcinoma ( mtc )", as some converted pages print them)
_DEFINED_LOWER = re.compile(r"\s*\(\s?([a-z]{3,6})\s?\)")


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
