"""The timeline on a story without calendar dates: history counted back from the presentation ("3 years ago")
dates its own sentence and does not carry into the present; a "later" right after it counts on from it.
Sentences written for this test."""

from __future__ import annotations

from casecourse.assembly.timeline_story import place_sentences
from casecourse.reading.pipeline import read


def offsets(text: str) -> list[tuple[str, tuple[float, float] | None]]:
    r = read(text)
    return [(" ".join(text[s:e].split()[:2]), t.time.offset_days if t else None)
            for (s, e), t in zip(r.sentences, place_sentences(r), strict=True)]


def mid(span: tuple[float, float] | None) -> float:
    assert span is not None
    return (span[0] + span[1]) / 2


def test_years_ago_dates_its_sentence_and_the_present_stays_at_day_0() -> None:
    got = offsets("A 70-year-old man presented with vomiting. He had asthma since childhood. "
                  "About 20 years ago, he was treated for tuberculosis. He denied smoking. "
                  "His pulse was 88 per minute.")
    assert abs(mid(got[2][1]) + 20 * 365.25) < 20
    assert got[3][1] == (0.0, 0.0) and got[4][1] == (0.0, 0.0)


def test_ago_counts_back_from_day_0_not_from_the_current_time() -> None:
    got = offsets("A 50-year-old woman was admitted with fever. Three months later she developed a rash. "
                  "She had been diagnosed with gout 3 years ago.")
    assert mid(got[1][1]) > 60
    assert abs(mid(got[2][1]) + 3 * 365.25) < 20  # not 3 years before the rash


def test_later_right_after_a_piece_of_history_counts_from_it_and_stays_history() -> None:
    got = offsets("A 40-year-old woman presented with headache. Two years ago, she was diagnosed with lupus. "
                  "Six months later, she developed nephritis. Her blood pressure was 150/90 mmHg.")
    ago, later = mid(got[1][1]), mid(got[2][1])
    assert ago < later < 0 and 120 < later - ago < 240
    assert got[3][1] == (0.0, 0.0)


def test_an_age_at_an_event_is_placed_from_the_patients_present_age() -> None:
    got = offsets("A 40-year-old woman presented with flank pain. At the age of 28 years, she underwent a "
                  "laparotomy. Her temperature was 38.5 C.")
    assert -13 * 366 < mid(got[1][1]) < -11 * 365  # about 12 years before day 0, never after it
    assert got[2][1] == (0.0, 0.0)


def test_an_age_without_the_patients_present_age_does_not_move_the_story() -> None:
    got = offsets("The woman presented with flank pain. At the age of 28 years, she underwent a laparotomy.")
    assert got[1][1] == (0.0, 0.0)


def test_later_after_history_dated_in_passing_counts_from_the_story() -> None:
    got = offsets("A 61-year-old man was admitted with fever. He had been diagnosed with gout 4 years ago. "
                  "Three days later he developed a rash.")
    assert 0 < mid(got[2][1]) < 10


def test_a_reference_to_the_admission_brings_the_story_back_from_history() -> None:
    got = offsets("A 70-year-old man presented with vomiting. Three years earlier, he had tuberculosis. "
                  "He was treated for six months. After admission, ceftriaxone was given. His fever settled.")
    assert mid(got[1][1]) < -900 and mid(got[2][1]) < -900  # the earlier story carries on ...
    assert got[3][1] == (0.0, 0.0) and got[4][1] == (0.0, 0.0)  # ... until the text returns to the admission
