"""Conditions of the condqa14 round (invented sentences): a diagnosis whose criteria were not met, a diagnosis an
assessment does not favour, and what a work-up 'surveyed'."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.pipeline import read


def _status(text: str) -> dict[str, str]:
    course = analyze_text("Case presentation\nA 52-year-old woman. " + text)
    return {c.name: c.status for c in course.conditions}


def test_criteria_not_fulfilled_refute_the_diagnosis() -> None:
    got = _status("She had a fever and a new murmur. The revised Jones criteria for acute rheumatic fever were not "
                  "fulfilled.")
    assert got.get("rheumatic fever") == "refuted", got


def test_criteria_not_met_refute_only_their_diagnosis() -> None:
    got = _status("She had rheumatoid arthritis; the criteria for macrophage activation syndrome were not met.")
    assert got.get("macrophage activation syndrome") == "refuted", got
    assert got.get("rheumatoid arthritis") == "confirmed", got


def test_criteria_fulfilled_keep_the_diagnosis() -> None:
    got = _status("The criteria for macrophage activation syndrome were fulfilled.")
    assert got.get("macrophage activation syndrome") == "confirmed", got


def test_an_assessment_line_not_favoured_refutes() -> None:
    got = _status("Assessment:\n1. Possible urinary tract infection: not favored.")
    assert got.get("urinary tract infection") == "refuted", got


def test_a_diagnosis_not_favoured_in_prose_is_refuted() -> None:
    got = _status("Cholecystitis was not favoured given the normal gallbladder wall.")
    assert got.get("cholecystitis") == "refuted", got


def test_what_a_work_up_surveyed_is_looked_for() -> None:
    got = _status("We also surveyed for tuberculosis and autoimmune hepatitis.")
    assert got.get("tuberculosis") == "provisional", got


def _assertions(text: str) -> dict[str, str]:
    """The reader's assertion of each diagnosis mention (the course's status also weighs the other mentions)."""
    return {m.text.lower(): m.assertion.value for m in read(text).mentions if m.type == "condition"}


def test_a_denial_of_other_causes_keeps_the_patients_diagnosis() -> None:
    got = _assertions("She was treated for pneumonia. Other causes of pneumonia had been excluded.")
    assert set(got.values()) == {"present"}, got


def test_a_plain_denial_still_refutes() -> None:
    got = _assertions("Other tests were normal. Pneumonia had been excluded.")
    assert got.get("pneumonia") == "negated", got


def test_a_likelihood_told_of_one_diagnosis_does_not_reach_back_across_a_new_clause() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("Case presentation\nShe has heart failure, and pneumonia is less likely.", assess=False)
    status = {c.name: c.assertion.value for c in course.conditions}
    assert status["heart failure"] == "present"
    assert status["pneumonia"] == "suspected"
