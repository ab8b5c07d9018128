"""Round labqa9: a table row's unit between its name and bracketed interval, pulmonary pressures and iron saturation as
tests of their own, an antibody clone that is no value, a result word right before its serology (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    course = analyze_text("Case presentation\nA woman was admitted.\n" + text, assess=False)
    return [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in course.labs]


def test_table_label_unit_before_the_bracketed_interval() -> None:
    labs = _labs("Table 1. Laboratory data\nTest\tDay 1\tDay 3\n"
                 "Hemoglobin, g/dL (12-16)\t17.1\t8.2\n"
                 "Potassium, mmol/L (3.5-5.1)\t4.0\t6.3\n"
                 "Creatine kinase IU/L (50-250)\t3,100\t120\n")
    assert ("hemoglobin", 17.1, "g/dL", "H") in labs
    assert ("hemoglobin", 8.2, "g/dL", "L") in labs
    assert ("potassium", 6.3, "mmol/L", "H") in labs
    assert ("creatine kinase", 3100.0, "IU/L", "H") in labs
    assert ("creatine kinase", 120.0, "IU/L", "N") in labs


def test_pulmonary_pressures_are_no_arterial_blood_pressure() -> None:
    labs = _labs("Right heart catheterization showed a mean pulmonary arterial pressure of 41 mm Hg and a pulmonary "
                 "capillary wedge pressure of 12 mm Hg.")
    assert ("pulmonary artery pressure", 41.0, "mm Hg", None) in labs
    assert ("pulmonary capillary wedge pressure", 12.0, "mm Hg", None) in labs
    assert not [lab for lab in labs if lab[0] == "blood pressure"]


def test_iron_saturation_is_the_transferrin_saturation() -> None:
    labs = _labs("Serum ferritin was 950 ng/mL and iron saturation 87% (15-55).")
    assert ("transferrin saturation", 87.0, "%", "H") in labs
    assert not [lab for lab in labs if lab[0] == "oxygen saturation"]


def test_an_antibody_clone_is_no_value() -> None:
    labs = _labs("The tumour cells were focally positive for cytokeratin 34BE12.")
    assert not [lab for lab in labs if lab[1] is not None]


def test_a_result_word_right_before_a_serology_is_its_own() -> None:
    labs = _labs("Serology showed nonreactive hepatitis A IgM antibodies and reactive hepatitis A IgG antibodies.")
    assert ("hepatitis A virus IgM antibodies", None, None, "NEG") in labs
    assert ("hepatitis A virus IgG antibodies", None, None, "POS") in labs
    assert ("hepatitis A virus IgM antibodies", None, None, "POS") not in labs


def test_a_pressure_gradient_and_the_right_atrial_pressure_are_no_pulmonary_pressure() -> None:
    labs = _labs("The pulmonary artery systolic pressure of 48 mm Hg was the tricuspid regurgitation gradient of "
                 "40 mm Hg plus a mean right atrial pressure of 8 mm Hg.")
    assert ("pulmonary artery pressure", 48.0, "mm Hg", None) in labs
    assert ("right atrial pressure", 8.0, "mm Hg", None) in labs
    assert not [lab for lab in labs if lab[1] == 40.0]


def test_a_gradient_row_of_a_table_names_no_test() -> None:
    labs = _labs("Table 2. Blood gases\nTest\tDay 1\tDay 2\nPaO2 (mmHg)\t61\t74\nA-a gradient\t410\t380\n")
    assert ("po2", 61.0, "mmHg", None) in labs
    assert not [lab for lab in labs if "gradient" in lab[0]]


def test_a_degree_sign_before_the_unit_name_and_mm_of_hg() -> None:
    labs = _labs("On arrival her temperature was 38.9 ° Celsius and her blood pressure was 150/95 mm of Hg.")
    assert ("body temperature", 38.9, "° Celsius", None) in labs
    assert ("blood pressure", 150.0, "mm of Hg", None) in labs


def test_a_bound_on_a_blood_pressure_keeps_its_comparator() -> None:
    course = analyze_text("Case presentation\nHis blood pressure stayed above 170/105 mmHg for two days.", assess=False)
    assert [(lab.test, lab.value, lab.comparator) for lab in course.labs] == [("blood pressure", 170.0, ">")]


def test_a_negative_test_read_by_two_readers_still_rules_out_its_infection() -> None:
    course = analyze_text("Case presentation\nA 30-year-old man had fever. He had a negative urine culture and a "
                          "negative HIV test.")
    assert ("hiv infection", "refuted") in [(c.name, c.status) for c in course.conditions]


def test_a_table_row_of_an_antibody_to_a_virus_is_no_total_immunoglobulin() -> None:
    labs = _labs("Table 3. Serology\nTest\tDay 2\tDay 9\nAnti-VZV IgM\tNegative\tPositive\nIgM (mg/dL)\t80\t95\n")
    assert ("immunoglobulin m", 80.0, "mg/dL", None) in labs
    assert not [lab for lab in labs if lab[0] == "immunoglobulin m" and lab[1] is None]
