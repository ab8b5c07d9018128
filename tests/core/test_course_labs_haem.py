"""Haematology, myeloma and sarcoidosis tests in the course (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(sentence: str) -> list[tuple]:
    course = analyze_text("A 57-year-old woman was admitted in 2020. " + sentence, assess=False)
    return [(lab.test, lab.comparator, lab.value, lab.unit) for lab in course.labs]


def test_adamts13_activity_and_inhibitor_are_results() -> None:
    got = _labs("Her ADAMTS-13 activity was below 10%, with an ADAMTS13 inhibitor titer of 1.4 BU/mL.")
    assert ("adamts13 activity", "<", 10.0, "%") in got
    assert ("adamts13 inhibitor", None, 1.4, "BU/mL") in got


def test_serum_ace_and_beta2_microglobulin_are_results_not_drugs() -> None:
    course = analyze_text("A 57-year-old woman. Serum ACE was 77 U/L and beta-2 microglobulin was 5.1 mg/L.",
                          assess=False)
    got = [(lab.test, lab.value, lab.unit) for lab in course.labs]
    assert ("angiotensin-converting enzyme", 77.0, "U/L") in got and ("beta-2 microglobulin", 5.1, "mg/L") in got
    assert course.exposures == []


def test_m_protein_is_not_total_protein_and_flc_ratio_is_read() -> None:
    got = _labs("Serum protein electrophoresis showed an M-spike of 2.7 g/dL; the free light chain "
                "ratio (kappa/lambda) was 64.")
    assert ("monoclonal protein", None, 2.7, "g/dL") in got
    assert not any(t == "total protein" for t, *_ in got)
    assert ("free light chain ratio", None, 64.0, None) in got


def test_a_urine_ratio_per_gram_of_creatinine_is_a_result_not_a_dose() -> None:
    course = analyze_text("A 57-year-old woman. Her urine protein/creatinine ratio was 2.4 g/g, later 900 mg/g.",
                          assess=False)
    got = [(lab.test, lab.value, lab.unit) for lab in course.labs]
    assert ("urine protein/creatinine ratio", 2.4, "g/g") in got
    assert ("urine protein/creatinine ratio", 900.0, "mg/g") in got


def test_an_anca_antigen_named_after_the_family_test_is_the_specific_antibody() -> None:
    course = analyze_text("A 66-year-old man. ANCA were strongly positive for MPO (88 IU/mL), and anti-GBM antibodies "
                          "were negative.", assess=False)
    got = [(lab.test, lab.value, lab.interpretation) for lab in course.labs]
    # the result word and its value are one result (assembly/lab_stated.py)
    assert ("anti-myeloperoxidase antibodies", 88.0, "POS") in got
    assert not any(t == "anti-myeloperoxidase antibodies" and i == "NEG" for t, _, i in got)


def test_a_myeloperoxidase_stain_of_blasts_is_no_antibody() -> None:
    course = analyze_text("A 66-year-old man. ANCA were negative. The blasts were MPO positive.", assess=False)
    assert not any(lab.test == "anti-myeloperoxidase antibodies" for lab in course.labs)


def test_a_positive_result_stays_positive_before_another_tests_negative_clause() -> None:
    course = analyze_text("A 66-year-old man. Anti-Ro antibodies were positive, and anti-La antibodies were "
                          "negative.", assess=False)
    got = {(lab.test, lab.interpretation) for lab in course.labs}
    assert ("anti-ro antibodies", "POS") in got or any(t.startswith("anti-ro") and i == "POS" for t, i in got)
    assert not any(t.startswith("anti-ro") and i == "NEG" for t, i in got)
    course = analyze_text("A 66-year-old man. ANA was not positive.", assess=False)
    assert [(lab.test, lab.interpretation) for lab in course.labs] == [("antinuclear antibodies", "NEG")]


def test_urine_calcium_is_not_serum_calcium() -> None:
    got = _labs("Serum calcium was 11.2 mg/dL and 24-hour urinary calcium was 410 mg/day.")
    assert ("calcium", None, 11.2, "mg/dL") in got and ("urine calcium", None, 410.0, "mg/day") in got
    assert not any(t == "urine protein" for t, *_ in _labs("Urinary calcium excretion was 390 mg/24 h."))


def test_a_helicobacter_pylori_test_in_a_negative_list_is_read() -> None:
    course = analyze_text("A 57-year-old woman. HIV, hepatitis B and Helicobacter pylori tests were negative.",
                          assess=False)
    got = {(lab.test, lab.interpretation) for lab in course.labs}
    assert ("Helicobacter pylori test", "NEG") in got and ("hiv serology", "NEG") in got  # the catalogue's HIV test


def test_hepatitis_b_markers_are_their_catalogue_tests_once() -> None:
    course = analyze_text("A 57-year-old woman. Hepatitis B surface antigen was negative, and hepatitis B core "
                          "antibody was positive.", assess=False)
    got = sorted((lab.test, lab.interpretation) for lab in course.labs)
    assert got == [("hepatitis b core antibody", "POS"), ("hepatitis b surface antigen", "NEG")]


def test_a_change_to_a_value_is_no_high_or_low_flag() -> None:
    course = analyze_text("A 57-year-old woman. Her hemoglobin increased to 9.8 g/dL, and ferritin had decreased to "
                          "2,900 ng/mL.", assess=False)
    got = [(lab.test, lab.value, lab.interpretation) for lab in course.labs]
    assert ("hemoglobin", 9.8, None) in got and ("ferritin", 2900.0, None) in got
    assert not any(v is None and i in ("H", "L") for _, v, i in got)
    course = analyze_text("A 57-year-old woman. Ferritin was increased.", assess=False)
    assert [(lab.test, lab.interpretation) for lab in course.labs] == [("ferritin", "H")]


def test_ebv_dna_is_a_viral_load_not_a_serology() -> None:
    course = analyze_text("A 57-year-old woman. Plasma EBV DNA was 3,400 copies/mL.", assess=False)
    got = [(lab.test, lab.value) for lab in course.labs]
    assert ("Epstein-Barr virus viral load", 3400.0) in got and not any(t == "ebv serology" for t, _ in got)
