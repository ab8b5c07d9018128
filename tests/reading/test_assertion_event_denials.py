"""An outcome event's own denial, and a denial that does not reach past a new clause or noun phrase
(reading/assertion.py: _OWN_DENIAL, _EVENT_AFTER_AND)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

_OPENING = "A 52-year-old woman was admitted with fever. "


def _events(sentence: str) -> list[tuple[str, str]]:
    return [(e.type, e.assertion.value) for e in analyze_text(_OPENING + sentence, assess=False).events
            if e.type != "admission"]


@pytest.mark.parametrize("sentence", [
    "Her joint pain showed no improvement of its severity.",
    "There was no significant improvement in her creatinine despite fluids.",
    "Oral iron was given without any improvement in her haemoglobin.",
])
def test_no_improvement_in_something_is_a_denied_improvement(sentence: str) -> None:
    assert _events(sentence) == [("improvement", "negated")]


@pytest.mark.parametrize("sentence", [
    "There was no cough and the headache improved.",
    "The scan showed no residual tumour and a good response to chemotherapy.",
    "The marrow held no lymphoma cells and showed a good response to rituximab.",
])
def test_a_denial_does_not_reach_an_outcome_in_a_new_clause_or_noun_phrase(sentence: str) -> None:
    assert _events(sentence) == [("improvement", "present")]


def test_the_thing_that_did_not_improve_stays_present() -> None:
    course = analyze_text(_OPENING + "There was no improvement in her rash.", assess=False)
    assert [(f.name, f.assertion.value) for f in course.findings if f.name == "rash"] == [("rash", "present")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Despite vasopressors she did not survive.", [("death", "present")]),
    ("Cardiac arrest followed and he could not be resuscitated.", [("death", "present")]),
    ("Labour was induced early, but the baby did not survive.", []),  # the baby's death
    ("Pressors were started, but she failed to make any improvement.", [("improvement", "negated")]),
    ("He failed to show a clinical response to steroids.", [("improvement", "negated")]),
    ("After the arrest she did not recover.", [("recovery", "negated")]),
    ("She remained hemiplegic without any functional recovery.", [("recovery", "negated")]),
])
def test_outcomes_told_by_what_did_not_happen(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _events(sentence) == expected


@pytest.mark.parametrize(("story", "deaths"), [
    ("A 2-day-old male neonate was admitted to the NICU with respiratory distress. Despite ventilation, the neonate "
     "died on day 3 of life.", 1),  # the newborn's own report: the patient died
    ("A 31-year-old woman was admitted at 28 weeks of gestation with pre-eclampsia. A caesarean section was performed; "
     "the newborn sadly died two days later.", 0),  # the mother's report: another person's death
])
def test_a_newborns_death_is_the_patients_only_in_the_newborns_own_report(story: str, deaths: int) -> None:
    course = analyze_text(story, assess=False)
    assert sum(e.type == "death" for e in course.events) == deaths
