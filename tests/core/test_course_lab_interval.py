"""A lab result's interpretation from the reference interval the text writes right after it (H, L or N), in the
value's unit or another unit with the same SI unit; never from an interval of another test. Sentences written for
this test."""
from __future__ import annotations

from casecourse.api import analyze_text


def _interp(text: str) -> dict[str, str | None]:
    return {lab.test: lab.interpretation for lab in analyze_text(text, assess=False).labs}


def test_written_intervals_interpret_their_values() -> None:
    got = _interp("A 52-year-old man had jaundice. ALT was 820 U/L (reference 7-35 U/L), albumin 28 g/L "
                  "(reference 35-50 g/L) and CRP 3 mg/L (reference < 5 mg/L).")
    assert got == {"alanine aminotransferase": "H", "albumin": "L", "c-reactive protein": "N"}


def test_an_upper_limit_and_an_interval_in_another_unit() -> None:
    got = _interp("A 52-year-old man had itching. Alkaline phosphatase was 610 U/L (upper limit of normal 120 U/L) "
                  "and haemoglobin 9.4 g/dL (normal range, 120-160 g/L).")
    assert got == {"alkaline phosphatase": "H", "hemoglobin": "L"}


def test_the_same_value_in_another_unit_may_stand_before_the_interval() -> None:
    got = _interp("A 30-year-old woman had jaundice. Total bilirubin was 4.1 mg/dL (70 µmol/L; reference 0.2-1.2 "
                  "mg/dL).")
    assert got == {"bilirubin": "H"}


def test_no_interval_no_interpretation() -> None:
    got = _interp("A 30-year-old woman had fatigue. Sodium was 131 mmol/L and ALT 95 U/L (reference 7-35 U/L).")
    assert got == {"sodium": None, "alanine aminotransferase": "H"}


def test_a_bound_labelled_by_its_result_is_no_second_value_and_interprets() -> None:
    course = analyze_text("A 52-year-old man had blisters. Anti-desmoglein 3 antibodies were 186 U/mL (positive > 20 "
                          "U/mL) and beta-D-glucan 40 pg/mL (positive > 80 pg/mL).", assess=False)
    got = [(lab.test, lab.value, lab.interpretation) for lab in course.labs]
    assert got == [("anti-desmoglein 3 antibodies", 186.0, "POS"), ("beta-d-glucan", 40.0, "NEG")]
