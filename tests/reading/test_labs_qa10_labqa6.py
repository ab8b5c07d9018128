"""Round labqa6: a degree typed as the letter o, weight changes, incubation temperatures, results set apart by
"except" (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(sentence: str) -> list[tuple[str, float | None, str | None]]:
    course = analyze_text("Case presentation\n" + sentence, assess=False)
    return [(lab.test, lab.value, lab.interpretation) for lab in course.labs]


def _units(sentence: str) -> list[tuple[str, float | None, str | None]]:
    course = analyze_text("Case presentation\n" + sentence, assess=False)
    return [(lab.test, lab.value, lab.unit) for lab in course.labs]


def test_a_degree_typed_as_the_letter_o_is_celsius() -> None:
    assert _units("On the third morning his temperature was 36.9 oC.") == [("body temperature", 36.9, "oC")]
    assert _units("She had stopped her OC 2 years ago.") == []


def test_a_weight_change_is_no_body_weight() -> None:
    assert _labs("By the sixth week he had lost 9.5 kg despite eating well.") == []
    assert _labs("Her weight was 64 kg at booking and she has gained 3 kg since.") == [("body weight", 64.0, None)]
    assert _labs("He reported 8 kg of weight loss over two months.") == []


def test_an_incubation_temperature_is_no_body_temperature() -> None:
    assert _labs("The isolate grew on chocolate agar after 72 h of incubation at 35 °C.") == []
    assert _labs("Colonies appeared on Sabouraud agar incubated for 5 days at 30 °C.") == []
    assert _labs("After incubation of the sample her temperature rose to 39.1 °C.") == \
        [("body temperature", 39.1, None)]


def test_tests_set_apart_by_except_take_no_result_said_before() -> None:
    labs = _labs("Viral serologies for HIV and hepatitis C were negative, except for hepatitis B core antibodies.")
    assert ("hepatitis B virus antibodies", None, "NEG") not in labs
    assert ("hiv serology", None, "NEG") in labs
    labs = _labs("Electrolytes were within normal limits other than potassium.")
    assert ("potassium", None, "N") not in labs
    assert ("sodium", None, "N") in labs


def test_total_thyroid_hormones_and_name_variants() -> None:
    labs = _labs("Her thyroid tests showed raised triiodothyronine (9.8 pg/mL; range, 2.8–5.3 pg/mL) and "
                 "tetraiodothyronine (19.1 ug/dL; range, 5.5–11.0 ug/dL).")
    assert ("total triiodothyronine", 9.8, "H") in labs and ("total thyroxine", 19.1, "H") in labs
    assert _labs("Free triiodothyronine was 6.2 pg/mL.") == [("free triiodothyronine", 6.2, None)]
    assert _labs("Her pro-calcitonin was 4.2 ng/mL and glutamic oxalacetic transaminase 310 U/L.") == \
        [("procalcitonin", 4.2, None), ("aspartate aminotransferase", 310.0, None)]


def test_a_level_said_of_both_tests_after_it() -> None:
    assert _labs("Tests showed elevated levels of both ALT and AST.") == \
        [("alanine aminotransferase", None, "H"), ("aspartate aminotransferase", None, "H")]


def test_tests_with_their_short_forms_share_the_level_after_them() -> None:
    assert _labs("Her aspartate aminotransferase (AST) and alanine aminotransferase (ALT) were elevated.") == \
        [("alanine aminotransferase", None, "H"), ("aspartate aminotransferase", None, "H")]
    # a bracket of values closing after a test joins it to no later test
    labs = _labs("The white cell count was normal (7.9 K/uL, 81% neutrophils) and the ferritin was elevated.")
    assert ("neutrophils", None, "H") not in labs and ("ferritin", None, "H") in labs


def test_thrombin_time_is_a_test_of_its_own() -> None:
    assert _labs("Coagulation showed a prolonged aPTT and thrombin time.") == \
        [("activated partial thromboplastin time", None, "H"), ("thrombin time", None, "H")]


def test_a_level_after_a_comma_closing_a_list_of_valued_tests() -> None:
    assert _labs("Electrolytes, including sodium (141 mEq/L) and potassium (4.1 mEq/L), were normal.") == \
        [("sodium", 141.0, "N"), ("potassium", 4.1, "N")]
    # a comma before another test's level word: not said of the value before it
    labs = _labs("The potassium (3.8 mEq/L), normal calcium and high phosphate were noted.")
    assert ("potassium", 3.8, None) in labs


def test_an_electrolyte_adjective_states_the_level_of_its_value() -> None:
    assert _labs("On admission he was hypokalaemic at 2.7 mmol/L.") == [("potassium", 2.7, "L")]
    assert _labs("She remained hypercalcemic despite hydration.") == [("calcium", None, "H")]
    assert _labs("He takes oral hypoglycemic agents.") == []


def test_counted_cultures_and_name_variants() -> None:
    assert _labs("All four cultures were positive for Enterococcus faecalis.") == [("culture", None, "POS")]
    assert _labs("Her aspartate amino transferase was 45 IU/L.") == [("aspartate aminotransferase", 45.0, None)]
    assert ("anca", None, "NEG") in _labs("Anti-neutrophilic cytoplasmic antibodies were negative.")


def test_normal_and_reference_value_labels_open_an_interval() -> None:
    assert _labs("Total bilirubin was 2.3 mg/dL (NV < 1.2).") == [("bilirubin", 2.3, "H")]
    assert _labs("Creatinine was 1.9 mg/dL (RV 0.6-1.2 mg/dL).") == [("creatinine", 1.9, "H")]


def test_a_rate_unit_names_its_test() -> None:
    assert _labs("The respiratory and pulse rates were 22 breaths/min and 104 beats/min respectively.") == \
        [("respiratory rate", 22.0, None), ("heart rate", 104.0, None)]


def test_range_alone_labels_the_interval_of_a_unitless_result() -> None:
    assert _units("The panel showed a sodium level of 129 (range, 136–145 mmol/L).") == [("sodium", 129.0, "mmol/L")]
    assert _labs("The panel showed a sodium level of 129 (range, 136–145 mmol/L).") == [("sodium", 129.0, "L")]
    assert _labs("The median time to relapse was 23.6 (range, 9–42) months.") == []


def test_bpm_names_no_test_of_its_own() -> None:
    assert _labs("She had a heart rate of 82 bpm and a respiratory rate of 18 bpm.") == \
        [("heart rate", 82.0, None), ("respiratory rate", 18.0, None)]


def test_a_result_word_before_the_next_tests_is_theirs() -> None:
    labs = _labs("Tests showed negative ANCA and antistreptolysin O (ASO) antibody titers, normal C3 and C4 levels.")
    assert ("anca", None, "N") not in labs and ("anca", None, "NEG") in labs
    assert ("c3", None, "N") in labs and ("c4", None, "N") in labs


def test_a_partial_thrombin_time_is_the_aptt() -> None:
    assert _labs("The partial thrombin time was 61 s.") == [("activated partial thromboplastin time", 61.0, None)]


def test_a_table_label_states_the_interval_and_unit_of_its_row() -> None:
    text = ("Case presentation\nA man was admitted with weakness.\n\nTable 1 Laboratory values\n"
            "Test\tAdmission\tDay 3\nPotassium (3.5-5.0 mEq/L)\t5.9\t4.1\nINR (0.8-1.2)\t1.9\t1.1\n")
    got = [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in analyze_text(text, assess=False).labs]
    assert got == [("potassium", 5.9, "mEq/L", "H"), ("potassium", 4.1, "mEq/L", "N"),
                   ("international normalized ratio", 1.9, None, "H"),
                   ("international normalized ratio", 1.1, None, "N")]


def test_a_table_headed_by_a_fluid_files_its_values_under_that_fluid() -> None:
    text = ("Case presentation\nA lumbar puncture was done.\n\n"
            "CSF findings\tDay 2\tDay 9\nGlucose (40–80 mg/dL)\t95 mg/dL\t60 mg/dL\n")
    got = [(lab.test, lab.value, lab.interpretation) for lab in analyze_text(text, assess=False).labs]
    assert got == [("cerebrospinal fluid glucose", 95.0, "H"), ("cerebrospinal fluid glucose", 60.0, "N")]


def test_a_relatives_result_is_not_the_patients() -> None:
    assert _labs("His brother had a ferritin of 1200 ng/mL.") == []
    assert _labs("Her mother's ANA was positive.") == []
    assert _labs("The donor was CMV IgG positive and the recipient was CMV IgG negative.") == \
        [("cytomegalovirus IgG antibodies", None, "NEG")]
    assert _labs("Relative lymphocytosis was noted.") == [("lymphocytes", None, "H")]


def test_a_panel_said_abnormal_gives_its_level_to_the_members_it_names_with_values() -> None:
    assert _labs("Labs showed high inflammatory markers: CRP 182 mg/L, ESR 90 mm/h.") == \
        [("c-reactive protein", 182.0, "H"), ("erythrocyte sedimentation rate", 90.0, "H")]
    assert _labs("Labs showed deranged liver function tests.") == []
