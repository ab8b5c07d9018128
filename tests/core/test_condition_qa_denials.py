"""Conditions of a third audit round (invented sentences): denials and risks the ConText cues missed, and a new
clause's own suspicion after a denial."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 52-year-old woman. " + text).conditions}


def test_insufficient_evidence_denies() -> None:
    got = _status("The work-up found insufficient evidence of bacterial infection or endocrine disease.")
    assert got.get("bacterial infection") == "refuted"


def test_causes_denied_after_such_as_and_the_explained_disease_stays() -> None:
    got = _status("There was no other obvious cause for the pulmonary edema such as heart failure or pneumonia.")
    assert got.get("heart failure") == "refuted" and got.get("pneumonia") == "refuted"
    assert got.get("pulmonary edema") == "confirmed"


def test_a_new_clause_that_suspects_is_not_denied() -> None:
    got = _status("There were no focal deficits, and brain death was suspected.")
    assert got.get("brain death") == "provisional"
    got = _status("She had no rash, and a diagnosis of sarcoidosis was made.")
    assert got.get("sarcoidosis") == "confirmed"


def test_a_list_before_its_own_judgement_keeps_it() -> None:
    got = _status("Sepsis, anaphylaxis, and polycythemia vera were considered as differential diagnoses.")
    assert got.get("sepsis") == "provisional" and got.get("polycythemia vera") == "provisional"


def test_what_a_measure_reduces_the_chance_of_is_no_diagnosis() -> None:
    got = _status("To reduce the chance of developing an empyema, the cavity was irrigated daily.")
    assert "empyema" not in got
    got = _status("Given her predisposition to arrhythmia, the drug was avoided.")
    assert got.get("arrhythmia") != "confirmed"


def test_hedged_readings_and_listed_differentials_are_suspicions() -> None:
    got = _status("The antibody titre can indicate a connective tissue disease.")
    assert any("connective tissue disease" in name and status == "provisional" for name, status in got.items())
    assert _status("The poor response to fluids makes hypovolemia less likely.").get("hypovolemia") == "provisional"
    assert _status("The murmur gave some suggestion of endocarditis.").get("infective endocarditis") == "provisional"
    got = _status("Lymphoma and sarcoidosis were all possible differential diagnoses.")
    assert got.get("lymphoma") == "provisional" and got.get("sarcoidosis") == "provisional"
    assert _status("There was no suggestion of endocarditis.").get("infective endocarditis") == "refuted"


def test_an_impending_disease_has_not_happened_yet() -> None:
    assert _status("She was intubated for impending respiratory failure.").get("respiratory failure") == "provisional"
    assert _status("On day 2 she developed respiratory failure.").get("respiratory failure") == "confirmed"
