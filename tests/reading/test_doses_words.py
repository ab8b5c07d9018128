"""Doses without numbers, cycles, and numbers that are not doses (invented sentences)."""
from __future__ import annotations

import pytest

from casecourse.reading import doses


def _doses(text: str) -> list[tuple[str, dict]]:
    return [(m.text, m.attrs) for m in doses.find(text) if m.type == "dose"]


def test_qualitative_doses_carry_no_value() -> None:
    found = _doses("High-dose methotrexate, then a low dose of prednisone.")
    assert [t for t, _ in found] == ["High-dose", "low dose"]
    assert all("value" not in a for _, a in found) and found[0][1]["qualitative"] == "high"


def test_cycles() -> None:
    assert [(t, a["cycles"]) for t, a in _doses("After four cycles and then 2 further courses.")] == \
        [("four cycles", 4), ("2 further courses", 2)]


@pytest.mark.parametrize("text", [
    "A 22G needle was used.",
    "The variant c.115G>T was found.",
    "She weighed 3132 g at birth.",
    "Thoracocentesis drained 350 mL of fluid.",
    "Creatinine clearance was 73 mL/min.",
    "Urea was 55 milligrams/deciliter.",
    "Urinary norepinephrine 468 μg (normal range 23-105).",
])
def test_not_doses(text: str) -> None:
    assert _doses(text) == []


def test_volume_given_is_a_dose() -> None:
    assert [t for t, _ in _doses("500 mL of saline was infused.")] == ["500 mL"]
    assert _doses("He got 1 g twice daily.")[0][1]["frequency"] == 2


def test_frequency_after_a_dose_or_route_is_part_of_the_dosage() -> None:
    found = doses.find("Losartan (50 mg, oral, once daily) and cefazolin 1 g i.v. q8h were given; thrice weekly visits")
    kinds = {m.text: m.type for m in found}
    assert kinds["once daily"] == "dose" and kinds["q8h"] == "dose"
    assert kinds["thrice weekly"] == "frequency"
    assert next(m for m in found if m.text == "q8h").attrs["period_unit"] == "h"


def test_number_placeholder_only_replaces_the_token_n() -> None:
    assert doses.parse_frequency("every 6 months") == (1, 6.0, "mo")
    assert doses.parse_frequency("thrice daily") == (3, 1.0, "d")


def test_run_together_numbers_are_not_read_as_doses() -> None:
    from casecourse.reading.doses import find

    text = ("Bilirubin\t0.950.465635\tmg/dl\nThe infections were severe.14,16,17 mg were not given. "
            "Prednisone 2,5 mg daily.")
    doses = [m for m in find(text) if m.type == "dose"]
    assert [(m.attrs["value"], m.attrs["unit"]) for m in doses] == [(2.5, "mg")]
