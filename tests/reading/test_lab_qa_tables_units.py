"""Lab results a clinician checks against the text: tables set side by side, units in their own cells or with the
row's interval, table cells written as short sentences, flags written as arrows, and units in clinical spellings
(invented tables and sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.lab_tables import find_table_labs
from casecourse.reading.labs import find_labs
from casecourse.units import convert

SIDE_BY_SIDE = (
    "Table 1. Laboratory data on admission.\n\n"
    "WBC\t1.2\t× 109/L\tUrea\t9.4\tmmol/L\t\n"
    "Platelets\t41\t× 109/L\tProtein\t61.0\tg/L\t\n"
    "Natrium\t129\tmmol/L\tALT\t1.10\tμkat/L\t\n"
    "Haematocrit\t0.31\t\tpH\t7.21\t\t\n"
)
SPACED_BLOCKS = (
    "Table 2. Admission laboratory data.\n\n"
    "Blood count\t\tChemistry\t\n"
    "Hb\t\t10.9\tg/dL\t\tXYZ\t\t5.3\tg/dL\t\n"
    "Plt\t\t12.4×104\t/µL\t\tAnti TG Ab\t\t410\tU/mL\t\n"
    "pO2\t\t71.0\tTorr\t\tCl\t\t101\tmEq/L\t\n"
)
INTERVAL_UNITS = (
    "Table 3. Laboratory course.\n\n"
    "Test\tReference range\tDay 1\tDay 4\t\n"
    "Potassium\t3.5–5.1 mmol/L\t2.9#\t4.0\t\n"
    "Neutrophils (NEU%)\t40.0~75.0\t88.1\t61.0\t\n"
    "Leukocytes\t4.0–10.0 × 103/mm3\t15,300\t9.1\t\n"
)
SENTENCE_CELLS = (
    "Table 4. Results on arrival.\n\n"
    "Full blood count\tChemistry\t\n"
    "White cell count, 103/µL\tPlatelets (103/µL)\t\n"
    "Hb 97 g/L (115–160)\tCr 140 µmol/L (45–90)\t\n"
    "WCC 18.2 × 109/L with 90% neutrophils (4.0–11.0 × 109/L)\tGlucose (3.9–5.5 mmol/L)\t\n"
)


def _by_test(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for m in find_table_labs(text):
        out.setdefault(m.attrs["test"], []).append(m)
    return out


def test_a_second_block_in_the_row_gives_its_values_to_its_own_test_and_units_in_their_own_cells() -> None:
    labs = _by_test(SIDE_BY_SIDE)
    assert [(m.attrs["value"], m.attrs["unit"]) for m in labs["leukocytes"]] == [(1.2, "× 109/L")]
    assert [(m.attrs["value"], m.attrs["unit"]) for m in labs["urea"]] == [(9.4, "mmol/L")]
    assert [m.attrs["value"] for m in labs["platelets"]] == [41.0]
    assert [m.attrs["value"] for m in labs["sodium"]] == [129.0]
    alt = labs["alanine aminotransferase"][0]
    assert alt.attrs["value_si"] == 66.0 and alt.attrs["unit_si"] == "U/L"  # 1.10 µkat/L = 66 U/L
    assert [m.attrs["value"] for m in labs["ph"]] == [7.21]
    # the unknown label ("Protein") names a test of its own: its value is no platelet count
    assert all(m.attrs["value"] != 61.0 for ms in labs.values() for m in ms)
    assert [m.attrs["value"] for m in labs["hematocrit"]] == [0.31]


def test_blocks_apart_by_empty_cells_an_unknown_label_and_an_antibody_row_take_no_neighbours_value() -> None:
    labs = _by_test(SPACED_BLOCKS)
    assert [m.attrs["value"] for m in labs["hemoglobin"]] == [10.9]  # 5.3 g/dL belongs to the unknown "XYZ"
    assert [round(m.attrs["value_si"], 1) for m in labs["platelets"]] == [124.0]
    assert "triglycerides" not in labs  # "Anti TG Ab" is an antibody, not triglycerides ("TG")
    assert [(m.attrs["value"], m.attrs["ucum"]) for m in labs["po2"]] == [(71.0, "mm[Hg]")]
    assert [m.attrs["value"] for m in labs["chloride"]] == [101.0]


def test_the_unit_of_the_rows_interval_footnote_marks_and_a_tilde_interval() -> None:
    labs = _by_test(INTERVAL_UNITS)
    k = labs["potassium"]
    assert [(m.attrs["value"], m.attrs["unit"]) for m in k] == [(2.9, "mmol/L"), (4.0, "mmol/L")]
    assert [m.attrs.get("interpretation") for m in k] == ["L", "N"]
    n = labs["neutrophils"]
    assert [(m.attrs["value"], m.attrs["unit"], m.attrs.get("interpretation")) for m in n] == [
        (88.1, "%", "H"), (61.0, "%", "N")]
    # a count written in full takes no unit in thousands from the interval (it would read 15,300 × 10^3/mm3)
    assert [(m.attrs["value"], m.attrs["unit"]) for m in labs["leukocytes"]] == [(15300.0, None), (9.1, "× 103/mm3")]


def test_table_cells_written_as_sentences_reach_the_course_but_not_their_intervals() -> None:
    course = analyze_text("A 52-year-old man was admitted with vomiting.\n\n" + SENTENCE_CELLS)
    got = {(lab.test, lab.value, lab.unit) for lab in course.labs}
    assert ("hemoglobin", 97.0, "g/L") in got
    assert ("creatinine", 140.0, "µmol/L") in got
    assert ("neutrophils", 90.0, "%") in got
    # intervals and units of labels are no results: no neutrophils 4.0, no glucose 3.9, no count 103
    assert not any(lab.value in (4.0, 11.0, 3.9, 5.5, 103.0) for lab in course.labs)
    hb = next(lab for lab in course.labs if lab.test == "hemoglobin")
    assert hb.interpretation == "L"


def test_an_arrow_after_a_result_is_its_flag_and_no_part_of_its_unit() -> None:
    course = analyze_text("On admission, ALP was 354 IU/L↑ and sodium 128 mEq/L↓.")
    by = {lab.test: lab for lab in course.labs}
    assert by["alkaline phosphatase"].interpretation == "H"
    assert by["alkaline phosphatase"].value_si == 354.0
    assert by["sodium"].interpretation == "L" and by["sodium"].value_si == 128.0


def _values(text: str) -> list[tuple]:
    return [(m.attrs.get("test"), m.attrs.get("value"), m.attrs.get("unit"), m.attrs.get("value_si"))
            for m in find_labs(text) if m.type == "lab_value"]


def test_clinical_unit_spellings() -> None:
    assert _values("Total bilirubin was 52.1 umol/L=3.05 mg/dL.")[0] == ("bilirubin", 52.1, "umol/L", 52.1)
    assert _values("White counts of 9600 cells/mcL.")[0] == ("leukocytes", 9600.0, "cells/mcL", 9.6)
    assert _values("The platelet count was 210 k/mm3.")[0] == ("platelets", 210.0, "k/mm3", 210.0)
    assert _values("A pulse rate of 72  beats/minute.")[0][1:3] == (72.0, "beats/minute")
    assert _values("A pulse rate of 72\u200a beats/minute.")[0][1:3] == (72.0, "beats/minute")
    assert _values("Complement C3 0.9 gr/L.")[0] == ("c3", 0.9, "gr/L", 0.9)
    assert _values("Her RR was 24 rpm.")[0][:3] == ("respiratory rate", 24.0, "rpm")
    assert _values("The sample was spun at 3000 rpm.") == []  # no test: a centrifuge's speed


def test_a_ratio_named_after_its_number_and_a_bracketed_interval_in_another_unit() -> None:
    assert _values("The prothrombin time was 1.35 INR.")[0][:2] == ("international normalized ratio", 1.35)
    got = _values("AST 51 mg/dL (5–34 U/L), calcium 9.1 mg/dL.")
    assert ("aspartate aminotransferase", 0.0, "U/L", 0.0) not in got  # the interval is no result
    assert not any(t == "aspartate aminotransferase" for t, *_ in got)


def test_catalogue_names_of_translated_and_abbreviated_reports() -> None:
    got = {t: v for t, v, *_ in _values(
        "Sodium 131 mEq/L, chlorine 92 mEq/L, anion gap 22 mmol/L, SPO2 89%, cystatin C 1.8 mg/L, "
        "blood ethanol 180 mg/dL, AT III 58%, γ-glutamyltranspeptidase 77 IU/L.")}
    assert got["chloride"] == 92.0 and got["anion gap"] == 22.0 and got["oxygen saturation"] == 89.0
    assert got["cystatin C"] == 1.8 and got["ethanol"] == 180.0 and got["antithrombin activity"] == 58.0
    assert got["gamma-glutamyl transferase"] == 77.0


def test_an_unknown_name_ending_in_a_letter_stops_a_value_from_passing_back() -> None:
    got = _values("Ferritin 800 ng/mL, serum amyloid A 210 mg/L.")
    assert ("ferritin", 800.0) == got[0][:2] and got[1][0] is None


def test_an_annotated_unit_is_not_reached_from_a_unit_without_it() -> None:
    assert convert(60.0, "mL/min", "mL/min/{1.73_m2}") is None
    assert convert(60.0, "mL/min/{1.73_m2}", "mL/min/{1.73_m2}") == 60.0


def test_a_time_in_hours_after_a_test_and_a_bare_threshold_in_a_criteria_table_are_no_results() -> None:
    assert not any(v == 48.0 for _t, v, *_ in _values("Urinalysis at 48 h showed no blood."))
    course = analyze_text("A 40-year-old woman.\n\nTable 5. Causality score.\n\n"
                          "Criterion\tPoints\t\nRechallenge positive, provided ALT below 3N before\t+2\t\n")
    assert not any(lab.test == "alanine aminotransferase" for lab in course.labs)


def test_a_value_the_treatment_aims_to_keep_is_no_result_and_nt_probnp_written_in_full() -> None:
    course = analyze_text("She was given oxygen to maintain her oxygen saturations >92%. SpO2 was 90% on arrival.")
    assert [lab.value for lab in course.labs if lab.test == "oxygen saturation"] == [90.0]
    got = _values("N-terminal prohormone of brain natriuretic peptide 2,310 pg/mL.")
    assert got[0][:2] == ("nt-probnp", 2310.0)


def test_coagulation_factor_activities_the_oxygenation_ratio_and_gram_percent() -> None:
    got = {t: (v, si) for t, v, _u, si in _values(
        "Factor VII activity was 4% and factor X activity 61%; FIX activity 30%. "
        "The PaO2/FiO2 was 180 mmHg. Hb 9.6 gm%.")}
    assert got["factor vii activity"][0] == 4.0 and got["factor x activity"][0] == 61.0
    assert got["factor ix activity"][0] == 30.0
    assert got["pao2/fio2 ratio"][0] == 180.0
    assert got["hemoglobin"] == (9.6, 96.0)


def test_a_name_with_its_colon_keeps_its_value_and_case_tables_and_listed_bounds_are_no_results() -> None:
    got = _values("Differential (Eosinophils: 2% Basophils: 0% Blasts: 12%).")
    assert [(t, v) for t, v, *_ in got] == [("eosinophils", 2.0), ("basophils", 0.0), ("blasts", 12.0)]
    course = analyze_text(
        "A 61-year-old man.\n\nTable 3. Published cases.\n\n"
        "Ref\tCountry\tAge\tSex\tSite\tFindings\tOutcome\t\n"
        "12\tItaly\t54\tM\tBlood\tFever, WBC 16.2 × 109/L, CRP 88 mg/L\tCured\t\n\n"
        "Table 4. Features.\n\nMuscle\t• Raised creatine kinase level >300 U/L\t\n"
        "Marrow\t3% blasts with a hypocellular marrow and a cellularity of 40%\t\n")
    assert not any(lab.value in (16.2, 88.0, 300.0, 40.0) for lab in course.labs)


def test_two_tabs_are_no_space_before_a_unit() -> None:
    from casecourse.reading.labs_values import find_values

    assert [(v.value, v.unit) for v in find_values("CRP\t5.8\t\t165\t\tmg/L")] == [(5.8, None), (165.0, None)]


def test_a_table_value_whose_unit_does_not_fit_its_rows_test_is_no_result_of_it() -> None:
    labs = _by_test("Table 6. Coagulation.\n\nPT\t13.1\ts\t\nPT%\t48\t%\t\n")
    assert [(m.attrs["value"], m.attrs["unit"]) for m in labs["prothrombin time"]] == [(13.1, "s")]


def test_an_unknown_name_after_an_article_stops_a_value_from_passing_back() -> None:
    # (round labqa7: pseudocholinesterase is now catalogued as cholinesterase; an unlisted enzyme takes its place)
    got = _values("an ALT level of 64 U/L, a sorbitol dehydrogenase level of 2100 U/L, and an AST of 40 U/L.")
    assert [(t, v) for t, v, *_ in got] == [("alanine aminotransferase", 64.0), (None, 2100.0),
                                            ("aspartate aminotransferase", 40.0)]


def test_a_differential_count_in_percent_has_the_loinc_code_of_a_share_of_leukocytes() -> None:
    course = analyze_text("The white cell count was 14.2 × 10^9/L with neutrophils 88% and an absolute neutrophil "
                          "count of 12.5 × 10^9/L.")
    codes = {(lab.value, lab.codings[0].code) for lab in course.labs if lab.test == "neutrophils" and lab.codings}
    assert codes == {(88.0, "770-8"), (12.5, "751-8")}


def test_a_short_form_and_its_value_in_brackets_after_a_semicolon() -> None:
    got = _values("Albumin (3.9 g/dL), alanine transaminase (ALT; 61 IU/L), and C-reactive protein [CRP; 12 mg/L].")
    assert [(t, v) for t, v, *_ in got] == [("albumin", 3.9), ("alanine aminotransferase", 61.0),
                                            ("c-reactive protein", 12.0)]
