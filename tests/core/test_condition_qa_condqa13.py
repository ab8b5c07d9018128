"""Conditions of the condqa13 audit round (invented sentences): what a test looks for past the first item of its list,
a differential item told with 'with', what is only to be told apart, and names the reader cut to their head."""
from __future__ import annotations

from casecourse.api import analyze_text


def _conditions(text: str) -> dict[str, tuple[str, str]]:
    """name -> (status, first ICD-10-CM code or '')."""
    course = analyze_text("Case presentation\nA 47-year-old man. " + text)
    return {c.name: (c.status, next((k.code for k in c.codings if "icd-10" in k.system), ""))
            for c in course.conditions}


def _status(text: str) -> dict[str, str]:
    return {name: status for name, (status, _) in _conditions(text).items()}


# --- a search's list ---------------------------------------------------------------------------------------------

def test_every_item_of_a_searched_list_is_looked_for() -> None:
    got = _status("Serologies for hepatitis B, hepatitis C and syphilis were sent on admission.")
    assert got.get("hepatitis c") == "provisional", got
    assert got.get("syphilis") == "provisional", got


def test_a_list_searched_then_negative_after_a_semicolon_is_refuted() -> None:
    got = _status("Blood tests for hepatitis A, hepatitis C, and thyroid antibodies were drawn; however, all were "
                  "negative.")
    assert got.get("hepatitis c") == "refuted", got


def test_a_work_up_notable_only_for_something_else_finds_none_of_its_list() -> None:
    got = _status("A broad work-up for bacterial, fungal, and tick-borne diseases was notable only for a raised "
                  "ferritin.")
    assert got.get("tick-borne diseases") == "refuted", got


def test_a_new_clause_after_a_searched_list_is_not_searched() -> None:
    got = _status("He was tested for HIV and hepatitis B, and diabetes was managed with insulin.")
    assert got.get("diabetes mellitus") == "confirmed", got
    assert _status("She was screened for tuberculosis, and pneumonia was treated.").get("pneumonia") == "confirmed"


# --- a differential list ------------------------------------------------------------------------------------------

def test_a_with_inside_a_differential_item_does_not_end_the_list() -> None:
    got = _status("The working differential diagnosis included influenza, lobar pneumonia with septic shock, "
                  "a tick-borne illness, pulmonary embolism, and myocarditis.")
    assert got.get("septic shock") == "provisional", got
    assert got.get("pulmonary embolism") == "provisional", got
    # a clause after a comma is no list item: the diagnosis made stays made
    got = _status("After excluding other possible causes of the acidosis, we diagnosed the patient with starvation "
                  "ketoacidosis.")
    assert got.get("metabolic ketoacidosis") == "confirmed", got


def test_alternatives_past_an_eponym_possessive_are_suspected() -> None:
    got = _status("The transient aphasia was put down to a transient ischemic attack or Todd's paralysis.")
    assert got.get("transient ischemic attack") == "provisional", got


# --- suspicion and denial cues ------------------------------------------------------------------------------------

def test_what_a_test_is_to_tell_apart_is_not_yet_diagnosed() -> None:
    got = _status("A contrast MRI was obtained to differentiate between a cerebellar abscess and medulloblastoma.")
    assert got.get("medulloblastoma") == "provisional", got
    assert _status("It was hard to distinguish sarcoidosis from tuberculosis.").get("tuberculosis") == "provisional"


def test_what_a_test_was_done_to_diagnose_is_looked_for() -> None:
    got = _status("A muscle biopsy was performed to diagnose glycogen storage disease.")
    assert got.get("glycogen storage disease") == "provisional", got


def test_questionable_and_low_concern_are_suspicions() -> None:
    assert _status("The scan showed questionable peritoneal carcinomatosis.").get("carcinomatosis") == "provisional"
    assert _status("Concern was low for aortic dissection.").get("aortic dissection") == "provisional"


def test_pending_confirmation_is_a_suspicion() -> None:
    got = _status("Antibiotics were begun pending confirmation of bacterial meningitis.")
    assert got.get("bacterial meningitis") == "provisional", got


def test_unrevealing_for_denies() -> None:
    got = _status("The myositis antibody panel was unrevealing for inflammatory myositis.")
    assert got.get("myositis") == "refuted" and "inflammatory myositis" not in [
        k for k, v in got.items() if v == "confirmed"], got


def test_causes_evaluated_including_are_suspected() -> None:
    got = _status("Infectious disease evaluated infectious etiologies, including brucellosis, histoplasmosis and "
                  "tularemia.")
    assert got.get("brucellosis") == "provisional", got
    assert got.get("tularemia") == "provisional", got


def test_what_a_patient_with_a_history_then_developed_is_not_history() -> None:
    got = _status("She is a 52-year-old teacher with a history of gout who developed fever and a productive cough.")
    assert "fever" not in got and "cough" not in got, got
    assert _status("He had a history of psoriasis who later developed pneumonia.").get("pneumonia") == "confirmed"


# --- names --------------------------------------------------------------------------------------------------------

def test_names_the_reader_cut_to_their_head() -> None:
    got = _conditions("Echocardiography showed moderate aortic valve disease and a stress-induced cardiomyopathy. "
                      "He later had critical illness myopathy and conduction system disease, and calciphylaxis of the "
                      "thighs. She had confluent and reticulated papillomatosis.")
    assert got.get("aortic valve disease", ("", ""))[1] == "I35.9", got
    assert got.get("stress-induced cardiomyopathy", ("", ""))[1] == "I51.81", got
    assert got.get("critical illness myopathy", ("", ""))[1] == "G72.81", got
    assert got.get("conduction system disease", ("", ""))[1] == "I45.9", got
    assert got.get("calciphylaxis", ("", ""))[1] == "E83.59", got
    assert got.get("confluent and reticulated papillomatosis", ("", ""))[1] == "L83", got
    assert "valve disease" not in got and "system disease" not in got and "myopathy" not in got


def test_an_anastomosis_compound_is_no_disease() -> None:
    got = _status("A side-to-side duodenojejunoanastomosis was fashioned, and the ileotransversoanastomosis healed.")
    assert not got, got
    # a compound disease word keeps its ending's reading
    assert "confirmed" in [v for k, v in _status("The marrow showed myelofibrosis.").items() if "myelofibrosis" in k]


# --- zoning -------------------------------------------------------------------------------------------------------

def test_a_numbered_final_diagnosis_list_is_the_patients() -> None:
    got = _status("He was admitted to the ward.\n\nFinal diagnosis\n\n(1) Acute necrotizing pancreatitis; (2) acute "
                  "kidney injury; and (3) hypertriglyceridemia.")
    assert got.get("acute kidney injury") == "confirmed", got
    # a citation number after the words it backs still makes a sentence about other work
    from casecourse.reading.zoning import _cites
    assert _cites("Similar outcomes were described in adults (12).")
    assert not _cites("The criteria were: (1) fever; (2) rash; and (3) arthritis.")
