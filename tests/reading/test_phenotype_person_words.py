"""Words clinical prose uses for a finding or a diagnosis that HPO's own names miss: a cranial nerve by its numeral,
an everyday name ("backache", "renal impairment"), and the person's adjective of a one-word diagnosis."""
from __future__ import annotations

import pytest

from casecourse.reading.phenotypes import find_phenotypes


def _named(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """surface -> (type, HPO id, ICD-10 code) of the findings and conditions of `text`."""
    return {m.text: (m.type, m.attrs.get("hpo"), m.attrs.get("icd10")) for m in find_phenotypes(text)
            if m.type in ("finding", "condition")}


@pytest.mark.parametrize(("text", "surface"), [
    ("Examination showed a right VI nerve palsy and diplopia.", "VI nerve palsy"),
    ("He had a 6th nerve palsy after the lumbar puncture.", "6th nerve palsy"),
])
def test_a_cranial_nerve_is_named_by_its_numeral(text: str, surface: str) -> None:
    assert _named(text)[surface][1] == "HP:0006897"  # Abducens palsy ("Sixth nerve palsy")


def test_a_cranial_nerve_palsy_named_without_cranial() -> None:
    # HPO writes "Seventh cranial nerve palsy" and "Cranial nerve VII palsy"; prose drops "cranial"
    assert _named("She had a left VII nerve palsy.")["VII nerve palsy"][1] == "HP:0010628"
    assert _named("She had a seventh nerve palsy.")["seventh nerve palsy"][1] == "HP:0010628"


@pytest.mark.parametrize(("text", "surface", "hpo"), [
    ("He complained of backache for two months.", "backache", "HP:0003418"),
    ("She developed acute renal impairment on day 3.", "renal impairment", "HP:0000083"),
])
def test_everyday_names_of_findings(text: str, surface: str, hpo: str) -> None:
    assert _named(text)[surface][1] == hpo


@pytest.mark.parametrize("text", [
    "She is a known diabetic and takes no other medication.",
    "A 70-year-old man, diabetic for ten years, presented with chest pain.",
    "He was diabetic.",
])
def test_the_persons_adjective_of_a_diagnosis_names_it(text: str) -> None:
    assert _named(text)["diabetic"][0] == "condition"
    assert _named(text)["diabetic"][2].startswith("E11")


@pytest.mark.parametrize("text", [
    "He was started on a diabetic diet.",  # before a thing, not a person
    "She had diabetic-range glucose values.",  # a hyphen joins a compound: no phrase end
])
def test_the_diagnosis_adjective_before_a_thing_names_nothing(text: str) -> None:
    assert "diabetic" not in _named(text)


def test_a_negating_prefix_takes_the_diagnosis_away() -> None:
    named = _named("A 59-year-old hypertensive, non-diabetic man was admitted.")
    assert "diabetic" not in named
    assert named["hypertensive"][0] == "finding"


@pytest.mark.parametrize(("text", "surface", "hpo"), [
    ("She reported burning micturition for a week.", "burning micturition", "HP:0100518"),
    ("He felt pins and needles in both feet.", "pins and needles", "HP:0003401"),
    ("She had giddiness on standing.", "giddiness", "HP:0002321"),
    ("He noticed reduced hearing in the left ear.", "reduced hearing", "HP:0000365"),
])
def test_lay_names_of_symptoms(text: str, surface: str, hpo: str) -> None:
    assert _named(text)[surface][1] == hpo


def test_a_reflex_named_by_a_symptom_is_no_symptom() -> None:
    # "poor cough reflex": the reflex is tested, the patient does not cough
    assert "cough" not in _named("A tracheostomy was done for a poor cough reflex.")
    assert _named("She had a persistent cough.")["cough"][1] == "HP:0012735"


def test_a_named_fever_is_the_disease_not_the_sign() -> None:
    named = _named("The boy was diagnosed with dengue hemorrhagic fever.")
    assert named["dengue hemorrhagic fever"][::2] == ("condition", "A91")
    assert "fever" not in named


def test_a_visual_field_quadrant_lost() -> None:
    assert _named("Perimetry showed a left homonymous quadrantanopia.")["quadrantanopia"][1] == "HP:0001123"


def test_an_influenza_virus_infection_is_influenza() -> None:
    named = _named("She had ARDS due to an influenza A virus infection.")
    assert named["influenza A virus infection"][2] == "J11.1"
