"""A day of the hospital stay names the stay as a time, it is no admission on that day (invented stories)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _admissions(text: str) -> list:
    return [e.time.offset_days for e in analyze_text(text, assess=False).events if e.type == "admission"]


def test_a_day_of_hospitalization_is_no_admission_that_day() -> None:
    assert all(t is None or t[0] < 1 for t in _admissions(
        "A 61-year-old man presented with dyspnea. On day 8 of hospitalization, he developed a rash."))
    assert all(t is None or t[0] < 1 for t in _admissions(
        "A 61-year-old man presented with dyspnea. On the fifth day of admission, he developed a rash."))


def test_an_admission_written_as_one_is_still_read() -> None:
    assert _admissions("A 61-year-old man was admitted with dyspnea. On day 8 of his hospital stay, he improved.") \
        == [(0.0, 0.0)]
