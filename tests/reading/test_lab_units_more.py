"""Units a value keeps instead of being read bare: molar shorthand ("45 nM", "80 µM"), the IFCC HbA1c unit
(mmol/mol, never converted to a percentage), anticardiolipin GPL/MPL units, specific enzyme activities per mg of
protein, units spelled out ("milligrams per deciliter", "times/min") and counts whose unit names the cells
("× 10^3 platelets per microliter"). Sentences are invented."""
from casecourse.reading.labs import find_labs
from casecourse.units import lookup_unit


def _values(text: str) -> dict[str, dict]:
    return {m.text: {"test": m.norm, **m.attrs} for m in find_labs(text) if m.type == "lab_value"}


def test_molar_shorthand_is_a_concentration_in_its_written_case_only() -> None:
    vals = _values("Serum lactate was 7.2 mM and ammonia 95 µM; the drug level reached 310 nM.")
    assert vals["7.2 mM"]["test"] == "lactate" and vals["7.2 mM"]["ucum"] == "mmol/L"
    assert vals["95 µM"]["test"] == "ammonia" and vals["95 µM"]["value_si"] == 95.0
    assert vals["310 nM"]["ucum"] == "nmol/L"
    assert lookup_unit("mm").kind == "length"  # lower case stays a millimetre
    assert lookup_unit("nm") is None


def test_ifcc_hba1c_keeps_its_unit_and_is_not_converted() -> None:
    vals = _values("Her HbA1c was 64 mmol/mol (8.0%).")
    ifcc = vals["64 mmol/mol"]
    assert ifcc["test"] == "hemoglobin a1c" and ifcc["ucum"] == "mmol/mol"
    assert ifcc["value_si"] is None  # 64 mmol/mol is not 6.4 %
    assert vals["8.0%"]["value_si"] == 8.0


def test_anticardiolipin_units_fit_the_antibody_not_total_igg() -> None:
    vals = _values("Anticardiolipin IgG was 38 GPL and IgM 9 MPL.")
    assert vals["38 GPL"]["test"] == "anticardiolipin antibodies"
    assert vals["9 MPL"]["test"] == "anticardiolipin antibodies"


def test_specific_enzyme_activity_is_a_result_on_its_own() -> None:
    vals = _values("Leukocyte enzyme testing showed an activity of 4 nmol/h/mg protein and 850 nmol/mg protein.")
    assert vals["4 nmol/h/mg protein"]["ucum"] == "nmol/h/mg{protein}"
    assert "850 nmol/mg protein" in vals


def test_units_spelled_out() -> None:
    vals = _values("Glucose was 310 milligrams per deciliter; respiratory rate 24 times/min.")
    assert vals["310 milligrams per deciliter"]["ucum"] == "mg/dL"
    assert vals["24 times/min"]["test"] == "respiratory rate"


def test_count_whose_unit_names_the_cells_takes_that_test() -> None:
    vals = _values("The white cell count was 5.1×103 cells per microliter and there were 88×103 platelets per "
                   "microliter.")
    assert vals["5.1×103 cells per microliter"]["test"] == "leukocytes"
    assert vals["88×103 platelets per microliter"]["test"] == "platelets"
    assert vals["88×103 platelets per microliter"]["value_si"] == 88.0


def test_multiple_of_the_upper_limit_of_normal_is_a_value_never_converted() -> None:
    vals = _values("Lipase was 4 times the upper limit of normal; ALT was 15 x ULN.")
    uln = vals["4 times the upper limit of normal"]
    assert uln["test"] == "lipase" and uln["ucum"] == "{ULN}" and uln["value"] == 4.0 and uln["value_si"] is None
    assert vals["15 x ULN"]["test"] == "alanine aminotransferase"


def test_a_number_is_never_cut_out_of_a_longer_one() -> None:
    vals = _values("Creatine kinase rose 30-fold within two days.")
    assert not any(v["value"] == 3.0 for v in vals.values())


def test_respiratory_rate_abbreviation_in_a_list_is_no_reference_range() -> None:
    labs = find_labs("Vital signs: HR 104, RR 26, SpO2 93%.")
    rr = [m for m in labs if m.text == "26"]
    assert rr and rr[0].type == "lab_value" and rr[0].norm == "respiratory rate"
    ref = [m for m in find_labs("Creatinine 1.4 mg/dL (RR 0.6-1.2).") if m.text == "0.6-1.2"]
    assert ref and ref[0].type == "lab_reference"


def test_numbers_of_a_list_share_the_unit_written_after_the_last() -> None:
    vals = _values("Her ferritin was 450, 910 and 1,300 ng/mL on three occasions; hemoglobin fell from 11.8 to "
                   "7.9 g/dL.")
    assert vals["450"]["ucum"] == vals["910"]["ucum"] == "ng/mL"
    assert vals["450"]["unit_shared"] is True
    assert vals["11.8"]["ucum"] == "g/dL" and vals["11.8"]["value_si"] == 118.0


def test_no_unit_is_shared_across_an_age_or_a_date() -> None:
    vals = _values("The QTc was 590 msec at the age of 41, 760 msec at 45.")
    assert "41" not in vals or vals["41"]["ucum"] is None
    vals = _values("Platelets fell from 140 × 10^9/L in May 2012 to 9 × 10^9/L.")
    assert "2012" not in vals


def test_titre_written_with_a_slash_only_as_a_serology_result() -> None:
    vals = _values("Antinuclear antibodies were positive at 1/640, speckled.")
    assert vals["1/640"]["test"] == "antinuclear antibodies" and vals["1/640"]["titer"] == "1:640"
    assert _values("She took 1/2 tablet of the drug; 1/10 of the fields showed cells.") == {}


def test_a_percentage_of_a_named_noun_takes_no_earlier_test() -> None:
    vals = _values("The smear had 8% atypical lymphocytes and 4% band forms; neutrophils 70%, lymphocytes 18%.")
    assert vals["4%"]["test"] == "band neutrophils"  # band forms are not lymphocytes (a test of their own: labqa7)
    assert vals["70%"]["test"] == "neutrophils" and vals["18%"]["test"] == "lymphocytes"
    assert _values("Oxygen saturation was 86% on room air.")["86%"]["test"] == "oxygen saturation"


def test_a_flattened_exponent_after_a_space_is_no_thousands_group() -> None:
    from casecourse.api import analyze_text

    course = analyze_text("A 48-year-old man was seen. Platelets were 62 109/L.", assess=False)
    assert [(lab.test, lab.value, lab.value_si) for lab in course.labs] == [("platelets", 62.0, 62.0)]
