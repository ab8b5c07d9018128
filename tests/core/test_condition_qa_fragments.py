"""Conditions of a fourth audit round: diagnoses read shorter than written (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 52-year-old man. " + text).conditions}


def test_an_adjective_written_in_its_other_form_names_the_whole_diagnosis() -> None:
    got = _conditions("Cerebrospinal fluid findings were consistent with tubercular meningitis.")
    assert got.get("tuberculous meningitis") == "confirmed"
    assert "meningitis" not in got


def test_a_common_variant_of_a_curated_name_is_read_whole() -> None:
    got = _conditions("His platelets fell and he developed disseminated intravascular coagulopathy.")
    assert got.get("disseminated intravascular coagulation") == "confirmed"
    got = _conditions("A CT angiogram showed acute mesenteric ischaemia, and he went to theatre.")
    assert got.get("intestinal ischemia") == "confirmed"
    assert "ischemia" not in got
