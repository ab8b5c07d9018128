"""A drug told as being taken ("she takes X", "he was taking X", "uses X") is active then; its times are read as for a
drug told alone (invented text)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _exposures(text: str) -> dict[str, tuple]:
    return {e.drug: (e.status, e.segments[0].start) for e in analyze_text(text, assess=False).exposures}


def test_a_drug_she_takes_or_uses_is_active() -> None:
    ex = _exposures("Dear Dr Hale,\n\nI saw Ms Ortiz, aged 52, today. She takes levothyroxine 100 mcg daily and uses a "
                    "budesonide inhaler. He was taking apixaban when he fell.\n")
    assert ex["levothyroxine"][0] == "active"
    assert ex["budesonide"][0] == "active"
    assert ex["apixaban"][0] == "active"


def test_taken_for_years_keeps_its_start_counted_back() -> None:
    ex = _exposures("Case presentation\nIn May 2020, a 40-year-old man presented with tremor. He had been taking "
                    "lithium (800 mg/day) for the past 6 years.")
    status, start = ex["lithium"]
    assert status == "active" and start.point == "2014-05"


def test_taken_until_a_time_or_after_taking_is_no_current_drug() -> None:
    ex = _exposures("Case presentation\nA 33-year-old woman presented with a rash. She was taking dalteparin until "
                    "20 weeks. The rash began after taking amoxicillin.")
    assert ex["dalteparin"][0] != "active"
    assert ex["amoxicillin"][0] != "active"
