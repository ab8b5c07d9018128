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

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.reading import dict_scan
from casecourse.reading.labs_catalogue import LabTest, TestHit, catalogue, expand, find_tests
from casecourse.reading.rx_first import anchored, lower_of, lower_text
from casecourse.reading.rx_keys import match_lowered, may_hold, search_lowered
from casecourse.reading.timex_lexicon import alternation

_INTERP = {
    "H": ["elevated", "raised", "high", "higher", "increased", "increasing", "rising", "elevation",
          "increase", "rise", "prolonged", "supranormal",
          "above normal", "above the normal range", "above the upper limit of normal", "abnormally high",
          "above the normal level", "above normal levels", "above the reference range"],
    "L": ["low", "lower", "decreased", "decreasing", "reduced", "depressed", "diminished", "consumed",
          "decrease", "drop", "shortened", "subnormal",
          "below normal", "below the normal range", "abnormally low", "below the normal level",
          "below normal levels", "below the level of normal", "below the lower limit of normal",
          "below the reference range"],
    "N": ["normal", "normalized", "normalised", "normalization", "normalisation", "unremarkable",
          "within normal limits", "within normal limit",
          "within normal range", "within normal ranges", "within the normal range", "within reference range",
          "within reference ranges", "within the reference range", "within the reference ranges",
          "within reference intervals", "within normal values", "in the normal range", "normal range",
          "in a normal range", "in normal range", "in normal ranges", "in the normal ranges", "within a normal range",
          "within the normal ranges", "in the reference range", "in the normal limits",
          "within the normal limits"],
    "POS": ["positive", "reactive", "detected", "seropositive", "positivity"],
    "NEG": ["negative", "nonreactive", "non-reactive", "not detected", "undetectable", "sterile",
            "seronegative", "negativity", "no growth", "absent"],  # ("NK-cell activity was absent")
    "A": ["abnormal", "deranged", "altered", "irregular"],
}
_WORD2INTERP = {w: k for k, ws in _INTERP.items() for w in ws}
_SIGNS_ABSENT = frozenset({"pulse", "pulses", "peripheral pulses", "carotid pulse"})
# result words that are also verbs in the infinitive: after "to" they state an aim, no result ("calcitonin was given to
# decrease calcium levels", "to lower the potassium"; round labqa12)
_AIM_VERBS = frozenset({"increase", "decrease", "lower"})
# (not "led to decrease in blood pressure": a noun after a preposition, the change that came)
_AIM_BEFORE = re.compile(r"(?<!\bled )(?<!\blead )(?<!\bleads )(?<!\bleading )(?<!\bdue )\b(?:in\s+order\s+)?"
                         r"to\s+(?:further\s+)?$", re.I)
_NOUN_AFTER = re.compile(r"\s+(?:in|of)\b", re.I)  # "an increase in", "a decrease of": the noun
_DEG = (r"(?:(?:very|markedly|mildly|slightly|significantly|severely|moderately|extremely|highly|"
        r"persistently|marginally|massively|strongly|weakly|grossly|substantially|dramatically|notably|"
        r"remarkably|considerably|minimally|borderline|abnormally|diffusely|exceedingly|also|both|all|still|again|"
        r"further|only)\s+)*")
_ADJ = "|".join(sorted((re.escape(w) for w in _WORD2INTERP), key=len, reverse=True))
_FILL = (r"(?:serum|plasma|blood|urine|urinary|the|of|both|levels?|titers?|titres?|concentrations?|count|"
         r"counts|values?|a|an|and|in)")
# ("absent" only after its test: "NK-cell activity was absent"; "absent urine output", "absent pulses" and a table's
# "Low or absent NK-cell activity: not measured" name a sign or a criterion, not a result)
_ADJ_BEFORE = "|".join(sorted((re.escape(w) for w in _WORD2INTERP if w != "absent"), key=len, reverse=True))
_PRE = anchored(rf"(?P<adj>{_DEG}(?:{_ADJ_BEFORE}))\s+(?:{_FILL}\s+)*$", re.I)
# the cells a stain marks, after "X-positive": "IgG4-positive plasma cells", "CD20-positive B cells"
_STAINED_CELLS = re.compile(r"\s+(?:\w+\s+){0,2}?(?:cells?|lymphocytes|blasts|infiltrates?|histiocytes|neutrophils)\b",
                            re.I)
# "and" right after a result adjective: no attributive of the test after it ("requirement decreased and ferritin")
_AND_AFTER = re.compile(r"\s+and\b", re.I)
# a copula right before a result adjective: the adjective is said of what comes before it ("X was positive")
_PREDICATE_BEFORE = re.compile(r"\b(?:was|were|is|are|remained|became|proved|returned|be|been)\s+$", re.I)
_PRE_FOR = anchored(r"(?P<adj>(?:tested\s+|was\s+|were\s+)?(?:strongly\s+|weakly\s+)?"
                    r"(?:positive|negative|reactive|seropositive|seronegative|positivity|negativity))\s+(?:for|to)\s+"
                    r"(?:the\s+|an?\s+)?$", re.I)
_POST = re.compile(
    rf"\s*\)?\s*(?:,\s*(?=(?:were|was|are|is|remained)\s))?"
    # "potassium (3.8 mEq/L), were normal": a comma after the value's bracket, before the copula
    rf"(?:\([^()]{{0,40}}\)\s*(?:,\s*(?=(?:were|was|are|is|remained)\s))?)?(?:(?:levels?|counts?|antibod(?:y|ies)|titers?|titres?|tests?|"
    rf"concentrations?|values?|results?|activit(?:y|ies)|serology|screen(?:ing)?|assays?|were|was|is|are|remained|"
    # "CRP returned to normal", "came back to the normal range" (round labqa12)
    rf"(?:returned|came back|went back)\s+to(?:\s+the)?|"
    rf"became|came back|returned|tested|proved|turned|appeared|be|been|had|has|have|found to be|"
    rf"noted to be|to be|all|both|also|still|persistently|again|repeatedly|initially|subsequently|"
    rf"later|now|in this patient|in our patient|fall|falls|fell|lie|lies|lay|lying|continued to|continue to|"
    rf"continues to|began to|started to|stayed|remain|remains|were found|was found|in),?\s+|"
    rf"\([^()]{{0,40}}\)\s*)*?"
    rf"-?(?P<adj>{_DEG}(?:{_ADJ}))(?![\w-])", re.I)
# (a bracket holding no digit between tests: "aspartate aminotransferase (AST) and alanine aminotransferase (ALT)")
_SEP = re.compile(
    r"(?:\s|,|/|[()]|\b(?:and|or|as well as|plus|serum|plasma|levels?|counts?|antibod(?:y|ies)|titers?|serology|"
    r"serologies|titres?|tests?|concentrations?|values?|activit(?:y|ies)|the|in)\b)*", re.I)
_CARRY = re.compile(r"\s*,?\s*(?:alongside|along with|as well as|together with|with|and|plus|"
                    r"in addition to|as were|as was)\s+(?:(?:the|for|to)\s+)?$", re.I)
_BOUNDARY = re.compile(r"[.;!?\n](?:(?<=[.;!?])(?:\s|$)|(?<=\n))")  # `[.;!?](?:\s|$)|\n`, led by one class
# a change word: with a value it moved to, or in a perfect tense, it states a trend, not whether the level is normal
_TREND = re.compile(r"(?:increased|decreased|rose|fell|dropped|declined|improved|worsened|increasing|decreasing|"
                    r"rising|falling|climbing)\b", re.I)
_TO_VALUE = re.compile(r"\s+(?:further\s+)?(?:to|from|by)\s+(?:a\s+|about\s+|approximately\s+)?[<>≤≥]?\s*\d", re.I)
# the gap between the tests of a list a result word heads ("included white cell count and differential, hemoglobin,
# RDW, and ..."): commas, "and"/"or", brackets and a few words with no verb; it ends with ",", "and" or "("
_LIST_ON = re.compile(r"(?:\s*(?:,|\band\b|\bor\b|\([^()\d]{0,30}\)|[()]|"
                      r"(?!(?:was|were|is|are|but|while|with|which|that|who|had|has)\b)[a-z][\w-]*)\s*){0,6}", re.I)
_LIST_ON_END = re.compile(r"(?:,|\band|\bor|\()\s*$", re.I)
_PERFECT = re.compile(r"\b(?:had|has|have)\s+(?:\w+ly\s+)?$", re.I)
# a list of tests each with its value in brackets: "elevated ferritin (900 ng/mL), LDH (600 U/L) and ALT (120 U/L)",
# "sodium (128 mmol/L) and potassium (2.9 mmol/L) were low": the gap from one test to the next is its bracketed value
# and a comma or "and"; the result word before (or, with a plural copula, after) the list is said of every test
# (a short form opening the bracket is a test of its own: "lactate dehydrogenase (LDH, 600 U/L), ferritin (...)")
_BRACKETED = r"(?:\s*\(|\s*[,;:]\s*)[^()]{0,40}\d[^()]{0,40}\)"
_VALUED_GAP = re.compile(rf"(?:{_BRACKETED}\s*(?:,\s*(?:and\s+)?|and\s+)|\s*\()", re.I)
_LEVELS = frozenset({"H", "L", "N", "A"})  # the results a value has as a level
_COPULA = re.compile(r"\b(?:was|were|is|are|remained)\b", re.I)  # a list with a predicate of its own after it
# between a result word and the next tests' names: nothing but blanks and filler words ("normal serum C3")
_ATTRIBUTIVE_GAP = re.compile(rf"\s+(?:{_FILL}\s+)*")
_VALUE_NEXT = re.compile(r"\s*\([^()]{0,40}\d", re.I)  # the next test's own bracketed value follows its name
# between a test's bracketed value and the result word after it: "potassium (2.9 mmol/L) was low"
_VALUED_COPULA = re.compile(rf"{_BRACKETED}\s*,?\s*(?P<cop>was|were|is|are)\s+$", re.I)


@cache
def exception_before() -> re.Pattern[str]:
    """A phrase of `knowledge/exception_phrases.csv` ("except for", "apart from"): what follows it is set apart from
    a result said before it."""
    phrases = sorted((r["phrase"] for r in table("exception_phrases.csv")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b", re.I)


# after a panel: a colon or a bracket opening the members it names ("high inflammatory markers: CRP 182 mg/L, ...")
_MEMBERS_OPEN = re.compile(r"\s*(?:levels?|values?|parameters?)?\s*[:(]\s*", re.I)
# after a member's name: its value ("CRP 182", "CRP: 22", "CRP of 120", "CRP (120")
_VALUE_AFTER = re.compile(r"\s*(?:[:=(]|of|was|is|at)?\s*[<>≤≥]?\s*\d", re.I)


def _named_members(text: str, panel: TestHit, hits: list[TestHit], interp: str, s: int, e: int) -> list[Mention]:
    """The members of a panel said abnormal that the text names with their values right after it, after a colon or
    in a bracket ("high inflammatory markers: CRP 182 mg/L, ESR 90 mm/h", "elevated inflammatory markers (CRP: 22,
    ESR: 110)"): each takes the panel's result word, as the value after its name."""
    opened = _MEMBERS_OPEN.match(text, panel.end)
    if opened is None:
        return []
    end = _sentence_end(text, opened.end())
    members = {t.name for t in expand(panel.test)}
    return [_valued(_mention(text, s, e, h.test, interp, "named members", _written(text, h)), _after_label(text, h.end))
            for h in hits if opened.end() <= h.start < end and h.test.name in members
            and _VALUE_AFTER.match(text, h.end)]


def _excepted(text: str, at: int, hits: list[TestHit]) -> frozenset[str]:
    """The tests named after an exception phrase later in the sentence of `at` ("electrolytes were normal other than
    potassium"): the members of a panel said normal there that the text sets apart."""
    end = _sentence_end(text, at)
    m = exception_before().search(text, at, end)
    if m is None:
        return frozenset()
    return frozenset(t.name for h in hits if m.end() <= h.start < end for t in expand(h.test))


@cache
def _change_words() -> dict[str, str]:
    """knowledge/lab_change_words.csv: progressive change words (a trend rather than a level) -> up | down."""
    return {r["word"].lower(): r["trend"] for r in table("lab_change_words.csv")}


def _is_change(adj: str) -> bool:
    """The result word is a progressive change word ("steadily decreasing"): a trend, no interpretation."""
    words = adj.lower().split()
    return bool(words) and words[-1] in _change_words()


def _trend(text: str, s: int, e: int) -> Mention:
    """A change word as a result with its direction and no interpretation (as `lab_signs` reads "fell to")."""
    s = e - len(text[s:e].split()[-1])  # the change word without its degree adverbs ("steadily")
    return Mention.model_construct(type="test_result", start=s, end=e, text=text[s:e],
                                   attrs={"interpretation": None, "trend": _change_words()[text[s:e].lower()],
                                          "test": None, "rule": "trend"})


@cache
def _list_head() -> re.Pattern[str]:
    """A result word said of the tests a lab-results noun and a verb introduce after it ("the labs within normal
    limits included A, B and C", "abnormal results included X"); vocabulary in knowledge/lab_list_heads.csv."""
    rows = table("lab_list_heads.csv")
    nouns = alternation([r["word"] for r in rows if r["kind"] == "noun"])
    # "the labs that were normal included", "laboratory tests were normal, including": the result before the tests
    return re.compile(rf"(?:\b(?P<n1>{nouns})\s+(?:(?:(?:that|which)\s+)?(?:were|was|are|is)\s+)?)?"
                      rf"(?P<adj>{_DEG}(?:{_ADJ_BEFORE}))(?:\s+(?P<n2>{nouns}))?(?:\s*,)?{_list_tail().pattern}", re.I)


@cache
def _list_tail() -> re.Pattern[str]:
    """How every match of `_list_head` ends: its verb, then the end of the window. Searched first: `_list_head`
    tries its long alternations at every position of a window (~75 us), this short pattern a few us, and almost no
    window ends in such a verb."""
    verbs = alternation([r["word"] for r in table("lab_list_heads.csv") if r["kind"] == "verb"])
    return re.compile(rf"\s+(?:{verbs})\s*:?\s+(?:the\s+)?$", re.I)


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("casecourse.knowledge").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _variants(term: str) -> set[str]:
    """US spelling -> British variants by rule (-emia/-aemia, -emic/-aemic, leuk-/leuc-, hem-/haem-)."""
    out = {term}
    for a, b in (("emia", "aemia"), ("emic", "aemic"), ("leuk", "leuc"), ("hem", "haem"), ("cytopenia", "cytopaenia")):
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
    lower = lower_of(text)
    n = len(text)
    found: list[Compound] = []
    for end_idx, (length, tests, interp) in dict_scan.hits(_compound_automaton(), lower):
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


def _mention(text: str, start: int, end: int, test: LabTest, interp: str, rule: str,
             written: str | None = None) -> Mention:
    # a compound word ("thrombocytopenia") is a finding whose lab reading is derived: `lab_finding`, not a value span
    kind = "lab_finding" if rule == "compound" else "lab_value"
    attrs: dict = {"test": test.name, "loinc": test.loinc, "interpretation": interp, "rule": rule}
    if written:  # the test as the text names it ("CH50", "liver enzymes", "hematuria")
        attrs["test_text"] = " ".join(written.split())
    return Mention.model_construct(type=kind, start=start, end=end, text=text[start:end], norm=test.name,
                                   attrs=attrs)


# "direct and indirect bilirubin", "free and total T4": the first modifier names a test of its own
_ELIDED = re.compile(r"\b(?P<mod>direct|indirect|total|free|conjugated|unconjugated)\s+(?:and|or|&|/)\s+$", re.I)
_MODIFIERS = ("direct", "indirect", "total", "free", "conjugated", "unconjugated")


def _elided_hits(text: str, hits: list[TestHit]) -> list[TestHit]:
    """A test named only by its modifier before a coordinated full name: "direct and indirect Coombs" -> the
    direct Coombs test too (when the catalogue knows it), spanning the modifier word."""
    out: list[TestHit] = []
    for h in hits:
        first, _, rest = text[h.start:h.end].partition(" ")
        if first.lower() not in _MODIFIERS or not rest:
            continue
        m = _ELIDED.search(text, max(0, h.start - 24), h.start)
        if not m or m.group("mod").lower() == first.lower():
            continue
        phrase = f"{m.group('mod')} {rest}"
        found = [t for t in find_tests(phrase) if t.start == 0 and t.end == len(phrase)]
        if found and found[0].test.name != h.test.name:
            out.append(TestHit(m.start("mod"), m.end("mod"), found[0].test))
    return out


def _short_form_brackets(text: str, a: TestHit, b: TestHit) -> bool:
    """Whether the brackets between two tests hold a short form only: "lactate dehydrogenase (LDH) and ferritin" (a
    bracket opened after a test closes right after the next; one closed after a test opened right before it), not
    "lactate dehydrogenase (LDH, 600 U/L)" (a valued list, read apart) nor "(8.2 K/uL, 86% neutrophils) and CRP"."""
    gap = text[a.end:b.start]
    if "(" in gap and not text.startswith(")", b.end):
        return False
    return ")" not in gap or text[:a.start].rstrip().endswith("(")


# a test named after its own percentage ("with 89% neutrophils, and ANA and RF were negative"): its result is told, and
# the result word after the next tests is not its own (docqa15)
_VALUE_BEFORE = re.compile(r"\d\s*%\s*$")


def _groups(text: str, hits: list[TestHit]) -> list[list[TestHit]]:
    groups: list[list[TestHit]] = []
    for h in hits:
        last = groups[-1][-1] if groups else None
        if last is not None and _SEP.fullmatch(text, last.end, h.start) and h.start - last.end < 40 \
                and _short_form_brackets(text, last, h) and not _VALUE_BEFORE.search(text, max(0, last.start - 12),
                                                                                    last.start):
            groups[-1].append(h)
        else:
            groups.append([h])
    return groups


def interpretation(word: str) -> str | None:
    """The interpretation code (H/L/N/POS/NEG/A) a result word states on its own ("positive" -> POS), if any."""
    return _WORD2INTERP.get(word.lower())


# the results a panel's members all share when the panel has them (knowledge/lab_panels.csv)
_PANEL_SHARED = frozenset({"N", "NEG"})


@cache
def _group_own() -> frozenset[str]:
    """Groups whose abnormal result is the group's, not each member's (knowledge/lab_group_own.csv)."""
    return frozenset(r["name"] for r in table("lab_group_own.csv"))


def _result_tests(text: str, h: TestHit, interp: str) -> list[LabTest]:
    """The tests a result word said of the test `h` names is a result of: a group's members ("complement levels were
    normal": C3 and C4), but the group itself where its abnormal result names no member ("low complement"; not "C3
    and C4 were low")."""
    test = h.test
    if interp not in _PANEL_SHARED and test.name in _group_own() \
            and not any(m in text[h.start:h.end].lower() for m in test.members) \
            and not _MEMBERS_OPEN.match(text, h.end):  # "low complement values (C3: 6.6 mg/dL, ...)": the values say
        return [test]
    return expand(test)


@cache
def panels() -> frozenset[str]:
    """Group tests whose abnormal result names no member (knowledge/lab_panels.csv)."""
    return frozenset(r["name"] for r in table("lab_panels.csv"))


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


def _result_word_in(window: str) -> bool:
    """A result word of its own follows a test before its clause ends ("and EBV IgM was positive"): the result before
    it ("CMV PCR was negative and ...") is not carried over to it. `window` is lower-cased."""
    for last, word in _adjective_automaton().iter(window):
        first = last - len(word) + 1
        before, after = window[first - 1:first], window[last + 1:last + 2]
        if not before.isalnum() and not after.isalnum():
            return True
    return False


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
            out.append(_mention(text, start, end, cat[name], interp, "compound", text[start:end]))
    elided = _elided_hits(text, hits)
    if elided:
        hits = sorted(hits + elided, key=lambda h: (h.start, h.end))
    groups = _groups(text, hits)
    carried: str | None = None
    listed_by: tuple[str, int, int] | None = None  # a list head's interpretation and result-word span
    listed_end = -1
    carried_end = -1
    low = lower_text(text)
    valued_by: tuple[str, int, int] | None = None  # a result word heading a list of tests with bracketed values
    valued_end = -1
    flagged: set[int] = set()  # the groups given a result word
    for gi, group in enumerate(groups):
        g_start, g_end = group[0].start, group[-1].end
        nxt = groups[gi + 1][0].start if gi + 1 < len(groups) else len(text)
        bound = _BOUNDARY.search(text, g_end, min(nxt, g_end + 120))
        limit = bound.start() if bound else min(nxt, g_end + 120)
        prev_bound = max((b.end() for b in _BOUNDARY.finditer(text, max(0, g_start - 80), g_start)),
                         default=max(0, g_start - 80))
        span: tuple[int, int] | None = None
        takers = group
        post = match_lowered(_POST, text, low, g_end, limit)
        if post and post.group("adj").lower().endswith("absent") and \
                text[group[-1].start:group[-1].end].lower() in _SIGNS_ABSENT:
            post = None  # "a carotid pulse was absent": a sign, no heart rate measured
        if post and _TREND.match(text, post.start("adj")) and (
                _TO_VALUE.match(text, post.end("adj")) or _PERFECT.search(text, g_end, post.start("adj"))):
            post = None  # "hemoglobin increased to 10.2 g/dL", "ferritin had decreased": a change, not the level
        if post and nxt < len(text) and _ATTRIBUTIVE_GAP.fullmatch(text, post.end("adj"), nxt) \
                and not _COPULA.search(text, g_end, post.start("adj")):
            post = None  # "ANCA and ASO antibody titers, normal C3 and C4 levels": the word of the tests after it
        if post and _is_change(post.group("adj")):
            out.append(_trend(text, *post.span("adj")))
            carried = listed_by = None
            continue  # "troponin was steadily falling": a change between times, not the level
        if post and text.startswith("-", g_end) and _STAINED_CELLS.match(text, post.end("adj")):
            carried = None
            continue  # "40 IgG4-positive plasma cells per high-power field": a stain of tissue cells, no serum result
        if post:
            span = post.span("adj")
        else:
            window = text[prev_bound:g_start]
            pre = (search_lowered(_PRE, window, low and low[prev_bound:g_start])
                   if _may_hold_adjective(window) else None) or (
                _PRE_FOR.search(window) if may_hold(low, prev_bound, g_start, ("tive", "tivity")) else None)
            listed = None if pre or not _list_tail().search(window) or not _may_hold_adjective(window) \
                else _list_head().search(window)
            if listed and (listed.group("n1") or listed.group("n2")):
                pre = listed  # "the labs within normal limits included A, B and C": said of each test named
            adj_at = prev_bound + pre.start("adj") if pre else 0
            if pre and pre is not listed and pre.group("adj").split()[-1].lower() in _AIM_VERBS \
                    and _AIM_BEFORE.search(text, max(0, adj_at - 20), adj_at) \
                    and not _NOUN_AFTER.match(text, prev_bound + pre.end("adj")):
                pre = None  # "to decrease calcium levels": an aim, no result
            if pre and pre is not listed and (_PREDICATE_BEFORE.search(text, max(0, adj_at - 30), adj_at)
                        or _AND_AFTER.match(text, prev_bound + pre.end("adj"))):
                # "X was positive and Y (Z) antibody was negative", "her oxygen requirement decreased and ferritin
                # fell": the predicate of what came before, not said of the test after it
                pre = None
            if pre and _is_change(pre.group("adj")):
                out.append(_trend(text, prev_bound + pre.start("adj"), prev_bound + pre.end("adj")))
                carried = listed_by = None
                continue  # "steadily decreasing troponin-I and BNP": a trend, not a level
            if pre:
                span = (prev_bound + pre.start("adj"), prev_bound + pre.end("adj"))
                takers = _takers(group, _interp_of(text[span[0]:span[1]]))
        if span is not None:
            s, e = span
            adj = text[s:e]
            interp = _interp_of(adj)
            lead = len(adj) - len(adj.lstrip("-"))
            # a level said of the value before it ("was low"); not "detected" or "positive", a qualitative result
            valued = post is not None and interp in _LEVELS and _VALUED_COPULA.fullmatch(text, g_end, s)
            excepted = _excepted(text, e, hits) if any(len(h.test.members) > 1 for h in takers) else frozenset()
            for h in takers:
                if interp not in _PANEL_SHARED and h.test.name in panels():
                    # "deranged LFTs": which member is abnormal is not said, unless its members follow with their values
                    out.extend(_named_members(text, h, hits, interp, s + lead, e))
                    continue
                for t in _result_tests(text, h, interp):
                    if t.name in excepted and len(h.test.members) > 1:
                        continue  # "liver tests were normal except for ALT": the member set apart is not normal
                    out.append(_valued(_mention(text, s + lead, e, t, interp, "adjective", _written(text, h)),
                                       h.end if valued else None, bool(valued)))
            flagged.add(gi)
            if valued and valued.group("cop").lower() in ("were", "are"):
                out.extend(_valued_before(text, groups, gi, flagged, interp, s + lead, e))
            valued_by = (interp, s + lead, e) if post is None and interp in _LEVELS \
                and _VALUE_NEXT.match(text, g_end) else None
            valued_end = g_end
            carried, carried_end = (interp if interp in ("POS", "NEG") else None), e
            listed_by, listed_end = ((interp, s + lead, e) if not post and pre is listed else None), g_end
            continue
        if listed_by and _LIST_ON.fullmatch(text, listed_end, g_start) and \
                _LIST_ON_END.search(text, listed_end, g_start):
            interp, s, e = listed_by  # "the labs within normal limits included A and differential, B, C": each test
            for h in group:
                if interp not in _PANEL_SHARED and h.test.name in panels():
                    continue
                for t in _result_tests(text, h, interp):
                    out.append(_mention(text, s, e, t, interp, "listed", _written(text, h)))
            flagged.add(gi)
            listed_end = g_end
            continue
        listed_by = None
        if valued_by and (gap := _VALUED_GAP.fullmatch(text, valued_end, g_start)) \
                and (gap.group().strip() == "(" or _VALUE_NEXT.match(text, g_end)
                     and not _COPULA.search(text, g_end, _sentence_end(text, g_end))):
            interp, s, e = valued_by  # "elevated ferritin (900 ng/mL), LDH (600 U/L) and ALT (120 U/L)": each test
            for h in group:
                if interp not in _PANEL_SHARED and h.test.name in panels():
                    continue
                for t in _result_tests(text, h, interp):
                    out.append(_valued(_mention(text, s, e, t, interp, "valued list", _written(text, h)),
                                       _after_label(text, h.end)))
            flagged.add(gi)
            valued_end = g_end
            continue
        valued_by = None
        if carried and _CARRY.fullmatch(text, carried_end, g_start) and not _result_word_in(text[g_end:limit].lower()):
            for h in group:
                if carried not in _PANEL_SHARED and h.test.name in panels():
                    continue
                for t in _result_tests(text, h, carried):
                    out.append(_mention(text, h.start, h.end, t, carried, "carried", _written(text, h)))
            flagged.add(gi)
            carried_end = g_end
            continue
        carried = None
    return _once(out)


_LABEL_SEP = re.compile(r"\s*[;:,]\s*")


def _after_label(text: str, end: int) -> int:
    """Where the value of a test named at `end` may start: past a separator after a short form ("(AST; 80 U/L")."""
    sep = _LABEL_SEP.match(text, end)
    return sep.end() if sep else end


def _sentence_end(text: str, at: int) -> int:
    end = _BOUNDARY.search(text, at)
    return end.start() if end else len(text)


def _valued(m: Mention, stated_at: int | None, before: bool = False) -> Mention:
    """Marks where the value a result word states is looked for: after `stated_at` (the end of the test's name), when
    the word stands before a list of valued tests or (`before`) after it: "potassium (2.9 mmol/L) was low"."""
    if stated_at is not None and stated_at > m.end and not before:
        m.attrs["stated_at"] = stated_at
    if before and stated_at is not None:
        m.attrs["stated_before"] = stated_at  # the value is the first of the test after its name
    return m


def _valued_before(text: str, groups: list[list[TestHit]], gi: int, flagged: set[int], interp: str,
                   s: int, e: int) -> list[Mention]:
    """The tests of a list with bracketed values before the group a plural predicate follows ("sodium (128 mmol/L)
    and potassium (2.9 mmol/L) were low"): each takes the result word, as the value before it."""
    out: list[Mention] = []
    j = gi - 1
    while j >= 0 and j not in flagged and _VALUED_GAP.fullmatch(text, groups[j][-1].end, groups[j + 1][0].start):
        for h in groups[j]:
            if interp not in _PANEL_SHARED and h.test.name in panels():
                continue
            for t in _result_tests(text, h, interp):
                out.append(_valued(_mention(text, s, e, t, interp, "valued list", _written(text, h)), h.end, True))
        flagged.add(j)
        j -= 1
    return out


def _once(mentions: list[Mention]) -> list[Mention]:
    """One result per test and result word: "C3 and C4 complement was low" names C3 and C4 twice (the pair and
    the group word), which is one reading of each."""
    seen: dict[tuple, Mention] = {}
    out = []
    for m in mentions:
        key = (m.type, m.start, m.end, m.norm, m.attrs["interpretation"])
        if key not in seen:
            seen[key] = m
            out.append(m)
        elif "stated_at" in m.attrs:  # "lactate dehydrogenase (LDH; 600 U/L)": the value is looked for after the LDH
            seen[key].attrs["stated_at"] = m.attrs["stated_at"]
    # a group's own result where the same word also gave its members ("C3 and C4 complement was low"): the members'
    groups = catalogue()
    return [m for m in out if not (m.norm in _group_own() and all(
        (m.type, m.start, m.end, member, m.attrs["interpretation"]) in seen for member in groups[m.norm].members))]


_SHORT_PARENS = re.compile(r"\s*\([^()]{1,12}\)\s*$")


def _written(text: str, h: TestHit) -> str:
    """The test's name as written, without a trailing short form in parentheses ("lactate dehydrogenase (LDH)")."""
    return _SHORT_PARENS.sub("", text[h.start:h.end])


def _takers(group: list[TestHit], interp: str) -> list[TestHit]:
    """The tests of a group a result word before it speaks about. Positive/negative is the result of a qualitative
    test (a serology, a culture): in a list mixing them with measured analytes ("a positive Coombs test, LDH ...")
    it stays with the qualitative ones; a list of measured analytes alone keeps it ("positive D-dimer")."""
    if interp not in ("POS", "NEG") or len(group) < 2:
        return group
    qualitative = [h for h in group if h.test.qualitative or h.test.kind in ("serology", "culture")]
    return qualitative or group
