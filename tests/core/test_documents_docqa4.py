"""Drugs in letters and summaries read as a clinician reads them, fourth round (docqa4): each test an invented
sentence that failed before its rule."""
from __future__ import annotations

from casecourse.api import analyze_text


def _doses(text: str) -> dict[str, list[float | None]]:
    return {e.drug: [s.dose.value if s.dose else None for s in e.segments] for e in analyze_text(text).exposures}


# --- a combination written with a hyphen names both ingredients, as the slash form does -------------------------

def test_a_hyphenated_combination_names_both_ingredients_with_their_amounts() -> None:
    doses = _doses("Admitted on 03/02/2025 with heart failure. Medications: sacubitril-valsartan 97/103 mg twice "
                   "daily, levodopa-carbidopa 100/25 mg three times daily.")
    assert doses["sacubitril"] == [97.0] and doses["valsartan"] == [103.0]
    assert doses["levodopa"] == [100.0] and doses["carbidopa"] == [25.0]


def test_a_hyphen_after_a_non_drug_word_makes_no_combination() -> None:
    # a guard (passes before and after): only a drug, hyphen, drug is a combination
    drugs = {e.drug for e in analyze_text("She was started on aspirin for her non-valvular fibrillation, and a "
                                          "heparin-induced rash was seen.").exposures}
    assert drugs == {"aspirin", "heparin"}


def test_a_product_after_its_own_ingredient_is_no_second_drug() -> None:
    # a guard (passes before and after): the hyphen rule adds no second course of the product
    drugs = {e.drug for e in analyze_text("He was treated with trimethoprim-cotrimoxazole for ten days.").exposures}
    assert drugs == {"trimethoprim"}
