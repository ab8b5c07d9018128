"""Whole-text scans rewritten to be led by one character class (or a literal) match exactly what their plain
spelling matches: at every place, with the same groups, also when searched from inside a text."""
from __future__ import annotations

import random
import re

import pytest

from casecourse.reading import (
    disease_organisms,
    disease_short_forms,
    doses,
    drug_context,
    lab_fluids,
    labs,
    labs_qualitative,
)

# (the scan as used, its plain spelling)
REWRITES = [
    (disease_short_forms._CAPS_RUN, re.compile(r"\b[A-Z]{3,6}s?\b")),
    (disease_organisms._INFECTED_BY,
     re.compile(r"\binfect(?:ion|ions|ed)\s+(?:caused\s+by|due\s+to|with|by)\s+", re.I)),
    (labs._CLAUSE_END, re.compile(r"[.!?](?=\s+[A-Z(\[]|\s*$)|[;\n]")),
    (labs._RESPECTIVELY, re.compile(r"\brespectively\b", re.I)),
    (drug_context._STOP, re.compile(r"[.;]\s|\n")),
    (drug_context._SENTENCE_STOP, re.compile(r"\.\s|\n")),
    (labs_qualitative._BOUNDARY, re.compile(r"[.;!?](?:\s|$)|\n")),
    (lab_fluids._CLAUSE, re.compile(r"[.;](?:\s|$)|\n")),
    (doses._DOSE_HEAD_LOW, re.compile(r"doses?\b", re.I)),
    (doses._CYCLE_HEAD_LOW, re.compile(r"(?:cycles?|courses?)\b", re.I)),
]
PIECES = ["CMV", "CMVs", "ABCDEFG", "xHLH", "_SLE", "éTTP", "Respectively", "RESPECTIVELY", "respectively",
          "irrespectively", "infection caused by", "Infected with", "reinfection due to", "Dose", "doses", "overdose",
          "two cycles", "courses", "the course", "It rose.", "x. Then", "(see)", "a;b", "end.", "\n", "; ", ". ", "!",
          "?", "Na", "1.5", "é", "-", "_", "ANA"]
# a lower-case twin is used only on lower-cased text; the others see the text as written
LOWER = {doses._DOSE_HEAD_LOW, doses._CYCLE_HEAD_LOW}


def _texts(n: int = 300) -> list[str]:
    rng = random.Random(11)
    return ["".join(rng.choice(PIECES) + rng.choice([" ", "", ", ", "\n", "  "]) for _ in range(rng.randint(1, 14)))
            for _ in range(n)]


def _found(rx: re.Pattern, text: str, lo: int, hi: int) -> list[tuple]:
    return [(m.span(), m.groups()) for m in rx.finditer(text, lo, hi)]


@pytest.mark.parametrize("scan, plain", REWRITES, ids=[p.pattern[:30] for _, p in REWRITES])
def test_a_rewritten_scan_matches_its_plain_spelling(scan: re.Pattern, plain: re.Pattern) -> None:
    rng = random.Random(3)
    found_any = False
    for text in _texts():
        hay = text.lower() if scan in LOWER else text
        whole = _found(scan, hay, 0, len(hay))
        assert whole == _found(plain, text, 0, len(text)), text
        found_any = found_any or bool(whole)
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        assert _found(scan, hay, lo, hi) == _found(plain, text, lo, hi), (text, lo, hi)
    assert found_any  # the invented texts exercise the pattern
