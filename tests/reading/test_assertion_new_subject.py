"""A negation does not run into a new clause with its own subject: 'she had no rash ... and she had developed
thyroiditis' leaves the thyroiditis asserted. Sentences written for this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _asserted(text: str) -> dict[str, str]:
    c = analyze_text(text, assess=False)
    return {f.name: f.assertion.value for f in [*c.findings, *c.conditions]}


def test_a_new_subject_ends_the_negation() -> None:
    got = _asserted("At follow-up she had no rash, her eosinophils were normal and she had developed a cough.")
    assert got["rash"] == "negated" and got["cough"] == "present"
    got = _asserted("He had no fever and he later developed arthritis.")
    assert got["fever"] == "negated" and got["arthritis"] == "present"


def test_a_list_after_one_negation_stays_negated() -> None:
    got = _asserted("She had no fever, cough and headache.")
    assert got["fever"] == got["cough"] == got["headache"] == "negated"


def test_a_denial_does_not_reach_a_clause_after_and_the() -> None:
    got = _asserted("There was no fever, and the rash spread to the trunk.")
    assert got["fever"] == "negated" and got["rash"] == "present"
    got = _asserted("She denied fever, chills, and night sweats.")  # a list with a serial comma stays denied
    assert got["fever"] == got["chills"] == got["night sweats"] == "negated"


def test_a_finding_that_did_not_improve_persists() -> None:
    assert _asserted("The rash did not resolve despite oral steroids.")["rash"] == "present"
    assert _asserted("Her abdominal pain failed to improve.")["abdominal pain"] == "present"
    assert _asserted("He had no fever and did not improve.")["fever"] == "negated"


def test_what_is_treated_empirically_is_suspected() -> None:
    c = analyze_text("He was treated empirically for meningitis with ceftriaxone.", assess=False)
    assert {x.name: x.status for x in c.conditions}["meningitis"] == "provisional"
    c = analyze_text("Her pneumonia was treated with ceftriaxone.", assess=False)
    assert {x.name: x.status for x in c.conditions}["pneumonia"] == "confirmed"


def test_the_one_history_named_after_other_than_is_present() -> None:
    c = analyze_text("The patient had no medical history other than hypertension.", assess=False)
    assert {x.name: x.status for x in c.conditions}["hypertension"] == "confirmed"


def test_a_transplant_awaited_or_intended_is_a_plan() -> None:
    for text in ("He stays on dialysis until a kidney transplant becomes available.",
                 "He was intended for autologous stem cell transplantation."):
        c = analyze_text(text, assess=False)
        assert all(x.status != "confirmed" for x in c.conditions), text
