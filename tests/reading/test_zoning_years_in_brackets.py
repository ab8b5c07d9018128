"""A year in brackets dates the patient's history unless an author's name stands before it (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.reading.zoning import sentence_zone


@pytest.mark.parametrize("sentence", [
    "Her history included type 2 diabetes mellitus (2011) and a stroke (2019).",
    "The diagnosis was made on the revised criteria (2004), including fever and splenomegaly.",
])
def test_a_year_in_brackets_is_no_citation(sentence: str) -> None:
    assert sentence_zone(sentence, "narrative") == "narrative"


@pytest.mark.parametrize("sentence", [
    "Henderson (2012) found that relapses were frequent.",
    "Relapses were frequent in an earlier series (12).",
])
def test_a_citation_stays_literature(sentence: str) -> None:
    assert sentence_zone(sentence, "narrative") == "literature"


def test_a_history_list_with_years_keeps_its_drugs() -> None:
    course = analyze_text("Past Medical History:\n- Lupus nephritis class IV (2016), treated with azathioprine.\n"
                          "History of Present Illness:\nA 40-year-old woman presented with fever.\n")
    assert "azathioprine" in {e.drug for e in course.exposures}
