"""Clinical documents read as a clinician reads them, seventh round (docqa7): each test an invented sentence that failed
before its rule (guards say so)."""
from __future__ import annotations

from pathlib import Path

from casecourse.api import analyze_text

_DOCS = Path(__file__).parent / "documents_docqa7"
_MAN = "A 61-year-old man with myasthenia gravis was admitted on 04/02/2025. "


def _procedures(text: str) -> dict[str, str]:
    return {p.name: p.status for p in analyze_text(text).procedures}


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text(text).conditions}


def _drugs(text: str) -> set[str]:
    return {e.drug for e in analyze_text(text).exposures}


# --- safety: a procedure denied after its name was not done ----------------------------------------------------------

def test_a_procedure_told_not_performed_after_it_is_not_done() -> None:
    for told, name in (("A splenectomy was not performed.", "splenectomy"),
                       ("Dialysis was not required.", "dialysis"),
                       ("Thymectomy is not planned, as there is no thymoma.", "thymectomy"),
                       ("Surgical drainage was not feasible.", "drainage")):
        assert _procedures(_MAN + told).get(name) == "not-done", told


def test_a_platelet_transfusion_not_given_is_not_done() -> None:
    assert _procedures(_MAN + "Platelet transfusion was not given because of the risk of thrombosis.") \
        == {"platelet transfusion": "not-done"}


def test_a_procedure_done_after_a_wait_is_still_done() -> None:
    # a guard (passes before and after): "was not performed until day 5" was performed
    assert _procedures(_MAN + "The thymectomy was not performed until day 5.") == {"thymectomy": "completed"}


# --- safety: a diagnosis "excluded on CT" in a list is denied; one that "could not be excluded" is suspected ---------

def test_a_diagnosis_excluded_in_note_style_is_refuted() -> None:
    text = "Diagnoses:\n1. Myasthenia gravis\n2. Thymoma excluded on CT of the chest\n3. Hypertension\n"
    status = _status(text)
    assert status["thymoma"] == "refuted" and status["hypertension"] == "confirmed"


def test_a_diagnosis_that_could_not_be_excluded_is_not_confirmed() -> None:
    status = _status(_MAN + "Lymphoma could not be excluded on the first biopsy.")
    assert status["lymphoma"] == "provisional"


def test_a_causal_link_that_could_not_be_excluded_leaves_the_diagnosis_there() -> None:
    # a guard of this round's own rule (passes before and after): the doubt is the drug's role, not the neutropenia
    text = _MAN + "Carbimazole was stopped as a causal relationship with the neutropenia could not be excluded."
    assert {f.name: f.assertion.value for f in analyze_text(text).findings}.get("neutropenia") == "present"


def test_a_diagnosis_that_had_to_be_excluded_is_a_differential() -> None:
    status = _status(_MAN + "Porphyria and lead poisoning had to be excluded.")
    assert status["porphyria"] != "confirmed"


def test_a_diagnosis_a_test_was_done_so_it_could_be_excluded_stays_suspected() -> None:
    # a guard of this round's own rule (passes before and after): "so that X could be excluded" is the test's purpose
    status = _status(_MAN + "A CT of the head was done so that the possibility of a stroke could be excluded.")
    assert status["stroke"] == "provisional"


def test_a_diagnosis_a_test_excluded_is_still_refuted() -> None:
    # a guard (passes before and after): the forward "excluded" of a test
    assert _status(_MAN + "A CT of the chest excluded a thymoma.")["thymoma"] == "refuted"


# --- safety: drugs to avoid, and a drug a letter would move to, are no exposures ------------------------------------

def test_drugs_to_avoid_are_not_given() -> None:
    text = _MAN + ("Avoid drugs that worsen myasthenia, including gentamicin and ciprofloxacin. Erythromycin should be "
                   "avoided as well.")
    assert _drugs(text) == set()


def test_a_drug_the_letter_would_move_to_is_not_given() -> None:
    text = _MAN + "If he relapses on azathioprine, we would move to mycophenolate mofetil."
    assert "mycophenolate mofetil" not in _drugs(text)


def test_a_case_we_would_like_to_report_keeps_its_drugs() -> None:
    # a guard (passes before and after): "we would like to report" is no hypothesis
    assert _drugs("We would like to report a man with myasthenia gravis treated with pyridostigmine.") \
        == {"pyridostigmine"}


# --- safety: a day count is no value of a list of results -----------------------------------------------------------

def test_a_day_count_between_values_is_not_a_value() -> None:
    text = ("A 36-year-old woman was admitted with purpura. The platelet count was 22 x10^9/L on day 3, 96 x10^9/L "
            "on day 6 and 187 x10^9/L on day 8.")
    assert [lab.value for lab in analyze_text(text).labs if lab.test == "platelets"] == [22.0, 96.0, 187.0]


def test_a_list_of_values_sharing_a_unit_is_still_read() -> None:
    # a guard (passes before and after): "140, 96 and 187 x10^9/L" share the unit
    text = "A 36-year-old woman was admitted with purpura. Her platelet counts were 140, 96 and 187 x10^9/L."
    assert [lab.value for lab in analyze_text(text).labs if lab.test == "platelets"] == [140.0, 96.0, 187.0]


def test_ck_mb_mass_is_the_test_not_a_mass() -> None:
    course = analyze_text(_MAN + "Troponin I and CK-MB mass were normal.")
    assert "mass" not in {f.name for f in course.findings}


# --- a closing "Final diagnoses:" line of a case report is the patient's ---------------------------------------------

def test_a_final_diagnosis_line_after_the_story_is_the_patients() -> None:
    text = ("A 58-year-old man presented with fever on 14/03/2024. Blood cultures grew Staphylococcus aureus. He was "
            "treated and went home on 29/04/2024.\n\nFinal diagnoses: infective endocarditis of the mitral valve; "
            "splenic infarction; embolic ischaemic stroke.\n")
    conds = {c.name: c for c in analyze_text(text).conditions}
    assert "infective endocarditis" in conds and "splenic infarction" in conds
    assert not conds["infective endocarditis"].time.known  # the list names it; it does not date it


# --- a drug switched to another in the sentence that started it stops at the switch ---------------------------------

def test_a_drug_started_then_changed_to_another_stops_at_the_switch() -> None:
    text = ("A 58-year-old man was admitted on 14/03/2024. Vancomycin was started on 14/03/2024 and was changed to "
            "intravenous cefazolin on 16/03/2024.")
    exp = {e.drug: e for e in analyze_text(text).exposures}
    assert exp["vancomycin"].end is not None and exp["vancomycin"].end.point == "2024-03-16"
    assert exp["cefazolin"].segments[0].start.point == "2024-03-16"


def test_a_drug_changed_to_another_form_does_not_stop() -> None:
    # a guard (passes before and after): "changed to oral" names no other drug
    text = ("A 58-year-old man was admitted on 14/03/2024. Vancomycin was started on 14/03/2024 and changed to oral "
            "therapy on 18/03/2024.")
    assert next(e for e in analyze_text(text).exposures if e.drug == "vancomycin").status != "stopped"


# --- a dose spread "over five days" is given for that long --------------------------------------------------------

def test_a_dose_given_over_days_ends_when_they_are_over() -> None:
    text = _MAN + "On 05/02/2025 he received intravenous immunoglobulin 2 g/kg over five days."
    ivig = next(e for e in analyze_text(text).exposures if e.drug == "intravenous immunoglobulin")
    assert ivig.end is not None and ivig.end.point == "2025-02-10"


def test_a_titration_over_months_is_no_course_length() -> None:
    # a guard (passes before and after): "an incremental dose of X over 2 months" does not stop X
    text = ("A 32-year-old man was started on lithium 400 mg daily on 01/02/2020. Even with an incremental dose of "
            "lithium over 2 months, he had not improved.")
    assert next(e for e in analyze_text(text).exposures if e.drug == "lithium").end is None


# --- a letter's "now", "in clinic": the visit's date ----------------------------------------------------------------

_LETTER = ("Clinic date: 12/11/2025\n\nDear Dr Hale,\n\nI saw Mr Pell in clinic today. He had a myasthenic crisis in "
           "June 2025 and azathioprine was increased in August 2025.\n\n")


def test_a_letter_now_is_the_visit() -> None:
    course = analyze_text(_LETTER + "He now reports only mild fatigue. His blood pressure was 148/86 mmHg.\n")
    assert {f.name: f.time.point for f in course.findings}["fatigue"] == "2025-11-12"
    assert [lab.time.point for lab in course.labs if lab.test == "blood pressure"] == ["2025-11-12"]


def test_a_letter_in_clinic_is_the_visit() -> None:
    course = analyze_text(_LETTER + "In clinic the creatinine was 84 umol/L.\n")
    assert [lab.time.point for lab in course.labs if lab.test == "creatinine"] == ["2025-11-12"]


def test_an_earlier_value_with_its_month_does_not_move_the_story() -> None:
    course = analyze_text(_LETTER + "He now reports only mild fatigue. The strength score was 3, down from 17 in June. "
                                    "His blood pressure was 148/86 mmHg.\n")
    assert [lab.time.point for lab in course.labs if lab.test == "blood pressure"] == ["2025-11-12"]


def test_the_story_told_now_in_the_past_keeps_its_time() -> None:
    # a guard (passes before and after): "he was now able to walk" is the story's own time, not the visit
    course = analyze_text(_LETTER + "In August 2025 he was now able to walk with a frame but had fatigue.\n")
    assert {f.name: f.time.point for f in course.findings}["fatigue"] == "2025-08"


# --- a letter's medication list ends where its story begins ----------------------------------------------------------

_LISTED = ("Clinic date: 12/11/2025\n\nDear Dr Hale,\n\nCurrent medications:\nPyridostigmine 60 mg four times daily\n"
           "Amlodipine 5 mg once daily\n\nI reviewed Mr Pell, a 63-year-old man with myasthenia gravis, today. He "
           "was admitted on 09/06/2025 with a myasthenic crisis. Pyridostigmine was withheld while he was ventilated "
           "and restarted after extubation. He was extubated on 18/06/2025.\n")


def test_a_stop_told_in_the_story_after_the_list_is_not_the_lists() -> None:
    courses = [e for e in analyze_text(_LISTED).exposures if e.drug == "pyridostigmine"]
    assert courses[-1].status == "active"


# --- the four documents read whole --------------------------------------------------------------------------------

def _doc(name: str):
    return analyze_text((_DOCS / name).read_text(encoding="utf-8"))


def test_the_myasthenia_letter_reads_as_its_neurologist_would() -> None:
    course = _doc("myasthenia_letter.txt")
    status = {c.name: c.status for c in course.conditions}
    assert status["thymoma"] == "refuted" and status["myasthenia gravis"] == "confirmed"
    drugs = {e.drug for e in course.exposures}
    assert not drugs & {"gentamicin", "ciprofloxacin", "magnesium sulfate"}
    assert {p.name: p.status for p in course.procedures}["thymectomy"] == "not-done"
    pyr = [e for e in course.exposures if e.drug == "pyridostigmine"]
    assert pyr[-1].status == "active"
    assert {f.name: f.time.point for f in course.findings if f.assertion.value == "present"}["fatigue"] \
        == "2025-11-12"


def test_the_ttp_summary_reads_as_its_haematologist_would() -> None:
    course = _doc("ttp_discharge.txt")
    platelets = sorted(lab.value for lab in course.labs if lab.test == "platelets")
    assert 6.0 not in platelets and {9.0, 22.0, 96.0, 187.0, 264.0} <= set(platelets)
    assert {p.name: p.status for p in course.procedures}["platelet transfusion"] == "not-done"
    adamts = {(lab.comparator, lab.value) for lab in course.labs if lab.test == "adamts13 activity"}
    assert adamts == {("<", 5.0), (None, 38.0)}
    capla = next(e for e in course.exposures if e.drug == "caplacizumab")
    assert capla.status == "active" and capla.segments[-1].end.point == "2025-10-10"


def test_the_nephrotic_letter_reads_as_its_paediatric_nephrologist_would() -> None:
    course = _doc("nephrotic_letter.txt")
    assert "mycophenolate mofetil" not in {e.drug for e in course.exposures}
    levamisole = next(e for e in course.exposures if e.drug == "levamisole")
    assert levamisole.status == "active" and levamisole.time.point == "2025-09-01"
    upcr = {(lab.value, lab.time.point) for lab in course.labs if lab.test == "urine protein/creatinine ratio"}
    assert (1240.0, "2025-01-18") in upcr and (18.0, "2025-10-07") in upcr


def test_the_endocarditis_report_reads_as_its_cardiologist_would() -> None:
    course = _doc("endocarditis_report.txt")
    names = {c.name for c in course.conditions if c.assertion.value == "present"}
    assert {"infective endocarditis", "splenic infarction", "acute kidney injury"} <= names
    exp = {e.drug: e for e in course.exposures}
    assert exp["vancomycin"].end is not None and exp["vancomycin"].end.point == "2024-03-15"
    assert exp["flucloxacillin"].end.point == "2024-04-28"
    assert {p.name: p.status for p in course.procedures}["valve repair"] == "completed"
