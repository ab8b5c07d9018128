"""A virus named after another disease names no diagnosis; a term does not run across a full stop (invented
sentences, round condqa6)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text

pytest.importorskip("simple_icd_10_cm")


def _conditions(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\nA 40-year-old man. " + text).conditions}


def test_the_virus_named_after_sars_is_no_sars_diagnosis() -> None:
    got = _conditions("A throat swab was positive for severe acute respiratory syndrome coronavirus 2 on day 1.")
    assert "severe acute respiratory syndrome" not in got and got.get("covid-19") == "confirmed"
    # nor its short form, read as the initials of the disease
    got = _conditions("A nasal swab for severe acute respiratory syndrome coronavirus 2 (SARS-CoV-2) was positive. "
                      "A repeat SARS-CoV-2 swab on day 9 was positive too.")
    assert not any("sars" in name or "severe" in name for name in got)


def test_a_term_does_not_run_across_a_full_stop() -> None:
    # a figure legend's panel letters after a sentence on hepatitis name no hepatitis A or B
    got = _conditions("The liver biopsy showed autoimmune-like hepatitis. A and B panels show the portal tracts.")
    assert "hepatitis a" not in got and "hepatitis b" not in got
    assert _conditions("Serologies showed hepatitis A and B infection.").get("hepatitis a") is not None
