"""A course of stated length ("1 g daily for 3 days") ends when that length is over (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _exposures(text: str) -> dict:
    return {e.drug: e for e in analyze_text(text, assess=False).exposures}


def test_a_stated_length_on_a_day_axis_ends_the_course() -> None:
    exp = _exposures("A 30-year-old woman presented with fever. She received dexamethasone 10 mg/m2 daily "
                     "for 2 weeks.")["dexamethasone"]
    assert exp.status == "completed"
    assert exp.end is not None and exp.end.offset_days == (14.0, 14.0)
    assert exp.end.derivation == "relative"


def test_a_stated_length_on_the_calendar_keeps_the_start_precision() -> None:
    exps = _exposures("A 40-year-old man was admitted in March 2019. Pulse methylprednisolone 1 g daily for 3 days "
                      "was given, followed by oral prednisone 60 mg/day.")
    mp = exps["methylprednisolone"]
    assert mp.status == "completed" and mp.end is not None and mp.end.precision == "month"
    assert mp.end.earliest == "2019-03"
    assert exps["prednisone"].end is None and exps["prednisone"].status != "completed"


def test_a_length_not_attached_to_the_dose_does_not_end_it() -> None:
    exp = _exposures("A 40-year-old man presented with arthritis. Methotrexate 15 mg weekly was started, and "
                     "the pain had lasted for 3 months.")["methotrexate"]
    assert exp.end is None
