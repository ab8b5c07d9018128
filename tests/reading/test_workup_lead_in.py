"""A specimen's tests named as the lead-in of results ("Blood tests showed ...") take none of the results told after
it; told with their own result ("Blood tests were negative") they keep it (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(sentence: str) -> list[tuple[str, str | None]]:
    return sorted((lab.test, lab.interpretation) for lab in analyze_text("A woman was admitted. " + sentence).labs)


def test_a_lead_in_takes_no_result_of_the_tests_it_introduces() -> None:
    assert _labs("Blood tests showed haemoglobin 71 g/L and undetectable haptoglobin.") == [
        ("haptoglobin", "NEG"), ("hemoglobin", None)]
    assert _labs("Blood tests showed a negative ANA.") == [("antinuclear antibodies", "NEG")]


def test_a_specimens_tests_with_their_own_result_keep_it() -> None:
    assert _labs("Blood tests were negative.") == [("blood test", "NEG")]
    assert _labs("Blood cultures x2 were negative.") == [("blood culture", "NEG")]
