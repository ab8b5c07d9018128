"""Lab tests and their results: `find_labs(text)` -> `lab_test` and `lab_value` mentions.

A value written as the lab's reference interval ("normal range, 130–175 g/L") is typed
`lab_reference` instead; predicated result words of unnamed tests ("the ECG was normal") are
`test_result` (reading/labs_results.py). A `lab_value` is either a number as written (with unit,
comparator, range; converted to the test's SI unit when the catalogue says how) or a
qualitative result with an `interpretation` (H/L/N/POS/NEG/A) and no value: "elevated LDH",
"C3 and C4 were low", "ANA positive", "hyperferritinaemia". The span of a qualitative result
is the word(s) that state it ("elevated", "within normal limits", "hyperferritinaemia"); the
test it speaks about is in `attrs["test"]`.

A value attaches to the nearest preceding test in its clause whose unit kind fits ("ferritin was
6300 ng/mL"), or to a test right after it ("80% neutrophils", "2400 U/mL of sCD25"), else to the
test its unit implies (mmHg -> blood pressure, °C -> body temperature). A number with no unit is
kept only when it directly follows a test ("INR 1.4", "platelets of 45").
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from casecourse.knowledge import table
from casecourse.model import Mention
from casecourse.plausibility import can_be_negative
from casecourse.reading import lab_fluids, weight_change
from casecourse.reading.lab_apgar import read_apgar
from casecourse.reading.labs_catalogue import LabTest, TestHit, by_written, catalogue, expand, find_tests
from casecourse.reading.labs_qualitative import Compound, compound_anchors, find_compounds, find_qualitative
from casecourse.reading.labs_results import find_results
from casecourse.reading.labs_values import Value, find_values, unit_after
from casecourse.reading.rx_first import anchored, finditer, lower_text
from casecourse.reading.rx_keys import may_hold
from casecourse.units import convert, lookup_unit

__all__ = ["find_labs"]

# `[.!?](?=\s+[A-Z(\[]|\s*$)|[;\n]` led by one character class, so `re` skips to those characters in C
_CLAUSE_END = re.compile(r"[.!?;\n](?:(?<=[.!?])(?=\s+[A-Z(\[]|\s*$)|(?<=[;\n]))")
# unit kinds a test's usual unit may be reported in instead (counts also as % of leukocytes)
_COMPATIBLE = {
    "mass_conc": {"mass_conc", "subst_conc", "arb_conc", "activity", "amount"},
    "subst_conc": {"mass_conc", "subst_conc", "amount"},  # "24-hour urine calcium 6.9 mmol": an amount excreted
    "arb_conc": {"arb_conc", "activity", "mass_conc"},
    "activity": {"activity", "arb_conc"},
    "count": {"count", "percent", "count_field"},  # "WBC >50 cells/hpf": a count per high-power field
    "percent": {"percent", "subst_conc", "molar_ratio"},  # HbA1c in % (NGSP) or mmol/mol (IFCC)
    # "24-hour urine calcium 6.9 mmol", "24-hour proteinuria 5.6 g": the day's amount
    "mass_rate": {"mass_rate", "ratio", "mass_conc", "amount", "mass"},
    "ratio": {"ratio", "mass_rate"},
    "pressure": {"pressure"},
    "rate": {"rate"},
    "temperature": {"temperature"},
    "time": {"time"},
    "rate_length": {"rate_length"},
    "volume": {"volume", "percent"},  # "FVC of 62% predicted": a lung volume told as a share of the predicted one
    "mass": {"mass"},
    "clearance": {"clearance"},
    "osmolality": {"osmolality"},
    "bmi": {"bmi"},
    "length": {"length"},
    "sound_level": {"sound_level"},
    "percentile": {"percentile"},
}
# unit kinds never converted to the test's unit: an IFCC HbA1c (mmol/mol) is no rescaled NGSP %; a multiple of the
# upper limit of normal has no absolute value
_NOT_CONVERTED = frozenset({"molar_ratio", "uln_multiple"})
# units that make a number a result even with no test named nearby
_SELF_EVIDENT = {"mass_conc", "subst_conc", "arb_conc", "activity", "count", "count_field", "pressure",
                 "temperature", "rate_length", "clearance", "osmolality", "sound_level", "percentile",
                 "conc_rate", "percent", "specific_activity", "phospholipid_units"}
# between two values of one list: "Apgar scores were 2, 6, and 7", "MELD score was 8 and 11"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|to\s+)")  # "to": "rose from 0.20 to 0.55"
_BARE_GAP = re.compile(  # a short form in parentheses may stand between: "performance status (PS) was 3"
    r"(?:[\s:=(),]|\([A-Za-z][\w-]{0,7}\)|\b(?:levels?|counts?|values?|concentrations?|titers?|titres?|activity|was|were|is|are|"
    r"of|at|to|reached|rose|increased|decreased|dropped|fell|peaked|elevated|measured|remained|from|"
    r"about|approximately|around|high|low|markedly|mildly|slightly|be|serum|plasma|level|down|up|that|which|"
    # the time of the result between the test and its value: "INR on admission was 4.8"
    r"(?:on|at|upon)\s+(?:admission|presentation|arrival|baseline|diagnosis|discharge))\b)*", re.I)
# a percentage that states a preparation's strength: "10% neutral formalin", "(4% icodextrin solution)"
_PREPARATION_AFTER = re.compile(
    r"\s?(?:[A-Za-z][\w-]*\s+){0,2}(?:"
    + "|".join(re.escape(r["word"]) for r in table("preparation_words.csv")) + r")\b", re.I)
_TYPE_NUMBERS = re.compile(r"\d{1,2}(?:\s?[,/]\s?\d{1,2})*")
_RATE_NAMED = re.compile(r"breath|beat", re.I)  # a rate's unit written with what it counts
# "incubated for 48 h at 37 °C": a laboratory's condition (knowledge/incubation_words.csv), no body temperature
_INCUBATION_BEFORE = re.compile(
    r"\b(?:" + "|".join(re.escape(r["word"]) for r in table("incubation_words.csv")) + r")\b", re.I)
# a value written as the reference interval: "(normal range, 130–175 g/L)", "(normal <50 U/L)"
_REFERENCE_BEFORE = re.compile(
    # "RR", "RV", "NV" (reference range, reference / normal value) only where a bracket or a list opens them
    r"(?:\b(?:normal|reference|ref|NR|(?:(?<=\()|(?<=\[)|(?<=\( )|(?<=, )|(?<=; ))(?:RR|RV|NV)|ULN|cut-?off"
    # "standard" as a bracket's label ("1236 ng/L (standard <355 ng/L)"); not in prose ("standard bicarbonate")
    r"|(?:(?<=\()|(?<=\[)|(?<=\( ))standard)\.?\s*"
    r"(?:range|ranges|values?|interval|limits?|"
    r"level)?|\b(?:upper|lower) (?:normal )?limit(?: of normal)?(?: values?)?|\brange"
    # a bracket opened by "up to" right after a result (a number and its unit): its upper reference limit
    # ("creatinine 190 µmol/L (up to 106 µmol/L)"); never after a word ("fever (up to 39 °C)" states the peak)
    r"|\d(?:\s?[^\s()\d][^\s()]*)?\s?\(\s?up to)"
    # a bracketed short form of the label ("normal range [NR]:"); a bound's sign glued to it ("(normal< 14 ng/L)")
    r"(?:\s*[\[(][A-Za-z]{1,5}[\])])?\s*(?:[:,(=]|is|was|of|being|up to)?\s*[<>≤≥＜＞˂˃]?\s*$",
    re.I)
# a test and a bound after "for", "if", "when" or "until": a treatment's trigger or stopping level ("for MAP < 65",
# "if glucose > 180 mg/dL"), no result; the comparator is the value's own (`Value.comparator`)
_TRIGGER_BEFORE = re.compile(r"(?<!admitted )(?<!referred )(?<!presented )(?<!evaluated )(?<!hospitalized )"
                             r"(?<!hospitalised )\b(?:for|if|when|until|whenever)\s+(?:(?:a|an|the|his|her|their)\s+)?"
                             r"[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*)?\s*(?:of\s*|was\s*|is\s*)?$", re.I)
_OPENING_BEFORE = re.compile(r"[(\[]\s?$")
# a label opening a list of intervals, each named by its test: "(Normal ranges: ALT < 40 U/L, AST < 35 U/L)"
_REFERENCE_LABEL = re.compile(
    r"(?:^\s*|[(\[]\s*|\.\s+)(?:normal|reference)\s+(?:ranges?|values?|intervals?)\s*:[^;()\[\]\n]*$", re.I)
_LABEL_KEYS = ("range:", "ranges:", "values:", "value:", "interval:", "intervals:")
_CSF_ANALYTES = ("protein", "glucose", "lactate")  # one is before a value lab_fluids.csf_value_test may re-file
# one is in every match of _REFERENCE_BEFORE
_REFERENCE_WORDS = ("normal", "ref", "nr", "rr", "rv", "nv", "uln", "cut", "limit", "range", "standard", "(up to",
                    "( up to")
# a bound labelled by the result it gives, first in brackets: "186 U/mL (positive > 20 U/mL)", "(negative <10)"
_CUTOFF_LABEL = re.compile(r"[(\[]\s?(?:positive|negative)\s*:?\s*$", re.I)
# "normal" after a copula states the result, it names no interval: "urine calcium was also normal 6.9 mmol"
_PREDICATED_NORMAL = re.compile(
    r"\b(?:was|were|is|are|remained|been)\s+(?:(?:also|still|again|\w+ly)\s+)?normal\s*[,(]?\s*$", re.I)
# between a unitless result and its interval: " (", " (normal ", " (reference range: ", " (N ", " (range, "
_INTERVAL_OPEN = re.compile(
    # a laboratory system's flag may come first, and its interval in square brackets: "WBC 18.2 (H) [4.0-11.0 K/uL]"
    r"\s*(?:\(\s?(?:H|L|HH|LL|A)\s?\)\s*|\*{1,2}\s*)?[(\["
    r"]\s*(?:(?:(?P<ref>normal|reference|ref\.?|N|NR|RR|NV|RV)\s*(?:range|values?|interval)?|range)\s*[:,=]?\s*)?",
    re.I)
# a length that is one side of a lesion's size, not a body measurement: "2.5 cm × 2.4 cm", "3 cm in diameter"
_DIMENSION_AFTER = re.compile(r"\s?(?:[×xX*]\s?\d|in (?:height|diameter|length|width|size|thickness|depth)\b)")
_DIMENSION_BEFORE = re.compile(r"[×xX*]\s?$")
# a number that ends a test's name, its value in parentheses after it: "complement 3 (0.41 g/L)"
_NAME_NUMBER = re.compile(r" \d\s\(\s?[<>≤≥]?\d+(?:[.,]\d+)?\s?[a-zA-Zµμ%/]")
# a count unit that names its cells: "leukocytes/µL", "RBCs/hpf" (not "cells/µL", "K/µL")
_CELLS_IN_UNIT = re.compile(r"(?!cells?/|[GT]pt/)[A-Za-z]{3}[A-Za-z ]*/")  # never "per microliter", "K/µL", "Gpt/L"
# a percentage followed by the noun it is a share of (no test name there: that case attaches forward above)
_PERCENT_OF_NOUN = re.compile(
    r"\s+(?:of\s+(?:the\s+|all\s+|his\s+|her\s+)?)?(?!(?:on|in|at|with|without|under|off|upon|via|within|and|or|but|to|"
    r"from|for|by|of|as|while|after|"
    r"before|during|despite|since|until|than|was|were|is|are|had|has|have|which|that|respectively|predicted|"
    r"normal|at|vs|versus|compared|room|in|the|a|an|[a-z]+ly)\b)[a-z][a-z-]{2,}", re.I)  # "28% initially": no noun
# (a percentage may name its share with a copula: "of which 81% were neutrophils", "(76% were polymorphonuclear cells)")
# a count of a part of the cells counted before it: "WBC 9.1 × 10^9/L, of which 7.9 × 10^9/L were neutrophils"
_SHARE_BEFORE = re.compile(r"\b(?:out\s+of|of|among)\s+(?:which|whom|these|them)\s*,?\s*$", re.I)
_AFTER_GAP = re.compile(r"\s*(?:(?:of|for|in|were|was|are|being)\s+)?(?:(?:the|serum|plasma|blood|total)\s+)*", re.I)


_NOT_QUALITATIVE = frozenset({"length", "volume", "temperature", "time", "pressure", "mass"})


def _fits(test: LabTest, v: Value) -> bool:
    if v.ucum == "{titer}":
        return test.qualitative or test.kind == "serology"
    if v.info is None and test.kind == "culture":
        return False  # "blood cultures (2 sets)": a number without a unit counts the samples, no result
    if v.info is None or v.info.kind == "uln_multiple":  # "ALT was 5 times the upper limit of normal"
        return True
    kind = test.unit_kind
    if kind is None:  # a culture or another qualitative test has no size: "bacteraemia and a vegetation > 1 cm"
        # nor a volume, temperature, duration, pressure or mass: "occult blood test ... a total of 800 mL", "Coombs at
        # 4 °C", "sputum cultures converted to negative ..., and he had regained 10 kg"
        return test.qualitative and v.info.kind not in _NOT_QUALITATIVE or test.ucum == "1" and v.info is None
    return v.info.kind in _COMPATIBLE.get(kind, {kind})


fits = _fits  # whether a value's unit kind suits a test (reading/lab_tables.py checks table cells with it)
# a bracket opening on a name and a semicolon before its value: "aspartate transaminase (AST; 43 IU/L)", "[CRP; 106"
_NAME_SEMICOLON = re.compile(r"[(\[][A-Za-z][\w\s/+-]{0,20};$")
_NAME_COLON = re.compile(r"\s*[:=]\s*")
_GROUP_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|/)\s*", re.I)


def _group_parts(text: str, hit: TestHit) -> list[LabTest] | None:
    """The tests a group name lists, in the text's order ("C4 and C3" -> C4, C3); None unless every part
    names one test."""
    parts = [p for p in _GROUP_SPLIT.split(text[hit.start:hit.end]) if p]
    tests = [by_written(p) for p in parts]
    if len(tests) < 2 or any(t is None for t in tests):
        return None
    return tests  # type: ignore[return-value]


def _attach(text: str, v: Value, hits: list[TestHit], starts: list[int], clause_start: int,
            clause_end: int, taken: dict[int, int] | None = None, value_starts: list[int] | None = None
            ) -> LabTest | None:
    """The test a value belongs to. Values after a group name that lists its tests go to them in turn: "C3 and C4
    were low (0.45 g/L and 0.06 g/L)" (`taken` counts the values each group has had). A value never passes back
    over a test whose unit it does not fit but that has a value of its own right after it (`value_starts`): "bilirubin
    (3.1 mg/dL) and LDH (512 mg/dL)" gives bilirubin no second value; only the test its unit implies may take it."""
    if v.info is not None and v.info.kind in ("count", "count_field") and v.info.default_test:
        return catalogue()[v.info.default_test]  # "150 × 10^3 platelets per microliter": the unit names its test
    if v.unit and v.info is not None and v.info.kind in ("count", "count_field") and _CELLS_IN_UNIT.match(v.unit):
        return None  # "6 red blood cells/µL" after "50% neutrophils": its unit names what it counts, no neighbour
    i = bisect.bisect_left(starts, v.start)
    if i and _NAME_COLON.fullmatch(text, hits[i - 1].end, v.start) and _fits(hits[i - 1].test, v) \
            and not hits[i - 1].test.members:
        return hits[i - 1].test  # "Eosinophils: 1% Basophils: 0%": the name before its colon, not the next one
    if i < len(hits) and hits[i].start < clause_end:  # "80% neutrophils", "2400 U/mL of sCD25"
        nxt = hits[i]
        gap = text[v.end:nxt.start]
        if _AFTER_GAP.fullmatch(gap) and ("of" in gap or "for" in gap or v.info and v.info.kind == "percent"
                                          or _SHARE_BEFORE.search(text, max(0, v.start - 20), v.start)):
            if _fits(nxt.test, v):
                return nxt.test
        if gap == " " and v.info is None and v.ucum is None and nxt.test.ucum == "1" \
                and not (i and hits[i - 1].end == v.start - 1 and text[v.start - 1] == "-"):
            return nxt.test  # a ratio named like a unit after its number: "prothrombin time was 1.07 INR" (not
            # "LDLcalc-137 CHOL/HD-4.7": the number a hyphen joins to the name before it is that test's)
    if v.info is not None and v.info.kind == "percent" and _PERCENT_OF_NOUN.match(text, v.end):
        return None  # "5% band forms", "60% of the marrow cells", "an 80% reduction": a share of what it names
    # a name the catalogue lacks is looked for only when a test in the clause may take the value (the loop's first
    # step does not stop it): the search costs more than the rest of the loop
    near_test = i > 0 and hits[i - 1].start >= clause_start and v.start - hits[i - 1].end <= 120
    unnamed = _UNKNOWN_NAME_BEFORE.search(text, max(clause_start, v.start - 60), v.start) if near_test else None
    for j in range(i - 1, -1, -1):
        hit = hits[j]
        if hit.start < clause_start or v.start - hit.end > 120:
            break
        if unnamed is not None and hit.end <= unnamed.start("name") and \
                unnamed.group("name").lower().split()[0] not in _NOT_A_NAME:
            if len(unnamed.group("name")) <= 3:
                break  # "K 4.2 mmol/L", "PR 128 bpm": no test before it, but the one its unit implies
            return None  # "bicarbonate 6 mmol/L and beta-hydroxybutyrate 6.2 mmol/L": a test the catalogue lacks
        parts = _group_parts(text, hit) if hit.test.members and taken is not None else None
        if parts is not None:
            n = taken.get(hit.start, 0)
            if n < len(parts) and _fits(parts[n], v):
                taken[hit.start] = n + 1
                return parts[n]
            return None  # more values than the group lists, or of another kind: no test before it is theirs
        if _fits(hit.test, v):
            return hit.test
        if value_starts is not None and _valued(text, hit, value_starts):
            break  # no test before it either; the one its unit implies ("BP 100/64 mmHg, 128 bpm") may be
    default = (v.extra or {}).get("default_test") or (v.info.default_test if v.info else None)
    return catalogue()[default] if default else None


def _valued(text: str, hit: TestHit, value_starts: list[int]) -> bool:
    """Whether a value is written right after the test's name ("LDH (512", "CK-MB was 385")."""
    k = bisect.bisect_left(value_starts, hit.end)
    return k < len(value_starts) and value_starts[k] - hit.end <= 30 \
        and _VALUE_GAP.fullmatch(text, hit.end, value_starts[k]) is not None


# between a test's name and its own value (never a closing bracket or "to": "(-1.2 z-score) to 1.65 L")
_VALUE_GAP = re.compile(r"(?:[\s:=(]|\b(?:levels?|counts?|values?|concentrations?|was|were|is|are|of|at)\b)*", re.I)


# a name the catalogue does not know, after a list separator and right before the value
_UNKNOWN_NAME_BEFORE = anchored(  # (after an article too: ", a cholinesterase level of 1360 U/L")
    r"(?:,|;|\band\b)\s+(?:(?:a|an|the)\s+)?(?P<name>(?:[A-Za-z][\w-]{3,}|[A-Z]{2}[A-Z0-9]?\b|[A-Z][+\-−]?(?!\w))"
    r"(?:\s+[A-Za-z][\w-]+){0,2}?(?:\s[A-Z0-9](?![\w-]))?)"  # "serum amyloid A", "interleukin 6"
    # a short name in capitals too: "and TNF (29.8 ng/L)", an element's symbol: "Na 143 mmol/L, K 4.2 mmol/L"
    r"\s*(?:of|was|were|at|:|=|\()?\s*$")
_NOT_A_NAME = frozenset(
    "then later subsequently finally again respectively rising rose falling fell increasing increased decreasing "
    "decreased reaching reached peaking peaked which with from between over under about approximately nearly almost "
    "more less above below only still also both after before during while when each another other normal elevated "
    "raised reduced high low mildly markedly slightly dropping dropped declining declined climbing climbed improving "
    "improved worsening worsened normalizing normalized normalising normalised returning returned "
    # a time of the clause, no name: "... and today it is 104 umol/L" (docqa6)
    "today yesterday currently presently recently tonight".split())


# a test's name naming a treatment given, its number a dose: "20 mmol of intravenous potassium", "potassium
# supplementation of 20 mmol/L", "isotonic bicarbonate (150 mEq/L) ... was begun"
_GIVEN_BEFORE = re.compile(r"\b(?:intravenous(?:ly)?|i\.v\.|IV|oral|isotonic|hypertonic|supplemental)\s+$", re.I)
_GIVEN_AFTER = re.compile(
    r"\s*(?:(?:chloride|phosphate|sulfate|sulphate|gluconate)\s+)?(?:supplementation|supplements?|replacement|"
    r"repletion|infusions?|bolus|drip|(?:was|were)\s+(?:administered|given|infused|started|begun|added))\b", re.I)


def _given(text: str, v: Value, test: LabTest, by_test: dict[int, tuple[list[int], list[TestHit]]],
           clause_start: int, clause_end: int) -> bool:
    """Whether the naming of `test` nearest the value, in its clause, names a treatment given (the value a dose).
    `by_test`: each test's namings by start (the nearest found by bisection: a long run of values stays linear)."""
    starts, named = by_test.get(id(test), ([], []))
    lo, hi = bisect.bisect_left(starts, clause_start), bisect.bisect_left(starts, clause_end)
    if lo == hi or test.kind != "lab":  # a ventilator's setting "started with 5 cmH2O" is no dose
        return False
    i = bisect.bisect_left(starts, v.start, lo, hi)  # the first naming at or after the value; the last before it
    j = bisect.bisect_left(starts, starts[i - 1], lo, hi) if i > lo else None
    # the nearest (the one before it on a tie), the first written of those at one place
    h = named[j] if j is not None and (i == hi or v.start - starts[j] <= starts[i] - v.start) else named[i]
    return bool(_GIVEN_BEFORE.search(text, max(clause_start, h.start - 15), h.start)
                or _GIVEN_AFTER.match(text, h.end))


_FEVER_BEFORE = re.compile(r"\b(?:fevers?|febrile|pyrexi(?:a|al)|temperatures?|temp)\b", re.I)
_RESPECTIVELY = re.compile(r"[rR](?<!\w.)espectively\b", re.I)  # `\brespectively\b`, led by its first letter
# between two values of one list (a bracket after a value, its reference interval, may stand before the separator)
_VALUE_RUN_GAP = re.compile(r"\s*(?:\([^()]{0,80}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|\band\b|\bor\b|/|;)\s*", re.I)
# (the unit the values share may follow the last one's bracket: "64 (normal 15-45) and 2.7 (normal 0.6-1.2) mg/dl,
# respectively")
_BEFORE_RESPECTIVELY = re.compile(r"\s*(?:\([^()]{0,80}\)(?:\s*[a-zµμ%][\w/%µμ.^*]{0,11})?)?[\s,)\]]*", re.I)


def _depth(text: str, start: int, pos: int) -> int:
    return text.count("(", start, pos) - text.count(")", start, pos)


def _respectively(text: str, values: list[Value], hits: list[TestHit], ends: list[int]
                  ) -> tuple[dict[int, LabTest], set[int]]:
    """Values listed in the order of the tests named before them, "respectively": "CRP and procalcitonin rose to
    312 mg/L and 47 ng/mL, respectively". (id(value) -> its test, ids of values of a list after two or more tests
    that does not pair one to one or whose value does not fit its test's unit: no test is theirs, not even the
    nearest, the list's last one).
    Values inside brackets (reference intervals) are not items of the list."""
    out: dict[int, LabTest] = {}
    unpaired: set[int] = set()
    found = list(finditer(_RESPECTIVELY, text))  # by its lowered twin (rx_first: the same matches)
    if not found:
        return out, unpaired
    # (each question answered near "respectively" by bisection, the bracket depth of every value counted once: a
    # scan of all values and tests, each with a count of brackets, for each "respectively" was cubic)
    vstarts = [v.start for v in values]  # (in order of start)
    hit_starts = [h.start for h in hits]
    depth = _depths(text, sorted({*vstarts, *(r.start() for r in found)}))
    for r in found:
        k = bisect.bisect_left(ends, r.start())
        start = ends[k - 1] if k else 0
        level = depth[r.start()]  # a value at the depth of "respectively" (counted from the clause's start alike)
        run: list[Value] = []  # the run of values right before "respectively", joined by commas and "and"
        for j in range(bisect.bisect_left(vstarts, r.start()) - 1, bisect.bisect_left(vstarts, start) - 1, -1):
            v = values[j]
            if depth[v.start] != level:
                continue
            if not run and not _BEFORE_RESPECTIVELY.fullmatch(text, v.end, r.start()) or \
                    run and not _VALUE_RUN_GAP.fullmatch(text, v.end, run[-1].start):
                break
            run.append(v)
        run.reverse()
        if len(run) < 2:
            continue
        tests, named = _tests_before(hits, hit_starts, start, run[0].start, len(run))
        if len(tests) != len(run) or not all(_fits(h.test, v) for h, v in zip(tests, run, strict=True)):
            if named():  # one test named ("heart rates of 164 and 180 bpm, respectively"): read as usual
                unpaired.update(id(v) for v in run)
            continue
        for h, v in zip(tests, run, strict=True):
            out[id(v)] = h.test
    return out, unpaired


def _depths(text: str, positions: list[int]) -> dict[int, int]:
    """The bracket depth ("(" less ")") of the text before each of the sorted `positions`, counted once."""
    out: dict[int, int] = {}
    at, d = 0, 0
    for p in positions:
        d += text.count("(", at, p) - text.count(")", at, p)
        out[p], at = d, p
    return out


def _tests_before(hits: list[TestHit], starts: list[int], lo: int, hi: int, n: int
                  ) -> tuple[list[TestHit], Callable[[], bool]]:
    """The last `n` tests named in [lo, hi) (one per run of namings of one test: "C-reactive protein (CRP)"), in
    order, and whether two or more tests are named there (asked only when needed). Read back from `hi`."""
    groups: list[TestHit] = []  # the first naming of each run, from the last run back
    names: set[str] = set()
    j, first = bisect.bisect_left(starts, hi) - 1, bisect.bisect_left(starts, lo)
    while j >= first:
        h = hits[j]
        if h.end <= hi:
            if groups and h.test is groups[-1].test:
                groups[-1] = h
            elif len(groups) == n:
                break  # the run before the n-th from the end: those are complete
            else:
                groups.append(h)
            names.add(h.test.name)
        j -= 1

    def named() -> bool:
        k = j
        while len(names) < 2 and k >= first:
            if hits[k].end <= hi:
                names.add(hits[k].test.name)
            k -= 1
        return len(names) >= 2

    return groups[::-1], named


def _directly_after_test(text: str, v: Value, hits: list[TestHit], starts: list[int]) -> bool:
    i = bisect.bisect_left(starts, v.start) - 1
    if i < 0:
        return False
    gap = text[hits[i].end:v.start]
    return gap == "-" or len(gap) <= 40 and _BARE_GAP.fullmatch(gap) is not None  # "-": "WBC-1.9*" (find_values)


@cache
def _percent_loinc() -> dict[str, tuple[str, str]]:
    """test -> (LOINC, display) of its count written as a % of leukocytes (knowledge/lab_percent_loinc.csv)."""
    return {r["test"]: (r["loinc"], r["display"]) for r in table("lab_percent_loinc.csv")}


def value_mention(text: str, v: Value, test: LabTest | None) -> Mention:
    attrs: dict = {"value": v.value, "value_high": v.value_high, "comparator": v.comparator,
                   "unit": v.unit, "ucum": v.ucum, "value_si": None, "unit_si": None,
                   "test": test.name if test else None, "loinc": None}
    for key, val in (v.extra or {}).items():
        if key not in ("default_test", "bare_pressure", "slash_titre"):
            attrs[key] = val
    if attrs.get("grade"):  # "2+": an abnormal finding of its grade, no value of the test's unit
        attrs["value"], attrs["interpretation"] = None, "A"
    if test is not None:
        if not (v.info and v.info.kind == "percent" and test.unit_kind == "count"):
            attrs["loinc"] = test.loinc
        elif (share := _percent_loinc().get(test.name)) is not None:  # a % of leukocytes has its own LOINC code
            attrs["loinc"], attrs["loinc_display"] = share
        if v.ucum and test.unit_si and v.value is not None and not (v.info and v.info.kind in _NOT_CONVERTED):
            si = convert(v.value, v.ucum, test.unit_si, test.molar_mass, test.valence)
            if si is not None:
                attrs["value_si"], attrs["unit_si"] = si, test.unit_si
                if v.value_high is not None:
                    attrs["value_high_si"] = convert(v.value_high, v.ucum, test.unit_si,
                                                     test.molar_mass, test.valence)
    return Mention.model_construct(type="lab_value", start=v.start, end=v.end, text=text[v.start:v.end],
                   norm=test.name if test else None, attrs=attrs)


_CHANGE_BEFORE = anchored(
    r"\b(?:(?:increased|decreased|dropped|fell|rose|declined|reduced|lowered|raised|risen|fallen|corrected|"
    r"went (?:up|down))"
    r"\s+by|(?:a |an )?(?:drop|fall|rise|increase|decrease|decline|reduction|change|loss|gain|correction)\s+(?:of|by)"
    # "a reduction of systolic blood pressure by 20 mmHg": the measure named between the change and its amount
    r"|(?:drop|fall|rise|increase|decrease|decline|reduction|lowering|change)\s+(?:of|in)\s+(?:[\w-]+\s+){1,4}by)"
    r"\s*(?:about|approximately|around|nearly|almost|over|more than|less than)?\s*$", re.I)
_DURATION_AFTER = re.compile(
    r"[ \t-]*(?:hours?|hrs?|h(?![\w/])|days?|weeks?|wks?|months?|years?|yrs?|minutes?|mins?)\b", re.I)
_CHANGE_WORDS = ("by", "of")  # one is in every match of _CHANGE_BEFORE
_UNCLOSED_END = re.compile(r"\.(?:\s|$)")
# an interval labelled after it, inside its bracket: "2.2 mg/L (0-7.0 mg/L is normal)", "(12-16 g/dL being normal)"
_NORMAL_AFTER = re.compile(
    r"\s*,?\s*(?:(?:is|are|being|as)\s+)?(?:the\s+)?normal(?:\s+(?:range|values?|limits?))?\s*\)", re.I)


def _unit_from_interval(text: str, values: list[Value]) -> set[int]:
    """A number written without a unit and followed by its reference interval in parentheses takes the
    interval's unit: "sodium of 128 (136-145 mEq/L)" is 128 mEq/L. Returns the ids of those intervals."""
    intervals: set[int] = set()
    for v, nxt in zip(values, values[1:], strict=False):
        if v.value_high is not None or nxt.unit is None or nxt.info is None:
            continue
        if nxt.value_high is None and nxt.comparator is None:
            continue
        opening = _INTERVAL_OPEN.fullmatch(text, v.end, nxt.start)
        closing = ("]", ")") if opening and "[" in opening.group() else ")"
        if not opening or not (text.startswith(closing, nxt.end) or _UNCLOSED_END.match(text, nxt.end)
                               or (nxt.value_high is not None and _NORMAL_AFTER.match(text, nxt.end))):
            continue  # ")" closes the interval; a sentence end may, where the text forgot it: "146 (45-117 U/L."
        if v.unit is None:
            v.unit, v.ucum, v.info = nxt.unit, nxt.ucum, nxt.info
        elif (v.extra or {}).get("unit_unrecognised"):  # "128 mq/L (136-145 mEq/L)": its own unit as written
            if nxt.value_high is None and not opening.group("ref"):
                continue
        elif not opening.group("ref") and nxt.value_high is None and (nxt.comparator is None
                                                                      or not _same_unit(nxt, v)):
            # "6900 IU/mL (<96 U/L)" without a reference word: not sure it is the interval; a bound alone in brackets
            # in the result's own unit is ("35,000 pg/mL (<450 pg/mL)"), and so is a range in brackets right after a
            # result: "8.6 g/dL (12–16 g/dL)", even in another unit ("AST 43 mg/dL (0–32 U/L)": the result's unit
            # written wrong, the interval no result)
            continue
        intervals.add(id(nxt))
    return intervals


def _same_unit(a: Value, b: Value) -> bool:
    """Whether two values are written in one unit, whatever its case or spacing ("ng/mL" and "ng/ml")."""
    return a.unit is not None and b.unit is not None \
        and a.unit.replace(" ", "").lower() == b.unit.replace(" ", "").lower()


# a bracketed reference interval between a number and its unit: "C3 0.76 (normal 0.83–1.52) g/L"
_INTERVAL_BEFORE_UNIT = re.compile(
    r"\s*[(\[]\s*(?:normal|reference|ref\.?|NR|RR|NV|RV|N)\b[^()\[\]\n]{0,40}?\d[^()\[\]\n]{0,12}[)\]]\s?", re.I)


def _unit_after_interval(text: str, values: list[Value]) -> None:
    """A number with no unit of its own takes the unit written right after its bracketed reference interval:
    "complement C3 was 0.76 (normal 0.83–1.52) g/L", "haemoglobin 97–104 [normal 112–151] g/L"."""
    for v in values:
        if v.unit is not None or v.info is not None:
            continue
        gap = _INTERVAL_BEFORE_UNIT.match(text, v.end)
        if gap is None or (after := unit_after(text, gap.end())) is None:
            continue
        _end, v.unit, v.info = after
        v.ucum = v.info.ucum


@cache
def _plausible_bounds() -> dict[str, list[tuple[str, float, float]]]:
    out: dict[str, list[tuple[str, float, float]]] = {}
    for r in table("plausible_values.csv"):
        out.setdefault(r["test"], []).append((r["ucum"], float(r["low"]), float(r["high"])))
    return out


def _plausible(test: LabTest, v: Value) -> bool:
    """Whether `v` can be a reading of the vital sign `test` (knowledge/plausible_values.csv); True for other tests."""
    bounds = _plausible_bounds().get(test.name)
    if not bounds or v.value is None:
        return True
    rows = [b for b in bounds if b[0] == v.ucum] if v.ucum else bounds
    return not rows or any(low <= v.value <= high for _u, low, high in rows)


_TOTAL_IG = frozenset({"immunoglobulin g", "immunoglobulin m", "immunoglobulin a", "immunoglobulin e"})
_IG_CLASS = re.compile(r"Ig[GMAE]")
# words before "IgG" that keep it the total immunoglobulin level ("serum IgG", "low IgG", "immunoglobulins IgG")
_TOTAL_BEFORE = frozenset(
    "serum plasma total quantitative polyclonal the her his their a an and or of with in for low high elevated raised "
    "increased decreased reduced normal markedly mildly slightly levels level immunoglobulins immunoglobulin was were "
    "is are showed revealed".split())
_WORD_BEFORE = re.compile(r"([\w-]+)[ 	]+$")
_ANTI_AFTER = re.compile(r"(?:\s*(?:/|and|or|,)\s*Ig[GMAE])*\s+anti", re.I)


def _antibody_class(text: str, hit: TestHit) -> bool:
    """"IgG" / "IgM" naming the class of an antibody, not the total immunoglobulin level: after the antigen or
    organism ("CMV IgG", "parvovirus B19 IgM", "Toxoplasma IgG was negative") or before "anti-" ("IgG and IgM
    anticardiolipin antibodies")."""
    if hit.test.name not in _TOTAL_IG or not _IG_CLASS.fullmatch(text, hit.start, hit.end):
        return False
    if _ANTI_AFTER.match(text, hit.end):
        return True
    before = _WORD_BEFORE.search(text, max(0, hit.start - 40), hit.start)
    return before is not None and before.group(1).lower() not in _TOTAL_BEFORE


@cache
def _salt_words() -> dict[str, str]:
    return {r["word"]: r["role"] for r in table("salts.csv")}


_WORD_BEFORE_SALT = re.compile(r"([A-Za-z][\w'-]*)\s+$")
_WORDS_AFTER_SALT = re.compile(r"\s+([A-Za-z]+(?:\s+[A-Za-z]+)?)")


def _is_drug(word: str) -> bool:
    from casecourse.reading.drugs import lookup

    entry = lookup(word)
    return entry is not None and entry.kind in ("drug", "regimen")


# the cells a count is taken per, after its number: "pp65 antigen (19/50,000 white blood cells)", "EBV DNA 940
# copies/10^6 WBC", "per 100 leukocytes": a denominator, no result of the cells' own count
_DENOMINATOR_BEFORE = re.compile(r"(?:/|\bper)\s?(?:[1-9]\d{2}|\d{1,3}(?:,\d{3})+|10\^\d)\s$", re.I)


def _without_denominators(text: str, hits: list[TestHit]) -> list[TestHit]:
    """The test names, less a count of cells standing as the denominator of another count (never a diastolic
    pressure before the next vital sign: "150/91, pulse 84")."""
    return [h for h in hits if not (str(h.test.ucum).startswith("10*")
                                    and _DENOMINATOR_BEFORE.search(text, max(0, h.start - 16), h.start))]


def _without_salts(text: str, hits: list[TestHit]) -> list[TestHit]:
    """The test names, less the ions that name a drug's salt (knowledge/salts.csv): "mycophenolate sodium 720 mg",
    "potassium chloride 40 mEq", "sodium bicarbonate was infused" are doses, no electrolyte results."""
    words = _salt_words()
    out: list[TestHit] = []
    for h in hits:
        role = words.get(text[h.start:h.end].lower())
        if role is not None:
            before = _WORD_BEFORE_SALT.search(text, max(0, h.start - 40), h.start)
            prev = before.group(1).lower() if before else ""
            after = _WORDS_AFTER_SALT.match(text, h.end)
            nxt = after.group(1).lower().split() if after else []
            if (role == "cation" and (nxt[:1] and words.get(nxt[0]) == "anion" or words.get(" ".join(nxt)) == "anion")
                    or role == "anion" and words.get(prev) == "cation" or prev and _is_drug(prev)):
                continue
        out.append(h)
    return out


def _without_antibody_classes(text: str, hits: list[TestHit]) -> list[TestHit]:
    """The test names, less the immunoglobulin classes that name an antibody's class. A class coordinated right
    after one is one too: "Parvovirus IgM was negative, and IgG was elevated" (the parvovirus IgG)."""
    out: list[TestHit] = []
    last_class = -1  # end of the last antibody class
    for h in hits:
        if _antibody_class(text, h) or (last_class >= 0 and h.test.name in _TOTAL_IG and h.start - last_class <= 40
                                        and _IG_CLASS.fullmatch(text, h.start, h.end)
                                        and not _SENTENCE_END.search(text, last_class, h.start)):
            last_class = h.end
            continue
        out.append(h)
    return out


_SENTENCE_END = re.compile(r"[.;]\s")
# between a result word that names a measured quantity and its number: "proteinuria was 0.3 g/24h", "proteinuria had
# decreased to 1.2 g/24h", "hyperferritinaemia (12 000 ng/mL)"
_MEASURED_GAP = re.compile(r"[\s:=(]*(?:(?:was|were|is|of|at|had|has|have|been|decreased|increased|declined|fell|rose|"
                           r"improved|reduced|dropped|to|reached|measured|measuring|further|with|a|an|level|levels)"
                           r"[\s:=(]+)*", re.I)


@cache
def _measure_names() -> frozenset[str]:
    """Result words that also name their measurement (knowledge/lab_findings.csv `names_measure`): "proteinuria"."""
    return frozenset(r["term"] for r in table("lab_findings.csv") if r.get("names_measure") == "1")


# between a result word and the number it names, no change told: "hyperkalaemia (6.1 mmol/L)", "leukocytosis of 16.9"
_NAMING_GAP = re.compile(r"[\s:=(]*(?:(?:was|were|is|of|at|with|a|an|level|levels)[\s:=(]+)*", re.I)


def _unmeasured(text: str, compounds: list[Compound], values: list[Mention]) -> list[Compound]:
    """The result words that state a result: one written as the name of the number right after it ("proteinuria was
    0.3 g/24h") names the test of that measurement, whose number, not the word's typical flag, is the result. The
    number takes the word's flag where nothing between them tells a change ("hyperkalaemia (6.1 mmol/L)",
    "leukocytosis of 16.9 × 10^9/L"; not "proteinuria had decreased to 1.2 g/24h")."""
    by_test: dict[str, list[Mention]] = {}
    for v in values:
        if v.type == "lab_value" and v.attrs.get("value") is not None:
            by_test.setdefault(str(v.attrs.get("test")), []).append(v)
    out: list[Compound] = []
    for c in compounds:
        named = next((v for v in by_test.get(c[2][0], ()) if 0 <= v.start - c[1] <= 40
                      and _MEASURED_GAP.fullmatch(text, c[1], v.start)), None) if len(c[2]) == 1 else None
        if named is None:
            out.append(c)
        elif c[3] in ("H", "L") and not named.attrs.get("interpretation") \
                and text[c[0]:c[1]].lower() not in _measure_names() and _NAMING_GAP.fullmatch(text, c[1], named.start):
            named.attrs["interpretation"] = c[3]
    return out


def _lab_condition(text: str, start: int, clause_start: int) -> bool:
    """Whether the temperature at `start` is a laboratory's condition told in its clause ("the isolate grew on blood
    agar after 48 h of incubation at 37 °C"), with no fever or temperature word after the handling word."""
    handled = [m.end() for m in _INCUBATION_BEFORE.finditer(text, max(clause_start, start - 80), start)]
    return bool(handled) and not _FEVER_BEFORE.search(text, handled[-1], start)


def _joining_hyphens(text: str, hits: list[TestHit]) -> frozenset[int]:
    """Where a hyphen joins a test name to its value ("WBC-2.4", "Na-139"): after the name, or the name's own last
    character where the catalogue spells the name with its charge ("Cl-101", "HCO3-26")."""
    return frozenset(h.end if text.startswith("-", h.end) else h.end - 1 for h in hits
                     if text.startswith("-", h.end) or text[h.end - 1] == "-" and text[h.end:h.end + 1].isdigit())


def find_labs(text: str) -> list[Mention]:
    """All `lab_test`, `lab_value`, `lab_reference` and `test_result` mentions, sorted by position."""
    hits = _without_denominators(text, _without_salts(text, _without_antibody_classes(text, find_tests(text))))
    compounds = find_compounds(text)
    reader = _ValueReader(text, hits, compounds)
    out: list[Mention] = [
        Mention.model_construct(type="lab_test", start=h.start, end=h.end, text=text[h.start:h.end],
                                norm=h.test.name, attrs={"loinc": h.test.loinc, **({"members": "|".join(h.test.members)}
                                                                                    if h.test.members else {})})
        for h in hits if h.test.kind != "anchor"]
    out.extend(reader.apgar.mentions)
    for v in reader.values:
        if (mention := reader.read(v)) is not None:
            out.append(mention)
    out.extend(find_qualitative(text, [h for h in hits if h.test.kind != "anchor"], _unmeasured(text, compounds, out)))
    # a result word inside a test's name is no result: "positive end-expiratory pressure", "C- reactive protein"
    out.extend(find_results(text, [(m.start, m.end) for m in out
                                   if m.type in ("lab_value", "lab_finding", "lab_test")]))
    lab_fluids.refine(text, out)  # "increased protein ... on cerebrospinal fluid"
    out.sort(key=lambda m: (m.start, m.end, m.type, m.norm or ""))
    return out


class _ValueReader:
    """The numeric values of a text (`find_values`) read one by one (`read`) against its tests: which test each is a
    result of, or a reference interval of, or none (a change, a dimension, a time, a number of a name)."""

    def __init__(self, text: str, hits: list[TestHit], compounds: list[Compound]) -> None:
        self.text = text
        self.hits = hits
        self.anchors = anchors = sorted(hits + compound_anchors(compounds), key=lambda h: h.start)
        self.starts = [h.start for h in anchors]
        self.ends = ends = [m.end() for m in _CLAUSE_END.finditer(text)]
        self.hit_starts = [h.start for h in hits]
        self.by_test: dict[int, tuple[list[int], list[TestHit]]] = {}
        for h in hits:  # (in order of start)
            held = self.by_test.setdefault(id(h.test), ([], []))
            held[0].append(h.start)
            held[1].append(h)
        self.hit_ends = {h.end for h in hits}
        self.hit_start_set = set(self.hit_starts)
        self.values = values = find_values(text, _joining_hyphens(text, hits))
        self.value_starts = [v.start for v in values]
        self.interval_after = _unit_from_interval(text, values)
        _unit_after_interval(text, values)
        self.paired, self.unpaired = _respectively(text, values, hits, ends)
        self.last: tuple[int, LabTest | None] = (-1, None)  # end and test of the last unitless value kept
        self.taken: dict[int, int] = {}  # values given so far to each group name that lists its tests
        self.low = low = lower_text(text)
        self.apgar = read_apgar(text, low)  # scores paired with their minutes; no number of theirs is read below
        self.claimed = sorted(self.apgar.claimed)
        self.claimed_starts = [a for a, _ in self.claimed]

    def read(self, v: Value) -> Mention | None:
        """The mention value `v` makes: a result of its test, a reference interval, a change kept without a test;
        None for a number that is no result."""
        text = self.text
        i = bisect.bisect_right(self.hit_starts, v.start) - 1
        if i >= 0 and self.hits[i].end > v.start:
            return None  # a digit inside a test name: "C3", "CA 19-9"
        claimed = self.claimed
        if claimed and (j := bisect.bisect_right(self.claimed_starts, v.start) - 1) >= 0 and claimed[j][1] > v.start:
            return None
        clause_start, clause_end = self._clause(v)
        if self._is_change(v):
            # "haemoglobin decreased by 7 g/dL", "a weight loss of 8 kg", "she had lost 6 kg": a measured change, not
            # the test's level; kept as a value with no test (the course files no result for it)
            if not v.unit:
                return None
            change = value_mention(text, v, None)
            change.attrs["change"] = True
            return change
        test, v = self._attached(v, clause_start, clause_end)
        if test is not None and v.info is not None and v.info.kind == "mass" and test.unit_kind == "mass_rate":
            # "24-hour proteinuria was 5.6 g", "proteinuria of 3.5 g": a day's collection weighed, right after its
            # test (not "proteinuria improved on methylprednisolone 1 g", a dose)
            if not _directly_after_test(text, v, self.anchors, self.starts):
                return None
            v.extra = {**(v.extra or {}), "day_total": True}
        if v.info is not None and may_hold(self.low, max(0, v.start - 30), v.start, _CSF_ANALYTES):
            test = lab_fluids.csf_value_test(text, v.start, test)  # "Lumbar puncture: ... protein 0.62 g/L"
        if v.info is not None and v.info.kind == "length" and (
                _DIMENSION_AFTER.match(text, v.end) or _DIMENSION_BEFORE.search(text, max(0, v.start - 3), v.start)):
            return None
        kept, test = self._by_unit(v, test)
        if not kept:
            return None
        kept, test = self._checked_test(v, test, clause_start, clause_end)
        if not kept:
            return None
        if test is not None and v.value is not None and v.value < 0 and text[v.start] in "-–" \
                and not can_be_negative(test.name):
            # "potassium -3.4 mEq/L", "aspartate transaminase -64 U/L": a dash between a name and its value, not a
            # minus sign, where the test cannot be negative (knowledge/physiological_limits.csv)
            v = replace(v, start=v.start + 1, value=-v.value)
        mention = value_mention(text, v, test)
        if self._is_reference(v, mention, clause_start):
            # the lab's interval, not a result; but a reference word that is itself a test's name is that test:
            # "HR 96, RR 18" (respiratory rate, not a reference range), unless in brackets: "1.1 mg/dL (RR 0.6-1.2)"
            mention.type = "lab_reference"
        elif test is not None and not _plausible(test, v):
            return None  # "HR 2010" (a protocol's year) is no heart rate
        elif v.comparator and _TRIGGER_BEFORE.search(text, max(0, v.start - 40), v.start):
            # "norepinephrine started for MAP < 65", "transfuse if haemoglobin < 7 g/dL": the level a treatment is
            # given at, not a result (documents QA round docqa11)
            mention.type = "lab_reference"
        return mention

    def _clause(self, v: Value) -> tuple[int, int]:
        """The clause of value `v` (a short form and its value in brackets after a semicolon reach back past it)."""
        text, ends = self.text, self.ends
        k = bisect.bisect_right(ends, v.start)
        clause_start = ends[k - 1] if k else 0
        if k and text[clause_start - 1] == ";" \
                and _NAME_SEMICOLON.search(text, max(0, clause_start - 40), clause_start):
            clause_start = ends[k - 2] if k > 1 else 0  # "(AST; 43 IU/L)": a short form and its value in brackets
        return clause_start, ends[k] if k < len(ends) else len(self.text)

    def _is_change(self, v: Value) -> bool:
        """Whether `v` is a measured change ("decreased by 7 g/dL", "a weight loss of 8 kg"), not a level."""
        text = self.text
        return bool((may_hold(self.low, max(0, v.start - 40), v.start, _CHANGE_WORDS)
                     and _CHANGE_BEFORE.search(text, max(0, v.start - 70), v.start))
                    or (v.info is not None and v.info.kind == "mass" and weight_change.is_amount(text, v.start, v.end)))

    def _attached(self, v: Value, clause_start: int, clause_end: int) -> tuple[LabTest | None, Value]:
        """The test value `v` is a result of (paired by "respectively", or the test it attaches to in its clause), and
        the value as read ("60 G/L" as grams per litre when that finds its test)."""
        text, anchors, starts = self.text, self.anchors, self.starts
        test = None if id(v) in self.unpaired else self.paired.get(id(v)) or _attach(
            text, v, anchors, starts, clause_start, clause_end, self.taken, self.value_starts)
        if test is not None and test.name == "urine protein" and v.info is not None and v.info.kind == "ratio":
            # "proteinuria had fallen to 40 mg/mmol": a protein amount per creatinine is the ratio, not a day's total
            test = catalogue()["urine protein/creatinine ratio"]
        if test is None and v.unit in ("G/L", "G/l") and (grams := lookup_unit("g/L")) is not None:
            # "haemoglobin 60 G/L": a capital G that no count test takes is grams per litre, as written in capitals
            as_grams = Value(v.start, v.end, v.value, v.value_high, v.comparator, v.unit, grams, grams.ucum, v.extra)
            if (test := _attach(text, as_grams, anchors, starts, clause_start, clause_end, self.taken)) is not None:
                v = as_grams
        return test, v

    def _by_unit(self, v: Value, test: LabTest | None) -> tuple[bool, LabTest | None]:
        """Whether value `v` is kept by what its unit says, and its test: a unitless number only right after its test
        (or the next of a list after one), a one-letter unit only after its test or a fever, a unit no test takes only
        when it says what it measures."""
        text = self.text
        if v.info is None and v.ucum is None:
            if _NAME_NUMBER.match(text, v.start - 1) and v.start - 1 in self.hit_ends:
                return False, test
            if _DURATION_AFTER.match(text, v.end):
                return False, test  # "serum lithium 12 hours after the last dose was 3.4 mmol/L": a time, no result
            if self.last[0] >= 0 and _LIST_GAP.fullmatch(text, self.last[0], v.start):
                test = self.last[1]  # the next value of a list after a test: "Apgar scores were 2, 6, and 7"
            elif not _directly_after_test(text, v, self.anchors, self.starts):
                return False, test
            if (v.extra or {}).get("bare_pressure") and (test is None or test.name != "blood pressure"):
                return False, test  # "120/80" is a blood pressure only right after one
            if test is not None and test.kind == "serology" and not test.ucum and not test.name.startswith("anti") \
                    and _TYPE_NUMBERS.fullmatch(text, v.start, v.end):
                return False, test  # "HIV 1,2 antigen/antibody", "HSV 1": a virus type, not a result ("anti-RNP 96")
            self.last = (v.end, test)
        elif test is None and v.info is not None and len(v.unit or "") == 1 and v.unit.isalpha():  # type: ignore[union-attr]
            # a one-letter unit ("38.6 C", "102 F") counts only after its test or a fever: "stage 4 C" is none
            if v.info.kind != "temperature" or not _FEVER_BEFORE.search(text, max(0, v.start - 30), v.start):
                return False, test
            test = catalogue()["body temperature"]
        elif test is None and v.info is not None and v.info.kind not in _SELF_EVIDENT:
            return False, test
        elif test is None and v.info is not None and v.info.kind == "percent" and _PREPARATION_AFTER.match(text, v.end):
            return False, test  # "10% neutral formalin": a preparation's strength, not a result
        return True, test

    def _checked_test(self, v: Value, test: LabTest | None, clause_start: int,
                      clause_end: int) -> tuple[bool, LabTest | None]:
        """Whether value `v` is kept with its test, and the test as meant: a titre only of a serology, no body
        temperature of a lab's condition, a rate's unit naming its test, a group's one member, no anchor, not a value
        already given its test."""
        text = self.text
        if (v.extra or {}).get("slash_titre") and (test is None or not (test.qualitative or test.kind == "serology")):
            return False, test  # "1/320" is a titre only as a serology's result
        if test is not None and test.name == "body temperature" and _lab_condition(text, v.start, clause_start):
            return False, test
        if test is not None and v.info is not None and v.info.kind == "rate" and v.info.default_test \
                and v.info.default_test != test.name and v.info.default_test in catalogue() \
                and _RATE_NAMED.search(v.unit or ""):
            # "the respiratory and pulse rates were 25 breaths/min and 108 beats/min": a rate's unit that says what it
            # counts names its test (not "bpm", written for beats and for breaths: "respiratory rate 19 bpm")
            test = catalogue()[v.info.default_test]
        if test is not None and test.members:
            test = expand(test)[0] if len(expand(test)) == 1 else test
        if test is not None and test.kind == "anchor":
            test = None  # "the Rotterdam score was 0.15": a value, its test not in the catalogue
        if test is not None and _given(text, v, test, self.by_test, clause_start, clause_end):
            return False, test
        return True, test

    def _is_reference(self, v: Value, mention: Mention, clause_start: int) -> bool:
        """Whether value `v` is the lab's reference interval: after an interval's unit, a cut-off's label, a
        reference word (not a test's name but in brackets) or a reference label in its clause."""
        text, low = self.text, self.low
        return bool(
            id(v) in self.interval_after or (mention.attrs.get("comparator") and _CUTOFF_LABEL.search(
                text, max(0, v.start - 12), v.start)) or (may_hold(low, max(0, v.start - 40), v.start, _REFERENCE_WORDS)
                                       and (ref := _REFERENCE_BEFORE.search(text, max(0, v.start - 40), v.start))
                                       and not _PREDICATED_NORMAL.search(text, max(0, v.start - 40), v.start)
                                       and not (ref.start() in self.hit_start_set
                                                and not _OPENING_BEFORE.search(text, max(0, ref.start() - 2),
                                                                               ref.start())))
            or (may_hold(low, max(clause_start, v.start - 160), v.start, _LABEL_KEYS)
                and _REFERENCE_LABEL.search(text[max(clause_start, v.start - 160):v.start])))
