"""A history list's shorthand dates each item by its year: "diagnosed 2015", "stopped 2019" (invented text)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.reading.timex import find_timexes


@pytest.mark.parametrize(("text", "year"), [
    ("Rheumatoid arthritis (diagnosed 2014) on methotrexate.", "2014"),
    ("Methotrexate stopped 2018 because of cytopenias.", "2018"),
    ("Gout (dx 2009).", "2009"),
])
def test_a_participle_dates_its_item(text: str, year: str) -> None:
    assert [m.attrs.get("value") for m in find_timexes(text)] == [year]


def test_a_number_after_a_participle_is_no_year_unless_it_is_one() -> None:
    assert [m.attrs.get("value") for m in find_timexes("She was diagnosed 3 weeks later.")] == ["P3W"]
    assert find_timexes("We diagnosed 2015 patients.") == []


def test_the_history_lists_dates_reach_the_course() -> None:
    course = analyze_text("Past Medical History:\n- Rheumatoid arthritis, diagnosed 2014.\n"
                          "History of Present Illness:\nA 60-year-old man presented in March 2021 with fever.\n")
    assert {c.name: c.time.point for c in course.conditions}.get("rheumatoid arthritis") == "2014"
