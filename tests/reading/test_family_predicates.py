"""A relative's illness told through a predicate that shares the relative as its subject is the relative's, not the
patient's: "her sister had X and died because of Y", "his uncle, who had gout, developed Y". The same verbs after the
patient ("she had hypertension and died of sepsis") or across a new subject stay the patient's."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.model import Assertion


def _assertions(text: str) -> dict[str, Assertion]:
    course = analyze_text(text)
    return {m.text.lower(): m.assertion for m in course.mentions if m.type in ("finding", "condition")}


@pytest.mark.parametrize("sentence, relative_s, patient_s", [
    ("Her elder sister had trouble walking for many years and died because of poorly controlled diabetes mellitus.",
     "diabetes mellitus", None),
    ("His uncle had gout and subsequently developed chronic kidney disease.", "chronic kidney disease", None),
    ("Her brother, who had asthma, died of a pulmonary embolism.", "pulmonary embolism", None),
    ("Her mother had psoriasis, but the patient developed uveitis.", "psoriasis", "uveitis"),
    ("Her father had asthma; she developed eczema.", "asthma", "eczema"),
])
def test_a_relatives_predicate(sentence, relative_s, patient_s):
    found = _assertions("A 30-year-old woman presented with weakness. " + sentence)
    assert found[relative_s] == Assertion.family
    if patient_s:
        assert found[patient_s] == Assertion.present


def test_the_same_verbs_after_the_patient_stay_the_patients():
    found = _assertions("A 60-year-old man had hypertension and died of sepsis. He was given antibiotics and "
                        "developed a rash.")
    assert found["hypertension"] == Assertion.present
    assert found["sepsis"] == Assertion.present
    assert found["rash"] == Assertion.present


def test_no_relative_no_family_course():
    course = analyze_text("A 30-year-old woman presented with weakness. Her elder sister had trouble walking and died "
                          "because of poorly controlled diabetes mellitus.")
    assert all("diabetes" not in c.name for c in course.conditions if c.assertion == Assertion.present)


@pytest.mark.parametrize("sentence,relative_s,patient_s", [
    ("Because her mother had lupus, she developed arthritis.", "lupus", "arthritis"),
    ("His father had diabetes, he himself had hypertension.", "diabetes", "hypertension"),
])
def test_a_comma_and_the_patients_pronoun_end_the_relatives_scope(sentence, relative_s, patient_s):
    found = _assertions("A 30-year-old woman presented with weakness. " + sentence)
    assert found[relative_s] == Assertion.family and found[patient_s] == Assertion.present


def test_a_comma_and_the_patients_pronoun_end_a_negation():
    found = _assertions("A 30-year-old woman was admitted. There was no rash, she complained of joint pain. "
                        "There was no cough, fever or dyspnoea.")
    assert found["rash"] == Assertion.negated and found["joint pain"] == Assertion.present
    assert found["fever"] == Assertion.negated  # a list after the cue, no pronoun: still negated
