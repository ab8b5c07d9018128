"""Clinical letters and discharge summaries read as a clinician reads them (docqa11; invented documents of our own, no
corpus text): a UK rheumatology clinic letter, a US discharge summary, a haematology letter on HLH follow-up and an ICU
transfer note, each printed with hard line breaks as letters and notes are."""
from __future__ import annotations

from casecourse.api import analyze_text

RHEUMATOLOGY_LETTER = """\
Department of Rheumatology
Northgate General Hospital

Clinic date: 12/03/2025
Consultant: Dr H. Patel

Dear Dr Okafor,

Re: Margaret Ellison, DOB 04/09/1961, NHS No 485 777 3456

Diagnoses:
1. Seropositive rheumatoid arthritis (diagnosed 2019)
2. Osteoporosis
3. Hypertension

Current medications:
- Methotrexate 15 mg once weekly (orally)
- Folic acid 5 mg once weekly
- Prednisolone 7.5 mg once daily
- Amlodipine 5 mg once daily
- Alendronic acid 70 mg once weekly

I reviewed Mrs Ellison, a 63-year-old retired teacher, in the rheumatology clinic today. She reports three
months of worsening pain and early morning stiffness lasting two hours in both hands and wrists. On examination
she had synovitis of the right second and third MCP joints and both wrists; DAS28-CRP was 5.1. Her blood tests
today showed CRP 38 mg/L, ESR 52 mm/hr, haemoglobin 112 g/L, ALT 24 U/L and eGFR 71 mL/min/1.73m2. Her mother
had systemic lupus erythematosus. She has no history of tuberculosis. Despite methotrexate she has active
disease, and she now meets the criteria for biologic therapy.

Plan:
1. Increase methotrexate to 20 mg once weekly, switching to subcutaneous injection.
2. Reduce prednisolone to 5 mg once daily for four weeks, then stop.
3. Start adalimumab 40 mg subcutaneously every other week once screening (QuantiFERON, hepatitis B and C
serology, HIV test and chest X-ray) is back and satisfactory.
4. Repeat FBC, U&E and LFTs in 6 weeks.

I will see her again in clinic in three months.

Yours sincerely,

Dr H. Patel
Consultant Rheumatologist
"""

DISCHARGE_SUMMARY = """\
DISCHARGE SUMMARY

Patient: Robert J. Alvarez     MRN: 00482917     Sex: M     Age: 72
Admission Date: 02/11/2024     Discharge Date: 02/18/2024
Attending: Susan Whitfield, MD
Service: Internal Medicine

Principal Diagnosis: Sepsis due to Escherichia coli urinary tract infection
Secondary Diagnoses: Acute kidney injury on chronic kidney disease stage 3a; type 2 diabetes mellitus; atrial
fibrillation

History of Present Illness:
Mr. Alvarez is a 72-year-old man with type 2 diabetes, CKD stage 3a, atrial fibrillation on apixaban and benign
prostatic hyperplasia who presented to the ED with two days of fever, rigors, dysuria and confusion. In the ED
he was febrile to 39.4 C, HR 118, BP 86/50 and lactate was 4.1 mmol/L. His brother has prostate cancer.

Hospital Course:
#1 Sepsis secondary to E. coli urinary tract infection: He received a 30 mL/kg bolus of crystalloid and was
started on IV piperacillin-tazobactam 4.5 g every 8 hours. Blood and urine cultures grew E. coli sensitive to
ceftriaxone, and on hospital day 3 he was narrowed to IV ceftriaxone 1 g daily. He defervesced by hospital day
4. He was transitioned to oral cefalexin 500 mg every 12 hours on 02/16 to complete a 10-day course of
antibiotics.
#2 Acute kidney injury on CKD 3a: Creatinine peaked at 2.6 mg/dL on admission from a baseline of 1.4 mg/dL; this
was felt to be prerenal in the setting of sepsis. Lisinopril and metformin were held. Creatinine improved to 1.5
mg/dL at discharge. Lisinopril was not restarted given borderline blood pressures.
#3 Atrial fibrillation: Rate controlled on home metoprolol. Apixaban was continued at a reduced dose of 2.5 mg
twice daily while creatinine was elevated and was increased back to 5 mg twice daily at discharge.
#4 Type 2 diabetes mellitus: HbA1c 8.9%. Metformin was held during the admission and the patient was managed on
insulin sliding scale. He was started on insulin glargine 10 units at bedtime. Metformin was resumed at
discharge.
#5 Delirium: Resolved with treatment of infection. No focal neurological deficit; CT head was negative for acute
intracranial hemorrhage.

Pertinent Results:
02/11/2024 WBC 18.2 (H) [4.0-11.0 K/uL]
02/11/2024 Hemoglobin 12.1 (L) [13.5-17.5 g/dL]
02/11/2024 Creatinine 2.6 (H) [0.7-1.3 mg/dL]
02/11/2024 Lactate 4.1 (H) [0.5-2.2 mmol/L]
02/11/2024 Procalcitonin 12.4 (H) [<0.5 ng/mL]
02/14/2024 Potassium 3.2 (L) [3.5-5.1 mmol/L]
02/17/2024 Creatinine 1.5 (H) [0.7-1.3 mg/dL]

Discharge Medications:
1. Cefalexin 500 mg PO every 12 hours through 02/20/2024 (NEW)
2. Insulin glargine 10 units subcutaneously at bedtime (NEW)
3. Apixaban 5 mg PO twice daily (CHANGED - dose returned to home dose)
4. Metoprolol succinate 50 mg PO daily
5. Metformin 500 mg PO twice daily
6. Tamsulosin 0.4 mg PO daily
7. Lisinopril 10 mg PO daily (STOPPED - low blood pressure)

Discharge Condition: Stable, afebrile, ambulating independently.
Follow-up: PCP in 1 week with BMP.
"""

HAEMATOLOGY_LETTER = """\
Department of Haematology
Riverside University Hospital

Date: 21 May 2024

Dear Dr Lindqvist,

Re: Daniel Cho, DOB 17/01/1989

Diagnosis: Secondary haemophagocytic lymphohistiocytosis (HLH), EBV-driven, diagnosed 2 April 2024

I saw Mr Cho, a 35-year-old man, in the haematology clinic today for review of his HLH, now in week 7 of
treatment on the HLH-94 protocol. He was admitted on 30 March 2024 with fever, splenomegaly and pancytopenia,
and fulfilled 6 of 8 HLH-2004 criteria; bone marrow showed haemophagocytosis. EBV DNA was 85,000 copies/mL at
diagnosis. His father had non-Hodgkin lymphoma.

Treatment started on 3 April 2024 with etoposide 150 mg/m2 twice weekly for two weeks, then once weekly from
week 3, and dexamethasone 10 mg/m2 daily for the first two weeks, halved to 5 mg/m2 daily in weeks 3-4 and to
2.5 mg/m2 daily in weeks 5-6. He is now on dexamethasone 1.25 mg/m2 daily (week 7) with a plan to stop at the
end of week 8. Ciclosporin was added on 17 April 2024 at 3 mg/kg twice daily, aiming for a trough level of 200
microgram/L; the trough levels were 145 microgram/L on 24 April, 210 microgram/L on 8 May and 265 microgram/L on
20 May. Given the last level and a creatinine of 118 umol/L (baseline 82 umol/L) I have reduced the ciclosporin
to 2.5 mg/kg twice daily. He also received rituximab 375 mg/m2 weekly for four doses, completed on 1 May 2024.

His ferritin has fallen steadily: 28,400 ug/L on 2 April, 9,850 ug/L on 16 April, 2,100 ug/L on 30 April and 640
ug/L on 20 May. Today his haemoglobin is 118 g/L, platelets 164 x10^9/L, neutrophils 2.1 x10^9/L and
triglycerides 2.3 mmol/L. EBV DNA is now undetectable. He has had no fever since mid-April and the spleen is no
longer palpable.

He continues co-trimoxazole 480 mg once daily on Mondays, Wednesdays and Fridays, fluconazole 50 mg daily and
aciclovir 400 mg twice daily as prophylaxis.

Plan: complete week 8 of etoposide and dexamethasone, then stop both if ferritin continues to fall; recheck
ciclosporin trough and renal function in one week.

Yours sincerely,

Dr Amara Mensah
Consultant Haematologist
"""

ICU_TRANSFER_NOTE = """\
MICU TRANSFER NOTE
Date: 09/14/2023  Time: 03:40

Pt is a 67 yo M w/ hx of COPD, HFrEF (EF 30%), DM2 and ESRD on HD (MWF), s/p L AVF creation 2019, admitted
09/12/2023 to medicine for RLL pneumonia, started on IV abx (vancomycin 1 g IV q12h and cefepime 2 g IV q8h).
Overnight pt c/o worsening SOB and was noted to be more somnolent. On RRT evaluation: T 38.9, HR 124, SBP 85
after 1 L NS, RR 30, SpO2 86% on 4L NC, GCS 13 (E3V4M6). ABG 7.21/68/58 on 6L. Lactate 3.8. WBC 21.4. No chest
pain. Denies abdominal pain. Wife at bedside reports pt's mother died of MI at 60.

Started on BiPAP 14/6 w/ improvement in SpO2 to 92%. Norepinephrine started peripherally at 0.05 mcg/kg/min for
MAP < 65. Vancomycin changed to linezolid 600 mg IV BID given concern for MRSA and recent VRE colonization.
Cefepime continued. Home metoprolol and lisinopril held. Heparin SQ 5000 units q8h for DVT ppx continued.

A/P: 67M w/ septic shock 2/2 RLL PNA, acute on chronic hypercarbic respiratory failure. Transfer to MICU for
pressors and NIV; low threshold for intubation. Renal aware, plan for CRRT if remains hypotensive. Will f/u
blood cx and MRSA nares swab. Code status: full code.
"""


def _conditions(text: str) -> dict[str, tuple[str, str | None]]:
    return {c.name: (c.assertion.value, c.status) for c in analyze_text(text).conditions}


def _labs(text: str, test: str) -> list[tuple]:
    return [(x.value, x.unit, x.interpretation, x.time.point if x.time else None)
            for x in analyze_text(text).labs if x.test == test]


# --- the discharge summary's result lines: "WBC 18.2 (H) [4.0-11.0 K/uL]" -------------------------------------------

def test_a_result_lines_bracketed_interval_is_no_result_and_gives_its_unit() -> None:
    assert _labs(DISCHARGE_SUMMARY, "leukocytes") == [(18.2, "K/uL", "H", "2024-02-11")]
    assert _labs(DISCHARGE_SUMMARY, "potassium") == [(3.2, "mmol/L", "L", "2024-02-14")]
    # a bound alone in square brackets ("[<0.5 ng/mL]") is the interval too
    assert _labs(DISCHARGE_SUMMARY, "procalcitonin") == [(12.4, "ng/mL", "H", "2024-02-11")]


def test_a_bracketed_range_after_a_flag_in_one_line() -> None:
    got = _labs("Pertinent Results:\n03/02/2024 Hemoglobin 9.1 (L) [13.5-17.5 g/dL]\n", "hemoglobin")
    assert [(v, u, i) for v, u, i, _ in got] == [(9.1, "g/dL", "L")]


# --- "PCP" in a follow-up line is the primary care physician --------------------------------------------------------

def test_pcp_to_follow_up_with_is_no_pneumocystis_pneumonia() -> None:
    assert "pneumocystis pneumonia" not in _conditions(DISCHARGE_SUMMARY)
    assert "pneumocystis pneumonia" not in _conditions("He was referred by his PCP for anaemia.\n")


def test_pcp_as_a_disease_keeps_its_reading() -> None:
    got = _conditions("He developed PCP and was started on co-trimoxazole.\n")
    assert got["pneumocystis pneumonia"][0] == "present"
    assert "pneumocystis pneumonia" in _conditions("He was co-infected with PCP and aspergillosis.\n")


# --- what a test or a prophylaxis is named by is not the patient's disease ------------------------------------------

def test_dvt_ppx_and_an_mrsa_nares_swab_are_no_diagnoses() -> None:
    got = _conditions(ICU_TRANSFER_NOTE)
    assert "deep vein thrombosis" not in got
    assert got["mrsa infection"] == ("suspected", "provisional")  # "given concern for MRSA"; the swab is a test
    assert "influenza" not in _conditions("An influenza swab was sent.\n")


# --- a trend of results, each with its date -------------------------------------------------------------------------

def test_each_result_of_a_trend_takes_the_date_written_after_it() -> None:
    got = _labs(HAEMATOLOGY_LETTER, "ferritin")
    assert [(v, t) for v, _, _, t in got] == [(28400.0, "2024-04-02"), (9850.0, "2024-04-16"), (2100.0, "2024-04-30"),
                                             (640.0, "2024-05-20")]


# --- a dose taken on days of the week -------------------------------------------------------------------------------

def test_a_dose_on_mondays_wednesdays_and_fridays_is_three_times_a_week() -> None:
    cotrim = next(e for e in analyze_text(HAEMATOLOGY_LETTER).exposures if e.drug == "trimethoprim-sulfamethoxazole")
    timing = cotrim.segments[0].timing
    assert (timing.frequency, timing.period, timing.period_unit) == (3, 1.0, "wk")
    assert cotrim.segments[0].dose.value == 480
    text = "She takes co-trimoxazole 960 mg on Mon/Wed/Fri.\n"
    timing = analyze_text(text).exposures[0].segments[0].timing
    assert (timing.frequency, timing.period_unit) == (3, "wk")


def test_two_days_told_are_no_schedule() -> None:
    text = "Co-trimoxazole 480 mg once daily was given. She was reviewed on Monday and Tuesday.\n"
    timing = analyze_text(text).exposures[0].segments[0].timing
    assert (timing.frequency, timing.period_unit) == (1, "d")


# --- "he continues X": taken now, since before the letter -----------------------------------------------------------

def test_drugs_a_letter_says_the_patient_continues_are_active() -> None:
    got = {e.drug: e for e in analyze_text(HAEMATOLOGY_LETTER).exposures}
    for drug in ("trimethoprim-sulfamethoxazole", "fluconazole", "acyclovir"):
        assert got[drug].status == "active"
        assert got[drug].time is None or got[drug].time.point is None  # not started at the letter's date


# --- prose wrapped at a fixed width ---------------------------------------------------------------------------------

def test_a_relatives_disease_told_across_a_line_break_stays_the_relatives() -> None:
    got = _conditions(RHEUMATOLOGY_LETTER)
    assert "systemic lupus erythematosus" not in got
    # "hepatitis B and C\nserology" names tests, not diseases
    assert "hepatitis b" not in got and "hepatitis c" not in got


def test_a_date_on_the_next_line_dates_its_sentence() -> None:
    c = analyze_text(ICU_TRANSFER_NOTE)
    assert [e.time.point for e in c.events if e.type == "admission"] == ["2023-09-12"]


def test_a_denial_across_a_line_break() -> None:
    got = {f.name: f.assertion.value for f in analyze_text(DISCHARGE_SUMMARY).findings}
    assert got["intracranial hemorrhage"] == "negated"


def test_a_list_item_after_a_long_line_stays_its_own_sentence() -> None:
    from casecourse.reading.sentences import split
    text = "The patient met the following classification criteria for the disease at presentation\n3. Fever\n"
    assert [text[a:b] for a, b in split(text)][-1] == "Fever"


# --- a treatment's trigger level is no result -------------------------------------------------------------------------

def test_the_level_a_drug_is_given_for_is_no_result() -> None:
    tests = {x.test for x in analyze_text(ICU_TRANSFER_NOTE).labs}
    assert "mean arterial pressure" not in tests  # "started ... for MAP < 65"
    assert "blood pressure" in tests  # "SBP 85" was measured
    assert _labs("Transfuse if hemoglobin < 7 g/dL.\n", "hemoglobin") == []
    # a value told as the reason of an admission was measured
    assert [v for v, *_ in _labs("He was admitted for CRP > 200 mg/L and fever.\n", "c-reactive protein")] == [200.0]


# --- a drug the hospital course holds was taken before the stay -------------------------------------------------------

def test_a_held_or_home_drug_did_not_start_within_the_stay() -> None:
    got = analyze_text(DISCHARGE_SUMMARY).exposures
    held = [next(e for e in got if e.drug == drug) for drug in ("lisinopril", "metformin", "metoprolol")]
    assert all(e.segments[0].start is None or not e.segments[0].start.known for e in held)
    # a drug the hospital course starts still started within the stay (here in the ED, at the admission)
    pip = next(e for e in got if e.drug == "piperacillin-tazobactam")
    assert pip.segments[0].start.earliest == "2024-02-11" and pip.segments[0].start.latest in ("2024-02-11",
                                                                                               "2024-02-18")


# --- a hospital course told by problem --------------------------------------------------------------------------------

def test_each_problem_of_a_hospital_course_starts_from_the_admission() -> None:
    # "#4 Type 2 diabetes mellitus: HbA1c 8.9%." after "#3 ... increased back to 5 mg twice daily at discharge"
    assert [t for *_, t in _labs(DISCHARGE_SUMMARY, "hemoglobin a1c")] == ["2024-02-11"]
    # "Creatinine improved to 1.5 mg/dL at discharge" keeps its own time
    assert ("2024-02-18" in [t for v, _, _, t in _labs(DISCHARGE_SUMMARY, "creatinine") if v == 1.5])


# --- a clinic letter's plan ------------------------------------------------------------------------------------------

def test_a_plans_new_dose_written_once_daily_or_once_weekly_is_read() -> None:
    got = {e.drug: e for e in analyze_text(RHEUMATOLOGY_LETTER).exposures}
    mtx = got["methotrexate"]
    assert [(s.dose.value, s.route) for s in mtx.segments] == [(15.0, "oral"), (20.0, "subcutaneous")]
    assert [s.dose.value for s in got["prednisolone"].segments] == [7.5, 5.0]


def test_a_course_the_plan_tapers_and_stops_later_is_taken_at_the_letter() -> None:
    pred = next(e for e in analyze_text(RHEUMATOLOGY_LETTER).exposures if e.drug == "prednisolone")
    assert pred.status == "active"  # "Reduce prednisolone to 5 mg once daily for four weeks, then stop."
    assert pred.segments[-1].length_days == 28


def test_a_plans_stop_once_something_happens_is_still_deferred() -> None:
    text = ("Clinic date: 21/06/2024\n\nDear Dr Lee,\n\nShe takes aciclovir 400 mg twice daily.\n\n"
            "Plan:\n1. Stop aciclovir once the rash has settled.\n")
    assert [e.status for e in analyze_text(text).exposures] == ["active"]


# --- a note's own date and "overnight" ------------------------------------------------------------------------------

def test_what_a_note_tells_of_the_night_before_is_at_the_notes_date() -> None:
    c = analyze_text(ICU_TRANSFER_NOTE)  # "Date: 09/14/2023  Time: 03:40", admitted 09/12/2023, "Overnight pt c/o ..."
    assert [e.time.point for e in c.events if e.type == "admission"] == ["2023-09-12"]
    assert {f.name: f.time.point for f in c.findings}["somnolence"] == "2023-09-14"
    vanc = next(e for e in c.exposures if e.drug == "vancomycin")
    assert (vanc.time.point, vanc.end.point) == ("2023-09-12", "2023-09-14")  # "Vancomycin changed to linezolid"


def test_a_procedure_a_note_plans_or_keeps_a_low_threshold_for_is_not_done() -> None:
    got = {p.name: (p.assertion.value, p.status) for p in analyze_text(ICU_TRANSFER_NOTE).procedures}
    assert got["intubation"] == ("hypothetical", "preparation")  # "low threshold for intubation"
    assert got["continuous renal replacement therapy"] == ("hypothetical", "preparation")  # "plan for CRRT if ..."
    assert got["non-invasive ventilation"][0] == "present"  # "Started on BiPAP"
