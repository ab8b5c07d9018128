import pytest

from casecourse.reading import doses


def _dose(text: str) -> dict:
    found = [m for m in doses.find(text) if m.type == "dose"]
    assert found, text
    return found[0].attrs


@pytest.mark.parametrize(("text", "value", "unit", "freq", "period", "period_unit"), [
    ("methotrexate 15 mg/week", 15, "mg", 1, 1, "wk"),
    ("belimumab 10 mg/kg every 4 weeks", 10, "mg", 1, 4, "wk"),
    ("valaciclovir 1 g twice daily", 1, "g", 2, 1, "d"),
    ("rituximab 375 mg/m2 weekly", 375, "mg", 1, 1, "wk"),
    ("abatacept 125 mg / week", 125, "mg", 1, 1, "wk"),
    ("colchicine 0.5 mg three times a day", 0.5, "mg", 3, 1, "d"),
    ("golimumab 50 mg monthly", 50, "mg", 1, 1, "mo"),
])
def test_dose_grammar(text: str, value: float, unit: str, freq: int, period: float, period_unit: str) -> None:
    a = _dose(text)
    assert (a["value"], a["unit"], a["frequency"], a["period"], a["period_unit"]) == \
        (value, unit, freq, period, period_unit)


def test_multiplier_range_threshold_and_concentration() -> None:
    assert _dose("3 x 500 mg/day")["value"] == 1500
    r = _dose("prednisolone 30-60 mg daily")
    assert (r["value"], r["value_high"]) == (30, 60)
    assert _dose("kept below 7.5 mg/day")["threshold"] is True
    assert not [m for m in doses.find("CRP 45 mg/L and glucose 5 mmol/L") if m.type == "dose"]


def test_routes_and_standalone_frequency() -> None:
    ms = doses.find("given subcutaneously, then i.v. pulses, and monthly infliximab")
    assert [m.norm for m in ms if m.type == "route"] == ["subcutaneous", "intravenous"]
    assert [m.attrs["period_unit"] for m in ms if m.type == "frequency"] == ["mo"]
