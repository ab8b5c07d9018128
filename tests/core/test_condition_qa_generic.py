"""A disease head qualified only by a word that says a disease exists or matters names no diagnosis
(invented sentences, round condqa5)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 40-year-old man. " + text).conditions}


@pytest.mark.parametrize("sentence", [
    "The patient had no specific disease before this admission.",
    "Her pre-existing diseases were stable.",
    "She had no risk factors for invasive disease.",
    "He had no coexisting disease in the past.",
    "Such exceptional disorders are seldom seen.",
])
def test_a_generic_qualifier_names_no_diagnosis(sentence: str) -> None:
    assert _conditions(sentence) == {}


def test_a_qualifier_that_names_the_disease_still_does() -> None:
    got = _conditions("She had metastatic disease and a seizure disorder.")
    assert "metastatic disease" in got and len(got) == 2  # the seizure disorder is read as epilepsy
