"""Conditions of a second audit round: a disease word inside the name of a score or a scale (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 61-year-old woman. " + text).conditions}


def test_a_disease_inside_a_score_name_is_no_diagnosis() -> None:
    got = _status("Her sequential organ failure assessment score was 3 on the second day.")
    assert not any("organ failure" in name for name in got)
    got = _status("Coronary flow was Thrombolysis In Myocardial Infarction (TIMI) flow grade 3 after stenting.")
    assert not any("myocardial infarction" in name for name in got)


def test_a_disease_the_patient_has_beside_a_score_stays() -> None:
    got = _status("She had acute liver failure, and her liver failure worsened despite treatment.")
    assert got.get("acute liver failure") == "confirmed"
    got = _status("She had Crohn's disease; the Crohn's disease activity index was 320.")
    assert got.get("crohn disease") == "confirmed"
    got = _status("On day 30 she developed graft-versus-host disease (GVHD) grade 2 of the skin.")
    assert any("graft" in name and status == "confirmed" for name, status in got.items())
    got = _status("A biopsy showed follicular lymphoma grade 2.")
    assert any("lymphoma" in name and status == "confirmed" for name, status in got.items())


def test_what_a_sentence_names_as_a_possibility_is_not_confirmed() -> None:
    got = _status("Given the possibility of bacterial meningitis, ceftriaxone was started.")
    assert got.get("bacterial meningitis") in ("provisional", "differential")
    got = _status("Further possibilities included sarcoidosis, lymphoma and miliary tuberculosis.")
    assert all(status in ("provisional", "differential") for status in got.values()) and len(got) >= 2


def test_a_possibility_then_excluded_is_refuted() -> None:
    got = _status("The possibility of infective endocarditis was excluded by echocardiography.")
    assert got.get("infective endocarditis") == "refuted"
    got = _status("A ventilation-perfusion scan eliminated the possibility of pulmonary embolism.")
    assert got.get("pulmonary embolism") == "refuted"


def test_a_possibility_that_cannot_be_excluded_stays_a_suspicion() -> None:
    got = _status("We cannot exclude the possibility that she had cardiac sarcoidosis.")
    assert got.get("sarcoidosis") in ("provisional", "differential")


def test_a_suspicion_reaches_diagnoses_joined_by_with() -> None:
    got = _status("The team was suspecting pneumonia with sepsis and myocarditis, and antibiotics were started.")
    assert got.get("sepsis") == "provisional" and got.get("myocarditis") == "provisional"


def test_a_with_still_ends_a_denial_and_a_suspicion_of_signs() -> None:
    course = analyze_text("Case presentation\nA 61-year-old woman. He had no rash with fever.")
    assert {f.name: f.assertion.value for f in course.findings}.get("fever") == "present"
    course = analyze_text("Case presentation\nA 61-year-old woman. She had suspected pneumonia with cough.")
    assert {f.name: f.assertion.value for f in course.findings}.get("cough") == "present"


def test_a_suspicion_confirmed_in_its_own_clause_is_confirmed() -> None:
    got = _status("The suspected diagnosis of sarcoidosis was confirmed by a lymph node biopsy.")
    assert got.get("sarcoidosis") == "confirmed"
    got = _status("The clinical suspicion of Kawasaki disease was later confirmed by echocardiography.")
    assert got.get("kawasaki disease") == "confirmed"


def test_a_suspicion_confirmed_negative_or_only_treated_stays_unconfirmed() -> None:
    assert _status("Suspected HIV infection was confirmed negative.").get("hiv infection") != "confirmed"
    assert _status("Pneumonia was suspected and treated.").get("pneumonia") == "provisional"


def test_a_statement_about_patients_in_general_is_not_the_story() -> None:
    got = _status("Patients with sickle cell disease are at high risk of osteomyelitis.")
    assert "osteomyelitis" not in got
    got = _status("Renal abscess develops in about 12% of cases.")
    assert not any("abscess" in name for name in got)


def test_a_sentence_that_names_the_patient_among_patients_stays() -> None:
    got = _status("Like many patients with influenza, she developed bacterial pneumonia.")
    assert got.get("pneumonia") == "confirmed"
    got = _status("Both patients developed acute pancreatitis.")
    assert got.get("pancreatitis") == "confirmed"


def test_a_specialty_named_by_a_disease_class_is_no_diagnosis() -> None:
    got = _status("The Infectious Disease service was consulted, and cefazolin was started.")
    assert "infection" not in got and not any("infectious" in name for name in got)
    got = _status("After infectious diseases consultation she was treated for a urinary tract infection.")
    assert got.get("urinary tract infection") == "confirmed" and "infection" not in got


def test_what_the_pregnancy_was_complicated_by_in_a_childs_report_is_the_mothers() -> None:
    text = ("Case presentation\nA 5-day-old boy was admitted with poor feeding. The pregnancy was complicated by "
            "gestational diabetes and preeclampsia. On day 6 he developed sepsis.")
    got = {c.name: c.status for c in analyze_text(text).conditions}
    assert "preeclampsia" not in got and not any("diabetes" in name for name in got)
    assert got.get("sepsis") == "confirmed"


def test_a_womans_own_pregnancy_complication_stays() -> None:
    text = "Case presentation\nA 31-year-old woman was admitted. Her pregnancy was complicated by preeclampsia."
    assert {c.name: c.status for c in analyze_text(text).conditions}.get("preeclampsia") == "confirmed"


def test_a_finding_named_as_the_diagnosis_is_one() -> None:
    got = _status("She was diagnosed with spontaneous esophageal perforation 48 h after admission.")
    assert got.get("spontaneous esophageal perforation") == "confirmed"
    got = _status("The final diagnosis was immobilization-related hypercalcaemia.")
    assert any("hypercalc" in name and status == "confirmed" for name, status in got.items())


def test_a_finding_inside_a_longer_diagnosed_name_or_beside_it_is_not() -> None:
    got = _status("She was diagnosed with hypocellular bone marrow.")
    assert not any("hypocellular" in name for name in got)
    got = _status("He was diagnosed with pneumonia and fever.")
    assert "fever" not in got


def test_a_department_before_with_is_no_micro_organism() -> None:
    text = "Case presentation\nA 61-year-old woman was admitted to the Department of Cardiology with sepsis."
    c = next(c for c in analyze_text(text).conditions if c.name == "sepsis")
    assert c.text is None or "cardiology" not in c.text
    text = "Case presentation\nA 61-year-old woman had Klebsiella pneumoniae sepsis."
    c = next(c for c in analyze_text(text).conditions if c.name == "sepsis")
    assert c.text == "klebsiella pneumoniae sepsis"


def test_two_modifiers_of_one_head_name_two_diagnoses() -> None:
    got = _status("On day 3 she developed cardiogenic and septic shock.")
    assert got.get("cardiogenic shock") == "confirmed" and got.get("septic shock") == "confirmed"
    got = _status("There was no renal or liver failure.")
    assert all(status == "refuted" for status in got.values()) and len(got) == 2
    got = _status("She had neck and shoulder pain.")
    assert not got


def test_a_short_form_defined_after_a_quoted_name_is_read_later() -> None:
    text = ("Introduction\nThe “Kikuchi-Fujimoto disease” (KFD) is a rare lymphadenitis.\n\nCase presentation\n"
            "A 24-year-old woman had fever. A lymph node biopsy confirmed KFD.")
    c = analyze_text(text).conditions
    assert any("kikuchi" in x.name and x.status == "confirmed" for x in c)


def test_we_herein_report_names_the_patients_diagnosis() -> None:
    text = ("Introduction\nSarcoidosis is common. We herein report a case of cardiac sarcoidosis in a young man.\n\n"
            "Case presentation\nA 30-year-old man had palpitations.")
    got = {c.name: c.status for c in analyze_text(text).conditions}
    assert any("sarcoidosis" in name and status == "confirmed" for name, status in got.items())


def test_an_eponym_does_not_take_the_heading_before_it() -> None:
    text = "Introduction\nMarchiafava-Bignami disease is rare.\n\nCase presentation\nA 50-year-old man was admitted."
    assert all("introduction" not in c.name for c in analyze_text(text).conditions)
    text = ("Introduction\nWe herein describe a man with Marchiafava-Bignami disease.\n\nCase presentation\n"
            "A 50-year-old man was admitted.")
    assert any(c.name == "marchiafava-bignami disease" for c in analyze_text(text).conditions)
