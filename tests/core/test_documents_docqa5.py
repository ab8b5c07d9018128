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


# --- new documents (documents_docqa5/): an oncology treatment summary, a rheumatology letter, an ICU summary --------

def test_a_letter_without_an_admission_gives_the_age_on_its_date_from_the_date_of_birth() -> None:
    text = ("Clinic date: 09/10/2025\n\nDear Dr Hart,\n\nRe: Anne Lacey, DOB 17/11/1962\n\n"
            "I reviewed Mrs Lacey today. She is well.\n")
    assert analyze_text(text).patient.age_years == 62.0


def test_a_listed_drug_dated_on_its_own_line_starts_then() -> None:
    text = ("Clinic date: 09/10/2025\n\nDear Dr Hart,\n\nCurrent medications:\n"
            "Abatacept 125 mg subcutaneously once weekly (since 14/05/2025)\n"
            "Pregabalin 75 mg twice daily (started 02/07/2025 for neuropathic pain)\n\nShe is well.\n")
    starts = {e.drug: e.segments[0].start.point for e in analyze_text(text).exposures}
    assert starts == {"abatacept": "2025-05-14", "pregabalin": "2025-07-02"}


def test_the_next_step_of_a_taper_is_no_dose() -> None:
    text = ("A 64-year-old woman started prednisolone 40 mg daily on 01/03/2025. The prednisolone was tapered by "
            "5 mg every week to 15 mg, then by 2.5 mg every two weeks.")
    doses = [s.dose.value for e in analyze_text(text).exposures if e.drug == "prednisolone" for s in e.segments]
    assert 2.5 not in doses and 40.0 in doses


def test_a_drug_given_from_one_date_to_another_ends_on_the_second() -> None:
    text = ("A 70-year-old man was admitted on 12/09/2025 with septic shock. He received noradrenaline from "
            "12/09/2025 to 15/09/2025 (maximum 0.4 mcg/kg/min).")
    course = next(e for e in analyze_text(text).exposures if e.drug == "norepinephrine")
    assert course.segments[0].start.point == "2025-09-12" and course.end.point == "2025-09-15"


def test_a_procedure_from_one_date_to_another_ends_on_the_second() -> None:
    text = ("A 70-year-old man was admitted on 12/09/2025 with septic shock and acute kidney injury. Continuous "
            "venovenous haemofiltration from 13/09/2025 to 17/09/2025 was needed.")
    crrt = next(p for p in analyze_text(text).procedures if p.category == "dialysis")
    assert crrt.time.point == "2025-09-13" and crrt.end is not None and crrt.end.point == "2025-09-17"


def test_a_drug_given_until_a_date_then_another_ends_on_that_date() -> None:
    text = ("A 70-year-old man was admitted on 20/09/2025 with pneumonia. He was given benzylpenicillin 1.2 g IV every "
            "four hours until 25/09/2025, then amoxicillin 1 g orally three times daily for 2 days.")
    penicillin = next(e for e in analyze_text(text).exposures if e.drug == "penicillin g")
    assert penicillin.end is not None and penicillin.end.point == "2025-09-25"


_ICU = ("ICU DISCHARGE SUMMARY\n\nPatient: Tom Reed, 70-year-old man\nICU admission: 20/09/2025\n"
        "ICU discharge: 27/09/2025\n\nReason for admission: Septic shock from a urinary tract infection\n\n"
        "Microbiology:\nBlood cultures (21/09/2025): Escherichia coli, sensitive to ceftriaxone.\n"
        "Repeat blood cultures (24/09/2025): no growth.\n\nMedications on discharge:\nOmeprazole 20 mg daily\n")


def test_a_culture_dated_in_brackets_before_its_colon_grew_the_organism_after_it_then() -> None:
    cultures = [(lab.interpretation, lab.time.point) for lab in analyze_text(_ICU).labs if lab.test == "blood culture"]
    assert cultures == [("POS", "2025-09-21"), ("NEG", "2025-09-24")]


def test_a_reason_for_admission_label_tells_no_second_admission_and_dates_its_diagnosis_there() -> None:
    course = analyze_text(_ICU)
    assert [e.time.point for e in course.events if e.type == "admission"] == ["2025-09-20"]
    assert next(c for c in course.conditions if c.name == "septic shock").time.point == "2025-09-20"


_CYCLES = ("A 58-year-old woman with colon cancer was treated with CAPOX (oxaliplatin 130 mg/m2 and capecitabine "
           "1000 mg/m2 twice daily). Cycle 1 started on 10/03/2025. On 12/05/2025 the capecitabine dose was reduced "
           "to 75%. Cycle 8, the final cycle, was completed on 21/07/2025.")


def test_a_first_cycle_told_with_its_date_starts_the_regimen_named_before() -> None:
    starts = {e.drug: e.segments[0].start.point for e in analyze_text(_CYCLES).exposures}
    assert starts == {"oxaliplatin": "2025-03-10", "capecitabine": "2025-03-10"}


def test_a_final_cycle_told_completed_completes_the_regimen() -> None:
    courses = {e.drug: e for e in analyze_text(_CYCLES).exposures}
    assert courses["capecitabine"].status == "completed" and courses["capecitabine"].end.point == "2025-07-21"
    assert courses["oxaliplatin"].status == "completed"


def test_the_three_documents_read_whole() -> None:
    from pathlib import Path

    docs = Path(__file__).parent / "documents_docqa5"
    onc = analyze_text((docs / "oncology_summary.txt").read_text(encoding="utf-8"))
    assert onc.patient.age_years == 64.0
    cape = next(e for e in onc.exposures if e.drug == "capecitabine")
    assert [s.dose.value for s in cape.segments] == [1000.0, 75.0] and cape.status == "completed"
    rheum = analyze_text((docs / "rheum_letter.txt").read_text(encoding="utf-8"))
    assert rheum.patient.age_years == 53.0
    pred = next(e for e in rheum.exposures if e.drug == "prednisolone")
    assert 2.5 not in [s.dose.value for s in pred.segments]
    assert next(e for e in rheum.exposures if e.drug == "tocilizumab").segments[0].start.point == "2025-06-06"
    icu = analyze_text((docs / "icu_discharge.txt").read_text(encoding="utf-8"))
    assert "norepinephrine" in {e.drug for e in icu.exposures}
    assert ("blood culture", "POS") in {(lab.test, lab.interpretation) for lab in icu.labs}
    assert [e.type for e in icu.events].count("admission") == 1
