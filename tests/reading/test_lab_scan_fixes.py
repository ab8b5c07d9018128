"""Units, salts and vital signs that a plausibility scan of real reports found misread (invented sentences)."""
from __future__ import annotations

from casecourse.reading.labs import find_labs


def _values(text: str) -> list[tuple[str | None, float | None, str | None]]:
    """(test, value, UCUM unit) of each value read as a result."""
    return [(m.attrs.get("test"), m.attrs.get("value"), m.attrs.get("ucum")) for m in find_labs(text)
            if m.type == "lab_value"]


def test_temperatures_in_the_units_reports_write() -> None:
    assert _values("Her temperature was 39.1 ℃.") == [("body temperature", 39.1, "Cel")]
    assert _values("His temperature was 35.2 degrees Celsius.") == [("body temperature", 35.2, "Cel")]
    assert _values("Body temperature was 38.4C on arrival.") == [("body temperature", 38.4, "Cel")]
    assert _values("She was febrile to 102.2 F.") == [("body temperature", 102.2, "[degF]")]
    assert _values("Stage 4 C disease was found.") == []  # a bare letter alone is no degree


def test_activity_and_rate_units_spelled_out() -> None:
    assert _values("ALP 212 units/L, ALT 48 units/L.") == [("alkaline phosphatase", 212.0, "U/L"),
                                                           ("alanine aminotransferase", 48.0, "U/L")]
    assert _values("The heart rate was 128 b.p.m.") == [("heart rate", 128.0, "/min")]


def test_a_unit_written_after_the_reference_interval_is_the_values() -> None:
    assert ("c4", 0.05, "g/L") in _values("Complement C4 was low at 0.05 (normal 0.1–0.4) g/L.")


def test_a_number_no_vital_sign_can_be_is_none() -> None:
    assert _values("She relapsed and was treated on the AIEOP HR 2009 protocol.") == []
    assert _values("Pulse 134, respiratory rate 28.") == [("heart rate", 134.0, None), ("respiratory rate", 28.0, None)]


def test_a_drugs_salt_is_no_electrolyte_result() -> None:
    assert _values("He took mycophenolate sodium 720 mg twice daily and heparin sodium 5000 IU.") == []
    assert _values("Potassium chloride 40 mEq was given; serum potassium rose to 3.9 mmol/L.") == [
        ("potassium", 3.9, "mmol/L")]
    assert _values("Sodium 131 mmol/L and potassium 3.1 mmol/L.") == [("sodium", 131.0, "mmol/L"),
                                                                    ("potassium", 3.1, "mmol/L")]


def test_giga_and_tera_counts_per_litre_are_counts_not_grams() -> None:
    assert _values("Creatinine 240 µmol/L, white cell count 15 G/L, platelets 78 G/l, erythrocytes 3.1 T/L.") == [
        ("creatinine", 240.0, "umol/L"), ("leukocytes", 15.0, "10*9/L"), ("platelets", 78.0, "10*9/L"),
        ("erythrocytes", 3.1, "10*12/L")]


def test_a_name_the_catalogue_lacks_before_a_bracketed_value_keeps_it_from_the_earlier_test() -> None:
    got = _values("Ferritin (410 µg/L), neopterin (28 nmol/L).")
    assert got[0] == ("ferritin", 410.0, "ug/L") and got[1][0] is None


def test_a_point_groups_thousands_in_a_count_per_microlitre() -> None:
    assert _values("The platelet count fell to 22.000/mm3 and leukocytes were 15.340/µL.") == [
        ("platelets", 22000.0, "/mm3"), ("leukocytes", 15340.0, "/uL")]
    assert _values("WBC 7.15/uL.") == [("leukocytes", 7.15, "/uL")]  # two decimals: a decimal point
    assert _values("The white cell count was 8.130/uL.") == [("leukocytes", 8130.0, "/uL")]  # exactly, not 8130.000..1


def test_a_flattened_multiplier_after_an_interval_is_no_value() -> None:
    assert all(v != 109.0 for _t, v, _u in _values("Leukocytes were low (2.8 [normal 4.0-10.0] × 109/L)."))


def test_a_capital_g_that_no_count_takes_is_grams() -> None:
    assert _values("Haemoglobin was 60 G/L.") == [("hemoglobin", 60.0, "g/L")]
    assert _values("Red blood count 2.4 × 1012/L.") == [("erythrocytes", 2.4, "10*12/L")]


def test_a_bound_alone_in_brackets_in_the_results_unit_is_its_reference_not_a_second_result() -> None:
    assert _values("Procalcitonin was 12.4 ng/mL (<0.5 ng/mL).") == [("procalcitonin", 12.4, "ng/mL")]
