"""'last year', 'last month', 'next week': a unit of the calendar before or after the writing time. Without a calendar
date such a time is the span the unit allows before or after day 0, an estimate; the sentence after it is back at
day 0 (invented text)."""
from __future__ import annotations

from timeline_probe import at

from casecourse.api import analyze_text


def test_last_year_dates_its_sentence_within_two_years_before_day_0() -> None:
    text = "A 61-year-old man was seen in the clinic. He had a myocardial infarction last year. He reports a dry cough."
    t = at(text, "myocardial")
    assert t.offset_days == (-730.0, -1.0)
    assert t.derivation == "estimated"
    assert at(text, "cough").offset_days == (0.0, 0.0)


def test_last_month_and_a_stop_told_with_it() -> None:
    course = analyze_text("A 47-year-old woman was reviewed. She stopped simvastatin last month because of muscle "
                          "pain. She takes metformin.", assess=False)
    statin = next(e for e in course.exposures if e.drug == "simvastatin")
    stop = statin.segments[-1].end
    assert stop is not None and stop.offset_days == (-61.0, -1.0) and stop.derivation == "estimated"


def test_a_stretch_of_a_life_is_no_time_of_the_writing() -> None:
    text = "A 70-year-old woman was admitted. She was bedbound during her last year of life. She developed sepsis."
    assert at(text, "bedbound").offset_days == (0.0, 0.0)


def test_with_a_calendar_date_last_year_is_the_year_before() -> None:
    course = analyze_text("Clinic date: 12 May 2024\n\nDear Dr Okafor,\n\nI saw Mr Reyes today. He had a stroke last "
                          "year.\n", assess=False)
    stroke = next(c for c in course.conditions if "stroke" in c.name.lower())
    assert stroke.time is not None and stroke.time.point == "2023"
