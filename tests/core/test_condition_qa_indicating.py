"""A judgement after 'indicating' / 'suggesting' is asserted on its own (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 2-day-old boy. " + text).conditions}


def test_a_denied_finding_does_not_deny_what_it_indicates() -> None:
    got = _conditions("The plain film showed absence of bowel gas beyond the stomach, indicating duodenal atresia.")
    assert got.get("duodenal atresia") == "confirmed"
    got = _conditions("The plain film showed absence of bowel gas beyond the stomach indicating pyloric atresia.")
    assert any("atresia" in name and status == "confirmed" for name, status in got.items())
    got = _conditions("Echocardiography showed no flow across the pulmonary valve, suggesting pulmonary atresia.")
    assert any("atresia" in name and status != "refuted" for name, status in got.items())


def test_without_a_comma_the_judgement_is_denied_with_its_noun() -> None:
    assert _conditions("There were no signs indicating meningitis.").get("meningitis") == "refuted"
    assert _conditions("There was absence of signs indicating meningitis.").get("meningitis") == "refuted"
    assert _conditions("Biopsy showed no findings indicative of malignancy.").get("malignancy") == "refuted"
    got = _conditions("He had no chest pain suggesting myocardial infarction.")
    assert got.get("myocardial infarction") == "refuted"


def test_a_suspicion_cue_after_a_comma_suspects_and_is_not_denied() -> None:
    got = _conditions("The lymph node biopsy showed no granulomas, suggestive of lymphoma.")
    assert got.get("lymphoma") == "provisional"
    got = _conditions("The ultrasound showed no fluid collection, compatible with cellulitis.")
    assert got.get("cellulitis") == "provisional"
    assert _conditions("There were no findings suggestive of lymphoma.").get("lymphoma") == "refuted"


def test_diagnoses_told_as_alternatives_are_each_suspected() -> None:
    got = _conditions("CT showed an anterior mediastinal mass, consistent with thymoma or thymic carcinoma.")
    assert got.get("thymoma") == "provisional"
    got = _conditions("The granulomas were consistent with sarcoidosis, tuberculosis or histoplasmosis.")
    assert {got.get(x) for x in ("sarcoidosis", "tuberculosis", "histoplasmosis")} == {"provisional"}
    got = _conditions("She had diabetes and hypertension. She had no asthma or COPD.")
    assert (got.get("hypertension"), got.get("asthma")) == ("confirmed", "refuted")


def test_a_denial_after_a_comma_and_a_new_subject_does_not_reach_back() -> None:
    got = _conditions("He was treated for pneumonia, and meningitis was excluded.")
    assert (got.get("pneumonia"), got.get("meningitis")) == ("confirmed", "refuted")
    got = _conditions("Tuberculosis, sarcoidosis, and lymphoma were excluded.")
    assert got.get("tuberculosis") == got.get("sarcoidosis") == "refuted"


def test_potential_causes_a_sentence_lists_are_suspected() -> None:
    got = _conditions("Surgery was urgent given the potential etiologies of his small bowel obstruction, which "
                      "included volvulus and acute mesenteric infarction.")
    assert got.get("volvulus") == "provisional"


def test_a_possessive_subject_after_a_comma_opens_a_clause_a_denial_does_not_reach() -> None:
    c = analyze_text("Case presentation\nA 40-year-old man had no history of surgery, his only medication was "
                     "methadone.")
    assert [e.drug for e in c.exposures] == ["methadone"]


def test_a_ventricles_free_wall_denies_nothing() -> None:
    c = analyze_text("Case presentation\nEchocardiography showed a dilated right ventricle with hypokinesis of the "
                     "free wall. She was pain free at discharge.")
    got = {f.name: f.assertion.value for f in c.findings}
    assert got.get("hypokinesis") == "present" and got.get("pain") == "negated"


def test_what_a_drug_is_given_to_cover_is_suspected_unless_narrowed_to_it() -> None:
    got = _conditions("Caspofungin was added to cover invasive aspergillosis.")
    assert got.get("aspergillosis") == "provisional"
    got = _conditions("Blood cultures grew MSSA. Antibiotics were de-escalated to cefazolin to cover the MSSA "
                      "bacteremia.")
    assert got.get("bacteremia") == "confirmed"
