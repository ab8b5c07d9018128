"""A diagnosis restated by its head word is the diagnosis told before (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\n" + text).conditions}


def test_a_confirmed_diagnosis_restated_by_its_head_is_one_condition() -> None:
    got = _conditions("A 40-year-old man was diagnosed with miliary tuberculosis. Sputum PCR confirmed tuberculosis, "
                      "and he was treated for tuberculosis for nine months.")
    assert got == {"miliary tuberculosis": "confirmed"}


def test_a_head_that_restates_two_diagnoses_names_neither() -> None:
    got = _conditions("She had septic shock from pneumonia and later cardiogenic shock from myocarditis. "
                      "Shock persisted for two days.")
    assert {"septic shock", "cardiogenic shock", "shock"} <= set(got)


def test_a_head_word_does_not_restate_a_diagnosis_only_suspected() -> None:
    got = _conditions("Bacterial meningitis was suspected. Meningitis was confirmed by lumbar puncture.")
    assert got.get("meningitis") == "confirmed"
    assert got.get("bacterial meningitis") == "provisional"


def test_a_new_one_of_the_same_kind_is_not_restated() -> None:
    got = _conditions("He was treated for a perianal abscess in 2019. In 2021 he developed an abscess of the thigh.")
    assert {"perianal abscess", "abscess"} <= set(got)


def test_a_general_head_without_an_article_restates_nothing() -> None:
    got = _conditions("He had HIV infection diagnosed in 2015. In 2020 he developed a line-related bloodstream "
                      "infection.")
    assert {"hiv infection", "infection"} <= set(got)


def test_a_head_qualified_by_another_word_is_another_diagnosis() -> None:
    got = _conditions("She was admitted with septic shock. After the bleed she developed hemorrhagic shock.")
    assert "septic shock" in got and len(got) >= 2


def test_a_diagnosis_that_names_a_group_of_other_people_is_not_the_patients() -> None:
    got = _conditions("On day 6 she received convalescent plasma from donors who had recovered, obtained from cured "
                      "COVID-19 patients. She had worked with tuberculosis patients.")
    assert "covid-19" not in got and "tuberculosis" not in got


def test_an_imaging_protocol_named_after_a_disease_is_no_diagnosis() -> None:
    got = _conditions("A 60-year-old man had leg swelling. A DVT protocol CT was not performed.")
    assert "deep vein thrombosis" not in got
    got = _conditions("On admission the DKA protocol was started.")
    assert "diabetic ketoacidosis" in got


def test_the_diagnosis_of_a_head_word_restates_the_one_told_before() -> None:
    got = _conditions("A 20-year-old woman had a right ovarian teratoma on ultrasound. The pathology report confirmed "
                      "the diagnosis of a teratoma containing nerve tissue.")
    assert "teratoma" not in got and got.get("ovarian teratoma") == "confirmed"
