"""Qualitative lab results: "elevated LDH", "C3 and C4 were low", "ANA positive", "positive for
anti-Sm", "blood cultures were negative", "hyperferritinaemia".

Tests separated only by commas, "and"/"or" and words like "levels" or "antibodies" form one
coordinated group that shares the adjective before or after it ("X, Y and Z antibodies were
positive"); a POS/NEG result carries over to a group joined by "alongside", "as well as", "with"
("ANA were positive, alongside anti-Ro52 and anti-Sm antibodies").
"""
from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

import ahocorasick

from casecourse.model import Mention
from casecourse.reading.labs_catalogue import LabTest, TestHit, catalogue, expand
from casecourse.reading.rx_first import anchored

_INTERP = {
    "H": ["elevated", "raised", "high", "higher", "increased", "increasing", "rising", "elevation",
          "increase", "rise",
          "above normal", "above the normal range", "above the upper limit of normal", "abnormally high"],
    "L": ["low", "lower", "decreased", "decreasing", "reduced", "depressed", "diminished", "consumed",
          "decrease", "drop",
          "below normal", "below the normal range", "abnormally low"],
    "N": ["normal", "normalized", "normalised", "normalization", "normalisation", "unremarkable",
          "within normal limits", "within normal limit",
          "within normal range", "within normal ranges", "within the normal range", "within reference range",
          "within reference ranges", "within the reference range", "within the reference ranges",
          "within reference intervals", "within normal values", "in the normal range", "normal range",
          "within the normal limits"],
    "POS": ["positive", "reactive", "detected", "seropositive", "positivity"],
    "NEG": ["negative", "nonreactive", "non-reactive", "not detected", "undetectable", "sterile",
            "seronegative", "negativity", "no growth"],
    "A": ["abnormal", "deranged", "altered"],
}
_WORD2INTERP = {w: k for k, ws in _INTERP.items() for w in ws}
_DEG = (r"(?:(?:very|markedly|mildly|slightly|significantly|severely|moderately|extremely|highly|"
        r"persistently|marginally|massively|strongly|weakly|grossly|substantially|dramatically|notably|"
        r"remarkably|considerably|minimally|borderline|abnormally|diffusely|also|both|all|still|again|"
        r"further|only)\s+)*")
_ADJ = "|".join(sorted((re.escape(w) for w in _WORD2INTERP), key=len, reverse=True))
_FILL = (r"(?:serum|plasma|blood|urine|urinary|the|of|levels?|titers?|titres?|concentrations?|count|"
         r"counts|values?|a|an|and|in)")
_PRE = anchored(rf"(?P<adj>{_DEG}(?:{_ADJ}))\s+(?:{_FILL}\s+)*$", re.I)
_PRE_FOR = anchored(r"(?P<adj>(?:tested\s+|was\s+|were\s+)?(?:strongly\s+|weakly\s+)?"
                    r"(?:positive|negative|reactive|seropositive|seronegative))\s+(?:for|to)\s+"
                    r"(?:the\s+|an?\s+)?$", re.I)
_POST = re.compile(
    rf"\s*(?:\([^()]{{0,40}}\)\s*)?(?:(?:levels?|counts?|antibod(?:y|ies)|titers?|titres?|tests?|"
    rf"concentrations?|values?|results?|activity|serology|screen(?:ing)?|assays?|were|was|is|are|remained|"
    rf"became|came back|returned|tested|proved|turned|appeared|be|been|had|has|have|found to be|"
    rf"noted to be|to be|all|both|also|still|persistently|again|repeatedly|initially|subsequently|"
    rf"later|now|in this patient|in our patient),?\s+|\([^()]{{0,40}}\)\s*)*?"
    rf"-?(?P<adj>{_DEG}(?:{_ADJ}))(?![\w-])", re.I)
_SEP = re.compile(
    r"(?:\s|,|/|\b(?:and|or|as well as|plus|serum|plasma|levels?|counts?|antibod(?:y|ies)|titers?|"
    r"titres?|tests?|concentrations?|values?|activity|the|in)\b)*", re.I)
_CARRY = re.compile(r"\s*,?\s*(?:alongside|along with|as well as|together with|with|and|plus|"
                    r"in addition to|as were|as was)\s+(?:(?:the|for|to)\s+)?$", re.I)
_BOUNDARY = re.compile(r"[.;!?](?:\s|$)|\n")


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("casecourse.knowledge").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _variants(term: str) -> set[str]:
    """US spelling -> British variants by rule (-emia/-aemia, leuk-/leuc-, hem-/haem-)."""
    out = {term}
    for a, b in (("emia", "aemia"), ("leuk", "leuc"), ("hem", "haem"), ("cytopenia", "cytopaenia")):
        out |= {v.replace(a, b) for v in out}
    return out


Compound = tuple[int, int, tuple[str, ...], str]  # start, end, tests, interpretation


@cache
def _compound_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for r in _rows("lab_findings.csv"):
        tests = tuple(t for t in r["tests"].split("|") if t)
        for v in _variants(r["term"]):
            for form in (v, v + "s"):
                auto.add_word(form, (len(form), tests, r["interpretation"]))
    auto.make_automaton()
    return auto


def find_compounds(text: str) -> list[Compound]:
    """Whole-word matches of the lab_findings.csv terms (and British variants), longest first."""
    lower = text.lower()
    n = len(text)
    found: list[Compound] = []
    for end_idx, (length, tests, interp) in _compound_automaton().iter(lower):
        start, end = end_idx - length + 1, end_idx + 1
        if (start and lower[start - 1].isalnum()) or (end < n and lower[end].isalnum()):
            continue
        found.append((start, end, tests, interp))
    found.sort(key=lambda c: (c[0], c[0] - c[1]))
    out: list[Compound] = []
    for c in found:
        if not out or c[0] >= out[-1][1]:
            out.append(c)
    return out


def compound_anchors(compounds: list[Compound]) -> list[TestHit]:
    """Compound words naming one test ("hyperferritinaemia") anchor a value written after them."""
    cat = catalogue()
    return [TestHit(s, e, cat[tests[0]]) for s, e, tests, _ in compounds if len(tests) == 1]


def _mention(text: str, start: int, end: int, test: LabTest, interp: str, rule: str) -> Mention:
    # a compound word ("thrombocytopenia") is a finding whose lab reading is derived: `lab_finding`, not a value span
    kind = "lab_finding" if rule == "compound" else "lab_value"
    return Mention(type=kind, start=start, end=end, text=text[start:end], norm=test.name,
                   attrs={"test": test.name, "loinc": test.loinc, "interpretation": interp, "rule": rule})


def _groups(text: str, hits: list[TestHit]) -> list[list[TestHit]]:
    groups: list[list[TestHit]] = []
    for h in hits:
        if groups and _SEP.fullmatch(text, groups[-1][-1].end, h.start) and h.start - groups[-1][-1].end < 40:
            groups[-1].append(h)
        else:
            groups.append([h])
    return groups


def interpretation(word: str) -> str | None:
    """The interpretation code (H/L/N/POS/NEG/A) a result word states on its own ("positive" -> POS), if any."""
    return _WORD2INTERP.get(word.lower())


def _interp_of(adj: str) -> str:
    words = adj.lower().lstrip("-").split()
    while words:
        key = " ".join(words)
        if key in _WORD2INTERP:
            return _WORD2INTERP[key]
        words = words[1:]
    return "A"


@cache
def _adjective_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in _WORD2INTERP:
        auto.add_word(w.lower(), w)
    auto.make_automaton()
    return auto


def _may_hold_adjective(window: str) -> bool:
    """False only when no result adjective occurs in the window, so `_PRE` (searched at every position of
    the window, ~50 us) cannot match. An ASCII text lower-cases as `re.I` folds it; other text is searched."""
    if not window.isascii():
        return True
    return next(_adjective_automaton().iter(window.lower()), None) is not None


def find_qualitative(text: str, hits: list[TestHit], compounds: list[Compound]) -> list[Mention]:
    out: list[Mention] = []
    cat = catalogue()
    for start, end, tests, interp in compounds:
        for name in tests:
            out.append(_mention(text, start, end, cat[name], interp, "compound"))
    groups = _groups(text, hits)
    carried: str | None = None
    carried_end = -1
    for gi, group in enumerate(groups):
        g_start, g_end = group[0].start, group[-1].end
        nxt = groups[gi + 1][0].start if gi + 1 < len(groups) else len(text)
        bound = _BOUNDARY.search(text, g_end, min(nxt, g_end + 120))
        limit = bound.start() if bound else min(nxt, g_end + 120)
        prev_bound = max((b.end() for b in _BOUNDARY.finditer(text, max(0, g_start - 80), g_start)),
                         default=max(0, g_start - 80))
        span: tuple[int, int] | None = None
        post = _POST.match(text, g_end, limit)
        if post:
            span = post.span("adj")
        else:
            window = text[prev_bound:g_start]
            pre = (_PRE.search(window) if _may_hold_adjective(window) else None) or _PRE_FOR.search(window)
            if pre:
                span = (prev_bound + pre.start("adj"), prev_bound + pre.end("adj"))
        if span is not None:
            s, e = span
            adj = text[s:e]
            interp = _interp_of(adj)
            lead = len(adj) - len(adj.lstrip("-"))
            for h in group:
                for t in expand(h.test):
                    out.append(_mention(text, s + lead, e, t, interp, "adjective"))
            carried, carried_end = (interp if interp in ("POS", "NEG") else None), e
            continue
        if carried and _CARRY.fullmatch(text, carried_end, g_start):
            for h in group:
                for t in expand(h.test):
                    out.append(_mention(text, h.start, h.end, t, carried, "carried"))
            carried_end = g_end
            continue
        carried = None
    return out
