"""Documents QA, sixteenth round (docqa16): what round docqa15 left on its three long courses
(`documents_docqa15/`, expected courses in the docstring of `test_docqa15.py`). Each rule is of general clinical
language and tested here with our own sentences; each test fails on the base `f2702f1` unless marked as a guard."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.report.summary import outcome_line


def _one(text: str, drug: str):  # noqa: ANN202 - an Exposure
    return next(e for e in analyze_text(text).exposures if e.drug == drug)


def _outcome(course):  # noqa: ANN001, ANN202 - the outcome Assessment
    return next(a for a in course.assessments if a.rule == "outcome")


# --- how it ended: the latest state told at a stated date, and a letter's own date as the last information ---

_LETTER = ("Clinic date: 14/06/2025\n\nDear Dr Hale,\n\nDiagnoses:\n1. Microscopic polyangiitis (MPO-ANCA), "
           "diagnosed May 2019; relapse April 2022; in remission since January 2023\n2. Hypertension\n\n"
           "I reviewed Mr Crane in clinic today. He presented in May 2019 with haematuria and a creatinine of "
           "310 umol/L. He was treated with rituximab and prednisolone, and by August 2019 his creatinine had "
           "improved to 150 umol/L.\n\nYours sincerely,\n\nDr Ada Lind\n")


def test_a_letters_list_of_diagnoses_tells_the_latest_state() -> None:
    a = _outcome(analyze_text(_LETTER))
    assert a.data["outcome"] == "remission"


def test_a_letters_own_date_is_the_last_information() -> None:
    c = analyze_text(_LETTER)
    assert _outcome(c).data["last_information"] == "2025-06-14"
    assert "last information 2025-06-14" in (outcome_line(c) or "")


def test_guard_text_order_decides_between_times_counted_in_the_story() -> None:
    # guard (passes on the base too): times counted from the admission do not overrule the order of the text
    text = ("A 40-year-old man was admitted with pneumonia. His fever resolved on day 3. He was discharged on day 6 "
            "in good condition.")
    assert _outcome(analyze_text(text)).data["outcome"] == "recovered"


# --- a drug told on in a piece of history: its length, then the next drug, "N months later" ---

_HISTORY = ("Admission date: 04/08/2025\nDischarge date: 04/20/2025\n\nHistory of present illness:\nShe has "
            "psoriatic arthritis. Secukinumab 150 mg monthly was started seven years before admission. It kept her "
            "arthritis quiet for three years, then stopped working, and she was switched to ustekinumab 45 mg every "
            "12 weeks; this was stopped twenty months later for lack of efficacy.\n")


def test_a_drug_told_on_after_its_stated_length_starts_in_that_history() -> None:
    c = analyze_text(_HISTORY)
    ust = next(e for e in c.exposures if e.drug == "ustekinumab")
    assert ust.time.point == "2021"


def test_a_stop_n_months_later_counts_from_the_drug_told_and_never_passes_the_discharge() -> None:
    c = analyze_text(_HISTORY)
    ust = next(e for e in c.exposures if e.drug == "ustekinumab")
    assert ust.end is not None and ust.end.point in ("2022", "2023") and ust.stop_reason == "inefficacy"
    assert all((t.point or "") < "2025-04-20" for e in c.exposures for t in (e.time, e.end) if t is not None)


def test_a_treatment_given_then_goes_on_in_the_history() -> None:
    text = ("Admission date: 04/08/2025\n\nShe has Crohn's disease diagnosed ten years before this admission. "
            "Azathioprine was started at 100 mg daily. Three years later she developed pancreatitis and "
            "azathioprine was stopped. Methotrexate 25 mg weekly was then given for one year with no response.")
    assert _one(text, "methotrexate").time.point == "2018"


def test_a_pronoun_stop_takes_the_time_of_its_own_clause() -> None:
    text = "In 2015 she was switched to golimumab 50 mg monthly; this was stopped two years later for lack of effect."
    gol = _one(text, "golimumab")
    assert gol.end is not None and gol.end.point == "2017"


# --- a drug named in a list before the story starts it ---

def test_a_drug_named_in_a_diagnosis_line_starts_when_the_stay_starts_it() -> None:
    text = ("Admission date: 03/02/2025\nDischarge date: 03/14/2025\n\nPrincipal diagnosis: Cellulitis\n"
            "Secondary diagnoses: rash (vancomycin infusion reaction), resolved\n\nHospital course:\nOn admission "
            "she was febrile. She was started on intravenous vancomycin 15 mg/kg every 12 hours.\n")
    v = _one(text, "vancomycin")
    assert v.time.known and v.time.earliest == "2025-03-02"


def test_a_listed_drug_of_the_same_dose_starts_when_the_story_gives_it() -> None:
    text = ("Clinic date: 02/05/2024\n\nDear Dr Lee,\n\nCurrent medication:\nRituximab 1 g intravenously every 6 "
            "months\nAmlodipine 5 mg once daily\n\nShe relapsed in June 2021. She was given prednisolone 40 mg "
            "daily, and received rituximab 1 g on 07/06/2021 and 21/06/2021.\n")
    r = _one(text, "rituximab")
    assert r.time.point == "2021-06-07" and r.status == "active"
    assert not _one(text, "amlodipine").time.known  # a listed drug the story does not start keeps no start


# --- a drug's second predicate past a purpose clause: its length and last day ---

def test_a_length_and_last_day_told_after_a_purpose_clause_end_the_course() -> None:
    text = ("Sparsentan 200 mg daily was added on 28/01/2023 to reduce her proteinuria and was given for six "
            "months, until 27/07/2023.")
    sp = _one(text, "sparsentan")
    assert sp.end is not None and sp.end.point == "2023-07-27"


# --- a result told in the present perfect in a letter: at the letter's date ---

def test_a_result_that_has_drifted_down_is_the_letters_today() -> None:
    text = ("Clinic date: 14/03/2025\n\nDear Dr Hale,\n\nShe was given ocrelizumab 600 mg on 25/05/2021 and "
            "the infusions went well. Her IgM has drifted down to 0.3 g/L (from 0.9 g/L in 2021).\n")
    igm = [x for x in analyze_text(text).labs if x.value == 0.3]
    assert igm and igm[0].time.point == "2025-03-14"


# --- a relapse's trigger told in the next sentence ---

def test_a_trigger_told_after_the_relapse_is_linked_to_it() -> None:
    text = ("He relapsed in May 2021 with arthritis and uveitis. The relapse was attributed to the withdrawal of "
            "prednisolone. He was given methylprednisolone 500 mg daily for three days.")
    ev = next(e for e in analyze_text(text).events if e.type == "relapse")
    assert ev.trigger is not None and "withdrawal of prednisolone" in ev.trigger


# --- a switch after the sentence stopped the drug it replaces ---

def test_a_switch_from_a_drug_just_stopped_keeps_the_other_drugs() -> None:
    text = ("In 2019 she was started on methotrexate 15 mg weekly and infliximab 5 mg/kg. Infliximab was stopped in "
            "2021 because of an infusion reaction, and she was switched to adalimumab 40 mg every other week.")
    mtx = _one(text, "methotrexate")
    assert mtx.end is None and mtx.status != "stopped"


# --- the next treatment "followed" a piece of history that stepped on within itself ---

def test_a_treatment_that_followed_a_stop_later_in_history_starts_after_it() -> None:
    text = ("Admission date: 04/08/2025\n\nShe has ankylosing spondylitis. Certolizumab 200 mg every other week was "
            "started four years before admission and stopped eighteen months later because of psoriasis. "
            "Upadacitinib 15 mg daily followed for one year with a partial response.\n")
    upa = _one(text, "upadacitinib")
    assert upa.time.point in ("2022", "2023")
    assert upa.end is not None and upa.status == "completed"
