"""A diagnosis told 'presumed' after it is a suspicion; one 'also / subsequently ruled out' is denied
(invented sentences, round condqa5)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 40-year-old man. " + text).conditions}


def test_a_diagnosis_told_presumed_after_it_is_provisional() -> None:
    assert _conditions("Bacterial meningitis was presumed, and antibiotics were started.").get(
        "bacterial meningitis") == "provisional"
    assert _conditions("A diagnosis of lupus nephritis was presumed on admission.").get(
        "lupus nephritis") == "provisional"


def test_presumed_as_the_grounds_of_a_cause_is_left_alone() -> None:
    # "presumed to be due to" judges the hypotension, not the sepsis told after it
    assert _conditions("The hypotension was presumed to be due to sepsis.").get("sepsis") == "confirmed"
    assert _conditions("Bacterial meningitis was confirmed by culture.").get("bacterial meningitis") == "confirmed"


def test_a_diagnosis_also_ruled_out_is_refuted() -> None:
    assert _conditions("Sarcoidosis was also excluded.").get("sarcoidosis") == "refuted"
    got = _conditions("Both lymphoma and tuberculosis were subsequently ruled out.")
    assert got.get("lymphoma") == "refuted" and got.get("tuberculosis") == "refuted"
    got = _conditions("Pneumonia was diagnosed, and tuberculosis was then excluded by culture.")
    assert got.get("pneumonia") == "confirmed" and got.get("tuberculosis") == "refuted"


def test_a_diagnosis_among_the_possible_ones_or_a_consideration_is_provisional() -> None:
    got = _conditions("The biopsy was inconclusive, with sarcoidosis and lymphoma among the possible diagnoses.")
    assert got.get("sarcoidosis") == "provisional" and got.get("lymphoma") == "provisional"
    assert _conditions("Because sarcoidosis was a consideration, surgery was deferred.").get(
        "sarcoidosis") == "provisional"
    assert _conditions("Tuberculosis remained a strong consideration.").get("tuberculosis") == "provisional"
