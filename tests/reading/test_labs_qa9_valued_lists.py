"""Round labqa5: a result word said of a list of tests each with its value in brackets, before the list ("elevated
A (v), B (v) and C (v)") or after it with a plural copula ("A (v) and B (v) were low") (invented
sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(sentence: str) -> dict[tuple[str, float | None], str | None]:
    course = analyze_text("Case presentation\n" + sentence, assess=False)
    return {(lab.test, lab.value): lab.interpretation for lab in course.labs}


def test_result_word_before_a_list_of_bracketed_values_flags_each_value() -> None:
    got = _labs("Blood tests showed raised ferritin (950 ng/mL), LDH (610 U/L), and triglycerides (4.1 mmol/L).")
    assert got == {("ferritin", 950.0): "H", ("lactate dehydrogenase", 610.0): "H", ("triglycerides", 4.1): "H"}


def test_a_short_form_opening_the_bracket_keeps_the_list() -> None:
    got = _labs("Work-up revealed elevated lactate dehydrogenase (LDH, 700 U/L), ferritin (1200 ng/mL) and "
                "alanine aminotransferase (ALT, 140 U/L).")
    assert got == {("lactate dehydrogenase", 700.0): "H", ("ferritin", 1200.0): "H",
                   ("alanine aminotransferase", 140.0): "H"}


def test_a_value_without_brackets_or_another_predicate_ends_the_list() -> None:
    got = _labs("Labs revealed increased AST (90 U/L), and platelets 250,000/uL.")
    assert got[("platelets", 250000.0)] is None
    got = _labs("Labs revealed increased AST (90 U/L), platelets (250,000/uL) and glucose (5.2 mmol/L) were normal.")
    assert got[("aspartate aminotransferase", 90.0)] == "H"
    assert got[("platelets", 250000.0)] == "N" and got[("glucose", 5.2)] == "N"


def test_plural_predicate_after_bracketed_values_flags_each_value() -> None:
    got = _labs("Her magnesium (0.5 mmol/L) and phosphate (0.6 mmol/L) were low on the second day.")
    assert got == {("magnesium", 0.5): "L", ("phosphate", 0.6): "L"}
    got = _labs("His potassium (2.8 mmol/L) was low.")
    assert got == {("potassium", 2.8): "L"}


def test_singular_predicate_flags_only_the_last_value() -> None:
    got = _labs("Her sodium (139 mmol/L) and potassium (2.8 mmol/L) was low.")
    assert got[("sodium", 139.0)] is None and got[("potassium", 2.8)] == "L"



def test_a_qualitative_predicate_or_an_interval_bound_takes_no_level() -> None:
    got = _labs("Ferritin (900 ng/mL) and procalcitonin (2.2 ng/mL) were detected.")
    assert got[("ferritin", 900.0)] is None and got[("procalcitonin", 2.2)] is None
    got = _labs("Her CRP (4.1 mg/dL; N: <0.5 mg/dL) and ferritin (900 ng/mL) were elevated.")
    assert got == {("c-reactive protein", 4.1): "H", ("ferritin", 900.0): "H"}


def test_a_short_form_followed_by_a_semicolon_keeps_its_value() -> None:
    got = _labs("Tests showed high levels of urea (12 mmol/L; reference 2.8-8.1 mmol/L), alanine aminotransferase "
                "(ALT; 95 U/L; reference 0-40 U/L), and CRP (CRP; 120 mg/L).")
    assert got == {("urea", 12.0): "H", ("alanine aminotransferase", 95.0): "H", ("c-reactive protein", 120.0): "H"}
