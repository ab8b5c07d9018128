"""Dates a scan of real reports found impossible (years before 1900 or after the story), on invented stories."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.pipeline import read


def test_an_age_in_a_calendar_story_counts_from_birth_not_from_the_current_date() -> None:
    c = analyze_text("A 52-year-old man presented in June 2018 with polyuria. Gout had been diagnosed at the age of "
                     "40 years.", assess=False)
    (gout,) = [x for x in c.conditions if x.name == "gout"]
    assert gout.time.earliest == "2005" and gout.time.latest == "2007"  # born 1965-1966, aged 40 in 2005-2006


def test_an_age_above_the_patients_is_not_placed_on_the_calendar() -> None:
    c = analyze_text("A 30-year-old woman presented in May 2020 with a rash. Psoriasis usually begins at the age of "
                     "50 years.", assess=False)
    assert all((x.time.earliest or "0")[:4] <= "2020" for x in [*c.conditions, *c.findings])


def test_a_number_before_a_unit_is_no_year() -> None:
    text = "In March 2017 the drain gave 1800 cc of pus; he then received 2000 kcal daily and 1950 mL of fluid."
    years = [m.text for m in read(text).mentions if m.type == "date"]
    assert years == ["March 2017"]


def test_a_pregnancy_is_timed_by_its_gestational_ages() -> None:
    c = analyze_text("A 30-year-old woman presented at 20 weeks of gestation with headache. At 25 weeks she developed "
                     "proteinuria. She was delivered at 29 weeks' gestation, and two days after delivery she had a "
                     "seizure.", assess=False)
    got = {x.name: x.time.offset_days for x in c.findings}
    assert got["headache"] == (0.0, 0.0)
    assert got["proteinuria"] == (35.0, 35.0)  # five weeks on, not 25 weeks after the presentation


def test_a_calendar_pregnancy_counts_its_weeks_from_the_dated_one() -> None:
    c = analyze_text("A 27-year-old woman presented on 2 June 2022 at 30 weeks of gestation with pruritus. At 32 "
                     "weeks, jaundice appeared.", assess=False)
    (j,) = [x for x in c.findings if x.name == "jaundice"]
    assert j.time.point == "2022-06-16"


def test_a_childs_birth_age_is_no_pregnancy_clock() -> None:
    c = analyze_text("A 3-month-old boy born at 34 weeks of gestation presented with fever. At 6 weeks he had "
                     "been admitted with bronchiolitis.", assess=False)
    assert all(x.time.offset_days != (-196.0, -196.0) for x in [*c.findings, *c.conditions])


def test_a_range_of_amounts_is_no_year() -> None:
    assert [m.text for m in read("Ascitic fluid of 1880-3880 mL was drained daily.").mentions if m.type == "date"] == []
