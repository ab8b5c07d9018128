"""Round speed5: the faster scans of `dose_relative` and of the sex letter in `demographics` give what the plain
scans gave (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.reading import demographics, dose_relative

_DOSE_TEXTS = [
    "The methotrexate dose was reduced to 75% after the mucositis.",
    "She was dose-reduced by 25% for the second cycle; a 20% dose reduction followed in cycle four.",
    "He reduced the dose of tacrolimus by 30% and later continued at 80% of the full dose.",
    "The DOSAGE WAS INCREASED BY 10% because of breakthrough pain.",
    "HbA1c decreased to 7% on metformin.",  # no dose words before the percentage: nothing
]


def _plain_doses(text: str) -> list[tuple[int, int, float]]:
    """What `dose_relative.find` read with the patterns' own `finditer` (before this round)."""
    out = []
    for rx in dose_relative._VERBED:
        for m in rx.finditer(text):
            pct, start = float(m.group("n")), m.start("n")
            if m.group("prep") == "by":
                pct = 100 - pct if m.group("verb").lower() in dose_relative._LOWER else 100 + pct
                start = m.start("prep")
            out.append((start, m.end(), pct))
    for rx in dose_relative._NOUNED:
        for m in rx.finditer(text):
            pct = float(m.group("n"))
            if "kind" in rx.groupindex:
                pct = 100 - pct if m.group("kind").lower() in dose_relative._LOWER else 100 + pct
            out.append((m.start("n"), m.end(), pct))
    return [o for o in out if 0 < o[2] <= 300]


@pytest.mark.parametrize("text", _DOSE_TEXTS)
def test_relative_doses_as_the_plain_scan(text: str) -> None:
    for _ in range(60):  # past the work after which the lower-cased twin takes over the scan
        got = [(m.start, m.end, m.attrs["value"]) for m in dose_relative.find(text * 20)]
    assert got == _plain_doses(text * 20)


def test_relative_doses_found() -> None:
    found = dose_relative.find(_DOSE_TEXTS[1])
    assert [m.attrs["value"] for m in found] == [75.0, 80.0]


@pytest.mark.parametrize("text, letters", [
    ("Record header\nSex: F\nAge: 44", ["F"]),
    ("GENDER:M, admitted for chest pain", ["M"]),
    ("A 67 y/o\tM with a cough and a 3 yo F sibling", ["M", "F"]),
    ("The 58-year-old F was seen in clinic.", ["F"]),
    ("Stage IV M1 disease; F-18 FDG PET showed uptake.", []),  # capitals that are no sex
])
def test_sex_letter_prefilter_keeps_every_match(text: str, letters: list[str]) -> None:
    plain = [m.group("s") for m in demographics._SEX_LETTER.finditer(text)]
    assert plain == letters
    assert bool(demographics._SEX_LETTER_AT.search(text)) or not plain
    got = [m.text for m in demographics.find(text) if m.type == "sex" and len(m.text) == 1]
    assert got == letters
