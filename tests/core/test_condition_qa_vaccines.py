"""A vaccine named by its disease, and an organism's binomial whose epithet lost its last letter, are no diagnosis
(invented sentences, round condqa5)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.reading.organisms import misspelled_binomial

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 40-year-old man. " + text).conditions}


@pytest.mark.parametrize("sentence", [
    "She had a flu shot last autumn.",
    "A tetanus shot was not administered.",
    "He received tetanus toxoid in the emergency department.",
    "Influenza immunization was up to date.",
])
def test_a_vaccine_told_by_another_word_is_no_diagnosis(sentence: str) -> None:
    assert _conditions(sentence) == {}


def test_the_disease_itself_is_still_read() -> None:
    assert _conditions("He had influenza last winter.") == {"influenza": "confirmed"}


@pytest.mark.parametrize("sentence", [
    "Blood cultures grew Streptococcus pneumonia.",
    "Sputum culture was positive for Streptococcus pneumonia.",
    "He was given a set of pneumococcal, Haemophilus influenza type B (Hib), and meningococcal vaccines.",
    "Klebsiella pneumonia was identified in the sputum cultures.",  # the genus opening its sentence
])
def test_a_misspelled_binomial_found_by_a_test_is_the_organism(sentence: str) -> None:
    assert _conditions(sentence) == {}


def test_an_infection_named_by_its_organism_is_still_a_diagnosis() -> None:
    got = _conditions("A boy with Mycoplasma pneumonia was admitted.")
    assert len(got) == 1 and next(iter(got.values())) == "confirmed"
    text = "He had Klebsiella pneumonia and was given meropenem."
    assert not misspelled_binomial(text, text.index("Klebsiella"), text.index(" and"))
