"""A dose rate per minute (vasopressors: 'noradrenaline 0.1 µg/kg/min') has a label and draws (it crashed the page)."""
from casecourse.model import Dose, Timing
from casecourse.report.bars import dose_label


def test_per_minute_rates_have_a_label() -> None:
    per_min = Timing(frequency=1, period=1, period_unit="min")
    assert dose_label(Dose(value=0.1, unit="ug", per="kg"), per_min) == "0.1 ug/kg/min"
    assert dose_label(Dose(value=0.03, unit="U"), per_min) == "0.03 U/min"
