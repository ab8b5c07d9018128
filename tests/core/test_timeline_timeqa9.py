"""The timeline read as a clinician reads it (timeqa9): a four-digit 24-hour clock time with an hours word
("at 0300 h", "at 2245 hours") is a time of day, not hundreds of hours later; "the 24th week of her pregnancy" is
how far the pregnancy had gone (a gestational age; a TIMEX3 DATE as the corpora annotate it), not a week of the
illness. Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline import place_sentences
from casecourse.model import TimeRef
from casecourse.reading.pipeline import read
from casecourse.reading.timex import find_timexes


def times(text: str) -> list[TimeRef | None]:
    return [t.time if t else None for t in place_sentences(read(text))]


def mid(t: TimeRef | None) -> float:
    assert t is not None and t.offset_days is not None
    return (t.offset_days[0] + t.offset_days[1]) / 2


def found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.attrs.get("value")) for m in find_timexes(text)}


def test_four_digit_clock_time_with_an_hours_word_is_a_time_of_day() -> None:
    got = found("At 0300 h the nurse found him cyanotic; by 2245 hours he was extubated.")
    assert got["0300 h"] == ("time", "XXXX-XX-XXT03:00")
    assert got["2245 hours"] == ("time", "XXXX-XX-XXT22:45")


def test_four_digit_hours_without_a_signal_stay_an_amount() -> None:
    # no leading zero and no "at"/"by": a count of hours, as written
    got = found("The pump had run for 1200 hours before it failed.")
    assert got["1200 hours"][0] == "duration"


def test_a_night_time_clock_does_not_move_the_story_by_weeks() -> None:
    got = times("A 4-year-old girl was admitted with cough and fever for 3 days. On admission she was febrile. "
                "At 0300 h she had a generalised seizure. She was discharged after 4 days.")
    assert mid(got[2]) < 2.0  # the night of the stay, not 300 hours (12.5 days) later
    assert mid(got[3]) == 4.0


def test_a_week_of_pregnancy_is_a_gestational_age_not_a_story_time() -> None:
    text = ("A 29-year-old woman, in the 24th week of her second pregnancy, presented with a 4-day history of "
            "flank pain and fever. She was hypotensive. She was discharged on the 6th postoperative day.")
    tx = next(m for m in find_timexes(text) if m.text == "the 24th week")
    assert tx.attrs.get("gestational") and tx.attrs.get("timex_type") == "DATE"
    got = times(text)
    assert mid(got[0]) == 0.0  # the presentation is day 0, not about 24 weeks into the story
    assert mid(got[1]) == 0.0


def test_an_ordinal_week_of_the_stay_still_moves_the_story() -> None:
    got = times("A 60-year-old man was admitted with pneumonia. In the third week of admission he developed a rash.")
    assert mid(got[1]) > 7.0


def test_a_year_after_a_capitalised_cue_opening_the_sentence_is_a_date() -> None:
    got = found("From 2001 to 2016 she had recurrent abscesses. During 2017, the rash spread to her trunk.")
    assert got["2017"] == ("date", "2017")
    assert got["2001"] == ("date", "2001")


def test_a_year_told_after_during_dates_its_sentence() -> None:
    got = times("A 45-year-old man had psoriasis since 2001. During 2017, the disease flared with pustules. "
                "He was admitted to our ward.")
    assert got[1] is not None and got[1].point == "2017"
