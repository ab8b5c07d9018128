"""Round labqa11: results filed under a neighbour (a gamma-glutamyl transferase written with the Greek letter glued, a
base deficit read as a base excess of the opposite sign) and other misreadings of running text (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    course = analyze_text("Case presentation\nA man was admitted with jaundice.\n" + text, assess=False)
    return [(lab.test, lab.value, lab.unit, lab.interpretation) for lab in course.labs]


def test_gamma_gt_with_the_greek_letter_glued_is_no_alt() -> None:
    labs = _labs("Cholestatic tests rose (ALP 410 IU/l, ALT 95 IU/l, γGT 870 IU/l).")
    assert ("gamma-glutamyl transferase", 870.0, "IU/l", None) in labs
    assert ("alanine aminotransferase", 870.0, "IU/l", None) not in labs


def test_gamma_glutamyl_transferase_in_two_words_names_the_ggt() -> None:
    labs = [lab[:3] for lab in _labs("Her γ-glutamyl transferase was 212 U/L on the third day.")]
    assert ("gamma-glutamyl transferase", 212.0, "U/L") in labs


def test_base_deficit_is_not_a_base_excess_of_the_same_sign() -> None:
    labs = [lab[:3] for lab in _labs("The arterial gas showed a pH of 7.18 and a base deficit of 14 mmol/L.")]
    assert ("base deficit", 14.0, "mmol/L") in labs
    assert not [lab for lab in labs if lab[0] == "base excess"]


def test_a_range_labelled_normal_after_it_is_the_interval_no_result() -> None:
    labs = _labs("Ferritin fell to 30 ng/mL (20–250 ng/mL is normal) after two months.")
    assert [lab[:3] for lab in labs] == [("ferritin", 30.0, "ng/mL")]
    assert labs[0][3] == "N"


def test_a_table_without_header_keeps_its_first_row() -> None:
    table = "Table 2. Blood tests on the ward\n\nCalcium\t2.91 mmol/L\t\nPhosphate\t0.62 mmol/L\t\nAlbumin\t31 g/L\t\n"
    labs = [lab[:3] for lab in _labs(table)]
    assert ("calcium", 2.91, "mmol/L") in labs
    assert ("phosphate", 0.62, "mmol/L") in labs


def test_potassium_written_as_its_symbol_in_an_electrolyte_list() -> None:
    labs = [lab[:3] for lab in _labs("Electrolytes were Na 131 mmol/L, K 6.1 mmol/L and Cl 97 mmol/L.")]
    assert ("potassium", 6.1, "mmol/L") in labs


def test_the_symbol_k_without_a_potassium_unit_names_no_test() -> None:
    labs = _labs("K. pneumoniae grew from the urine and vitamin K 10 mg was given.")
    assert not [lab for lab in labs if lab[0] == "potassium"]
