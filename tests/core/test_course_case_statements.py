"""What the course takes from sentences about the case outside its narrative, and from negative work-ups
(own invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")

_STORY = "Case presentation\nA 40-year-old man had fever and a rash for two weeks.\nDiscussion\n"


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text(text).conditions}


@pytest.mark.parametrize(("sentence", "name"), [
    ("This case illustrates the challenges in diagnosing sarcoidosis in a febrile adult.", "sarcoidosis"),
    ("This case shows how the diagnosis of sarcoidosis can be delayed by months.", "sarcoidosis"),
    ("Our case highlights the difficulty of diagnosing tuberculosis without a biopsy.", "tuberculosis"),
])
def test_a_sentence_about_diagnosing_the_case_states_its_diagnosis(sentence: str, name: str) -> None:
    assert _status(_STORY + sentence).get(name) == "confirmed"


@pytest.mark.parametrize("sentence", [
    "This case highlights the differential diagnosis of sarcoidosis in such patients.",
    "This case shows the need to rule out lymphoma before diagnosing sarcoidosis.",
    "This case shows that clinicians should consider the possible diagnosis of sarcoidosis.",
    "The diagnosis of sarcoidosis is difficult in general.",
])
def test_a_differential_or_a_general_statement_is_no_diagnosis_of_the_case(sentence: str) -> None:
    got = _status(_STORY + sentence)
    assert "sarcoidosis" not in got and "lymphoma" not in got


@pytest.mark.parametrize(("sentence", "status"), [
    ("HBsAg was negative.", "refuted"),
    ("Serologies for HIV and HBsAg were non-reactive.", "refuted"),
    ("Hepatitis B surface antigen was negative.", "refuted"),
    ("HBsAg was positive.", "confirmed"),
])
def test_a_hepatitis_b_surface_antigen_result_speaks_for_or_against_hepatitis_b(sentence: str, status: str) -> None:
    got = _status("Case presentation\nA 50-year-old woman presented with jaundice. " + sentence)
    assert got.get("hepatitis b") == status


@pytest.mark.parametrize("sentence", ["HBsAb was negative.", "Anti-HBs was positive.", "HBcAb was negative."])
def test_a_hepatitis_b_antibody_neither_refutes_nor_confirms_hepatitis_b(sentence: str) -> None:
    assert "hepatitis b" not in _status("Case presentation\nA 50-year-old woman presented with jaundice. " + sentence)


def _course(text: str) -> tuple[dict[str, str], set[str]]:
    c = analyze_text(text)
    return {x.name: x.status for x in c.conditions}, {x.name for x in c.findings}


@pytest.mark.parametrize(("sentence", "name", "status"), [
    ("A bone marrow biopsy ruled out malignancy.", "malignancy", "refuted"),
    ("Malignancies were excluded by PET-CT.", "malignancy", "refuted"),
    ("There was no evidence of neoplasm on the biopsy.", "neoplasm", "refuted"),
    ("The enlarged nodes raised concern for malignancy.", "malignancy", "provisional"),
])
def test_a_word_for_a_class_of_diagnoses_is_a_condition(sentence: str, name: str, status: str) -> None:
    conditions, findings = _course("Case presentation\nA 60-year-old man had night sweats. " + sentence)
    assert conditions.get(name) == status and name not in findings


@pytest.mark.parametrize(("sentence", "name"), [
    ("Our patient's marrow biopsy showed hemophagocytosis and ruled out malignancy.", "malignancy"),
    ("In our case, tuberculosis was excluded by repeated cultures.", "tuberculosis"),
])
def test_the_discussion_can_say_what_this_patient_did_not_have(sentence: str, name: str) -> None:
    assert _status(_STORY + sentence).get(name) == "refuted"


@pytest.mark.parametrize("sentence", [
    "Tuberculosis was excluded in most of the reported cases.",
    "Malignancy must be excluded in such patients.",
])
def test_an_exclusion_about_other_patients_refutes_nothing(sentence: str) -> None:
    got = _status(_STORY + sentence)
    assert "tuberculosis" not in got and "malignancy" not in got


def test_the_discussion_does_not_refute_what_the_story_confirmed() -> None:
    text = ("Case presentation\nA 60-year-old man was diagnosed with tuberculosis.\nDiscussion\n"
            "In our case, tuberculosis was excluded at first by a negative smear.")
    assert _status(text)["tuberculosis"] == "confirmed"


@pytest.mark.parametrize("written", ["multiorgan failure", "multi-organ failure", "multiple organ failure",
                                     "multiple organ dysfunction syndrome", "MODS"])
def test_multiple_organ_failure_has_one_name_whatever_its_spelling(written: str) -> None:
    course = analyze_text(f"Case presentation\nOn day 3 she developed {written} and was intubated.")
    named = [c for c in course.conditions if c.name == "multiple organ failure"]
    assert len(named) == 1 and named[0].status == "confirmed"
    assert named[0].text in (written.lower(), None)  # the spelling as written stays readable beside the name


@pytest.mark.parametrize("sentence", [
    "She was discharged after resolution of her acute kidney injury (AKI), hyponatremia and lactic acidosis.",
    "She was treated for sepsis and hyponatremia.",
])
def test_a_lab_abnormality_listed_among_diagnoses_is_a_diagnosis(sentence: str) -> None:
    conditions, findings = _course("Case presentation\nA 70-year-old woman was admitted with confusion. " + sentence)
    assert conditions.get("hyponatremia") == "confirmed" and "hyponatremia" not in findings


@pytest.mark.parametrize("sentence", [
    "Labs showed hyponatremia and thrombocytopenia.",
    "The hyponatremia resolved with fluids.",
    "Her sodium was low, consistent with hyponatremia, and she later had pneumonia.",
])
def test_a_lab_abnormality_outside_a_list_of_diagnoses_stays_a_finding(sentence: str) -> None:
    conditions, findings = _course("Case presentation\nA 70-year-old woman was admitted with confusion. " + sentence)
    assert "hyponatremia" not in conditions and "hyponatremia" in findings


@pytest.mark.parametrize("sentence", ["Hepatitis B e antigen was negative.", "Hepatitis B e antigen was positive."])
def test_the_hepatitis_b_e_antigen_alone_neither_refutes_nor_confirms_hepatitis_b(sentence: str) -> None:
    assert "hepatitis b" not in _status("Case presentation\nA 50-year-old woman presented with jaundice. " + sentence)


def test_a_negative_surface_antigen_beside_the_e_antigen_still_refutes_hepatitis_b() -> None:
    text = ("Case presentation\nA 50-year-old woman presented with jaundice. "
            "HBsAg and hepatitis B e antigen were negative.")
    assert _status(text).get("hepatitis b") == "refuted"


def test_a_run_of_lab_abnormalities_after_a_diagnosis_is_listed_whole() -> None:
    conditions, _findings = _course("Case presentation\nA 58-year-old man was admitted. He was treated for septic "
                                    "shock (SS), hypokalemia, hypoglycemia and hypophosphatemia.")
    assert all(conditions.get(c) == "confirmed" for c in ("hypokalemia", "hypoglycemia", "hypophosphatemia"))
