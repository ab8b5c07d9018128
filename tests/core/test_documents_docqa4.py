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


# --- the death event carries its cause --------------------------------------------------------------------------

def _death_detail(text: str) -> str | None:
    return next(e.detail for e in analyze_text(text).events if e.type == "death")


def test_a_death_told_with_its_date_before_the_cause_carries_the_cause() -> None:
    text = "A 79-year-old woman was admitted on 11/04/2024 with cholangitis. She died on 17/04/2024 from septic shock."
    assert _death_detail(text) == "septic shock"


def test_a_date_after_the_cause_is_not_part_of_it() -> None:
    text = "A 79-year-old woman was admitted on 11/04/2024 with cholangitis. She died of septic shock on 17/04/2024."
    assert _death_detail(text) == "septic shock"


def test_a_cause_of_death_label_gives_the_immediate_cause() -> None:
    text = ("DEATH SUMMARY\nDate of admission: 02/05/2024\n\nCause of death:\n1a. Cardiogenic shock\n"
            "1b. Anterior myocardial infarction\n\nHe was admitted with chest pain and died on 05/05/2024.\n")
    assert _death_detail(text) == "Cardiogenic shock"


def test_a_day_of_the_stay_is_no_cause() -> None:
    # a guard: "of his stay" after "on day N" tells when, not why
    text = "A 79-year-old man was admitted on 11/04/2024 with a stroke. He died on day 12 of his stay."
    assert _death_detail(text) is None


# --- "hold X given Y" in prose: "given" is "because of", the drug is held ----------------------------------------

def test_a_drug_held_given_a_reason_is_stopped_not_given() -> None:
    text = ("A 66-year-old woman with type 2 diabetes on metformin was admitted on 03/02/2025 with vomiting. "
            "We decided to hold metformin given acute kidney injury.")
    metformin = next(e for e in analyze_text(text).exposures if e.drug == "metformin")
    assert metformin.status == "stopped"


def test_a_drug_given_after_its_name_is_still_given() -> None:
    # a guard: with no cue before the drug, "given" is the dose given
    text = "A 30-year-old man was admitted on 03/02/2025 with pneumonia. Ceftriaxone was given intravenously."
    assert next(e for e in analyze_text(text).exposures if e.drug == "ceftriaxone").status != "stopped"
