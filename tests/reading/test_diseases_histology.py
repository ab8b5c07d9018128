"""A neoplasm's diagnosis keeps its histologic type, grade and site words (disease_terms.csv histology_qualifier)."""
from __future__ import annotations

import pytest

from casecourse.reading.diseases import find

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    """surface -> label of the conditions of `text`."""
    return {m.text: str(m.attrs.get("label")) for m in find(text) if m.type == "condition"}


@pytest.mark.parametrize(("text", "surface"), [
    ("The excised parotid mass was a mucoepidermoid carcinoma.", "mucoepidermoid carcinoma"),
    ("The core biopsy showed a signet ring cell carcinoma.", "signet ring cell carcinoma"),
    ("The ovarian mass was a mucinous cystadenoma.", "mucinous cystadenoma"),
])
def test_the_type_and_grade_words_stay_with_the_neoplasm(text: str, surface: str) -> None:
    conditions = _conditions(text)
    assert surface in conditions
    assert conditions[surface].lower().startswith(surface.split()[0].lower())


@pytest.mark.parametrize(("text", "surface"), [
    ("A large carcinoma was found in the colon.", "carcinoma"),
    # grade and spread vary between the mentions of one tumour: they would split it into several conditions
    ("Biopsy showed a poorly differentiated adenocarcinoma.", "adenocarcinoma"),
    ("A high-grade sarcoma was resected.", "sarcoma"),
])
def test_other_words_before_a_neoplasm_are_not_taken(text: str, surface: str) -> None:
    assert surface in _conditions(text)


def test_the_extended_name_is_lower_case_after_the_type_words() -> None:
    assert _conditions("A mucinous sarcoma was resected.")["mucinous sarcoma"] == "mucinous sarcoma"


@pytest.mark.parametrize("text", [
    "Initially disease progressed quickly on gemcitabine.",  # an adverb opening the sentence, no eponym
    "Finally disease control was reached.",
    "A woman without any formerly diagnosed diseases presented with chest pain.",  # known before, no kind
])
def test_words_that_name_no_kind_of_disease(text: str) -> None:
    assert not _conditions(text)


def test_an_eponym_after_an_adverb_is_still_read() -> None:
    assert "Crohn disease" in _conditions("Subsequently Crohn disease was diagnosed.")


def test_a_vessel_named_alone_is_no_malformation() -> None:
    assert not _conditions("A stent graft was placed in the aortic arch.")


def test_a_hyphenated_qualifier_is_read_whole() -> None:
    assert "like syndrome" not in _conditions("She developed a Cushing-like syndrome on steroids.")
    assert "post-polio syndrome" in _conditions("He had a post-polio syndrome.")


def test_sinus_node_dysfunction_is_one_diagnosis() -> None:
    conditions = {m.text: m.attrs.get("icd10") for m in find("He had sick sinus node dysfunction.")
                  if m.type == "condition"}
    assert conditions == {"sick sinus node dysfunction": "I49.5"}
