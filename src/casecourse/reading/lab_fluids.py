"""A result word before an analyte of a body fluid named in its clause: "increased protein level and pleocytosis on
cerebrospinal fluid", "CSF analysis showed elevated protein" -> the fluid's test (cerebrospinal fluid protein, H).
The result word was read as a `test_result` with no test (reading/labs_results.py); it becomes that test's
`lab_value` only where the catalogue (knowledge/labs.csv) holds the fluid's test, and no other specimen (serum, blood,
urine) is named in the clause.
"""
from __future__ import annotations

import re

from casecourse.model import Mention
from casecourse.reading.labs_catalogue import LabTest, by_written

_ANALYTE = re.compile(r"\s+(?:total\s+)?(?P<a>protein|glucose|lactate|white (?:blood )?cells?|leukocytes)"
                      r"(?:\s+(?:levels?|concentrations?|counts?))?\b", re.I)
_FLUID = re.compile(r"\b(?:cerebrospinal fluid|CSF|pleural fluid|ascitic fluid|synovial fluid)\b", re.I)
_OTHER = re.compile(r"\b(?:serum|plasma|blood|urine|urinary|sputum)\b", re.I)
_CLAUSE = re.compile(r"[.;](?:\s|$)|\n")


def refine(text: str, mentions: list[Mention]) -> None:
    """Turn, in place, a test_result with no test before a fluid's analyte into that test's lab_value."""
    for m in mentions:
        if m.type != "test_result" or m.attrs.get("test") is not None:
            continue
        a = _ANALYTE.match(text, m.end)
        if a is None:
            continue
        start = max((c.end() for c in _CLAUSE.finditer(text, 0, m.start)), default=0)
        stop = _CLAUSE.search(text, a.end())
        end = stop.start() if stop else len(text)
        fluids = list(_FLUID.finditer(text, start, end))
        if not fluids or _OTHER.search(text, start, end):
            continue
        f = min(fluids, key=lambda f: abs(f.start() - a.start()))
        fluid = "cerebrospinal fluid" if f.group().lower() == "csf" else f.group().lower()
        test = by_written(f"{fluid} {a.group('a').lower()}")
        if test is None:
            continue
        m.type, m.norm = "lab_value", test.name
        m.attrs = {**m.attrs, "test": test.name, "loinc": test.loinc, "rule": "fluid",
                   "test_text": f"{f.group()} {a.group('a')}"}


# a value's analyte word right before it: "protein 0.62 g/L", "glucose of 3.4 mmol/L"
_ANALYTE_BEFORE = re.compile(r"\b(?P<a>protein|glucose|lactate)(?:\s+(?:levels?|concentrations?))?\s*"
                             r"(?:of|was|were|is|at|:|=)?\s*$", re.I)
_CSF_WORDS = re.compile(r"\b(?:cerebrospinal fluid|CSF|lumbar puncture|spinal tap)\b", re.I)
_SPECIMEN_BEFORE = re.compile(r"\b(?:serum|plasma|blood|urine|urinary|paired|capillary|venous|arterial)\s+$", re.I)
_SENTENCE_END = re.compile(r"[.;](?:\s|$)|\n")
_PLAIN = ("glucose", "total protein", "lactate")  # the serum tests a bare analyte word is read as


def csf_value_test(text: str, start: int, test: LabTest | None) -> LabTest | None:
    """The cerebrospinal fluid test of a value written after a bare analyte word in a sentence about a lumbar
    puncture or the CSF ("Lumbar puncture showed 42 cells/uL, protein 0.62 g/L and glucose 3.4 mmol/L"); `test`
    where the analyte names another specimen ("paired serum glucose of 5.8 mmol/L") or another stands between."""
    if test is not None and test.name not in _PLAIN:
        return test
    a = _ANALYTE_BEFORE.search(text, max(0, start - 30), start)
    if a is None or _SPECIMEN_BEFORE.search(text, max(0, a.start() - 20), a.start()):
        return test
    lo = max(0, start - 400)
    s0 = max((c.end() for c in _SENTENCE_END.finditer(text, lo, a.start())), default=lo)
    fluid = max(_CSF_WORDS.finditer(text, s0, a.start()), key=lambda f: f.start(), default=None)  # the nearest
    if fluid is None or _OTHER.search(text, fluid.end(), a.start()):
        return test
    return by_written(f"cerebrospinal fluid {a.group('a').lower()}") or test
