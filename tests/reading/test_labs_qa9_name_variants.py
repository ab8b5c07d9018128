"""Round labqa5: catalogue name variants as case reports write them, and "standard" labelling a bracketed reference
interval (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(sentence: str) -> dict[tuple[str, float | None], str | None]:
    course = analyze_text("Case presentation\n" + sentence, assess=False)
    return {(lab.test, lab.value): lab.interpretation for lab in course.labs}


def test_name_variants() -> None:
    assert ("leukocytes", 13100.0) in _labs("The white blood-cell count was 13,100 cells per mm3.")
    assert ("beta-hydroxybutyrate", 4.2) in _labs("Serum ketones showed b-hydroxybutyrate of 4.2 mmol/L.")
    assert ("nt-probnp", 2100.0) in _labs("Pro-brain natriuretic peptide was 2100 ng/L.")


def test_standard_labels_a_bracketed_interval_not_a_result() -> None:
    assert _labs("NT-proBNP was 2400 ng/L (standard <300 ng/L for age 10-15 years).") == {("nt-probnp", 2400.0): "H"}
    assert _labs("Standard bicarbonate was 18 mmol/L.") == {("bicarbonate", 18.0): None}
