"""doses.find: measured amounts and ventilator volumes are no doses; given amounts stay doses."""
from __future__ import annotations

from casecourse.reading import doses


def _doses(text: str) -> list[str]:
    return [m.text for m in doses.find(text) if m.type == "dose"]


def test_a_measured_amount_of_substance_is_no_dose() -> None:
    assert _doses("Her 24-hour urinary sodium excretion was low at 12 mmol.") == []
    assert _doses("The serum potassium was low, so potassium chloride 40 mEq was given.") == ["40 mEq"]
    assert _doses("Potassium was low and she was supplemented with potassium 20 mmol.") == ["20 mmol"]
    assert _doses("She received 30 mmol of phosphate.") == ["30 mmol"]


def test_a_ventilation_volume_is_no_dose() -> None:
    assert _doses("Tidal volume was kept at 6 mL/kg of ideal body weight.") == []
    assert _doses("Ventilator settings: Vt 300 mL (8 mL/kg), PEEP 5 cm H2O.") == []
    assert _doses("Gentamicin 5 mg/kg was given once daily and 20 mL/kg of saline was infused.") == \
        ["5 mg/kg", "20 mL/kg"]


def test_an_excretion_rate_is_no_dose() -> None:
    assert _doses("Her 24-hour proteinuria was 2.4 g/24 h.") == []
    assert _doses("Vancomycin 1 g/24 h was given.") == ["1 g/24 h"]  # with its interval (expqa9)
    assert _doses("Prednisone 60 mg/day was started for proteinuria.") == ["60 mg/day"]


def test_a_roman_numeral_of_a_class_or_stage_is_no_intravenous_route() -> None:
    from casecourse.reading import doses

    text = "Urinalysis showed proteinuria of 2.4 g/day and red cell casts; biopsy confirmed class IV lupus nephritis."
    assert [(m.type, m.text) for m in doses.find(text)] == []  # an excretion rate, and no route
    assert not [m for m in doses.find("NYHA class IV heart failure, stage III-IV disease.") if m.type == "route"]
    got = [(m.type, m.text) for m in doses.find("Furosemide 40 mg IV was given.")]
    assert ("route", "IV") in got and ("dose", "40 mg") in got


def test_a_rate_per_hour_or_minute_spelled_out_is_part_of_the_dose() -> None:
    got = {m.text: m.attrs.get("period_unit") for m in doses.find("Insulin was infused at 0.1 units/kg/hour and "
                                                                  "norepinephrine at 0.1 mcg/kg/minute.")}
    assert got == {"0.1 units/kg/hour": "h", "0.1 mcg/kg/minute": "min"}
    assert not doses.find("Her heart rate was 80 beats per minute.")  # a vital sign's unit is no frequency
