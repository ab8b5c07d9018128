"""Conditions of the condqa8 audit round (invented sentences): a long list a denial closes with 'all', a possibility
eliminated, a misdiagnosis, a differential suggested, a preliminary clinical diagnosis, what a test is done to
evaluate for, other causes evaluated, and the subject of 'was most likely due to'."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 47-year-old man. " + text).conditions}


def test_all_negative_after_a_long_list_denies_every_item() -> None:
    got = _status("A work-up for the neuropathy including hereditary hemochromatosis, malignancy, vasculitis, "
                  "Wilson's disease, atypical porphyria with liver involvement, and amyloidosis, and all were "
                  "determined to be negative.")
    for name in ("hemochromatosis", "malignancy", "vasculitis"):
        assert got.get(name) == "refuted", (name, got)


def test_all_of_which_were_normal_denies_what_was_checked_for() -> None:
    got = _status("The team recommended to check for hepatitis A, hepatitis B core antibody, leptospirosis and "
                  "Epstein-Barr virus serology, all of which were normal.")
    assert got.get("hepatitis a") == "refuted", got


def test_all_negative_leaves_the_head_before_the_list() -> None:
    got = _status("He had a long-standing polyneuropathy. Screening for causes including vasculitis, sarcoidosis "
                  "and amyloidosis, and all were negative.")
    assert got.get("vasculitis") == "refuted", got
    assert all(status != "refuted" for name, status in got.items() if "neuropathy" in name), got


def test_a_possibility_eliminated_is_refuted() -> None:
    got = _status("The antibody was deemed a false positive and the possibility of heparin-induced "
                  "thrombocytopenia was eliminated.")
    assert got.get("heparin-induced thrombocytopenia") == "refuted", got


def test_a_drug_eliminated_is_not_denied() -> None:
    c = analyze_text("Case presentation\nA 47-year-old man. Lithium was eliminated by haemodialysis.")
    assert [e.assertion.value for e in c.exposures if e.drug == "lithium"] == ["present"]


def test_what_a_rash_was_misdiagnosed_as_is_refuted() -> None:
    got = _status("The plaques had been misdiagnosed as psoriasis and treated with topical steroids for a year.")
    assert got.get("psoriasis") == "refuted", got


def test_a_differential_diagnosis_suggested_is_provisional() -> None:
    got = _status("Pericarditis was suggested as a differential diagnosis.")
    assert got.get("pericarditis") == "provisional", got


def test_a_preliminary_clinical_diagnosis_is_provisional() -> None:
    got = _status("A preliminary clinical diagnosis of erysipelas was made.")
    assert got.get("erysipelas") == "provisional", got


def test_a_test_to_evaluate_for_a_disease_does_not_refute_it() -> None:
    got = _status("A lumbar puncture was performed to evaluate for encephalitis.")
    assert got.get("encephalitis") == "provisional", got
    got = _status("A lumbar puncture to evaluate for encephalitis was negative.")
    assert got.get("encephalitis") == "refuted", got


def test_other_causes_evaluated_are_suspected() -> None:
    got = _status("Other causes of the anaemia were evaluated, including myelodysplastic syndrome.")
    assert got.get("myelodysplastic syndrome") == "provisional", got


def test_the_subject_of_most_likely_due_to_is_stated() -> None:
    got = _status("The encephalopathy was most likely due to uraemia.")
    assert got.get("encephalopathy") == "confirmed", got
    got = _status("Viral pneumonia was the most likely diagnosis.")
    assert got.get("viral pneumonia", got.get("pneumonia")) == "provisional", got


def test_a_denial_stops_at_and_the_patient_with_a_verb_of_the_course() -> None:
    got = _status("His relatives did not want dialysis and the patient died of "
                  "septic shock two days later.")
    assert got.get("septic shock") == "confirmed", got


def test_a_graded_finding_after_comma_and_is_not_denied() -> None:
    got = _status("Echocardiography showed no pericarditis, and moderate aortic stenosis.")
    assert got.get("pericarditis") == "refuted", got
    assert got.get("aortic valve stenosis", got.get("aortic stenosis")) == "confirmed", got


def test_a_serial_comma_list_stays_denied() -> None:
    got = _status("He denied any history of asthma, tuberculosis, and diabetes mellitus.")
    assert got.get("diabetes mellitus") == "refuted", got


def test_the_short_form_of_a_specialty_is_no_diagnosis() -> None:
    got = _status("Vancomycin was continued on the advice of the infectious diseases (ID) team.")
    assert "infection" not in got, got


def test_a_participle_or_behaviour_before_disease_names_none() -> None:
    got = _status("Serial images showing disease progression were reviewed; this aggressive disease was staged.")
    assert not any("disease" in name for name in got), got


def test_a_lung_infection_is_a_lower_respiratory_infection_not_recurrent_pneumonia() -> None:
    c = analyze_text("Case presentation\nA 47-year-old man. On day 4 he developed a pulmonary infection.")
    codes = {k.code for x in c.conditions for k in x.codings}
    assert "J22" in codes and "HP:0006532" not in codes, codes


def test_a_fat_pad_biopsy_names_no_condition() -> None:
    got = _status("An abdominal fat pad aspirate was obtained to look for amyloid.")
    assert "fat pad" not in got, got


def test_a_shock_a_device_delivers_is_no_shock() -> None:
    got = _status("Over the night his defibrillator delivered four ICD shocks; after 12 synchronised shocks the "
                  "tachycardia stopped.")
    assert "shock" not in got, got
    got = _status("He presented in shock and later received two shocks for ventricular fibrillation.")
    assert got.get("shock") == "confirmed", got


def test_a_cardioplegic_arrest_is_no_cardiac_arrest() -> None:
    got = _status("Cardiopulmonary bypass was established and cardiac arrest was induced with cold cardioplegia.")
    assert "cardiac arrest" not in got, got
    got = _status("On day 3 he had a cardiac arrest and was resuscitated.")
    assert got.get("cardiac arrest") == "confirmed", got


def test_what_a_prevented_disease_would_lead_to_is_prevented_too() -> None:
    got = _status("Enoxaparin was given to prevent venous thrombosis leading to pulmonary embolism.")
    assert "pulmonary embolism" not in got, got
    got = _status("He had venous thrombosis leading to pulmonary embolism.")
    assert got.get("pulmonary embolism") == "confirmed", got


def test_what_a_patient_is_monitored_for_has_not_happened() -> None:
    got = _status("After the operation he was monitored closely for signs of compartment syndrome and ileus.")
    assert got and all(status not in ("confirmed", "refuted") for status in got.values()), got


def test_a_test_that_cannot_distinguish_two_diseases_denies_neither() -> None:
    got = _status("The antibody index does not differentiate between multiple sclerosis and neuromyelitis optica.")
    assert got.get("multiple sclerosis") == "provisional", got


def test_a_search_that_showed_normal_results_refutes_what_it_looked_for() -> None:
    got = _status("Serological tests for brucellosis showed normal agglutination titres.")
    assert got.get("brucellosis") == "refuted", got
    got = _status("He had known sarcoidosis, and the chest radiograph showed normal hila.")
    assert got.get("sarcoidosis") == "confirmed", got


def test_acquired_immune_deficiency_syndrome_is_hiv_infection() -> None:
    got = _status("He was known to have acquired immune deficiency syndrome and took no antiretroviral therapy.")
    assert got.get("hiv infection") == "confirmed", got
    assert "immunodeficiency" not in got, got


def test_a_neuromuscular_junction_disorder_is_named_whole() -> None:
    got = _status("The decremental response was suggestive of a neuromuscular junction disorder.")
    assert got.get("neuromuscular junction disorder") == "provisional", got
    assert "junction disorder" not in got, got
