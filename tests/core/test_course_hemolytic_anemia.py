"""Hemolytic anemia is a diagnosis (a condition with a status), not only a sign (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _status(text: str) -> dict[str, str]:
    return {c.name: c.status for c in analyze_text("Case presentation\n" + text).conditions}


def test_hemolytic_anemia_stated_or_denied_is_a_condition() -> None:
    assert _status("She was found to have a hemolytic anemia.").get("hemolytic anemia") == "confirmed"
    assert _status("The smear was bland and no haemolytic anaemia was found.").get("hemolytic anemia") == "refuted"


def test_a_named_kind_keeps_its_own_name() -> None:
    got = _status("He developed autoimmune hemolytic anemia after the infection.")
    assert "autoimmune hemolytic anemia" in got
    assert "hemolytic anemia" not in got
