"""The timeline read as a clinician reads it (timeqa9): a four-digit 24-hour clock time with an hours word
("at 0300 h", "at 2245 hours") is a time of day, not hundreds of hours later; "the 24th week of her pregnancy" is
how far the pregnancy had gone (a gestational age; a TIMEX3 DATE as the corpora annotate it), not a week of the
illness. Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline_story import place_sentences
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


def fact_days(text: str) -> dict[str, tuple[float, float] | None]:
    from casecourse.api import analyze_text
    c = analyze_text(text, assess=False)
    return {(getattr(x, "name", None) or getattr(x, "type", None)): x.time.offset_days
            for x in c.conditions + c.findings + c.events}


def test_a_presentation_told_right_after_a_history_time_is_day_0() -> None:
    got = fact_days("A 70-year-old man with a partial gastrectomy 30 years ago presented to the emergency department "
                    "with vomiting and fever. His temperature was 39 C.")
    assert got["vomiting"] == (0.0, 0.0)  # not 30 years ago
    assert got["admission"] == (0.0, 0.0)
    got = fact_days("A 50-year-old woman who had undergone a kidney transplant 4 years earlier was admitted to the "
                    "intensive care unit with fever and hypoxemia.")
    assert got["fever"] == (0.0, 0.0)
    assert got["kidney transplant recipient"][1] < -365  # the history keeps its time


def test_a_recent_stay_of_the_history_stays_history() -> None:
    got = fact_days("A 75-year-old woman presented with fever. She had heart failure and was recently hospitalized "
                    "for an episode of diverticulitis.")
    assert got["diverticulitis"] is not None and got["diverticulitis"][0] < 0


def test_the_story_comes_back_to_the_presentation_after_the_history() -> None:
    got = times("A 70-year-old woman presented to the emergency department with abdominal pain. Ten years earlier, "
                "she had a hip replacement. Two years later, she developed hip pain and underwent revision. The "
                "patient presented to the emergency department with abdominal pain and was hypotensive. CT showed a "
                "perforation.")
    assert mid(got[2]) < -365
    assert mid(got[3]) == 0.0 and mid(got[4]) == 0.0
    got = times("A 60-year-old man had diabetes. Five weeks before, he had a foot ulcer treated at a clinic. He "
                "presented for the current admission with fever. His temperature was 39 C.")
    assert mid(got[2]) == 0.0 and mid(got[3]) == 0.0


def test_a_visit_to_another_hospital_or_a_return_is_not_the_presentation() -> None:
    from casecourse.assembly.timeline_story import _RETURNS_TO_PRESENTATION as returns
    assert returns.search("He went to the emergency department of a local hospital.") is None
    assert returns.search("Two weeks after discharge, he returned to the emergency department.") is None
    assert returns.search("She went to the emergency department.") is not None
