"""Conditions of the condqa12 round (invented sentences): a time told as "following the initial diagnosis of X"
dates the course from X, it suspects nothing."""
from __future__ import annotations

from casecourse.api import analyze_text


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 52-year-old woman. " + text).conditions}


def test_a_time_following_the_initial_diagnosis_suspects_nothing() -> None:
    got = _status("She was seen in clinic two months following the initial diagnosis of sarcoidosis.")
    assert got.get("sarcoidosis") == "confirmed", got
    got = _status("He was discharged 10 days following his initial diagnosis of pyelonephritis.")
    assert got.get("pyelonephritis") == "confirmed", got


def test_an_initial_diagnosis_itself_stays_a_working_diagnosis() -> None:
    got = _status("Following the ultrasound, the initial diagnosis was cholecystitis.")
    assert got.get("cholecystitis") == "provisional", got
