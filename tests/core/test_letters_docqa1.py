"""Clinic, referral and discharge letters read as a clinician reads them (docqa1; invented text)."""
from __future__ import annotations

from casecourse.api import analyze_text

CLINIC_LETTER = """Respiratory Clinic

Dear Dr Lawson,

Re: Peter Grant, DOB 04/09/1961

Diagnosis: Sarcoidosis

Mr Grant, a 61-year-old man, was diagnosed with pulmonary sarcoidosis in May 2019 and started on prednisolone
30 mg daily. He now has a dry cough and mild exertional breathlessness.

Current medications:
Prednisolone 10 mg once daily
Omeprazole 20 mg once daily
Alendronic acid 70 mg weekly - stopped
"""


FOLLOW_UP = """Neurology Clinic

Dear Dr Lawson,

Re: Anne Short, DOB 17/03/1972

I saw Mrs Short for her annual review. Her relapsing multiple sclerosis was diagnosed in 2015, when she was
43 years old, and she had a relapse with optic neuritis in June 2021. She reports fatigue but no new weakness.

Plan:
Repeat MRI brain in six months.
"""


def test_a_letter_body_after_its_salutation_is_the_patients_story() -> None:
    # the body opens with no heading and no case-report opening: before the salutation rule it was an introduction
    course = analyze_text(FOLLOW_UP)
    assert course.patient.sex == "female"
    assert any("multiple sclerosis" in c.name for c in course.conditions)
    assert "fatigue" in {f.name for f in course.findings}


def test_a_letter_to_a_journal_is_no_clinical_letter() -> None:
    text = "Dear Editor,\n\nSarcoidosis is a multisystem granulomatous disease of unknown cause.\n"
    assert not analyze_text(text).conditions


def test_a_date_of_birth_beside_the_patients_name_does_not_date_the_story() -> None:
    text = ("Dear Dr Lawson,\n\nRe: Anne Short, DOB 17/03/1972\n\n"
            "I saw Mrs Short with a two-week history of cough and wheeze. She has asthma.\n")
    course = analyze_text(text)
    assert course.patient.birth_year == (1972, 1972)
    assert {f.name for f in course.findings} >= {"cough", "wheeze"}
    assert all((f.time.point or "")[:4] != "1972" for f in course.findings)
    assert all((c.time.point or "")[:4] != "1972" for c in course.conditions)


def test_the_current_medications_of_a_letter_are_active_and_a_line_marked_stopped_is_stopped() -> None:
    status = {e.drug: e.status for e in analyze_text(CLINIC_LETTER).exposures}
    assert status["omeprazole"] == "active"
    assert status["alendronic acid"] == "stopped"


def test_a_medications_label_line_lists_current_drugs() -> None:
    text = ("Dear Colleague,\n\nThis 50-year-old woman has had back pain for a month.\n\n"
            "Medications: naproxen 500 mg twice daily, lansoprazole 15 mg daily\n")
    status = {e.drug: e.status for e in analyze_text(text).exposures}
    assert status == {"naproxen": "active", "lansoprazole": "active"}


US_DATES = """Admission Date: 03/04/2024     Discharge Date: 03/15/2024

History of Present Illness:
60 yo man with cirrhosis admitted with confusion. On 03/06/2024 he developed a fever.
"""


def test_a_us_date_settles_the_month_first_order_of_the_others() -> None:
    # "03/15/2024" is valid only month-first: "03/04/2024" and "03/06/2024" of the same record are in March
    course = analyze_text(US_DATES)
    stays = {(e.type, e.time.point) for e in course.events if e.type in ("admission", "discharge")}
    assert stays == {("admission", "2024-03-04"), ("discharge", "2024-03-15")}
    assert {f.name: f.time.point for f in course.findings}.get("fever") == "2024-03-06"


def test_a_day_first_date_keeps_the_others_day_first() -> None:
    text = "Clinic date: 20/01/2023\n\nShe was admitted on 03/04/2022 with fever. Seen again on 01/12/2023.\n"
    values = {m.text: m.attrs["value"] for m in analyze_text(text).mentions if m.type == "date"}
    assert values["03/04/2022"] == "2022-04-03" and values["01/12/2023"] == "2023-12-01"


def test_the_encounter_date_of_a_note_dates_its_story_and_its_today() -> None:
    text = ("URGENT CARE NOTE\n\nDate of visit: 11/14/2022\n\n"
            "42 yo man with two days of sore throat and fever. Rapid strep test positive.\n")
    course = analyze_text(text)
    assert {f.name: f.time.point for f in course.findings}.get("fever") == "2022-11-14"
    letter = ("Clinic date: 09/03/2023\n\nDear Dr Khan,\n\nI saw Mr Ross today. He had gout diagnosed in 2019. "
              "Today he has a rash on his legs.\n")
    assert {f.name: f.time.point for f in analyze_text(letter).findings}.get("rash") == "2023-03-09"


def test_a_letters_first_person_suspicion_stays_a_suspicion() -> None:
    for s in ("I suspect coeliac disease.", "Coeliac disease is suspected.", "This is possibly coeliac disease.",
              "I wonder whether she has coeliac disease."):
        text = f"Dear Dr Moss,\n\nThis 29-year-old woman has had diarrhoea and weight loss for three months. {s}\n"
        got = {c.name: (c.status, c.assertion.value) for c in analyze_text(text).conditions}
        assert got.get("celiac disease") == ("provisional", "suspected"), (s, got)


def test_a_drug_in_an_allergy_list_is_no_exposure() -> None:
    text = ("HPI: 67 yo M with cellulitis of the left leg.\nAllergies: Penicillin (anaphylaxis), codeine\n\n"
            "ED Course: Given IV vancomycin 1.5 g.\n")
    assert {e.drug for e in analyze_text(text).exposures} == {"vancomycin"}
    listed = "HPI: 67 yo M with cellulitis.\n\nDrug allergies:\n- sulfamethoxazole\n- ibuprofen (rash)\n"
    assert not analyze_text(listed).exposures


def test_sex_written_as_one_letter_after_an_age_or_in_a_sex_field() -> None:
    assert analyze_text("HPI: 31 yo F with two days of dysuria and fever.\n").patient.sex == "female"
    assert analyze_text("HPI: 72 y/o M with chest pain.\n").patient.sex == "male"
    # a header with no section heading and no word for the patient in its paragraph is still the patient's record
    header = "Admission Date: 2021-01-02\nSex: M\n\nThe cough began a week ago.\n"
    assert analyze_text(header).patient.sex == "male"
    assert analyze_text("A 45 yo M-protein band was seen.\n").patient.sex == "unknown"


def test_a_patient_line_opening_a_letter_gives_age_and_sex() -> None:
    text = "Patient: Ian Moore, 81-year-old man\nDate of admission: 02/11/2022\n\nPresenting complaint:\nFalls.\n"
    patient = analyze_text(text).patient
    assert (patient.sex, patient.age_years) == ("male", 81.0)


def test_the_diagnoses_a_letters_header_lists_are_the_patients() -> None:
    text = ("DISCHARGE LETTER\n\nDate of admission: 02/11/2022\nDiagnosis: Cellulitis\n"
            "Secondary diagnoses: Type 2 diabetes mellitus, gout\n\nPresenting complaint:\nA red, hot left leg.\n")
    names = {c.name for c in analyze_text(text).conditions}
    assert {"cellulitis", "type 2 diabetes mellitus", "gout"} <= names


def test_an_allergy_field_of_none_denies_an_allergy() -> None:
    for value in ("None", "NKDA"):
        text = f"HPI: 44 yo M with cough.\nAllergies: {value}\n"
        assert [f.assertion.value for f in analyze_text(text).findings if f.name == "allergies"] == ["negated"]


def test_a_history_list_item_with_its_year_in_brackets_is_no_citation() -> None:
    text = ("Past medical history:\n1. Asthma\n2. Hypertension (2015)\n3. Gout (2019)\n\n"
            "She was admitted on 3 March 2023 with fatigue.\n")
    names = {c.name for c in analyze_text(text).conditions}
    assert {"asthma", "hypertension", "gout"} <= names
    cited = "A 50-year-old man had fever.\nHenderson (2012) found lupus nephritis in twins.\n"
    assert not analyze_text(cited).conditions


def test_a_diagnosis_list_names_its_diagnoses_without_dating_them() -> None:
    text = ("Date of admission: 02/11/2022\n\nDiagnoses:\n1. Atrial fibrillation\n2. Gout, diagnosed 2019\n\n"
            "Clinical summary:\nHe was admitted with cough. On 04/11/2022 he developed atrial fibrillation.\n")
    got = {c.name: c.time.point for c in analyze_text(text).conditions}
    assert got == {"atrial fibrillation": "2022-11-04", "gout": "2019"}
    # a discharge list after the story: an item the story never dated takes no date from the story's last one
    us = US_DATES + "\nDischarge Diagnosis:\n1. Hepatic encephalopathy\n"
    assert {c.name: c.time.point for c in analyze_text(us).conditions}.get("hepatic encephalopathy") is None
