"""Round labqa10: laboratory forms set in blocks side by side (rows opening with a label the catalogue does not know, a
block's own reference column), a count's unit after a row's name, thousands grouped by a space before a unit naming
its cells, and tests of their own that were filed under a neighbour (invented tables and sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    course = analyze_text("Case presentation\nA man was admitted with fever.\n" + text, assess=False)
    return [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in course.labs]


# a Japanese-style admission form: three blocks per row, rows opening with a section's name or an empty cell
FORM = (
    "Table 1. Laboratory findings on admission.\n"
    "Hematology\t\tBUN\t\t31\tmg/dL\t\tKL-6\t\t412\tU/mL\t\n"
    "WBC\t\t9,800\t/μL\t\tTP\t\t6.2\tg/dL\t\tSP-D\t\t88.0\tng/mL\t\n"
    "Seg\t\t81.0\t%\t\tCre\t\t1.21\tmg/dL\t\tCRP\t\t12.4\tmg/dL\t\n"
    "Lym\t\t9.5\t%\t\tNa\t\t133\tmEq/L\t\tPCT\t\t0.8\tng/mL\t\n"
    "\t\t\t\t\tK\t\t3.6\tmEq/L\t\t\t\t\t\t\n"
)


def test_blocks_side_by_side_after_a_label_no_table_reads() -> None:
    labs = _labs(FORM)
    # a row opening with a section's name ("Hematology") or an empty cell still has its blocks
    assert ("urea nitrogen", 31.0, "mg/dL", None) in labs
    assert ("potassium", 3.6, "mEq/L", None) in labs
    # the differential and chemistry rows of such forms, abbreviated as the whole label
    assert ("neutrophils", 81.0, "%", None) in labs
    assert ("lymphocytes", 9.5, "%", None) in labs
    assert ("total protein", 6.2, "g/dL", None) in labs
    assert ("creatinine", 1.21, "mg/dL", None) in labs
    # a block whose label the catalogue does not know ("SP-D") is skipped; the blocks after it are read
    assert ("c-reactive protein", 12.4, "mg/dL", None) in labs
    assert ("procalcitonin", 0.8, "ng/mL", None) in labs
    assert not [lab for lab in labs if lab[1] == 88.0]


def test_a_unit_word_no_table_reads_ends_its_block_only() -> None:
    labs = _labs("Table 2. Laboratory data.\n"
                 "APTT\t41.3\tsecond\tBUN\t27\tmg/dL\t\n"
                 "PT (INR)\t1.42\t\tAlb\t3.1\tg/dL\t\n")
    assert ("urea nitrogen", 27.0, "mg/dL", None) in labs
    assert ("albumin", 3.1, "g/dL", None) in labs
    # "PT (INR)": the prothrombin time reported as its ratio
    assert ("international normalized ratio", 1.42, None, None) in labs
    assert not [lab for lab in labs if lab[0] == "prothrombin time"]


def test_a_side_blocks_own_reference_column_gives_unit_and_flag() -> None:
    labs = _labs("Table 3. Laboratory results.\n"
                 "\t\tRV\t\t\tRV\t\n"
                 "Bands\t2\t1-5%\tALT\t71\t9-36 U/L\t\n"
                 "Hemoglobin\t10.1\t12.3-15.3 g/dL\tSodium\t128\t136-146 mEq/L\t\n"
                 "Hematocrit\t31.0\t36.0-45.0%\tPotassium\t5.9\t3.5-5.0 mEq/L\t\n")
    assert ("alanine aminotransferase", 71.0, "U/L", "H") in labs
    assert ("sodium", 128.0, "mEq/L", "L") in labs
    assert ("hemoglobin", 10.1, "g/dL", "L") in labs
    assert ("potassium", 5.9, "mEq/L", "H") in labs


def test_a_counts_unit_after_the_row_name_without_comma() -> None:
    labs = _labs("Table 4. Blood counts.\n"
                 "Test\tReference\tDay 1\tDay 5\t\n"
                 "Leukocytes × 109/L\t4.0–11.0\t21.4\t3.2\t\n"
                 "Hemoglobin × 1012/L\t115–165\t101\t96\t\n")
    assert ("leukocytes", 21.4, "× 109/L", "H") in labs
    assert ("leukocytes", 3.2, "× 109/L", "L") in labs
    # a count's unit under a concentration (the table's slip) is not given to the haemoglobin
    assert ("hemoglobin", 101.0, None, "L") in labs


def test_thousands_grouped_by_a_space_before_a_unit_naming_its_cells() -> None:
    labs = _labs("Liver tests were deranged (bilirubin 4 mg/dL, 59 000 platelets/μl, prothrombin 38%).")
    assert ("platelets", 59000.0, "platelets/μl", None) in labs
    assert not [lab for lab in labs if lab[1] == 0.0 or lab[1] == 59.0]


def test_tests_of_their_own_not_their_neighbours() -> None:
    labs = _labs("Work-up showed a suppressed PTH at 7 pg/ml, a 25-OH-vitamin D level of 14 ng/ml and a PTH-related "
                 "peptide level of 0.7 pmol/l. Total iron-binding capacity was 410 ug/dL. Direct serum bilirubin was "
                 "6 mg/dL. Central venous oxygen saturation was 52% and mixed venous oxygen saturation 49%. The "
                 "alkaline phosphate was 412 IU/L.")
    assert ("parathyroid hormone", 7.0, "pg/ml", "L") in labs or ("parathyroid hormone", 7.0, "pg/ml", None) in labs
    assert ("25-hydroxyvitamin d", 14.0, "ng/ml", None) in labs
    assert ("parathyroid hormone-related peptide", 0.7, "pmol/l", None) in labs
    assert ("total iron binding capacity", 410.0, "ug/dL", None) in labs
    assert ("direct bilirubin", 6.0, "mg/dL", None) in labs
    assert ("central venous oxygen saturation", 52.0, "%", None) in labs
    assert ("mixed venous oxygen saturation", 49.0, "%", None) in labs
    assert ("alkaline phosphatase", 412.0, "IU/L", None) in labs
    trab = _labs("Thyrotrophin receptor antibody was 5.1 IU/L.")
    assert ("thyrotropin receptor antibodies", 5.1, "IU/L", None) in trab
    assert not [lab for lab in labs if lab[0] in ("oxygen saturation", "phosphate", "iron")]


def test_up_to_in_brackets_after_a_result_is_its_upper_limit() -> None:
    labs = _labs("Serum creatinine was 230 μmol/l (up to 110 μmol/l) and CSF protein 180 mg/dl (up to 45).")
    assert ("creatinine", 230.0, "μmol/l", "H") in labs
    assert not [lab for lab in labs if lab[1] == 110.0]
    assert [lab for lab in labs if lab[1] == 180.0][0][3] == "H"
    # after a word, "up to" states a peak: "fever (up to 39.6 °C)" is a measured temperature
    assert ("body temperature", 39.6, "°C", None) in _labs("She had a spiking fever (up to 39.6 °C) with chills.")


def test_a_target_raised_to_a_range_is_no_result() -> None:
    labs = _labs("His target tacrolimus trough level was increased to 10 to 12 ng/ml. His tacrolimus trough level was "
                 "7.9 ng/ml a week later.")
    assert [(lab[0], lab[1]) for lab in labs if lab[0] == "tacrolimus level"] == [("tacrolimus level", 7.9)]


def test_a_side_label_opening_with_a_units_letter_is_no_unit_cell() -> None:
    # "C. pneumoniae IgA" opens with "C" (°C): still a label of its own, whose "negative" is no result of the AST
    labs = _labs("Table 5. Laboratory data.\n"
                 "WBC\t8,100\t/μL\tAST\t64\tU/L\tC. pneumoniae IgA\tnegative\t\n"
                 "Hb\t12.2\tg/dL\tALT\t71\tU/L\tC. pneumoniae IgM\tnegative\t\n")
    assert ("aspartate aminotransferase", 64.0, "U/L", None) in labs
    assert not [lab for lab in labs if lab[3] == "NEG" and lab[0] in ("aspartate aminotransferase",
                                                                     "alanine aminotransferase")]


def test_a_lone_digit_after_a_rows_name_names_a_subclass() -> None:
    labs = _labs("Table 6. Laboratory data.\n"
                 "TSH\t2.1\tμIU/mL\t\tIgG 4\t5.2\tmg/dL\t\n"
                 "Cortisol\t14.0\tμg/dL\t\tIgA\t212\tmg/dL\t\n")
    assert not [lab for lab in labs if lab[0] == "immunoglobulin g"]
    assert ("immunoglobulin a", 212.0, "mg/dL", None) in labs


def test_arrowhead_comparators() -> None:
    # "˂" and "˃" (U+02C2, U+02C3), which some typesetting gives for "<" and ">"
    labs = _labs("C-reactive protein was 38.1 mg/dL (reference range ˂ 0.5 mg/dL). Ferritin was ˃1500 ng/mL.")
    assert ("c-reactive protein", 38.1, "mg/dL", "H") in labs
    course = analyze_text("Case presentation\nFerritin was ˃1500 ng/mL.", assess=False)
    assert [(lab.comparator, lab.value) for lab in course.labs] == [(">", 1500.0)]


def test_a_blood_row_in_a_csf_table_stays_the_bloods() -> None:
    labs = _labs("Table 3. Cerebrospinal fluid analysis.\n"
                 "\tDay 1\tDay 9\t\n"
                 "CSF glucose (mmol/L)\t1.8\t3.9\t\n"
                 "Plasma glucose (mmol/L)\t8.4\t6.2\t\n"
                 "Protein (g/L)\t2.1\t0.9\t\n")
    assert ("cerebrospinal fluid glucose", 1.8, "mmol/L", None) in labs
    assert ("glucose", 8.4, "mmol/L", None) in labs
    assert not [lab for lab in labs if lab[0] == "cerebrospinal fluid glucose" and lab[1] in (8.4, 6.2)]


def test_cells_a_count_is_taken_per_are_no_result() -> None:
    labs = _labs("The pp65 antigen assay (31/200,000 white blood cells) rose as well. The smear showed 41 "
                 "parasites per 500 erythrocytes, a parasitemia of 8.2%.")
    assert not [lab for lab in labs if lab[0] in ("leukocytes", "erythrocytes")]
    # a diastolic pressure before the next vital sign is no denominator
    assert ("heart rate", 96.0, None, None) in _labs("Blood pressure was 150/91, pulse was 96.")


def test_a_pair_of_shares_in_a_cell_is_no_count() -> None:
    labs = _labs("Table 7. Cerebrospinal fluid analysis.\n"
                 "\tDay 1\tDay 8\t\n"
                 "WBC count (/mm3)\t1460\t210\t\n"
                 "WBC distribution (L/N)\t20/80\t65/35\t\n")
    assert [lab[1] for lab in labs if lab[0] == "cerebrospinal fluid leukocytes"] == [1460.0, 210.0]
