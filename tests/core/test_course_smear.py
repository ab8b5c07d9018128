"""Cells seen or denied on a blood smear are qualitative results of the smear (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(text: str) -> dict[str, str | None]:
    return {lab.test: lab.interpretation for lab in analyze_text("Case presentation\n" + text).labs}


def test_a_cell_seen_on_a_smear_is_a_positive_result() -> None:
    assert _labs("Her peripheral smear showed many teardrop cells.").get("teardrop cells") == "POS"
    assert _labs("Rouleaux formation was noted on the blood film.").get("rouleaux formation") == "POS"


def test_a_cell_denied_on_a_smear_is_a_negative_result() -> None:
    assert _labs("The blood smear showed no schistocytes.").get("schistocytes") == "NEG"


def test_no_smear_named_no_result() -> None:
    assert "spherocytes" not in _labs("Spherocytes were described in her brother.")
