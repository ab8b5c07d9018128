"""'Positivity for' is a positive result like 'positive for', and 'antinuclear' named in a list of antibodies whose
head closes the list is the ANA test (reading/labs_qualitative.py, knowledge/labs.csv)."""
from __future__ import annotations

from casecourse.api import analyze_text

_OPENING = "A 30-year-old woman was admitted with arthritis. "


def _results(sentence: str) -> list[tuple[str, str | None]]:
    return sorted((lab.test, lab.interpretation) for lab in analyze_text(_OPENING + sentence, assess=False).labs)


def test_positivity_for_a_list_of_antibodies() -> None:
    assert _results("Serology showed positivity for antinuclear, anti-Smith and anti-RNP antibodies.") == [
        ("anti-rnp antibodies", "POS"), ("anti-sm antibodies", "POS"), ("antinuclear antibodies", "POS")]


def test_negativity_for_an_antigen() -> None:
    assert _results("Serology showed negativity for hepatitis B surface antigen.") == [
        ("hepatitis b surface antigen", "NEG")]


def test_antinuclear_sharing_the_head_of_a_pair() -> None:
    assert _results("Antinuclear and anti-DNA antibodies were negative.") == [
        ("anti-double-stranded DNA antibodies", "NEG"), ("antinuclear antibodies", "NEG")]
