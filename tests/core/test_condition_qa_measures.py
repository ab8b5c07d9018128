"""A measurement named after a disease is no diagnosis; intra-abdominal hypertension is not arterial hypertension
(invented sentences, round condqa5)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 40-year-old man. " + text).conditions}


def test_stroke_volume_is_a_measurement() -> None:
    assert _conditions("Cardiac output, stroke volume and stroke volume variation were monitored.") == {}
    assert _conditions("Echocardiography showed a low stroke volume index.") == {}


def test_a_stroke_is_still_a_diagnosis_beside_it() -> None:
    got = _conditions("Her stroke volume was low, and she had an ischemic stroke in 2010.")
    assert any("stroke" in name for name in got)


def test_intra_abdominal_hypertension_is_not_coded_as_arterial_hypertension() -> None:
    course = analyze_text("Case presentation\nA 40-year-old man. He developed intra-abdominal hypertension.")
    assert [c.name for c in course.conditions] == ["intra-abdominal hypertension"]
    assert not any(cd.code == "I10" for c in course.conditions for cd in c.codings)
