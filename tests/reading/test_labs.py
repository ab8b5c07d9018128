"""find_labs: value forms, comparators, flattened superscripts, SI conversion, qualitative results."""
from __future__ import annotations

import pytest

from casecourse.reading import labs_catalogue
from casecourse.reading.labs import find_labs
from casecourse.units import convert, lookup_unit


def _values(text: str) -> list:
    return [m for m in find_labs(text) if m.type == "lab_value"]


def _one(text: str, written: str):
    found = [m for m in _values(text) if m.text == written]
    assert found, f"no lab_value {written!r} in {[m.text for m in _values(text)]}"
    return found[0]


def test_test_mentions_are_normalised_with_loinc() -> None:
    tests = {m.text: m for m in find_labs("Her Hgb and SGPT were checked; lactic dehydrogenase too.")
             if m.type == "lab_test"}
    assert tests["Hgb"].norm == "hemoglobin" and tests["Hgb"].attrs["loinc"] == "718-7"
    assert tests["SGPT"].norm == "alanine aminotransferase"
    assert tests["lactic dehydrogenase"].attrs["loinc"] == "2532-0"


def test_short_abbreviations_only_in_their_case() -> None:
    assert not [m for m in find_labs("an alternative to alt text in the salt") if m.type == "lab_test"]


def test_mass_concentration_value_attaches_and_converts() -> None:
    m = _one("Serum ferritin rose to 6300 ng/mL on day 3.", "6300 ng/mL")
    assert m.attrs["test"] == "ferritin" and m.attrs["loinc"] == "2276-4"
    assert m.attrs["unit"] == "ng/mL" and m.attrs["value_si"] == 6300 and m.attrs["unit_si"] == "ug/L"


@pytest.mark.parametrize("text,written,test,value,ucum,si", [
    ("The white cell count was 15.8 × 109/L.", "15.8 × 109/L", "leukocytes", 15.8, "10*9/L", 15.8),
    ("WBC 3.2 x 103/µL on admission.", "3.2 x 103/µL", "leukocytes", 3.2, "10*3/uL", 3.2),
    ("Platelets fell to 21,000/mm3 overnight.", "21,000/mm3", "platelets", 21000, "/mm3", 21.0),
    ("Hemoglobin was 13.1 gm/dl at discharge.", "13.1 gm/dl", "hemoglobin", 13.1, "g/dL", 131.0),
    ("Creatinine of 1.2 mg/dL was noted.", "1.2 mg/dL", "creatinine", 1.2, "mg/dL", 106.082),
    ("Triglycerides 156 mg/dL, fasting.", "156 mg/dL", "triglycerides", 156, "mg/dL", 1.76132),
    ("Fibrinogen 150 mg/dL.", "150 mg/dL", "fibrinogen", 150, "mg/dL", 1.5),
    ("Serum sodium 128 mEq/L.", "128 mEq/L", "sodium", 128, "meq/L", 128),
])
def test_units_superscripts_and_si(text, written, test, value, ucum, si) -> None:
    m = _one(text, written)
    assert m.attrs["test"] == test and m.attrs["value"] == value and m.attrs["ucum"] == ucum
    assert m.attrs["value_si"] == pytest.approx(si, rel=1e-4)


def test_comparators() -> None:
    text = "CRP was <0.5 mg/dL while sCD25 was >2400 U/mL and the ESR exceeded 100 mm/h."
    crp, scd25, esr = (_one(text, w) for w in ("<0.5 mg/dL", ">2400 U/mL", "exceeded 100 mm/h"))
    assert (crp.attrs["comparator"], crp.attrs["value_si"]) == ("<", 5.0)
    assert (scd25.attrs["comparator"], scd25.attrs["test"]) == (">", "soluble interleukin-2 receptor")
    assert (esr.attrs["comparator"], esr.attrs["test"]) == (">", "erythrocyte sedimentation rate")


def test_range_and_titre() -> None:
    m = _one("Fibrinogen was 2.1–3.4 g/L over the week.", "2.1–3.4 g/L")
    assert (m.attrs["value"], m.attrs["value_high"]) == (2.1, 3.4)
    t = _one("ANA was present at a titre of 1:160.", "1:160")
    assert t.attrs["test"] == "antinuclear antibodies" and t.attrs["value"] == 160


def test_percent_attaches_to_following_count_without_count_loinc() -> None:
    m = _one("WBC 12.1 × 10^9/L with 80% neutrophils.", "80%")
    # not the absolute count's code (751-8): the share of leukocytes has its own (knowledge/lab_percent_loinc.csv)
    assert m.attrs["test"] == "neutrophils" and m.attrs["loinc"] == "770-8"


def test_bare_number_only_right_after_a_test() -> None:
    assert _one("INR 1.4 on warfarin.", "1.4").attrs["test"] == "international normalized ratio"
    assert not _values("She had 3 children and 2 dogs.")


def test_value_after_compound_word_attaches_to_its_test() -> None:
    m = _one("Hyperferritinaemia (6300 ng/mL) was striking.", "6300 ng/mL")
    assert m.attrs["test"] == "ferritin"


def test_vital_signs_by_unit() -> None:
    bp = _one("On arrival, 120/80 mmHg and 38.5°C.", "120/80 mmHg")
    assert bp.attrs["test"] == "blood pressure" and bp.attrs["diastolic"] == 80
    assert _one("On arrival, 120/80 mmHg and 38.5°C.", "38.5°C").attrs["test"] == "body temperature"


def _interps(text: str) -> set[tuple[str, str, str]]:
    return {(m.text, m.attrs["test"], m.attrs["interpretation"]) for m in find_labs(text)
            if m.type in ("lab_value", "lab_finding") and m.attrs.get("interpretation")}


def test_compound_words_become_interpreted_results() -> None:
    got = _interps("She had leuconeutropenia, lymphopenia, thrombocytopenia and hypertransaminasaemia.")
    assert ("leuconeutropenia", "leukocytes", "L") in got and ("leuconeutropenia", "neutrophils", "L") in got
    assert ("lymphopenia", "lymphocytes", "L") in got and ("thrombocytopenia", "platelets", "L") in got
    assert ("hypertransaminasaemia", "aspartate aminotransferase", "H") in got
    assert ("hypertransaminasaemia", "alanine aminotransferase", "H") in got


def test_compound_word_is_a_lab_finding_not_a_value_span() -> None:
    types = {m.text: m.type for m in find_labs("Labs showed thrombocytopenia and a platelet count of 40 x 10^9/L.")}
    assert types["thrombocytopenia"] == "lab_finding"
    assert any(t == "lab_value" for w, t in types.items() if w.startswith("40"))


def test_hypocomplementaemia_and_normal_complement() -> None:
    # low complement says C3 or C4 is low, not which: the group's own result (knowledge/lab_group_own.csv)
    assert _interps("Hypocomplementaemia was found.") == {("Hypocomplementaemia", "complement", "L")}
    assert _interps("She had low complement levels.") == {("low", "complement", "L")}
    assert _interps("Complement levels were normal.") == {("normal", "c3", "N"), ("normal", "c4", "N")}


def test_adjective_before_test_and_copula_after() -> None:
    assert ("elevated", "lactate dehydrogenase", "H") in _interps("There was an elevated LDH.")
    assert ("high", "c-reactive protein", "H") in _interps("A high CRP suggested infection.")
    assert ("Elevated", "aspartate aminotransferase", "H") in _interps("Elevated transaminases persisted.")
    assert ("negative", "blood culture", "NEG") in _interps("Blood cultures were negative.")


def test_coordinated_and_carried_positivity() -> None:
    got = _interps("Antinuclear antibodies were positive, alongside anti-Ro52 and anti-Sm antibodies.")
    tests = {t for _, t, i in got if i == "POS"}
    assert tests == {"antinuclear antibodies", "anti-ro52 antibodies", "anti-sm antibodies"}
    got = _interps("Anti-dsDNA, anti-Sm and anti-RNP antibodies were negative.")
    assert {t for _, t, i in got if i == "NEG"} == {"anti-double-stranded DNA antibodies", "anti-sm antibodies",
                                                     "anti-rnp antibodies"}


def test_test_then_adjective_without_copula() -> None:
    assert ("positive", "antinuclear antibodies", "POS") in _interps("ANA positive, RF negative.")
    assert ("negative", "rheumatoid factor", "NEG") in _interps("ANA positive, RF negative.")


def test_unit_lookup_and_conversion() -> None:
    assert lookup_unit("gm/dl").ucum == "g/dL"
    assert lookup_unit("per microliter").ucum == "/uL"
    assert convert(9.2, "g/dL", "g/L") == pytest.approx(92)
    assert convert(4.0, "mmol/L", "mg/dL", 885.7) == pytest.approx(354.28)
    assert convert(25000, "ng/mL", "ug/L") == pytest.approx(25000)
    assert convert(101, "[degF]", "Cel") == pytest.approx(38.333, abs=1e-3)
    assert convert(3, "mm[Hg]", "g/L") is None


def test_output_is_deterministic_and_sorted() -> None:
    text = "WBC 3.2 × 10^9/L, Hb 9 g/dL, elevated LDH; ANA positive."
    a, b = find_labs(text), find_labs(text)
    assert a == b and [m.start for m in a] == sorted(m.start for m in a)


def test_reference_interval_is_not_a_result() -> None:
    got = {m.text: m.type for m in find_labs("ALT was 293 U/L (normal range, <50 U/L).")}
    assert got["293 U/L"] == "lab_value" and got["<50 U/L"] == "lab_reference"


def test_drug_dose_is_not_a_lab_value() -> None:
    assert not _values("She was given prednisone 20 mg/day and meropenem 0.5 g/day.")


def test_unnamed_test_results_are_kept_apart_from_labs() -> None:
    ms = find_labs("The electrocardiogram was normal and a chest film showed increased markings.")
    results = {(m.text, m.attrs["interpretation"]) for m in ms if m.type == "test_result"}
    assert results == {("normal", "N"), ("increased", "H")}
    assert not _values("The electrocardiogram was normal.")


def test_a_unitless_value_takes_the_unit_of_its_interval_in_parentheses() -> None:
    from casecourse.reading.labs import find_labs

    ms = [m for m in find_labs("Potassium was 6.1 (3.5-5.1 mmol/L) and urea 14 (normal 2.5-7.8 mmol/L).")
          if m.type in ("lab_value", "lab_reference")]
    got = [(m.type, m.norm, m.attrs["value"], m.attrs["unit"]) for m in ms]
    assert ("lab_value", "potassium", 6.1, "mmol/L") in got
    assert ("lab_reference", "potassium", 3.5, "mmol/L") in got
    assert any(t == "lab_value" and v == 14 and u == "mmol/L" for t, _, v, u in got)
    assert not any(t == "lab_value" and v in (3.5, 2.5) for t, _, v, _ in got)


def test_an_interval_marked_as_normal_after_a_full_value_is_a_reference() -> None:
    from casecourse.reading.labs import find_labs

    ms = find_labs("The viral load was 5400 IU/mL (N <100 IU/mL).")
    assert [m.attrs["value"] for m in ms if m.type == "lab_reference"] == [100]
    assert [m.attrs["value"] for m in ms if m.type == "lab_value"] == [5400]


def test_unit_before_a_line_break_is_read() -> None:
    v = _one("The ferritin was 812 ng/ml.\nCT showed no mass.", "812 ng/ml")
    assert v.attrs["ucum"] == "ng/mL" and v.norm == "ferritin"


def test_signed_values_and_falling_values_are_two_numbers() -> None:
    assert _one("Base excess was −4.2 mmol/L today.", "−4.2 mmol/L").attrs["value"] == -4.2
    assert _one("hearing loss (–60 dB) on both sides", "–60 dB").attrs["value"] == -60
    assert not [m for m in _values("IL-6 and CA 19-9 were sent") if m.attrs.get("value", 0) < 0]
    before, after = _one("urea fell from 41 to 12 mmol/L", "41"), _one("urea fell from 41 to 12 mmol/L", "12 mmol/L")
    assert before.norm == after.norm == "urea" and after.attrs["value"] == 12
    assert before.attrs["unit"] == "mmol/L" and before.attrs["unit_shared"]  # the one unit after "from 41 to 12"


def test_body_measurements_scores_and_intervals_anchor_their_values() -> None:
    text = "Her birth weight was 3.1 kg and head circumference 34 cm; Apgar scores were 8, 9 and 9."
    assert _one(text, "3.1 kg").norm == "body weight" and _one(text, "34 cm").norm == "head circumference"
    assert [m.attrs["value"] for m in _values(text) if m.norm == "apgar score"] == [8, 9, 9]
    assert _one("The QTc was 512 ms on day 2.", "512 ms").norm == "qt interval"
    assert not _values("a 4 cm mass and 20 mL of fluid")  # a size or a volume alone is no result


def test_pressure_without_unit_only_after_blood_pressure() -> None:
    assert _one("Her blood pressure was 150/95 on arrival.", "150/95").attrs["diastolic"] == 95
    assert not _values("Visual acuity was 20/60 in the left eye.")


def test_range_in_the_values_unit_after_it_is_the_reference_interval() -> None:
    found = {m.text: m.type for m in find_labs("potassium, 2.9 mmol/L (3.5–5.1 mmol/L); sodium 140 mmol/L")}
    assert found["2.9 mmol/L"] == "lab_value" and found["3.5–5.1 mmol/L"] == "lab_reference"


def test_anchor_words_file_values_but_name_no_test() -> None:
    found = find_labs("She reported weight loss of 6 kg; the Rotterdam score was 1.2.")
    assert not [m for m in found if m.type == "lab_test"]  # 'weight loss' stays a finding's words
    loss = _one("She reported weight loss of 6 kg; the Rotterdam score was 1.2.", "6 kg")
    assert loss.norm is None and loss.attrs["change"]  # the amount lost, not a body weight of 6 kg
    assert _one("Her weight was 61 kg on admission.", "61 kg").norm == "body weight"
    score = _one("She reported weight loss of 6 kg; the Rotterdam score was 1.2.", "1.2")
    assert score.norm is None and score.attrs["test"] is None


def test_percentiles_spelled_units_and_multiplied_concentrations() -> None:
    assert _one("length 49 cm (25th percentile)", "25th percentile").attrs["value"] == 25
    assert _one("hemoglobin of 9.9 grams per deciliter", "9.9 grams per deciliter").attrs["ucum"] == "g/dL"
    assert _one("HBV DNA 3.4 × 105 IU/mL at baseline", "3.4 × 105 IU/mL").attrs["ucum"] == "10*5.[IU]/mL"


def test_a_percentage_with_no_test_named_is_a_value_without_a_test() -> None:
    m = _one("The mutation had an allele burden of 38.5%.", "38.5%")
    assert m.attrs["test"] is None and m.attrs["value"] == 38.5
    assert _one("Differential count showed 72% neutrophils.", "72%").attrs["test"] == "neutrophils"


def test_increase_in_a_list_of_tests_and_a_value_in_parentheses_before_the_verb() -> None:
    got = _interps("Labs showed an increase in serum urea and in creatinine values, as well as in potassium.")
    assert {("increase", "urea", "H"), ("increase", "creatinine", "H"), ("increase", "potassium", "H")} <= got
    got = _interps("CRP and serum ferritin levels (>900) were raised.")
    assert ("raised", "ferritin", "H") in got and ("raised", "c-reactive protein", "H") in got
    assert _one("CRP and serum ferritin levels (>900) were raised.", ">900").attrs["test"] == "ferritin"
    assert ("normalization", "alanine aminotransferase", "N") in _interps("We saw normalization of liver enzymes.")


def test_new_catalogue_rows_g6pd_carnitine_ch50_indirect_coombs() -> None:
    assert ("within the normal range", "glucose-6-phosphate dehydrogenase", "N") in _interps(
        "G6PD activity was within the normal range.")
    assert ("low", "free carnitine", "L") in _interps("She had low free plasma carnitine.")
    assert ("negative", "indirect antiglobulin test", "NEG") in _interps("The indirect Coombs test was negative.")
    assert ("normal", "total hemolytic complement", "N") in _interps("CH50 was normal.")


def test_a_virus_type_number_after_a_serology_is_no_value() -> None:
    assert not [m for m in _values("HIV 1,2 antigen/antibody test was non-reactive.") if m.attrs.get("value")]
    assert _one("Anti-dsDNA was 45.", "45").attrs["value"] == 45.0


def test_a_rate_after_a_rhythm_finding_is_a_heart_rate() -> None:
    assert _one("On arrival she had a sinus tachycardia of 132/minute.", "132/minute").norm == "heart rate"
    assert _one("The ECG showed atrial fibrillation (96/min).", "96/min").attrs["value"] == 96
    found = find_labs("She had a history of tachycardia.")
    assert not [m for m in found if m.type in ("lab_test", "lab_value")]  # a rhythm word names no test


def test_a_range_written_between_two_numbers() -> None:
    m = _one("Warfarin was dosed to keep the INR between 2 and 3.", "between 2 and 3")
    assert (m.norm, m.attrs["value"], m.attrs["value_high"]) == ("international normalized ratio", 2.0, 3.0)
    assert _one("heart rate between 45 and 55 beats per min", "between 45 and 55 beats per min").attrs["ucum"] == "/min"
    assert not _values("Recurrent pain between 2009 and 2012 led to imaging.")  # years, no test: no value


def _results(text: str) -> set[tuple[str, str | None]]:
    return {(m.text, m.attrs["interpretation"]) for m in find_labs(text) if m.type == "test_result"}


def test_result_words_poor_slow_unchanged_and_expressed() -> None:
    assert _results("Flow through the graft remained poor and gait was slow.") == {("poor", "A"), ("slow", "L")}
    assert _results("A repeat echocardiogram showed no significant changes.") == {("no significant changes", None)}
    assert _results("Cytokeratin 7 was expressed in the tumour cells.") == {("expressed", "POS")}
    assert _results("Her diabetes was poorly controlled.") == {("poorly controlled", "A")}


def test_a_history_is_not_a_test_result() -> None:
    assert _results("His past medical history was unremarkable; family history was otherwise unremarkable.") == set()
    assert _results("The abdominal examination was unremarkable.") == {("unremarkable", "N")}


def test_a_lesion_size_is_not_a_body_measurement() -> None:
    assert not _values("Her height was noted; the mass measured 3.1 cm in height and 2.2 cm × 1.8 cm in diameter.")
    assert _one("Her height was 158 cm.", "158 cm").norm == "body height"


def test_numbered_complement_and_cytokeratin_names_are_no_values() -> None:
    found = find_labs("CRP 12 mg/L, complement 3 (0.52 g/L) and complement 4 (0.09 g/L).")
    assert {(m.text, m.norm) for m in found if m.type == "lab_value"} == {
        ("12 mg/L", "c-reactive protein"), ("0.52 g/L", "c3"), ("0.09 g/L", "c4")}
    found = find_labs("Tumour cells stained for CK 7 and CK 5/6 but not CK 20.")
    assert {m.norm for m in found if m.type == "lab_test"} == {"cytokeratin 7", "cytokeratin 5/6", "cytokeratin 20"}
    assert not _values("Tumour cells stained for CK 7 and CK 5/6 but not CK 20.")


def test_a_result_word_heading_a_finding_is_kept_with_it() -> None:
    from casecourse.reading.pipeline import read

    ms = read("Examination revealed reduced breath sounds on the left.").mentions
    assert any(m.type == "test_result" and m.text == "reduced" for m in ms)
    assert any(m.type == "finding" and "breath sounds" in m.text for m in ms)


def test_reference_range_phrases_state_results() -> None:
    assert _results("Electrolytes were all within normal reference ranges.") == {
        ("within normal reference ranges", "N")}
    assert _results("Adrenal androgens were below the lower limit of assay detection.") == {
        ("below the lower limit of assay detection", "L")}
    assert _results("Its values stayed above the upper limit of normal.") == {("above the upper limit of normal", "H")}


def test_a_short_form_in_parentheses_between_test_and_value() -> None:
    assert _one("Her performance status (PS) was 2 on admission.", "2").norm == "performance status"
    assert _one("Anti-ds DNA <10 IU/mL.", "<10 IU/mL").norm == "anti-double-stranded DNA antibodies"
    assert _one("urine leukocyte 120 Cell/uL", "120 Cell/uL").attrs["ucum"] == "/uL"


def test_ventilator_readings_and_measured_amounts() -> None:
    assert _one("Ventilator settings: Vt 300 mL (8 mL/kg), PEEP 5 cm H2O.", "8 mL/kg").norm == "tidal volume"
    assert _one("Ventilator settings: Vt 300 mL (8 mL/kg), PEEP 5 cm H2O.", "5 cm H2O").norm == \
        "positive end-expiratory pressure"
    assert not [m for m in find_labs("She was on positive end-expiratory pressure of 5 cm H2O.")
                if m.type == "test_result"]
    assert _one("FiO2 was decreased to 0.35 the next day.", "0.35").norm == "fraction of inspired oxygen"
    m = _one("The 24-hour urine calcium was normal, 4.1 mmol, and urine volume was 1.9 L.", "4.1 mmol")
    assert m.norm == "urine calcium" and m.attrs["ucum"] == "mmol"
    assert _one("The 24-hour urine calcium was normal, 4.1 mmol, and urine volume was 1.9 L.", "1.9 L").norm == \
        "urine volume"
    # "normal" predicated of the test names no reference interval
    assert _one("Urine calcium was also normal 3.2 mmol.", "3.2 mmol").type == "lab_value"


def test_spaced_hyphen_test_names_are_the_test() -> None:
    m = _one("Hb 10.2 g/dL, C- reactive protein 41 mg/L and white blood count 12.1 × 109/L.", "41 mg/L")
    assert m.norm == "c-reactive protein"
    assert not [r for r in find_labs("C- reactive protein 41 mg/L") if r.type == "test_result"]
    assert _one("Hb 10.2 g/dL and white blood count 12.1 × 109/L.", "12.1 × 109/L").norm == "leukocytes"


def _result_words(text: str) -> list[str]:
    return [m.text for m in find_labs(text) if m.type in ("test_result", "lab_value")]


def test_describing_words_and_disease_states_are_no_results() -> None:
    assert _result_words("A biopsy showed reactive lymphoid hyperplasia.") == []
    assert _result_words("She reported worsening shortness of breath.") == []
    assert _result_words("Imaging showed stable disease after four cycles.") == []
    # still results when predicated, before a measured noun, or of a named test
    assert _result_words("The VDRL test was reactive.") == ["reactive"]
    assert _result_words("He had worsening renal function.") == ["worsening"]
    assert _result_words("Her symptoms were worsening.") == ["worsening"]
    assert _result_words("The liver enzymes remained stable.") == ["stable"]


def test_a_change_from_one_value_to_another_is_two_values() -> None:
    found = [(m.text, m.attrs["test"]) for m in _values("Her ALT rose from 52 to 380 U/L.")]
    assert found == [("52", "alanine aminotransferase"), ("380 U/L", "alanine aminotransferase")]
    assert [m.text for m in _values("The LVEF increased from 0.25 to 0.50 on treatment.")
            if m.attrs.get("value") is not None] == ["0.25", "0.50"]
    assert [m.text for m in _values("Her haemoglobin ranged from 8 to 10 g/dL.")] == ["8 to 10 g/dL"]


def test_rr_names_the_respiratory_rate_outside_a_reference_interval() -> None:
    assert _one("On arrival he had a RR of 32 and fever.", "32").norm == "respiratory rate"
    refs = [m.text for m in find_labs("Potassium 4.1 mmol/L (RR 3.5-5.0 mmol/L).") if m.type == "lab_reference"]
    assert refs == ["3.5-5.0 mmol/L"]
    assert _one("Serum lactate was normal (1.1 mmol/L, normal range 0.5-2.2 mmol/L).", "1.1 mmol/L").norm == "lactate"


def test_thousands_per_microlitre_and_autoantibody_values() -> None:
    assert _one("WBC 4.1 k/uL and platelets 210 k/uL.", "4.1 k/uL").attrs["ucum"] == "10*3/uL"
    assert _one("ANA was positive 1:320, anti-RNP 96 and anti-Smith 41.", "96").norm == "anti-rnp antibodies"
    assert not [m for m in _values("HIV 1 and 2 antibodies were sent.") if m.attrs.get("value") is not None]


def test_an_excretion_per_day_is_a_lab_value() -> None:
    assert _one("Her 24-hour proteinuria was 2.4 g/24 h.", "2.4 g/24 h").norm == "urine protein"
    assert _one("Urine protein excretion was 450 mg/day.", "450 mg/day").norm == "urine protein"


def test_a_dose_change_and_a_preparation_strength_are_no_results() -> None:
    assert _result_words("Her prednisone dosage was increased to 20 mg daily.") == []
    assert _result_words("Infliximab (5 mg/kg, increased to 10 mg/kg) was given.") == []
    assert _result_words("Her glucose increased to 300 mg/dL.") == ["increased", "300 mg/dL"]
    assert _result_words("The specimen was fixed in 10% neutral buffered formalin.") == []
    assert _result_words("She received 2 L of 5% dextrose solution.") == []
    assert _result_words("About 30% of the tumour cells were positive.") == ["30%", "positive"]


def test_interval_labels_abnormal_lesions_and_dose_changes_are_no_results() -> None:
    assert _result_words("ANA was 0.3 (0–0.8 negative).") == ["0.3"]
    assert _result_words("CT showed an abnormal mass in the liver.") == []
    assert _result_words("The Schirmer test was abnormal.") == ["abnormal"]
    assert _result_words("The dose of oral methotrexate was reduced by half.") == []
    assert _result_words("Cabergoline was increased up to 1 mg/week.") == []


def test_thin_spaces_group_thousands() -> None:
    # typeset case reports group digits with thin spaces (U+2005, U+2009, U+202F)
    from casecourse.reading.labs_values import find_values

    for sp in ("\u2005", "\u2009", "\u202f"):
        vals = find_values(f"The count was 12{sp}000{sp}cells/mm3.")
        assert [v.value for v in vals] == [12000.0]
    assert [v.value for v in find_values("Doses of 12 000 mg.")] != [12000.0]


def test_more_standalone_result_words() -> None:
    from casecourse.reading.pipeline import read_mentions

    def interp(text: str) -> list[str | None]:
        return [m.attrs.get("interpretation") for m in read_mentions(text) if m.type in ("lab_value", "test_result")]

    assert interp("Her liver enzymes were WNL.") == ["N"]
    assert interp("The vancomycin trough was subtherapeutic.") == ["L"]
    assert interp("The digoxin level was supratherapeutic.") == ["H"]
    assert interp("HCV RNA was below the detection limit.") == ["L"]


def test_a_catalogue_name_is_read_in_the_other_number_and_without_hyphens() -> None:
    # the catalogue lists "double-stranded DNA antibodies"; texts also write one antibody, or no hyphen
    for text in ("Double-stranded DNA antibody was negative.", "Double stranded DNA antibodies were negative."):
        hits = labs_catalogue.find_tests(text)
        assert [h.test.name for h in hits] == ["anti-double-stranded DNA antibodies"], text


def test_values_listed_respectively_go_to_the_tests_in_order() -> None:
    vals = {m.text: m.attrs.get("test") for m in find_labs(
        "Erythrocyte sedimentation rate, serum C-reactive protein (CRP) and procalcitonin rose to 80 mm/h, "
        "210 mg/L and 12.5 ng/mL, respectively.") if m.type == "lab_value"}
    assert vals == {"80 mm/h": "erythrocyte sedimentation rate", "210 mg/L": "c-reactive protein",
                    "12.5 ng/mL": "procalcitonin"}


def test_up_to_states_the_peak_not_a_bound() -> None:
    (m,) = [m for m in find_labs("Ferritin rose up to 9800 ng/mL.") if m.type == "lab_value"]
    assert m.attrs["value"] == 9800 and m.attrs["comparator"] is None


def test_a_no_break_space_groups_thousands_before_a_count_unit() -> None:
    (m,) = [m for m in find_labs("Platelets were 85\u00a0000/µL.") if m.type == "lab_value"]
    assert m.attrs["value"] == 85000
