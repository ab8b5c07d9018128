"""Conditions in the course: which named things are diagnoses, and how sure the text is of each (own sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.model import Assertion
from casecourse.reading.diseases import find
from casecourse.reading.pipeline import read

pytest.importorskip("simple_icd_10_cm")


def _assertions(text: str) -> dict[str, str]:
    return {m.text.lower(): m.assertion.value for m in read(text).mentions if m.type == "condition"}


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\n" + text).conditions}


@pytest.mark.parametrize(("text", "name"), [
    ("Antibiotics were broadened suspecting endocarditis.", "endocarditis"),
    ("She was suspected to have a complicated pyelonephritis.", "pyelonephritis"),
    ("The skin biopsy raised the possibility of leukocytoclastic vasculitis.", "leukocytoclastic vasculitis"),
    ("Given the strong suspicion of sarcoidosis, steroids were started.", "sarcoidosis"),
    ("Our suspicion was initially placed on tuberculosis.", "tuberculosis"),
    ("Our differential was narrowed down to lymphoma.", "lymphoma"),
    ("Differential diagnoses were myocarditis and pericarditis.", "pericarditis"),
    ("CT showed airspace disease due to pneumonia versus edema.", "pneumonia"),
    ("A diagnosis of sarcoidosis was the most likely.", "sarcoidosis"),
])
def test_suspicion_and_differential_phrasing_is_suspected(text: str, name: str) -> None:
    assert _assertions(text)[name] == "suspected"


def test_a_confirmed_suspicion_is_no_suspicion() -> None:
    assert _assertions("Bronchoscopy confirmed the suspicion of tuberculosis.")["tuberculosis"] == "present"


def test_a_suspicion_does_not_reach_what_the_patient_was_admitted_for() -> None:
    got = _assertions("He was given ceftriaxone for suspected cholangitis, and admitted for treatment of sepsis.")
    assert got["cholangitis"] == "suspected" and got["sepsis"] == "present"


def test_a_finding_the_text_names_a_diagnosis_is_a_condition_at_every_mention() -> None:
    text = "She was diagnosed with hyponatremia. The hyponatremia resolved. She had a fever. A mass was diagnosed."
    kinds = [(m.text, m.type) for m in find(text) if m.type in ("condition", "finding")]
    assert kinds.count(("hyponatremia", "condition")) == 2
    assert ("fever", "finding") in kinds and ("mass", "finding") in kinds  # named a diagnosis nowhere


def test_without_a_diagnostic_frame_a_lab_abnormality_stays_a_finding() -> None:
    assert all(m.type != "condition" for m in find("The hyponatremia resolved with fluids."))


def test_meeting_a_syndromes_criteria_is_having_it() -> None:
    met = [m for m in find("She met 3/4 systemic inflammatory response syndrome criteria.") if m.type == "condition"]
    assert [m.attrs.get("icd10") for m in met] == ["R65.10"]
    assert not [m for m in find("The systemic inflammatory response syndrome criteria were reviewed.")
                if m.type == "condition"]


@pytest.mark.parametrize(("text", "label"), [
    ("Bronchoscopy showed diffuse alveolar haemorrhage.", "diffuse alveolar hemorrhage"),
    ("She developed delirium on the ward.", "delirium"),
    ("At 30 weeks she had preterm premature rupture of membranes.", "preterm premature rupture of membranes"),
    ("She went into preterm labour.", "preterm labor"),
    ("Imaging showed avascular necrosis of the femoral head.", "osteonecrosis"),
])
def test_named_diagnoses_of_the_curated_list(text: str, label: str) -> None:
    assert label in {str(m.attrs.get("label")) for m in find(text) if m.type == "condition"}


def test_a_positive_test_detecting_an_organism_confirms_its_infection() -> None:
    status = _status("A 50-year-old man was admitted with fever. Infection was suspected. "
                     "Cytomegalovirus PCR was positive. Parvovirus B19 IgG was positive.")
    assert status.get("cytomegalovirus infection") == "confirmed"
    assert "parvovirus b19 infection" not in status  # an antibody can be an old infection


def test_a_suspected_infection_is_upgraded_by_a_positive_culture() -> None:
    course = analyze_text("Case presentation\nA 40-year-old man was admitted with suspected brucellosis. "
                          "Blood cultures grew Brucella. A PCR for Leptospira was positive.")
    got = {c.name: (c.status, c.assertion) for c in course.conditions}
    assert got.get("brucellosis") == ("confirmed", Assertion.present)
    assert got.get("leptospirosis") == ("confirmed", Assertion.present)


@pytest.mark.parametrize("text", [
    "Her syncope was diagnosed as an arrhythmia.",  # the diagnosis is what follows "as"
    "A man with chest pain was diagnosed with pericarditis.",
    "He was diagnosed with ST-segment elevation myocardial infarction.",  # the finding only begins the name
])
def test_a_finding_beside_a_diagnosis_cue_that_names_something_else_stays_a_finding(text: str) -> None:
    named = [m.text for m in find(text) if m.type == "condition" and "named_diagnosis" in str(m.attrs.get("source"))]
    assert not {"syncope", "chest pain", "ST-segment elevation"} & set(named)


def test_what_the_discussion_states_the_patient_had_confirms_or_adds_a_condition() -> None:
    status = _status("A 30-year-old woman was admitted with cough. A chest film raised the possibility of "
                     "pneumonia.\nDiscussion\nOur patient developed pneumonia and the patient's respiratory failure "
                     "resolved. Sarcoidosis can mimic lymphoma.")
    assert status.get("pneumonia") == "confirmed"
    assert status.get("respiratory failure") == "confirmed"
    assert "sarcoidosis" not in status and "lymphoma" not in status  # not said of this patient


@pytest.mark.parametrize("sentence", [
    "Our patient had features of sarcoidosis.",
    "We report a case of tuberculosis initially diagnosed as sarcoidosis.",
])
def test_a_hedged_statement_about_the_patient_adds_nothing(sentence: str) -> None:
    status = _status("A 30-year-old woman was admitted with cough.\nDiscussion\n" + sentence)
    assert "sarcoidosis" not in status
