"""Conditions of the condqa9 audit round (invented sentences): a diagnosis excluded with an adverb of manner, and a
condition that showed no improvement (it persists)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 47-year-old man. " + text).conditions}


def test_rapidly_excluded_denies_both() -> None:
    got = _status("Within two days, both meningitis and endocarditis were rapidly excluded.")
    assert got.get("meningitis") == "refuted", got
    assert got.get("infective endocarditis") == "refuted", got


def test_no_improvement_of_a_condition_leaves_it_there() -> None:
    assert _status("There was no improvement of his heart failure despite diuretics.").get(
        "heart failure") == "confirmed"
    assert _status("There was no improvement in the pneumonia after five days of antibiotics.").get(
        "pneumonia") == "confirmed"


def test_no_pneumonia_is_still_denied() -> None:
    assert _status("He had no pneumonia, and no improvement was expected.").get("pneumonia") == "refuted"


def test_type_2_insulin_dependent_diabetes_is_type_2() -> None:
    got = _status("She has type 2 insulin-dependent diabetes mellitus and asthma.")
    assert got.get("type 2 diabetes mellitus") == "confirmed", got
    assert "type 1 diabetes mellitus" not in got


def test_a_drugs_adverse_effects_are_not_the_patients() -> None:
    got = _status("He was given cyclophosphamide. Its main adverse effects include infertility, pancreatitis and "
                  "malignancies.")
    assert "pancreatitis" not in got and "malignancy" not in got, got
    assert _status("The adverse effects included pancreatitis.").get("pancreatitis") == "confirmed"


def test_a_case_report_in_the_literature_is_not_the_patients() -> None:
    got = _status("She was treated for lupus nephritis. There is a single case report of ischaemic colitis after "
                  "cyclophosphamide treatment of polymyositis.")
    assert got.get("lupus nephritis") == "confirmed", got
    assert "polymyositis" not in got, got
    assert _status("There was a case of pneumonia in the ward.").get("pneumonia") == "confirmed"


def test_a_judgement_reaches_the_first_item_of_a_long_qualified_list() -> None:
    got = _status("After these tests, sarcoidosis, reactive arthritis, chronic granulomatous disease or other "
                  "connective tissue disease appeared unlikely.")
    assert got.get("sarcoidosis") == "refuted", got


def test_a_closed_list_before_and_is_not_the_subject_of_the_next_clause() -> None:
    got = _status("She had hypertension, diabetes mellitus, asthma and gout, and sepsis was excluded.")
    assert got.get("hypertension") == "confirmed", got
    assert got.get("asthma") == "confirmed", got
    assert got.get("sepsis") == "refuted", got
