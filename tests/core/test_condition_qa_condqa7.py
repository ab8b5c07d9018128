"""Conditions of the condqa7 audit round (invented sentences): a judgement against a diagnosis, a concern about one,
an organism's binomial read as its disease, a disease word in an institution's name."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 47-year-old man. " + text).conditions}


def test_a_finding_that_argues_against_a_diagnosis_refutes_it() -> None:
    got = _status("Her haptoglobin was normal, opposing the diagnosis of thrombotic thrombocytopenic purpura.")
    assert got.get("thrombotic thrombocytopenic purpura") == "refuted"
    got = _status("The absence of eosinophilia argued against eosinophilic granulomatosis with polyangiitis.")
    assert all(status == "refuted" for status in got.values()) and got


def test_arguing_against_a_treatment_leaves_the_disease() -> None:
    got = _status("He had lupus nephritis and argued against dialysis.")
    assert got.get("lupus nephritis") == "confirmed"
    got = _status("He had diabetes mellitus; the team argued against a diabetes education programme.")
    assert got.get("diabetes mellitus") == "confirmed"


def test_what_someone_was_concerned_about_is_not_confirmed() -> None:
    got = _status("On arrival he was concerned regarding listeria infection after eating soft cheese.")
    assert got and all(status != "confirmed" for status in got.values())


def test_a_lower_case_binomial_is_an_organism_not_pneumonia() -> None:
    got = _status("Serology showed IgG for chlamydia pneumoniae, cytomegalovirus and toxoplasma.")
    assert "pneumonia" not in got


def test_a_strain_qualified_binomial_is_an_organism_not_pneumonia() -> None:
    got = _status("Rapid identification of carbapenem-resistant Klebsiella pneumonia guides the choice of antibiotics.")
    assert not any("pneumonia" in name for name in got)
    got = _status("Two weeks later he developed Klebsiella pneumonia of the right lower lobe.")
    assert any("pneumonia" in name and status == "confirmed" for name, status in got.items())


def test_a_disease_word_in_an_institution_name_is_no_diagnosis() -> None:
    got = _status("Her plasma was sent to the Hemophilia Diagnosis and Treatment Centre for factor assays.")
    assert not any("hemophilia" in name for name in got)
    got = _status("He had hemophilia A and was followed by the regional clinic.")
    assert any("hemophilia" in name for name in got)


def test_a_differential_list_goes_on_past_a_diagnosis_with_its_sign() -> None:
    got = _status("A differential diagnosis of optic neuritis, sepsis with confusion, hepatic encephalopathy and "
                  "autoimmune encephalitis was considered.")
    assert got.get("hepatic encephalopathy") == "provisional"
    assert got.get("autoimmune encephalitis") == "provisional"


def test_a_diagnosis_after_a_treatment_with_a_drug_is_not_suspected() -> None:
    got = _status("Suspected pneumonia was treated with antibiotics, and meningitis developed.")
    assert got.get("meningitis") == "confirmed"


def test_what_a_possible_diagnosis_came_with_is_no_suspicion() -> None:
    got = _status("She had been admitted for possible rheumatic fever with pyrexia, polyarthritis, cardiac tamponade "
                  "requiring drainage, and pericarditis.")
    assert got.get("cardiac tamponade") == "confirmed"
