"""Pregnancy as a condition of the patient: stated of her in the story, not denied (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\n" + text).conditions}


@pytest.mark.parametrize("text", [
    "A 31-year-old primigravida at 24 weeks of gestation presented with a headache.",
    "She was 18 weeks pregnant when the rash appeared.",
    "A pregnant woman aged 27 was admitted with dyspnea.",
])
def test_a_pregnant_patient_has_the_pregnancy_as_a_condition(text: str) -> None:
    assert _status(text).get("pregnancy") == "confirmed"


@pytest.mark.parametrize("text", [
    "A 44-year-old non-pregnant woman presented with a headache.",
    "A 29-year-old woman was admitted; she was not pregnant.",
    "A 52-year-old man was admitted with dyspnea.",
])
def test_no_pregnancy_where_the_story_denies_or_never_states_it(text: str) -> None:
    assert "pregnancy" not in _status(text)
