"""Tests of hepatology, dermatology and pulmonology work-ups named in the lab catalogue (autoimmune liver
serology, pemphigus and thyroid antibodies, KL-6, faecal calprotectin, TPMT, B-cell counts). Sentences written
for this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    return [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in analyze_text(text, assess=False).labs]


def test_autoimmune_liver_serology_is_not_filed_under_the_antinuclear_antibody() -> None:
    got = _labs("A 40-year-old woman had hepatitis. Anti-smooth muscle antibodies were positive at 1:80; "
                "anti-LKM1 and antimitochondrial antibodies were negative.")
    assert ("anti-smooth muscle antibodies", 80.0, None, "POS") in got  # "positive at 1:80": one result
    assert ("anti-lkm1 antibodies", None, None, "NEG") in got
    assert ("antimitochondrial antibodies", None, None, "NEG") in got
    assert not any(t == "antinuclear antibodies" for t, *_ in got)


def test_skin_and_thyroid_autoantibodies() -> None:
    got = _labs("A 60-year-old man had blisters. Anti-desmoglein 3 antibodies were 150 U/mL and anti-desmoglein 1 "
                "antibodies 30 U/mL. Anti-TPO antibodies were positive.")
    assert ("anti-desmoglein 3 antibodies", 150.0, "U/mL", None) in got
    assert ("anti-desmoglein 1 antibodies", 30.0, "U/mL", None) in got
    assert ("anti-thyroid peroxidase antibodies", None, None, "POS") in got


def test_lung_and_gut_markers_with_their_units() -> None:
    got = _labs("A 70-year-old man had cough. Serum KL-6 was 1,200 U/mL. "
                "Faecal calprotectin was 900 µg/g. CD19-positive B cells were 2 cells/µL.")
    assert ("krebs von den lungen-6", 1200.0, "U/mL", None) in got
    assert ("faecal calprotectin", 900.0, "µg/g", None) in got
    assert ("cd19 b cells", 2.0, "cells/µL", None) in got
