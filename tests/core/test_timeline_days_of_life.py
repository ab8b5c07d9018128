"""Times of an infant's life and of a stay named with its possessor (own sentences)."""
from __future__ import annotations

from casecourse.api import analyze_text
from casecourse.reading.timex import find_timexes


def _finding_offsets(text: str) -> dict[str, tuple[float, float] | None]:
    c = analyze_text("Case presentation\n" + text, assess=False)
    return {f.name: f.time.offset_days for f in c.findings}


def test_days_of_life_count_from_the_birth_not_from_each_other() -> None:
    offsets = _finding_offsets("A male infant was born at term by caesarean section. He developed a fever on day 5 "
                               "of life. A rash appeared on day 9 of life. Jaundice was noted on day 20 of life.")
    assert offsets["fever"] == (4.0, 4.0) and offsets["rash"] == (8.0, 8.0) and offsets["jaundice"] == (19.0, 19.0)


def test_a_mothers_age_is_not_the_infants() -> None:
    # "born to a 37-year-old mother": the infant's story; a day of its life is days, not 37 years, from day 0
    offsets = _finding_offsets("A female infant was born to a 37-year-old mother at 38 weeks. She developed a fever "
                               "on day 5 of life.")
    assert offsets["fever"] == (4.0, 4.0)


def test_a_day_of_the_patients_admission_counts_from_the_admission() -> None:
    found = find_timexes("On the 5th day of the patient's hospital admission, a mass was found.")
    assert [(m.text, m.attrs["rel_anchor"]) for m in found] == [("the 5th day", "admission")]
