"""Clinical documents read as a clinician reads them, fourteenth round (docqa14): errors found on held-out case
reports, each fixed by a rule of general clinical language; each test an invented sentence that failed before its rule
(guards say so)."""
from __future__ import annotations

from casecourse.api import analyze_text

_OPEN = "A 52-year-old man with alcoholic cirrhosis was admitted on 4 June 2021 with ascites. "


def _procedures(text: str) -> dict[str, str]:
    return {p.name: p.status for p in analyze_text(text).procedures}


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.assertion.value for c in analyze_text(text).conditions}


# --- a procedure named by what an evaluation or a consultation weighs is not done ---

def test_a_transfer_for_transplant_evaluation_is_no_transplant_done() -> None:
    text = _OPEN + "He was transferred to a tertiary centre for liver transplant evaluation."
    assert _procedures(text).get("liver transplantation") == "preparation"
    assert "liver transplant recipient" not in _conditions(text)


def test_a_transplant_work_up_is_no_transplant_done() -> None:
    text = _OPEN + "He then underwent a kidney transplant work-up."
    assert _procedures(text).get("kidney transplantation") == "preparation"
    assert "kidney transplant recipient" not in _conditions(text)


def test_a_surgical_consultation_is_no_operation_done() -> None:
    text = _OPEN + "A general surgery consultation was obtained for his umbilical hernia."
    assert _procedures(text).get("surgery") in (None, "preparation")


def test_a_transplant_waiting_list_gives_no_recipient_status() -> None:
    text = _OPEN + "He was placed on the liver transplant waiting list."
    assert "liver transplant recipient" not in _conditions(text)


def test_guard_a_transplant_done_after_its_evaluation_stays_done() -> None:
    # guard (passes on the base too): the transplantation told as done later is done
    text = _OPEN + "He was referred for liver transplant evaluation. He underwent liver transplantation on 2 May 2022."
    course = analyze_text(text)
    done = [p for p in course.procedures if p.name == "liver transplantation" and p.status == "completed"]
    assert done and done[0].time.point == "2022-05-02"


# --- a year of the history told in the sentence that opens the story is not the presentation's ---

def _time(course, name):  # noqa: ANN001, ANN202 - a finding's or drug's TimeRef
    for x in [*course.findings, *course.conditions]:
        if x.name == name:
            return x.time
    return next(e.time for e in course.exposures if e.drug == name)


def _year(ref) -> str | None:  # noqa: ANN001
    s = ref.point or ref.earliest if ref is not None else None
    return s[:4] if s else None


def test_a_year_in_the_patient_description_dates_the_history_not_the_presentation() -> None:
    text = ("A 58-year-old woman with a history of a heart transplant in 2004 presented with fever and cough. "
            "She was started on ceftriaxone.")
    course = analyze_text(text)
    assert _year(_time(course, "fever")) != "2004"
    assert _year(_time(course, "ceftriaxone")) != "2004"
    assert any(p.name == "heart transplantation" and _year(p.time) == "2004" for p in course.procedures)


def test_a_year_in_a_who_clause_dates_the_history_not_the_presentation() -> None:
    text = "A 66-year-old man who had a gastrectomy in 1999 was admitted with vomiting. He was given ondansetron."
    course = analyze_text(text)
    assert _year(_time(course, "vomiting")) != "1999"
    assert _year(_time(course, "ondansetron")) != "1999"


def test_a_year_in_the_background_after_the_presentation_dates_the_history_only() -> None:
    text = ("A 74-year-old man presented with chest pain on a background of hypertension and a coronary artery bypass "
            "graft in 2008. He was given aspirin.")
    course = analyze_text(text)
    assert _year(_time(course, "chest pain")) != "2008"
    assert _year(_time(course, "aspirin")) != "2008"


def test_guard_a_presentation_date_after_the_description_still_dates_it() -> None:
    # guard (passes on the base too): the date told for the admission is the admission's
    text = "A 45-year-old man with fever was admitted on 3 May 2019. He was given ceftriaxone."
    course = analyze_text(text)
    assert _time(course, "fever").point == "2019-05-03"
    assert _time(course, "ceftriaxone").point == "2019-05-03"


def test_guard_a_fronted_date_dates_the_presentation() -> None:
    # guard (passes on the base too): "In 2019, a man with ... presented" dates the presentation
    text = "In March 2019, a 45-year-old man with a history of asthma presented with wheeze. He was given prednisone."
    course = analyze_text(text)
    assert _year(_time(course, "prednisone")) == "2019"


def test_an_amount_back_in_the_background_dates_the_history_not_the_presentation() -> None:
    text = ("A 61-year-old woman presented with a 3-day history of vomiting on a background of a cholecystectomy "
            "12 years previously. She was given ondansetron.")
    course = analyze_text(text)
    assert _time(course, "vomiting").offset_days == (0.0, 0.0)
    assert _time(course, "ondansetron").offset_days == (0.0, 0.0)
    surgery = next(p for p in course.procedures if p.name == "cholecystectomy")
    assert surgery.time.offset_days is not None and surgery.time.offset_days[1] < -4000


# --- a kind of visit between the amount and "follow-up" ---

def test_an_outpatient_follow_up_after_an_amount_is_that_far_on() -> None:
    text = ("A 47-year-old man was admitted with pneumonia. After 9 days in hospital he was discharged home. "
            "At his 6-month outpatient follow-up, he had improved.")
    course = analyze_text(text)
    follow = next(e for e in course.events if e.type == "follow_up")
    assert follow.time.offset_days is not None and follow.time.offset_days[0] > 150


def test_guard_a_clinic_visit_after_an_amount_is_that_far_on() -> None:
    # guard (passes on the base too): "clinic visit" was read before this round
    text = ("A 47-year-old man was admitted with pneumonia. After 9 days in hospital he was discharged home. "
            "At the 3-month clinic visit, he had improved.")
    course = analyze_text(text)
    better = next(e for e in course.events if e.type == "improvement")
    assert better.time.offset_days is not None and better.time.offset_days[0] > 60


# --- "respectively" with each value's reference interval and the unit told once after the last ---

def _labs(text: str) -> list[tuple[str, float | None]]:
    return [(x.test, x.value) for x in analyze_text(text).labs]


def test_respectively_pairs_values_with_intervals_and_a_shared_unit_after() -> None:
    text = ("A 66-year-old man was admitted with confusion. His serum urea and creatinine were 91 (normal 10-50 mg/dl) "
            "and 3.4 (normal 0.7-1.3 mg/dl) mg/dl, respectively.")
    labs = _labs(text)
    assert ("urea", 91.0) in labs and ("creatinine", 3.4) in labs
    assert ("creatinine", 91.0) not in labs


def test_respectively_with_bare_intervals_gives_no_value_to_the_wrong_test() -> None:
    text = ("A 66-year-old man was admitted with confusion. Sodium and potassium were 126 (135-145) and 6.1 "
            "(3.5-5.1) mmol/L, respectively.")
    labs = _labs(text)
    assert ("potassium", 126.0) not in labs
    assert ("sodium", 126.0) in labs


def test_guard_respectively_with_the_unit_after_each_value() -> None:
    # guard (passes on the base too)
    text = ("A 66-year-old man was admitted with confusion. His urea and creatinine were 91 mg/dl (normal 10-50) and "
            "3.4 mg/dl (normal 0.7-1.3), respectively.")
    labs = _labs(text)
    assert ("urea", 91.0) in labs and ("creatinine", 3.4) in labs


# --- an outpatient department named by a surgical specialty is no operation ---

def test_a_surgical_outpatient_department_is_no_operation() -> None:
    text = ("A 35-year-old woman presented to the neurosurgery outpatient department with headache. She was asked to "
            "return to the neurosurgery OPD after six weeks.")
    assert "surgery" not in _procedures(text)


def test_guard_outpatient_surgery_is_an_operation() -> None:
    # guard (passes on the base too): the operation done as an outpatient stays one
    text = "A 35-year-old woman with a ganglion underwent outpatient surgery on 4 May 2020."
    assert _procedures(text).get("surgery") == "completed"


# --- "ruling out X" after a result denies X; "for ruling out X" looks for it ---

def test_a_result_ruling_out_a_diagnosis_denies_it() -> None:
    text = ("A 29-year-old woman was admitted with anaemia and thrombocytopenia. "
            "ADAMTS13 activity was 72%, ruling out TTP.")
    assert _conditions(text).get("thrombotic thrombocytopenic purpura") == "negated"


def test_a_result_thus_ruling_out_a_diagnosis_denies_it() -> None:
    text = "A 29-year-old man was admitted with fever. The echocardiogram was normal, thus ruling out endocarditis."
    assert _conditions(text).get("infective endocarditis") == "negated"


def test_a_test_for_ruling_out_a_diagnosis_is_a_search() -> None:
    text = "A 29-year-old man was admitted with fever. A lumbar puncture was done for ruling out meningitis."
    assert _conditions(text).get("meningitis") == "suspected"


def test_guard_which_ruled_out_still_denies() -> None:
    # guard (passes on the base too)
    text = "A 29-year-old woman was admitted with anaemia. ADAMTS13 activity was normal, which ruled out TTP."
    assert _conditions(text).get("thrombotic thrombocytopenic purpura") == "negated"


# --- a follow-up told in the future has not happened ---

def _events(text: str) -> list[str]:
    return [e.type for e in analyze_text(text).events if e.assertion.value == "present"]


def test_a_follow_up_the_patient_will_have_is_no_follow_up_yet() -> None:
    text = "A 41-year-old man was admitted on 6 June 2020 with cellulitis. He will have a 6-month follow-up."
    assert "follow_up" not in _events(text)


def test_a_follow_up_visit_planned_is_no_follow_up_yet() -> None:
    text = "A 41-year-old man was admitted on 6 June 2020 with cellulitis. A follow-up visit is scheduled in 3 months."
    assert "follow_up" not in _events(text)


def test_guard_a_follow_up_told_in_the_past_is_one() -> None:
    # guard (passes on the base too)
    text = "A 41-year-old man was admitted on 6 June 2020 with cellulitis. At the 6-month follow-up, he was well."
    assert "follow_up" in _events(text)


# --- the presentation told again after a time estimated to reach day 0 is day 0 ---

def test_a_presentation_retold_after_an_estimated_history_is_day_zero() -> None:
    text = ("A 52-year-old man presented to the hospital after an episode of melaena. Five weeks earlier, he had "
            "undergone a hernia repair. Four weeks after the procedure, he developed fever. He presented to the "
            "hospital with sepsis. He was started on meropenem.")
    course = analyze_text(text)
    drug = next(e for e in course.exposures if e.drug == "meropenem")
    assert drug.time.offset_days == (0.0, 0.0)
    assert _time(course, "sepsis").offset_days == (0.0, 0.0)
