"""Every dose period the model allows renders in the report and counts in the steroid exposure (invented story)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.model import PERIOD_DAYS, Timing
from casecourse.report.bars import timing_label
from casecourse.report.html import render_html


def test_every_period_unit_of_the_model_has_a_label_and_a_length() -> None:
    units = Timing.model_fields["period_unit"].annotation.__args__[0].__args__  # the Literal's values
    for unit in units:
        assert timing_label(Timing(frequency=1, period=1, period_unit=unit)), unit
        assert PERIOD_DAYS[unit] > 0


def test_a_course_with_infusion_rates_renders() -> None:
    course = analyze_text("A 70-year-old man in septic shock received noradrenaline 10 µg/min and hydrocortisone "
                          "200 mg/day, then methylprednisolone 1 mg/minute for 30 minutes.")
    html = render_html(course)
    assert "noradrenaline" in html.lower() or "norepinephrine" in html.lower()
