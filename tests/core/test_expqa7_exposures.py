"""Drug exposures, seventh round (expqa7): a course's length told after its start ("from the third hospital day for
5 days"), after a bracketed dose of a list member ("A (x mg) and B (y mg) ... for N days"), after ", which was given";
a length before the first of a list of names is each member's ("a 10-day course of A and B"); "cessation of X"
stops X. Sentences written for this test."""
from __future__ import annotations

from exposure_view import exposures

from casecourse.api import analyze_text

_exposures = exposures  # drug -> [(status, first start, last end)] (tests/core/exposure_view.py)


def _lengths(text: str) -> dict[str, float | None]:
    return {e.drug: e.segments[-1].length_days if e.segments else None
            for e in analyze_text(text, assess=False).exposures}


def test_length_after_a_start_day_is_the_course_length() -> None:
    got = _lengths("A 41-year-old woman with pyelonephritis was admitted. Cefuroxime was administered from the "
                   "third day of hospitalization for 5 days.")
    assert got["cefuroxime"] == 5


def test_length_after_starting_on_hospital_day() -> None:
    got = _lengths("A 59-year-old man with cholangitis was admitted. Piperacillin-tazobactam was given starting on "
                   "hospital day 2 for 10 days.")
    assert got["piperacillin-tazobactam"] == 10


def test_list_with_bracketed_doses_shares_the_length() -> None:
    got = _lengths("A 35-year-old man developed a severe reaction. Prednisolone (40 mg/day) and cetirizine "
                   "(10 mg/day) were administered for 6 days.")
    assert got["prednisolone"] == 6 and got["cetirizine"] == 6


def test_which_was_administered_for_gives_the_length() -> None:
    got = _lengths("A 50-year-old woman had a wound infection. Her antibiotic was changed to linezolid (600 mg "
                   "twice a day), which was administered for 12 days.")
    assert got["linezolid"] == 12


def test_length_before_a_list_of_names_is_each_members() -> None:
    got = _lengths("A 63-year-old man with an infected ulcer was started on a 10-day course of clindamycin and "
                   "ciprofloxacin.")
    assert got["clindamycin"] == 10 and got["ciprofloxacin"] == 10


def test_list_member_with_its_own_verb_keeps_no_length() -> None:
    got = _lengths("A 63-year-old man with pneumonia received 5 days of amoxicillin, and doxycycline was started.")
    assert got["amoxicillin"] == 5 and got.get("doxycycline") is None


def test_cessation_of_a_drug_stops_it() -> None:
    got = _exposures("A 72-year-old woman on apixaban was admitted on 3 April 2021 with gastrointestinal bleeding, "
                     "which was managed with transfusion and the cessation of apixaban.")
    assert got["apixaban"][0][0] == "stopped"


def test_length_before_a_class_word_and_a_dosed_list() -> None:
    got = _lengths("A 45-year-old man with a lung abscess was given a ten-day course of IV antibiotics ampicillin "
                   "(2 g every 6 h) and gentamicin (5 mg/kg daily).")
    assert got["ampicillin"] == 10 and got["gentamicin"] == 10


def test_length_before_a_class_with_its_drugs_in_brackets() -> None:
    got = _lengths("A 30-year-old woman with pneumonia received 7 days of antibiotics (cefuroxime and "
                   "clarithromycin).")
    assert got["cefuroxime"] == 7 and got["clarithromycin"] == 7


def test_a_resolution_after_the_stop_is_not_its_reason() -> None:
    reasons = {e.drug: (e.status, e.stop_reason) for e in analyze_text(
        "A 68-year-old man on long-term allopurinol developed eosinophilia. As the eosinophilia resolved following "
        "discontinuation of the allopurinol, a drug reaction was likely.", assess=False).exposures}
    assert reasons["allopurinol"] == ("stopped", None)


def test_a_stop_after_a_resolution_keeps_it_as_reason() -> None:
    reasons = {e.drug: e.stop_reason for e in analyze_text(
        "A 25-year-old woman received ceftriaxone for fever. Ceftriaxone was stopped after the fever resolved.",
        assess=False).exposures}
    assert reasons["ceftriaxone"] == "fever resolved"
