"""Lab facts in the course: one measurement written in two units is one result."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text


def test_a_value_restated_in_another_unit_is_one_result() -> None:
    course = analyze_text("A 30-year-old woman had a temperature of 104 °F (40 °C) and haemoglobin 9 g/dL (90 g/L).",
                          assess=False)
    got = [(lab.test, lab.value, lab.unit) for lab in course.labs]
    assert ("body temperature", 104.0, "°F") in got and ("hemoglobin", 9.0, "g/dL") in got
    assert not any(unit in ("°C", "g/L") for _, _, unit in got)


def test_two_different_values_in_another_unit_are_both_kept() -> None:
    course = analyze_text("A 30-year-old woman had haemoglobin 9 g/dL (later 70 g/L).", assess=False)
    assert sorted(lab.value for lab in course.labs if lab.test == "hemoglobin") == [9.0, 70.0]


def test_a_qualitative_result_read_twice_in_one_sentence_is_one_fact() -> None:
    course = analyze_text("A 40-year-old woman was admitted. ANA were positive, together with anti-RNP and anti-Sm "
                          "antibodies.", assess=False)
    got = [(lab.test, lab.interpretation) for lab in course.labs]
    assert got.count(("antinuclear antibodies", "POS")) == 1
    assert got.count(("anti-sm antibodies", "POS")) == 1
    assert got.count(("anti-rnp antibodies", "POS")) == 1


def test_a_condition_coded_from_an_icd_title_keeps_the_written_name() -> None:
    course = analyze_text("A 62-year-old man with coronary artery disease presented with dyspnea.", assess=False)
    cad = [c for c in course.conditions if any(k.system.endswith("icd-10-cm") for k in c.codings)
           and "coronary" in c.name]
    assert cad and cad[0].name == "coronary artery disease"
    assert all(k.display for k in cad[0].codings)


def test_a_word_too_vague_alone_stays_a_mention_but_is_not_a_course_finding() -> None:
    from casecourse.reading.pipeline import read

    text = "A 50-year-old man presented with jaundice. Imaging showed involvement of the liver. He was afebrile."
    mentions = {m.text.lower() for m in read(text).mentions if m.type == "finding"}
    assert "afebrile" in mentions or "involvement" in mentions
    names = {f.name.lower() for f in analyze_text(text, assess=False).findings}
    assert "jaundice" in names and "afebrile" not in names and "involvement" not in names


def test_a_result_word_in_parentheses_after_a_value_flags_it() -> None:
    course = analyze_text("A 30-year-old woman had an LDH of 790 U/L (elevated) and haptoglobin at 110 mg/dL (normal).",
                          assess=False)
    got = {(lab.test, lab.value, lab.interpretation) for lab in course.labs}
    assert ("lactate dehydrogenase", 790.0, "H") in got and ("haptoglobin", 110.0, "N") in got


def test_two_tests_of_one_code_named_differently_are_two_results() -> None:
    course = analyze_text("A 30-year-old woman was admitted. Antinuclear antibody (ANA), ANA profile and rheumatoid "
                          "factor were negative.", assess=False)
    written = [lab.test_text for lab in course.labs if lab.test == "antinuclear antibodies"]
    assert len(written) == 2


@pytest.mark.parametrize("sentence", [
    "She had no hepatomegaly and a ferritin of 2300 ng/mL.",
    "Without transfusion, her hemoglobin fell to 6.2 g/dL.",
])
def test_a_measured_value_is_never_made_negative_by_a_cue_of_its_sentence(sentence: str) -> None:
    labs = [lab for lab in analyze_text("Case presentation\n" + sentence).labs if lab.value is not None]
    assert len(labs) == 1 and labs[0].interpretation != "NEG"
