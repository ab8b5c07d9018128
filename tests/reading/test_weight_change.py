"""A weight change told by a verb is the finding its noun names (own sentences)."""
from __future__ import annotations

import pytest

from casecourse.api import analyze_text
from casecourse.reading.phenotypes import find_phenotypes


def _findings(text: str) -> dict[str, str]:
    return {f.name: f.assertion.value for f in analyze_text("Case presentation\n" + text, assess=False).findings}


@pytest.mark.parametrize(("text", "name"), [
    ("She had lost 7 kg over three months.", "weight loss"),
    ("He had lost about 20 pounds since the spring.", "weight loss"),
    ("She was losing weight despite eating well.", "weight loss"),
    ("He had gained 12 kg on prednisone.", "weight gain"),
])
def test_a_weight_change_told_by_a_verb_is_a_finding(text: str, name: str) -> None:
    assert _findings(text).get(name) == "present"


def test_a_denied_weight_change_is_negated() -> None:
    assert _findings("She had not lost weight.").get("weight loss") == "negated"


def test_the_mention_carries_the_hpo_term_and_spans_verb_and_amount() -> None:
    found = [m for m in find_phenotypes("She had lost 7 kg.") if m.attrs.get("source") == "weight_change"]
    assert [(m.text, m.attrs["hpo"]) for m in found] == [("lost 7 kg", "HP:0001824")]


def test_other_losses_are_no_weight_change() -> None:
    assert "weight loss" not in _findings("He lost 2 L of blood and lost his job.")
