"""Clinical documents read as a clinician reads them, fifth round (docqa5): each test an invented sentence that failed
before its rule (guards say so)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text(text).conditions}


# --- an assessment or problem-list line's own verdict: "X: ruled out", "X (excluded)", "X: possible" -------------

_ASSESSMENT = ("A 47-year-old woman was admitted on 12/06/2025 with pleuritic chest pain.\n\nAssessment:\n"
               "1. Pulmonary embolism: ruled out\n2. Pericarditis (excluded)\n3. Pneumothorax, ruled out\n"
               "4. Pancreatitis: not likely\n5. Costochondritis: possible\n6. Cellulitis: ruled out by ultrasound\n")


def test_a_verdict_after_a_colon_comma_or_bracket_on_its_line_denies_the_item() -> None:
    status = _status(_ASSESSMENT)
    assert status["pulmonary embolism"] == "refuted"
    assert status["pericarditis"] == "refuted"
    assert status["pneumothorax"] == "refuted"
    assert status["pancreatitis"] == "refuted"
    assert status["cellulitis"] == "refuted"


def test_a_possibility_after_a_colon_ending_the_line_is_a_suspicion() -> None:
    assert _status(_ASSESSMENT)["costochondritis"] in ("provisional", "differential")


def test_ruled_out_after_a_colon_still_denies_what_follows_it() -> None:
    # a guard (passes before and after): "Workup: ruled out X" keeps medspaCy's forward reading
    status = _status("A 47-year-old woman was admitted on 12/06/2025 with fever.\n\nImpression:\nFever of unknown "
                     "origin\nWorkup: ruled out tuberculosis and sarcoidosis\n")
    assert status["tuberculosis"] == "refuted" and status["sarcoidosis"] == "refuted"


# --- a marker, stain, antibody or gene named after a disease is no diagnosis -----------------------------------

def test_a_marker_named_after_a_disease_is_no_diagnosis() -> None:
    text = ("A 58-year-old man had a nodule excised from his scalp. The spindle cells were positive for human "
            "melanoma black 45 and anaplastic lymphoma kinase, and negative for Wilms tumour 1; tumour necrosis "
            "factor alpha was raised. A diagnosis of cellular blue naevus was made.")
    names = set(_status(text))
    assert not names & {"melanoma", "anaplastic lymphoma", "nephroblastoma", "neoplasm"}


def test_a_disease_named_before_a_number_of_years_is_still_the_diagnosis() -> None:
    # a guard (passes before and after): "B-cell lymphoma 2 years ago" is the patient's lymphoma, not BCL2
    status = _status("A 70-year-old man was diagnosed with diffuse large B-cell lymphoma 2 years ago.")
    assert status.get("diffuse large b-cell lymphoma") == "confirmed"


# --- chemotherapy cycles: a drug left out of a cycle, a dose changed by a percentage ---------------------------

_REGIMEN = ("A 66-year-old man with urothelial carcinoma started gemcitabine 1000 mg/m2 and cisplatin 70 mg/m2 on "
            "06/01/2025. ")


def _course(text: str, drug: str):
    return next(e for e in analyze_text(text).exposures if e.drug == drug)


def test_a_cycle_given_without_a_drug_stops_that_drug() -> None:
    text = _REGIMEN + "Cycle 3 was given on 03/03/2025 without cisplatin because of a rising creatinine."
    cisplatin = _course(text, "cisplatin")
    assert cisplatin.status == "stopped" and cisplatin.end is not None and cisplatin.end.point == "2025-03-03"
    assert _course(text, "gemcitabine").status != "stopped"


def test_a_date_before_the_cycle_count_is_no_number_of_cycles() -> None:
    # "On 03/03/2025, cycle 3": the year was read as 2025 cycles, which dated the stop at the regimen's start
    text = _REGIMEN + "On 03/03/2025, cycle 3 was given omitting cisplatin."
    assert _course(text, "cisplatin").end.point == "2025-03-03"


def test_a_dose_reduced_to_a_percentage_is_a_relative_dose_change() -> None:
    text = _REGIMEN + "On 03/03/2025 the gemcitabine dose was reduced to 75% because of neutropenia."
    segs = _course(text, "gemcitabine").segments
    assert [s.dose.value for s in segs] == [1000.0, 75.0]
    assert segs[1].dose.unit == "%" and segs[1].dose.unit_text == "% of the previous dose"
    assert segs[1].start.point == "2025-03-03" and segs[0].end.point == "2025-03-03"


def test_a_dose_reduced_by_a_percentage_keeps_the_rest_of_the_dose() -> None:
    text = _REGIMEN + "On 03/03/2025 gemcitabine was dose-reduced by 25%."
    seg = _course(text, "gemcitabine").segments[-1]
    assert seg.dose.value == 75.0 and seg.dose.unit == "%" and seg.dose.text == "by 25%"


def test_a_percentage_of_a_lab_value_is_no_dose() -> None:
    # a guard (passes before and after): no dose word, no dose change
    text = _REGIMEN + "After two cycles of gemcitabine, his HbA1c decreased to 7%."
    assert [s.dose.value for s in _course(text, "gemcitabine").segments] == [1000.0]


# --- a lab system's lipid line -----------------------------------------------------------------------------------

def test_a_lipid_result_line_reads_each_test_and_the_ratio_as_its_own() -> None:
    text = ("Admission Date: 03/04/2024   Discharge Date: 03/09/2024\nSex: M\n\nPertinent Results:\n"
            "03/05/2024 06:10AM BLOOD CHOL-198 TRIG-131 HDL-38 LDLcalc-134 CHOL/HD-5.2\n")
    labs = {(lab.test, lab.value) for lab in analyze_text(text).labs}
    assert labs == {("cholesterol", 198.0), ("triglycerides", 131.0), ("hdl cholesterol", 38.0),
                    ("ldl cholesterol", 134.0), ("cholesterol/hdl ratio", 5.2)}


def test_a_dose_given_without_any_improvement_denies_no_test() -> None:
    # a guard: "administered without any improvement in INR" keeps the INR (the PSEUDO cue of "no improvement in")
    text = ("A 59-year-old man was admitted on 02/02/2025 with bleeding. Oral vitamin K 10 mg was administered "
            "without any improvement in INR.")
    inr = next(m for m in analyze_text(text).mentions if m.type == "lab_test" and m.text == "INR")
    assert inr.assertion.value == "present"


def test_a_summary_opening_with_record_fields_tells_its_story_before_any_heading() -> None:
    # a treatment summary without a salutation: its story before the first heading was read as an introduction
    text = ("Treatment summary\nDate: 14/08/2025\n\nRe: John Carter, DOB 03/05/1961\n\nAdjuvant chemotherapy:\n"
            "Capecitabine 1250 mg/m2 twice daily was started on 17/03/2025.\nOn 19/05/2025 he developed diarrhoea.\n\n"
            "Medications:\nLoperamide 2 mg as required\n")
    course = analyze_text(text)
    assert "capecitabine" in {e.drug for e in course.exposures}
    assert "diarrhoea" in {f.name.lower() for f in course.findings} | {f.name.lower() for f in course.conditions}
