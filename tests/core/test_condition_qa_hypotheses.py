"""Suspicions and denials told in words the ConText rules lacked, and alternatives joined by 'versus' (invented
sentences, round condqa6)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 40-year-old man. " + text).conditions}


def test_a_hypothesis_or_a_preliminary_diagnosis_is_provisional() -> None:
    assert _conditions("The hypothesis of autoimmune hepatitis was discussed at the meeting.").get(
        "autoimmune hepatitis") == "provisional"
    got = _conditions("He went to the ward with preliminary diagnoses of pneumonia and heart failure.")
    assert got.get("pneumonia") == "provisional" and got.get("heart failure") == "provisional"


def test_a_high_probability_or_a_diagnosis_not_ruled_out_is_provisional() -> None:
    assert _conditions("The scan showed a high probability of pulmonary embolism.").get(
        "pulmonary embolism") == "provisional"
    assert _conditions("Tuberculosis was not ruled out, so isoniazid was added.").get(
        "tuberculosis") == "provisional"
    assert _conditions("Endocarditis was posited as the source of the emboli.").get(
        "infective endocarditis") == "provisional"
    assert _conditions("Pericarditis was considered by the team on day 2.").get("pericarditis") == "provisional"
    # a diagnosis ruled out is still denied
    assert _conditions("Tuberculosis was ruled out by culture.").get("tuberculosis") == "refuted"


def test_what_a_result_excludes_or_a_negative_cytology_is_for_is_refuted() -> None:
    assert _conditions("A normal echocardiogram, excluding infective endocarditis, was reassuring.").get(
        "infective endocarditis") == "refuted"
    assert _conditions("The ascitic fluid had negative cytology for malignancy.").get("malignancy") == "refuted"


def test_diagnoses_joined_by_versus_are_each_provisional() -> None:
    got = _conditions("The working impression was pneumonia versus pulmonary embolism, and heparin was given.")
    assert got.get("pneumonia") == "provisional" and got.get("pulmonary embolism") == "provisional"
    got = _conditions("She was admitted for cellulitis vs. gout of the right foot.")
    assert got.get("cellulitis") == "provisional" and got.get("gout") == "provisional"


def test_what_a_presentation_mimics_is_provisional() -> None:
    got = _conditions("He had right upper quadrant pain mimicking acute cholecystitis; a CT showed pneumonia.")
    assert got.get("cholecystitis") == "provisional" and got.get("pneumonia") == "confirmed"


def test_what_risk_factors_are_for_is_neither_had_nor_denied() -> None:
    got = _conditions("She had no risk factors for deep vein thrombosis. She had sarcoidosis.")
    assert "deep vein thrombosis" not in got and got.get("sarcoidosis") == "confirmed"
    assert "preeclampsia" not in _conditions("Her risk factors for preeclampsia included obesity and age.")


def test_a_singular_backward_cue_judges_its_own_subject_not_the_object_before_and() -> None:
    got = _conditions("He developed pneumonia and meningitis was excluded by lumbar puncture.")
    assert got.get("pneumonia") == "confirmed" and got.get("meningitis") == "refuted"
    got = _conditions("As she developed cardiogenic shock and myocarditis was a diagnostic hypothesis, a biopsy was "
                      "done.")
    assert got.get("cardiogenic shock") == "confirmed" and got.get("myocarditis") == "provisional"
    got = _conditions("Pneumonia and meningitis were ruled out.")
    assert got.get("pneumonia") == "refuted" and got.get("meningitis") == "refuted"
