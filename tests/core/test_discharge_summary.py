"""A discharge summary laid out in headed sections and label lines reads like a case report (invented text)."""
from __future__ import annotations

from casecourse.api import analyze_text

SUMMARY = """DISCHARGE SUMMARY

Patient: 71-year-old woman
Admission date: 05/03/2023
Discharge date: 16/03/2023

Diagnoses:
1. Urosepsis
2. Chronic kidney disease stage 3

History of presenting complaint:
She presented with 3 days of fever and dysuria. She denied abdominal pain.

Investigations:
- Blood cultures: Escherichia coli
- Legionella urinary antigen negative

Management:
She was given IV co-amoxiclav 1.2 g TDS.
Ramipril was withheld because of acute kidney injury and restarted at discharge.
"""


def test_a_discharge_summary_gives_the_patient_and_the_diagnoses_of_its_sections() -> None:
    course = analyze_text(SUMMARY)
    assert (course.patient.sex, course.patient.age_years) == ("female", 71.0)
    names = {c.name.lower() for c in course.conditions}
    assert any("sepsis" in n for n in names) and any("chronic kidney disease" in n for n in names)
    assert {f.name for f in course.findings} >= {"fever", "dysuria"}


def test_a_dated_label_line_does_not_move_the_story_to_its_date() -> None:
    course = analyze_text(SUMMARY)
    fever = next(f for f in course.findings if f.name == "fever")
    assert fever.time.point != "2023-03-16"  # the discharge date dates the discharge only
    assert [e.time.point for e in course.events if e.type == "discharge"] == ["2023-03-16"]


def test_cultures_a_list_per_line_and_british_combination_names() -> None:
    course = analyze_text(SUMMARY)
    labs = {(lab.test, lab.interpretation) for lab in course.labs}
    assert ("blood culture", "POS") in labs and ("Legionella urine antigen", "NEG") in labs
    drugs = {e.drug: e for e in course.exposures}
    assert "amoxicillin-clavulanate" in drugs
    # withheld, then restarted: a stop and a new course, never a drug not taken
    assert all(e.status != "not-taken" for e in course.exposures if e.drug == "ramipril")
    assert [e.status for e in course.exposures if e.drug == "ramipril"][0] == "stopped"


def test_table_columns_named_by_a_day_of_admission_are_dated_from_the_admission() -> None:
    text = ("Case presentation\nA 40-year-old man was admitted on 3 March 2021 with fever.\n"
            "Table 1. Laboratory results\nTest\tAdmission\tDay 7\nFerritin (ng/mL)\t2,400\t9,800\n")
    got = {lab.value: lab.time.point for lab in analyze_text(text).labs if lab.test == "ferritin"}
    assert got == {2400.0: "2021-03-03", 9800.0: "2021-03-09"}


US_HEADER = """Admission Date: 2021-09-14     Discharge Date: 2021-09-20

Sex: F

Chief Complaint:
shortness of breath

History of Present Illness:
64 yo woman with heart failure who presents with three days of worsening dyspnea and leg swelling.

Brief Hospital Course:
She was admitted and given IV furosemide 40 mg twice daily. Her dyspnea improved.
"""


def test_a_record_header_dates_the_stay_and_the_story_starts_at_admission() -> None:
    course = analyze_text(US_HEADER)
    stays = {(e.type, e.time.point) for e in course.events if e.type in ("admission", "discharge")}
    assert stays >= {("admission", "2021-09-14"), ("discharge", "2021-09-20")}
    # "She was admitted" in the hospital course is the stay the header dates, not a second one
    assert [e.type for e in course.events].count("admission") == 1
    # the discharge date set on the same header line dates the discharge only, not the story told below it
    assert {f.name: f.time.point for f in course.findings}.get("dyspnea") == "2021-09-14"
    assert course.patient.sex == "female"


def test_chief_complaint_is_the_patients_own() -> None:
    course = analyze_text(US_HEADER)
    assert any("shortness of breath" in f.name or f.name == "dyspnea" for f in course.findings
               if f.provenance.spans[0].start < US_HEADER.index("History of Present"))


def test_an_admission_after_the_headers_discharge_is_a_new_stay() -> None:
    text = US_HEADER + "On 2021-10-02 she was admitted with pneumonia.\n"
    admissions = [e.time.point for e in analyze_text(text).events if e.type == "admission"]
    assert admissions == ["2021-09-14", "2021-10-02"]


def test_drugs_of_the_discharge_list_are_active_at_the_end() -> None:
    text = US_HEADER + ("She received a 5-day course of azithromycin.\n\nDischarge Medications:\n"
                        "1. Furosemide 40 mg PO daily\n2. Apixaban 5 mg PO BID\n\nFollowup Instructions:\n"
                        "Please see your cardiologist.\n")
    status = {e.drug: e.status for e in analyze_text(text).exposures}
    assert status["furosemide"] == "active" and status["apixaban"] == "active"
    assert status["azithromycin"] != "active"  # not listed: the story's own status


def test_a_drug_stopped_in_the_story_is_not_made_active_by_a_mention_elsewhere() -> None:
    text = US_HEADER + "Metformin was stopped because of acute kidney injury.\n\nMedications:\n1. Metformin\n"
    assert [e.status for e in analyze_text(text).exposures if e.drug == "metformin"] == ["stopped"]


LETTER_WITH_HISTORY = """Admission Date: 2023-01-09     Discharge Date: 2023-01-15

Past Medical History:
- Rheumatoid arthritis, diagnosed 2012, methotrexate stopped 2019

Pertinent Results:
CRP 120 mg/L, ferritin 2100 ng/mL.

Brief Hospital Course:
She was treated with intravenous ceftriaxone and improved.
"""


def test_a_section_of_the_stay_returns_from_the_history_to_the_admission() -> None:
    course = analyze_text(LETTER_WITH_HISTORY)
    assert {lab.test: lab.time.point for lab in course.labs}.get("ferritin") == "2023-01-09"
    assert [e.time.point for e in course.events if e.type == "improvement"] == ["2023-01-09"]


def test_on_the_relative_axis_a_stay_heading_returns_to_day_0() -> None:
    text = ("Case presentation\nA 50-year-old man presented with fever and weight loss. Ten years earlier he had been "
            "treated for pulmonary tuberculosis.\n\nInvestigations\nHis ferritin was 900 ng/mL.\n")
    ferritin = next(lab for lab in analyze_text(text).labs if lab.test == "ferritin")
    assert ferritin.time.offset_days == (0.0, 0.0)


def test_a_date_in_one_list_item_does_not_date_the_next() -> None:
    text = ("Admission Date: 2023-01-09     Discharge Date: 2023-01-15\n\nPast Medical History:\n"
            "- Lupus nephritis class III, diagnosed 2016, mycophenolate stopped 2019\n- Gout\n- Asthma\n\n"
            "Brief Hospital Course:\nShe was admitted with fever.\n")
    times = {c.name: c.time.point for c in analyze_text(text).conditions}
    # not the item above's 2019; a past medical history is a diagnosis list (docqa3): its undated items are named, not
    # dated (before docqa3: the record's time, 2023-01-09, as if they began at the admission)
    assert times["gout"] is None and times["asthma"] is None and times["lupus nephritis"] == "2016"


def test_a_number_broken_off_a_word_opens_no_list_item() -> None:
    # a subscript the page broke onto the next line ("FiO\n2.") is no numbered item: "The next day" moves the story
    text = ("Case presentation\nA 4-year-old boy was admitted with cough and was given oxygen at a high FiO\n"
            "2. The next day, he developed a fever. He had a seizure.\n")
    seizure = next(f for f in analyze_text(text).findings if f.name == "seizure")
    assert seizure.time.offset_days == (1.0, 1.0)  # still the next day: no list item's own date told in passing


def test_a_drug_the_hospital_course_starts_undated_started_within_the_stay() -> None:
    text = US_HEADER + "\nDischarge Medications:\n1. Furosemide 40 mg PO daily\n"
    furosemide = next(e for e in analyze_text(text).exposures if e.drug == "furosemide")
    start = furosemide.segments[0].start
    assert start is not None
    # from the admission to the discharge the header gives: an estimate, no invented day
    assert (start.earliest, start.latest, start.point, start.derivation) == (
        "2021-09-14", "2021-09-20", None, "estimated")


def test_a_diagnosis_dated_in_brackets_after_its_name_takes_that_date() -> None:
    text = ("Clinic date: 12/05/2023\n\nDiagnoses:\n1. Rheumatoid arthritis (diagnosed 2012)\n2. Gout (since March "
            "2019)\n3. Osteoporosis\n\nDear Dr Smith,\nI reviewed this 64-year-old woman today.\n")
    times = {c.name: c.time.point for c in analyze_text(text).conditions}
    assert times["rheumatoid arthritis"] == "2012" and times["gout"] == "2019-03"
    assert times["osteoporosis"] is None  # an item with no date of its own stays undated (docqa1)


def test_a_drug_of_the_stays_course_starts_within_a_stay_whose_day_month_order_is_unsettled() -> None:
    # 02/03 to 02/09: 3 to 9 February as estimated, but 2 March to 2 September is not ruled out; the drug started in
    # the hospital course lies within the stay under either reading
    text = ("Admission Date: 02/03/2023   Discharge Date: 02/09/2023\n\nBrief Hospital Course:\nA 70 yo F admitted "
            "with cellulitis. She was treated with cefazolin and improved.\n")
    course = analyze_text(text, assess=False)
    start = next(e for e in course.exposures if e.drug == "cefazolin").segments[0].start
    assert (start.earliest, start.latest, start.derivation) == ("2023-02-03", "2023-09-02", "estimated")


def test_a_history_lists_items_dated_by_a_year_in_brackets() -> None:
    text = ("Admission Date: 2023-01-09     Discharge Date: 2023-01-15\n\nPast Medical History:\n"
            "1. Hysterectomy (2006)\n2. Type 2 diabetes (2011)\n\nBrief Hospital Course:\nShe was admitted with "
            "pneumonia. Prior work (2019) is not cited here.\n")
    course = analyze_text(text, assess=False)
    assert {p.name: p.time.point for p in course.procedures if p.time}["hysterectomy"] == "2006"
    assert {c.name: c.time.point if c.time else None for c in course.conditions}["type 2 diabetes mellitus"] == "2011"
