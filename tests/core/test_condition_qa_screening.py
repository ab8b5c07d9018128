"""Conditions a screen looks for, imaging after a suspicion, and sentence capitals (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 48-year-old man. " + text).conditions}


def test_what_a_negative_screen_looked_for_is_refuted_past_a_with() -> None:
    got = _status("Screening for latent tuberculosis with a tuberculin skin test was negative.")
    assert got.get("latent tuberculosis") == "refuted"


def test_a_positive_screen_still_confirms() -> None:
    got = _status("Testing for Lyme disease was positive.")
    assert got.get("lyme disease") == "confirmed"


def test_imaging_after_a_suspicion_and_a_conjunction_is_no_diagnosis() -> None:
    got = _status("Reversible cerebral vasoconstriction syndrome was suspected but CTA was unremarkable.")
    assert "cta" not in got and "CTA" not in got


def test_an_ordinary_word_capitalised_at_sentence_start_is_no_eponym() -> None:
    got = _status("He was treated with adalimumab. Active disease persisted. High disease activity was recorded.")
    assert not any(name.lower() in ("active disease", "high disease") for name in got)
    assert "persistent disease" not in _status("She was referred for persistent disease activity.")


def test_a_diagnosis_considered_in_the_differential_and_unproven_is_not_confirmed() -> None:
    got = _status("Castleman disease was considered in the differential diagnosis but could not be confirmed.")
    assert got.get("castleman disease") in ("provisional", "differential")
    got = _status("Whipple disease was not confirmed.")
    assert got.get("whipple disease") != "confirmed"


def test_what_is_prevented_or_defines_a_suspected_disease_is_no_diagnosis_of_the_patient() -> None:
    got = _status("He received prophylaxis against Pneumocystis pneumonia and heparin to prevent thrombosis. "
                  "Lymphoma should be considered.")
    assert "pneumocystis pneumonia" not in got and not any("thrombosis" in name for name in got)
    assert got.get("lymphoma") == "differential"  # a diagnosis to consider stays a differential
    got = _status("We suspected thrombotic thrombocytopenic purpura, a rare disorder characterized by fever, "
                  "renal failure and thrombocytopenia. Blood cultures were negative.")
    assert "renal failure" not in got and "thrombocytopenia" not in got


def test_a_sentence_that_suspects_a_diagnosis_does_not_also_confirm_it() -> None:
    got = _status("She was started on ceftriaxone for suspected pyelonephritis, and admitted for treatment of sepsis "
                  "secondary to pyelonephritis.")
    assert got.get("pyelonephritis") == "provisional"
    assert got.get("sepsis") == "confirmed"


def test_a_definite_anaphor_does_not_revive_an_excluded_infection() -> None:
    got = _status("Serology was negative for HIV infection. Debridements were repeated until the infection was "
                  "controlled.")
    assert got.get("hiv infection") == "refuted"
    assert got.get("infection") == "confirmed"


def test_a_definite_anaphor_still_names_the_diagnosis_told_before() -> None:
    got = _status("A right psoas abscess was drained on day 2. The abscess resolved.")
    assert got.get("psoas abscess") == "confirmed" and "abscess" not in got


def test_a_disease_named_before_prevention_is_no_diagnosis() -> None:
    got = _status("Enoxaparin was started for stroke prevention because of atrial fibrillation.")
    assert "stroke" not in got and got.get("atrial fibrillation") == "confirmed"
    got = _status("He had an ischemic stroke in May. Aspirin was given for secondary stroke prevention.")
    assert got.get("ischemic stroke", got.get("stroke")) == "confirmed"


def test_what_a_relative_is_said_not_to_have_says_nothing_of_the_patient() -> None:
    got = _status("The baby was born at term. The mother had no chronic illness such as hypertension or diabetes "
                  "mellitus.")
    assert "hypertension" not in got and "diabetes mellitus" not in got
    got = _status("His father had no diabetes mellitus, but the patient had no hypertension.")
    assert got.get("hypertension") == "refuted"
