"""Kinds of clinical documents read as a clinician reads them, third round (docqa3): a US admission H&P, a SOAP
progress note, a haematology clinic letter, a death summary and a paediatric clinic letter, each invented
(tests/core/documents_docqa3/), and short invented sentences for each rule."""
from __future__ import annotations

from pathlib import Path

from casecourse.api import analyze_text

DOCS = Path(__file__).parent / "documents_docqa3"


def _doc(name: str) -> str:
    return (DOCS / f"{name}.txt").read_text(encoding="utf-8")


# --- a SOAP progress note: its labelled parts are the visit's sections -----------------------------------------

SOAP = """Clinic note
Date of visit: 09/15/2025

S: Mr Reyes, a 61 yo M, returns for gout. He had a flare in July 2025, treated with colchicine. No joint pain now.
O: BP 142/88. No tophi. Uric acid 7.9 mg/dL.
A: Gout, controlled.
P: Start allopurinol 100 mg daily. Continue colchicine 0.6 mg daily for 3 months.
"""


def test_the_objective_part_of_a_soap_note_is_the_patients_and_at_the_visit() -> None:
    # before, every line after the last one naming the patient was a discussion: the results were lost
    course = analyze_text(SOAP)
    urate = [lab for lab in course.labs if lab.test == "uric acid"]
    assert [(lab.value, lab.unit, lab.time.point) for lab in urate] == [(7.9, "mg/dL", "2025-09-15")]


def test_the_plan_of_a_soap_note_starts_and_continues_drugs() -> None:
    status = {e.drug: (e.status, e.assertion.value) for e in analyze_text(SOAP).exposures}
    assert status["allopurinol"] == ("not-taken", "hypothetical")
    assert status["colchicine"][0] == "active"


def test_a_lone_label_line_in_a_case_report_opens_no_section() -> None:
    text = ("Case presentation\nA 40-year-old woman had fever for 2 days.\nA: chest radiograph; B: CT scan.\n"
            "Discussion\nFever is common.\n")
    zones = {m.text: m.zone for m in analyze_text(text).mentions if m.type == "finding"}
    assert zones.get("Fever") == "discussion"


def test_the_soap_note_document() -> None:
    course = analyze_text(_doc("soap_note"))
    labs = {lab.test: (lab.value, lab.time.point) for lab in course.labs}
    assert labs["thyroid stimulating hormone"] == (6.8, "2026-01-27")
    assert labs["blood pressure"] == (138.0, "2026-02-03")
    drugs = {e.drug: e for e in course.exposures}
    assert drugs["losartan"].status == "not-taken"
    assert drugs["amlodipine"].status == "stopped" and drugs["amlodipine"].end.point == "2026-02-03"
    assert [s.dose.value for s in drugs["levothyroxine"].segments] == [75.0, 88.0]


# --- a plan's stop set for later: the drug is still taken ------------------------------------------------------

LETTER_PLAN = """Clinic date: 12/05/2025

Dear Dr Shah,

Re: Tom Ellis, DOB 03/03/1970

Mr Ellis has finished his course of chemotherapy and feels well.

Current medications:
Fluconazole 50 mg once daily
Valaciclovir 500 mg twice daily
Lansoprazole 15 mg once daily

Plan:
Stop fluconazole and valaciclovir in two weeks.
Stop lansoprazole.
"""


def test_a_stop_the_plan_sets_for_later_leaves_the_drug_taken_now() -> None:
    # before: both shown stopped on the clinic date, though he takes them for two more weeks (clinical safety)
    drugs = {e.drug: e for e in analyze_text(LETTER_PLAN).exposures}
    assert drugs["fluconazole"].status == "active" and drugs["fluconazole"].end is None
    assert drugs["valacyclovir"].status == "active" and drugs["valacyclovir"].end is None


def test_a_stop_the_plan_does_not_defer_is_a_stop_on_the_letters_date() -> None:
    drugs = {e.drug: e for e in analyze_text(LETTER_PLAN).exposures}
    assert drugs["lansoprazole"].status == "stopped" and drugs["lansoprazole"].end.point == "2025-05-12"


def test_the_later_drugs_of_a_plans_list_take_its_verb() -> None:
    text = LETTER_PLAN.replace("Stop fluconazole and valaciclovir in two weeks.", "Stop fluconazole and valaciclovir.")
    drugs = {e.drug: e for e in analyze_text(text).exposures}
    assert drugs["valacyclovir"].status == "stopped" and drugs["valacyclovir"].end.point == "2025-05-12"


# --- a child's ages from the date of birth a letter states -----------------------------------------------------

CHILD = ("Clinic date: 20/06/2025\n\nDear Dr Hale,\n\nRe: Lily Moss, DOB 15/01/2023\n\n"
         "Lily was born at term with a birth weight of 3.4 kg. At 9 months of age she had a febrile convulsion. "
         "She crawled at 11 months and walked at 18 months. She has had no further seizures.\n\n"
         "On examination she was well, with no rash.\n")


def test_an_age_in_months_is_counted_from_the_stated_date_of_birth() -> None:
    course = analyze_text(CHILD)
    seizure = next(f for f in course.conditions + course.findings if "convulsion" in f.name)
    assert (seizure.time.point or "")[:7] == "2023-10"  # before: the letter's date


def test_a_childs_milestones_do_not_run_past_the_letters_date() -> None:
    # before: "crawled at 11 months and walked at 18 months" counted on from the convulsion, past the letter's date
    course = analyze_text(CHILD)
    times = [t for f in course.findings + course.conditions for t in (f.time.point, f.time.latest) if t]
    assert times and max(times) <= "2025-06-20"


def test_the_birth_a_letter_tells_is_at_the_date_of_birth() -> None:
    weights = {lab.value: lab.time.point for lab in analyze_text(CHILD).labs if lab.test == "body weight"}
    assert weights[3.4] == "2023-01-15"


def test_the_examination_in_a_clinic_letter_is_at_the_clinic_date() -> None:
    course = analyze_text(CHILD)
    assert [f.time.point for f in course.findings if f.name == "rash"] == ["2025-06-20"]


# --- a transfer or death summary: stays told as ranges, headings that name a stay, the causes of death ----------

DEATH = """DEATH SUMMARY

Patient: 75-year-old woman
Date of admission: 03/02/2025
Date of death: 17/02/2025

Cause of death:
1a. Bronchopneumonia
1b. Stroke
2. Atrial fibrillation

Previous admission:
She was admitted from 06/01/2025 to 19/01/2025 with a left hemiparesis, given alteplase on 06/01/2025, and
discharged to a nursing home.

Current admission:
She was readmitted on 03/02/2025 with fever and cough. She died on 17/02/2025.
"""


def test_a_stay_told_as_a_range_of_dates_is_discharged_at_its_end() -> None:
    course = analyze_text(DEATH)
    events = [(e.type, e.time.point) for e in course.events if e.type in ("admission", "discharge")]
    assert ("admission", "2025-01-06") in events and ("discharge", "2025-01-19") in events
    # before: the hemiparesis took the range's end, the discharge the alteplase's day
    assert [c.time.point for c in course.conditions if c.name == "hemiparesis"] == ["2025-01-06"]


def test_a_heading_naming_a_stay_is_no_admission() -> None:
    course = analyze_text(DEATH)
    # the header's stay and the earlier one under "Previous admission"; "readmitted on" the header's day is that stay
    assert sorted(e.time.point for e in course.events if e.type == "admission") == ["2025-01-06", "2025-02-03"]


def test_the_causes_of_death_listed_are_named_not_dated_by_the_header() -> None:
    course = analyze_text(DEATH)
    listed = {c.name: c.time.point for c in course.conditions}
    assert listed.get("atrial fibrillation", "missing") is None  # before: the admission's date
    assert any("pneumonia" in n for n in listed)


def test_past_medical_history_items_did_not_begin_at_the_admission() -> None:
    text = ("Admission Date: 2024-03-02\n\nHistory of Present Illness:\n70 yo F with fever and dysuria.\n\n"
            "Past Medical History:\n1. Hypertension\n2. Osteoarthritis\n")
    course = analyze_text(text)
    assert {c.name: c.time.point for c in course.conditions}.get("hypertension", "missing") is None


def test_a_date_valid_only_day_first_settles_the_documents_order() -> None:
    # "19/01/2025" can only be day-first: "06/01/2025" of the same summary is 6 January, stated, not an estimate
    # that also holds 1 June
    course = analyze_text(DEATH)
    admission = next(e for e in course.events if e.type == "admission" and e.provenance.spans[0].text == "admitted")
    assert (admission.time.point, admission.time.derivation, admission.time.latest) == (
        "2025-01-06", "stated", "2025-01-06")


# --- a US admission history and physical ---------------------------------------------------------------------

def test_a_date_of_admission_field_tells_the_admission() -> None:
    text = "Date of admission: 09/14/2025\n\nHistory of Present Illness:\n67 yo M with dyspnea and orthopnea.\n"
    assert [(e.type, e.time.point) for e in analyze_text(text).events] == [("admission", "2025-09-14")]


# --- a haematology letter: a regimen's final cycle, and the letter's "today" ----------------------------------

HAEM = """Clinic date: 14/05/2025

Dear Dr Reid,

Re: John Marsh, DOB 02/09/1960

Mr Marsh started ABVD on 06/01/2025. I saw him today, four weeks after his sixth and final cycle of ABVD.
He has no night sweats.
"""


def test_the_final_cycle_of_a_regimen_completes_it() -> None:
    drugs = {e.drug: e for e in analyze_text(HAEM).exposures}
    assert drugs["doxorubicin"].status == "completed"  # before: unknown
    assert drugs["doxorubicin"].end.point == "2025-04-16"  # four weeks before the letter's "today"


def test_a_time_restating_the_letters_today_leaves_the_visit_at_today() -> None:
    # before: "today, four weeks after his final cycle" was four weeks after the last date told (February)
    course = analyze_text(HAEM)
    assert [f.time.point for f in course.findings if f.name == "night sweats"] == ["2025-05-14"]


def test_a_drug_the_patient_ran_out_of_is_stopped() -> None:
    text = ("Date of admission: 03/10/2025\n\nHistory of Present Illness:\n"
            "58 yo F with hypertension who ran out of amlodipine 2 weeks ago presents with headache.\n")
    drugs = {e.drug: e.status for e in analyze_text(text).exposures}
    assert drugs["amlodipine"] == "stopped"  # before: started 2 weeks ago


def test_a_listed_drug_not_taken_is_stopped_and_the_plans_new_course_stays_planned() -> None:
    text = ("Date of admission: 03/10/2025\n\nHistory of Present Illness:\n58 yo F with ankle swelling.\n\n"
            "Medications:\n- Furosemide 20 mg PO daily (not taking)\n- Aspirin 81 mg PO daily\n\n"
            "Assessment and Plan:\n1. Edema: start IV furosemide 40 mg twice daily.\n")
    courses = [(e.route, e.status) for e in analyze_text(text).exposures if e.drug == "furosemide"]
    # before: one course, active; the list's line was not read as a stop
    assert courses == [("oral", "stopped"), ("intravenous", "not-taken")]


def test_a_food_protein_allergy_is_no_exposure() -> None:
    text = "Case presentation\nAt 4 months of age, cow's milk protein allergy was diagnosed in this infant.\n"
    assert not analyze_text(text).exposures  # before: 'cow milk', an exposure of unknown status



def test_a_plans_hold_stops_a_drug_the_cues_read_as_given() -> None:
    text = ("Clinic date: 12/05/2025\n\nDear Dr Shah,\n\nMr Ellis has diabetes and a rising creatinine.\n\n"
            "Current medications:\nMetformin 1 g twice daily\n\nPlan:\nHold metformin given the acute kidney injury.\n")
    drugs = {e.drug: e for e in analyze_text(text).exposures}
    # before: active ('given the acute kidney injury' read as a dose given, 'hold' lost)
    assert drugs["metformin"].status == "stopped" and drugs["metformin"].end.point == "2025-05-12"

# --- the five invented documents, read whole ------------------------------------------------------------------

def test_the_admission_history_and_physical() -> None:
    course = analyze_text(_doc("hp_admission"))
    assert [(e.type, e.time.point) for e in course.events] == [("admission", "2025-09-14")]
    findings = {f.name: f.assertion.value for f in course.findings}
    # the review of systems: pertinent negatives denied, its positives present
    assert findings["chest pain"] == findings["hemoptysis"] == findings["melena"] == "negated"
    assert findings["fatigue"] == findings["orthopnea"] == "present"
    drugs = {(e.drug, e.route): e.status for e in course.exposures}
    assert drugs[("furosemide", "oral")] == "stopped" and drugs[("furosemide", "intravenous")] == "not-taken"
    assert drugs[("sacubitril", "oral")] == drugs[("metformin", "oral")] == "stopped"  # held
    assert "lisinopril" not in {e.drug for e in course.exposures}  # the allergy list's drug
    conditions = {c.name: c for c in course.conditions}
    assert conditions["coronary artery disease"].time.point is None  # a past history item, not begun at admission
    # "Possible community-acquired pneumonia: not favored": the assessment rules it against (condqa14; was suspected)
    assert conditions["pneumonia"].assertion.value == "negated"


def test_the_haematology_letter() -> None:
    course = analyze_text(_doc("haemonc_letter"))
    drugs = {e.drug: e for e in course.exposures}
    assert drugs["rituximab"].status == "completed" and drugs["rituximab"].end.point == "2026-02-18"
    assert drugs["acyclovir"].status == drugs["trimethoprim-sulfamethoxazole"].status == "active"
    assert drugs["allopurinol"].status == "stopped"
    today = {f.name: f.time.point for f in course.findings}
    assert today["numbness"] == today["night sweats"] == "2026-03-11"


def test_the_death_summary() -> None:
    course = analyze_text(_doc("death_summary"))
    events = [(e.type, e.time.point) for e in course.events]
    assert ("discharge", "2025-12-20") in events and ("admission", "2025-12-14") in events
    assert [t for t, _ in events].count("admission") == 2 and ("death", "2026-01-29") in events
    assert {f.name: f.time.point for f in course.findings}["fractured left neck of femur"] == "2025-12-14"


def test_the_paediatric_letter() -> None:
    course = analyze_text(_doc("paeds_letter"))
    points = [t for f in course.findings + course.conditions + course.labs for t in (f.time.point,) if t]
    assert max(points) <= "2026-05-18"  # nothing after the letter (before: 2030-11)
    weights = {lab.value: lab.time.point for lab in course.labs if lab.test == "body weight"}
    assert weights == {2.1: "2024-02-02", 10.2: "2026-05-18"}
    assert "cow milk" not in {e.drug for e in course.exposures}
