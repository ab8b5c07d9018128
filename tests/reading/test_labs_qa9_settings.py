"""Round labqa5: a ventilator setting said high or low is a strategy, not a result (invented sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text


def _labs(sentence: str) -> list[tuple[str, float | None, str | None]]:
    course = analyze_text("Case presentation\n" + sentence, assess=False)
    return [(lab.test, lab.value, lab.interpretation) for lab in course.labs]


def test_a_setting_said_high_or_low_is_no_result() -> None:
    assert _labs("He was ventilated with low tidal volumes and a high PEEP because of the hypoxemia.") == \
        [("po2", None, "L")]
    assert _labs("She needed increased FiO2 on the third day.") == []


def test_a_written_setting_value_is_kept() -> None:
    assert ("positive end-expiratory pressure", 12.0, None) in _labs("The PEEP was set to 12 cmH2O.")
