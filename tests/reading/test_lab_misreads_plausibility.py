"""Misread lab values found by the physiological-range scan (benchmarks/scan_courses.py), fixed at their cause.

Invented sentences; each case failed before its fix."""
from __future__ import annotations

import pytest

from casecourse.reading.labs import find_labs


def _values(text: str) -> list[tuple[str | None, float | None, str | None]]:
    return [(m.attrs.get("test"), m.attrs.get("value"), m.attrs.get("ucum")) for m in find_labs(text)
            if m.type == "lab_value"]


@pytest.mark.parametrize(("text", "expected"), [
    # a flattened "10^9/L" whose multiplier sign was lost is the count's unit, not a value of 109
    ("The platelet count recovered to 80,000 109/L.", [("platelets", 80000.0, "10*9/L")]),
    ("The leucocyte count was 14.2 (109/l).", [("leukocytes", 14.2, "10*9/L")]),
    ("A normal platelet count (2.4 \ufffd 109/liter) was found.", [("platelets", 2.4, "10*9/L")]),
    ("Platelets stayed near 31 × 10 ∗ 3/μl.", [("platelets", 31.0, "10*3/uL")]),
])
def test_flattened_multiplier_without_its_sign(text, expected):
    assert [v for v in _values(text) if v[1] is not None] == expected


def test_a_dash_before_a_value_that_cannot_be_negative_is_no_minus_sign():
    assert _values("Chemistry: potassium -3.9 mEq/L, aspartate transaminase -71 U/L.") == [
        ("potassium", 3.9, "meq/L"), ("aspartate aminotransferase", 71.0, "U/L")]
    assert _values("Blood gas: base excess -6.2 mmol/L.") == [("base excess", -6.2, "mmol/L")]
    assert _values("Potassium was −3.9 mEq/L.") == [("potassium", -3.9, "meq/L")]  # a true minus sign stays (marked)


def test_base_excess_abbreviated_is_not_bicarbonate():
    assert _values("Blood gas: HCO3 15 mmol/L, BE -9.1 mmol/L.") == [
        ("bicarbonate", 15.0, "mmol/L"), ("base excess", -9.1, "mmol/L")]


def test_tests_named_in_full_or_abbreviated_are_their_own_tests():
    assert _values("Fibrin/fibrinogen degradation products were 88 µg/mL.")[0][0] == "fibrin degradation products"
    assert _values("Creatinine phosphokinase-MB was 140 U/L.")[0][0] == "creatine kinase mb"
    assert _values("Lactate (3 mmol/L) and N-terminal pro-brain natriuretic peptide (2210 pg/mL) rose.") == [
        ("lactate", 3.0, "mmol/L"), ("nt-probnp", 2210.0, "pg/mL")]


def test_a_value_does_not_pass_back_over_a_test_with_a_value_of_its_own():
    tests = [t for t, _v, _u in _values("Bilirubin (2.9 mg/dl) and LDH (512 mg/dl) rose.")]
    assert tests.count("bilirubin") == 1


def test_a_short_unknown_name_keeps_its_value_from_the_test_before():
    assert [v for v in _values("Ferritin (210 ug/L) and TNF (35 ng/L) were high.") if v[0]] == [
        ("ferritin", 210.0, "ug/L")]


def test_a_normal_value_written_up_to_is_a_reference():
    refs = [m.attrs.get("value") for m in find_labs("Ferritin was 400 ug/L (normal value up to 150 ug/L).")
            if m.type == "lab_reference"]
    assert refs == [150.0]


def test_space_grouped_thousands_in_a_change():
    assert _values("The WBC count fell from 28 000 to 21 000/μL.") == [
        ("leukocytes", 28000.0, "/uL"), ("leukocytes", 21000.0, "/uL")]


def test_blood_listed_as_a_urinalysis_finding_names_no_specimen():
    tests = [t for t, _v, _u in _values("Urinalysis showed nitrites, blood, and 500 mg/dL of glucose.")]
    assert tests == ["urine glucose"]


_SIDE_BY_SIDE = ("Table 1 Laboratory results\nTest\tResult\tRV\tTest\tResult\tRV\n"
                 "Sodium\t128\t135-145 mmol/L\tGlucose\t61\t70-99 mg/dL\n"
                 "Potassium\t5.9\t3.5-5.1 mmol/L\tUrea\t14\t2.5-7.1 mmol/L\n")


def test_tables_side_by_side_and_their_rv_columns():
    from casecourse.reading.lab_tables import find_table_labs

    got = [(m.attrs["test"], m.attrs["value"]) for m in find_table_labs(_SIDE_BY_SIDE)]
    assert got == [("sodium", 128.0), ("glucose", 61.0), ("potassium", 5.9), ("urea", 14.0)]


def test_an_element_symbol_the_catalogue_lacks_keeps_its_value_from_the_test_before():
    got = _values("Results: Na 139 mmol/l, K 4.4 mmol/l, Cl− of 101 mmol/L.")
    assert ("sodium", 4.4, "mmol/L") not in got
    assert ("sodium", 139.0, "mmol/L") in got and ("chloride", 101.0, "mmol/L") in got


def test_a_respectively_list_that_does_not_pair_gives_no_test_to_its_values():
    got = _values("Glucose, urea, creatinin and potassium were 104 mg/dL, 38 mg/dL, 1.9 mg/dL and 4.1 mmol/L, "
                  "respectively.")
    assert [t for t, _v, _u in got if t] == []  # not all four to potassium


def test_a_respectively_list_with_reference_intervals_in_brackets():
    got = _values("Her ferritin and triglycerides were 2210 μg/L (normal range: 13-150 μg/L) and 640 mg/dL (normal "
                  "range: 10-150 mg/dL), respectively.")
    assert got == [("ferritin", 2210.0, "ug/L"), ("triglycerides", 640.0, "mg/dL")]


@pytest.mark.parametrize("text", [
    "Then 40 mmol/L of intravenous potassium was administered.",
    "Potassium supplementation of 20 mmol/L was given.",
    "An isotonic bicarbonate (150 mEq/L) infusion was begun.",
])
def test_a_dose_of_an_electrolyte_given_is_no_lab_value(text):
    assert [t for t, _v, _u in _values(text) if t] == []


def test_a_measured_electrolyte_beside_its_treatment_stays():
    assert _values("Serum potassium was 2.9 mmol/L and oral potassium was started.") == [
        ("potassium", 2.9, "mmol/L")]


def test_a_value_blocked_from_the_tests_before_still_takes_the_test_its_unit_implies():
    got = _values("Vitals were BP 110/70 on dopamine 8 µg/kg, PR 124 bpm, and she was moved.")
    assert ("heart rate", 124.0, "/min") in got
    got = _values("She had tachycardia (138/min) but was not hypotensive (150/95 mmHg).")
    assert ("blood pressure", 150.0, "mm[Hg]") in got


def test_respectively_after_one_test_or_a_group_reads_as_before():
    assert _values("AST and ALT had declined to 61 IU/L and 140 IU/L, respectively.") == [
        ("aspartate aminotransferase", 61.0, "U/L"), ("alanine aminotransferase", 140.0, "U/L")]
    assert _values("The twins had heart rates of 150 bpm and 172 bpm, respectively.") == [
        ("heart rate", 150.0, "/min"), ("heart rate", 172.0, "/min")]


def test_a_table_captioned_with_a_body_fluid_holds_that_fluid_s_tests():
    from casecourse.reading.lab_tables import find_table_labs

    csf = "She was admitted.\nTable 2 Cerebrospinal fluid analysis\nTest\tResult\nGlucose\t31 mg/dL\nWBC count\t180\n"
    assert [m.attrs["test"] for m in find_table_labs(csf)] == [
        "cerebrospinal fluid glucose", "cerebrospinal fluid leukocytes"]
    both = "She was admitted.\nTable 1 Blood and CSF results\nTest\tResult\nGlucose\t31 mg/dL\n"
    assert [m.attrs["test"] for m in find_table_labs(both)] == ["glucose"]


def test_a_plus_grade_is_no_value_of_the_tests_unit():
    graded = [m for m in find_labs("Urinalysis showed protein 2+ and urine protein was (3+).") if m.type == "lab_value"]
    assert [(m.attrs["test"], m.attrs["value"], m.attrs["grade"], m.attrs["interpretation"]) for m in graded] == [
        ("urine protein", None, "3+", "A")]
    # a number with a unit, a sum and a muscle power are no grades
    assert _values("Urine protein was 2.5 g/24 h.") == [("urine protein", 2.5, "g/(24.h)")]
    assert not any(m.attrs.get("grade") for m in find_labs("Power was 4+/5 in the legs; CRP 12+3 mg/L."))


def test_a_graded_result_reaches_the_course_and_fhir_as_written():
    from casecourse.api import analyze_text
    from casecourse.export.fhir import bundle_dict
    from casecourse.rules.fhir_in import bundle_to_course

    course = analyze_text("A 40-year-old woman was admitted with oedema. Her urine protein was 2+.")
    lab = next(x for x in course.labs if x.grade)
    assert (lab.test, lab.value, lab.unit, lab.grade) == ("urine protein", None, None, "2+")
    obs = next(e["resource"] for e in bundle_dict(course)["entry"] if e["resource"].get("valueString") == "2+")
    assert "valueQuantity" not in obs and obs["interpretation"][0]["coding"][0]["code"] == "A"
    assert any(x.grade == "2+" for x in bundle_to_course(bundle_dict(course)).labs)


def test_a_days_collection_weighed_right_after_its_test_is_its_result_not_a_dose():
    from casecourse.api import analyze_text

    def labs(sentence: str) -> list[tuple[str, float | None, str | None]]:
        return [(x.test, x.value, x.unit) for x in analyze_text("A 50-year-old man was admitted. " + sentence).labs]

    assert labs("He had proteinuria of 3.5 g.") == [("urine protein", 3.5, "g")]
    assert labs("The 24-hour urine calcium was 350 mg.") == [("urine calcium", 350.0, "mg")]
    # a dose after a drug stays a dose, even beside the test's name
    course = analyze_text("A 50-year-old man was admitted. His proteinuria improved on methylprednisolone 1 g daily.")
    assert all(x.value is None for x in course.labs) and [e.drug for e in course.exposures] == ["methylprednisolone"]
