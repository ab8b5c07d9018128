"""Clinical documents read as a clinician reads them, eighth round (docqa8): the errors round docqa7 left on its four
documents (`documents_docqa7/`), each fixed by a rule of general clinical language; each test an invented sentence
that failed before its rule (guards say so)."""
from __future__ import annotations

from pathlib import Path

from casecourse.api import analyze_text

_DOCS = Path(__file__).parent / "documents_docqa7"
_ADMITTED = "Admitted: 03/03/2025\nDischarged: 14/03/2025\n\nA 44-year-old man with Goodpasture disease. "


def _procedure(text: str, name: str):  # noqa: ANN202 - a Procedure
    return next(p for p in analyze_text(text).procedures if p.name == name)


def _exposure(text: str, drug: str, last: bool = False):  # noqa: ANN202 - an Exposure
    found = [e for e in analyze_text(text).exposures if e.drug == drug]
    return found[-1] if last else found[0]


# --- counts of sessions -----------------------------------------------------------------------------------------------

def test_a_count_before_the_procedures_plural_counts_its_sessions() -> None:
    assert _procedure(_ADMITTED + "He received seven plasma exchanges.", "plasma exchange").sessions == 7


def test_sessions_received_after_the_start_are_counted_and_the_last_ends_the_series() -> None:
    p = _procedure(_ADMITTED + "Plasma exchange was begun on 03/03/2025 and he had six sessions in all, the last on "
                   "09/03/2025. Cyclophosphamide 2 mg/kg daily was started.", "plasma exchange")
    assert (p.sessions, p.time.point, p.end.point if p.end else None) == (6, "2025-03-03", "2025-03-09")


def test_units_of_blood_received_are_no_sessions_of_the_exchange() -> None:  # guard: passes on main too
    p = _procedure(_ADMITTED + "Plasma exchange was begun on 03/03/2025 and he received two units of red cells.",
                   "plasma exchange")
    assert p.sessions is None


# --- the story's time -------------------------------------------------------------------------------------------------

def test_the_date_of_a_series_last_session_does_not_move_the_story() -> None:
    text = _ADMITTED + ("Plasma exchange was begun on 03/03/2025 and he had six sessions in all, the last on "
                        "09/03/2025. Cyclophosphamide 2 mg/kg daily was started.")
    assert _exposure(text, "cyclophosphamide").time.point == "2025-03-03"


def test_a_course_planned_past_the_stated_discharge_is_still_active() -> None:
    text = _ADMITTED + "Rituximab 1 g was given every two weeks for two doses, the first on 10/03/2025."
    assert _exposure(text, "rituximab").status == "active"


def test_a_course_finished_before_the_discharge_stays_completed() -> None:  # guard: passes on main too
    text = _ADMITTED + "Methylprednisolone 500 mg daily was given for three days from 04/03/2025."
    assert _exposure(text, "methylprednisolone").status == "completed"


def test_a_value_on_admission_in_a_list_of_dated_values_is_the_admissions() -> None:
    course = analyze_text(_ADMITTED + "The creatinine was 610 umol/L on admission, 480 umol/L on day 4 and 300 "
                          "umol/L on day 9.")
    assert sorted((lab.value, lab.time.point) for lab in course.labs if lab.test == "creatinine") \
        == [(300.0, "2025-03-11"), (480.0, "2025-03-06"), (610.0, "2025-03-03")]


def test_after_the_operation_counts_from_the_operation_not_the_last_date_told() -> None:
    text = ("A 66-year-old woman presented on 14/05/2024 with abdominal pain. She underwent a right hemicolectomy on "
            "20/05/2024. Haemoglobin measurements on 15/05/2024 and 17/05/2024 were stable. After the operation she "
            "developed atrial fibrillation, and digoxin was stopped on 24/05/2024.")
    af = next(c for c in analyze_text(text).conditions if c.name == "atrial fibrillation")
    assert af.time.earliest == "2024-05-20" and af.time.latest == "2024-05-24"


def test_samples_taken_on_two_days_give_a_result_of_each() -> None:
    course = analyze_text("A 70-year-old woman presented on 11/06/2024 with fever. Sputum cultures collected on "
                          "13/06/2024 and 16/06/2024 were negative.")
    assert sorted(lab.time.point for lab in course.labs if lab.test == "sputum culture") \
        == ["2024-06-13", "2024-06-16"]


# --- words ------------------------------------------------------------------------------------------------------------

def test_a_tooth_extraction_is_no_reconstruction() -> None:
    names = {p.name for p in analyze_text("She had a tooth extraction a month before the fever began.").procedures}
    assert names == {"tooth extraction"}


def test_a_cold_caught_is_no_finding_of_coldness() -> None:
    findings = {f.name for f in analyze_text("He relapsed in May 2024 after a cold, with ankle oedema.").findings}
    assert "coldness" not in findings and "oedema" in findings


def test_cold_hands_are_still_coldness() -> None:  # guard: passes on main too
    assert "coldness" in {f.name for f in analyze_text("Her hands were cold and pale.").findings}


# --- episodes told again ----------------------------------------------------------------------------------------------

def test_an_episode_named_again_is_no_new_episode() -> None:
    text = ("Clinic date: 02/12/2024\n\nShe relapsed in March 2024, and again in July 2024. Each relapse was treated "
            "with prednisolone. A third relapse in October 2024 followed a viral illness. She has had no vaccines "
            "since the relapse in October.")
    relapses = [e.time.point for e in analyze_text(text).events if e.type == "relapse"]
    assert sorted(relapses) == ["2024-03", "2024-07", "2024-10"]


def test_an_episode_told_again_with_no_comma_before_it_is_a_second_one() -> None:
    text = "Clinic date: 02/12/2024\n\nShe relapsed in March 2024 and again in July 2024. She is well now."
    assert sorted(e.time.point for e in analyze_text(text).events if e.type == "relapse") == ["2024-03", "2024-07"]


# --- a letter's visit -------------------------------------------------------------------------------------------------

def test_a_state_since_a_date_told_at_the_visit_leaves_the_story_at_the_visit() -> None:
    text = ("Clinic date: 12/11/2025\n\nDear Dr Hale,\n\nI saw Mrs Lowe in clinic today. She had a flare of lupus in "
            "June 2025.\n\nToday she is well. Her home readings have been normal since 20/10/2025. Her blood pressure "
            "was 118/72 mmHg.\n")
    bp = next(lab for lab in analyze_text(text).labs if lab.test == "blood pressure")
    assert bp.time.point == "2025-11-12"


_LETTER = ("Clinic date: 20/11/2025\n\nCurrent medications:\nPrednisolone 5 mg once daily\n\n"
           "She was diagnosed with polymyalgia rheumatica in March 2025 and was treated with prednisolone 15 mg once "
           "daily for four weeks from 10/03/2025. In June 2025 her symptoms returned and prednisolone 12.5 mg once "
           "daily was given for four weeks from 02/06/2025.\n")


def test_a_current_medication_line_before_the_story_is_the_current_dose() -> None:
    last = _exposure(_LETTER, "prednisolone", last=True)
    assert last.status == "active" and last.segments[-1].dose.value == 5.0 and last.end is None
    assert _exposure(_LETTER, "prednisolone").segments[0].dose.value == 15.0


def test_a_listed_dose_changed_at_the_visit_stays_first() -> None:  # guard: passes on main too
    text = ("Clinic date: 20/11/2025\n\nCurrent medications:\nFurosemide 40 mg once daily\n\n"
            "Her ankles are more swollen. I have increased furosemide to 80 mg once daily from 20/11/2025.\n")
    assert [s.dose.value for s in _exposure(text, "furosemide").segments] == [40.0, 80.0]


# --- the four documents -----------------------------------------------------------------------------------------------

def test_the_ttp_discharge_summary_reads_as_its_haematologist_would() -> None:
    course = analyze_text((_DOCS / "ttp_discharge.txt").read_text())
    exchange = next(p for p in course.procedures if p.name == "plasma exchange")
    assert exchange.sessions == 9 and exchange.end.point == "2025-09-10"
    drugs = {e.drug: e for e in course.exposures}
    assert drugs["rituximab"].status == "active"
    assert drugs["methylprednisolone"].time.point == drugs["caplacizumab"].time.point == "2025-09-02"
    assert sorted(lab.time.point for lab in course.labs if lab.test == "platelets" and lab.value == 9.0) \
        == ["2025-09-02", "2025-09-02"]


def test_the_nephrotic_letter_reads_as_its_nephrologist_would() -> None:
    course = analyze_text((_DOCS / "nephrotic_letter.txt").read_text())
    assert "coldness" not in {f.name for f in course.findings}
    dated = [e.time.point for e in course.events if e.type == "relapse" and e.time.point]
    assert sorted(dated) == ["2025-04", "2025-06", "2025-08"]
    assert next(lab for lab in course.labs if lab.test == "blood pressure").time.point == "2025-10-07"
    prednisolone = [e for e in course.exposures if e.drug == "prednisolone"][-1]
    assert prednisolone.status == "active" and prednisolone.segments[-1].dose.value == 10.0


def test_the_endocarditis_report_reads_as_its_cardiologist_would() -> None:
    course = analyze_text((_DOCS / "endocarditis_report.txt").read_text())
    assert "tooth extraction" in {p.name for p in course.procedures}
    af = next(c for c in course.conditions if c.name == "atrial fibrillation")
    assert af.time.earliest == "2024-03-21" and af.time.latest == "2024-03-25"
    assert sorted(lab.time.point for lab in course.labs if lab.test == "blood culture"
                  and lab.interpretation == "NEG")[:2] == ["2024-03-17", "2024-03-19"]
