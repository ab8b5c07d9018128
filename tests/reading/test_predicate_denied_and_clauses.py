"""An examined part and its state: a denied state ("the liver was not palpable") is a denied finding, while an
absent sign ("bowel sounds were absent") is the finding; "liver edge" and "spleen tip" are the organs; "neither ...
nor" and ", and" clauses. Every sentence here is invented."""
from __future__ import annotations

from casecourse.api import analyze_text


def _findings(text: str) -> set[tuple[str, str]]:
    return {(f.name, f.assertion.value) for f in analyze_text(text, assess=False).findings}


def test_a_denied_state_denies_the_finding() -> None:
    assert _findings("On examination the liver was not palpable.") == {("hepatomegaly", "negated")}
    assert _findings("The liver and spleen were not palpable.") == {("hepatomegaly", "negated"),
                                                                   ("splenomegaly", "negated")}


def test_an_absent_sign_is_present() -> None:
    assert ("absent bowel sounds", "present") in _findings("The abdomen was tense. Bowel sounds were absent.")


def test_organ_edge_and_tip() -> None:
    assert _findings("The liver edge was palpable 4 cm below the costal margin.") == {("hepatomegaly", "present")}
    assert _findings("The spleen tip was palpable.") == {("splenomegaly", "present")}
    assert _findings("The liver edge was not palpable.") == {("hepatomegaly", "negated")}


def test_neither_nor() -> None:
    assert _findings("Neither liver nor spleen was palpable.") == {("hepatomegaly", "negated"),
                                                                  ("splenomegaly", "negated")}


def test_comma_and_starts_a_clause_of_its_own() -> None:
    found = _findings("There was no tenderness, and bowel sounds were absent.")
    assert ("absent bowel sounds", "present") in found
    assert ("lymphadenopathy", "present") in _findings(
        "Liver and spleen were not palpable, and lymph nodes were enlarged.")
    assert {("hepatomegaly", "present"), ("splenomegaly", "present"), ("lymphadenopathy", "present")} <= _findings(
        "The liver, spleen, and lymph nodes were enlarged.")
