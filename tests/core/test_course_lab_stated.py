"""A result word and the value it states are one lab result (assembly/lab_stated.py); a positive result stays positive
when a later clause denies another test; an abnormal panel word names no member of the inflammatory markers."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> list[tuple]:
    return [(lab.test, lab.value, lab.interpretation) for lab in analyze_text(text, assess=False).labs]


def test_a_result_word_and_its_value_are_one_result_with_the_words_flag() -> None:
    got = _labs("A 61-year-old man was seen. His lipase was raised at 912 U/L and he had hyponatraemia "
                "(sodium 124 mmol/L).")
    assert got == [("lipase", 912.0, "H"), ("sodium", 124.0, "L")]


def test_a_group_word_flags_each_value_listed_after_it() -> None:
    got = _labs("A 70-year-old woman was seen. Bloods showed pancytopenia with WBC 1.1 k/uL, Hb 7.2 g/dL, "
                "platelets 41 k/uL.")
    assert sorted(got) == [("hemoglobin", 7.2, "L"), ("leukocytes", 1.1, "L"), ("platelets", 41.0, "L")]


def test_a_word_right_after_its_value_flags_it() -> None:
    got = _labs("A 33-year-old man was seen. The count showed 88% neutrophilia.")
    assert got == [("neutrophils", 88.0, "H")]


def test_a_change_word_states_the_value_but_no_flag() -> None:
    got = _labs("A 52-year-old man was treated. His CRP level decreased (3.1 mg/dL) and a repeat showed a "
                "decrease in INR to 2.2.")
    assert got == [("c-reactive protein", 3.1, None), ("international normalized ratio", 2.2, None)]


def test_a_change_from_an_earlier_value_is_not_merged() -> None:
    got = _labs("A 29-year-old woman was treated. She had a fall in temperature from 39.1°C to 37.2°C.")
    assert ("body temperature", 39.1, None) in got and ("body temperature", 37.2, None) in got


def test_a_value_with_its_own_interval_flag_is_not_overruled() -> None:
    got = _labs("A 45-year-old man was seen. His ferritin was low at 410 ng/mL (normal 30-400 ng/mL).")
    assert ("ferritin", 410.0, "H") in got


def test_a_compound_word_gives_its_flag_to_the_number_it_names() -> None:
    got = _labs("A 58-year-old man was seen. He had leukocytosis of 18.2 × 10^9/L and hyperkalemia (6.4 mmol/L).")
    assert got == [("leukocytes", 18.2, "H"), ("potassium", 6.4, "H")]


def test_a_positive_result_is_not_negated_by_the_next_clause() -> None:
    course = analyze_text("A 27-year-old woman was seen. Toxoplasma IgG was positive and IgM was negative.",
                          assess=False)
    assert [(lab.test, lab.interpretation) for lab in course.labs][0] == ("Toxoplasma gondii IgG antibodies", "POS")


def test_elevated_inflammatory_markers_name_no_member() -> None:
    got = _labs("A 66-year-old man was seen. Inflammatory markers were elevated, including CRP of 88 mg/L.")
    assert got == [("c-reactive protein", 88.0, None)]



def test_a_change_between_two_times_is_no_low_or_high_result() -> None:
    got = _labs("A 36-year-old woman was treated. Her ferritin and LDH were markedly reduced after the third cycle, "
                "and she had a fall in temperature from 39.4°C to 36.9°C. Her ferritin was increased.")
    assert ("ferritin", None, "L") not in got and ("lactate dehydrogenase", None, "L") not in got
    assert ("body temperature", None, "L") not in got
    assert ("ferritin", None, "H") in got


def test_a_fluids_value_takes_the_result_word_read_as_the_blood_test() -> None:
    got = _labs("A 31-year-old man was admitted. A lumbar puncture showed low glucose (1.2 mmol/L) and a high white "
                "cell count (310 × 10^6/L).")
    assert got == [("cerebrospinal fluid glucose", 1.2, "L"), ("cerebrospinal fluid leukocytes", 310.0, "H")]


def test_methemoglobin_and_an_adverb_after_a_percentage() -> None:
    got = _labs("A 19-year-old woman was seen. Her methaemoglobin was 31.2% initially.")
    assert got == [("methemoglobin", 31.2, None)]


def test_an_abnormality_told_as_it_resolves_is_no_abnormal_result() -> None:
    got = _labs("A 45-year-old man was treated. His fever and neutrophilia resolved after two days.")
    assert got == []


def test_lactic_acidosis_names_the_lactate_it_is_measured_by() -> None:
    got = _labs("A 62-year-old man was seen. He developed lactic acidosis of 8.1 mmol/L.")
    assert got == [("lactate", 8.1, "H")]
