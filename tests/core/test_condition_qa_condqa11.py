"""Conditions of the condqa11 audit round (invented sentences): a risk told 'risk for', a history 'was denied'."""
from __future__ import annotations

from casecourse.api import analyze_text


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 47-year-old man. " + text).conditions}


def test_a_risk_for_a_condition_is_no_diagnosis() -> None:
    got = _status("He was monitored closely given his high risk for respiratory failure.")
    assert got.get("respiratory failure") != "confirmed", got
    # the patient at risk is not the condition at risk
    assert _status("The risk for the patient was judged low, and he developed pneumonia.").get(
        "pneumonia") == "confirmed"


def test_a_history_that_was_denied_is_denied() -> None:
    assert _status("A history of trauma was denied.").get("trauma") == "refuted"
    # a request denied says nothing about the disease of the next clause
    assert _status("His transfer was denied, and he developed pneumonia.").get("pneumonia") == "confirmed"


def test_a_repeated_no_leaves_a_qualified_last_item() -> None:
    got = _status("The biopsy showed no lymphoma, no granulomas, and scattered hemophagocytosis.")
    assert got.get("lymphoma") == "refuted", got
    assert got.get("hemophagocytosis") == "confirmed", got
    # without the repetition the list stays denied, and so does a last item with its own "no"
    assert _status("The biopsy showed no lymphoma, granulomas, and scattered hemophagocytosis.").get(
        "hemophagocytosis") == "refuted"
    assert _status("There was no fever, no cough, and no pneumonia.").get("pneumonia") == "refuted"


def test_a_cause_inside_a_differential_list_does_not_end_the_list() -> None:
    got = _status("The differential diagnoses included heart failure due to myocarditis, lymphoma and pulmonary "
                  "embolism.")
    assert got.get("pulmonary embolism") == "provisional", got
    assert got.get("lymphoma") == "provisional", got
    # a cause of a single suspicion ends its scope as before
    assert _status("Pneumonia was suspected due to fever, and she had heart failure.").get(
        "heart failure") == "confirmed"


def test_a_test_assessing_for_a_disease_looks_for_it() -> None:
    assert _status("Serologic studies assessing for brucellosis and hepatitis were sent.").get(
        "hepatitis") == "provisional"
    assert _status("A CT scan evaluating for appendicitis was ordered.").get("appendicitis") == "provisional"


def test_a_plan_told_after_a_diagnosis_is_the_procedures() -> None:
    got = _status("Because of septic shock from the cellulitis, surgical debridement was planned.")
    assert got.get("cellulitis") == "confirmed", got
    assert got.get("septic shock") == "confirmed", got


def test_a_with_inside_a_diagnosis_name_does_not_end_a_list() -> None:
    got = _status("The lesions raised several possible diagnoses, including sarcoidosis, granulomatosis with "
                  "polyangiitis, fungal infection and metastatic lymphoma.")
    assert got.get("lymphoma") == "provisional", got


def test_a_diseases_cells_are_no_diagnosis_of_their_own() -> None:
    got = _status("She had acute myeloid leukemia in remission. The spinal fluid showed no leukemia cells.")
    assert "leukemia" not in got or got["leukemia"] != "refuted", got
    assert got.get("acute myeloid leukemia") != "refuted", got
