"""A result word before an analyte of a body fluid named in its clause: "increased protein level and pleocytosis on
cerebrospinal fluid", "CSF analysis showed elevated protein" -> the fluid's test (cerebrospinal fluid protein, H).
The result word was read as a `test_result` with no test (reading/labs_results.py); it becomes that test's
`lab_value` only where the catalogue (knowledge/labs.csv) holds the fluid's test, and no other specimen (serum, blood,
urine) is named in the clause.
"""
from __future__ import annotations

import re

from casecourse.model import Mention
from casecourse.reading.labs_catalogue import by_written

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
